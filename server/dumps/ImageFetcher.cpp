#include "dumps/ImageFetcher.h"
#include "config/Log.h"

#include "dumps/FetchJob.h"

#include "codec/DumpCodec.h"

#include <QDebug>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QTimer>

#include <deque>

namespace depot {

using Cause = ImageFetchResult::Cause;

struct FetchBatch
{
    ImageFetcher::BatchId id = 0;
    QList<ImageFetchRequest> requests;
    QList<ImageFetchResult> results;
    ImageFetcher::Callback callback;
    int remaining = 0;
    int active = 0;
    // Waiting images by host, and the hosts in turn order, so that picking the next image to
    // start skips only hosts that are at their limit.
    QHash<QString, std::deque<int>> pending;
    std::deque<QString> hosts;
    QList<FetchJob *> jobs;
    QTimer deadline;
};

ImageFetchResult ImageFetchResult::failure(Cause cause, const QString &detail)
{
    ImageFetchResult result;
    result.cause = cause;
    result.error = causeText(cause);
    if (!detail.isEmpty())
        result.error += QStringLiteral(": ") + detail;
    return result;
}

ImageFetchResult ImageFetchResult::httpFailure(int httpCode)
{
    ImageFetchResult result;
    result.cause = Cause::HttpError;
    result.httpCode = httpCode;
    return result;
}

QString ImageFetchResult::causeText(Cause cause)
{
    switch (cause) {
    case Cause::None:
    case Cause::HttpError:
        return QString();
    case Cause::Timeout:
        return QStringLiteral("timeout");
    case Cause::Dns:
        return QStringLiteral("dns");
    case Cause::ConnectionRefused:
        return QStringLiteral("connection refused");
    case Cause::TooLarge:
        return QStringLiteral("too large");
    case Cause::NotAnImage:
        return QStringLiteral("not an image");
    case Cause::BlockedAddress:
        return QStringLiteral("blocked address");
    case Cause::TooManyRedirects:
        return QStringLiteral("too many redirects");
    case Cause::BadRedirect:
        return QStringLiteral("bad redirect");
    case Cause::BadUrl:
        return QStringLiteral("bad url");
    case Cause::DeadlineExceeded:
        return QStringLiteral("deadline exceeded");
    case Cause::Cancelled:
        return QStringLiteral("cancelled");
    case Cause::Network:
        return QStringLiteral("network error");
    case Cause::Io:
        return QStringLiteral("io error");
    }
    return QStringLiteral("network error");
}

ImageFetcher::ImageFetcher(const FetchConfig &config, QNetworkAccessManager *nam,
                           QObject *parent)
    : QObject(parent), m_config(config), m_nam(nam)
{
    qRegisterMetaType<ImageFetchResult>();
    for (const QString &cidr : m_config.allow) {
        if (!m_policy.allow(cidr))
            qCWarning(lcDumps).noquote() << tr("ignoring --fetch-allow %1: not a CIDR").arg(cidr);
    }
    if (!m_nam) {
        m_nam = new QNetworkAccessManager(this);
        // Connect to the checked address ourselves; a proxy would resolve names on its own.
        m_nam->setProxy(QNetworkProxy::NoProxy);
    }
}

ImageFetcher::~ImageFetcher()
{
    for (auto &[id, batch] : m_batches) {
        for (FetchJob *job : std::as_const(batch->jobs)) {
            job->abandon();
            delete job;
        }
    }
    m_batches.clear();
}

ImageFetcher::BatchId ImageFetcher::fetch(const QList<ImageFetchRequest> &images,
                                          Callback onFinished)
{
    const BatchId id = m_nextId++;
    auto batch = std::make_unique<FetchBatch>();
    batch->id = id;
    batch->requests = images;
    batch->results.resize(images.size());
    batch->callback = std::move(onFinished);
    for (int i = 0; i < images.size(); ++i) {
        const ImageFetchRequest &request = images.at(i);
        const bool deferred = request.url.isEmpty() && !request.urlText.isEmpty();
        const QUrl &url = request.url;
        // A deferred URL is checked by its FetchJob when it starts.
        if (deferred ? request.host.isEmpty()
                     : !url.isValid() ||
                           !DumpCodec::urlProblem(url.toString(QUrl::FullyEncoded)).isEmpty()) {
            batch->results[i] = ImageFetchResult::failure(Cause::BadUrl);
            continue;
        }
        const QString host = deferred ? request.host : url.host();
        std::deque<int> &queue = batch->pending[host];
        if (queue.empty())
            batch->hosts.push_back(host);
        queue.push_back(i);
        ++batch->remaining;
    }
    batch->deadline.setSingleShot(true);
    connect(&batch->deadline, &QTimer::timeout, this,
            [this, id] { stopBatch(id, Cause::DeadlineExceeded); });
    batch->deadline.start(m_config.batchDeadlineMs);
    const bool empty = batch->remaining == 0;
    m_batches.emplace(id, std::move(batch));
    if (empty)
        finishBatch(id);
    else
        pump();
    return id;
}

bool ImageFetcher::cancel(BatchId batch)
{
    if (m_batches.find(batch) == m_batches.end())
        return false;
    stopBatch(batch, Cause::Cancelled);
    return true;
}

bool ImageFetcher::isRunning(BatchId batch) const
{
    return m_batches.find(batch) != m_batches.end();
}

// Starts as many waiting images as the bounds allow, one per batch in turn so that a large batch
// cannot starve the others.
void ImageFetcher::pump()
{
    if (m_pumping) {
        m_pumpAgain = true;
        return;
    }
    m_pumping = true;
    // Fetches that fail at once (refused addresses, bad URLs) finish inside startNext() and pump
    // again: a batch of 20,000 such images would hold the event loop until all were done. At most
    // StartsPerTurn are started per turn; the rest on the next turn, after other events.
    int startedThisTurn = 0;
    do {
        m_pumpAgain = false;
        bool started = true;
        while (started && m_active < m_config.maxConcurrentTotal &&
               startedThisTurn < StartsPerTurn) {
            started = false;
            QList<BatchId> order;
            for (auto it = m_batches.upper_bound(m_lastServed); it != m_batches.end(); ++it)
                order.append(it->first);
            for (auto it = m_batches.begin(); it != m_batches.upper_bound(m_lastServed); ++it)
                order.append(it->first);
            for (BatchId id : std::as_const(order)) {
                if (m_active >= m_config.maxConcurrentTotal || startedThisTurn >= StartsPerTurn)
                    break;
                if (startNext(*m_batches.at(id))) {
                    m_lastServed = id;
                    started = true;
                    ++startedThisTurn;
                }
            }
        }
    } while (m_pumpAgain && startedThisTurn < StartsPerTurn);
    m_pumping = false;
    if (startedThisTurn >= StartsPerTurn && !m_pumpQueued) {
        m_pumpQueued = true;
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_pumpQueued = false;
                pump();
            },
            Qt::QueuedConnection);
    }
}

