#pragma once

#include "codec/HttpGrammar.h"

#include <QByteArray>
#include <QHostAddress>
#include <QString>

namespace depot {

// The one serializer of answers on the wire, for handlers' answers (http/HttpExchange) and the
// guard's own refusals (ConnectionState, ConnectionGuard) alike: status line, the given headers
// (invalid names and framing headers dropped, CR/LF/NUL stripped from values), then
// X-Content-Type-Options: nosniff, Content-Length, Date, X-Request-Id and Connection.
class ResponseWriter
{
public:
    enum class Persistence {
        KeepAlive,       // HTTP/1.1 default: no Connection header
        KeepAliveHttp10, // an HTTP/1.0 client asked for keep-alive: "Connection: keep-alive"
        Close,           // "Connection: close"; the connection closes after the answer
    };

    // `contentLength` is ignored for statuses that have no body (1xx, 204, 304).
    static QByteArray head(int status, const HeaderList &headers, qint64 contentLength,
                           const QByteArray &requestId, Persistence persistence);
    // head() in three steps, for answers serialised once and sent many times: the status line,
    // header lines (filtered as above; *nosniff set when one is X-Content-Type-Options), then
    // nosniff unless given, Content-Length, Date, X-Request-Id, Connection and the blank line.
    static void appendStatusLine(QByteArray &out, int status);
    static void appendHeaders(QByteArray &out, const HeaderList &headers, bool *nosniff);
    static void appendTail(QByteArray &out, int status, qint64 contentLength, bool nosniff,
                           const QByteArray &requestId, Persistence persistence);
    // A complete JSON error answer {"error","detail"} that closes the connection.
    static QByteArray refusal(int status, const QString &detail, const HeaderList &headers,
                              const QByteArray &requestId);
    static QByteArray newRequestId();
    static QByteArray httpDate();

    // One log line per request, answered or refused:
    // request rid=<id> <address> "<METHOD> <target>" <status> <bytes>B <ms>ms[ <suffix>]
    // Query values are left out (they may be secrets: ?password=, ?delete_token=).
    // The target with query values masked (?password=*), as the log shows it.
    static QByteArray loggableTarget(const QByteArray &target);
    static void log(const QByteArray &requestId, const QHostAddress &remote,
                    const QByteArray &method, const QByteArray &target, int status, qint64 bytes,
                    double milliseconds, const QString &suffix = {});
};

} // namespace depot
