#include "ImageServer.h"
#include "dumps/ImageFetcher.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace depot;

namespace {

// Every file and directory below `dir`, hidden ones included (QSaveFile's fallback temporary
// files start with a dot).
QStringList filesIn(const QString &dir)
{
    QStringList names;
    const QFileInfoList entries = QDir(dir).entryInfoList(
        QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
    for (const QFileInfo &entry : entries)
        names.append(entry.fileName());
    return names;
}

FetchConfig loopbackConfig()
{
    FetchConfig config;
    config.allow.append(QStringLiteral("127.0.0.1/32"));
    config.imageTimeoutMs = 10000;
    config.batchDeadlineMs = 60000;
    return config;
}

quint16 closedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort(); // closed again when probe goes
}

} // namespace

class tst_ImageFetcher : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void outcomes_data();
    void outcomes();
    void blockedAddressesAreNeverConnected_data();
    void blockedAddressesAreNeverConnected();
    void connectsToCheckedAddressWithOriginalHost();
    void ioErrorLeavesNoFile();
    void concurrencyBounds_data();
    void concurrencyBounds();
    void thousandImages();
    void cancelLeavesNoPartialFiles();
    void stopDuringCommitsKeepsFilesAndResultsInStep_data();
    void stopDuringCommitsKeepsFilesAndResultsInStep();
    void deadlineExceeded();
    void destroyedWhileRunning();
    void emptyBatchIsDeliveredLater();

private:
    QList<ImageFetchResult> run(ImageFetcher &fetcher, const QList<ImageFetchRequest> &requests,
                                int timeoutMs = 20000);

    ImageServer m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_ImageFetcher::initTestCase()
{
    QVERIFY(m_server.start());
}

void tst_ImageFetcher::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_server.resetCounters();
}

QList<ImageFetchResult> tst_ImageFetcher::run(ImageFetcher &fetcher,
                                              const QList<ImageFetchRequest> &requests,
                                              int timeoutMs)
{
    QList<ImageFetchResult> results;
    bool done = false;
    QSignalSpy finished(&fetcher, &ImageFetcher::batchFinished);
    fetcher.fetch(requests, [&](ImageFetcher::BatchId, const QList<ImageFetchResult> &r) {
        results = r;
        done = true;
    });
    if (!done)
        finished.wait(timeoutMs); // callers check the results' size
    return results;
}

