#pragma once

#include "model/Dump.h"
#include "http/HttpExchange.h"
#include "dumps/ImageFetcher.h"
#include "dumps/DumpsTable.h"

#include <QCoreApplication>
#include <QElapsedTimer>

namespace depot {

class Database;

// One accepted dump request while its images are fetched. It numbers the items and images
// (1.. within the request, in document order), names each image's file
// (<files>/images/<user>/<requestId>/<imageId>), turns fetch outcomes into statuses, stores the
// result and answers, if the client is still there. Lives in the worker that owns the request.
class DumpJob
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

    DumpJob(ExchangePtr exchange, const Setup &setup, QList<DumpItem> items);

    qint64 requestId() const { return m_setup.requestId; }
    int imageCount() const { return int(m_positions.size()); }
    int itemCount() const { return int(m_result.items.size()); }
    // What to fetch: entry i is image i (imageId i + 1).
    QList<ImageFetchRequest> fetchRequests() const;

    // One image is done (results arrive one by one; kept in case the batch never completes).
    void record(int index, const ImageFetchResult &result);
    // Every image is done: stores the result and answers with it.
    void finish(Database &db, const QList<ImageFetchResult> &results);
    // The worker is going away before the batch completed: images not done are stored as
    // failed ("cancelled") so the request does not stay pending forever. No answer is sent.
    void abandon(Database &db);

    // Numbers items and images as a request stores them; `items` come from DumpCodec::parse.
    static void number(QList<DumpItem> &items);

private:
    void store(Database &db);
    void answer();

    ExchangePtr m_exchange;
    const Setup m_setup;
    DumpResult m_result;
    QList<QPair<qsizetype, qsizetype>> m_positions; // image index → (item, image)
    QList<StoredImage> m_files;
    QList<bool> m_done;
    QElapsedTimer m_clock;
    bool m_stored = false;
};

} // namespace depot
