#include "drop/DropHandler.h"
#include "config/Log.h"
#include "config/Metrics.h"

#include "accounts/ThrottleTable.h"
#include "codec/ContentDisposition.h"
#include "codec/FormData.h"
#include "codec/HeaderValue.h"
#include "codec/Multipart.h"
#include "config/CrashPoint.h"
#include "config/OffThread.h"
#include "config/ServerConfig.h"
#include "crypto/PasswordHash.h"
#include "crypto/SecureRandom.h"
#include "drop/DropPage.h"
#include "drop/DropUpload.h"
#include "http/Guarded.h"

#include <QDateTime>
#include <QDebug>
#include <QFile>
#include <QJsonObject>
#include <QRegularExpression>

#include <openssl/crypto.h>

namespace depot {
namespace {

constexpr qint64 ClaimGraceSeconds = 10;           // a claim is finished within one event-loop turn
constexpr qint64 TombstoneSeconds = 7 * 24 * 3600; // 410 rather than 404 this long after expiry

std::optional<QByteArray> nonEmpty(const QByteArray &value)
{
    return value.isEmpty() ? std::nullopt : std::optional<QByteArray>(value);
}

std::optional<QByteArray> queryBytes(const ExchangePtr &ex, const QString &name)
{
    const auto value = ex->queryValue(name);
    return value ? nonEmpty(value->toUtf8()) : std::nullopt;
}

// application/x-www-form-urlencoded, as browsers send DropPage's form.
QHash<QString, QString> parseForm(const QByteArray &body)
{
    QHash<QString, QString> form;
    for (const FormData::Field &field : FormData::parse(body)) {
        if (!form.contains(field.name))
            form.insert(field.name, field.value);
    }
    return form;
}

QString isoTime(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).toString(Qt::ISODate);
}

ApiError wrongPassword(bool missing)
{
    return ApiError::make(401, missing ? DropHandler::tr("this file is protected by a password")
                                       : DropHandler::tr("wrong password"));
}

} // namespace

DropHandler::DropHandler(const WorkerContext &context)
    : m_ctx(context), m_blobs(dropsDirectory(context.config))
{
}

qint64 DropHandler::uploadBodyLimit(const ServerConfig &config)
{
    return config.drop.maxBytes + MultipartAllowance;
}

QString DropHandler::dropsDirectory(const ServerConfig &config)
{
    return config.filesDir() + QStringLiteral("/drops");
}

bool DropHandler::asksForJson(const ExchangePtr &ex)
{
    const QByteArray accept = ex->header("Accept").toLower();
    return accept.contains("json") && !accept.contains("text/html");
}

bool DropHandler::isBrowser(const ExchangePtr &ex)
{
    if (ex->header("Accept").toLower().contains("text/html"))
        return true;
    // Link previewers (chat apps, social sites) often accept anything: never let one burn a link.
    static const QRegularExpression previewers(
        QStringLiteral("bot|crawler|spider|preview|facebookexternalhit|slack|discord|telegram|"
                       "whatsapp|skype|embedly|iframely|mastodon|vkshare|bitlybot"),
        QRegularExpression::CaseInsensitiveOption);
    return previewers.match(QString::fromLatin1(ex->header("User-Agent"))).hasMatch();
}

// ---------------------------------------------------------------------------------- upload

