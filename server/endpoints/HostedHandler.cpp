#include "endpoints/HostedHandler.h"
#include "config/Log.h"
#include "config/Metrics.h"

#include "codec/MediaType.h"
#include "config/ServerConfig.h"
#include "endpoints/scripts/ScriptRunner.h"
#include "http/FileResponder.h"

#include <QDateTime>
#include <QDebug>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>
#include <QUrl>
#include <chrono>

namespace depot {
namespace {

const char *scriptResultLabel(ScriptResult::Outcome outcome)
{
    using Outcome = ScriptResult::Outcome;
    switch (outcome) {
    case Outcome::Ok:
        return "ok";
    case Outcome::Timeout:
        return "timeout";
    case Outcome::OutputTooLarge:
        return "output_too_large";
    case Outcome::Busy:
        return "busy";
    case Outcome::SandboxUnavailable:
        return "sandbox_unavailable";
    case Outcome::Crashed:
        return "crashed";
    case Outcome::BadOutput:
        return "bad_output";
    }
    return "other";
}

} // namespace

HostedHandler::HostedHandler(const WorkerContext &context)
    : m_ctx(context),
      m_journal(context.config.endpoints.journalSize > 0
                    ? JournalWriter::forProcess(context.db.settings(),
                                                context.config.endpoints.journalSize)
                    : std::make_shared<JournalWriter>(context.db, context.thread, 0)),
      m_mocks(context),
      m_cache(context.db, context.config.endpoints.cacheBytes / context.config.effectiveWorkers(),
              [this](CachedEndpoint &c) { prepare(c); }),
      m_scripts(std::make_unique<ScriptRunner>(context.config.scripts, context.sandbox))
{
}

HostedHandler::~HostedHandler() = default;

bool HostedHandler::allowedFromOwner(const QByteArray &name) const
{
    return Endpoint::ownerMaySend(QString::fromLatin1(name),
                                  !m_ctx.config.web.contentUrl.isEmpty());
}

void HostedHandler::addOwnerHeaders(HttpResponse &response, const Endpoint &endpoint) const
{
    for (auto it = endpoint.headers.begin(); it != endpoint.headers.end(); ++it) {
        const QByteArray name = it.key().toLatin1();
        if (allowedFromOwner(name))
            response.setHeader(name, it.value().toString().toUtf8());
    }
}

bool HostedHandler::redirectToContentOrigin(const ExchangePtr &ex) const
{
    const QString contentUrl = m_ctx.config.web.contentUrl;
    if (contentUrl.isEmpty())
        return false;
    const QUrl content(contentUrl);
    if (QString::fromLatin1(ex->header("Host")).compare(content.authority(), Qt::CaseInsensitive) ==
        0)
        return false;
    HttpResponse response;
    response.status = 307; // the method and body stay as they were
    const QString base = contentUrl.endsWith(u'/') ? contentUrl.chopped(1) : contentUrl;
    response.setHeader("Location", base.toUtf8() + ex->target());
    response.setHeader("Cache-Control", "no-store");
    ex->respond(response);
    return true;
}

std::shared_ptr<JournalEntry> HostedHandler::journalFor(const ExchangePtr &ex, qint64 userId,
                                                        qint64 endpointId)
{
    if (!m_journal->enabled())
        return std::make_shared<JournalEntry>(); // filled in and dropped
    auto entry = std::make_shared<JournalEntry>();
    entry->userId = userId;
    entry->endpointId = endpointId;
    entry->atUs = std::chrono::duration_cast<std::chrono::microseconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
    // Shared copies only: the writer derives the journal's text from them (complete()).
    entry->captured =
        JournalEntry::Captured{ex->method(), ex->target(), ex->headers(), ex->remoteAddress()};
    entry->bodySize = ex->body().size();
    entry->body = ex->body().left(JournalWriter::MaxBodyBytes);
    entry->bodyTruncated = entry->bodySize > entry->body.size();
    entry->answeredBy = QStringLiteral("endpoint"); // what serves unless told otherwise
    std::weak_ptr<JournalWriter> journal = m_journal;
    std::weak_ptr<HttpExchange> exchange = ex;
    ex->onFinished([entry, journal, exchange](int status) {
        entry->status = status;
        if (const auto e = exchange.lock())
            entry->durationUs = e->elapsedUs();
        if (const auto j = journal.lock())
            j->add(entry); // set no more: the handler has answered
    });
    return entry;
}

void HostedHandler::serveUnmatched(const ExchangePtr &ex, qint64 ownerId)
{
    // What the user's application called that they did not mock, if the user exists.
    if (m_journal->enabled() && ownerId > 0) {
        const auto entry = journalFor(ex, ownerId, 0);
        entry->answeredBy = QStringLiteral("none");
    }
    ex->fail(ApiError::notFound(tr("no such endpoint")));
}

void HostedHandler::addCorsHeaders(const ExchangePtr &ex, bool cors)
{
    const QByteArray origin = ex->header("Origin");
    if (!cors || origin.isEmpty())
        return;
    ex->addResponseHeader("Access-Control-Allow-Origin", origin);
    ex->addResponseHeader("Access-Control-Expose-Headers", "*");
    ex->addResponseHeader("Vary", "Origin");
}

void HostedHandler::answerPreflight(const ExchangePtr &ex, const CachedEndpoint &c, bool cors)
{
    HttpResponse response;
    response.status = 204;
    response.setHeader("Allow", c.allow);
    if (cors && !ex->header("Origin").isEmpty()) {
        response.setHeader("Access-Control-Allow-Methods", c.allow);
        const QByteArray asked = ex->header("Access-Control-Request-Headers");
        // Echo what the browser asks for, as long as it is a list of header names.
        bool names = !asked.isEmpty();
        for (const QByteArray &name : asked.split(','))
            names = names && isHeaderToken(name.trimmed());
        if (names)
            response.setHeader("Access-Control-Allow-Headers", asked);
        response.setHeader("Access-Control-Max-Age", "600");
    }
    ex->respond(response);
}

void HostedHandler::serve(const ExchangePtr &ex)
{
    if (redirectToContentOrigin(ex))
        return;
    const QString username = ex->param(QStringLiteral("username"));
    const QString identifier = ex->param(QStringLiteral("identifier"));
    // An invalid name finds nothing and no owner (the cache checks), so it is not journaled.
    const EndpointLookup found = m_cache.find(username, identifier);
    if (!found.endpoint) {
        serveUnmatched(ex, found.ownerId);
        return;
    }
    const CachedEndpoint &cached = *found.endpoint;
    const EndpointRow *row = &cached.row;
    const Endpoint &e = row->endpoint;
    const auto journal = journalFor(ex, row->userId, e.id);
    const bool cors = e.corsFor(row->ownerCorsDefault);
    addCorsHeaders(ex, cors);
    if (e.expiresAt.toSecsSinceEpoch() <= Database::now()) { // until the reaper removes it
        journal->answeredBy = QStringLiteral("error");
        ex->fail(ApiError::gone(tr("this endpoint has expired")));
        return;
    }
    const QByteArray method = ex->isHead() ? QByteArrayLiteral("GET") : ex->method();
    if (method == "OPTIONS") {
        journal->answeredBy = QStringLiteral("preflight");
        answerPreflight(ex, cached, cors);
        return;
    }
    if (!cached.methods.contains(QLatin1String(method))) {
        journal->answeredBy = QStringLiteral("error");
        ex->fail(ApiError::methodNotAllowed(cached.allow));
        return;
    }
    switch (e.kind) {
    case Endpoint::Kind::Json:
        if (!e.body.isNull() && !expectedBody(ex, e)) {
            journal->answeredBy = QStringLiteral("error");
            return;
        }
        if (e.isMock())
            m_mocks.serve(ex, *row, found.rest, journal.get());
        else
            serveJson(ex, cached);
        break;
    case Endpoint::Kind::File:
        serveFile(ex, cached);
        break;
    case Endpoint::Kind::Script:
        serveScript(ex, *row);
        break;
    }
}

bool HostedHandler::expectedBody(const ExchangePtr &ex, const Endpoint &e)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson('[' + ex->body() + ']', &error);
    const bool same = error.error == QJsonParseError::NoError && doc.array().size() == 1 &&
                      doc.array().first() == e.body;
    if (!same)
        ex->fail(ApiError::badRequest(tr("the request body does not match the expected body")));
    return same;
}