bool ImageFetcher::startNext(FetchBatch &batch)
{
    if (batch.active >= m_config.maxConcurrentPerBatch)
        return false;
    for (std::size_t turn = 0, hosts = batch.hosts.size(); turn < hosts; ++turn) {
        const QString host = batch.hosts.front();
        batch.hosts.pop_front();
        if (m_hostActive.value(host) >= m_config.maxConcurrentPerHost) {
            batch.hosts.push_back(host);
            continue;
        }
        std::deque<int> &queue = batch.pending[host];
        const int index = queue.front();
        queue.pop_front();
        if (queue.empty())
            batch.pending.remove(host);
        else
            batch.hosts.push_back(host);

        auto *job = new FetchJob(
            m_nam, m_config, m_policy, batch.requests.at(index),
            [this](FetchJob *job, const ImageFetchResult &result) { onJobFinished(job, result); },
            this);
        job->batch = batch.id;
        job->index = index;
        job->host = host;
        batch.jobs.append(job);
        ++batch.active;
        ++m_active;
        ++m_hostActive[host];
        job->start();
        return true;
    }
    return false;
}

void ImageFetcher::onJobFinished(FetchJob *job, const ImageFetchResult &result)
{
    const BatchId id = job->batch;
    const int index = job->index;
    FetchBatch &batch = *m_batches.at(id); // a job of a stopped batch never reports
    batch.jobs.removeOne(job);
    --batch.active;
    releaseSlot(job->host);
    job->deleteLater(); // we are inside one of its handlers
    batch.results[index] = result;
    if (--batch.remaining == 0)
        finishBatch(id);
    emit imageFinished(id, index, result);
    pump();
}

void ImageFetcher::stopBatch(BatchId id, Cause cause)
{
    const auto it = m_batches.find(id);
    if (it == m_batches.end())
        return;
    FetchBatch &batch = *it->second;
    for (FetchJob *job : std::as_const(batch.jobs)) {
        job->abandon();
        releaseSlot(job->host);
        batch.results[job->index] = ImageFetchResult::failure(cause);
        job->deleteLater();
    }
    batch.jobs.clear();
    batch.active = 0;
    for (auto queue = batch.pending.cbegin(); queue != batch.pending.cend(); ++queue) {
        for (int index : queue.value())
            batch.results[index] = ImageFetchResult::failure(cause);
    }
    batch.pending.clear();
    batch.hosts.clear();
    finishBatch(id);
    pump(); // the freed slots can serve other batches
}

void ImageFetcher::finishBatch(BatchId id)
{
    const auto it = m_batches.find(id);
    std::unique_ptr<FetchBatch> batch = std::move(it->second);
    m_batches.erase(it);
    // Queued: fetch() and cancel() must return before their caller hears about the outcome.
    QMetaObject::invokeMethod(
        this,
        [this, id, results = batch->results, callback = batch->callback] {
            emit batchFinished(id, results);
            if (callback)
                callback(id, results);
        },
        Qt::QueuedConnection);
}

void ImageFetcher::releaseSlot(const QString &host)
{
    --m_active;
    if (--m_hostActive[host] <= 0)
        m_hostActive.remove(host);
}

} // namespace depot
