// Share a file by dropping it on the main window, download it back on the Download page with the
// password prompt answered, and see the link used up — all through the widgets, against a real
// server.

#include "ClientTestSupport.h"
#include "ui/DownloadPage.h"
#include "ui/MainWindow.h"
#include "ui/SharePage.h"

#include <QClipboard>
#include <QFileDialog>
#include <QGuiApplication>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QtTest>

using namespace depot;
using namespace depot::clienttest;
using depot::test::TestServer;

class TestShareDownload : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void dropShareAndDownloadWithPassword();
    void shareWithoutPasswordDownloadsDirectly();
    void unknownLinkSaysSo();
    void notALink();
    void cancelledPasswordPrompt();

private:
    QString writeFile(const QString &name, const QByteArray &content);
    void dropOnWindow(const QString &path);
    void share(const QString &password, QString *link);
    void startDownload(const QString &link);
    void answerPassword(const QString &password, const QString &expectedLabel);
    void answerSaveDialog(const QString &expectedName, const QString &target);
    QString downloadMessage() const;

    QTemporaryDir m_settingsDir;
    QTemporaryDir m_files;
    TestServer m_server;
    Session *m_session = nullptr;
    ApiClient *m_client = nullptr;
    MainWindow *m_window = nullptr;
};

void TestShareDownload::initTestCase()
{
    QVERIFY(m_settingsDir.isValid() && m_files.isValid());
    isolateSettings(m_settingsDir);
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
}

void TestShareDownload::init()
{
    m_session = new Session;
    // Sharing needs no account, only the server.
    m_session->setServerUrl(m_server.baseUrl());
    m_client = new ApiClient(m_session);
    m_window = new MainWindow(m_client);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
}

void TestShareDownload::cleanup()
{
    delete m_window;
    delete m_client;
    delete m_session;
}

QString TestShareDownload::writeFile(const QString &name, const QByteArray &content)
{
    return writeTestFile(m_files, name, content);
}

void TestShareDownload::dropOnWindow(const QString &path)
{
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    const QPoint position = m_window->rect().center();
    QDragEnterEvent enter(position, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(position), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window, &drop);
    QVERIFY(drop.isAccepted());
}

void TestShareDownload::share(const QString &password, QString *link)
{
    auto *passwordEdit = m_window->findChild<QLineEdit *>(QStringLiteral("sharePasswordEdit"));
    auto *linkEdit = m_window->findChild<QLineEdit *>(QStringLiteral("shareLinkEdit"));
    auto *shareButton = m_window->findChild<QPushButton *>(QStringLiteral("shareButton"));
    QVERIFY(passwordEdit && linkEdit && shareButton);
    passwordEdit->clear();
    QTest::keyClicks(passwordEdit, password);
    QTest::mouseClick(shareButton, Qt::LeftButton);
    QVERIFY(!shareButton->isEnabled()); // uploading
    QTRY_VERIFY_WITH_TIMEOUT(shareButton->isEnabled(), 20000);
    *link = linkEdit->text();
    QVERIFY2(
        !link->isEmpty(),
        qPrintable(m_window->findChild<QLabel *>(QStringLiteral("shareMessageLabel"))->text()));
}

void TestShareDownload::startDownload(const QString &link)
{
    auto *pages = m_window->findChild<QTabWidget *>(QStringLiteral("pages"));
    pages->setCurrentWidget(m_window->findChild<QWidget *>(QStringLiteral("downloadPage")));
    auto *linkEdit = m_window->findChild<QLineEdit *>(QStringLiteral("downloadLinkEdit"));
    linkEdit->clear();
    QTest::keyClicks(linkEdit, link);
    QTest::mouseClick(m_window->findChild<QPushButton *>(QStringLiteral("downloadButton")),
                      Qt::LeftButton);
}

void TestShareDownload::answerPassword(const QString &password, const QString &expectedLabel)
{
    QInputDialog *prompt = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (prompt = findVisible<QInputDialog>(m_window, QStringLiteral("passwordDialog"))), 20000);
    QVERIFY2(prompt->labelText().startsWith(expectedLabel), qPrintable(prompt->labelText()));
    QCOMPARE(prompt->textEchoMode(), QLineEdit::Password);
    prompt->setTextValue(password);
    prompt->accept();
}

void TestShareDownload::answerSaveDialog(const QString &expectedName, const QString &target)
{
    QFileDialog *dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (dialog = findVisible<QFileDialog>(m_window, QStringLiteral("saveFileDialog"))), 20000);
    QCOMPARE(dialog->acceptMode(), QFileDialog::AcceptSave);
    // The server's file name (Content-Disposition) is offered.
    QVERIFY(!dialog->selectedFiles().isEmpty());
    QCOMPARE(QFileInfo(dialog->selectedFiles().first()).fileName(), expectedName);
    // Type the target as a user would (selectFile() leaves a focused name field alone).
    auto *nameEdit = dialog->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"));
    QVERIFY(nameEdit);
    nameEdit->clear();
    QTest::keyClicks(nameEdit, target);
    static_cast<QDialog *>(dialog)->accept(); // QFileDialog::accept() is protected
}

