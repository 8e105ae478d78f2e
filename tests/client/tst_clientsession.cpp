// Remembering logins and renewing tokens, and depot-client on the command line, against a real
// server. Offscreen there is no keychain daemon: the client must fall back to asking, never
// write the password anywhere.

#include "ClientTestSupport.h"
#include "api/CredentialStore.h"
#include "ui/LoginDialog.h"
#include "ui/MainWindow.h"
#include "ui/SettingsDialog.h"
#include "ui/Translations.h"

#include <QCheckBox>
#include <QDirIterator>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QtTest>

using namespace depot;
using namespace depot::clienttest;
using depot::test::TestServer;

class TestClientSession : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void noKeychainFallsBackToTheDialog();
    void tokenIsRenewedBeforeItExpires();
    void commandLineHelpAndVersion_data();
    void commandLineHelpAndVersion();
    void commandLineShareAndDownload();
    void commandLineRejectsNonsense();

private:
    QProcess *client(const QStringList &arguments);
    QString m_clientBin;
    QTemporaryDir m_settingsDir;
    QTemporaryDir m_files;
    TestServer m_server;
};

void TestClientSession::initTestCase()
{
    QVERIFY(m_settingsDir.isValid() && m_files.isValid());
    isolateSettings(m_settingsDir);
    Translations::install(QLocale(QLocale::English, QLocale::UnitedStates));
    m_clientBin = qEnvironmentVariable("DEPOT_CLIENT_BIN");
    TestServer::Options options;
    options.extraArgs << QStringLiteral("--token-expiry") << QStringLiteral("70");
    QVERIFY2(m_server.start(options), qPrintable(m_server.errorString()));
}

void TestClientSession::noKeychainFallsBackToTheDialog()
{
    const QString username = uniqueUsername();
    {
        Session session;
        ApiClient api(&session);
        QCOMPARE(signUpAndLogIn(api, m_server.baseUrl(), username), QString());
    }
    AppSettings settings;
    settings.setServerUrl(m_server.baseUrl());
    settings.setUsername(username);
    settings.setUseKeychain(true);

    Session session;
    session.setServerUrl(m_server.baseUrl());
    ApiClient api(&session);
    MainWindow window(&api);
    window.show();
    window.startSession();
    // No keychain answers offscreen: the dialog comes, soon.
    LoginDialog *dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (dialog = findVisible<LoginDialog>(&window, QStringLiteral("loginDialog"))), 15000);
    auto *remember = dialog->findChild<QCheckBox *>(QStringLiteral("rememberCheck"));
    QCOMPARE(remember->isVisibleTo(dialog), CredentialStore::isCompiledIn());
    remember->setChecked(true);
    dialog->findChild<QLineEdit *>(QStringLiteral("passwordEdit"))->setText(defaultPassword());
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("loginButton")),
                      Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(session.isLoggedIn(), 20000);
    QTest::qWait(500); // a keychain write (failing here) has had its chance
    // The password is nowhere in the settings.
    QDirIterator files(m_settingsDir.path(), QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        QFile file(files.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY2(!file.readAll().contains(defaultPassword().toUtf8()), qPrintable(file.fileName()));
    }
}

void TestClientSession::tokenIsRenewedBeforeItExpires()
{
    Session session;
    ApiClient api(&session);
    MainWindow window(&api);
    window.show();
    QCOMPARE(signUpAndLogIn(api, m_server.baseUrl(), uniqueUsername()), QString());
    // 70 s tokens: renewal is due a minute before the end, in about 10 s.
    QVERIFY(window.renewTimer()->isActive());
    QVERIFY2(window.renewTimer()->remainingTime() > 1000 &&
                 window.renewTimer()->remainingTime() <= 11000,
             qPrintable(QString::number(window.renewTimer()->remainingTime())));
    // Without a remembered password the user is asked while the token still works.
    window.renewSession();
    LoginDialog *dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (dialog = findVisible<LoginDialog>(&window, QStringLiteral("loginDialog"))), 15000);
    auto *reason = dialog->findChild<QLabel *>(QStringLiteral("loginReasonLabel"));
    QVERIFY2(reason->text().contains(QStringLiteral("ends in a minute")),
             qPrintable(reason->text()));
    QVERIFY(session.isLoggedIn());
}

