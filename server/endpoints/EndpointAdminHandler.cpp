#include "endpoints/EndpointAdminHandler.h"

#include "config/CrashPoint.h"

#include "http/Pagination.h"

#include "config/ServerConfig.h"
#include "endpoints/HostedHandler.h"
#include "http/FileResponder.h"
#include "http/Guarded.h"
#include "http/JsonBody.h"

#include <QDebug>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>

namespace depot {
namespace {

constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 500;

std::optional<qint64> idParam(const ExchangePtr &ex)
{
    bool ok = false;
    const qint64 id = ex->param(QStringLiteral("id")).toLongLong(&ok);
    return ok && id > 0 ? std::optional<qint64>(id) : std::nullopt;
}

ApiError identifierTaken(const QString &identifier)
{
    ApiError e = ApiError::conflict(
        EndpointAdminHandler::tr("you already have an endpoint at %1").arg(identifier));
    e.extra.insert(
        QStringLiteral("fields"),
        QJsonObject{{QStringLiteral("identifier"), EndpointAdminHandler::tr("already taken")}});
    return e;
}

} // namespace

qint64 EndpointAdminHandler::uploadBodyLimit(const ServerConfig &config)
{
    return config.endpoints.maxUploadBytes + config.guard.maxBodyBytes + 64 * 1024;
}

Endpoint::Rules EndpointAdminHandler::rules() const
{
    Endpoint::Rules r = m_ctx.config.endpoints.rules;
    r.now = Database::now();
    r.separateContentOrigin = !m_ctx.config.web.contentUrl.isEmpty();
    return r;
}

EndpointUpload::Options EndpointAdminHandler::uploadOptions() const
{
    EndpointUpload::Options o;
    o.filesDir = m_ctx.config.filesDir();
    o.maxFileBytes = m_ctx.config.endpoints.maxUploadBytes;
    o.maxFieldBytes = m_ctx.config.guard.maxBodyBytes;
    return o;
}

QJsonObject EndpointAdminHandler::present(const ExchangePtr &ex, const EndpointRow &row) const
{
    Endpoint e = row.endpoint;
    const QString contentUrl = m_ctx.config.web.contentUrl;
    e.url = Endpoint::publicUrl(contentUrl.isEmpty()        ? ex->baseUrl()
                                : contentUrl.endsWith(u'/') ? contentUrl.chopped(1)
                                                            : contentUrl,
                                row.username, e.identifier);
    return e.toJson();
}

std::optional<EndpointRow> EndpointAdminHandler::ownRow(const ExchangePtr &ex)
{
    const auto id = idParam(ex);
    std::optional<EndpointRow> row =
        id ? EndpointsTable(m_ctx.db).find(ex->user->id, *id) : std::nullopt;
    if (!row) // also for other users' ids: never reveal that they exist
        ex->fail(ApiError::notFound(tr("no such endpoint")));
    return row;
}

void EndpointAdminHandler::create(const ExchangePtr &ex)
{
    if (EndpointUpload::isMultipart(ex)) {
        EndpointUpload::receive(ex, uploadOptions(), m_ctx.thread,
                                [this, ex](EndpointUpload upload) {
                                    save(ex, Mode::Create, std::nullopt, upload.fields, upload);
                                });
        return;
    }
    if (const auto body = jsonObjectBody(ex))
        save(ex, Mode::Create, std::nullopt, *body, EndpointUpload());
}

void EndpointAdminHandler::replace(const ExchangePtr &ex)
{
    const auto current = ownRow(ex);
    if (!current)
        return;
    if (EndpointUpload::isMultipart(ex)) {
        const qint64 id = current->endpoint.id;
        EndpointUpload::receive(
            ex, uploadOptions(), m_ctx.thread, [this, ex, id](EndpointUpload upload) {
                bool handedOver = false; // save() cleans up after itself
                guarded(ex, [&] {
                    // Read again: the row may have changed while the file was written.
                    auto row = EndpointsTable(m_ctx.db).find(ex->user->id, id);
                    if (!row) {
                        ex->fail(ApiError::notFound(tr("no such endpoint")));
                        return;
                    }
                    handedOver = true;
                    save(ex, Mode::Replace, row, upload.fields, upload);
                });
                if (!handedOver)
                    EndpointUpload::removeLater(m_ctx.config.filesDir(), upload.relativePath);
            });
        return;
    }
    if (const auto body = jsonObjectBody(ex))
        save(ex, Mode::Replace, current, *body, EndpointUpload());
}

void EndpointAdminHandler::patch(const ExchangePtr &ex)
{
    const auto current = ownRow(ex);
    if (!current)
        return;
    if (const auto body = jsonObjectBody(ex))
        save(ex, Mode::Patch, current, *body, EndpointUpload());
}

void EndpointAdminHandler::save(const ExchangePtr &ex, Mode mode,
                                std::optional<EndpointRow> current, const QJsonObject &fields,
                                const EndpointUpload &upload)
{
    const QString filesDir = m_ctx.config.filesDir();
    if (upload.error) {
        ex->fail(*upload.error);
        return;
    }
    bool stored = false; // the uploaded file is referenced by a row (else it is removed)
    guarded(ex, [&] {
        EndpointRow row;
        if (current)
            row = *current;
        Endpoint &e = row.endpoint;
        if (mode == Mode::Replace) {
            // PUT describes the whole endpoint; its kind, content and expiry stay unless given.
            Endpoint fresh;
            fresh.id = e.id;
            fresh.kind = e.kind;
            fresh.expiresAt = e.expiresAt;
            fresh.createdAt = e.createdAt;
            fresh.fileName = e.fileName;
            fresh.contentType = e.contentType;
            fresh.size = e.size;
            e = fresh;
        }
        QJsonObject problems = upload.problems;
        e.applyFields(fields, rules(), &problems);
        if (mode != Mode::Patch && !fields.contains(QLatin1String("identifier")))
            problems.insert(QStringLiteral("identifier"), tr("required"));
        if (mode == Mode::Create && !Endpoint::namesKind(fields) && upload.hasFile)
            e.kind = Endpoint::Kind::File; // a form with a file and no kind hosts the file
        if (e.kind == Endpoint::Kind::Json) {
            if (upload.hasFile)
                problems.insert(QStringLiteral("file"),
                                tr("json endpoints take their answer in the response field"));
            const qsizetype jsonBytes = EndpointsTable::jsonText(e.response).toUtf8().size() +
                                        EndpointsTable::jsonText(e.body).toUtf8().size() +
                                        EndpointsTable::jsonText(e.rules).toUtf8().size() +
                                        EndpointsTable::jsonText(e.sequence).toUtf8().size();
            if (jsonBytes > m_ctx.config.guard.maxBodyBytes)
                problems.insert(QStringLiteral("response"),
                                tr("response, body, rules and sequence together may hold at most "
                                   "%1 bytes of JSON")
                                    .arg(m_ctx.config.guard.maxBodyBytes));
        } else if (!upload.hasFile && row.filePath.isEmpty()) {
            problems.insert(QStringLiteral("file"),
                            tr("required for %1 endpoints: a multipart part named \"file\"")
                                .arg(Endpoint::kindName(e.kind)));
        }
        const qint64 scriptSize = upload.hasFile ? upload.size : e.size;
        const qint64 maxScript = m_ctx.config.scripts.maxScriptBytes;
        if (e.kind == Endpoint::Kind::Script && scriptSize > maxScript)
            problems.insert(QStringLiteral("file"),
                            tr("a script may be at most %1 bytes").arg(maxScript));
        e.checkConsistency(&problems);
        e.checkMock(rules(), &problems);
        if (!problems.isEmpty()) {
            ex->fail(ApiError::invalidFields(problems));
            return;
        }

        const qint64 now = Database::now();
        if (!e.expiresAt.isValid())
            e.expiresAt = QDateTime::fromSecsSinceEpoch(
                now + m_ctx.config.endpoints.rules.defaultExpirySeconds, Qt::UTC);
        e.updatedAt = QDateTime::fromSecsSinceEpoch(now, Qt::UTC);
        if (!current) {
            e.createdAt = e.updatedAt;
            row.userId = ex->user->id;
            row.username = ex->user->username;
        }
        if (e.kind == Endpoint::Kind::Json) {
            row.filePath.clear();
            row.etag.clear();
            e.fileName.clear();
            e.contentType.clear();
            e.size = 0;
            row.contentTime = now;
        } else if (upload.hasFile) {
            row.filePath = upload.relativePath;
            row.etag = upload.etag;
            // Strictly later, so that If-Modified-Since never hides a second upload within
            // the same second.
            row.contentTime = qMax(now, row.contentTime + 1);
            e.fileName = upload.fileName.isEmpty() ? e.fileName : upload.fileName;
            if (e.fileName.isEmpty())
                e.fileName = e.identifier.section(u'/', -1);
            e.contentType = upload.contentType;
            e.size = upload.size;
        }

        EndpointsTable table(m_ctx.db);
        try {
            crashPoint("endpoint-file-staged");
            if (!current) {
                e.id = table.insert(row);
                crashPoint("endpoint-row-committed");
                stored = true;
                // The row first, then the file's name (see BlobStore): a crash in between
                // leaves a row without file, which the start-up sweep removes.
                if (const auto error = upload.publish()) {
                    table.remove(row.userId, e.id);
                    ex->fail(*error);
                    return;
                }
                ex->respondJson(201, present(ex, row),
                                {{"Location", "/api/v1/endpoints/" + QByteArray::number(e.id)}});
                return;
            }
            QString previousFile;
            if (!table.update(row, &previousFile)) {
                ex->fail(ApiError::notFound(tr("no such endpoint")));
                return;
            }
            stored = true;
            if (const auto error = upload.publish()) { // the sweep removes the row later
                ex->fail(*error);
                return;
            }
            // Replaced content, or a file endpoint turned json: the old file goes.
            if (previousFile != row.filePath)
                EndpointUpload::removeLater(filesDir, previousFile);
            ex->respondJson(200, present(ex, row));
        } catch (const DbError &error) {
            if (!Database::isUniqueViolation(error))
                throw;
            ex->fail(identifierTaken(e.identifier));
        }
    });
    if (!stored)
        EndpointUpload::removeLater(filesDir, upload.relativePath);
}

void EndpointAdminHandler::replaceContent(const ExchangePtr &ex)
{
    const auto current = ownRow(ex);
    if (!current)
        return;
    EndpointUpload::Options options = uploadOptions();
    options.rawIsFile = true;
    if (current->endpoint.kind == Endpoint::Kind::Json) { // the content is the response JSON
        options.inMemory = true;
        options.maxFileBytes = m_ctx.config.guard.maxBodyBytes;
    }
    const qint64 id = current->endpoint.id;
    EndpointUpload::receive(ex, options, m_ctx.thread,
                            [this, ex, id](EndpointUpload upload) { saveContent(ex, id, upload); });
}

void EndpointAdminHandler::content(const ExchangePtr &ex)
{
    const auto row = ownRow(ex);
    if (!row)
        return;
    const Endpoint &e = row->endpoint;
    if (e.kind == Endpoint::Kind::Json) {
        // The column holds the response exactly as PUT .../content or the fields stored it.
        HttpResponse response;
        response.status = 200;
        response.setHeader("Content-Type", "application/json");
        response.setHeader("Cache-Control", "no-cache"); // as for files: it may change any time
        response.body = row->responseJson.isEmpty() ? QByteArrayLiteral("null") : row->responseJson;
        ex->respond(std::move(response));
        return;
    }
    FileResponder::File file;
    file.path = QDir(m_ctx.config.filesDir()).filePath(row->filePath);
    file.size = e.size;
    file.etag = row->etag;
    file.modified = row->contentTime;
    file.contentType = e.contentType;
    file.fileName = e.fileName;
    FileResponder::respond(ex, file); // validators, Range, HEAD, attachment for active types
}

void EndpointAdminHandler::saveContent(const ExchangePtr &ex, qint64 id,
                                       const EndpointUpload &upload)
{
    if (upload.error) {
        ex->fail(*upload.error);
        return;
    }
    bool handedOver = false; // save() cleans up after itself
    guarded(ex, [&] {
        const auto row = EndpointsTable(m_ctx.db).find(ex->user->id, id);
        if (!row) {
            ex->fail(ApiError::notFound(tr("no such endpoint")));
            return;
        }
        if (!upload.hasFile) {
            ex->fail(ApiError::invalidField(
                QStringLiteral("file"),
                tr("required: a multipart part named \"file\" or a raw body")));
            return;
        }
        const bool json = row->endpoint.kind == Endpoint::Kind::Json;
        if (json != upload.relativePath.isEmpty()) { // the kind changed while the body was read
            ex->fail(ApiError::conflict(tr("the endpoint changed meanwhile; try again")));
            return;
        }
        if (!json) {
            handedOver = true;
            save(ex, Mode::Patch, row, QJsonObject(), upload);
            return;
        }
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson('[' + upload.data + ']', &error);
        if (error.error != QJsonParseError::NoError || doc.array().size() != 1) {
            ex->fail(ApiError::invalidField(QStringLiteral("response"), tr("not valid JSON")));
            return;
        }
        save(ex, Mode::Patch, row, QJsonObject{{QStringLiteral("response"), doc.array().first()}},
             EndpointUpload());
    });
    if (!handedOver)
        EndpointUpload::removeLater(m_ctx.config.filesDir(), upload.relativePath);
}

void EndpointAdminHandler::list(const ExchangePtr &ex)
{
    const auto page = Page::fromQuery(ex, kDefaultPageSize, kMaxPageSize);
    if (!page)
        return;
    EndpointsTable table(m_ctx.db);
    QJsonArray items;
    for (const EndpointRow &row : table.list(ex->user->id, page->limit, page->offset))
        items.append(present(ex, row));
    ex->respondJson(200, page->envelope(items, table.count(ex->user->id)));
}

void EndpointAdminHandler::get(const ExchangePtr &ex)
{
    if (const auto row = ownRow(ex))
        ex->respondJson(200, present(ex, *row));
}

void EndpointAdminHandler::remove(const ExchangePtr &ex)
{
    const auto id = idParam(ex);
    const auto file = id ? EndpointsTable(m_ctx.db).remove(ex->user->id, *id) : std::nullopt;
    if (!file) {
        ex->fail(ApiError::notFound(tr("no such endpoint")));
        return;
    }
    // The row is gone, so nobody new can reach the file; streams in progress keep their open
    // descriptor. The unlink happens on the thread pool, never on the request path.
    EndpointUpload::removeLater(m_ctx.config.filesDir(), *file);
    HttpResponse response;
    response.status = 204;
    ex->respond(response);
}

} // namespace depot
