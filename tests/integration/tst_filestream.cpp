// File bodies (http/BodyStreamer): sendfile(2) on plain TCP, copied through QSslSocket on TLS.
// Each test runs on both (a row per transport, one server each): whole files, byte ranges, HEAD
// on a kept-alive connection, a reader that stalls, and clients that vanish mid-file without
// leaving a descriptor behind.
#include "HostedTestSupport.h"
#include "TestCerts.h"

#include <QCryptographicHash>
#include <QDir>
#include <QRandomGenerator>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTest>

#include <sys/socket.h>

using namespace depot::test;

namespace {

constexpr qint64 kFileBytes = 8 * 1024 * 1024; // well over every socket buffer on the way

int openDescriptors(qint64 pid)
{
    return int(QDir(QStringLiteral("/proc/%1/fd").arg(pid)).entryList(QDir::NoDotAndDotDot).size());
}

// A raw connection, plain or TLS, that the test reads at its own pace.
std::unique_ptr<QTcpSocket> connectTo(const QUrl &base, bool tls, qint64 receiveBuffer = 0)
{
    std::unique_ptr<QTcpSocket> socket;
    if (tls) {
        auto ssl = std::make_unique<QSslSocket>();
        if (receiveBuffer > 0)
            ssl->setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, receiveBuffer);
        ssl->connectToHostEncrypted(base.host(), quint16(base.port()));
        if (!ssl->waitForEncrypted(10000))
            return nullptr;
        socket = std::move(ssl);
    } else {
        socket = std::make_unique<QTcpSocket>();
        if (receiveBuffer > 0)
            socket->setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, receiveBuffer);
        socket->connectToHost(base.host(), quint16(base.port()));
        if (!socket->waitForConnected(10000))
            return nullptr;
    }
    if (receiveBuffer > 0)
        socket->setReadBufferSize(receiveBuffer); // Qt stops reading: the kernel's window fills
    return socket;
}

// Reads until `buffer` holds `bytes` bytes or the time is up.
bool readUntil(QTcpSocket &socket, QByteArray &buffer, qint64 bytes, int timeoutMs = 20000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (buffer.size() < bytes && !deadline.hasExpired()) {
        if (socket.bytesAvailable() == 0 && !socket.waitForReadyRead(100) &&
            socket.state() != QAbstractSocket::ConnectedState)
            break;
        buffer += socket.readAll();
    }
    buffer += socket.readAll();
    return buffer.size() >= bytes;
}

} // namespace

class tst_FileStream : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data();
    void initTestCase();
    void cleanupTestCase();

    void wholeFile();
    void ranges_data();
    void ranges();
    void headKeepsTheConnectionUsable();
    void slowReaderGetsEveryByte();
    void vanishingClientsLeaveNoDescriptor();

private:
    struct Transport
    {
        std::unique_ptr<TestServer> server;
        QByteArray path; // of the file endpoint
    };
    bool setUp(Transport &transport, const TestServer::Options &options);

    QTemporaryDir m_dir;
    std::unique_ptr<TestCerts> m_certs;
    QByteArray m_content;
    Transport m_plain, m_tls;
};

void tst_FileStream::initTestCase_data()
{
    QTest::addColumn<bool>("tls");
    QTest::newRow("plain") << false;
    QTest::newRow("tls") << true;
}

bool tst_FileStream::setUp(Transport &transport, const TestServer::Options &options)
{
    transport.server = std::make_unique<TestServer>();
    if (!transport.server->start(options)) {
        qWarning("%s", qPrintable(transport.server->errorString()));
        return false;
    }
    HostedUser user{QStringLiteral("files"),
                    transport.server->signUpAndLogin(QStringLiteral("files"))};
    const Form form = Form()
                          .field("identifier", "big.bin")
                          .field("method", "GET")
                          .file(m_content, "; filename=\"big.bin\"", "application/x-test");
    const HttpResult created =
        TestHttp::request("POST", transport.server->url(QStringLiteral("/api/v1/endpoints")),
                          form.body(), form.headers(user.auth()));
    transport.path = "/u/files/big.bin";
    return created.status == 201;
}

