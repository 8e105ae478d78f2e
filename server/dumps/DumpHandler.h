#pragma once

#include "codec/DumpCodec.h"
#include "config/WorkerContext.h"
#include "dumps/ImageFetcher.h"
#include "http/HttpExchange.h"
#include "http/LiveSocket.h"

#include <QCoreApplication>

#include <map>
#include <memory>

namespace depot {

class DumpJob;
struct DumpRecord;
struct QuotaUsage;
struct ServerConfig;

// Image dumps (seed 001, issue 5):
//   POST /api/v1/dumps                        a batch of items (XML or JSON); answered when every
//                                             image has been fetched or has failed, or at once
//                                             with 202 + Location given "Prefer: respond-async"
//   WS   /api/v1/dumps/{requestId}/events     live progress (LiveHub here, the database for
//                                             requests finished or run by another instance)
//   GET  /api/v1/dumps?limit=&offset=         the caller's requests, newest first
//   GET  /api/v1/dumps/{requestId}            one stored result (owner only, else 404)
//   GET  /api/v1/dumps/{requestId}/images/{imageId}   a stored image (owner only)
// A request is validated completely before the quota is touched, so a refused request costs
// nothing and fetches nothing; then one hourly-quota slot is reserved atomically in the database;
// then the images are fetched by this worker's ImageFetcher, asynchronously. Large documents are
// parsed on the thread pool; the request row and the result are written by the process's
// WriterThread, so the worker never holds its event loop for a large dump.
class DumpHandler
{
    Q_DECLARE_TR_FUNCTIONS(DumpHandler)

public:
    explicit DumpHandler(const WorkerContext &context);
    ~DumpHandler();
    DumpHandler(const DumpHandler &) = delete;
    DumpHandler &operator=(const DumpHandler &) = delete;

    void create(const ExchangePtr &exchange);
    void list(const ExchangePtr &exchange);
    void get(const ExchangePtr &exchange);
    void image(const ExchangePtr &exchange);
    // WebSocket /api/v1/dumps/{requestId}/events: one message per finished image, one at the end
    void events(LiveSocket *socket);

    // X-RateLimit-Limit, -Remaining and -Reset (Unix time when the oldest counted request leaves
    // the hour; now if none is counted), the numbers GET /api/v1/me shows.
    static HeaderList rateLimitHeaders(const QuotaUsage &usage, qint64 now);
    // Bodies up to this size are parsed in the worker; larger ones on the thread pool.
    static constexpr qsizetype InlineParseBytes = 1 << 20;

private:
    // One hourly-quota slot and the request row (with the body), by the writer thread; then
    // startJob() back on this worker.
    struct Parsed
    {
        DumpParseResult result;
        QStringList hosts; // DumpJob::imageHosts(result.items)
    };
    void reserve(const ExchangePtr &exchange, DumpFormat format, const QByteArray &body,
                 QList<DumpItem> items, QStringList hosts);
    void startJob(const ExchangePtr &exchange, DumpFormat format, qint64 requestId,
                  qint64 createdAt, const HeaderList &rate, QList<DumpItem> items,
                  QStringList hosts);
    HeaderList currentRateHeaders(const ExchangePtr &exchange);
    std::optional<DumpRecord> ownedRecord(const ExchangePtr &exchange);
    void recordImage(DumpJob &job, int index, const ImageFetchResult &result);
    static QString topic(qint64 requestId);
    static QString replayTopic(qint64 requestId); // "publish again what finished so far"

    WorkerContext m_ctx;
    std::unique_ptr<QObject> m_lifetime; // parent of this handler's pending parse watchers
    std::unique_ptr<ImageFetcher> m_fetcher;
    std::map<ImageFetcher::BatchId, std::shared_ptr<DumpJob>> m_jobs;
};

} // namespace depot
