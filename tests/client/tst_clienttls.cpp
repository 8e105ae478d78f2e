// The desktop client against a real depot-server over HTTPS with a self-signed certificate made
// by openssl at test time: the certificate's problems in words, trust by its SHA-256 fingerprint
// (checked against openssl's own), remembered per host:port, and a changed certificate refused
// again with a warning. Widgets are driven through their object names, offscreen.

#include "ClientTestSupport.h"
#include "TestCerts.h"
#include "api/TlsTrust.h"
#include "ui/LoginDialog.h"
#include "ui/MainWindow.h"

#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QPushButton>
#include <QtTest>

#include <csignal>

using namespace depot;
using namespace depot::clienttest;
using depot::test::TestCerts;
using depot::test::TestServer;

namespace {

bool copyOver(const QString &from, const QString &to)
{
    QFile::remove(to);
    return QFile::copy(from, to);
}

// What `openssl x509 -fingerprint -sha256` says, independent of the client's own computation.
QString opensslFingerprint(const QString &certFile)
{
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("x509"), QStringLiteral("-noout"), QStringLiteral("-fingerprint"),
                   QStringLiteral("-sha256"), QStringLiteral("-in"), certFile});
    if (!openssl.waitForFinished(10000))
        return QString();
    const QString out = QString::fromLatin1(openssl.readAllStandardOutput()).trimmed();
    return out.section(u'=', 1).toUpper(); // "sha256 Fingerprint=AB:CD:..."
}

} // namespace

class TestClientTls : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void untrustedCertificateExplainedThenTrusted();
    void trustIsRemembered();
    void otherNameIsSaidInWords();
    void changedCertificateRefused();

private:
    LoginDialog *openDialog();
    void fill(LoginDialog *dialog, const QString &server, const QString &username,
              const QString &password);
    void click(QWidget *parent, const QString &name);

    QTemporaryDir m_settingsDir;
    QTemporaryDir m_certDir;
    std::unique_ptr<TestCerts> m_certs;
    QString m_cert, m_key; // what the server serves (copies, replaced by the last test)
    TestServer m_server;
    QString m_username = uniqueUsername(QStringLiteral("tls"));
    Session *m_session = nullptr;
    ApiClient *m_client = nullptr;
    MainWindow *m_window = nullptr;
};

void TestClientTls::initTestCase()
{
    QVERIFY(m_settingsDir.isValid() && m_certDir.isValid());
    isolateSettings(m_settingsDir);
    m_certs = std::make_unique<TestCerts>(m_certDir.path());
    const QStringList sans{QStringLiteral("DNS:localhost"), QStringLiteral("IP:127.0.0.1")};
    // Self-signed (no CA): what a small installation uses.
    for (const QString &name : {QStringLiteral("first"), QStringLiteral("second")})
        QVERIFY2(m_certs->makeServer(name, name + QStringLiteral(".depot.test"), sans, QString()),
                 qPrintable(m_certs->errorString()));
    QVERIFY2(m_certs->makeServer(QStringLiteral("elsewhere"), QStringLiteral("elsewhere.test"),
                                 {QStringLiteral("DNS:elsewhere.test")}, QString()),
             qPrintable(m_certs->errorString()));
    m_cert = m_certDir.filePath(QStringLiteral("served.crt"));
    m_key = m_certDir.filePath(QStringLiteral("served.key"));
    QVERIFY(copyOver(m_certs->cert(QStringLiteral("first")), m_cert));
    QVERIFY(copyOver(m_certs->key(QStringLiteral("first")), m_key));
    TestServer::Options options;
    options.extraArgs << QStringLiteral("--tls-cert") << m_cert << QStringLiteral("--tls-key")
                      << m_key;
    QVERIFY2(m_server.start(options), qPrintable(m_server.errorString()));
    QCOMPARE(m_server.baseUrl().scheme(), QStringLiteral("https"));
}

void TestClientTls::init()
{
    // A new client each time: nothing but the settings carries over, as after a restart.
    m_session = new Session;
    m_client = new ApiClient(m_session);
    m_window = new MainWindow(m_client);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
}

void TestClientTls::cleanup()
{
    delete m_window;
    delete m_client;
    delete m_session;
}