void tst_FileStream::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_content.resize(kFileBytes);
    QRandomGenerator(7).fillRange(reinterpret_cast<quint32 *>(m_content.data()),
                                  kFileBytes / sizeof(quint32));

    m_certs = std::make_unique<TestCerts>(m_dir.path());
    const QStringList sans{QStringLiteral("DNS:localhost"), QStringLiteral("IP:127.0.0.1")};
    QVERIFY2(m_certs->makeCa(QStringLiteral("ca")), qPrintable(m_certs->errorString()));
    QVERIFY2(m_certs->makeServer(QStringLiteral("srv"), QStringLiteral("localhost"), sans,
                                 QStringLiteral("ca")),
             qPrintable(m_certs->errorString()));
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.addCaCertificates(m_certs->cert(QStringLiteral("ca")));
    QSslConfiguration::setDefaultConfiguration(configuration);

    QVERIFY(setUp(m_plain, {}));
    TestServer::Options tlsOptions;
    tlsOptions.extraArgs << QStringLiteral("--tls-cert") << m_certs->cert(QStringLiteral("srv"))
                         << QStringLiteral("--tls-key") << m_certs->key(QStringLiteral("srv"));
    QVERIFY(setUp(m_tls, tlsOptions));
    QCOMPARE(m_tls.server->baseUrl().scheme(), QStringLiteral("https"));
}

void tst_FileStream::cleanupTestCase()
{
    for (Transport *t : {&m_plain, &m_tls}) {
        if (t->server)
            QCOMPARE(t->server->stop(), 0);
    }
}

void tst_FileStream::wholeFile()
{
    QFETCH_GLOBAL(bool, tls);
    Transport &t = tls ? m_tls : m_plain;
    const QByteArray how = tls ? "copy" : "sendfile";
    const QByteArray counter = "depot_file_bodies_total{how=\"" + how + "\"}";
    const qint64 before = metric(*t.server, counter);
    const HttpResult r = TestHttp::get(t.server->url(QString::fromLatin1(t.path)));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Content-Length"), QByteArray::number(kFileBytes));
    QVERIFY(r.body == m_content);
    // The body took the transport's own way: sendfile on plain TCP, never on TLS.
    QCOMPARE(metric(*t.server, counter), before + 1);
}

void tst_FileStream::ranges_data()
{
    QTest::addColumn<QByteArray>("range");
    QTest::addColumn<int>("status");
    QTest::addColumn<qint64>("first");
    QTest::addColumn<qint64>("length");

    QTest::newRow("first byte") << QByteArray("bytes=0-0") << 206 << qint64(0) << qint64(1);
    QTest::newRow("middle") << QByteArray("bytes=1000000-2999999") << 206 << qint64(1000000)
                            << qint64(2000000);
    QTest::newRow("open end") << QByteArray("bytes=8000000-") << 206 << qint64(8000000)
                              << kFileBytes - 8000000;
    QTest::newRow("suffix") << QByteArray("bytes=-70000") << 206 << kFileBytes - 70000
                            << qint64(70000);
    QTest::newRow("past the end") << QByteArray("bytes=9000000-") << 416 << qint64(0) << qint64(0);
}

void tst_FileStream::ranges()
{
    QFETCH(QByteArray, range);
    QFETCH(int, status);
    QFETCH(qint64, first);
    QFETCH(qint64, length);
    QFETCH_GLOBAL(bool, tls);
    Transport &t = tls ? m_tls : m_plain;
    const HttpResult r =
        TestHttp::get(t.server->url(QString::fromLatin1(t.path)), {{"Range", range}});
    QCOMPARE(r.status, status);
    if (status != 206) {
        QCOMPARE(r.header("Content-Range"), "bytes */" + QByteArray::number(kFileBytes));
        return;
    }
    QCOMPARE(r.header("Content-Range"), "bytes " + QByteArray::number(first) + '-' +
                                            QByteArray::number(first + length - 1) + '/' +
                                            QByteArray::number(kFileBytes));
    QVERIFY(r.body == m_content.mid(first, length));
}

