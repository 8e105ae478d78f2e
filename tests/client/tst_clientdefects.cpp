// The desktop client's defects of issue 13, each driven through the widgets against a real
// depot-server: a cancelled Save dialog keeps a one-time link, an unresponsive (stopped) server
// times out with a message and every wait can be cancelled, a server killed mid-upload is
// reported as such, uploads cancel, the Share page follows what is typed, the Downloads limit
// matches the server, Copy keeps the link's description.

#include "ClientTestSupport.h"
#include "ui/AccountPage.h"
#include "ui/DownloadPage.h"
#include "ui/MainWindow.h"
#include "ui/SharePage.h"
#include "ui/Translations.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QFileDialog>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QtTest>

#include <signal.h>

using namespace depot;
using namespace depot::clienttest;
using depot::test::TestServer;

class TestClientDefects : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void cancelledSaveKeepsTheLink();
    void savingWritesOnlyTheTarget();
    void stoppedServerTimesOut_data();
    void stoppedServerTimesOut();
    void checkingALinkCanBeCancelled();
    void serverKilledMidUploadSaysSo();
    void uploadCanBeCancelled();
    void dropAreaFollowsTheTypedFile();
    void downloadsLimitAndCopyKeepsDescription();
    void historyRevokesALink();
    void shareOnDropWhenChosen();

public slots: // not a test: QDesktopServices hands opened URLs here (setUrlHandler)
    void openedUrl(const QUrl &url) { m_opened.append(url); }

private:
    QString writeFile(const QString &name, const QByteArray &content);
    QString share(const QString &path, int downloads = 1);
    void startDownload(const QString &link);
    QFileDialog *waitForSaveDialog();
    QString label(const QString &name) const;
    QString tone(const QString &name) const;
    // A second server that the test stops (SIGSTOP) or kills.
    bool startVictim(TestServer *server);

    QTemporaryDir m_settingsDir;
    QTemporaryDir m_files;
    TestServer m_server;
    Session *m_session = nullptr;
    ApiClient *m_client = nullptr;
    MainWindow *m_window = nullptr;
    QList<QUrl> m_opened;
};

void TestClientDefects::initTestCase()
{
    QVERIFY(m_settingsDir.isValid() && m_files.isValid());
    isolateSettings(m_settingsDir);
    Translations::install(QLocale(QLocale::English, QLocale::UnitedStates));
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
}

void TestClientDefects::init()
{
    m_session = new Session;
    m_session->setServerUrl(m_server.baseUrl());
    m_client = new ApiClient(m_session);
    m_window = new MainWindow(m_client);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
}

void TestClientDefects::cleanup()
{
    delete m_window;
    delete m_client;
    delete m_session;
}

QString TestClientDefects::writeFile(const QString &name, const QByteArray &content)
{
    return writeTestFile(m_files, name, content);
}

QString TestClientDefects::label(const QString &name) const
{
    auto *widget = m_window->findChild<QLabel *>(name);
    return widget ? widget->text() : QStringLiteral("<no %1>").arg(name);
}

QString TestClientDefects::tone(const QString &name) const
{
    auto *widget = m_window->findChild<QLabel *>(name);
    return widget ? widget->property("tone").toString() : QString();
}

QString TestClientDefects::share(const QString &path, int downloads)
{
    m_window->sharePage()->setFile(path);
    m_window->findChild<QSpinBox *>(QStringLiteral("shareMaxDownloadsSpin"))->setValue(downloads);
    auto *shareButton = m_window->findChild<QPushButton *>(QStringLiteral("shareButton"));
    QTest::mouseClick(shareButton, Qt::LeftButton);
    if (!QTest::qWaitFor([&] { return shareButton->isEnabled(); }, 20000))
        return QString();
    return m_window->findChild<QLineEdit *>(QStringLiteral("shareLinkEdit"))->text();
}

