// The Dumps page and the quota on the Account page, through the main window's widgets. Dumps
// are sent asynchronously and followed over their events WebSocket: progress ("n of N") and
// image rows change while the request still runs; a socket the server refuses falls back to
// polling the request's state.

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
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QTreeWidget>
#include <QWebSocket>
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
    void progressRowsArriveBeforeTheEnd();
    void refusedSocketFallsBackToPolling();
    void droppedFileIsSentAndExported();

private:
    QString writeBatch(const QString &name, const QStringList &images);
    void sendFile(const QString &path);
    QString m_username;
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
    // One WebSocket per user: a test holds it to make the page's socket be refused.
    options.extraArgs << QStringLiteral("--fetch-allow") << QStringLiteral("127.0.0.0/8")
                      << QStringLiteral("--ws-max-per-user") << QStringLiteral("1");
    QVERIFY2(m_server.start(options), qPrintable(m_server.errorString()));
    m_username = uniqueUsername();
    QCOMPARE(signUpAndLogIn(m_client, m_server.baseUrl(), m_username), QString());
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
    auto *progress = m_window->findChild<QProgressBar *>(QStringLiteral("dumpProgress"));
    // The request's rows come first (images pending), the final report when it has ended.
    QTRY_VERIFY_WITH_TIMEOUT(progress->isHidden() && tree->topLevelItemCount() == 1, 60000);
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

QString TestDumpsPage::writeBatch(const QString &name, const QStringList &images)
{
    QJsonArray urls;
    for (const QString &path : images)
        urls.append(m_images.url(path).toString());
    const QJsonArray items{QJsonObject{{QStringLiteral("name"), name},
                                       {QStringLiteral("manufacturer"), QStringLiteral("Acme")},
                                       {QStringLiteral("brand"), QStringLiteral("Acme Home")},
                                       {QStringLiteral("category"), QStringLiteral("Lighting")},
                                       {QStringLiteral("images"), urls}}};
    return writeTestFile(m_files, name + QStringLiteral(".json"),
                         QJsonDocument(QJsonObject{{QStringLiteral("items"), items}}).toJson());
}

void TestDumpsPage::sendFile(const QString &path)
{
    auto *fileEdit = m_window->findChild<QLineEdit *>(QStringLiteral("dumpFileEdit"));
    fileEdit->setText(path);
    QTest::mouseClick(m_window->findChild<QPushButton *>(QStringLiteral("sendDumpButton")),
                      Qt::LeftButton);
}

void TestDumpsPage::progressRowsArriveBeforeTheEnd()
{
    const QString path =
        writeBatch(QStringLiteral("Desk"), {QStringLiteral("/png/d"), QStringLiteral("/status/404"),
                                            QStringLiteral("/delay/2500/png")});
    QVERIFY(!path.isEmpty());
    sendFile(path);
    auto *progress = m_window->findChild<QProgressBar *>(QStringLiteral("dumpProgress"));
    auto *tree = m_window->findChild<QTreeWidget *>(QStringLiteral("dumpResultTree"));
    // While the delayed image is still being fetched: "2 of 3", two rows finished, one pending.
    QTRY_VERIFY_WITH_TIMEOUT(!progress->isHidden() && progress->maximum() == 3 &&
                                 progress->value() == 2 && tree->topLevelItemCount() == 1 &&
                                 tree->topLevelItem(0)->child(0)->text(1) != u"Pending" &&
                                 tree->topLevelItem(0)->child(1)->text(1) != u"Pending",
                             20000);
    QCOMPARE(progress->text(), QStringLiteral("2 of 3 images"));
    QTreeWidgetItem *item = tree->topLevelItem(0);
    QCOMPARE(item->text(0), QStringLiteral("Desk"));
    QCOMPARE(item->childCount(), 3);
    QCOMPARE(item->child(0)->text(1), QStringLiteral("Succeeded"));
    QCOMPARE(item->child(1)->text(1), QStringLiteral("Failed"));
    QVERIFY2(item->child(1)->text(2).contains(QStringLiteral("404")),
             qPrintable(item->child(1)->text(2)));
    QCOMPARE(item->child(2)->text(1), QStringLiteral("Pending"));
    QCOMPARE(item->text(1), QStringLiteral("Pending"));
    auto *send = m_window->findChild<QPushButton *>(QStringLiteral("sendDumpButton"));
    QVERIFY(!send->isEnabled());
    // Then the end: the full report, the bar gone.
    QTRY_VERIFY_WITH_TIMEOUT(progress->isHidden(), 20000);
    item = tree->topLevelItem(0);
    QCOMPARE(item->child(2)->text(1), QStringLiteral("Succeeded"));
    QCOMPARE(item->text(1), QStringLiteral("Partly succeeded"));
    QVERIFY(send->isEnabled());
    auto *message = m_window->findChild<QLabel *>(QStringLiteral("dumpMessageLabel"));
    QVERIFY2(message->text().contains(QStringLiteral("0 of 1 item succeeded")),
             qPrintable(message->text()));
}

void TestDumpsPage::refusedSocketFallsBackToPolling()
{
    // Hold the user's one WebSocket: the journal socket of an endpoint, proven authenticated
    // by the entry it sends.
    const test::Headers auth = test::TestHttp::bearer(m_session.token());
    const test::HttpResult created = test::TestHttp::request(
        "POST", m_server.url(QStringLiteral("/api/v1/endpoints")), R"({"identifier":"hold"})",
        auth + test::Headers{{"Content-Type", "application/json"}});
    QCOMPARE(created.status, 201);
    QCOMPARE(test::TestHttp::get(m_server.url(QStringLiteral("/u/%1/hold").arg(m_username))).status,
             200);
    QWebSocket holder;
    QList<QString> heard;
    connect(&holder, &QWebSocket::textMessageReceived, this,
            [&heard](const QString &text) { heard.append(text); });
    connect(&holder, &QWebSocket::connected, this, [&holder, this] {
        holder.sendTextMessage(
            QStringLiteral("{\"token\":\"%1\",\"after\":0}").arg(m_session.token()));
    });
    QUrl url = m_server.url(QStringLiteral("/api/v1/endpoints/%1/requests/events")
                                .arg(created.json().value(QStringLiteral("id")).toInteger()));
    url.setScheme(QStringLiteral("ws"));
    holder.open(url);
    QTRY_COMPARE_WITH_TIMEOUT(heard.size(), 1, 10000);

    sendFile(writeBatch(QStringLiteral("Stool"),
                        {QStringLiteral("/png/c"), QStringLiteral("/delay/500/png")}));
    auto *message = m_window->findChild<QLabel *>(QStringLiteral("dumpMessageLabel"));
    QTRY_VERIFY_WITH_TIMEOUT(
        message->text().startsWith(QStringLiteral("Live progress is not available")), 10000);
    auto *tree = m_window->findChild<QTreeWidget *>(QStringLiteral("dumpResultTree"));
    auto *progress = m_window->findChild<QProgressBar *>(QStringLiteral("dumpProgress"));
    QTRY_VERIFY_WITH_TIMEOUT(progress->isHidden(), 20000);
    QCOMPARE(tree->topLevelItem(0)->text(0), QStringLiteral("Stool"));
    QCOMPARE(tree->topLevelItem(0)->text(1), QStringLiteral("Succeeded"));
    QVERIFY2(message->text().contains(QStringLiteral("1 of 1 item succeeded")),
             qPrintable(message->text()));
    holder.close();
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
