#pragma once

#include "ui/AppSettings.h"

#include <QMainWindow>
#include <QPointer>

class QAction;
class QLabel;
class QMessageBox;
class QTabWidget;

namespace depot {

class AccountPage;
class ApiClient;
class DownloadPage;
class DumpsPage;
class EndpointsPage;
class LoginDialog;
class SharePage;

// The pages (Account, Endpoints, Share, Download, Dumps) and the session around them.
// A file dropped anywhere on the window goes to the Share page.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(ApiClient *client, QWidget *parent = nullptr);

    // Opens the (window-modal) login dialog; returns it so that callers and tests can watch it.
    LoginDialog *showLoginDialog(const QString &reason = QString());
    void logout();
    QMessageBox *showAbout();
    void showPage(QWidget *page);
    // At start-up: the login dialog (with the last server and username filled in).
    void startSession();

    AccountPage *accountPage() const { return m_accountPage; }
    EndpointsPage *endpointsPage() const { return m_endpointsPage; }
    SharePage *sharePage() const { return m_sharePage; }
    DownloadPage *downloadPage() const { return m_downloadPage; }
    DumpsPage *dumpsPage() const { return m_dumpsPage; }

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void onSessionChanged();
    void refreshPages();

    ApiClient *m_client;
    AppSettings m_settings;
    QPointer<LoginDialog> m_loginDialog;
    QTabWidget *m_pages;
    AccountPage *m_accountPage;
    EndpointsPage *m_endpointsPage;
    SharePage *m_sharePage;
    DownloadPage *m_downloadPage;
    DumpsPage *m_dumpsPage;
    QAction *m_loginAction;
    QAction *m_logoutAction;
    QLabel *m_sessionLabel;
};

} // namespace depot
