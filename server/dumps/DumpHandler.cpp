#include "dumps/DumpHandler.h"
#include "config/Log.h"

#include "http/Guarded.h"
#include "http/JsonBody.h"
#include "http/LiveHub.h"
#include "http/Pagination.h"

#include "accounts/QuotaTable.h"
#include "config/OffThread.h"
#include "config/ServerConfig.h"
#include "dumps/DumpJob.h"
#include "dumps/DumpsTable.h"
#include "store/WriterThread.h"

#include <QDateTime>
#include <QDebug>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QTimer>

namespace depot {

namespace {

constexpr int kDefaultPageSize = 20;
constexpr int kMaxPageSize = 100;

// Request and image ids in paths: server-made positive integers, nothing else.
std::optional<qint64> parseId(const QString &text)
{
    if (text.isEmpty() || text.size() > 18 ||
        !std::all_of(text.begin(), text.end(), [](QChar c) { return c >= u'0' && c <= u'9'; }))
        return std::nullopt;
    const qint64 id = text.toLongLong();
    return id > 0 ? std::optional<qint64>(id) : std::nullopt;
}

// 400 for documents that are not XML/JSON at all, 422 naming the item index and field, 413
// naming the limit that was passed.
ApiError parseError(const DumpError &error)
{
    ApiError api;
    switch (error.kind) {
    case DumpError::Kind::TooLarge:
        api = ApiError::payloadTooLarge(error.toString());
        api.extra.insert(QStringLiteral("limit"), error.limit);
        break;
    case DumpError::Kind::Invalid:
        // 422 always names a field: a problem of the whole document is one of its "items"
        api = ApiError::invalidField(error.path.isEmpty() ? QStringLiteral("items") : error.path,
                                     error.message);
        api.detail = error.toString();
        break;
    case DumpError::Kind::Malformed:
    case DumpError::Kind::None:
        api = ApiError::badRequest(error.toString());
        break;
    }
    if (!error.path.isEmpty())
        api.extra.insert(QStringLiteral("field"), error.path);
    return api;
}

QJsonValue timeJson(qint64 secs)
{
    return secs > 0 ? QJsonValue(dumpTimeText(QDateTime::fromSecsSinceEpoch(secs, Qt::UTC)))
                    : QJsonValue(QJsonValue::Null);
}

QJsonObject summaryJson(const DumpRecord &record)
{
    return QJsonObject{{QStringLiteral("requestId"), double(record.id)},
                       {QStringLiteral("dataformat"), dumpFormatName(record.dataformat)},
                       {QStringLiteral("status"), record.status},
                       {QStringLiteral("created_at"), timeJson(record.createdAt)},
                       {QStringLiteral("finished_at"), timeJson(record.finishedAt)},
                       {QStringLiteral("item_count"), record.itemCount},
                       {QStringLiteral("image_count"), record.imageCount},
                       {QStringLiteral("images_succeeded"), record.imagesSucceeded}};
}

} // namespace

DumpHandler::DumpHandler(const WorkerContext &context)
    : m_ctx(context), m_lifetime(std::make_unique<QObject>()),
      m_fetcher(std::make_unique<ImageFetcher>(context.config.fetch))
{
    // Kept per image so that a batch cut short by shutdown still stores what was done.
    QObject::connect(
        m_fetcher.get(), &ImageFetcher::imageFinished, m_fetcher.get(),
        [this](ImageFetcher::BatchId batch, int index, const ImageFetchResult &result) {
            const auto it = m_jobs.find(batch);
            if (it != m_jobs.end())
                recordImage(*it->second, index, result);
        });
}

DumpHandler::~DumpHandler()
{
    for (auto &[batch, job] : m_jobs)
        job->abandon(m_ctx.db);
    m_jobs.clear();
}

HeaderList DumpHandler::rateLimitHeaders(const QuotaUsage &usage, qint64 now)
{
    return {{QByteArrayLiteral("X-RateLimit-Limit"), QByteArray::number(usage.limit)},
            {QByteArrayLiteral("X-RateLimit-Remaining"), QByteArray::number(usage.remaining())},
            {QByteArrayLiteral("X-RateLimit-Reset"),
             QByteArray::number(usage.resetAt > 0 ? usage.resetAt : now)}};
}

HeaderList DumpHandler::currentRateHeaders(const ExchangePtr &ex)
{
    const AuthUser &user = *ex->user;
    return rateLimitHeaders(
        QuotaTable(m_ctx.db).usage(user.id, m_ctx.config.accounts.planLimit(user.plan)),
        Database::now());
}

void DumpHandler::create(const ExchangePtr &ex)
{
    // Rate headers on refusals too; they cost one indexed COUNT.
    auto refuse = [this, ex](const ApiError &error) {
        try {
            for (const auto &[name, value] : currentRateHeaders(ex))
                ex->addResponseHeader(name, value);
        } catch (const DbError &e) {
            qCWarning(lcDumps).noquote() << "database error:" << e.what();
        }
        ex->fail(error);
    };
    const QByteArray contentType = ex->header("Content-Type");
    std::optional<DumpFormat> format = DumpCodec::formatForContentType(contentType);
    if (!format && declaresNoBodyType(contentType)) { // curl -d @items.xml: by its first character
        // Not body().trimmed(): that copies a body with white space at either end.
        const QByteArray &body = ex->body();
        const auto start = std::find_if(body.begin(), body.end(),
                                        [](char c) { return c != ' ' && (c < '\t' || c > '\r'); });
        const char first = start == body.end() ? '\0' : *start;
        format = first == '<'                   ? std::optional(DumpFormat::Xml)
                 : first == '{' || first == '[' ? std::optional(DumpFormat::Json)
                                                : std::nullopt;
    }
    if (!format) {
        refuse(ApiError::unsupportedMediaType(
            tr("send the items as application/xml or application/json")));
        return;
    }
    const QByteArray body = ex->body();
    const DumpLimits limits = DumpHandler::m_ctx.config.dumps.limits;
    auto next = [this, ex, refuse, format = *format, body](const Parsed &parsed) {
        if (!parsed.result.ok()) {
            refuse(parseError(parsed.result.error));
            return;
        }
        reserve(ex, format, body, parsed.result.items, parsed.hosts);
    };
    const auto parse = [body, format = *format, limits] {
        Parsed parsed{DumpCodec::parse(body, format, limits), {}};
        if (parsed.result.ok())
            parsed.hosts = DumpJob::imageHosts(parsed.result.items);
        return parsed;
    };
    if (body.size() <= InlineParseBytes) {
        next(parse());
        return;
    }
    // A large document would hold the worker for a noticeable time: parse it on the pool. The
    // continuation belongs to this handler, so nothing is delivered once the worker is gone.
    runOffThread(m_lifetime.get(), parse, next);
}

void DumpHandler::reserve(const ExchangePtr &ex, DumpFormat format, const QByteArray &body,
                          QList<DumpItem> items, QStringList hosts)
{
    struct Reservation
    {
        std::optional<qint64> id;
        QuotaUsage usage;
        std::optional<ApiError> error;
    };
    const AuthUser &user = *ex->user;
    int imageCount = 0;
    for (const DumpItem &item : std::as_const(items))
        imageCount += int(item.images.size());
    // The request row carries the whole body: written by the process's writer thread, so the
    // worker keeps answering meanwhile (and SQLite's write lock is never waited for here).
    WriterThread &writer = WriterThread::forProcess(m_ctx.db.settings());
    // Before the call: its arguments are made in no set order, and one moves the items.
    const QVariantMap counts = DumpsTable::countColumns(int(items.size()), imageCount);
    runOffThread(
        m_lifetime.get(),
        [&writer, userId = user.id, limit = m_ctx.config.accounts.planLimit(user.plan),
         format = dumpFormatName(format), body, counts] {
            Reservation r;
            try {
                r.id = QuotaTable(writer.database())
                           .reserve(userId, limit, format, body, &r.usage, counts);
            } catch (const DbError &e) {
                r.error = apiErrorFor(e);
            }
            return r;
        },
        [this, ex, format, items = std::move(items),
         hosts = std::move(hosts)](const Reservation &r) mutable {
            if (r.error) {
                ex->fail(*r.error);
                return;
            }
            const qint64 now = Database::now();
            const HeaderList rate = rateLimitHeaders(r.usage, now);
            if (!r.id) {
                for (const auto &[name, value] : rate)
                    ex->addResponseHeader(name, value);
                ex->fail(ApiError::tooManyRequests(
                    r.usage.resetAt - now, tr("the hourly limit of %n dump request(s) is reached",
                                              nullptr, r.usage.limit)));
                return;
            }
            startJob(ex, format, *r.id, now, rate, std::move(items), std::move(hosts));
        },
        writer.pool());
}

void DumpHandler::startJob(const ExchangePtr &ex, DumpFormat format, qint64 requestId,
                           qint64 createdAt, const HeaderList &rate, QList<DumpItem> items,
                           QStringList hosts)
{
    DumpJob::Setup setup;
    setup.userId = ex->user->id;
    setup.requestId = requestId;
    setup.createdAt = createdAt;
    setup.requestFormat = format;
    setup.answerFormat = DumpCodec::formatForAccept(ex->header("Accept")).value_or(format);
    setup.answerHeaders = rate;
    setup.filesDir = m_ctx.config.filesDir();
    auto job = std::make_shared<DumpJob>(ex, setup, std::move(items), std::move(hosts));

    // A socket that subscribes after some images finished (on any worker) asks this worker,
    // which holds the results until the end, to publish them again.
    const quint64 replay = LiveHub::subscribe(
        replayTopic(job->requestId()), m_ctx.thread,
        [weak = std::weak_ptr<DumpJob>(job)](const QJsonObject &) {
            if (const std::shared_ptr<DumpJob> running = weak.lock()) {
                for (int i = 0; i < running->imageCount(); ++i) {
                    if (running->isDone(i))
                        LiveHub::publish(topic(running->requestId()), running->imageEventAt(i));
                }
            }
        });
    const ImageFetcher::BatchId batch = m_fetcher->fetch(
        job->fetchRequests(),
        [this, replay](ImageFetcher::BatchId batch, const QList<ImageFetchResult> &results) {
            LiveHub::unsubscribe(replay);
            const auto it = m_jobs.find(batch);
            if (it == m_jobs.end())
                return;
            const std::shared_ptr<DumpJob> done = it->second;
            m_jobs.erase(it);
            for (int i = 0; i < results.size(); ++i)
                recordImage(*done, i, results.at(i));
            // Stored by the writer thread; the end is published once it is in the database.
            done->finish(
                results, WriterThread::forProcess(m_ctx.db.settings()), m_lifetime.get(),
                [job = done.get()] { LiveHub::publish(topic(job->requestId()), job->endEvent()); });
        });
    // Results are delivered from the event loop, never from inside fetch(): this is in time.
    m_jobs.emplace(batch, job);
    if (ex->header("Prefer").toLower().contains("respond-async")) {
        // RFC 7240: the request is accepted; its state is at Location, its progress on the
        // events WebSocket. The job keeps the (answered) exchange and answers nothing more.
        const QByteArray location = "/api/v1/dumps/" + QByteArray::number(job->requestId());
        QJsonObject body{{QStringLiteral("requestId"), double(job->requestId())},
                         {QStringLiteral("status"), dumpStatusName(DumpStatus::Pending)},
                         {QStringLiteral("item_count"), job->itemCount()},
                         {QStringLiteral("image_count"), job->imageCount()},
                         {QStringLiteral("images_succeeded"), 0},
                         {QStringLiteral("location"), QString::fromLatin1(location)},
                         {QStringLiteral("events"), QString::fromLatin1(location + "/events")}};
        HeaderList headers = currentRateHeaders(ex);
        headers.append({QByteArrayLiteral("Location"), location});
        headers.append(
            {QByteArrayLiteral("Preference-Applied"), QByteArrayLiteral("respond-async")});
        ex->respondJson(202, body, headers);
    }
}

QString DumpHandler::topic(qint64 requestId)
{
    return QStringLiteral("dump:") + QString::number(requestId);
}

QString DumpHandler::replayTopic(qint64 requestId)
{
    return QStringLiteral("dump-replay:") + QString::number(requestId);
}

void DumpHandler::recordImage(DumpJob &job, int index, const ImageFetchResult &result)
{
    // The event (a JSON object with the URL) only when a socket listens.
    const QString live = topic(job.requestId());
    if (job.record(index, result) && LiveHub::subscriberCount(live) > 0)
        LiveHub::publish(live, job.imageEventAt(index));
}

void DumpHandler::events(LiveSocket *socket)
{
    const qint64 userId = socket->user->id;
    const std::optional<qint64> id = parseId(socket->param(QStringLiteral("requestId")));
    if (!id || !DumpsTable(m_ctx.db).find(userId, *id)) {
        socket->fail(404, tr("no such dump request"));
        return;
    }
    struct Progress
    {
        QSet<qint64> sent;
        bool ended = false;
    };
    auto progress = std::make_shared<Progress>();
    auto deliver = [socket, progress](const QJsonObject &event) {
        if (progress->ended)
            return;
        if (event.value(QStringLiteral("type")).toString() == u"image") {
            const qint64 imageId = event.value(QStringLiteral("imageId")).toInteger();
            if (progress->sent.contains(imageId))
                return;
            progress->sent.insert(imageId);
            // "done" counts what this socket has seen, so it rises 1..image_count even when
            // some images finished before the socket subscribed and arrive later.
            QJsonObject numbered = event;
            numbered.insert(QStringLiteral("done"), int(progress->sent.size()));
            socket->send(numbered);
            return;
        }
        progress->ended = true;
        socket->send(event);
        socket->close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("done"));
    };
    // The database is the truth for requests finished before, or run by another instance:
    // once a request is no longer pending, whatever was not sent live (images that finished
    // before this socket subscribed) comes from its rows, then the end.
    const qint64 requestId = *id;
    auto catchUp = [this, userId, requestId, progress, deliver] {
        if (progress->ended)
            return;
        const std::optional<DumpRecord> record = DumpsTable(m_ctx.db).find(userId, requestId);
        if (!record || record->status == dumpStatusName(DumpStatus::Pending))
            return;
        int done = int(progress->sent.size());
        for (const DumpItem &item : DumpsTable(m_ctx.db).items(requestId)) {
            for (const DumpImage &image : item.images) {
                if (!progress->sent.contains(image.imageId))
                    deliver(DumpJob::imageEvent(requestId, item.itemId, image, ++done,
                                                record->imageCount));
            }
        }
        deliver(DumpJob::endEvent(requestId, record->status, record->imageCount,
                                  record->imagesSucceeded));
    };
    // Subscribe first, then read the database: nothing finishing in between is missed, and
    // duplicates are dropped by imageId. The end is taken from the database (stored before it
    // is published), so images missed live are sent before it.
    LiveHub::subscribe(topic(requestId), socket, [deliver, catchUp](const QJsonObject &event) {
        if (event.value(QStringLiteral("type")).toString() == u"image")
            deliver(event);
        else
            catchUp();
    });
    // Images finished before this socket subscribed: from the worker running the request now
    // (its results reach the database only at the end).
    LiveHub::publish(replayTopic(requestId), {});
    catchUp();
    if (progress->ended)
        return;
    socket->every(m_ctx.config.web.wsPollIntervalMs, catchUp);
}