void tst_ImageFetcher::outcomes_data()
{
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<int>("timeoutMs");
    QTest::addColumn<qint64>("maxBytes");
    QTest::addColumn<int>("httpCode");
    QTest::addColumn<QString>("error");     // empty with httpCode 0: success
    QTest::addColumn<QString>("extension"); // on success

    const qint64 tenMiB = 10 * 1024 * 1024;
    const auto url = [this](const char *path) { return m_server.url(QLatin1String(path)); };
    const QString none;
    QTest::newRow("png") << url("/png") << 10000 << tenMiB << 0 << none << QStringLiteral("png");
    QTest::newRow("jpeg") << url("/jpeg") << 10000 << tenMiB << 0 << none << QStringLiteral("jpg");
    QTest::newRow("host name resolved (localhost)")
        << m_server.url(QStringLiteral("/png"), QStringLiteral("localhost")) << 10000 << tenMiB << 0
        << none << QStringLiteral("png");
    QTest::newRow("404") << url("/status/404") << 10000 << tenMiB << 404 << none << none;
    QTest::newRow("500") << url("/status/500") << 10000 << tenMiB << 500 << none << none;
    QTest::newRow("slow body → timeout")
        << url("/slow") << 500 << tenMiB << 0 << QStringLiteral("timeout") << none;
    QTest::newRow("endless body → too large (10 MiB cap)")
        << url("/endless") << 20000 << tenMiB << 0 << QStringLiteral("too large") << none;
    QTest::newRow("endless body → too large (256 KiB cap)")
        << url("/endless") << 10000 << qint64(256 * 1024) << 0 << QStringLiteral("too large")
        << none;
    QTest::newRow("declared 100 GB → too large")
        << url("/huge") << 10000 << tenMiB << 0 << QStringLiteral("too large") << none;
    QTest::newRow("png bigger than the cap → too large")
        << url("/png") << 10000 << qint64(100) << 0 << QStringLiteral("too large") << none;
    QTest::newRow("html → not an image")
        << url("/html") << 10000 << tenMiB << 0 << QStringLiteral("not an image") << none;
    QTest::newRow("image/png with text bytes → not an image")
        << url("/fake-png") << 10000 << tenMiB << 0 << QStringLiteral("not an image") << none;
    QTest::newRow("empty body → not an image")
        << url("/empty") << 10000 << tenMiB << 0 << QStringLiteral("not an image") << none;
    QTest::newRow("redirect to another path")
        << url("/redirect?to=/jpeg") << 10000 << tenMiB << 0 << none << QStringLiteral("jpg");
    QTest::newRow("3 redirects (the limit)")
        << url("/chain/3") << 10000 << tenMiB << 0 << none << QStringLiteral("png");
    QTest::newRow("redirect chain of 5 → too many redirects")
        << url("/chain/5") << 10000 << tenMiB << 0 << QStringLiteral("too many redirects") << none;
    QTest::newRow("redirect to 169.254.169.254 → blocked")
        << url("/redirect-blocked") << 10000 << tenMiB << 0 << QStringLiteral("blocked address")
        << none;
    QTest::newRow("redirect to 10.0.0.1 → blocked")
        << url("/redirect-private") << 10000 << tenMiB << 0 << QStringLiteral("blocked address")
        << none;
    QTest::newRow("redirect to ftp → bad redirect")
        << url("/redirect?to=ftp%3A%2F%2F127.0.0.1%2Fx.png") << 10000 << tenMiB << 0
        << QStringLiteral("bad redirect") << none;
    QTest::newRow("404 at the end of a redirect")
        << url("/redirect?to=/status/404") << 10000 << tenMiB << 404 << none << none;
    QTest::newRow("connection refused")
        << QUrl(QStringLiteral("http://127.0.0.1:%1/png").arg(closedPort())) << 10000 << tenMiB << 0
        << QStringLiteral("connection refused") << none;
    QTest::newRow("unknown host → dns") << QUrl(QStringLiteral("http://nonexistent.invalid/png"))
                                        << 10000 << tenMiB << 0 << QStringLiteral("dns") << none;
    QTest::newRow("private literal → blocked")
        << QUrl(QStringLiteral("http://10.0.0.1/png")) << 10000 << tenMiB << 0
        << QStringLiteral("blocked address") << none;
    QTest::newRow("mapped IPv6 literal → blocked")
        << QUrl(QStringLiteral("http://[::ffff:192.168.0.1]/png")) << 10000 << tenMiB << 0
        << QStringLiteral("blocked address") << none;
    QTest::newRow("ftp URL → bad url") << QUrl(QStringLiteral("ftp://127.0.0.1/png")) << 10000
                                       << tenMiB << 0 << QStringLiteral("bad url") << none;
}

void tst_ImageFetcher::outcomes()
{
    QFETCH(QUrl, url);
    QFETCH(int, timeoutMs);
    QFETCH(qint64, maxBytes);
    QFETCH(int, httpCode);
    QFETCH(QString, error);
    QFETCH(QString, extension);

    FetchConfig config = loopbackConfig();
    config.imageTimeoutMs = timeoutMs;
    config.maxImageBytes = maxBytes;
    ImageFetcher fetcher(config);
    const QString target = m_dir->filePath(QStringLiteral("images/u1/r1/1"));
    const QList<ImageFetchResult> results = run(fetcher, {{url, target}});
    QCOMPARE(results.size(), 1);
    const ImageFetchResult &result = results.first();
    QCOMPARE(result.error, error);
    QCOMPARE(result.httpCode, httpCode);
    const bool success = error.isEmpty() && httpCode == 0;
    QCOMPARE(result.ok, success);
    if (success) {
        QCOMPARE(result.filePath, target + QLatin1Char('.') + extension);
        QFile file(result.filePath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), extension == QLatin1String("png") ? ImageServer::pngImage()
                                                                   : ImageServer::jpegImage());
        QCOMPARE(result.size, file.size());
        QCOMPARE(filesIn(m_dir->filePath(QStringLiteral("images/u1/r1"))),
                 QStringList{QStringLiteral("1.") + extension});
    } else {
        QVERIFY(result.filePath.isEmpty());
        QCOMPARE(filesIn(m_dir->filePath(QStringLiteral("images/u1/r1"))), QStringList());
    }
}

