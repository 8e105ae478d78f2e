#pragma once

#include "accounts/AccountRemoval.h"
#include "model/Dump.h"
#include "store/Database.h"
#include "store/Reaper.h"

namespace depot {

// A dump request as its `requests` row describes it (the seed's log row plus the columns of
// migration 4), without its items.
struct DumpRecord
{
    qint64 id = 0;
    qint64 userId = 0;
    DumpFormat dataformat = DumpFormat::Json;
    QString status; // PENDING until every image is done, then SUCCESS | PARTIAL | FAILURE
    qint64 createdAt = 0;
    qint64 finishedAt = 0; // 0 while pending
    int itemCount = 0;
    int imageCount = 0;
    int imagesSucceeded = 0;
    QByteArray data; // the request body as received; only filled by find()
};

// Where a stored image is (relative to the files directory) and what it is.
struct StoredImage
{
    QString filePath;    // e.g. "images/3/17/5.png"; empty if the image was not stored
    QString contentType; // verified by magic bytes
    qint64 size = 0;
};

// The dump log: dump_items and dump_images (each numbered 1.. within its request, with its
// status) and the dump columns of `requests`. Quota reservations stay in QuotaTable.
class DumpsTable
{
public:
    explicit DumpsTable(Database &db) : m_db(db) {}

    // For the Reaper: a request still PENDING `abandonAfterSeconds` after it was made can only
    // belong to an instance that died while fetching (a live one finishes or fails it by the
    // fetch deadline); it becomes FAILURE, so nobody waits on it forever, and the images that
    // instance had stored for it (named as they arrived; their rows come only with the result)
    // are removed from `filesDir`: no row will ever name them.
    static ReaperSource reaperSource(const QString &filesDir, qint64 abandonAfterSeconds);
    // A deleted account's dumps: items and images (the requests rows are the quota's, removed by
    // AccountRemoval) and the images directory images/<user id>.
    static UserContentSource userContentSource();
    // Closes up to `limit` such requests made before `before`; returns how many it found, and in
    // *closed the (user id, request id) of those it closed itself.
    int failAbandoned(qint64 before, qint64 now, int limit,
                      QList<QPair<qint64, qint64>> *closed = nullptr);
    // Where a request's images are stored, relative to the files directory (server-made
    // numbers only: nothing the user sent names a file).
    static QString imageDirectory(qint64 userId, qint64 requestId);

    // Records the size of a freshly reserved request.
    void begin(qint64 requestId, int itemCount, int imageCount);
    // Stores every item and image with its outcome and closes the request, in one transaction.
    // `files[i]` describes the i-th image of the request in order (imageId i + 1).
    void finish(qint64 requestId, const DumpResult &result, const QList<StoredImage> &files);

    // The user's request, or nullopt if there is none with this id or it is someone else's.
    std::optional<DumpRecord> find(qint64 userId, qint64 requestId);
    // Newest first.
    QList<DumpRecord> list(qint64 userId, int limit, int offset);
    int count(qint64 userId);
    bool exists(qint64 requestId);
    // The stored items of a finished request, ordered by itemId, images by imageId.
    QList<DumpItem> items(qint64 requestId);
    // A successfully stored image of the user's request; nullopt otherwise.
    std::optional<StoredImage> image(qint64 userId, qint64 requestId, qint64 imageId);

private:
    static DumpRecord recordFromRow(const Row &row);

    Database &m_db;
};

} // namespace depot
