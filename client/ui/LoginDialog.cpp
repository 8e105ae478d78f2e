#include "ui/LoginDialog.h"

#include "api/ApiClient.h"
#include "api/Session.h"
#include "api/TlsTrust.h"
#include "ui/AppSettings.h"
#include "ui/Feedback.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace depot {

LoginDialog::LoginDialog(ApiClient *client, AppSettings *settings, QWidget *parent)
    : QDialog(parent), m_client(client), m_settings(settings), m_reasonLabel(new QLabel(this)),
      m_serverEdit(new QLineEdit(this)), m_usernameEdit(new QLineEdit(this)),
      m_passwordEdit(new QLineEdit(this)), m_errorLabel(new QLabel(this)),
      m_statusLabel(new QLabel(this)),
      m_rememberCheck(new QCheckBox(tr("&Remember me on this computer"), this))
{
    m_rememberCheck->setObjectName(QStringLiteral("rememberCheck"));
    m_rememberCheck->setToolTip(tr("The password goes to the system keychain, never to a file."));
    m_rememberCheck->hide();
    setObjectName(QStringLiteral("loginDialog"));
    setWindowTitle(tr("Log in to Depot"));
    m_reasonLabel->setObjectName(QStringLiteral("loginReasonLabel"));
    m_reasonLabel->setWordWrap(true);
    m_reasonLabel->hide();
    m_serverEdit->setObjectName(QStringLiteral("serverEdit"));
    m_serverEdit->setPlaceholderText(tr("http://localhost:8080"));
    m_usernameEdit->setObjectName(QStringLiteral("usernameEdit"));
    m_passwordEdit->setObjectName(QStringLiteral("passwordEdit"));
    m_passwordEdit->setEchoMode(QLineEdit::Password);
    m_errorLabel->setObjectName(QStringLiteral("loginErrorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorLabel->hide();
    m_statusLabel->setObjectName(QStringLiteral("loginStatusLabel"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Server:"), m_serverEdit);
    form->addRow(tr("&Username:"), m_usernameEdit);
    form->addRow(tr("&Password:"), m_passwordEdit);
    form->addRow(QString(), m_rememberCheck);

    auto *buttons = new QDialogButtonBox(this);
    m_loginButton = buttons->addButton(tr("&Log in"), QDialogButtonBox::AcceptRole);
    m_loginButton->setObjectName(QStringLiteral("loginButton"));
    m_loginButton->setDefault(true);
    m_signUpButton = buttons->addButton(tr("Si&gn up"), QDialogButtonBox::ActionRole);
    m_signUpButton->setObjectName(QStringLiteral("signUpButton"));
    m_cancelButton = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancelButton->setObjectName(QStringLiteral("cancelLoginButton"));
    // The buttons start network calls; the dialog closes only when a login succeeded.
    connect(m_loginButton, &QPushButton::clicked, this, &LoginDialog::logIn);
    connect(m_signUpButton, &QPushButton::clicked, this, &LoginDialog::signUp);
    connect(m_cancelButton, &QPushButton::clicked, this, [this] {
        m_client->cancel(this); // a login in flight is abandoned, not left to land later
        reject();
    });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_reasonLabel);
    layout->addLayout(form);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_statusLabel);
    layout->addWidget(buttons);

    const QUrl server = m_client->session()->serverUrl().isEmpty()
                            ? m_settings->serverUrl()
                            : m_client->session()->serverUrl();
    m_serverEdit->setText(server.toString());
    const QString username = m_client->session()->username().isEmpty()
                                 ? m_settings->username()
                                 : m_client->session()->username();
    m_usernameEdit->setText(username);
    if (m_serverEdit->text().isEmpty())
        m_serverEdit->setFocus();
    else if (username.isEmpty())
        m_usernameEdit->setFocus();
    else
        m_passwordEdit->setFocus();
}

void LoginDialog::setRememberAvailable(bool available, bool checked)
{
    m_rememberCheck->setVisible(available);
    m_rememberCheck->setChecked(checked);
}

void LoginDialog::setReason(const QString &reason)
{
    m_reasonLabel->setText(reason);
    m_reasonLabel->setVisible(!reason.isEmpty());
}

QString LoginDialog::errorText() const
{
    return m_errorLabel->isVisible() ? m_errorLabel->text() : QString();
}

bool LoginDialog::readForm(QUrl *server, QString *username, QString *password)
{
    *server = Session::normalizeServerUrl(m_serverEdit->text());
    *username = m_usernameEdit->text().trimmed();
    *password = m_passwordEdit->text();
    if (server->isEmpty()) {
        showError(tr("Enter the server address, for example http://localhost:8080."));
        m_serverEdit->setFocus();
        return false;
    }
    if (username->isEmpty()) {
        showError(tr("Enter your username."));
        m_usernameEdit->setFocus();
        return false;
    }
    if (password->isEmpty()) {
        showError(tr("Enter your password."));
        m_passwordEdit->setFocus();
        return false;
    }
    return true;
}

void LoginDialog::logIn()
{
    QUrl server;
    QString username;
    QString password;
    if (readForm(&server, &username, &password))
        startLogin(server, username, password);
}

void LoginDialog::startLogin(const QUrl &server, const QString &username, const QString &password)
{
    setBusy(true, tr("Logging in…"));
    m_client->login(server, username, password, this,
                    [this, server, username, password](const ApiResult<TokenInfo> &result) {
                        setBusy(false);
                        if (!result.ok()) {
                            showError(loginErrorText(result.error()),
                                      result.error().technicalDetail());
                            focusAfterError(result.error());
                            offerTrust(server, result.error(), [this, server, username, password] {
                                startLogin(server, username, password);
                            });
                            return;
                        }
                        m_settings->setServerUrl(server);
                        m_settings->setUsername(username);
                        emit loggedIn(server, username, password,
                                      m_rememberCheck->isVisible() && m_rememberCheck->isChecked());
                        m_passwordEdit->clear();
                        accept();
                    });
}

void LoginDialog::signUp()
{
    QUrl server;
    QString username;
    QString password;
    if (!readForm(&server, &username, &password))
        return;
    setBusy(true, tr("Creating the account…"));
    m_client->signUp(server, username, password, this,
                     [this, server, username, password](const ApiResult<QJsonObject> &result) {
                         setBusy(false);
                         if (!result.ok()) {
                             showError(signUpErrorText(result.error()),
                                       result.error().technicalDetail());
                             focusAfterError(result.error());
                             offerTrust(server, result.error(), [this] { signUp(); });
                             return;
                         }
                         startLogin(server, username, password);
                     });
}

void LoginDialog::setBusy(bool busy, const QString &status)
{
    if (busy)
        m_errorLabel->hide();
    m_statusLabel->setText(status);
    m_loginButton->setEnabled(!busy);
    m_signUpButton->setEnabled(!busy);
    m_serverEdit->setEnabled(!busy);
    m_usernameEdit->setEnabled(!busy);
    m_passwordEdit->setEnabled(!busy);
}

void LoginDialog::showError(const QString &message, const QString &toolTip)
{
    m_errorLabel->setText(message);
    m_errorLabel->setToolTip(toolTip);
    m_errorLabel->show();
}

void LoginDialog::focusAfterError(const RequestError &error)
{
    // The field to correct, never Cancel: Enter must retry, not close the dialog.
    QLineEdit *field = m_passwordEdit;
    if (error.status() == 0)
        field = m_serverEdit;
    else if (error.status() == 409 || error.fields().contains(QLatin1String("username")))
        field = m_usernameEdit;
    field->selectAll();
    field->setFocus();
    m_loginButton->setDefault(true);
}

void LoginDialog::offerTrust(const QUrl &server, const RequestError &error,
                             std::function<void()> retry)
{
    const QByteArray certificate = error.tlsCertificate();
    if (certificate.isEmpty())
        return;
    const bool changed = error.tlsCertificateChanged();
    auto *box = new QMessageBox(this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(changed ? QStringLiteral("certificateChangedBox")
                               : QStringLiteral("trustCertificateBox"));
    const QString host = TlsTrust::serverKey(server);
    const QString fingerprint = TlsTrust::fingerprint(certificate);
    QPushButton *trustButton = nullptr;
    if (changed) {
        box->setIcon(QMessageBox::Critical);
        box->setWindowTitle(tr("Certificate changed"));
        box->setText(tr("The certificate of %1 is not the one you trusted. The connection was "
                        "refused: someone may be intercepting it.")
                         .arg(host));
        box->setInformativeText(
            tr("Trusted SHA-256 fingerprint:\n%1\n\nNew SHA-256 fingerprint:\n%2\n\nTrust the "
               "new certificate only if the server's administrator confirms that they replaced "
               "it and that its fingerprint is the new one above.")
                .arg(TlsTrust::trustedFingerprint(server), fingerprint));
        trustButton = box->addButton(tr("Trust the &new certificate"), QMessageBox::AcceptRole);
        trustButton->setObjectName(QStringLiteral("trustNewCertificateButton"));
    } else {
        box->setIcon(QMessageBox::Warning);
        box->setWindowTitle(tr("Untrusted certificate"));
        box->setText(tr("The certificate of %1 is not trusted:").arg(host) + u'\n' +
                     error.tlsProblems().join(u'\n'));
        box->setInformativeText(
            tr("SHA-256 fingerprint:\n%1\n\nTrust it only if the server's administrator "
               "confirms this fingerprint. Depot remembers it for this server and refuses the "
               "server if its certificate changes.")
                .arg(fingerprint));
        trustButton = box->addButton(tr("&Trust this certificate"), QMessageBox::AcceptRole);
        trustButton->setObjectName(QStringLiteral("trustCertificateButton"));
    }
    QPushButton *cancel = box->addButton(QMessageBox::Cancel);
    cancel->setObjectName(QStringLiteral("distrustCertificateButton"));
    box->setDefaultButton(cancel);
    box->setEscapeButton(cancel);
    connect(box, &QMessageBox::buttonClicked, this,
            [this, trustButton, server, certificate, retry](QAbstractButton *clicked) {
                if (clicked != trustButton)
                    return;
                TlsTrust::trust(server, certificate);
                m_errorLabel->hide();
                retry();
            });
    box->open();
}

QString LoginDialog::loginErrorText(const RequestError &error) const
{
    if (!error.tlsProblems().isEmpty())
        return error.message();
    switch (error.status()) {
    case 0:
        return Feedback::sentence(tr("Cannot reach the server."), error.message());
    case 401:
    case 403:
        return tr("Wrong username or password.");
    case 429:
        return tr("Too many failed attempts. Wait a moment and try again.");
    default:
        return error.message();
    }
}

QString LoginDialog::signUpErrorText(const RequestError &error) const
{
    if (!error.tlsProblems().isEmpty())
        return error.message();
    switch (error.status()) {
    case 0:
        return Feedback::sentence(tr("Cannot reach the server."), error.message());
    case 409:
        return tr("This username is already taken.");
    case 400:
    case 422:
        if (error.fields().contains(QLatin1String("username")))
            return tr(
                "The server did not accept this username. Use 3 to 32 characters: letters, digits "
                "and . _ ~ - ' ; = ( ) *, starting with a letter or digit.");
        if (error.fields().contains(QLatin1String("password")))
            return tr("The server did not accept this password. Use at least 8 characters.");
        return tr("The server refused this username or password.");
    default:
        return error.message();
    }
}

} // namespace depot
