// The login dialog and the account page driven through their widgets against a real server.

#include "ClientTestSupport.h"
#include "ui/LoginDialog.h"
#include "ui/MainWindow.h"

#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTabWidget>
#include <QTcpServer>
#include <QtTest>

using namespace depot;
using namespace depot::clienttest;
using depot::test::TestServer;

class TestLoginDialog : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void logInShowsAccountAndQuota();
    void wrongPasswordShownInline();
    void signUpLogsIn();
    void signUpTakenNameShownInline();
    void signUpInvalidNameShownInline();
    void emptyFieldsShownInline_data();
    void emptyFieldsShownInline();
    void unreachableServerShownInline();
    void serverAndUsernameRemembered();
    void expiredSessionAsksAgain();

private:
    LoginDialog *openDialog();
    void fill(LoginDialog *dialog, const QString &server, const QString &username,
              const QString &password);
    QString createUser();

    QTemporaryDir m_settingsDir;
    TestServer m_server;
    Session *m_session = nullptr;
    ApiClient *m_client = nullptr;
    MainWindow *m_window = nullptr;
};

void TestLoginDialog::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    isolateSettings(m_settingsDir);
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
}

void TestLoginDialog::init()
{
    m_session = new Session;
    m_client = new ApiClient(m_session);
    m_window = new MainWindow(m_client);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
}

void TestLoginDialog::cleanup()
{
    delete m_window;
    delete m_client;
    delete m_session;
}

LoginDialog *TestLoginDialog::openDialog()
{
    LoginDialog *dialog = m_window->showLoginDialog();
    return dialog && dialog->isVisible() ? dialog : nullptr;
}

void TestLoginDialog::fill(LoginDialog *dialog, const QString &server, const QString &username,
                           const QString &password)
{
    fillLoginForm(dialog, server, username, password);
}

QString TestLoginDialog::createUser()
{
    const QString username = uniqueUsername();
    Session session;
    ApiClient client(&session);
    const QString error = signUpAndLogIn(client, m_server.baseUrl(), username);
    return error.isEmpty() ? username : QString();
}

void TestLoginDialog::logInShowsAccountAndQuota()
{
    const QString username = createUser();
    QVERIFY(!username.isEmpty());
    QPointer<LoginDialog> dialog = openDialog();
    QVERIFY(dialog);
    fill(dialog, m_server.baseUrl().toString(), username, defaultPassword());
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("loginButton")),
                      Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog || !dialog->isVisible(), 20000);
    QVERIFY(m_session->isLoggedIn());

    auto *usernameLabel = m_window->findChild<QLabel *>(QStringLiteral("usernameLabel"));
    auto *planLabel = m_window->findChild<QLabel *>(QStringLiteral("planLabel"));
    auto *usage = m_window->findChild<QLabel *>(QStringLiteral("quotaUsageLabel"));
    auto *bar = m_window->findChild<QProgressBar *>(QStringLiteral("quotaBar"));
    QVERIFY(usernameLabel && planLabel && usage && bar);
    QTRY_COMPARE_WITH_TIMEOUT(planLabel->text(), QStringLiteral("Bronze"), 20000);
    QCOMPARE(usernameLabel->text(), username);
    QVERIFY2(usage->text().contains(QStringLiteral("0 of 25")), qPrintable(usage->text()));
    QCOMPARE(bar->maximum(), 25);
    QCOMPARE(bar->value(), 0);
    auto *sessionLabel = m_window->findChild<QLabel *>(QStringLiteral("sessionLabel"));
    QVERIFY(sessionLabel->text().contains(username));
}

void TestLoginDialog::wrongPasswordShownInline()
{
    const QString username = createUser();
    QVERIFY(!username.isEmpty());
    QPointer<LoginDialog> dialog = openDialog();
    QVERIFY(dialog);
    fill(dialog, m_server.baseUrl().toString(), username, QStringLiteral("wrong-password-1"));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("loginButton")),
                      Qt::LeftButton);
    auto *error = dialog->findChild<QLabel *>(QStringLiteral("loginErrorLabel"));
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 20000);
    QCOMPARE(error->text(), QStringLiteral("Wrong username or password."));
    QVERIFY(dialog->isVisible());
    QVERIFY(!m_session->isLoggedIn());
    // Nothing was logged in, so the pages still say so.
    auto *usernameLabel = m_window->findChild<QLabel *>(QStringLiteral("usernameLabel"));
    QCOMPARE(usernameLabel->text(), QStringLiteral("Not logged in"));
}

void TestLoginDialog::signUpLogsIn()
{
    const QString username = uniqueUsername(QStringLiteral("new"));
    QPointer<LoginDialog> dialog = openDialog();
    QVERIFY(dialog);
    fill(dialog, m_server.baseUrl().toString(), username, defaultPassword());
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("signUpButton")),
                      Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog || !dialog->isVisible(), 20000);
    QVERIFY(m_session->isLoggedIn());
    QCOMPARE(m_session->username(), username);
    auto *usernameLabel = m_window->findChild<QLabel *>(QStringLiteral("usernameLabel"));
    QTRY_COMPARE_WITH_TIMEOUT(usernameLabel->text(), username, 20000);
}