LoginDialog *TestClientTls::openDialog()
{
    LoginDialog *dialog = m_window->showLoginDialog();
    return dialog && dialog->isVisible() ? dialog : nullptr;
}

void TestClientTls::fill(LoginDialog *dialog, const QString &server, const QString &username,
                         const QString &password)
{
    fillLoginForm(dialog, server, username, password);
}

void TestClientTls::click(QWidget *parent, const QString &name)
{
    auto *button = parent->findChild<QPushButton *>(name);
    QVERIFY2(button, qPrintable(name));
    QTest::mouseClick(button, Qt::LeftButton);
}

void TestClientTls::untrustedCertificateExplainedThenTrusted()
{
    const QUrl server = m_server.baseUrl();
    QVERIFY(TlsTrust::trustedFingerprint(server).isEmpty());
    QPointer<LoginDialog> dialog = openDialog();
    QVERIFY(dialog);
    CHECKED(fill(dialog, server.toString(), m_username, defaultPassword()));
    CHECKED(click(dialog, QStringLiteral("signUpButton")));

    // The problem in words, and the question with the fingerprint openssl computes too.
    QMessageBox *box = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (box = findVisible<QMessageBox>(dialog, QStringLiteral("trustCertificateBox"))), 20000);
    const QString error = dialog->errorText();
    QVERIFY2(error.contains(QStringLiteral("not trusted")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("self-signed")), qPrintable(error));
    QVERIFY2(box->text().contains(QStringLiteral("self-signed")), qPrintable(box->text()));
    const QString fingerprint = opensslFingerprint(m_certs->cert(QStringLiteral("first")));
    QCOMPARE(fingerprint.size(), 32 * 3 - 1);
    QVERIFY2(box->informativeText().contains(fingerprint), qPrintable(box->informativeText()));
    QCOMPARE(box->defaultButton()->objectName(), QStringLiteral("distrustCertificateButton"));

    // Cancel: nothing remembered, nothing created.
    CHECKED(click(box, QStringLiteral("distrustCertificateButton")));
    QTRY_VERIFY(!findVisible<QMessageBox>(dialog, QStringLiteral("trustCertificateBox")));
    QVERIFY(TlsTrust::trustedFingerprint(server).isEmpty());
    QVERIFY(!m_session->isLoggedIn());

    // Again, and trust it this time: the sign-up goes on and logs in.
    CHECKED(click(dialog, QStringLiteral("signUpButton")));
    QTRY_VERIFY_WITH_TIMEOUT(
        (box = findVisible<QMessageBox>(dialog, QStringLiteral("trustCertificateBox"))), 20000);
    CHECKED(click(box, QStringLiteral("trustCertificateButton")));
    QTRY_VERIFY_WITH_TIMEOUT(!dialog || !dialog->isVisible(), 20000);
    QVERIFY(m_session->isLoggedIn());
    QCOMPARE(TlsTrust::trustedFingerprint(server), fingerprint);
    // remembered for this host:port only
    QCOMPARE(QSettings()
                 .value(QStringLiteral("trustedCertificates/127.0.0.1:%1").arg(server.port()))
                 .toString(),
             fingerprint);
    QVERIFY(TlsTrust::trustedFingerprint(QUrl(QStringLiteral("https://127.0.0.1:1"))).isEmpty());
}

void TestClientTls::trustIsRemembered()
{
    // A new client (a restart): no question, the remembered certificate is let through.
    QPointer<LoginDialog> dialog = openDialog();
    QVERIFY(dialog);
    CHECKED(fill(dialog, m_server.baseUrl().toString(), m_username, defaultPassword()));
    CHECKED(click(dialog, QStringLiteral("loginButton")));
    QTRY_VERIFY_WITH_TIMEOUT(!dialog || !dialog->isVisible(), 20000);
    QVERIFY(m_session->isLoggedIn());
    QVERIFY(!findVisible<QMessageBox>(m_window, QStringLiteral("trustCertificateBox")));
}

