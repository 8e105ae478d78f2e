#pragma once

#include "codec/HttpStatus.h"
#include "codec/HttpGrammar.h"

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QPair>

#include <optional>

namespace depot {

// A complete answer held in memory. Large files go through HttpExchange::respondFile instead.
struct HttpResponse
{
    int status = 200;
    HeaderList headers;
    QByteArray body;

    static HttpResponse json(int status, const QJsonValue &value);
    static HttpResponse bytes(int status, const QByteArray &contentType, const QByteArray &body);

    // Replaces any header of the same name (names compare case-insensitively).
    void setHeader(const QByteArray &name, const QByteArray &value);
    QByteArray header(const QByteArray &name) const;
};

} // namespace depot