void DropHandler::upload(const ExchangePtr &ex)
{
    const ServerConfig &config = m_ctx.config;
    const QByteArray contentType = ex->header("Content-Type");
    const QByteArray essence = contentType.split(';').first().trimmed().toLower();

    DropUploadJob job;
    job.body = ex->body();
    if (essence == "multipart/form-data") {
        const auto boundary = MultipartParser::boundaryFromContentType(contentType);
        if (!boundary) {
            ex->fail(ApiError::badRequest(tr("the multipart Content-Type has no valid boundary")));
            return;
        }
        job.boundary = *boundary;
    } else if (essence == "application/x-www-form-urlencoded") {
        // requests.put(url, data={...}) without files=: a form, but no file part.
        ex->fail(ApiError::badRequest(tr("the request has no 'file' part")));
        return;
    } else {
        // A raw body is the file (curl -T). Its name: the URL, X-Filename or Content-Disposition.
        QString name = ex->param(QStringLiteral("name"));
        if (name.isEmpty())
            name = QString::fromUtf8(ex->header("X-Filename"));
        if (name.isEmpty()) {
            if (const auto disposition = HeaderValue::parse(ex->header("Content-Disposition")))
                name = disposition->textParameter("filename");
        }
        if (name.isEmpty() && job.body.isEmpty()) {
            ex->fail(ApiError::badRequest(tr("the request has no 'file' part")));
            return;
        }
        if (job.body.size() > config.drop.maxBytes) {
            ex->fail(ApiError::payloadTooLarge(
                tr("the file is larger than %1 bytes").arg(config.drop.maxBytes)));
            return;
        }
        job.rawFileName = name;
        job.rawContentType = contentType;
    }
    job.password = nonEmpty(ex->header("X-Password"));
    if (!job.password)
        job.password = queryBytes(ex, QStringLiteral("password"));
    job.maxDownloads = queryBytes(ex, QStringLiteral("max_downloads"));
    if (!job.maxDownloads)
        job.maxDownloads = nonEmpty(ex->header("X-Max-Downloads"));
    job.expiresIn = queryBytes(ex, QStringLiteral("expires_in"));
    if (!job.expiresIn)
        job.expiresIn = nonEmpty(ex->header("X-Expires-In"));
    job.blobDirectory = m_blobs.directory();
    job.blob = BlobStore::newName();
    job.maxBytes = config.drop.maxBytes;
    job.maxDownloadsLimit = config.drop.maxDownloads;
    job.defaultExpirySeconds = qMin(config.drop.defaultExpirySeconds, config.drop.maxExpirySeconds);
    job.maxExpirySeconds = config.drop.maxExpirySeconds;
    job.kdfIterations = config.accounts.kdfIterations;
    job.now = Database::now();

    // Parsing, writing (fdatasync) and the password KDF all run on the thread pool.
    auto work = [job] {
        try {
            return DropUpload::run(job);
        } catch (const std::exception &e) { // e.g. no entropy for the ids: nothing was stored
            qCWarning(lcDrop).noquote() << "drop upload failed:" << e.what();
            DropUploadResult failed;
            failed.error = ApiError::internal();
            return failed;
        }
    };
    runOffThread(m_ctx.thread, work, [this, ex](const DropUploadResult &result) {
        guarded(ex, [&] {
            if (result.error) {
                ex->fail(*result.error);
                return;
            }
            if (ex->clientGone()) { // nobody will ever learn the link; the file was never named
                ex->fail(ApiError::make(400, tr("the client went away")));
                return;
            }
            Share share = result.share;
            share.id = SecureRandom::urlSafeId(16);
            // The row first, then the file's name: a crash in between leaves a nameless file
            // (gone with the process) or a row without file (removed by the start-up sweep).
            SharesTable shares(m_ctx.db);
            crashPoint("drop-file-staged");
            shares.create(share);
            crashPoint("drop-row-committed");
            if (!result.pending->commit()) {
                shares.retireBlob(share.blob, share.createdAt + 1);
                qCWarning(lcDrop).noquote()
                    << "cannot name a drop file:" << result.pending->errorString();
                ex->fail(result.pending->status() == BlobStore::Status::DiskFull
                             ? ApiError::insufficientStorage(tr("the server's disk is full"))
                             : ApiError::internal(tr("the file could not be stored")));
                return;
            }
            Metrics::drops.add("created");
            const QString url = ex->baseUrl() + QStringLiteral("/api/v1.0/file/") + share.id;
            const QString deleteUrl = url + QStringLiteral("?delete_token=") + result.deleteToken;
            ex->respondJson(
                201,
                QJsonObject{
                    {QStringLiteral("status"), QStringLiteral("File Uploaded Successfully")},
                    {QStringLiteral("url"), url},
                    {QStringLiteral("expires_at"), isoTime(share.expiresAt)},
                    {QStringLiteral("delete_url"), deleteUrl},
                    {QStringLiteral("id"), share.id},
                    {QStringLiteral("filename"), share.fileName},
                    {QStringLiteral("size"), double(share.size)},
                    {QStringLiteral("content_type"), share.contentType},
                    {QStringLiteral("max_downloads"), share.maxDownloads},
                    {QStringLiteral("password_protected"), !share.passwordHash.isEmpty()},
                },
                {{"Location", url.toUtf8()}, {"Cache-Control", "no-store"}});
        });
    });
}

