// Screenshots of every page and dialog, in English and German, against a real server with real
// content: written to build/screenshots/<language>/ (or $DEPOT_SCREENSHOT_DIR) for reviews and
// the README. Each picture is checked to be a real, non-empty rendering.

#include "ClientTestSupport.h"
#include "ui/AccountPage.h"
#include "ui/DownloadPage.h"
#include "ui/DumpsPage.h"
#include "ui/EndpointEditor.h"
#include "ui/EndpointsPage.h"
#include "ui/LoginDialog.h"
#include "ui/MainWindow.h"
#include "ui/SettingsDialog.h"
#include "ui/ShareHistory.h"
#include "ui/SharePage.h"
#include "ui/Translations.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QTreeWidget>
#include <QtTest>

using namespace depot;
using namespace depot::clienttest;
using depot::test::TestServer;

class TestScreenshots : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void everyPageAndDialog_data();
    void everyPageAndDialog();

private:
    void save(QWidget *widget, const QString &name);

    QTemporaryDir m_settingsDir;
    QTemporaryDir m_files;
    TestServer m_server;
    QDir m_out;
};

void TestScreenshots::initTestCase()
{
    QVERIFY(m_settingsDir.isValid() && m_files.isValid());
    isolateSettings(m_settingsDir);
    const QString fromEnv = qEnvironmentVariable("DEPOT_SCREENSHOT_DIR");
    // The test runs from build/tests: build/screenshots by default.
    m_out.setPath(fromEnv.isEmpty()
                      ? QCoreApplication::applicationDirPath() + QStringLiteral("/../screenshots")
                      : fromEnv);
    QVERIFY(m_out.mkpath(QStringLiteral(".")));
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
}

void TestScreenshots::save(QWidget *widget, const QString &name)
{
    QCoreApplication::processEvents();
    const QImage image = widget->grab().toImage();
    QVERIFY2(!image.isNull() && image.width() > 100 && image.height() > 50, qPrintable(name));
    // Not a blank rendering: more than a handful of colours.
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7)
        for (int x = 0; x < image.width(); x += 7)
            colours.insert(image.pixel(x, y));
    QVERIFY2(colours.size() > 3, qPrintable(name));
    const QString path = m_out.filePath(name + QStringLiteral(".png"));
    QVERIFY2(image.save(path), qPrintable(path));
}

void TestScreenshots::everyPageAndDialog_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << QStringLiteral("en_US");
    QTest::newRow("de") << QStringLiteral("de_DE");
}

