#pragma once

#include "dumps/DumpsTable.h"
#include "dumps/ImageFetcher.h"
#include "http/HttpExchange.h"
#include "model/Dump.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonObject>

#include <functional>
#include <memory>

namespace depot {

class Database;
class WriterThread;

// One accepted dump request while its images are fetched. It numbers the items and images
// (1.. within the request, in document order), names each image's file
// (<files>/images/<user>/<requestId>/<imageId>), turns fetch outcomes into statuses, stores the
// result and answers, if the client is still there. Lives in the worker that owns the request.
class DumpJob : public std::enable_shared_from_this<DumpJob>
{
    Q_DECLARE_TR_FUNCTIONS(DumpJob)

public:
    struct Setup
    {
        qint64 userId = 0;
        qint64 requestId = 0;
        qint64 createdAt = 0;
        DumpFormat requestFormat = DumpFormat::Json;
        DumpFormat answerFormat = DumpFormat::Json;
        HeaderList answerHeaders; // e.g. X-RateLimit-*
        QString filesDir;
    };

    // `hosts`: imageHosts(items), found where the items were parsed (parsing 20,000 URLs took
    // the worker a noticeable time); each image's QUrl is made only when its fetch starts.
    DumpJob(ExchangePtr exchange, const Setup &setup, QList<DumpItem> items, QStringList hosts);
    static QStringList imageHosts(const QList<DumpItem> &items);

    qint64 requestId() const { return m_setup.requestId; }
    int imageCount() const { return int(m_positions.size()); }
    int itemCount() const { return int(m_result.items.size()); }
    // What to fetch: entry i is image i (imageId i + 1). Once: the hosts move to the fetcher.
    QList<ImageFetchRequest> fetchRequests();

    // One image is done (results arrive one by one; kept in case the batch never completes).
    // False if it was recorded before.
    bool record(int index, const ImageFetchResult &result);
    // The live event for image `index` once recorded (see imageEvent()).
    QJsonObject imageEventAt(int index) const;
    // The live event at the end of the request, after finish().
    QJsonObject endEvent() const;
    int doneCount() const { return m_doneCount; } // counted, not counted again per image
    bool isDone(int index) const { return m_done.value(index); }

    // The WebSocket messages of /api/v1/dumps/{id}/events, one definition for the live path
    // and the replay from the database: {"type":"image", requestId, itemId, imageId, url,
    // status, httpCode | error, done, image_count} and {"type":"end", requestId, status,
    // image_count, images_succeeded}.
    static QJsonObject imageEvent(qint64 requestId, qint64 itemId, const DumpImage &image, int done,
                                  int imageCount);
    static QJsonObject endEvent(qint64 requestId, const QString &status, int imageCount,
                                int imagesSucceeded);
    // Every image is done: `writer` stores the result (one transaction: every item and image row
    // and the request's status, or nothing), then, on `context`'s thread, `stored()` runs and
    // the answer is sent. Its document is written on the thread pool (a large result took the
    // worker for a noticeable time). Nothing of this runs if `context` is gone by then.
    void finish(const QList<ImageFetchResult> &results, WriterThread &writer, QObject *context,
                std::function<void()> stored);
    // The worker is going away before the batch completed: images not done are stored as
    // failed ("cancelled") so the request does not stay pending forever. No answer is sent.
    void abandon(Database &db);

    // Numbers items and images as a request stores them; `items` come from DumpCodec::parse.
    static void number(QList<DumpItem> &items);

private:
    // Stores the result with `db` (any thread's connection); the error to answer if it failed.
    // After a failed store, when the request's row is gone (its account was deleted while the
    // images were fetched), the images just written belong to nobody and are removed.
    struct StoreOutcome
    {
        std::optional<ApiError> error;
        QString message; // for the log
    };
    static StoreOutcome store(Database &db, const Setup &setup, const DumpResult &result,
                              const QList<StoredImage> &files);
    void prepareStore(); // closes the result (finished_at) before it is stored
    void logStored(const StoreOutcome &outcome);
    void answer(QObject *context);

    ExchangePtr m_exchange;
    const Setup m_setup;
    DumpResult m_result;
    QList<QPair<qsizetype, qsizetype>> m_positions; // image index → (item, image)
    QList<StoredImage> m_files;
    QStringList m_hosts; // until fetchRequests()
    QList<bool> m_done;
    int m_doneCount = 0;
    QElapsedTimer m_clock;
    bool m_stored = false;
};

} // namespace depot