void HostedHandler::prepare(CachedEndpoint &c) const
{
    const Endpoint &e = c.row.endpoint;
    if (e.kind == Endpoint::Kind::File) {
        // Null if it cannot be opened now: serveFile() then tries (and reports) per request.
        c.file = FileHandle::open(QDir(m_ctx.config.filesDir()).filePath(c.row.filePath));
        return;
    }
    if (e.kind != Endpoint::Kind::Json || e.isMock())
        return;
    HttpResponse response;
    response.status = e.statusCode;
    response.setHeader("Content-Type", "application/json");
    addOwnerHeaders(response, e);
    // The column holds the response exactly as jsonText() wrote it: no need to write it again.
    response.body = c.row.responseJson.isEmpty() ? QByteArrayLiteral("null") : c.row.responseJson;
    c.answer = PreparedResponse::from(response);
}

void HostedHandler::serveJson(const ExchangePtr &ex, const CachedEndpoint &c)
{
    const Endpoint &e = c.row.endpoint;
    if (!c.answer) { // prepare() makes one for every plain JSON endpoint
        ex->fail(ApiError::internal(tr("the endpoint's answer is missing")));
        return;
    }
    if (e.latency <= 0) {
        ex->respondPrepared(*c.answer);
        return;
    }
    const PreparedResponse response = *c.answer;
    // A timer, not a sleeping thread: a thousand waiting answers cost a thousand timers. Precise,
    // because a coarse timer may fire up to 5% early and a mock's latency is a promise.
    QTimer::singleShot(e.latency, Qt::PreciseTimer, m_ctx.thread,
                       [ex, response] { ex->respondPrepared(response); });
}

