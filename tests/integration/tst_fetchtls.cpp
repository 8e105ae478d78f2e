// The image fetcher's HTTPS path against local TLS image servers and a test CA made by `openssl`:
// the certificate must chain to a trusted CA and name the URL's host (not the checked address
// the fetcher connects to), SNI carries that host name, and refused certificates store nothing.
#include "ImageServer.h"
#include "TestCerts.h"
#include "dumps/ImageFetcher.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace depot;
using namespace depot::test;

namespace {

FetchConfig loopbackConfig()
{
    FetchConfig config;
    config.allow.append(QStringLiteral("127.0.0.1/32"));
    config.imageTimeoutMs = 10000;
    config.batchDeadlineMs = 20000;
    return config;
}

ImageFetchResult fetchOne(const QUrl &url, const QString &target)
{
    ImageFetcher fetcher(loopbackConfig());
    QList<ImageFetchResult> results;
    QSignalSpy finished(&fetcher, &ImageFetcher::batchFinished);
    fetcher.fetch({ImageFetchRequest{url, target}},
                  [&](ImageFetcher::BatchId, const QList<ImageFetchResult> &r) { results = r; });
    if (results.isEmpty())
        finished.wait(20000);
    return results.value(0, ImageFetchResult::failure(ImageFetchResult::Cause::Cancelled,
                                                      QStringLiteral("no result")));
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace

class tst_FetchTls : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void certificates_data();
    void certificates();
    void sniNamesTheHost();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<TestCerts> m_certs;
};

void tst_FetchTls::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_certs = std::make_unique<TestCerts>(m_dir.path());
    const QStringList local{QStringLiteral("DNS:localhost"), QStringLiteral("IP:127.0.0.1")};
    QVERIFY2(m_certs->makeCa(QStringLiteral("ca")), qPrintable(m_certs->errorString()));
    QVERIFY2(m_certs->makeCa(QStringLiteral("rogue")), qPrintable(m_certs->errorString()));
    QVERIFY(m_certs->makeServer(QStringLiteral("good"), QStringLiteral("localhost"), local,
                                QStringLiteral("ca")));
    QVERIFY(m_certs->makeServer(QStringLiteral("otherhost"), QStringLiteral("other.example"),
                                {QStringLiteral("DNS:other.example")}, QStringLiteral("ca")));
    QVERIFY(m_certs->makeServer(QStringLiteral("ipOnly"), QStringLiteral("127.0.0.1"),
                                {QStringLiteral("IP:127.0.0.1")}, QStringLiteral("ca")));
    QVERIFY(m_certs->makeServer(QStringLiteral("selfsigned"), QStringLiteral("localhost"), local,
                                QString()));
    QVERIFY(m_certs->makeServer(QStringLiteral("untrusted"), QStringLiteral("localhost"), local,
                                QStringLiteral("rogue")));
    // The server process trusts its system CAs; this test process trusts the test CA the same
    // way (the default configuration the fetcher's requests start from).
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.addCaCertificates(m_certs->cert(QStringLiteral("ca")));
    QSslConfiguration::setDefaultConfiguration(configuration);
}

void tst_FetchTls::certificates_data()
{
    QTest::addColumn<QString>("served");
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("ok");
    QTest::newRow("trusted CA, name matches") << "good"
                                              << "localhost" << true;
    QTest::newRow("trusted CA, IP address matches") << "good"
                                                    << "127.0.0.1" << true;
    QTest::newRow("certificate for another name") << "otherhost"
                                                  << "localhost" << false;
    // The fetcher connects to the checked address 127.0.0.1, but the name it verifies is the
    // URL's: a certificate valid only for the address does not pass for "localhost".
    QTest::newRow("certificate for the address, URL names the host") << "ipOnly"
                                                                     << "localhost" << false;
    QTest::newRow("self-signed") << "selfsigned"
                                 << "localhost" << false;
    QTest::newRow("unknown CA") << "untrusted"
                                << "localhost" << false;
}