void TestClientDefects::startDownload(const QString &link)
{
    m_window->showPage(m_window->downloadPage());
    auto *linkEdit = m_window->findChild<QLineEdit *>(QStringLiteral("downloadLinkEdit"));
    linkEdit->setText(link);
    QTest::mouseClick(m_window->findChild<QPushButton *>(QStringLiteral("downloadButton")),
                      Qt::LeftButton);
}

QFileDialog *TestClientDefects::waitForSaveDialog()
{
    QFileDialog *dialog = nullptr;
    QTest::qWaitFor(
        [&] {
            return (dialog = findVisible<QFileDialog>(m_window, QStringLiteral("saveFileDialog")));
        },
        20000);
    return dialog;
}

bool TestClientDefects::startVictim(TestServer *server)
{
    return server->start();
}

// Defect 1: Cancel in the Save dialog used to lose a one-time file (the download had started).
void TestClientDefects::cancelledSaveKeepsTheLink()
{
    const QByteArray content(600 * 1024, 'k'); // over the reply's read buffer
    const QString link = share(writeFile(QStringLiteral("once.bin"), content));
    QVERIFY(!link.isEmpty());

    startDownload(link);
    QFileDialog *dialog = waitForSaveDialog();
    QVERIFY(dialog);
    // The user is told before fetching that the link may work once.
    QVERIFY2(label(QStringLiteral("downloadMessageLabel")).contains(QStringLiteral("only once")),
             qPrintable(label(QStringLiteral("downloadMessageLabel"))));
    dialog->reject();
    QTRY_VERIFY(
        label(QStringLiteral("downloadMessageLabel")).contains(QStringLiteral("still works")));

    // The link was not used up: a second try offers the file again and gets all of it.
    startDownload(link);
    dialog = waitForSaveDialog();
    QVERIFY2(dialog, qPrintable(label(QStringLiteral("downloadMessageLabel"))));
    const QString target = m_files.filePath(QStringLiteral("once-saved.bin"));
    dialog->selectFile(target);
    auto *nameEdit = dialog->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"));
    nameEdit->setText(target);
    static_cast<QDialog *>(dialog)->accept();
    QTRY_VERIFY_WITH_TIMEOUT(label(QStringLiteral("downloadMessageLabel")).startsWith(u"Saved"),
                             20000);
    QCOMPARE(tone(QStringLiteral("downloadMessageLabel")), QStringLiteral("success"));
    QFile saved(target);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(saved.readAll(), content);
    QVERIFY(m_window->findChild<QPushButton *>(QStringLiteral("openDownloadedFileButton"))
                ->isVisible());
    QVERIFY(m_window->findChild<QPushButton *>(QStringLiteral("showDownloadFolderButton"))
                ->isVisible());
    // The saved file can be dragged out.
    auto *drag = m_window->findChild<QLabel *>(QStringLiteral("downloadedFileDrag"));
    QVERIFY(drag && drag->isVisible());
    QVERIFY(drag->text().contains(QStringLiteral("once-saved.bin")));
    // Open file and Show in folder hand the file and its folder to the desktop.
    m_opened.clear();
    QDesktopServices::setUrlHandler(QStringLiteral("file"), this, "openedUrl");
    QTest::mouseClick(
        m_window->findChild<QPushButton *>(QStringLiteral("openDownloadedFileButton")),
        Qt::LeftButton);
    QTest::mouseClick(
        m_window->findChild<QPushButton *>(QStringLiteral("showDownloadFolderButton")),
        Qt::LeftButton);
    QDesktopServices::unsetUrlHandler(QStringLiteral("file"));
    QCOMPARE(m_opened, (QList<QUrl>{QUrl::fromLocalFile(target),
                                    QUrl::fromLocalFile(QFileInfo(target).absolutePath())}));
}

