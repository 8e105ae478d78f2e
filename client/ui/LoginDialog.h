#pragma once

#include "api/RequestError.h"

#include <QDialog>

#include <functional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace depot {

class ApiClient;
class AppSettings;

// Server URL, username and password; "Log in" or "Sign up" (which logs in afterwards).
// Errors are shown inline; the dialog is accepted once the session holds a token.
class LoginDialog : public QDialog
{
    Q_OBJECT
public:
    LoginDialog(ApiClient *client, AppSettings *settings, QWidget *parent = nullptr);

    // A line above the form, e.g. why a new login is needed.
    void setReason(const QString &reason);
    QString errorText() const;
    // Offer "Remember me" (the system keychain answers).
    void setRememberAvailable(bool available, bool checked);

signals:
    // After a successful login; remember: the user wants the password in the keychain.
    void loggedIn(const QUrl &server, const QString &username, const QString &password,
                  bool remember);

private:
    void logIn();
    void signUp();
    bool readForm(QUrl *server, QString *username, QString *password);
    void startLogin(const QUrl &server, const QString &username, const QString &password);
    void setBusy(bool busy, const QString &status = QString());
    void showError(const QString &message, const QString &toolTip = QString());
    void focusAfterError(const RequestError &error);
    QString loginErrorText(const RequestError &error) const;
    QString signUpErrorText(const RequestError &error) const;
    // A certificate that failed the checks: asks whether to trust it (by its fingerprint),
    // then calls `retry`. A certificate that replaced a trusted one gets a warning instead,
    // with Cancel as the default.
    void offerTrust(const QUrl &server, const RequestError &error, std::function<void()> retry);

    ApiClient *m_client;
    AppSettings *m_settings;
    QLabel *m_reasonLabel;
    QLineEdit *m_serverEdit;
    QLineEdit *m_usernameEdit;
    QLineEdit *m_passwordEdit;
    QLabel *m_errorLabel;
    QLabel *m_statusLabel;
    QPushButton *m_loginButton;
    QPushButton *m_signUpButton;
    QPushButton *m_cancelButton;
    QCheckBox *m_rememberCheck;
};

} // namespace depot