void DumpHandler::list(const ExchangePtr &ex)
{
    for (const auto &[name, value] : currentRateHeaders(ex)) // the router maps database errors
        ex->addResponseHeader(name, value);
    const auto page = Page::fromQuery(ex, kDefaultPageSize, kMaxPageSize);
    if (!page)
        return;
    DumpsTable table(m_ctx.db);
    QJsonArray items;
    for (const DumpRecord &record : table.list(ex->user->id, page->limit, page->offset))
        items.append(summaryJson(record));
    ex->respondJson(200, page->envelope(items, table.count(ex->user->id)));
}

std::optional<DumpRecord> DumpHandler::ownedRecord(const ExchangePtr &ex)
{
    for (const auto &[name, value] : currentRateHeaders(ex))
        ex->addResponseHeader(name, value);
    const std::optional<qint64> id = parseId(ex->param(QStringLiteral("requestId")));
    std::optional<DumpRecord> record;
    if (id)
        record = DumpsTable(m_ctx.db).find(ex->user->id, *id);
    // Someone else's request is answered exactly like one that does not exist.
    if (!record)
        ex->fail(ApiError::notFound(tr("no such dump request")));
    return record;
}

void DumpHandler::get(const ExchangePtr &ex)
{
    try {
        const std::optional<DumpRecord> record = ownedRecord(ex);
        if (!record)
            return;
        DumpResult result;
        result.requestId = record->id;
        result.dataformat = record->dataformat;
        result.createdAt = QDateTime::fromSecsSinceEpoch(record->createdAt, Qt::UTC);
        if (record->finishedAt > 0)
            result.finishedAt = QDateTime::fromSecsSinceEpoch(record->finishedAt, Qt::UTC);
        if (record->status == dumpStatusName(DumpStatus::Pending)) {
            // Still being fetched (or cut off by a crash): the items as sent, every image
            // pending, numbered as they will be stored.
            DumpLimits unbounded;
            unbounded.minItems = 0;
            unbounded.maxItems = std::numeric_limits<int>::max();
            unbounded.minImagesPerItem = 0;
            unbounded.maxImagesPerItem = std::numeric_limits<int>::max();
            result.items = DumpCodec::parse(record->data, record->dataformat, unbounded).items;
            DumpJob::number(result.items);
        } else {
            result.items = DumpsTable(m_ctx.db).items(record->id);
        }
        const DumpFormat format =
            DumpCodec::formatForAccept(ex->header("Accept")).value_or(record->dataformat);
        ex->respond(HttpResponse::bytes(200, DumpCodec::contentType(format),
                                        DumpCodec::serializeResult(result, format)));
    } catch (const DbError &e) {
        ex->fail(apiErrorFor(e));
    }
}

