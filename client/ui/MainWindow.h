#pragma once

#include "ui/AppSettings.h"

#include <QMainWindow>
#include <QPointer>
#include <QTimer>

class QAction;
class QLabel;
class QMessageBox;
class QSystemTrayIcon;
class QTabWidget;

namespace depot {

class AccountPage;
class ApiClient;
class CredentialStore;
class SettingsDialog;
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
    // At start-up: a login with the password from the system keychain when there is one,
    // the login dialog (last server and username filled in) otherwise.
    void startSession();
    SettingsDialog *showSettings();
    // Renews the token a minute before it expires: a new login with the keychain's password,
    // or the login dialog (before the old token stops working) when there is none.
    void renewSession();
    QTimer *renewTimer() { return &m_renewTimer; }
    // A desktop notification (tray) when the window is not in front.
    void notify(const QString &title, const QString &text);

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
    CredentialStore *m_credentials;
    QSystemTrayIcon *m_tray = nullptr;
    QTimer m_renewTimer;
};

} // namespace depot