void TestLoginDialog::signUpTakenNameShownInline()
{
    const QString username = createUser();
    QVERIFY(!username.isEmpty());
    QPointer<LoginDialog> dialog = openDialog();
    QVERIFY(dialog);
    fill(dialog, m_server.baseUrl().toString(), username, defaultPassword());
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("signUpButton")),
                      Qt::LeftButton);
    auto *error = dialog->findChild<QLabel *>(QStringLiteral("loginErrorLabel"));
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 20000);
    QCOMPARE(error->text(), QStringLiteral("This username is already taken."));
    QVERIFY(!m_session->isLoggedIn());
}

void TestLoginDialog::signUpInvalidNameShownInline()
{
    QPointer<LoginDialog> dialog = openDialog();
    QVERIFY(dialog);
    fill(dialog, m_server.baseUrl().toString(), QStringLiteral("x"), defaultPassword());
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("signUpButton")),
                      Qt::LeftButton);
    auto *error = dialog->findChild<QLabel *>(QStringLiteral("loginErrorLabel"));
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 20000);
    // The server's reason names the field.
    QVERIFY2(error->text().contains(QStringLiteral("username")), qPrintable(error->text()));
    QVERIFY(dialog->isVisible());
}

void TestLoginDialog::emptyFieldsShownInline_data()
{
    QTest::addColumn<QString>("server");
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no server") << QString() << QStringLiteral("ann") << QStringLiteral("pw")
                               << QStringLiteral("Enter the server address");
    QTest::newRow("no username") << QStringLiteral("localhost:1") << QString()
                                 << QStringLiteral("pw") << QStringLiteral("Enter your username.");
    QTest::newRow("no password") << QStringLiteral("localhost:1") << QStringLiteral("ann")
                                 << QString() << QStringLiteral("Enter your password.");
}

void TestLoginDialog::emptyFieldsShownInline()
{
    QFETCH(QString, server);
    QFETCH(QString, username);
    QFETCH(QString, password);
    QFETCH(QString, expected);
    QPointer<LoginDialog> dialog = openDialog();
    QVERIFY(dialog);
    fill(dialog, server, username, password);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("loginButton")),
                      Qt::LeftButton);
    auto *error = dialog->findChild<QLabel *>(QStringLiteral("loginErrorLabel"));
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().startsWith(expected), qPrintable(error->text()));
}

void TestLoginDialog::unreachableServerShownInline()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const QString server = QStringLiteral("127.0.0.1:%1").arg(probe.serverPort());
    probe.close();
    QPointer<LoginDialog> dialog = openDialog();
    QVERIFY(dialog);
    fill(dialog, server, QStringLiteral("ann"), defaultPassword());
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("loginButton")),
                      Qt::LeftButton);
    auto *error = dialog->findChild<QLabel *>(QStringLiteral("loginErrorLabel"));
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 20000);
    QVERIFY2(error->text().startsWith(QStringLiteral("Cannot reach the server")),
             qPrintable(error->text()));
}

void TestLoginDialog::serverAndUsernameRemembered()
{
    const QString username = createUser();
    QVERIFY(!username.isEmpty());
    QPointer<LoginDialog> dialog = openDialog();
    QVERIFY(dialog);
    fill(dialog, m_server.baseUrl().toString(), username, defaultPassword());
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("loginButton")),
                      Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog || !dialog->isVisible(), 20000);

    // A new window (a restart) offers the same server and username.
    cleanup();
    init();
    dialog = openDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->findChild<QLineEdit *>(QStringLiteral("serverEdit"))->text(),
             m_server.baseUrl().toString());
    QCOMPARE(dialog->findChild<QLineEdit *>(QStringLiteral("usernameEdit"))->text(), username);
    QVERIFY(dialog->findChild<QLineEdit *>(QStringLiteral("passwordEdit"))->text().isEmpty());
}

void TestLoginDialog::expiredSessionAsksAgain()
{
    const QString username = createUser();
    QVERIFY(!username.isEmpty());
    // A token the server does not accept, as after it expired.
    m_session->start(m_server.baseUrl(), username, QStringLiteral("expired.token.value"),
                     QDateTime());
    QTest::mouseClick(m_window->findChild<QPushButton *>(QStringLiteral("refreshAccountButton")),
                      Qt::LeftButton);
    LoginDialog *dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (dialog = findVisible<LoginDialog>(m_window, QStringLiteral("loginDialog"))), 20000);
    auto *reason = dialog->findChild<QLabel *>(QStringLiteral("loginReasonLabel"));
    QVERIFY(reason->isVisible());
    QCOMPARE(dialog->findChild<QLineEdit *>(QStringLiteral("usernameEdit"))->text(), username);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("passwordEdit")),
                     defaultPassword());
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("loginButton")),
                      Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_session->isLoggedIn(), 20000);
    auto *planLabel = m_window->findChild<QLabel *>(QStringLiteral("planLabel"));
    QTRY_COMPARE_WITH_TIMEOUT(planLabel->text(), QStringLiteral("Bronze"), 20000);
}

QTEST_MAIN(TestLoginDialog)
#include "tst_logindialog.moc"