void tst_ImageFetcher::blockedAddressesAreNeverConnected_data()
{
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<QString>("servedPath"); // what the server would have counted
    QTest::newRow("127.0.0.1") << m_server.url(QStringLiteral("/png")) << QStringLiteral("/png");
    QTest::newRow("localhost") << m_server.url(QStringLiteral("/jpeg"), QStringLiteral("localhost"))
                               << QStringLiteral("/jpeg");
    QTest::newRow("::ffff:127.0.0.1")
        << m_server.url(QStringLiteral("/png/mapped"), QStringLiteral("::ffff:127.0.0.1"))
        << QStringLiteral("/png/mapped");
    QTest::newRow("0.0.0.0") << m_server.url(QStringLiteral("/png/zero"), QStringLiteral("0.0.0.0"))
                             << QStringLiteral("/png/zero");
}

// With no allow-list the test server's own loopback address is refused: nothing reaches it.
void tst_ImageFetcher::blockedAddressesAreNeverConnected()
{
    QFETCH(QUrl, url);
    QFETCH(QString, servedPath);
    FetchConfig config;
    ImageFetcher fetcher(config);
    const QList<ImageFetchResult> results =
        run(fetcher, {{url, m_dir->filePath(QStringLiteral("x"))}});
    QCOMPARE(results.size(), 1);
    QCOMPARE(results.first().cause, ImageFetchResult::Cause::BlockedAddress);
    QCOMPARE(results.first().error, QStringLiteral("blocked address"));
    QCOMPARE(m_server.connectionsAccepted(), 0);
    QCOMPARE(m_server.hits(servedPath), 0);
    QCOMPARE(filesIn(m_dir->path()), QStringList());
}

void tst_ImageFetcher::connectsToCheckedAddressWithOriginalHost()
{
    ImageFetcher fetcher(loopbackConfig());
    const QUrl url = m_server.url(QStringLiteral("/png/named"), QStringLiteral("localhost"));
    const QList<ImageFetchResult> results =
        run(fetcher, {{url, m_dir->filePath(QStringLiteral("a"))}});
    QVERIFY(results.value(0).ok);
    QCOMPARE(m_server.hits(QStringLiteral("/png/named")), 1);
    QCOMPARE(m_server.lastHostHeader(), "localhost:" + QByteArray::number(m_server.port()));

    // A redirect to a blocked address is refused after the first hop, before any connection:
    // 127.0.0.2 is loopback but outside the allow-list.
    const QUrl hop = m_server.url(QStringLiteral("/png/never"), QStringLiteral("127.0.0.2"));
    QUrl redirect = m_server.url(QStringLiteral("/redirect"));
    redirect.setQuery(QStringLiteral("to=") +
                      QString::fromLatin1(QUrl::toPercentEncoding(hop.toString())));
    const QList<ImageFetchResult> blocked =
        run(fetcher, {{redirect, m_dir->filePath(QStringLiteral("b"))}});
    QCOMPARE(blocked.value(0).error, QStringLiteral("blocked address"));
    QCOMPARE(m_server.hits(QStringLiteral("/redirect")), 1);
    QCOMPARE(m_server.hits(QStringLiteral("/png/never")), 0);
}

