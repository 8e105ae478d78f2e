#include "services/ImageFetcher.h"

#include "codec/DumpCodec.h"
#include "codec/MediaType.h"

#include <QDir>
#include <QFileInfo>
#include <QHostInfo>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSaveFile>
#include <QTimer>

#include <deque>

namespace depot {

using Cause = ImageFetchResult::Cause;

namespace {

// Enough for every signature MediaType::sniffImage knows (AVIF reads its ftyp box).
constexpr qsizetype kSniffBytes = 64;
// QNetworkAccessManager stops reading the socket when this much is unread, so a fast server
// cannot make us buffer more than this per transfer.
constexpr qint64 kReadBufferBytes = 64 * 1024;

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

ImageFetchResult networkFailure(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
        return ImageFetchResult::failure(Cause::ConnectionRefused);
    case QNetworkReply::HostNotFoundError:
        return ImageFetchResult::failure(Cause::Dns);
    case QNetworkReply::TimeoutError:
        return ImageFetchResult::failure(Cause::Timeout);
    case QNetworkReply::RemoteHostClosedError:
        return ImageFetchResult::failure(Cause::Network, QStringLiteral("connection closed"));
    case QNetworkReply::SslHandshakeFailedError:
        return ImageFetchResult::failure(Cause::Network, QStringLiteral("tls handshake failed"));
    case QNetworkReply::ProtocolFailure:
    case QNetworkReply::ProtocolUnknownError:
        return ImageFetchResult::failure(Cause::Network, QStringLiteral("protocol error"));
    default:
        return ImageFetchResult::failure(Cause::Network);
    }
}

} // namespace

// One image: resolve, check, connect to the checked address, follow redirects by hand, verify
// and stream the body into a QSaveFile. Reports exactly once through `done`, unless abandoned.
class FetchJob : public QObject
{
public:
    using Done = std::function<void(FetchJob *, const ImageFetchResult &)>;

    FetchJob(QNetworkAccessManager *nam, const ImageFetcherConfig &config,
             const ImageFetchRequest &request, Done done, QObject *parent)
        : QObject(parent), m_nam(nam), m_config(config), m_request(request), m_done(std::move(done))
    {
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, [this] { fail(Cause::Timeout); });
    }

    ~FetchJob() override { abandon(); }

    ImageFetcher::BatchId batch = 0;
    int index = 0;
    QString host;

    void start()
    {
        m_timer.start(m_config.imageTimeoutMs);
        // Deferred so that even an immediate outcome (a blocked IP literal) is reported from the
        // event loop, never from inside ImageFetcher's scheduling.
        QMetaObject::invokeMethod(
            this, [this] { startHop(m_request.url); }, Qt::QueuedConnection);
    }

    // Stops without reporting: the caller records the outcome itself.
    void abandon()
    {
        m_finished = true;
        m_timer.stop();
        if (m_lookupId >= 0)
            QHostInfo::abortHostLookup(m_lookupId);
        m_lookupId = -1;
        dropReply();
        if (m_file) {
            m_file->cancelWriting();
            m_file.reset(); // uncommitted: nothing appears at the target path
        }
    }

