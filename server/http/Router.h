#pragma once

#include "http/HttpExchange.h"
#include "http/LiveSocket.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QVarLengthArray>

#include <functional>

namespace depot {

class Authenticator;

enum class Access {
    Public, // anyone
    User,   // a valid token; the router checks it before the handler runs
};

using Handler = std::function<void(const ExchangePtr &)>;

// Matches a request's raw path segment by segment (each percent-decoded on its own, so an
// encoded '/' or '..' never changes the route), runs the route's access check, then its handler.
// Patterns: literal segments, "{name}" (one segment) and a final "{name...}" (the rest, 1+
// segments, joined by '/'). A path with routes but not for this method answers 405 with Allow;
// HEAD uses the GET route without a body; anything else is a JSON 404.
class Router
{
    Q_DECLARE_TR_FUNCTIONS(Router)

public:
    explicit Router(Authenticator *auth) : m_auth(auth) {}

    // bodyLimit < 0: the server's default (--max-body-bytes)
    void add(const QByteArray &method, const QString &pattern, Access access, Handler handler,
             qint64 bodyLimit = -1);
    void setDefaultBodyLimit(qint64 limit) { m_defaultBodyLimit = limit; }

    void dispatch(const ExchangePtr &exchange) const;

    // WebSocket routes (GET + Upgrade): always Access::User, authenticated by LiveSocket.
    void addSocket(const QString &pattern, LiveSocket::Handler handler);
    // The connection guard asks this on the raw head, before QHttpServer upgrades anything.
    bool hasSocketRoute(const QByteArray &target) const;
    // A socket QHttpServer upgraded: matched to its route (or closed with 4404).
    void dispatchSocket(std::unique_ptr<QWebSocket> socket, const LiveLimits &limits,
                        QObject *parent) const;
    // Used by the connection guard on the raw request head, before the body is read.
    qint64 bodyLimit(const QByteArray &method, const QByteArray &target) const;

    // The table as added: (method, pattern), e.g. ("GET", "/u/{username}/{identifier...}"). The
    // contract test compares it with docs/openapi.yaml.
    QList<QPair<QByteArray, QString>> routes() const;

    // Percent-decodes one path segment; nullopt for NUL, CR, LF, '/' or invalid UTF-8.
    static std::optional<QString> decodeSegment(QByteArrayView segment);

private:
    // A path's segments, percent-decoded bytes (valid UTF-8); those without escapes point into
    // the path itself, which must outlive them.
    using Segments = QVarLengthArray<QByteArray, 8>;
    struct Route
    {
        QByteArray method;
        QString pattern;
        QList<QByteArray> literals; // per segment: the literal as UTF-8 (empty for a parameter)
        QStringList names;          // per segment: the parameter's name (empty for a literal)
        bool rest = false;
        Access access = Access::Public;
        Handler handler;
        qint64 bodyLimit = -1;
        int metricsRoute = 0; // the pattern's label in /metrics and the request log
        LiveSocket::Handler socketHandler;
    };
    static Route makeRoute(const QByteArray &method, const QString &pattern);
    static bool matches(const Route &route, const Segments &segments);
    // The matched route's parameters: insert(name, value) for each.
    template <typename Params>
    static void capture(const Route &route, const Segments &segments, Params *params);
    static std::optional<Segments> splitPath(QByteArrayView rawPath);
    // decodeSegment() as bytes: no allocation for a segment without escapes.
    static std::optional<QByteArray> segmentBytes(QByteArrayView segment);

    Authenticator *m_auth;
    QList<Route> m_routes;
    QList<Route> m_socketRoutes;
    qint64 m_defaultBodyLimit = 1 << 20;
};

} // namespace depot
