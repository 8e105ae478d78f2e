#include "http/Router.h"

#include "config/Metrics.h"
#include "http/Auth.h"
#include "http/Guarded.h"
#include "store/ChangeBus.h"

namespace depot {

void Router::add(const QByteArray &method, const QString &pattern, Access access, Handler handler,
                 qint64 bodyLimit)
{
    Route route{method,
                pattern,
                pattern.split(u'/', Qt::SkipEmptyParts),
                false,
                access,
                std::move(handler),
                bodyLimit,
                Metrics::routeId(pattern)};
    if (!route.segments.isEmpty() && route.segments.last().endsWith(u"...}")) {
        route.rest = true;
        route.segments.last().replace(QStringLiteral("...}"), QStringLiteral("}"));
    }
    m_routes.append(std::move(route));
}

QList<QPair<QByteArray, QString>> Router::routes() const
{
    QList<QPair<QByteArray, QString>> list;
    for (const Route &route : m_routes)
        list.append({route.method, route.pattern});
    return list;
}

std::optional<QString> Router::decodeSegment(QByteArrayView segment)
{
    const QByteArray decoded = QByteArray::fromPercentEncoding(segment.toByteArray());
    if (decoded.contains('\0') || decoded.contains('\r') || decoded.contains('\n') ||
        decoded.contains('/'))
        return std::nullopt;
    const QString text = QString::fromUtf8(decoded);
    if (text.contains(QChar::ReplacementCharacter))
        return std::nullopt;
    return text;
}

std::optional<QStringList> Router::splitPath(QByteArrayView rawPath)
{
    QStringList segments;
    for (const QByteArray &raw : rawPath.toByteArray().split('/')) {
        if (raw.isEmpty())
            continue;
        const auto decoded = decodeSegment(raw);
        if (!decoded)
            return std::nullopt;
        segments.append(*decoded);
    }
    return segments;
}

bool Router::match(const Route &route, const QStringList &segments,
                   QHash<QString, QString> *params) const
{
    const qsizetype n = route.segments.size();
    if (route.rest ? segments.size() < n : segments.size() != n)
        return false;
    for (qsizetype i = 0; i < n; ++i) {
        const QString &p = route.segments[i];
        if (p.startsWith(u'{')) {
            if (params) {
                const QString name = p.mid(1, p.size() - 2);
                params->insert(name,
                               route.rest && i == n - 1 ? segments.mid(i).join(u'/') : segments[i]);
            }
        } else if (p != segments[i]) {
            return false;
        }
    }
    return true;
}

void Router::dispatch(const ExchangePtr &ex) const
{
    const auto segments = splitPath(ex->rawPath());
    if (!segments) {
        ex->fail(ApiError::badRequest(
            tr("the path contains an invalid escape (NUL, CR, LF, '/' or bad UTF-8)")));
        return;
    }
    const QByteArray method = ex->isHead() ? QByteArrayLiteral("GET") : ex->method();
    QByteArrayList allowed;
    for (const Route &route : m_routes) {
        if (!match(route, *segments, nullptr))
            continue;
        if (route.method != method) {
            if (!allowed.contains(route.method))
                allowed.append(route.method);
            continue;
        }
        match(route, *segments, &ex->params);
        ex->metricsRoute = route.metricsRoute;
        // One look at other processes' changes (SQLite) for the token, quota, ... caches.
        const ChangeWatch::RequestScope changes;
        guarded(ex, [&] {
            if (route.access == Access::User && !m_auth->authenticate(ex))
                return; // authenticate() answered 401
            route.handler(ex);
        });
        return;
    }
    if (allowed.isEmpty()) {
        ex->fail(ApiError::notFound());
        return;
    }
    if (allowed.contains("GET") && !allowed.contains("HEAD"))
        allowed.append("HEAD");
    // 405 and OPTIONS name the same methods (OPTIONS itself included).
    if (!allowed.contains("OPTIONS"))
        allowed.append("OPTIONS");
    if (ex->method() == "OPTIONS") {
        HttpResponse response;
        response.status = 204;
        response.setHeader("Allow", allowed.join(", "));
        ex->respond(response);
        return;
    }
    ex->fail(ApiError::methodNotAllowed(allowed.join(", ")));
}

void Router::addSocket(const QString &pattern, LiveSocket::Handler handler)
{
    Route route{"GET",
                pattern,
                pattern.split(u'/', Qt::SkipEmptyParts),
                false,
                Access::User,
                {},
                0,
                Metrics::routeId(pattern),
                std::move(handler)};
    m_socketRoutes.append(std::move(route));
}

bool Router::hasSocketRoute(const QByteArray &target) const
{
    const qsizetype q = target.indexOf('?');
    const auto segments = splitPath(QByteArrayView(target).first(q < 0 ? target.size() : q));
    if (!segments)
        return false;
    for (const Route &route : m_socketRoutes) {
        if (match(route, *segments, nullptr))
            return true;
    }
    return false;
}

void Router::dispatchSocket(std::unique_ptr<QWebSocket> socket, const LiveLimits &limits,
                            QObject *parent) const
{
    const QByteArray target = socket->requestUrl().toEncoded(
        QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveQuery | QUrl::RemoveFragment);
    const auto segments = splitPath(target);
    for (const Route &route : m_socketRoutes) {
        QHash<QString, QString> params;
        if (!segments || !match(route, *segments, &params))
            continue;
        new LiveSocket(std::move(socket), limits, m_auth, std::move(params), route.socketHandler,
                       parent);
        return;
    }
    // The guard refuses unknown paths before the upgrade; this is the fallback.
    socket->close(QWebSocketProtocol::CloseCode(4404), QStringLiteral("Not Found"));
    socket.release()->deleteLater();
}

qint64 Router::bodyLimit(const QByteArray &method, const QByteArray &target) const
{
    const qsizetype q = target.indexOf('?');
    const auto segments = splitPath(QByteArrayView(target).first(q < 0 ? target.size() : q));
    if (!segments)
        return 0;
    for (const Route &route : m_routes) {
        if (route.method == method && match(route, *segments, nullptr))
            return route.bodyLimit >= 0 ? route.bodyLimit : m_defaultBodyLimit;
    }
    return m_defaultBodyLimit;
}

} // namespace depot
