#include "dumps/FetchJob.h"

#include "codec/DumpCodec.h"
#include "codec/MediaType.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHostInfo>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSaveFile>
#include <QThreadPool>
#include <QtConcurrent>

namespace depot {

using Cause = ImageFetchResult::Cause;

namespace {

// Enough for every signature MediaType::sniffImage knows (AVIF reads its ftyp box).
constexpr qsizetype kSniffBytes = 64;
// QNetworkAccessManager stops reading the socket when this much is unread, so a fast server
// cannot make us buffer more than this per transfer.
constexpr qint64 kReadBufferBytes = 64 * 1024;
// Commits are disk-bound, not CPU-bound: a few threads of their own, apart from the global
// pool that runs the password KDF.
constexpr int kCommitThreads = 4;

QThreadPool *commitPool()
{
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool;
        p->setMaxThreadCount(kCommitThreads);
        p->setExpiryTimeout(30000);
        return p;
    }();
    return pool;
}

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

// A finished file on its way to disk: owned jointly by the job and the pool task, so that
// either may go first; the mutex makes "commit" and "abandon" exclusive.
struct FileCommit
{
    QMutex mutex;
    std::unique_ptr<QSaveFile> file;
    QString path;
    QString error;
    bool abandoned = false;
    bool committed = false;
};

FetchJob::FetchJob(QNetworkAccessManager *nam, const FetchConfig &config,
                   const AddressPolicy &policy, const ImageFetchRequest &request, Done done,
                   QObject *parent)
    : QObject(parent), m_nam(nam), m_config(config), m_policy(policy), m_request(request),
      m_done(std::move(done))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] { fail(Cause::Timeout); });
}

FetchJob::~FetchJob()
{
    abandon();
}

void FetchJob::start()
{
    m_timer.start(m_config.imageTimeoutMs);
    // Deferred so that even an immediate outcome (a blocked IP literal) is reported from the
    // event loop, never from inside ImageFetcher's scheduling.
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (!m_request.url.isEmpty() || m_request.urlText.isEmpty()) {
                startHop(m_request.url);
                return;
            }
            // A deferred URL (ImageFetchRequest::urlText), made and checked now.
            const QUrl url(m_request.urlText, QUrl::StrictMode);
            if (!url.isValid() ||
                !DumpCodec::urlProblem(url.toString(QUrl::FullyEncoded)).isEmpty()) {
                fail(Cause::BadUrl);
                return;
            }
            startHop(url);
        },
        Qt::QueuedConnection);
}

void FetchJob::abandon()
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
    if (const std::shared_ptr<FileCommit> state = std::exchange(m_commit, nullptr)) {
        // Waits for a commit under way (rare: a timeout, cancel or deadline right then), so
        // that a file that will be reported as failed does not stay behind.
        QMutexLocker lock(&state->mutex);
        state->abandoned = true;
        if (state->committed)
            QFile::remove(state->path);
    }
}

void FetchJob::startHop(const QUrl &url)
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

void FetchJob::onAddresses(const QList<QHostAddress> &addresses)
{
    // Only checked addresses are ever connected to; a name with some denied addresses
    // (e.g. localhost's ::1 when only 127.0.0.0/8 is allowed) uses the others.
    for (const QHostAddress &address : addresses) {
        const QHostAddress checked = AddressPolicy::normalized(address);
        if (m_policy.isAllowed(checked) && !m_candidates.contains(checked))
            m_candidates.append(checked);
    }
    if (m_candidates.isEmpty())
        fail(Cause::BlockedAddress);
    else
        connectToCandidate();
}

void FetchJob::connectToCandidate()
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

void FetchJob::onHeaders()
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
    const qint64 length = m_reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(&known);
    if (known && length > m_config.maxImageBytes)
        fail(Cause::TooLarge);
}

void FetchJob::followRedirect(const QByteArray &location)
{
    const QUrl next = m_hopUrl.resolved(QUrl::fromEncoded(location, QUrl::StrictMode));
    dropReply();
    if (++m_redirects > m_config.maxRedirects) {
        fail(Cause::TooManyRedirects);
        return;
    }
    if (!next.isValid() || !DumpCodec::urlProblem(next.toString(QUrl::FullyEncoded)).isEmpty()) {
        fail(Cause::BadRedirect);
        return;
    }
    startHop(next); // resolved and checked like the first hop
}

void FetchJob::onData()
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

void FetchJob::onFinished()
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
    commit();
}

void FetchJob::commit()
{
    // QSaveFile::commit() syncs the file to disk (fdatasync), milliseconds each: on the pool,
    // so a batch of a thousand images never holds up the worker's other requests.
    auto state = std::make_shared<FileCommit>();
    state->file = std::move(m_file);
    state->path = m_path;
    m_commit = state;
    // A watcher owned by this job, not QFuture::then(this): the job may be deleted while the
    // commit still runs (then the watcher goes with it and nothing is delivered).
    auto *watcher = new QFutureWatcher<void>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, state, watcher] {
        watcher->deleteLater();
        m_commit.reset();
        if (m_finished)
            return; // abandoned meanwhile: abandon() took care of the file
        if (!state->committed) {
            fail(Cause::Io, state->error);
            return;
        }
        ImageFetchResult result;
        result.ok = true;
        result.filePath = m_path;
        result.mediaType = m_mediaType;
        result.size = m_received;
        finish(result);
    });
    watcher->setFuture(QtConcurrent::run(commitPool(), [state] {
        QMutexLocker lock(&state->mutex);
        if (state->abandoned) {
            state->file->cancelWriting();
        } else if (state->file->commit()) {
            state->committed = true;
        } else {
            state->error = state->file->errorString();
        }
        state->file.reset(); // closed here, never in two threads at once
    }));
}

void FetchJob::waitForCommits()
{
    commitPool()->waitForDone();
}

bool FetchJob::openFile()
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

void FetchJob::write(const QByteArray &data)
{
    if (m_file->write(data) != data.size())
        fail(Cause::Io, m_file->errorString());
}

void FetchJob::fail(Cause cause, const QString &detail)
{
    finish(ImageFetchResult::failure(cause, detail));
}

void FetchJob::finish(const ImageFetchResult &result)
{
    if (m_finished)
        return;
    abandon();
    m_done(this, result);
}

void FetchJob::dropReply()
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

} // namespace depot
