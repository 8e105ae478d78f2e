#pragma once

#include "codec/HttpGrammar.h"
#include "codec/HttpStatus.h"

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

// An answer serialised once and sent many times (a hosted endpoint's static answer, kept by
// endpoints/EndpointCache): the status line and header lines as ResponseWriter writes them,
// and the body. Each send adds the exchange's own headers, nosniff, Content-Length, Date,
// X-Request-Id and Connection (HttpExchange::respondPrepared).
struct PreparedResponse
{
    int status = 200;
    QByteArray head; // status line and header lines
    bool nosniff = false;
    QByteArray body;

    static PreparedResponse from(const HttpResponse &response);
};

} // namespace depot
