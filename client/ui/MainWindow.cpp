#include "ui/MainWindow.h"

#include "api/ApiClient.h"
#include "api/Session.h"
#include "ui/AccountPage.h"
#include "ui/DownloadPage.h"
#include "ui/DumpsPage.h"
#include "ui/EndpointsPage.h"
#include "ui/LoginDialog.h"
#include "ui/SharePage.h"

#include <QAction>
#include <QApplication>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QStatusBar>
#include <QTabWidget>

namespace depot {

MainWindow::MainWindow(ApiClient *client, QWidget *parent)
    : QMainWindow(parent), m_client(client), m_pages(new QTabWidget(this)),
      m_accountPage(new AccountPage(client, this)),
      m_endpointsPage(new EndpointsPage(client, this)), m_sharePage(new SharePage(client, this)),
      m_downloadPage(new DownloadPage(client, this)), m_dumpsPage(new DumpsPage(client, this)),
      m_sessionLabel(new QLabel(this))
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
    m_pages->addTab(m_downloadPage, QIcon(QStringLiteral(":/icons/download.svg")),
                    tr("Do&wnload"));
    m_pages->addTab(m_dumpsPage, QIcon(QStringLiteral(":/icons/dumps.svg")), tr("D&umps"));
    setCentralWidget(m_pages);

    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    m_loginAction = fileMenu->addAction(tr("&Log in…"), this, [this] { showLoginDialog(); });
    m_loginAction->setObjectName(QStringLiteral("loginAction"));
    m_logoutAction = fileMenu->addAction(tr("Log &out"), this, &MainWindow::logout);
    m_logoutAction->setObjectName(QStringLiteral("logoutAction"));
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
    showLoginDialog();
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
    m_sharePage->setFile(path);
    m_pages->setCurrentWidget(m_sharePage);
}

} // namespace depot