void DumpHandler::image(const ExchangePtr &ex)
{
    try {
        const std::optional<DumpRecord> record = ownedRecord(ex);
        if (!record)
            return;
        const std::optional<qint64> imageId = parseId(ex->param(QStringLiteral("imageId")));
        const std::optional<StoredImage> stored =
            imageId ? DumpsTable(m_ctx.db).image(ex->user->id, record->id, *imageId) : std::nullopt;
        if (!stored) {
            ex->fail(ApiError::notFound(tr("no such stored image")));
            return;
        }
        const QString path = QDir(m_ctx.config.filesDir()).filePath(stored->filePath);
        const QFileInfo info(path);
        if (!info.isFile()) {
            qCWarning(lcDumps).noquote()
                << tr("dump %1: stored image %2 is missing").arg(record->id).arg(path);
            ex->fail(ApiError::notFound(tr("no such stored image")));
            return;
        }
        HttpResponse head;
        head.status = 200;
        // The type the bytes proved, never the remote server's claim; raster images only
        // (MediaType::sniffImage never yields SVG), so inline is safe, and nosniff is added by
        // the exchange.
        head.setHeader("Content-Type", stored->contentType.toLatin1());
        head.setHeader("Content-Disposition",
                       "inline; filename=\"" + info.fileName().toLatin1() + '"');
        head.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
        head.setHeader("Cache-Control", "private, max-age=3600");
        ex->respondFile(head, path, 0, info.size());
    } catch (const DbError &e) {
        ex->fail(apiErrorFor(e));
    }
}

} // namespace depot