void tst_ImageFetcher::ioErrorLeavesNoFile()
{
    // A regular file where the target's directory should be: mkpath fails even for root.
    QFile blocker(m_dir->filePath(QStringLiteral("images")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    ImageFetcher fetcher(loopbackConfig());
    const QList<ImageFetchResult> results = run(
        fetcher,
        {{m_server.url(QStringLiteral("/png")), m_dir->filePath(QStringLiteral("images/u1/1"))}});
    QCOMPARE(results.value(0).cause, ImageFetchResult::Cause::Io);
    QVERIFY2(results.value(0).error.startsWith(QLatin1String("io error")),
             qPrintable(results.value(0).error));
    QCOMPARE(filesIn(m_dir->path()), QStringList{QStringLiteral("images")});
}

void tst_ImageFetcher::concurrencyBounds_data()
{
    QTest::addColumn<int>("perBatch");
    QTest::addColumn<int>("perHost");
    QTest::addColumn<int>("total");
    QTest::addColumn<int>("batches");
    QTest::addColumn<bool>("twoHosts");
    QTest::addColumn<int>("expectedMax");
    QTest::addColumn<int>("expectedMaxPerHost");
    // Bounds stay below 6, QNetworkAccessManager's own limit of connections per host.
    QTest::newRow("per batch: 3") << 3 << 10 << 10 << 1 << false << 3 << 3;
    QTest::newRow("per host: 2, two host names") << 10 << 2 << 10 << 1 << true << 4 << 2;
    QTest::newRow("total: 5 over two batches") << 4 << 10 << 5 << 2 << false << 5 << 5;
}

void tst_ImageFetcher::concurrencyBounds()
{
    QFETCH(int, perBatch);
    QFETCH(int, perHost);
    QFETCH(int, total);
    QFETCH(int, batches);
    QFETCH(bool, twoHosts);
    QFETCH(int, expectedMax);
    QFETCH(int, expectedMaxPerHost);

    FetchConfig config = loopbackConfig();
    config.allow.append(QStringLiteral("::1")); // in case localhost resolves to it too
    config.maxConcurrentPerBatch = perBatch;
    config.maxConcurrentPerHost = perHost;
    config.maxConcurrentTotal = total;
    ImageFetcher fetcher(config);
    int finishedBatches = 0;
    int succeeded = 0;
    for (int b = 0; b < batches; ++b) {
        QList<ImageFetchRequest> requests;
        for (int i = 0; i < 24; ++i) {
            const QString host =
                twoHosts && i % 2 ? QStringLiteral("localhost") : QStringLiteral("127.0.0.1");
            // Each answer takes 40 ms, so requests overlap as much as the bounds let them.
            requests.append({m_server.url(QStringLiteral("/delay/40/png/%1").arg(i), host),
                             m_dir->filePath(QStringLiteral("%1/%2").arg(b).arg(i))});
        }
        fetcher.fetch(requests, [&](ImageFetcher::BatchId, const QList<ImageFetchResult> &r) {
            ++finishedBatches;
            succeeded += int(std::count_if(r.begin(), r.end(), [](auto &x) { return x.ok; }));
        });
    }
    QTRY_COMPARE_WITH_TIMEOUT(finishedBatches, batches, 30000);
    QCOMPARE(succeeded, 24 * batches);
    QCOMPARE(m_server.maxConcurrentRequests(), expectedMax);
    QCOMPARE(m_server.maxConcurrentRequests(QStringLiteral("127.0.0.1")), expectedMaxPerHost);
    if (twoHosts)
        QCOMPARE(m_server.maxConcurrentRequests(QStringLiteral("localhost")), expectedMaxPerHost);
}

void tst_ImageFetcher::thousandImages()
{
    QNetworkAccessManager nam; // given, as a worker thread would
    FetchConfig config = loopbackConfig();
    config.maxConcurrentPerHost = 4;
    config.maxConcurrentPerBatch = 16;
    config.maxConcurrentTotal = 32;
    ImageFetcher fetcher(config, &nam);
    QList<ImageFetchRequest> requests;
    for (int i = 0; i < 1000; ++i) {
        // 5 ms per answer: the server answers one request at a time otherwise, and concurrency
        // would not show in its counters.
        const QString path =
            (i % 2 ? QStringLiteral("/delay/5/jpeg/%1") : QStringLiteral("/delay/5/png/%1")).arg(i);
        requests.append({m_server.url(path), m_dir->filePath(QStringLiteral("r/%1").arg(i))});
    }
    QElapsedTimer timer;
    timer.start();
    const QList<ImageFetchResult> results = run(fetcher, requests, 60000);
    const qint64 elapsed = timer.elapsed();
    qInfo("1000 images in %lld ms, at most %d requests and %d connections at once", elapsed,
          m_server.maxConcurrentRequests(), m_server.maxConcurrentConnections());
    QCOMPARE(results.size(), 1000);
    for (int i = 0; i < results.size(); ++i)
        QVERIFY2(results.at(i).ok,
                 qPrintable(QString::number(i) + QLatin1Char(' ') + results.at(i).error));
    QCOMPARE(results.at(0).filePath, m_dir->filePath(QStringLiteral("r/0.png")));
    QCOMPARE(results.at(1).filePath, m_dir->filePath(QStringLiteral("r/1.jpg")));
    QCOMPARE(filesIn(m_dir->filePath(QStringLiteral("r"))).size(), 1000);
    QCOMPARE(m_server.totalHits(), 1000);
    QVERIFY(m_server.maxConcurrentRequests() <= 4);
    QCOMPARE(m_server.maxConcurrentRequests(), 4); // concurrent, up to the bound
    QVERIFY2(elapsed < 30000, "1000 local images should take seconds, not minutes");
}

void tst_ImageFetcher::cancelLeavesNoPartialFiles()
{
    FetchConfig config = loopbackConfig();
    config.maxImageBytes = qint64(1) << 40; // let the endless body run until cancelled
    ImageFetcher fetcher(config);
    QList<ImageFetchRequest> requests;
    for (int i = 0; i < 3; ++i)
        requests.append({m_server.url(QStringLiteral("/png/%1").arg(i)),
                         m_dir->filePath(QStringLiteral("png%1").arg(i))});
    requests.append(
        {m_server.url(QStringLiteral("/slow")), m_dir->filePath(QStringLiteral("slow"))});
    requests.append(
        {m_server.url(QStringLiteral("/endless")), m_dir->filePath(QStringLiteral("endless"))});
    // Waiting behind the per-batch bound; those already sent would be answered only after the
    // test's own timeout, so they can leave the server only by being aborted.
    for (int i = 0; i < 30; ++i)
        requests.append({m_server.url(QStringLiteral("/delay/60000/png/%1").arg(i)),
                         m_dir->filePath(QStringLiteral("late%1").arg(i))});
    int stored = 0;
    connect(&fetcher, &ImageFetcher::imageFinished, this,
            [&](ImageFetcher::BatchId, int, const ImageFetchResult &r) { stored += r.ok; });
    QList<ImageFetchResult> results;
    bool done = false;
    const ImageFetcher::BatchId id =
        fetcher.fetch(requests, [&](ImageFetcher::BatchId, const QList<ImageFetchResult> &r) {
            results = r;
            done = true;
        });
    QTRY_COMPARE_WITH_TIMEOUT(stored, 3, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(m_server.hits(QStringLiteral("/endless")) == 1 &&
                                 m_server.hits(QStringLiteral("/slow")) == 1,
                             10000);
    QVERIFY(fetcher.isRunning(id));
    QVERIFY(fetcher.cancel(id));
    QVERIFY(!done); // delivered from the event loop, not from inside cancel()
    QVERIFY(!fetcher.isRunning(id));
    QVERIFY(!fetcher.cancel(id));
    QTRY_VERIFY_WITH_TIMEOUT(done, 5000);
    QCOMPARE(results.size(), requests.size());
    for (int i = 0; i < 3; ++i)
        QVERIFY(results.at(i).ok);
    for (int i = 3; i < results.size(); ++i)
        QCOMPARE(results.at(i).error, QStringLiteral("cancelled"));
    QCOMPARE(fetcher.activeTransfers(), 0);
    // Every transfer under way was aborted. (The finished PNGs' connections may stay open as
    // idle keep-alive connections of the shared network manager: that is not a transfer.)
    QTRY_COMPARE_WITH_TIMEOUT(m_server.requestsInFlight(), 0, 15000);
    QCOMPARE(filesIn(m_dir->path()),
             (QStringList{QStringLiteral("png0.png"), QStringLiteral("png1.png"),
                          QStringLiteral("png2.png")}));
}

void tst_ImageFetcher::stopDuringCommitsKeepsFilesAndResultsInStep_data()
{
    QTest::addColumn<int>("after"); // images reported before the batch is stopped
    QTest::addColumn<bool>("destroy");
    QTest::newRow("cancel after 1") << 1 << false;
    QTest::newRow("cancel after 40") << 40 << false;
    QTest::newRow("cancel after 150") << 150 << false;
    QTest::newRow("destroy after 1") << 1 << true;
    QTest::newRow("destroy after 40") << 40 << true;
    QTest::newRow("destroy after 150") << 150 << true;
}

// Files are committed on a thread pool while the batch goes on. Stopping the batch (cancel, or
// destroying the fetcher) while commits are queued or running must leave exactly the files of
// the images reported as stored: none committed behind a "cancelled", none reported but missing.
void tst_ImageFetcher::stopDuringCommitsKeepsFilesAndResultsInStep()
{
    QFETCH(int, after);
    QFETCH(bool, destroy);
    FetchConfig config = loopbackConfig();
    config.maxConcurrentPerBatch = 64;
    config.maxConcurrentTotal = 64;
    auto fetcher = std::make_unique<ImageFetcher>(config);
    QList<ImageFetchRequest> requests;
    for (int i = 0; i < 300; ++i) // two host names: twice the connections
        requests.append(
            {m_server.url(QStringLiteral("/png/c%1").arg(i),
                          i % 2 ? QStringLiteral("localhost") : QStringLiteral("127.0.0.1")),
             m_dir->filePath(QStringLiteral("c%1").arg(i))});
    QStringList reported;
    int finished = 0;
    ImageFetcher::BatchId id = 0;
    connect(fetcher.get(), &ImageFetcher::imageFinished, this,
            [&](ImageFetcher::BatchId, int, const ImageFetchResult &r) {
                if (r.ok)
                    reported << QFileInfo(r.filePath).fileName();
                if (++finished != after)
                    return;
                if (destroy) // not from inside the fetcher's own signal
                    QTimer::singleShot(0, this, [&] { fetcher.reset(); });
                else
                    QVERIFY(fetcher->cancel(id));
            });
    QList<ImageFetchResult> results;
    bool done = false;
    id = fetcher->fetch(requests, [&](ImageFetcher::BatchId, const QList<ImageFetchResult> &r) {
        results = r;
        done = true;
    });
    if (destroy) {
        QTRY_VERIFY_WITH_TIMEOUT(!fetcher, 20000);
        QVERIFY(!done); // abandoned: no callback
    } else {
        QTRY_VERIFY_WITH_TIMEOUT(done, 20000);
        QStringList ok;
        int cancelled = 0;
        for (const ImageFetchResult &r : std::as_const(results)) {
            if (r.ok)
                ok << QFileInfo(r.filePath).fileName();
            else
                cancelled += r.cause == ImageFetchResult::Cause::Cancelled;
        }
        ok.sort();
        QStringList sortedReported = reported;
        sortedReported.sort();
        QCOMPARE(ok, sortedReported);
        QCOMPARE(int(ok.size()) + cancelled, int(requests.size()));
    }
    reported.sort();
    QCOMPARE(filesIn(m_dir->path()), reported);
}

void tst_ImageFetcher::deadlineExceeded()
{
    FetchConfig config = loopbackConfig();
    config.batchDeadlineMs = 500;
    ImageFetcher fetcher(config);
    const QList<ImageFetchResult> results = run(
        fetcher, {{m_server.url(QStringLiteral("/png")), m_dir->filePath(QStringLiteral("a"))},
                  {m_server.url(QStringLiteral("/slow")), m_dir->filePath(QStringLiteral("b"))}});
    QCOMPARE(results.size(), 2);
    QVERIFY(results.at(0).ok);
    QCOMPARE(results.at(1).error, QStringLiteral("deadline exceeded"));
    QCOMPARE(filesIn(m_dir->path()), QStringList{QStringLiteral("a.png")});
}

// The worker owning the fetcher may go away mid-batch: no callback, no crash, no partial file.
void tst_ImageFetcher::destroyedWhileRunning()
{
    auto fetcher = std::make_unique<ImageFetcher>(loopbackConfig());
    bool called = false;
    fetcher->fetch(
        {{m_server.url(QStringLiteral("/slow")), m_dir->filePath(QStringLiteral("a"))},
         {m_server.url(QStringLiteral("/endless")), m_dir->filePath(QStringLiteral("b"))}},
        [&](ImageFetcher::BatchId, const QList<ImageFetchResult> &) { called = true; });
    QTRY_VERIFY_WITH_TIMEOUT(m_server.hits(QStringLiteral("/slow")) == 1 &&
                                 m_server.hits(QStringLiteral("/endless")) == 1,
                             10000);
    fetcher.reset();
    QTRY_COMPARE_WITH_TIMEOUT(m_server.openConnections(), 0, 5000);
    QVERIFY(!called);
    QCOMPARE(filesIn(m_dir->path()), QStringList());
}

void tst_ImageFetcher::emptyBatchIsDeliveredLater()
{
    ImageFetcher fetcher(loopbackConfig());
    bool called = false;
    fetcher.fetch({}, [&](ImageFetcher::BatchId, const QList<ImageFetchResult> &r) {
        QVERIFY(r.isEmpty());
        called = true;
    });
    QVERIFY(!called);
    QTRY_VERIFY(called);
}

QTEST_GUILESS_MAIN(tst_ImageFetcher)
#include "tst_imagefetcher.moc"
