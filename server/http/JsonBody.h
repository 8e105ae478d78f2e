#pragma once

#include "http/HttpExchange.h"

#include <QJsonObject>

namespace depot {

// The request body as a JSON object, or a 400 naming the problem (and nullopt).
std::optional<QJsonObject> jsonObjectBody(const ExchangePtr &exchange);

} // namespace depot