// -------------------------------------------------------------------------------- download

void DropHandler::download(const ExchangePtr &ex)
{
    Fetch fetch;
    fetch.id = ex->param(QStringLiteral("id"));
    if (const QByteArray header = ex->header("X-Password"); !header.isEmpty())
        fetch.password = QString::fromUtf8(header);
    else if (const auto query = ex->queryValue(QStringLiteral("password"));
             query && !query->isEmpty())
        fetch.password = *query;
    fetch.html = isBrowser(ex);
    fetch.page = fetch.html && ex->queryValue(QStringLiteral("download")) != QStringLiteral("1");
    serve(ex, fetch);
}

void DropHandler::downloadForm(const ExchangePtr &ex)
{
    const QHash<QString, QString> form = parseForm(ex->body());
    Fetch fetch;
    fetch.id = ex->param(QStringLiteral("id"));
    // The browser's form, also usable by programs: with Accept asking for JSON (and not HTML),
    // errors are JSON and the "page" is the same facts as a JSON object.
    fetch.html = !asksForJson(ex);
    fetch.page = form.value(QStringLiteral("download")) != u"1";
    if (const QString password = form.value(QStringLiteral("password")); !password.isEmpty())
        fetch.password = password;
    else if (const QByteArray header = ex->header("X-Password"); !header.isEmpty())
        fetch.password = QString::fromUtf8(header);
    serve(ex, fetch);
}

void DropHandler::serve(const ExchangePtr &ex, const Fetch &fetch)
{
    const qint64 now = Database::now();
    // Only ids we could have made reach the database.
    if (!SecureRandom::isUrlSafeId(fetch.id, 16)) {
        refuse(ex, fetch, ApiError::notFound(tr("no such file")));
        return;
    }
    SharesTable shares(m_ctx.db);
    const auto share = shares.find(fetch.id);
    if (!share) {
        refuse(ex, fetch, ApiError::notFound(tr("no such file")));
        return;
    }
    if (!share->downloadable(now)) {
        refuse(ex, fetch,
               ApiError::gone(tr("the file was already downloaded, has expired or was deleted")));
        return;
    }
    if (fetch.page) {
        const DropPage::Info info{share->id,
                                  share->fileName,
                                  share->size,
                                  !share->passwordHash.isEmpty(),
                                  share->maxDownloads - share->downloads,
                                  share->expiresAt};
        if (fetch.html)
            ex->respond(DropPage::download(info));
        else
            ex->respondJson(200,
                            QJsonObject{{QStringLiteral("id"), info.id},
                                        {QStringLiteral("filename"), info.fileName},
                                        {QStringLiteral("size"), double(info.size)},
                                        {QStringLiteral("password_protected"), info.needsPassword},
                                        {QStringLiteral("downloads_left"), info.downloadsLeft},
                                        {QStringLiteral("expires_at"), isoTime(info.expiresAt)}},
                            {{"Cache-Control", "no-store"}});
        return;
    }
    if (share->passwordHash.isEmpty()) {
        deliver(ex, fetch, *share);
        return;
    }

    const ServerConfig &config = m_ctx.config;
    const QString key = QStringLiteral("drop:password:") + share->id;
    ThrottleTable throttle(m_ctx.db);
    const auto tooMany = [&](qint64 wait) {
        refuse(ex, fetch,
               ApiError::tooManyRequests(
                   wait, tr("too many wrong passwords for this link: try again later")),
               share);
    };
    if (!fetch.password) {
        if (const qint64 wait = throttle.blockedFor(key, config.drop.passwordMaxFailures,
                                                    config.accounts.loginWindowSeconds))
            tooMany(wait);
        else
            refuse(ex, fetch, wrongPassword(true), share);
        return;
    }
    // The attempt is counted before the KDF runs (see ThrottleTable), and un-counted if good.
    if (const qint64 wait = throttle.reserve(key, config.drop.passwordMaxFailures,
                                             config.accounts.loginWindowSeconds)) {
        tooMany(wait);
        return;
    }
    const QByteArray secret = fetch.password->toUtf8();
    if (secret.size() > PasswordHash::MaxPasswordBytes) {
        refuse(ex, fetch, wrongPassword(false), share);
        return;
    }
    // The KDF runs on the thread pool; nothing is claimed before the password is known good.
    const QString stored = share->passwordHash;
    runOffThread(
        m_ctx.thread, [secret, stored] { return PasswordHash::verify(secret, stored); },
        [this, ex, fetch, share = *share, key](bool ok) {
            guarded(ex, [&] {
                if (!ok) {
                    refuse(ex, fetch, wrongPassword(false), share);
                    return;
                }
                ThrottleTable(m_ctx.db).release(key);
                deliver(ex, fetch, share);
            });
        });
}

