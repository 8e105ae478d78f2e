#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QPair>

#include <optional>

namespace depot {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

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

// Header values and names as they may go on the wire: no CR, LF or NUL (header injection).
QByteArray sanitizeHeaderValue(QByteArrayView value);
bool isHeaderToken(QByteArrayView name);
QByteArray headerValue(const HeaderList &headers, QByteArrayView name);
const char *reasonPhrase(int status);
// A non-negative decimal of 1 to 18 digits and nothing else (no sign, no spaces): the grammar of
// Content-Length, Range positions and our count fields; nullopt otherwise.
std::optional<qint64> parseDigits(QByteArrayView text);

} // namespace depot