QProcess *TestClientSession::client(const QStringList &arguments)
{
    auto *process = new QProcess(this);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // No display at all: the terminal commands must not need one.
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_settingsDir.filePath(QStringLiteral("cli")));
    env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    process->setProcessEnvironment(env);
    process->setWorkingDirectory(m_files.path());
    process->start(m_clientBin, arguments);
    return process;
}

void TestClientSession::commandLineHelpAndVersion_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    QTest::newRow("--help") << QStringList{QStringLiteral("--help")}
                            << QStringLiteral("share FILE");
    QTest::newRow("-h") << QStringList{QStringLiteral("-h")} << QStringLiteral("--server");
    QTest::newRow("--version") << QStringList{QStringLiteral("--version")}
                               << QStringLiteral("depot-client " DEPOT_VERSION);
}

void TestClientSession::commandLineHelpAndVersion()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    if (m_clientBin.isEmpty())
        QSKIP("DEPOT_CLIENT_BIN is not set (run through ctest)");
    QProcess *process = client(arguments);
    QVERIFY(process->waitForFinished(20000));
    QCOMPARE(process->exitStatus(), QProcess::NormalExit);
    QCOMPARE(process->exitCode(), 0);
    const QString out = QString::fromUtf8(process->readAllStandardOutput());
    QVERIFY2(out.contains(expected), qPrintable(out));
}

void TestClientSession::commandLineShareAndDownload()
{
    if (m_clientBin.isEmpty())
        QSKIP("DEPOT_CLIENT_BIN is not set (run through ctest)");
    const QByteArray content("shared from a script\n");
    const QString path = writeTestFile(m_files, QStringLiteral("from-cli.txt"), content);
    QProcess *share = client(
        {QStringLiteral("--server"), m_server.baseUrl().toString(), QStringLiteral("share"), path});
    QVERIFY(share->waitForFinished(30000));
    QCOMPARE(share->exitCode(), 0);
    const QString link = QString::fromUtf8(share->readAllStandardOutput()).trimmed();
    QVERIFY2(link.startsWith(m_server.baseUrl().toString() + QStringLiteral("/api/v1.0/file/")),
             qPrintable(link + QString::fromUtf8(share->readAllStandardError())));

    QTemporaryDir target;
    QProcess *download =
        client({QStringLiteral("download"), link, QStringLiteral("-o"), target.path()});
    QVERIFY(download->waitForFinished(30000));
    QCOMPARE(download->exitCode(), 0);
    const QString saved = QString::fromUtf8(download->readAllStandardOutput()).trimmed();
    QCOMPARE(saved, target.filePath(QStringLiteral("from-cli.txt")));
    QFile file(saved);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), content);

    // Used up: the second download fails with a sentence and exit code 1.
    QProcess *again =
        client({QStringLiteral("download"), link, QStringLiteral("-o"), target.path()});
    QVERIFY(again->waitForFinished(30000));
    QCOMPARE(again->exitCode(), 1);
    QVERIFY(QString::fromUtf8(again->readAllStandardError()).contains(QStringLiteral("gone")));
}

void TestClientSession::commandLineRejectsNonsense()
{
    if (m_clientBin.isEmpty())
        QSKIP("DEPOT_CLIENT_BIN is not set (run through ctest)");
    QProcess *process = client({QStringLiteral("share")});
    QVERIFY(process->waitForFinished(20000));
    QCOMPARE(process->exitCode(), 2);
    QVERIFY(QString::fromUtf8(process->readAllStandardError())
                .contains(QStringLiteral("at least one file")));
}

QTEST_MAIN(TestClientSession)
#include "tst_clientsession.moc"