void DropHandler::deliver(const ExchangePtr &ex, const Fetch &fetch, const Share &share)
{
    if (ex->clientGone()) { // do not use up a download nobody receives
        ex->fail(ApiError::make(400, tr("the client went away")));
        return;
    }
    HttpResponse head;
    head.status = 200;
    // Always an attachment, never an active type, never rendered by us: see SECURITY.md "Files".
    head.setHeader("Content-Type", share.contentType.toUtf8());
    head.setHeader("Content-Disposition", ContentDisposition::attachment(share.fileName));
    head.setHeader("Content-Security-Policy", "sandbox; default-src 'none'");
    head.setHeader("Cache-Control", "no-store");
    head.setHeader("Referrer-Policy", "no-referrer");
    if (ex->isHead()) { // headers only, and HEAD never counts as a download
        const QString path = m_blobs.path(share.blob);
        if (!QFile::exists(path)) { // its last download finished a moment ago
            refuse(ex, fetch, ApiError::gone(tr("the file was already downloaded")));
            return;
        }
        ex->respondFile(head, path, 0, share.size);
        return;
    }
    // Opened before the claim: a download that wins its claim holds the file even when the
    // share's last download, on another worker, removes it a moment later.
    std::shared_ptr<FileHandle> file = FileHandle::open(m_blobs.path(share.blob));
    SharesTable shares(m_ctx.db);
    const auto claim = file ? shares.claim(share.id, Database::now()) : std::nullopt;
    if (!claim) { // another download won, or it expired or was deleted meanwhile
        refuse(
            ex, fetch,
            shares.find(share.id)
                ? ApiError::gone(tr("the file was already downloaded, has expired or was deleted"))
                : ApiError::notFound(tr("no such file")));
        return;
    }
    Metrics::drops.add("claimed");
    ex->respondFile(head, std::move(file), 0, claim->size);
    if (claim->last) {
        shares.finishClaim(share.id); // the row first, then the file
        m_blobs.removeLater({claim->blob});
    }
}

void DropHandler::refuse(const ExchangePtr &ex, const Fetch &fetch, const ApiError &error,
                         const std::optional<Share> &share)
{
    if (!fetch.html) {
        ex->fail(error);
        return;
    }
    HttpResponse page;
    switch (error.status) {
    case 401:
        if (share) { // the page again, with its password field and what went wrong
            page = DropPage::download({share->id, share->fileName, share->size, true,
                                       share->maxDownloads - share->downloads, share->expiresAt},
                                      401, fetch.password ? tr("Wrong password.") : QString());
            break;
        }
        page = DropPage::message(401, ApiError::title(401), error.detail);
        break;
    case 404:
        page = DropPage::message(404, tr("Not found"), tr("There is no file at this link."),
                                 "dl.notFound");
        break;
    case 410:
        page = DropPage::message(
            410, tr("Gone"),
            tr("This file has already been downloaded, has expired or was deleted."), "dl.gone");
        break;
    case 429:
        page = DropPage::message(
            429, tr("Too many attempts"),
            tr("Too many wrong passwords were tried for this link. Try again later."),
            "dl.throttled");
        break;
    default:
        page = DropPage::message(error.status, ApiError::title(error.status), error.detail);
        break;
    }
    page.headers.append(error.headers);
    ex->respond(page);
}