private:
    void startHop(const QUrl &url)
    {
        m_hopUrl = url;
        m_candidates.clear();
        m_candidate = 0;
        const QHostAddress literal(url.host());
        if (!literal.isNull()) {
            onAddresses({literal});
            return;
        }
        m_lookupId = QHostInfo::lookupHost(url.host(), this, [this](const QHostInfo &info) {
            m_lookupId = -1;
            if (info.error() != QHostInfo::NoError || info.addresses().isEmpty())
                fail(Cause::Dns);
            else
                onAddresses(info.addresses());
        });
    }

    void onAddresses(const QList<QHostAddress> &addresses)
    {
        // Only checked addresses are ever connected to; a name with some denied addresses
        // (e.g. localhost's ::1 when only 127.0.0.0/8 is allowed) uses the others.
        for (const QHostAddress &address : addresses) {
            const QHostAddress checked = AddressPolicy::normalized(address);
            if (m_config.addressPolicy.isAllowed(checked) && !m_candidates.contains(checked))
                m_candidates.append(checked);
        }
        if (m_candidates.isEmpty())
            fail(Cause::BlockedAddress);
        else
            connectToCandidate();
    }

    void connectToCandidate()
    {
        QUrl target = m_hopUrl;
        target.setHost(m_candidates.at(m_candidate).toString());
        target.setFragment(QString());
        QNetworkRequest request(target);
        // The server and its certificate know the name, not the address we checked.
        request.setRawHeader("Host", m_hopUrl.authority(QUrl::FullyEncoded).toLatin1());
        if (m_hopUrl.scheme() == QLatin1String("https"))
            request.setPeerVerifyName(m_hopUrl.host(QUrl::FullyEncoded));
        // Qt's HTTP/2 takes :authority from the URL, i.e. the address, and drops our Host
        // header; name-based (CDN) hosts would then answer for the wrong site.
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::ManualRedirectPolicy);
        // One manager serves every user of the thread: share no cookies or cache between them.
        request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
        request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
        request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                             QNetworkRequest::AlwaysNetwork);
        request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
        // With identity encoding Qt does not inflate, so the size cap counts real bytes and a
        // compression bomb cannot grow in memory before we see it.
        request.setRawHeader("Accept-Encoding", "identity");
        request.setRawHeader("Accept", "image/*");
        request.setHeader(QNetworkRequest::UserAgentHeader,
                          QByteArrayLiteral("Depot/" DEPOT_VERSION " image fetcher"));

        m_reply = m_nam->get(request);
        m_reply->setReadBufferSize(kReadBufferBytes);
        m_headersChecked = false;
        connect(m_reply, &QNetworkReply::metaDataChanged, this, &FetchJob::onHeaders);
        connect(m_reply, &QNetworkReply::readyRead, this, &FetchJob::onData);
        connect(m_reply, &QNetworkReply::finished, this, &FetchJob::onFinished);
    }

    void onHeaders()
    {
        if (m_finished || m_headersChecked || !m_reply)
            return;
        const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 0)
            return; // no response yet (connection errors end in onFinished)
        m_headersChecked = true;
        const QByteArray location = m_reply->rawHeader("Location");
        if (isRedirect(status) && !location.isEmpty()) {
            followRedirect(location);
            return;
        }
        if (status < 200 || status >= 300) {
            finish(ImageFetchResult::httpFailure(status));
            return;
        }
        const QString type =
            MediaType::essence(QString::fromLatin1(m_reply->rawHeader("Content-Type")));
        if (!type.startsWith(QLatin1String("image/"))) {
            fail(Cause::NotAnImage);
            return;
        }
        // An early answer for an honest server; the cap itself is enforced on the stream.
        bool known = false;
        const qint64 length =
            m_reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(&known);
        if (known && length > m_config.maxImageBytes)
            fail(Cause::TooLarge);
    }

    void followRedirect(const QByteArray &location)
    {
        const QUrl next = m_hopUrl.resolved(QUrl::fromEncoded(location, QUrl::StrictMode));
        dropReply();
        if (++m_redirects > m_config.maxRedirects) {
            fail(Cause::TooManyRedirects);
            return;
        }
        if (!next.isValid() ||
            !DumpCodec::urlProblem(next.toString(QUrl::FullyEncoded)).isEmpty()) {
            fail(Cause::BadRedirect);
            return;
        }
        startHop(next); // resolved and checked like the first hop
    }

    void onData()
    {
        if (!m_headersChecked)
            onHeaders();
        if (m_finished || !m_reply)
            return;
        const QByteArray chunk = m_reply->readAll();
        m_received += chunk.size();
        if (m_received > m_config.maxImageBytes) {
            fail(Cause::TooLarge);
            return;
        }
        if (m_file) {
            write(chunk);
            return;
        }
        m_head += chunk;
        if (m_head.size() >= kSniffBytes && openFile())
            write(std::exchange(m_head, {}));
    }

    void onFinished()
    {
        if (m_finished || !m_reply)
            return;
        const QNetworkReply::NetworkError error = m_reply->error();
        const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status != 0 && !m_headersChecked) {
            onHeaders(); // e.g. a 401 that Qt finished without announcing its headers
            if (m_finished || !m_reply)
                return;
        }
        if (error != QNetworkReply::NoError) {
            const bool unreachable = error == QNetworkReply::ConnectionRefusedError ||
                                     error == QNetworkReply::UnknownNetworkError;
            if (status == 0 && unreachable && m_candidate + 1 < m_candidates.size()) {
                dropReply();
                ++m_candidate;
                connectToCandidate();
                return;
            }
            finish(networkFailure(error));
            return;
        }
        onData(); // whatever arrived with the end of the body
        if (m_finished)
            return;
        if (!m_file) { // a body shorter than kSniffBytes
            if (!openFile())
                return;
            write(std::exchange(m_head, {}));
            if (m_finished)
                return;
        }
        if (!m_file->commit()) {
            fail(Cause::Io, m_file->errorString());
            return;
        }
        m_file.reset();
        ImageFetchResult result;
        result.ok = true;
        result.filePath = m_path;
        result.mediaType = m_mediaType;
        result.size = m_received;
        finish(result);
    }

    bool openFile()
    {
        m_mediaType = MediaType::sniffImage(m_head);
        if (m_mediaType.isEmpty()) {
            fail(Cause::NotAnImage);
            return false;
        }
        m_path = m_request.targetPath + QLatin1Char('.') + MediaType::extensionFor(m_mediaType);
        if (!QDir().mkpath(QFileInfo(m_path).absolutePath())) {
            fail(Cause::Io, QStringLiteral("cannot create directory"));
            return false;
        }
        m_file = std::make_unique<QSaveFile>(m_path);
        if (!m_file->open(QIODevice::WriteOnly)) {
            fail(Cause::Io, m_file->errorString());
            return false;
        }
        return true;
    }

    void write(const QByteArray &data)
    {
        if (m_file->write(data) != data.size())
            fail(Cause::Io, m_file->errorString());
    }

    void fail(Cause cause, const QString &detail = {})
    {
        finish(ImageFetchResult::failure(cause, detail));
    }

    void finish(const ImageFetchResult &result)
    {
        if (m_finished)
            return;
        abandon();
        m_done(this, result);
    }

    void dropReply()
    {
        if (!m_reply)
            return;
        m_reply->disconnect(this);
        // Aborted from the event loop: aborting inside metaDataChanged, while Qt is still
        // delivering the response (a 404 with its body), makes Qt report a second error.
        QNetworkReply *reply = std::exchange(m_reply, nullptr);
        QMetaObject::invokeMethod(
            reply,
            [reply] {
                reply->abort();
                reply->deleteLater();
            },
            Qt::QueuedConnection);
    }

    QNetworkAccessManager *const m_nam;
    const ImageFetcherConfig &m_config;
    const ImageFetchRequest m_request;
    const Done m_done;
    QTimer m_timer;
    QUrl m_hopUrl;
    int m_redirects = 0;
    QList<QHostAddress> m_candidates;
    int m_candidate = 0;
    int m_lookupId = -1;
    QNetworkReply *m_reply = nullptr;
    bool m_headersChecked = false;
    bool m_finished = false;
    QByteArray m_head;
    qint64 m_received = 0;
    QString m_mediaType;
    QString m_path;
    std::unique_ptr<QSaveFile> m_file;
};

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

