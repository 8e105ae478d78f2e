#include "web/WebHandler.h"

#include "http/PageHeaders.h"

#include <QCryptographicHash>
#include <QFile>
#include <QMutex>
#include <QRegularExpression>

// web.qrc is compiled into the static depot_server library: nothing references its
// initializer, so the linker would drop it without this (Q_INIT_RESOURCE, outside namespaces).
static void initWebResources()
{
    Q_INIT_RESOURCE(web);
}

namespace depot {
namespace {

struct Asset
{
    QByteArray bytes;
    QByteArray etag;
};

// Resources never change while the process runs: read and hash each once, for every worker.
std::optional<Asset> load(const QString &resource)
{
    static QMutex mutex;
    static QHash<QString, Asset> cache;
    QMutexLocker lock(&mutex);
    static const bool initialized = (initWebResources(), true);
    Q_UNUSED(initialized);
    if (const auto it = cache.constFind(resource); it != cache.constEnd())
        return *it;
    QFile file(QStringLiteral(":/web/") + resource);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    Asset asset;
    asset.bytes = file.readAll();
    asset.etag =
        '"' + QCryptographicHash::hash(asset.bytes, QCryptographicHash::Sha256).toHex().left(20) +
        '"';
    cache.insert(resource, asset);
    return asset;
}

} // namespace

QByteArray WebHandler::assetType(const QString &name)
{
    static const QRegularExpression safe(QStringLiteral("^[a-z0-9][a-z0-9_-]{0,63}\\.[a-z]{2,4}$"));
    if (!safe.match(name).hasMatch())
        return {};
    if (name.endsWith(u".js"))
        return "text/javascript; charset=utf-8";
    if (name.endsWith(u".css"))
        return "text/css; charset=utf-8";
    if (name.endsWith(u".svg"))
        return "image/svg+xml";
    if (name.endsWith(u".png"))
        return "image/png";
    return {};
}

void WebHandler::dropPage(const ExchangePtr &ex)
{
    serve(ex, QStringLiteral("index.html"), true);
}

void WebHandler::console(const ExchangePtr &ex)
{
    serve(ex, QStringLiteral("console.html"), true);
}

void WebHandler::asset(const ExchangePtr &ex)
{
    const QString name = ex->param(QStringLiteral("file"));
    if (assetType(name).isEmpty()) {
        ex->fail(ApiError::notFound());
        return;
    }
    serve(ex, QStringLiteral("static/") + name, false);
}

void WebHandler::serve(const ExchangePtr &ex, const QString &resource, bool page)
{
    const auto asset = load(resource);
    if (!asset) {
        ex->fail(ApiError::notFound());
        return;
    }
    HttpResponse response;
    if (page) {
        response = HttpResponse::bytes(200, "text/html; charset=utf-8", asset->bytes);
        setPageHeaders(response);
    } else {
        response.setHeader("ETag", asset->etag);
        // Revalidated on every use: a new server version is seen at once, and 304s are cheap.
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("Content-Security-Policy", "default-src 'none'");
        if (ex->header("If-None-Match") == asset->etag) {
            response.status = 304;
        } else {
            response.status = 200;
            response.setHeader("Content-Type", assetType(resource.mid(7)));
            response.body = asset->bytes;
        }
    }
    ex->respond(response);
}

} // namespace depot
