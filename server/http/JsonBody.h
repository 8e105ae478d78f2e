#pragma once

#include "http/HttpExchange.h"

#include <QJsonObject>

namespace depot {

// The request body as a JSON object, or nullopt after answering: 415 when the Content-Type
// declares something else than JSON, 400 when the body is not a JSON object.
std::optional<QJsonObject> jsonObjectBody(const ExchangePtr &exchange);

// True for a request that declares no type of its own: no Content-Type, or curl -d's default
// application/x-www-form-urlencoded. Such a body is read as the route's format (JSON; a dump's
// XML or JSON by its first character) instead of being refused with 415.
bool declaresNoBodyType(const QByteArray &contentType);

} // namespace depot
