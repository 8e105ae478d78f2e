#include "ui/MainWindow.h"

#include "api/ApiClient.h"
#include "api/CredentialStore.h"
#include "api/Session.h"
#include "ui/AccountPage.h"
#include "ui/DownloadPage.h"
#include "ui/DumpsPage.h"
#include "ui/EndpointsPage.h"
#include "ui/LoginDialog.h"
#include "ui/SettingsDialog.h"
#include "ui/SharePage.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabWidget>

namespace depot {

MainWindow::MainWindow(ApiClient *client, QWidget *parent)
    : QMainWindow(parent), m_client(client), m_pages(new QTabWidget(this)),
      m_accountPage(new AccountPage(client, this)),
      m_endpointsPage(new EndpointsPage(client, this)), m_sharePage(new SharePage(client, this)),
      m_downloadPage(new DownloadPage(client, this)), m_dumpsPage(new DumpsPage(client, this)),
      m_sessionLabel(new QLabel(this)), m_credentials(new CredentialStore(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Depot"));
    setAcceptDrops(true);
    resize(900, 640);

    m_pages->setObjectName(QStringLiteral("pages"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/depot.svg")));
    m_pages->addTab(m_accountPage, QIcon(QStringLiteral(":/icons/account.svg")), tr("&Account"));
    m_pages->addTab(m_endpointsPage, QIcon(QStringLiteral(":/icons/endpoints.svg")),
                    tr("&Endpoints"));
    m_pages->addTab(m_sharePage, QIcon(QStringLiteral(":/icons/share.svg")), tr("&Share"));
    m_pages->addTab(m_downloadPage, QIcon(QStringLiteral(":/icons/download.svg")), tr("Do&wnload"));
    m_pages->addTab(m_dumpsPage, QIcon(QStringLiteral(":/icons/dumps.svg")), tr("D&umps"));
    setCentralWidget(m_pages);

    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    m_loginAction = fileMenu->addAction(tr("&Log in…"), this, [this] { showLoginDialog(); });
    m_loginAction->setObjectName(QStringLiteral("loginAction"));
    m_logoutAction = fileMenu->addAction(tr("Log &out"), this, &MainWindow::logout);
    m_logoutAction->setObjectName(QStringLiteral("logoutAction"));
    fileMenu->addSeparator();
    QAction *settings = fileMenu->addAction(QIcon(QStringLiteral(":/icons/settings.svg")),
                                            tr("&Settings…"), this, &MainWindow::showSettings);
    settings->setObjectName(QStringLiteral("settingsAction"));
    settings->setShortcut(QKeySequence::Preferences);
    fileMenu->addSeparator();
    QAction *quit = fileMenu->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);
    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction *about = helpMenu->addAction(tr("&About Depot…"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("aboutAction"));

    m_sessionLabel->setObjectName(QStringLiteral("sessionLabel"));
    statusBar()->addPermanentWidget(m_sessionLabel);

    Session *session = m_client->session();
    if (session->serverUrl().isEmpty())
        session->setServerUrl(m_settings.serverUrl());
    connect(session, &Session::changed, this, &MainWindow::onSessionChanged);
    connect(session, &Session::authenticationRequired, this, [this] {
        showLoginDialog(tr("Your session has expired or you logged in elsewhere. Log in again."));
    });
    connect(m_dumpsPage, &DumpsPage::quotaUsed, m_accountPage, &AccountPage::refresh);
    m_renewTimer.setSingleShot(true);
    connect(&m_renewTimer, &QTimer::timeout, this, &MainWindow::renewSession);
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(windowIcon(), this);
        m_tray->setToolTip(tr("Depot"));
        m_tray->show();
        connect(m_tray, &QSystemTrayIcon::activated, this, [this] {
            showNormal();
            raise();
            activateWindow();
        });
    }
    connect(m_sharePage, &SharePage::shared, this, [this](const QString &fileName) {
        notify(tr("Shared %1").arg(fileName), tr("The link is ready."));
    });
    connect(m_downloadPage, &DownloadPage::downloaded, this, [this](const QString &path) {
        notify(tr("Downloaded"), QDir::toNativeSeparators(path));
    });
    onSessionChanged();
    if (session->isLoggedIn())
        refreshPages();
}

LoginDialog *MainWindow::showLoginDialog(const QString &reason)
{
    if (m_loginDialog) {
        m_loginDialog->setReason(reason);
        m_loginDialog->raise();
        m_loginDialog->activateWindow();
        return m_loginDialog;
    }
    m_loginDialog = new LoginDialog(m_client, &m_settings, this);
    m_loginDialog->setAttribute(Qt::WA_DeleteOnClose);
    m_loginDialog->setReason(reason);
    connect(m_loginDialog, &QDialog::accepted, this, &MainWindow::refreshPages);
    m_loginDialog->setRememberAvailable(CredentialStore::isCompiledIn() && m_settings.useKeychain(),
                                        true);
    connect(m_loginDialog, &LoginDialog::loggedIn, this,
            [this](const QUrl &server, const QString &username, const QString &password,
                   bool remember) {
                if (remember)
                    m_credentials->write(server, username, password);
                else
                    m_credentials->remove(server, username);
            });
    m_loginDialog->open();
    return m_loginDialog;
}

QMessageBox *MainWindow::showAbout()
{
    auto *box = new QMessageBox(this);
    box->setObjectName(QStringLiteral("aboutBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowTitle(tr("About Depot"));
    box->setIconPixmap(QIcon(QStringLiteral(":/icons/depot.svg")).pixmap(64, 64));
    box->setText(tr("<b>Depot %1</b>").arg(QApplication::applicationVersion()));
    box->setInformativeText(
        tr("Content at URLs: mock endpoints, files and scripts, one-time file drops and image "
           "dumps.<br>Built with Qt %1.")
            .arg(QString::fromLatin1(qVersion())));
    box->open();
    return box;
}

void MainWindow::showPage(QWidget *page)
{
    m_pages->setCurrentWidget(page);
}

void MainWindow::startSession()
{
    const QUrl server = m_client->session()->serverUrl();
    const QString username = m_settings.username();
    if (!m_settings.useKeychain() || server.isEmpty() || username.isEmpty() ||
        !CredentialStore::isCompiledIn()) {
        showLoginDialog();
        return;
    }
    m_credentials->read(server, username, [this, server, username](bool ok, const QString &pw) {
        if (!ok) // no keychain, or nothing remembered: ask
            return void(showLoginDialog());
        m_client->login(server, username, pw, this, [this](const ApiResult<TokenInfo> &result) {
            if (result.ok())
                refreshPages();
            else
                showLoginDialog();
        });
    });
}

void MainWindow::renewSession()
{
    Session *session = m_client->session();
    if (!session->isLoggedIn())
        return;
    const QUrl server = session->serverUrl();
    const QString username = session->username();
    const QString ask = tr("Your session ends in a minute. Log in again to continue.");
    if (!m_settings.useKeychain()) {
        showLoginDialog(ask);
        return;
    }
    m_credentials->read(
        server, username, [this, server, username, ask](bool ok, const QString &pw) {
            if (!ok)
                return void(showLoginDialog(ask));
            m_client->login(server, username, pw, this, [this, ask](const ApiResult<TokenInfo> &r) {
                if (!r.ok())
                    showLoginDialog(ask);
            });
        });
}

SettingsDialog *MainWindow::showSettings()
{
    auto *dialog = new SettingsDialog(&m_settings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this] {
        m_client->setRequestTimeout(m_settings.timeoutSeconds() * 1000);
        if (!m_client->session()->isLoggedIn())
            m_client->session()->setServerUrl(m_settings.serverUrl());
    });
    dialog->open();
    return dialog;
}

void MainWindow::notify(const QString &title, const QString &text)
{
    if (m_tray && !isActiveWindow())
        m_tray->showMessage(title, text, windowIcon());
}

void MainWindow::logout()
{
    m_client->session()->logout();
}

void MainWindow::onSessionChanged()
{
    Session *session = m_client->session();
    const bool loggedIn = session->isLoggedIn();
    m_loginAction->setEnabled(!loggedIn);
    m_logoutAction->setEnabled(loggedIn);
    m_renewTimer.stop();
    if (loggedIn && session->expiresAt().isValid()) {
        const qint64 left = QDateTime::currentDateTimeUtc().msecsTo(session->expiresAt());
        m_renewTimer.start(int(qBound(qint64(1000), left - 60 * 1000, qint64(24 * 3600 * 1000))));
    }
    if (loggedIn) {
        m_sessionLabel->setText(
            tr("%1 on %2").arg(session->username(), session->serverUrl().toString()));
    } else {
        m_sessionLabel->setText(
            session->serverUrl().isEmpty()
                ? tr("Not logged in")
                : tr("Not logged in (%1)").arg(session->serverUrl().toString()));
        m_accountPage->clear();
        m_endpointsPage->clear();
        m_dumpsPage->clear();
    }
}

void MainWindow::refreshPages()
{
    m_accountPage->refresh();
    m_endpointsPage->refresh();
    m_dumpsPage->refresh();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!SharePage::localFile(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QString path = SharePage::localFile(event->mimeData());
    if (path.isEmpty())
        return;
    event->acceptProposedAction();
    m_pages->setCurrentWidget(m_sharePage);
    m_sharePage->dropFile(path);
}

} // namespace depot
