#pragma once

#include "config/ServerConfig.h"
#include "dumps/AddressPolicy.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <map>
#include <memory>

class QNetworkAccessManager;

namespace depot {

class FetchJob;
struct FetchBatch;

// One image to fetch and where to store it. The fetcher appends ".<ext>" for the verified
// content (e.g. ".png"), so the caller chooses the name but never trusts the server's claim.
struct ImageFetchRequest
{
    QUrl url;
    QString targetPath; // e.g. "<files>/images/<user>/<requestId>/<imageId>"
    // Instead of `url`: its text (shared with the caller's copy) and its host. The QUrl is then
    // made only when this image's fetch starts: a batch of 20,000 QUrls held at once took as
    // much memory as the whole document.
    QString urlText;
    QString host;
};

struct ImageFetchResult
{
    enum class Cause {
        None,              // success
        HttpError,         // httpCode holds the status
        Timeout,           // the image took longer than imageTimeoutMs
        Dns,               // the host name did not resolve
        ConnectionRefused, //
        TooLarge,          // more than maxImageBytes (counted on the stream)
        NotAnImage,        // Content-Type not image/*, or magic bytes of no known image format
        BlockedAddress,    // every address of the host is denied by the AddressPolicy
        TooManyRedirects,  // more than maxRedirects
        BadRedirect,       // a redirect to something other than an http(s) URL without userinfo
        BadUrl,            // the URL itself is not an http(s) URL without userinfo
        DeadlineExceeded,  // the batch ran out of time before this image finished
        Cancelled,         // the batch was cancelled
        Network,           // another network failure (connection closed, TLS, protocol)
        Io,                // storing the file failed
    };

    bool ok = false;
    Cause cause = Cause::None;
    int httpCode = 0;
    QString error;     // short stable text for the cause ("timeout", "io error: ..."), never body
    QString filePath;  // on success: targetPath + "." + extension
    QString mediaType; // on success: the type recognised by magic bytes
    qint64 size = 0;   // on success: bytes stored

    static ImageFetchResult failure(Cause cause, const QString &detail = {});
    static ImageFetchResult httpFailure(int httpCode);
    static QString causeText(Cause cause); // "timeout", "dns", "connection refused", ...
};

// Fetches batches of users' image URLs into files, concurrently and asynchronously, guarded
// against hostile URLs (SECURITY.md, "Fetching users' image URLs"): every host is resolved and
// checked before a connection is made, the connection goes to the checked address, redirects are
// followed by hand and checked again, and size, time and content are capped and verified.
//
// One per worker thread: it and its QNetworkAccessManager live in that thread, and results are
// delivered there, through the callback and the signals, always from the event loop (never from
// inside fetch() or cancel()).
class ImageFetcher : public QObject
{
    Q_OBJECT

public:
    using BatchId = quint64;
    using Callback = std::function<void(BatchId, const QList<ImageFetchResult> &)>;

    // Uses `nam` if given (it must live in this thread and outlive the fetcher), else owns one.
    explicit ImageFetcher(const FetchConfig &config = {}, QNetworkAccessManager *nam = nullptr,
                          QObject *parent = nullptr);
    ~ImageFetcher() override; // abandons running batches: no callbacks, no partial files

    const FetchConfig &config() const { return m_config; }

    // Starts fetching; results[i] answers images[i]. `onFinished` runs once, after
    // batchFinished, also for an empty, cancelled or timed-out batch.
    BatchId fetch(const QList<ImageFetchRequest> &images, Callback onFinished = {});

    // Stops a batch: transfers are aborted, their files discarded, unfinished images reported as
    // Cancelled; images already stored stay stored and are reported as such. False if unknown or
    // already finished.
    bool cancel(BatchId batch);

    bool isRunning(BatchId batch) const;
    int activeTransfers() const { return m_active; }

signals:
    void imageFinished(depot::ImageFetcher::BatchId batch, int index,
                       const depot::ImageFetchResult &result);
    void batchFinished(depot::ImageFetcher::BatchId batch,
                       const QList<depot::ImageFetchResult> &results);

private:
    void pump();
    bool startNext(FetchBatch &batch);
    void onJobFinished(FetchJob *job, const ImageFetchResult &result);
    void stopBatch(BatchId id, ImageFetchResult::Cause cause);
    void finishBatch(BatchId id);
    void releaseSlot(const QString &host);

    const FetchConfig m_config;
    AddressPolicy m_policy; // the deny-list with the operator's allowed CIDRs
    QNetworkAccessManager *m_nam = nullptr;
    std::map<BatchId, std::unique_ptr<FetchBatch>> m_batches;
    QHash<QString, int> m_hostActive;
    int m_active = 0;
    BatchId m_nextId = 1;
    BatchId m_lastServed = 0; // round robin between batches
    bool m_pumping = false;
    bool m_pumpAgain = false;
    bool m_pumpQueued = false; // a pump() is queued for the next event loop turn
    static constexpr int StartsPerTurn = 64;
};

} // namespace depot

Q_DECLARE_METATYPE(depot::ImageFetchResult)