void TestScreenshots::everyPageAndDialog()
{
    QFETCH(QString, language);
    Translations::install(QLocale(language));
    QLocale::setDefault(QLocale(language));
    const QString prefix = language.left(2) + QLatin1Char('/');
    QVERIFY(m_out.mkpath(language.left(2)));

    Session session;
    ApiClient client(&session);
    QCOMPARE(signUpAndLogIn(client, m_server.baseUrl(), uniqueUsername(QStringLiteral("alice"))),
             QString());
    // Some content to show.
    for (const QString &identifier : {QStringLiteral("api/users"), QStringLiteral("api/orders")}) {
        Endpoint endpoint;
        endpoint.identifier = identifier;
        endpoint.method = QStringLiteral("GET");
        endpoint.latency = 120;
        endpoint.response = QJsonObject{{QStringLiteral("id"), 1}};
        endpoint.headers = QJsonObject{{QStringLiteral("X-Mock"), QStringLiteral("yes")}};
        const auto created = await<Endpoint>([&](QObject *context, auto done) {
            client.createEndpoint(endpoint, QString(), context, done);
        });
        QVERIFY(created && created->ok());
    }

    MainWindow window(&client);
    window.resize(960, 640);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.accountPage()->refresh();
    window.endpointsPage()->refresh();
    auto *table = window.findChild<QTableWidget *>(QStringLiteral("endpointsTable"));
    QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 2, 20000);
    QTRY_VERIFY(!window.findChild<QLabel *>(QStringLiteral("quotaUsageLabel"))->text().isEmpty());

    window.showPage(window.accountPage());
    save(&window, prefix + QStringLiteral("01-account"));
    window.showPage(window.endpointsPage());
    table->selectRow(0);
    save(&window, prefix + QStringLiteral("02-endpoints"));

    // Share: one link made, in the history.
    window.showPage(window.sharePage());
    window.sharePage()->setFile(
        writeTestFile(m_files, QStringLiteral("report.pdf"), QByteArray(180000, 'r')));
    auto *shareButton = window.findChild<QPushButton *>(QStringLiteral("shareButton"));
    QTest::mouseClick(shareButton, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        !window.findChild<QLineEdit *>(QStringLiteral("shareLinkEdit"))->text().isEmpty(), 20000);
    const QString link = window.sharePage()->link();
    save(&window, prefix + QStringLiteral("03-share"));

    // Download: the link checked, the Save dialog open.
    window.showPage(window.downloadPage());
    window.downloadPage()->setLink(link);
    window.downloadPage()->download();
    QFileDialog *saveDialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (saveDialog = findVisible<QFileDialog>(&window, QStringLiteral("saveFileDialog"))), 20000);
    save(&window, prefix + QStringLiteral("04-download"));
    save(saveDialog, prefix + QStringLiteral("10-save-dialog"));
    saveDialog->reject();

    // Dumps: a result (one blocked image: fetched at once).
    const QJsonArray items{
        QJsonObject{{QStringLiteral("name"), QStringLiteral("Desk lamp")},
                    {QStringLiteral("manufacturer"), QStringLiteral("Acme")},
                    {QStringLiteral("brand"), QStringLiteral("Acme Home")},
                    {QStringLiteral("category"), QStringLiteral("Lighting")},
                    {QStringLiteral("images"),
                     QJsonArray{QStringLiteral("http://127.0.0.1:9/lamp-front.png"),
                                QStringLiteral("http://127.0.0.1:9/lamp-side.png")}}}};
    window.showPage(window.dumpsPage());
    window.dumpsPage()->setFile(
        writeTestFile(m_files, QStringLiteral("batch-%1.json").arg(language),
                      QJsonDocument(QJsonObject{{QStringLiteral("items"), items}}).toJson()));
    window.dumpsPage()->send();
    auto *tree = window.findChild<QTreeWidget *>(QStringLiteral("dumpResultTree"));
    QTRY_COMPARE_WITH_TIMEOUT(tree->topLevelItemCount(), 1, 30000);
    save(&window, prefix + QStringLiteral("05-dumps"));

    // Dialogs.
    LoginDialog *login = window.showLoginDialog();
    QVERIFY(QTest::qWaitForWindowExposed(login));
    save(login, prefix + QStringLiteral("11-login"));
    login->reject();

    for (const QString &kind : {QStringLiteral("json"), QStringLiteral("script")}) {
        EndpointEditor editor(&client, &window);
        auto *combo = editor.findChild<QComboBox *>(QStringLiteral("kindCombo"));
        combo->setCurrentIndex(combo->findData(kind));
        editor.findChild<QLineEdit *>(QStringLiteral("identifierEdit"))
            ->setText(kind == QLatin1String("json") ? QStringLiteral("api/users")
                                                    : QStringLiteral("hello.py"));
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        save(&editor, prefix + QStringLiteral("12-editor-") + kind);
    }

    SettingsDialog *settings = window.showSettings();
    QVERIFY(QTest::qWaitForWindowExposed(settings));
    save(settings, prefix + QStringLiteral("13-settings"));
    settings->reject();

    QMessageBox *about = window.showAbout();
    QVERIFY(QTest::qWaitForWindowExposed(about));
    save(about, prefix + QStringLiteral("14-about"));
    about->reject();

    window.showPage(window.endpointsPage());
    table->selectRow(0);
    window.endpointsPage()->deleteSelected();
    QMessageBox *confirm = nullptr;
    QTRY_VERIFY((confirm = findVisible<QMessageBox>(&window, QStringLiteral("confirmDeleteBox"))));
    save(confirm, prefix + QStringLiteral("15-confirm-delete"));
    confirm->reject();

    window.showPage(window.sharePage());
    window.findChild<QTableWidget *>(QStringLiteral("shareHistoryTable"))->selectRow(0);
    window.sharePage()->history()->revoke(0);
    QMessageBox *revoke = nullptr;
    QTRY_VERIFY((revoke = findVisible<QMessageBox>(&window, QStringLiteral("confirmRevokeBox"))));
    save(revoke, prefix + QStringLiteral("16-confirm-revoke"));
    revoke->reject();

    // The password prompt of a protected link.
    auto *password = window.findChild<QLineEdit *>(QStringLiteral("sharePasswordEdit"));
    password->setText(QStringLiteral("open sesame"));
    QTest::mouseClick(shareButton, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(shareButton->isEnabled() && window.sharePage()->link() != link, 20000);
    window.showPage(window.downloadPage());
    window.downloadPage()->setLink(window.sharePage()->link());
    window.downloadPage()->download();
    QInputDialog *prompt = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (prompt = findVisible<QInputDialog>(&window, QStringLiteral("passwordDialog"))), 20000);
    save(prompt, prefix + QStringLiteral("17-password"));
    prompt->reject();
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
