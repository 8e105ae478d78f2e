// HTTPS: --tls-cert/--tls-key through the connection guard, reloaded on SIGHUP, the HTTP
// redirect port, and start-up refusals. Certificates are made by `openssl` at test time.
#include "TestCerts.h"
#include "TestServer.h"

#include <QFile>
#include <QProcess>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace depot::test;

namespace {

struct TlsAnswer
{
    bool encrypted = false;
    QByteArray bytes;
    QSslCertificate peer;
    QSsl::SslProtocol protocol = QSsl::UnknownProtocol;
    QString error;
};

// Sends raw bytes over a fresh TLS connection (trusting the default configuration's CAs) and
// reads until the server closes.
TlsAnswer tlsRaw(const QUrl &base, const QByteArray &bytes, int timeoutMs = 5000)
{
    TlsAnswer answer;
    QSslSocket socket;
    socket.connectToHostEncrypted(base.host(), quint16(base.port()));
    if (!socket.waitForEncrypted(timeoutMs)) {
        answer.error = socket.errorString();
        return answer;
    }
    answer.encrypted = true;
    answer.peer = socket.peerCertificate();
    answer.protocol = socket.sessionProtocol();
    socket.write(bytes);
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired() && socket.state() == QAbstractSocket::ConnectedState) {
        socket.waitForReadyRead(50);
        answer.bytes += socket.readAll();
    }
    answer.bytes += socket.readAll();
    return answer;
}

QByteArray sha256(const QSslCertificate &certificate)
{
    return certificate.digest(QCryptographicHash::Sha256);
}

QByteArray fileFingerprint(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return sha256(QSslCertificate(file.readAll()));
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

bool waitForLog(const TestServer &server, const QByteArray &text, int timeoutMs = 10000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (server.log().contains(text))
            return true;
        QTest::qWait(20);
    }
    return false;
}

bool copyFile(const QString &from, const QString &to)
{
    QFile::remove(to);
    return QFile::copy(from, to);
}

} // namespace

class tst_Tls : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void servesHttpsThroughTheGuard();
    void plainHttpOnTheTlsPortGetsNoAnswer();
    void reloadsOnSighup();
    void redirectsPlainHttp();
    void refusesBadStart_data();
    void refusesBadStart();

private:
    TestServer::Options tlsOptions() const;

    QTemporaryDir m_dir;
    std::unique_ptr<TestCerts> m_certs;
    QString m_cert, m_key; // what the server is pointed at (copies, replaced by the reload test)
};

void tst_Tls::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_certs = std::make_unique<TestCerts>(m_dir.path());
    const QStringList sans{QStringLiteral("DNS:localhost"), QStringLiteral("IP:127.0.0.1")};
    QVERIFY2(m_certs->makeCa(QStringLiteral("ca")), qPrintable(m_certs->errorString()));
    QVERIFY2(m_certs->makeServer(QStringLiteral("first"), QStringLiteral("first.test"), sans,
                                 QStringLiteral("ca")),
             qPrintable(m_certs->errorString()));
    QVERIFY2(m_certs->makeServer(QStringLiteral("second"), QStringLiteral("second.test"), sans,
                                 QStringLiteral("ca")),
             qPrintable(m_certs->errorString()));
    m_cert = m_dir.filePath(QStringLiteral("served.crt"));
    m_key = m_dir.filePath(QStringLiteral("served.key"));
    QVERIFY(copyFile(m_certs->cert(QStringLiteral("first")), m_cert));
    QVERIFY(copyFile(m_certs->key(QStringLiteral("first")), m_key));

    // This process trusts the test CA, so TestHttp and tlsRaw verify the server for real.
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.addCaCertificates(m_certs->cert(QStringLiteral("ca")));
    QSslConfiguration::setDefaultConfiguration(configuration);
}

TestServer::Options tst_Tls::tlsOptions() const
{
    TestServer::Options options;
    options.extraArgs << QStringLiteral("--tls-cert") << m_cert << QStringLiteral("--tls-key")
                      << m_key;
    return options;
}