ImageFetcher::ImageFetcher(const ImageFetcherConfig &config, QNetworkAccessManager *nam,
                           QObject *parent)
    : QObject(parent), m_config(config), m_nam(nam)
{
    qRegisterMetaType<ImageFetchResult>();
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
        const QUrl &url = images.at(i).url;
        if (!url.isValid() || !DumpCodec::urlProblem(url.toString(QUrl::FullyEncoded)).isEmpty()) {
            batch->results[i] = ImageFetchResult::failure(Cause::BadUrl);
            continue;
        }
        std::deque<int> &queue = batch->pending[url.host()];
        if (queue.empty())
            batch->hosts.push_back(url.host());
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
    do {
        m_pumpAgain = false;
        bool started = true;
        while (started && m_active < m_config.maxConcurrentTotal) {
            started = false;
            QList<BatchId> order;
            for (auto it = m_batches.upper_bound(m_lastServed); it != m_batches.end(); ++it)
                order.append(it->first);
            for (auto it = m_batches.begin(); it != m_batches.upper_bound(m_lastServed); ++it)
                order.append(it->first);
            for (BatchId id : std::as_const(order)) {
                if (m_active >= m_config.maxConcurrentTotal)
                    break;
                if (startNext(*m_batches.at(id))) {
                    m_lastServed = id;
                    started = true;
                }
            }
        }
    } while (m_pumpAgain);
    m_pumping = false;
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
            m_nam, m_config, batch.requests.at(index),
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