// Defect 1: the file is written beside the target and renamed at the end; nothing else stays.
void TestClientDefects::savingWritesOnlyTheTarget()
{
    QTemporaryDir folder;
    const QString link = share(writeFile(QStringLiteral("tidy.txt"), QByteArray("tidy\n")));
    QVERIFY(!link.isEmpty());
    startDownload(link);
    QFileDialog *dialog = waitForSaveDialog();
    QVERIFY(dialog);
    const QString target = folder.filePath(QStringLiteral("tidy.txt"));
    dialog->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"))->setText(target);
    static_cast<QDialog *>(dialog)->accept();
    QTRY_VERIFY_WITH_TIMEOUT(label(QStringLiteral("downloadMessageLabel")).startsWith(u"Saved"),
                             20000);
    QCOMPARE(QDir(folder.path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("tidy.txt")});
}

void TestClientDefects::stoppedServerTimesOut_data()
{
    QTest::addColumn<QString>("page");
    QTest::newRow("account") << QStringLiteral("account");
    QTest::newRow("download") << QStringLiteral("download");
}

// Defect 2: an unresponsive server left "Loading…" forever.
void TestClientDefects::stoppedServerTimesOut()
{
    QFETCH(QString, page);
    TestServer victim;
    QVERIFY2(startVictim(&victim), qPrintable(victim.errorString()));
    ApiClient client(m_session);
    QVERIFY(signUpAndLogIn(client, victim.baseUrl(), uniqueUsername()).isEmpty());
    m_client->setRequestTimeout(1500);
    // The account page refreshes by itself after the log-in: let that answer arrive first, or it
    // lands after the stop and its success overwrites the message this test waits for.
    auto *refreshButton =
        m_window->accountPage()->findChild<QPushButton *>(QStringLiteral("refreshAccountButton"));
    QVERIFY(refreshButton);
    QTRY_VERIFY(refreshButton->isEnabled() &&
                label(QStringLiteral("accountMessageLabel")) != QStringLiteral("Loading…"));
    ::kill(pid_t(victim.pid()), SIGSTOP); // accepts connections, never answers
    QString labelName;
    if (page == QLatin1String("account")) {
        m_window->accountPage()->refresh();
        labelName = QStringLiteral("accountMessageLabel");
    } else {
        startDownload(victim.baseUrl().toString() +
                      QStringLiteral("/api/v1.0/file/AAAAAAAAAAAAAAAAAAAAAA"));
        labelName = QStringLiteral("downloadMessageLabel");
    }
    QTRY_VERIFY_WITH_TIMEOUT(label(labelName).contains(QStringLiteral("did not answer")), 10000);
    QCOMPARE(tone(labelName), QStringLiteral("error"));
    ::kill(pid_t(victim.pid()), SIGCONT);
    victim.stop();
}

// Defect 2: every long wait has a Cancel.
void TestClientDefects::checkingALinkCanBeCancelled()
{
    TestServer victim;
    QVERIFY2(startVictim(&victim), qPrintable(victim.errorString()));
    ::kill(pid_t(victim.pid()), SIGSTOP);
    startDownload(victim.baseUrl().toString() +
                  QStringLiteral("/api/v1.0/file/AAAAAAAAAAAAAAAAAAAAAA"));
    auto *cancel = m_window->findChild<QPushButton *>(QStringLiteral("cancelDownloadButton"));
    QTRY_VERIFY(cancel->isVisible());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_VERIFY(!cancel->isVisible());
    QVERIFY(m_window->findChild<QPushButton *>(QStringLiteral("downloadButton"))->isEnabled());
    QVERIFY2(label(QStringLiteral("downloadMessageLabel")).contains(QStringLiteral("Cancelled")),
             qPrintable(label(QStringLiteral("downloadMessageLabel"))));
    ::kill(pid_t(victim.pid()), SIGCONT);
    victim.stop();
}