void DropHandler::limits(const ExchangePtr &ex)
{
    const DropConfig &drop = m_ctx.config.drop;
    HttpResponse response = HttpResponse::json(
        200, QJsonObject{
                 {QStringLiteral("max_bytes"), double(drop.maxBytes)},
                 {QStringLiteral("max_downloads"), drop.maxDownloads},
                 {QStringLiteral("default_expires_in"),
                  double(qMin(drop.defaultExpirySeconds, drop.maxExpirySeconds))},
                 {QStringLiteral("max_expires_in"), double(drop.maxExpirySeconds)},
             });
    response.setHeader("Cache-Control", "no-cache");
    ex->respond(response);
}

// ---------------------------------------------------------------------------------- delete

void DropHandler::remove(const ExchangePtr &ex)
{
    const QString id = ex->param(QStringLiteral("id"));
    if (!SecureRandom::isUrlSafeId(id, 16)) {
        ex->fail(ApiError::notFound(tr("no such file")));
        return;
    }
    SharesTable shares(m_ctx.db);
    const auto share = shares.find(id);
    if (!share) {
        ex->fail(ApiError::notFound(tr("no such file")));
        return;
    }
    QString token = QString::fromUtf8(ex->header("X-Delete-Token"));
    if (token.isEmpty())
        token = ex->queryValue(QStringLiteral("delete_token")).value_or(QString());
    const QByteArray given = DropUpload::hashToken(token).toLatin1();
    const QByteArray expected = share->deleteTokenHash.toLatin1();
    if (token.isEmpty() || given.size() != expected.size() ||
        CRYPTO_memcmp(given.constData(), expected.constData(), size_t(given.size())) != 0) {
        ex->fail(ApiError::make(403, tr("the delete token is missing or wrong")));
        return;
    }
    const auto blob = share->state == SharesTable::Available ? shares.retire(id) : std::nullopt;
    if (!blob) {
        ex->fail(ApiError::gone(tr("the file was already downloaded, has expired or was deleted")));
        return;
    }
    m_blobs.removeLater({*blob}); // the row is a tombstone already
    if (share->expiresAt <= Database::now()) {
        ex->fail(ApiError::gone(tr("the file had expired")));
        return;
    }
    HttpResponse done; // the seed has no delete: ours answers like every other DELETE
    done.status = 204;
    ex->respond(done);
}

// ----------------------------------------------------------------------------- maintenance

ReaperSource DropHandler::reaperSource()
{
    ReaperSource source;
    source.name = QStringLiteral("drops");
    source.directory = QStringLiteral("drops");
    source.removeExpired = [](Database &db, qint64 now, int limit, QStringList *files) {
        SharesTable shares(db);
        int found = 0;
        // Expired shares and claims a crash left behind (fail closed) become tombstones; the
        // reaper then removes their files (rows first, then files).
        for (const auto &batch :
             {shares.retireExpired(now, limit, &found),
              shares.retireStaleClaims(now - ClaimGraceSeconds, limit, &found)}) {
            for (const auto &r : batch)
                files->append(QStringLiteral("drops/") + r.blob);
        }
        shares.purgeTombstones(now - TombstoneSeconds);
        Metrics::drops.add("expired", found);
        return found;
    };
    source.filesInUse = [](Database &db) {
        // Share ids are text: the file's path identifies the row for removeRow().
        QList<QPair<qint64, QString>> inUse;
        for (const QString &blob : SharesTable(db).liveBlobs())
            inUse.append({0, QStringLiteral("drops/") + blob});
        return inUse;
    };
    source.removeRow = [](Database &db, qint64, const QString &file, qint64 before) {
        return SharesTable(db).retireBlob(file.section(u'/', -1), before);
    };
    return source;
}

} // namespace depot