void HostedHandler::serveFile(const ExchangePtr &ex, const CachedEndpoint &cached)
{
    const EndpointRow &row = cached.row;
    const Endpoint &e = row.endpoint;
    FileResponder::File file;
    file.path = QDir(m_ctx.config.filesDir()).filePath(row.filePath);
    file.handle = cached.file;
    file.size = e.size;
    file.etag = row.etag;
    file.modified = row.contentTime;
    file.contentType = e.contentType;
    file.fileName = e.fileName;
    HttpResponse head;
    addOwnerHeaders(head, e);
    FileResponder::respond(ex, file, head);
}

void HostedHandler::serveScript(const ExchangePtr &ex, const EndpointRow &row)
{
    ScriptRequest request;
    request.scriptPath = QDir(m_ctx.config.filesDir()).filePath(row.filePath);
    request.method = ex->method();
    const QByteArray path = ex->rawPath();
    request.path = QByteArray::fromPercentEncoding(path);
    request.scriptName = request.path;
    const qsizetype q = ex->target().indexOf('?');
    request.query = q < 0 ? QByteArray() : ex->target().mid(q + 1);
    request.headers = ex->headers();
    request.body = ex->body();
    request.remoteAddress = ex->remoteAddress().toString();
    const QUrl base(ex->baseUrl());
    request.serverName = base.host().toUtf8();
    request.serverPort = ex->socket() ? ex->socket()->localPort() : quint16(base.port(80));
    const EndpointRow copy = row;
    m_scripts->run(
        request, [this, ex, copy](const ScriptResult &result) { answerScript(ex, copy, result); });
}

void HostedHandler::answerScript(const ExchangePtr &ex, const EndpointRow &row,
                                 const ScriptResult &result)
{
    using Outcome = ScriptResult::Outcome;
    if (!result.errorOutput.isEmpty()) // for the operator; never sent to the client
        qCInfo(lcEndpoints).noquote()
            << "script" << row.username << row.endpoint.identifier << "rid=" + ex->requestId()
            << "stderr:" << QString::fromUtf8(result.errorOutput.left(512)).simplified();
    Metrics::scriptRuns.add(scriptResultLabel(result.outcome));
    switch (result.outcome) {
    case Outcome::Ok: {
        HttpResponse response;
        response.status = result.status;
        addOwnerHeaders(response, row.endpoint);
        for (const auto &[name, value] : result.headers) {
            if (allowedFromOwner(name))
                response.setHeader(name, value);
        }
        if (response.header("Content-Type").isEmpty())
            response.setHeader("Content-Type", "text/plain; charset=utf-8");
        // Script output is not our origin's HTML: active types run in a sandboxed origin.
        if (MediaType::isActiveContent(QString::fromLatin1(response.header("Content-Type"))))
            response.setHeader("Content-Security-Policy", "sandbox");
        response.body = result.body;
        ex->respond(std::move(response));
        return;
    }
    case Outcome::Timeout:
        ex->fail(ApiError::gatewayTimeout(result.detail));
        return;
    case Outcome::Busy:
        ex->fail(ApiError::unavailable(result.detail, 1));
        return;
    case Outcome::SandboxUnavailable:
        ex->fail(ApiError::unavailable(result.detail));
        return;
    case Outcome::OutputTooLarge:
    case Outcome::Crashed:
    case Outcome::BadOutput:
        ex->fail(ApiError::badGateway(result.detail));
        return;
    }
    ex->fail(ApiError::badGateway(result.detail));
}

} // namespace depot