QString TestShareDownload::downloadMessage() const
{
    return m_window->findChild<QLabel *>(QStringLiteral("downloadMessageLabel"))->text();
}

void TestShareDownload::dropShareAndDownloadWithPassword()
{
    QByteArray content;
    for (int i = 0; i < 300000; ++i)
        content.append(char(i * 7 % 256));
    const QString name = QStringLiteral("report über.bin");
    const QString path = writeFile(name, content);
    QVERIFY(!path.isEmpty());

    CHECKED(dropOnWindow(path));
    auto *pages = m_window->findChild<QTabWidget *>(QStringLiteral("pages"));
    QCOMPARE(pages->currentWidget()->objectName(), QStringLiteral("sharePage"));
    QCOMPARE(QDir::fromNativeSeparators(
                 m_window->findChild<QLineEdit *>(QStringLiteral("shareFileEdit"))->text()),
             path);

    QString link;
    CHECKED(share(QStringLiteral("s3cret-pass"), &link));
    QVERIFY(link.startsWith(m_server.baseUrl().toString() + QStringLiteral("/api/v1.0/file/")));
    QTest::mouseClick(m_window->findChild<QPushButton *>(QStringLiteral("copyShareLinkButton")),
                      Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), link);

    startDownload(link);
    CHECKED(answerPassword(QStringLiteral("not-it"), QStringLiteral("This file is protected")));
    // A wrong password does not use the link up: the prompt comes back.
    CHECKED(answerPassword(QStringLiteral("s3cret-pass"), QStringLiteral("Wrong password")));
    const QString target = m_files.filePath(QStringLiteral("downloaded.bin"));
    CHECKED(answerSaveDialog(name, target));
    QTRY_VERIFY_WITH_TIMEOUT(downloadMessage().startsWith(QStringLiteral("Saved")), 20000);
    QFile saved(target);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(saved.readAll(), content);

    // The link worked once. (The server may or may not ask for the password first.)
    startDownload(link);
    QInputDialog *prompt = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        downloadMessage().contains(QStringLiteral("gone")) ||
            (prompt = findVisible<QInputDialog>(m_window, QStringLiteral("passwordDialog"))),
        20000);
    if (prompt)
        CHECKED(answerPassword(QStringLiteral("s3cret-pass"),
                               QStringLiteral("This file is protected")));
    QTRY_VERIFY_WITH_TIMEOUT(downloadMessage().contains(QStringLiteral("gone")), 20000);
    QVERIFY(!findVisible<QFileDialog>(m_window, QStringLiteral("saveFileDialog")));
}

void TestShareDownload::shareWithoutPasswordDownloadsDirectly()
{
    const QByteArray content("plain text, shared once\n");
    const QString path = writeFile(QStringLiteral("notes.txt"), content);
    QVERIFY(!path.isEmpty());
    m_window->sharePage()->setFile(path);
    QString link;
    CHECKED(share(QString(), &link));

    startDownload(link);
    const QString target = m_files.filePath(QStringLiteral("notes-copy.txt"));
    CHECKED(answerSaveDialog(QStringLiteral("notes.txt"), target));
    QTRY_VERIFY_WITH_TIMEOUT(downloadMessage().startsWith(QStringLiteral("Saved")), 20000);
    QVERIFY(!findVisible<QInputDialog>(m_window, QStringLiteral("passwordDialog")));
    QFile saved(target);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(saved.readAll(), content);

    startDownload(link);
    QTRY_VERIFY_WITH_TIMEOUT(downloadMessage().contains(QStringLiteral("gone")), 20000);
}

void TestShareDownload::unknownLinkSaysSo()
{
    startDownload(m_server.baseUrl().toString() +
                  QStringLiteral("/api/v1.0/file/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
    QTRY_VERIFY_WITH_TIMEOUT(downloadMessage().contains(QStringLiteral("does not exist")), 20000);
}

void TestShareDownload::notALink()
{
    startDownload(QStringLiteral("just some words"));
    QVERIFY2(downloadMessage().startsWith(QStringLiteral("This is not a link")),
             qPrintable(downloadMessage()));
}

void TestShareDownload::cancelledPasswordPrompt()
{
    const QString path = writeFile(QStringLiteral("locked.txt"), QByteArray("locked"));
    m_window->sharePage()->setFile(path);
    QString link;
    CHECKED(share(QStringLiteral("pass-word-1"), &link));
    startDownload(link);
    QInputDialog *prompt = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (prompt = findVisible<QInputDialog>(m_window, QStringLiteral("passwordDialog"))), 20000);
    prompt->reject();
    QTRY_VERIFY(downloadMessage().contains(QStringLiteral("needs its password")));

    // Cancelling did not use the link up.
    startDownload(link);
    CHECKED(
        answerPassword(QStringLiteral("pass-word-1"), QStringLiteral("This file is protected")));
    CHECKED(answerSaveDialog(QStringLiteral("locked.txt"),
                             m_files.filePath(QStringLiteral("unlocked.txt"))));
    QTRY_VERIFY_WITH_TIMEOUT(downloadMessage().startsWith(QStringLiteral("Saved")), 20000);
}

QTEST_MAIN(TestShareDownload)
#include "tst_sharedownload.moc"