// Defect 3: "Sharing failed: Unknown error" in the normal text style.
void TestClientDefects::serverKilledMidUploadSaysSo()
{
    TestServer victim;
    QVERIFY2(startVictim(&victim), qPrintable(victim.errorString()));
    m_session->setServerUrl(victim.baseUrl());
    ::kill(pid_t(victim.pid()), SIGSTOP); // the upload fills the socket buffers and waits
    m_window->sharePage()->setFile(
        writeFile(QStringLiteral("big-upload.bin"), QByteArray(12 << 20, 'u')));
    auto *shareButton = m_window->findChild<QPushButton *>(QStringLiteral("shareButton"));
    QTest::mouseClick(shareButton, Qt::LeftButton);
    QTest::qWait(300);
    QVERIFY(!shareButton->isEnabled());
    victim.kill();
    QTRY_VERIFY_WITH_TIMEOUT(shareButton->isEnabled(), 20000);
    const QString message = label(QStringLiteral("shareMessageLabel"));
    QVERIFY2(!message.contains(QStringLiteral("Unknown error")), qPrintable(message));
    QVERIFY2(message.startsWith(QStringLiteral("Sharing failed.")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("server")), qPrintable(message));
    QCOMPARE(tone(QStringLiteral("shareMessageLabel")), QStringLiteral("error"));
}

// Defect 6: uploads could not be cancelled.
void TestClientDefects::uploadCanBeCancelled()
{
    m_window->showPage(m_window->sharePage());
    TestServer victim;
    QVERIFY2(startVictim(&victim), qPrintable(victim.errorString()));
    m_session->setServerUrl(victim.baseUrl());
    ::kill(pid_t(victim.pid()), SIGSTOP);
    m_window->sharePage()->setFile(
        writeFile(QStringLiteral("cancel-me.bin"), QByteArray(12 << 20, 'c')));
    auto *shareButton = m_window->findChild<QPushButton *>(QStringLiteral("shareButton"));
    auto *cancel = m_window->findChild<QPushButton *>(QStringLiteral("cancelShareButton"));
    QTest::mouseClick(shareButton, Qt::LeftButton);
    QTRY_VERIFY(cancel->isVisible());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_VERIFY(shareButton->isEnabled());
    QVERIFY(!cancel->isVisible());
    QVERIFY2(label(QStringLiteral("shareMessageLabel")).contains(QStringLiteral("cancelled")),
             qPrintable(label(QStringLiteral("shareMessageLabel"))));
    ::kill(pid_t(victim.pid()), SIGCONT);
    victim.stop();
}

// Defect 6: the drop area kept the previous file and said "once" for 3 downloads.
void TestClientDefects::dropAreaFollowsTheTypedFile()
{
    const QString first = writeFile(QStringLiteral("first.txt"), "1");
    const QString second = writeFile(QStringLiteral("second.txt"), "22");
    m_window->sharePage()->setFile(first);
    QVERIFY(label(QStringLiteral("shareDropLabel")).contains(QStringLiteral("first.txt")));
    auto *edit = m_window->findChild<QLineEdit *>(QStringLiteral("shareFileEdit"));
    edit->clear();
    QTest::keyClicks(edit, second);
    QVERIFY2(label(QStringLiteral("shareDropLabel")).contains(QStringLiteral("second.txt")),
             qPrintable(label(QStringLiteral("shareDropLabel"))));
    edit->clear();
    m_window->findChild<QSpinBox *>(QStringLiteral("shareMaxDownloadsSpin"))->setValue(3);
    const QString hint = label(QStringLiteral("shareDropLabel"));
    QVERIFY2(!hint.contains(QStringLiteral("once")) && hint.contains(QStringLiteral("3")),
             qPrintable(hint));
}