void tst_FetchTls::certificates()
{
    QFETCH(QString, served);
    QFETCH(QString, host);
    QFETCH(bool, ok);
    ImageServer server;
    QVERIFY(server.startTls(m_certs->cert(served), m_certs->key(served)));
    const QUrl url = server.url(QStringLiteral("/png"), host);
    QCOMPARE(url.scheme(), QStringLiteral("https"));
    QTemporaryDir out;
    const ImageFetchResult result = fetchOne(url, out.filePath(QStringLiteral("image")));
    if (ok) {
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.mediaType, QStringLiteral("image/png"));
        QFile stored(result.filePath);
        QVERIFY(stored.open(QIODevice::ReadOnly));
        QCOMPARE(stored.readAll(), ImageServer::pngImage());
        QCOMPARE(server.hits(QStringLiteral("/png")), 1);
    } else {
        QVERIFY(!result.ok);
        QCOMPARE(result.cause, ImageFetchResult::Cause::Network);
        QCOMPARE(result.error, QStringLiteral("network error: tls handshake failed"));
        QCOMPARE(server.hits(QStringLiteral("/png")), 0); // no request went over that channel
        QVERIFY(QDir(out.path()).isEmpty());
    }
}

void tst_FetchTls::sniNamesTheHost()
{
    // openssl s_server presents "otherhost" (valid for other.example only) unless the client's
    // SNI says "localhost", then "good". The fetcher connects to the address 127.0.0.1: only
    // if it sends the URL's host name as SNI does it get a certificate it can accept.
    QDir dir(m_dir.path());
    QVERIFY(dir.mkpath(QStringLiteral("www")));
    QFile page(m_dir.filePath(QStringLiteral("www/png")));
    QVERIFY(page.open(QIODevice::WriteOnly));
    page.write(ImageServer::pngImage());
    page.close();
    const quint16 port = freePort();
    QProcess server;
    server.setWorkingDirectory(m_dir.filePath(QStringLiteral("www")));
    server.setProcessChannelMode(QProcess::MergedChannels);
    server.start(QStringLiteral("openssl"),
                 {QStringLiteral("s_server"), QStringLiteral("-accept"),
                  QStringLiteral("127.0.0.1:%1").arg(port), QStringLiteral("-cert"),
                  m_certs->cert(QStringLiteral("otherhost")), QStringLiteral("-key"),
                  m_certs->key(QStringLiteral("otherhost")), QStringLiteral("-servername"),
                  QStringLiteral("localhost"), QStringLiteral("-cert2"),
                  m_certs->cert(QStringLiteral("good")), QStringLiteral("-key2"),
                  m_certs->key(QStringLiteral("good")), QStringLiteral("-WWW"),
                  QStringLiteral("-quiet")});
    QVERIFY(server.waitForStarted());
    QDeadlineTimer up(10000);
    bool listening = false;
    while (!up.hasExpired() && !listening) {
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, port);
        listening = probe.waitForConnected(200);
        if (!listening)
            QTest::qWait(50);
    }
    QVERIFY2(listening, server.readAll().constData());

    QUrl url;
    url.setScheme(QStringLiteral("https"));
    url.setHost(QStringLiteral("localhost"));
    url.setPort(port);
    url.setPath(QStringLiteral("/png"));
    QTemporaryDir out;
    const ImageFetchResult result = fetchOne(url, out.filePath(QStringLiteral("image")));
    server.kill();
    server.waitForFinished();
    // The handshake succeeded with "good": the server answered over TLS. s_server -WWW serves
    // files as text/plain, which the fetcher then refuses as not an image.
    QVERIFY2(result.cause != ImageFetchResult::Cause::Network, qPrintable(result.error));
    QCOMPARE(result.cause, ImageFetchResult::Cause::NotAnImage);
}

QTEST_GUILESS_MAIN(tst_FetchTls)
#include "tst_fetchtls.moc"
