// The Dumps page and the quota on the Account page, through the main window's widgets.

#include "ClientTestSupport.h"
#include "ImageServer.h"
#include "ui/MainWindow.h"
#include "ui/Translations.h"

#include <QApplication>
#include <QFileDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QTableWidget>
#include <QTreeWidget>
#include <QtTest>

using namespace depot;
using namespace depot::clienttest;
using depot::test::TestServer;

class TestDumpsPage : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void sendShowsStatusesAndUpdatesQuota();
    void missingFileShownInline();
    void droppedFileIsSentAndExported();

private:
    QTemporaryDir m_settingsDir;
    QTemporaryDir m_files;
    ImageServer m_images;
    TestServer m_server;
    Session m_session;
    ApiClient m_client{&m_session};
    std::unique_ptr<MainWindow> m_window;
};

void TestDumpsPage::initTestCase()
{
    QVERIFY(m_settingsDir.isValid() && m_files.isValid());
    isolateSettings(m_settingsDir);
    Translations::install(QLocale(QLocale::English, QLocale::UnitedStates));
    QVERIFY(m_images.start());
    TestServer::Options options;
    options.extraArgs << QStringLiteral("--fetch-allow") << QStringLiteral("127.0.0.0/8");
    QVERIFY2(m_server.start(options), qPrintable(m_server.errorString()));
    QCOMPARE(signUpAndLogIn(m_client, m_server.baseUrl(), uniqueUsername()), QString());
    m_window = std::make_unique<MainWindow>(&m_client);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestDumpsPage::sendShowsStatusesAndUpdatesQuota()
{
    const QJsonArray items{
        QJsonObject{{QStringLiteral("name"), QStringLiteral("Lamp")},
                    {QStringLiteral("manufacturer"), QStringLiteral("Acme")},
                    {QStringLiteral("brand"), QStringLiteral("Acme Home")},
                    {QStringLiteral("category"), QStringLiteral("Lighting")},
                    {QStringLiteral("images"),
                     QJsonArray{m_images.url(QStringLiteral("/png/a")).toString(),
                                m_images.url(QStringLiteral("/status/500")).toString()}}}};
    QFile file(m_files.filePath(QStringLiteral("batch.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(QJsonObject{{QStringLiteral("items"), items}}).toJson());
    file.close();

    auto *fileEdit = m_window->findChild<QLineEdit *>(QStringLiteral("dumpFileEdit"));
    QTest::keyClicks(fileEdit, file.fileName());
    QTest::mouseClick(m_window->findChild<QPushButton *>(QStringLiteral("sendDumpButton")),
                      Qt::LeftButton);
    auto *tree = m_window->findChild<QTreeWidget *>(QStringLiteral("dumpResultTree"));
    QTRY_COMPARE_WITH_TIMEOUT(tree->topLevelItemCount(), 1, 60000);
    QTreeWidgetItem *item = tree->topLevelItem(0);
    QCOMPARE(item->text(0), QStringLiteral("Lamp"));
    // Status words in the user's language, never the API's SUCCESS/PARTIAL/FAILURE.
    QCOMPARE(item->text(1), QStringLiteral("Partly succeeded"));
    QCOMPARE(item->childCount(), 2);
    QCOMPARE(item->child(0)->text(1), QStringLiteral("Succeeded"));
    QCOMPARE(item->child(1)->text(1), QStringLiteral("Failed"));
    QVERIFY2(item->child(1)->text(2).contains(QStringLiteral("500")),
             qPrintable(item->child(1)->text(2)));
    // The stored image comes back as a thumbnail.
    QTRY_VERIFY_WITH_TIMEOUT(!item->child(0)->icon(0).isNull(), 20000);
    QVERIFY(item->child(1)->icon(0).isNull());
    auto *message = m_window->findChild<QLabel *>(QStringLiteral("dumpMessageLabel"));
    QVERIFY2(message->text().contains(QStringLiteral("24 of 25 requests left")),
             qPrintable(message->text()));

    // The Account page follows the quota.
    auto *usage = m_window->findChild<QLabel *>(QStringLiteral("quotaUsageLabel"));
    QTRY_VERIFY_WITH_TIMEOUT(usage->text().startsWith(QStringLiteral("1 of 25")), 20000);
    auto *reset = m_window->findChild<QLabel *>(QStringLiteral("quotaResetLabel"));
    QVERIFY2(reset->text().startsWith(QStringLiteral("Resets at")), qPrintable(reset->text()));
    // And the request is in the history.
    auto *history = m_window->findChild<QTableWidget *>(QStringLiteral("dumpHistoryTable"));
    QTRY_COMPARE_WITH_TIMEOUT(history->rowCount(), 1, 20000);
}

void TestDumpsPage::missingFileShownInline()
{
    auto *fileEdit = m_window->findChild<QLineEdit *>(QStringLiteral("dumpFileEdit"));
    fileEdit->setText(m_files.filePath(QStringLiteral("nope.xml")));
    QTest::mouseClick(m_window->findChild<QPushButton *>(QStringLiteral("sendDumpButton")),
                      Qt::LeftButton);
    auto *message = m_window->findChild<QLabel *>(QStringLiteral("dumpMessageLabel"));
    QCOMPARE(message->text(), QStringLiteral("Choose an .xml or .json file first."));
}

// Issue 13: a batch file dropped on the Dumps tab is the one sent, and the result can be
// exported as JSON (the Save dialog answered as a user would).
void TestDumpsPage::droppedFileIsSentAndExported()
{
    const QJsonArray items{QJsonObject{
        {QStringLiteral("name"), QStringLiteral("Chair")},
        {QStringLiteral("manufacturer"), QStringLiteral("Acme")},
        {QStringLiteral("brand"), QStringLiteral("Acme Home")},
        {QStringLiteral("category"), QStringLiteral("Seating")},
        {QStringLiteral("images"), QJsonArray{m_images.url(QStringLiteral("/png/b")).toString()}}}};
    const QString batch =
        writeTestFile(m_files, QStringLiteral("dropped.json"),
                      QJsonDocument(QJsonObject{{QStringLiteral("items"), items}}).toJson());
    QVERIFY(!batch.isEmpty());
    auto *page = m_window->findChild<QWidget *>(QStringLiteral("dumpsPage"));
    QVERIFY(page);
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(batch)});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(page, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(page, &drop);
    auto *fileEdit = m_window->findChild<QLineEdit *>(QStringLiteral("dumpFileEdit"));
    QCOMPARE(QDir::fromNativeSeparators(fileEdit->text()), batch);

    QTest::mouseClick(m_window->findChild<QPushButton *>(QStringLiteral("sendDumpButton")),
                      Qt::LeftButton);
    auto *tree = m_window->findChild<QTreeWidget *>(QStringLiteral("dumpResultTree"));
    QTRY_VERIFY_WITH_TIMEOUT(tree->topLevelItemCount() == 1 &&
                                 tree->topLevelItem(0)->text(0) == QStringLiteral("Chair"),
                             60000);

    auto *exportButton = m_window->findChild<QPushButton *>(QStringLiteral("exportDumpButton"));
    QTRY_VERIFY(exportButton->isEnabled());
    const QString target = m_files.filePath(QStringLiteral("result.json"));
    bool answered = false;
    QTimer poll;
    connect(&poll, &QTimer::timeout, this, [&] {
        auto *dialog = qobject_cast<QFileDialog *>(QApplication::activeModalWidget());
        if (!dialog || answered)
            return;
        answered = true;
        dialog->selectFile(target);
        if (auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("fileNameEdit")))
            name->setText(target);
        static_cast<QDialog *>(dialog)->accept();
    });
    poll.start(50);
    QTest::mouseClick(exportButton, Qt::LeftButton);
    poll.stop();
    QVERIFY(answered);
    QFile exported(target);
    QVERIFY(exported.open(QIODevice::ReadOnly));
    const QJsonObject result = QJsonDocument::fromJson(exported.readAll()).object();
    QVERIFY2(QJsonDocument(result).toJson().contains("Chair"), qPrintable(target));
    auto *message = m_window->findChild<QLabel *>(QStringLiteral("dumpMessageLabel"));
    QVERIFY2(message->text().startsWith(QStringLiteral("Exported to")),
             qPrintable(message->text()));
}

QTEST_MAIN(TestDumpsPage)
#include "tst_dumpspage.moc"