// Defect 7: 1–1000 downloads against the server's 100; Copy replaced the description.
void TestClientDefects::downloadsLimitAndCopyKeepsDescription()
{
    auto *spin = m_window->findChild<QSpinBox *>(QStringLiteral("shareMaxDownloadsSpin"));
    QCOMPARE(spin->maximum(), 100);
    const QString link = share(writeFile(QStringLiteral("thrice.txt"), "3"), 3);
    QVERIFY(!link.isEmpty());
    const QString description = label(QStringLiteral("shareMessageLabel"));
    QVERIFY2(description.contains(QStringLiteral("3 downloads")), qPrintable(description));
    // The link is copied as soon as it exists.
    QCOMPARE(QGuiApplication::clipboard()->text(), link);
    QGuiApplication::clipboard()->clear();
    QTest::mouseClick(m_window->findChild<QPushButton *>(QStringLiteral("copyShareLinkButton")),
                      Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), link);
    QVERIFY2(label(QStringLiteral("shareMessageLabel")).contains(QStringLiteral("3 downloads")),
             qPrintable(label(QStringLiteral("shareMessageLabel"))));
}

// The history of shares: the new link is listed, and Revoke makes it stop working.
void TestClientDefects::historyRevokesALink()
{
    m_window->showPage(m_window->sharePage());
    const QString link = share(writeFile(QStringLiteral("revoke-me.txt"), "gone soon"));
    QVERIFY(!link.isEmpty());
    auto *table = m_window->findChild<QTableWidget *>(QStringLiteral("shareHistoryTable"));
    QVERIFY(table->rowCount() >= 1);
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("revoke-me.txt"));
    QCOMPARE(table->item(0, 4)->text(), link);
    table->selectRow(0);
    QTest::mouseClick(m_window->findChild<QPushButton *>(QStringLiteral("revokeHistoryLinkButton")),
                      Qt::LeftButton);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = findVisible<QMessageBox>(m_window, QStringLiteral("confirmRevokeBox"))));
    QCOMPARE(box->defaultButton(), box->button(QMessageBox::No));
    QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(table->item(0, 1)->text(), QStringLiteral("Revoked"), 20000);
    // The server agrees: the link is no more.
    startDownload(link);
    QTRY_VERIFY_WITH_TIMEOUT(
        label(QStringLiteral("downloadMessageLabel")).contains(QStringLiteral("does not exist")) ||
            label(QStringLiteral("downloadMessageLabel")).contains(QStringLiteral("gone")),
        20000);
    // "Check states" asks the server (HEAD) again; the revoked link stays "Revoked", another
    // one is used up by a download.
    const QString used = share(writeFile(QStringLiteral("use-me.txt"), "used"));
    startDownload(used);
    QFileDialog *dialog = waitForSaveDialog();
    QVERIFY(dialog);
    dialog->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"))
        ->setText(m_files.filePath(QStringLiteral("used.txt")));
    static_cast<QDialog *>(dialog)->accept();
    QTRY_VERIFY_WITH_TIMEOUT(label(QStringLiteral("downloadMessageLabel")).startsWith(u"Saved"),
                             20000);
    m_window->showPage(m_window->sharePage());
    QTest::mouseClick(m_window->findChild<QPushButton *>(QStringLiteral("checkHistoryButton")),
                      Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(table->item(0, 1)->text(), QStringLiteral("Used up or expired"),
                              20000);
    QCOMPARE(table->item(1, 1)->text(), QStringLiteral("Revoked"));
}

// "Upload as soon as dropped", when chosen in the settings.
void TestClientDefects::shareOnDropWhenChosen()
{
    AppSettings().setShareOnDrop(true);
    const QString path = writeFile(QStringLiteral("dropped.txt"), "dropped");
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    const QPoint position = m_window->rect().center();
    QDragEnterEvent enter(position, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window, &enter);
    QDropEvent drop(QPointF(position), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window, &drop);
    auto *linkEdit = m_window->findChild<QLineEdit *>(QStringLiteral("shareLinkEdit"));
    QTRY_VERIFY_WITH_TIMEOUT(!linkEdit->text().isEmpty(), 20000);
    AppSettings().setShareOnDrop(false);
}

QTEST_MAIN(TestClientDefects)
#include "tst_clientdefects.moc"
