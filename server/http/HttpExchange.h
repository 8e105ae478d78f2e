#pragma once

#include "http/ApiError.h"
#include "http/FileHandle.h"
#include "http/HttpResponse.h"
#include "net/ConnectionState.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QJsonValue>
#include <QPointer>
#include <QTcpSocket>
#include <QVarLengthArray>

#include <functional>
#include <memory>
#include <optional>

#include <QHttpServerRequest>

namespace depot {

// The path parameters of the matched route: a handful, so a list kept in place (no hashing,
// no allocation of its own).
class RouteParams
{
public:
    void insert(const QString &name, const QString &value);
    QString value(const QString &name) const;

private:
    QVarLengthArray<QPair<QString, QString>, 3> m_items;
};

struct AuthUser
{
    qint64 id = 0;
    QString username;
    QString plan;
};

// One request and its answer. Handlers get a shared pointer and may answer at once or later
// (timers, processes, downloads): the answer is written only if the client is still connected,
// in request order on its connection, and logged once. Nothing here blocks.
class HttpExchange
{
    Q_DECLARE_TR_FUNCTIONS(HttpExchange)

public:
    HttpExchange(const QHttpServerRequest &request, QTcpSocket *socket, const QString &publicUrl,
                 bool logRequests);
    // A request QHttpServer never saw (net's DirectDispatch): everything comes from the head the
    // connection guard framed; there is no body.
    HttpExchange(QTcpSocket *socket, const QString &publicUrl, bool logRequests);
    ~HttpExchange();

    // QHttpServer's method, named ("UNKNOWN" for methods it does not know).
    static QByteArray methodName(QHttpServerRequest::Method m);

    // --- the request (copied: QHttpServer reuses its request object) ---
    const QByteArray &method() const { return m_method; } // as sent, e.g. "GET", "HEAD"
    bool isHead() const { return m_method == "HEAD"; }
    const QByteArray &target() const { return m_target; } // raw, percent-encoded
    QByteArray rawPath() const;
    // Query parameter, percent- and '+'-decoded (HTML form / requests-style encoding).
    std::optional<QString> queryValue(const QString &name) const;
    QByteArray header(QByteArrayView name) const;
    const HeaderList &headers() const { return m_headers; }
    const QByteArray &body() const { return m_body; }
    QHostAddress remoteAddress() const { return m_remote; }
    const QByteArray &requestId() const { return m_requestId; }
    // The address clients use: --public-url, else http(s)://<Host header>.
    QString baseUrl() const;
    bool isTls() const; // the request came over HTTPS
    // A Host header value we build URLs from: a name or [IPv6] literal and an optional port.
    static bool isUsableHost(const QString &host);

    // --- set by the router ---
    RouteParams params;
    std::optional<AuthUser> user;
    int metricsRoute = 0; // Metrics::routeId of the matched pattern; 0: none matched
    QString param(const QString &name) const { return params.value(name); }

    // --- the answer ---
    bool responded() const { return m_responded; }
    bool clientGone() const;
    QTcpSocket *socket() const { return m_socket; }
    void addResponseHeader(const QByteArray &name, const QByteArray &value);
    void respond(HttpResponse response);
    // respond() for an answer serialised beforehand: only this exchange's headers (CORS),
    // nosniff, Content-Length, Date, X-Request-Id and Connection are written per request.
    void respondPrepared(const PreparedResponse &response);
    void respondJson(int status, const QJsonValue &value, const HeaderList &extra = {});
    void fail(const ApiError &error);
    // Streams `length` bytes of `path` from `offset` with back-pressure; `head` carries status
    // and headers (Content-Length is added here).
    void respondFile(HttpResponse head, const QString &path, qint64 offset, qint64 length);
    // The same for a file the caller opened (read-only): it stays readable even if its name is
    // removed before the body has been sent.
    void respondFile(HttpResponse head, std::shared_ptr<FileHandle> file, qint64 offset,
                     qint64 length);
    // Ends the exchange without an HTTP answer, in this request's turn on its connection
    // (fault simulation): Reset sends a TCP reset, Close closes normally with nothing written.
    enum class Abort { Reset, Close };
    void abort(Abort how);
    // Like respond(), but the body leaves at about `bytesPerSecond` (paced by a timer).
    void respondPaced(HttpResponse response, qint64 bytesPerSecond);
    // Time since the request reached its handler chain.
    qint64 elapsedUs() const { return m_clock.nsecsElapsed() / 1000; }
    // Runs `fn` once when the answer has been handed over (status 0: ended without one).
    void onFinished(std::function<void(int status)> fn) { m_onFinished = std::move(fn); }

private:
    void takeRequestId();
    QByteArray serializeHead(const HttpResponse &response, qint64 contentLength, bool close) const;
    void finish(int status, qint64 bytes, bool close);

    QByteArray m_method, m_target, m_body, m_requestId;
    HeaderList m_headers, m_extraResponseHeaders;
    QHostAddress m_remote;
    QString m_publicUrl;
    QPointer<QTcpSocket> m_socket;
    QPointer<ConnectionState> m_connection;
    quint64 m_sequence = 0;
    bool m_keepAlive = true;
    int m_minorVersion = 1;
    bool m_responded = false;
    bool m_finished = false;
    bool m_goneAtAnswer = false; // the client had disconnected when the answer was ready
    bool m_logRequests = true;
    QElapsedTimer m_clock;
    std::function<void(int)> m_onFinished;
};

using ExchangePtr = std::shared_ptr<HttpExchange>;

} // namespace depot