void tst_FileStream::headKeepsTheConnectionUsable()
{
    QFETCH_GLOBAL(bool, tls);
    Transport &t = tls ? m_tls : m_plain;
    const auto socket = connectTo(t.server->baseUrl(), tls);
    QVERIFY(socket);
    // HEAD, a ranged GET and a whole GET pipelined: each answer starts where the one before
    // ended, so no body byte leaked after the HEAD's head and every range had its exact length.
    socket->write("HEAD " + t.path + " HTTP/1.1\r\nHost: x\r\n\r\n" + "GET " + t.path +
                  " HTTP/1.1\r\nHost: x\r\nRange: bytes=5-9\r\n\r\n" + "GET " + t.path +
                  " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    QByteArray buffer;
    readUntil(*socket, buffer, kFileBytes + 2000);
    const auto head = RawResponse::take(buffer, true);
    QVERIFY(head);
    QCOMPARE(head->status, 200);
    QCOMPARE(head->header("Content-Length"), QByteArray::number(kFileBytes));
    QVERIFY(head->body.isEmpty());
    const auto ranged = RawResponse::take(buffer);
    QVERIFY(ranged);
    QCOMPARE(ranged->status, 206);
    QCOMPARE(ranged->body, m_content.mid(5, 5));
    const auto whole = RawResponse::take(buffer);
    QVERIFY(whole);
    QCOMPARE(whole->status, 200);
    QVERIFY(whole->body == m_content);
    QVERIFY(buffer.isEmpty());
}

void tst_FileStream::slowReaderGetsEveryByte()
{
    QFETCH_GLOBAL(bool, tls);
    Transport &t = tls ? m_tls : m_plain;
    const auto socket = connectTo(t.server->baseUrl(), tls, 64 * 1024);
    QVERIFY(socket);
    socket->write("GET " + t.path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    QByteArray buffer;
    // A reader that takes a little, then stalls: the server must wait for it, not give up and
    // not buffer the file (with sendfile nothing is buffered in the process at all).
    readUntil(*socket, buffer, 1000);
    QTest::qWait(300);
    buffer += socket->read(32 * 1024);
    QTest::qWait(300);
    QVERIFY2(buffer.size() < kFileBytes / 2, "the whole file was in flight: no back-pressure");
    socket->setReadBufferSize(0);
    QVERIFY(readUntil(*socket, buffer, kFileBytes + 300));
    const RawResponse r = RawResponse::parse(buffer);
    QCOMPARE(r.status, 200);
    QVERIFY(r.body == m_content);
}

void tst_FileStream::vanishingClientsLeaveNoDescriptor()
{
    QFETCH_GLOBAL(bool, tls);
    Transport &t = tls ? m_tls : m_plain;
    const qint64 pid = t.server->pid();
    // The server's descriptors at rest (a request first, so lazily opened ones are open).
    QCOMPARE(TestHttp::get(t.server->url(QStringLiteral("/healthz"))).status, 200);
    QTest::qWait(200);
    const int atRest = openDescriptors(pid);

    std::vector<std::unique_ptr<QTcpSocket>> clients;
    for (int i = 0; i < 12; ++i) {
        auto socket = connectTo(t.server->baseUrl(), tls, 64 * 1024);
        QVERIFY(socket);
        socket->write("GET " + t.path + " HTTP/1.1\r\nHost: x\r\n\r\n");
        QByteArray some;
        QVERIFY(readUntil(*socket, some, 100));
        clients.push_back(std::move(socket));
    }
    QVERIFY(openDescriptors(pid) > atRest); // sockets and open files, mid-transfer
    for (std::size_t i = 0; i < clients.size(); ++i) {
        QTcpSocket &socket = *clients[i];
        if (i % 2 == 0) { // a reset: linger 0
            const linger hard{1, 0};
            ::setsockopt(int(socket.socketDescriptor()), SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
        }
        socket.abort();
    }
    clients.clear();
    // Every socket and every file descriptor of the abandoned transfers is closed again.
    QTRY_COMPARE_WITH_TIMEOUT(openDescriptors(pid), atRest, 10000);
    const HttpResult after = TestHttp::get(t.server->url(QString::fromLatin1(t.path)));
    QCOMPARE(after.status, 200);
    QVERIFY(after.body == m_content);
}

QTEST_MAIN(tst_FileStream)
#include "tst_filestream.moc"
