#include "http/Router.h"

#include "config/Metrics.h"
#include "http/Auth.h"
#include "http/Guarded.h"
#include "store/ChangeBus.h"

#include <algorithm>

namespace depot {

Router::Route Router::makeRoute(const QByteArray &method, const QString &pattern)
{
    Route route;
    route.method = method;
    route.pattern = pattern;
    route.metricsRoute = Metrics::routeId(pattern);
    QStringList segments = pattern.split(u'/', Qt::SkipEmptyParts);
    if (!segments.isEmpty() && segments.last().endsWith(u"...}")) {
        route.rest = true;
        segments.last().replace(QStringLiteral("...}"), QStringLiteral("}"));
    }
    for (const QString &segment : std::as_const(segments)) {
        const bool param = segment.startsWith(u'{');
        route.literals.append(param ? QByteArray() : segment.toUtf8());
        route.names.append(param ? segment.mid(1, segment.size() - 2) : QString());
    }
    return route;
}

void Router::add(const QByteArray &method, const QString &pattern, Access access, Handler handler,
                 qint64 bodyLimit)
{
    Route route = makeRoute(method, pattern);
    route.access = access;
    route.handler = std::move(handler);
    route.bodyLimit = bodyLimit;
    m_routes.append(std::move(route));
}

QList<QPair<QByteArray, QString>> Router::routes() const
{
    QList<QPair<QByteArray, QString>> list;
    for (const Route &route : m_routes)
        list.append({route.method, route.pattern});
    return list;
}

std::optional<QByteArray> Router::segmentBytes(QByteArrayView segment)
{
    const auto bad = [](QByteArrayView bytes) {
        return bytes.contains('\0') || bytes.contains('\r') || bytes.contains('\n');
    };
    if (!segment.contains('%')) { // nothing to decode (the guard let no control byte through)
        const bool ascii = std::all_of(segment.begin(), segment.end(), [](char c) {
            return uchar(c) < 0x80 && c != '\0' && c != '\r' && c != '\n';
        });
        if (!ascii &&
            (bad(segment) || QString::fromUtf8(segment).contains(QChar::ReplacementCharacter)))
            return std::nullopt;
        return QByteArray::fromRawData(segment.data(), segment.size());
    }
    const QByteArray decoded = QByteArray::fromPercentEncoding(segment.toByteArray());
    if (bad(decoded) || decoded.contains('/') ||
        QString::fromUtf8(decoded).contains(QChar::ReplacementCharacter))
        return std::nullopt;
    return decoded;
}

std::optional<QString> Router::decodeSegment(QByteArrayView segment)
{
    const auto bytes = segmentBytes(segment);
    if (!bytes)
        return std::nullopt;
    return QString::fromUtf8(*bytes);
}

std::optional<Router::Segments> Router::splitPath(QByteArrayView rawPath)
{
    Segments segments;
    qsizetype start = 0;
    while (start <= rawPath.size()) {
        qsizetype end = rawPath.indexOf('/', start);
        if (end < 0)
            end = rawPath.size();
        if (end > start) {
            auto decoded = segmentBytes(rawPath.sliced(start, end - start));
            if (!decoded)
                return std::nullopt;
            segments.append(std::move(*decoded));
        }
        start = end + 1;
    }
    return segments;
}

bool Router::matches(const Route &route, const Segments &segments)
{
    const qsizetype n = route.literals.size();
    if (route.rest ? segments.size() < n : segments.size() != n)
        return false;
    for (qsizetype i = 0; i < n; ++i) {
        if (route.names[i].isEmpty() && route.literals[i] != segments[i])
            return false;
    }
    return true;
}

template <typename Params>
void Router::capture(const Route &route, const Segments &segments, Params *params)
{
    const qsizetype n = route.literals.size();
    for (qsizetype i = 0; i < n; ++i) {
        if (route.names[i].isEmpty())
            continue;
        if (route.rest && i == n - 1) {
            QByteArray joined = segments[i];
            for (qsizetype j = i + 1; j < segments.size(); ++j)
                joined.append('/').append(segments[j]);
            params->insert(route.names[i], QString::fromUtf8(joined));
        } else {
            params->insert(route.names[i], QString::fromUtf8(segments[i]));
        }
    }
}

void Router::dispatch(const ExchangePtr &ex) const
{
    const QByteArray rawPath = ex->rawPath(); // the segments point into it
    const auto segments = splitPath(rawPath);
    if (!segments) {
        ex->fail(ApiError::badRequest(
            tr("the path contains an invalid escape (NUL, CR, LF, '/' or bad UTF-8)")));
        return;
    }
    const QByteArray method = ex->isHead() ? QByteArrayLiteral("GET") : ex->method();
    QByteArrayList allowed;
    for (const Route &route : m_routes) {
        if (!matches(route, *segments))
            continue;
        if (route.method != method) {
            if (!allowed.contains(route.method))
                allowed.append(route.method);
            continue;
        }
        capture(route, *segments, &ex->params);
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
    Route route = makeRoute("GET", pattern);
    route.access = Access::User;
    route.bodyLimit = 0;
    route.socketHandler = std::move(handler);
    m_socketRoutes.append(std::move(route));
}

bool Router::hasSocketRoute(const QByteArray &target) const
{
    const qsizetype q = target.indexOf('?');
    const auto segments = splitPath(QByteArrayView(target).first(q < 0 ? target.size() : q));
    if (!segments)
        return false;
    for (const Route &route : m_socketRoutes) {
        if (matches(route, *segments))
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
        if (!segments || !matches(route, *segments))
            continue;
        capture(route, *segments, &params);
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
        if (route.method == method && matches(route, *segments))
            return route.bodyLimit >= 0 ? route.bodyLimit : m_defaultBodyLimit;
    }
    return m_defaultBodyLimit;
}

} // namespace depot