void TestClientTls::otherNameIsSaidInWords()
{
    // A certificate for another name, served on its own port: both problems, in words.
    TestServer other;
    TestServer::Options options;
    options.extraArgs << QStringLiteral("--tls-cert") << m_certs->cert(QStringLiteral("elsewhere"))
                      << QStringLiteral("--tls-key") << m_certs->key(QStringLiteral("elsewhere"));
    QVERIFY2(other.start(options), qPrintable(other.errorString()));
    const auto result = await<TokenInfo>([&](QObject *context, auto done) {
        m_client->login(other.baseUrl(), m_username, defaultPassword(), context, done);
    });
    QVERIFY(result && !result->ok());
    const RequestError error = result->error();
    QVERIFY(!error.tlsCertificateChanged());
    const QString problems = error.tlsProblems().join(u'\n');
    QVERIFY2(problems.contains(QStringLiteral("made for elsewhere.test")), qPrintable(problems));
    QVERIFY2(problems.contains(QStringLiteral("self-signed")), qPrintable(problems));
    QVERIFY2(error.message().startsWith(QStringLiteral("The server's certificate is not trusted.")),
             qPrintable(error.message()));
    // the certificate offered for trust is the one the server sent
    QCOMPARE(TlsTrust::fingerprint(error.tlsCertificate()),
             opensslFingerprint(m_certs->cert(QStringLiteral("elsewhere"))));
}

void TestClientTls::changedCertificateRefused()
{
    const QUrl server = m_server.baseUrl();
    const QString trusted = TlsTrust::trustedFingerprint(server);
    QVERIFY(!trusted.isEmpty());
    // The server now presents another self-signed certificate (reloaded on SIGHUP).
    QVERIFY(copyOver(m_certs->cert(QStringLiteral("second")), m_cert));
    QVERIFY(copyOver(m_certs->key(QStringLiteral("second")), m_key));
    QCOMPARE(::kill(pid_t(m_server.pid()), SIGHUP), 0);
    QTRY_VERIFY_WITH_TIMEOUT(m_server.log().contains("SIGHUP: reloaded"), 10000);

    QPointer<LoginDialog> dialog = openDialog();
    QVERIFY(dialog);
    CHECKED(fill(dialog, server.toString(), m_username, defaultPassword()));
    CHECKED(click(dialog, QStringLiteral("loginButton")));
    QMessageBox *box = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (box = findVisible<QMessageBox>(dialog, QStringLiteral("certificateChangedBox"))), 20000);
    QVERIFY(!findVisible<QMessageBox>(dialog, QStringLiteral("trustCertificateBox")));
    const QString error = dialog->errorText();
    QVERIFY2(error.contains(QStringLiteral("has changed since you trusted it")), qPrintable(error));
    const QString now = opensslFingerprint(m_certs->cert(QStringLiteral("second")));
    QVERIFY2(error.contains(now), qPrintable(error));
    QVERIFY2(box->informativeText().contains(trusted) && box->informativeText().contains(now),
             qPrintable(box->informativeText()));
    QCOMPARE(box->icon(), QMessageBox::Critical);
    QCOMPARE(box->defaultButton()->objectName(), QStringLiteral("distrustCertificateButton"));
    CHECKED(click(box, QStringLiteral("distrustCertificateButton")));
    QTRY_VERIFY(!findVisible<QMessageBox>(dialog, QStringLiteral("certificateChangedBox")));
    QVERIFY(!m_session->isLoggedIn());
    QCOMPARE(TlsTrust::trustedFingerprint(server), trusted); // still the old one: refused

    // Refused again on the next call too, without asking anything new.
    const auto result = await<TokenInfo>([&](QObject *context, auto done) {
        m_client->login(server, m_username, defaultPassword(), context, done);
    });
    QVERIFY(result && !result->ok());
    QVERIFY(result->error().tlsCertificateChanged());

    // The administrator confirms the new certificate: trusting it lets the login through.
    CHECKED(click(dialog, QStringLiteral("loginButton")));
    QTRY_VERIFY_WITH_TIMEOUT(
        (box = findVisible<QMessageBox>(dialog, QStringLiteral("certificateChangedBox"))), 20000);
    CHECKED(click(box, QStringLiteral("trustNewCertificateButton")));
    QTRY_VERIFY_WITH_TIMEOUT(!dialog || !dialog->isVisible(), 20000);
    QVERIFY(m_session->isLoggedIn());
    QCOMPARE(TlsTrust::trustedFingerprint(server), now);
}

QTEST_MAIN(TestClientTls)
#include "tst_clienttls.moc"