void tst_Tls::servesHttpsThroughTheGuard()
{
    QVERIFY(copyFile(m_certs->cert(QStringLiteral("first")), m_cert));
    QVERIFY(copyFile(m_certs->key(QStringLiteral("first")), m_key));
    TestServer server;
    TestServer::Options options = tlsOptions();
    options.extraArgs << QStringLiteral("--max-header-fields") << QStringLiteral("16");
    QVERIFY2(server.start(options), qPrintable(server.errorString()));
    QCOMPARE(server.baseUrl().scheme(), QStringLiteral("https"));

    const HttpResult ready = TestHttp::get(server.url(QStringLiteral("/readyz")));
    QCOMPARE(ready.status, 200);
    QVERIFY(!ready.header("X-Request-Id").isEmpty());

    // URLs the server builds say https (the exchange knows it came over TLS).
    const QString token = server.signUpAndLogin(QStringLiteral("tlsuser"));
    QVERIFY(!token.isEmpty());
    const HttpResult created = TestHttp::postJson(
        server.url(QStringLiteral("/api/v1/endpoints")),
        QJsonObject{{QStringLiteral("identifier"), QStringLiteral("hello")},
                    {QStringLiteral("method"), QStringLiteral("GET")},
                    {QStringLiteral("response"), QJsonObject{{QStringLiteral("a"), 1}}}},
        TestHttp::bearer(token));
    QCOMPARE(created.status, 201);
    QVERIFY2(created.json().value(QStringLiteral("url")).toString().startsWith(u"https://"),
             created.body.constData());

    // The served certificate, TLS 1.2 or later.
    const TlsAnswer health =
        tlsRaw(server.baseUrl(), "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    QVERIFY2(health.encrypted, qPrintable(health.error));
    QVERIFY(health.bytes.startsWith("HTTP/1.1 200 "));
    QCOMPARE(sha256(health.peer), fileFingerprint(m_certs->cert(QStringLiteral("first"))));
    QVERIFY(health.protocol == QSsl::TlsV1_2 || health.protocol == QSsl::TlsV1_3);

    // The guard still frames requests: too many header fields → 431 over TLS.
    QByteArray many = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
    for (int i = 0; i < 40; ++i)
        many += "X-F" + QByteArray::number(i) + ": v\r\n";
    const TlsAnswer refused = tlsRaw(server.baseUrl(), many + "\r\n");
    QVERIFY2(refused.encrypted, qPrintable(refused.error));
    QVERIFY2(refused.bytes.startsWith("HTTP/1.1 431 "), refused.bytes.constData());

    // Pipelined requests on one TLS connection are answered in order.
    const TlsAnswer two = tlsRaw(server.baseUrl(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                                                   "GET /nope HTTP/1.1\r\nHost: x\r\n"
                                                   "Connection: close\r\n\r\n");
    QVERIFY(two.bytes.startsWith("HTTP/1.1 200 "));
    QVERIFY(two.bytes.indexOf("HTTP/1.1 404 ") > 0);
    QCOMPARE(server.stop(), 0);
}

void tst_Tls::plainHttpOnTheTlsPortGetsNoAnswer()
{
    QVERIFY(copyFile(m_certs->cert(QStringLiteral("first")), m_cert));
    QVERIFY(copyFile(m_certs->key(QStringLiteral("first")), m_key));
    TestServer server;
    QVERIFY2(server.start(tlsOptions()), qPrintable(server.errorString()));
    QUrl plain = server.baseUrl();
    plain.setScheme(QStringLiteral("http"));
    const QByteArray answer =
        TestHttp::raw(plain, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 3000);
    QVERIFY2(!answer.contains("HTTP/1.1 200"), answer.constData());
    // ... and the server goes on serving HTTPS, having counted the refused handshake.
    QCOMPARE(TestHttp::get(server.url(QStringLiteral("/healthz"))).status, 200);
    QTRY_VERIFY2(server.log().contains("TLS handshake failed"), server.log().constData());
    const HttpResult metrics = TestHttp::get(server.url(QStringLiteral("/metrics")));
    QVERIFY2(metrics.body.contains("depot_guard_refusals_total{reason=\"tls_handshake\"} 1\n"),
             metrics.body.constData());
    QCOMPARE(server.stop(), 0);
}

void tst_Tls::reloadsOnSighup()
{
    QVERIFY(copyFile(m_certs->cert(QStringLiteral("first")), m_cert));
    QVERIFY(copyFile(m_certs->key(QStringLiteral("first")), m_key));
    TestServer server;
    QVERIFY2(server.start(tlsOptions()), qPrintable(server.errorString()));
    const QByteArray request = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    QCOMPARE(sha256(tlsRaw(server.baseUrl(), request).peer),
             fileFingerprint(m_certs->cert(QStringLiteral("first"))));

    // New files, SIGHUP: new connections get the new certificate.
    QVERIFY(copyFile(m_certs->cert(QStringLiteral("second")), m_cert));
    QVERIFY(copyFile(m_certs->key(QStringLiteral("second")), m_key));
    QCOMPARE(::kill(pid_t(server.pid()), SIGHUP), 0);
    QVERIFY2(waitForLog(server, "SIGHUP: reloaded"), server.log().constData());
    const TlsAnswer after = tlsRaw(server.baseUrl(), request);
    QVERIFY(after.bytes.startsWith("HTTP/1.1 200 "));
    QCOMPARE(sha256(after.peer), fileFingerprint(m_certs->cert(QStringLiteral("second"))));

    // A key that does not match: the reload is refused and the previous pair stays.
    QVERIFY(copyFile(m_certs->key(QStringLiteral("first")), m_key));
    QCOMPARE(::kill(pid_t(server.pid()), SIGHUP), 0);
    QVERIFY2(waitForLog(server, "TLS reload failed"), server.log().constData());
    const TlsAnswer kept = tlsRaw(server.baseUrl(), request);
    QVERIFY(kept.bytes.startsWith("HTTP/1.1 200 "));
    QCOMPARE(sha256(kept.peer), fileFingerprint(m_certs->cert(QStringLiteral("second"))));
    QVERIFY(server.running());
    QCOMPARE(server.stop(), 0);
}

void tst_Tls::redirectsPlainHttp()
{
    QVERIFY(copyFile(m_certs->cert(QStringLiteral("first")), m_cert));
    QVERIFY(copyFile(m_certs->key(QStringLiteral("first")), m_key));
    const quint16 redirectPort = freePort();
    TestServer server;
    TestServer::Options options = tlsOptions();
    options.extraArgs << QStringLiteral("--tls-redirect-port") << QString::number(redirectPort);
    QVERIFY2(server.start(options), qPrintable(server.errorString()));

    QUrl plain;
    plain.setScheme(QStringLiteral("http"));
    plain.setHost(QStringLiteral("127.0.0.1"));
    plain.setPort(redirectPort);
    const QByteArray answer =
        TestHttp::raw(plain, "GET /u/alice/x?a=1&b=2 HTTP/1.1\r\nHost: 127.0.0.1:" +
                                 QByteArray::number(redirectPort) + "\r\n\r\n");
    QVERIFY2(answer.startsWith("HTTP/1.1 308 "), answer.constData());
    const QByteArray location =
        "Location: https://127.0.0.1:" + QByteArray::number(server.baseUrl().port()) +
        "/u/alice/x?a=1&b=2\r\n";
    QVERIFY2(answer.contains(location), answer.constData());

    // A hostile Host header is not echoed into the redirect.
    const QByteArray hostile =
        TestHttp::raw(plain, "GET / HTTP/1.1\r\nHost: evil.example/@x\r\n\r\n");
    QVERIFY2(hostile.startsWith("HTTP/1.1 308 "), hostile.constData());
    QVERIFY(!hostile.contains("evil.example"));
    QCOMPARE(server.stop(), 0);
}

void tst_Tls::refusesBadStart_data()
{
    QTest::addColumn<QString>("cert");
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QString first = m_certs->cert(QStringLiteral("first"));
    QTest::newRow("cert without key") << first << QString() << 2 << "go together";
    QTest::newRow("missing key file")
        << first << m_dir.filePath(QStringLiteral("none.key")) << 1 << "cannot read TLS key";
    QTest::newRow("key of another certificate")
        << first << m_certs->key(QStringLiteral("second")) << 1 << "does not belong";
    QTest::newRow("not a certificate")
        << m_certs->key(QStringLiteral("first")) << m_certs->key(QStringLiteral("first")) << 1
        << "no PEM certificate";
}

void tst_Tls::refusesBadStart()
{
    QFETCH(QString, cert);
    QFETCH(QString, key);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    QTemporaryDir data;
    QStringList args{QStringLiteral("--listen"),   QStringLiteral("127.0.0.1:0"),
                     QStringLiteral("--data-dir"), data.path(),
                     QStringLiteral("--tls-cert"), cert};
    if (!key.isEmpty())
        args << QStringLiteral("--tls-key") << key;
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : env.keys()) {
        if (name.startsWith(u"DEPOT_")) // the server refuses unknown DEPOT_* variables
            env.remove(name);
    }
    process.setProcessEnvironment(env);
    process.start(qEnvironmentVariable("DEPOT_SERVER_BIN"), args);
    QVERIFY(process.waitForFinished(20000));
    QCOMPARE(process.exitCode(), exitCode);
    const QString err = QString::fromLocal8Bit(process.readAllStandardError());
    QVERIFY2(err.contains(message), qPrintable(err));
}

QTEST_GUILESS_MAIN(tst_Tls)
#include "tst_tls.moc"
