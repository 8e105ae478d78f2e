#include "ui/AccountPage.h"

#include "api/ApiClient.h"
#include "api/Session.h"
#include "ui/Feedback.h"
#include "ui/QuotaWidget.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace depot {

AccountPage::AccountPage(ApiClient *client, QWidget *parent)
    : QWidget(parent), m_client(client), m_serverLabel(new QLabel(this)),
      m_usernameLabel(new QLabel(this)), m_planLabel(new QLabel(this)),
      m_messageLabel(new QLabel(this)), m_quotaWidget(new QuotaWidget(this)),
      m_corsCheck(new QCheckBox(tr("&CORS for my endpoints that do not set it"), this)),
      m_refreshButton(new QPushButton(tr("&Refresh"), this))
{
    setObjectName(QStringLiteral("accountPage"));
    m_serverLabel->setObjectName(QStringLiteral("serverLabel"));
    m_usernameLabel->setObjectName(QStringLiteral("usernameLabel"));
    m_planLabel->setObjectName(QStringLiteral("planLabel"));
    m_messageLabel->setObjectName(QStringLiteral("accountMessageLabel"));
    m_messageLabel->setWordWrap(true);
    m_refreshButton->setObjectName(QStringLiteral("refreshAccountButton"));
    m_corsCheck->setObjectName(QStringLiteral("corsDefaultCheck"));
    m_corsCheck->setToolTip(
        tr("Endpoints whose CORS option is \"as my account's default\" answer browsers' "
           "preflight requests and add CORS headers that echo the request's Origin."));
    for (QLabel *label : {m_serverLabel, m_usernameLabel, m_planLabel})
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout;
    form->addRow(tr("Server:"), m_serverLabel);
    form->addRow(tr("Username:"), m_usernameLabel);
    form->addRow(tr("Plan:"), m_planLabel);
    form->addRow(tr("Hourly quota:"), m_quotaWidget);
    form->addRow(tr("Endpoints:"), m_corsCheck);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_messageLabel);
    layout->addWidget(m_refreshButton, 0, Qt::AlignLeft);
    layout->addStretch();

    connect(m_refreshButton, &QPushButton::clicked, this, &AccountPage::refresh);
    // A click, not toggled(): showing the server's value must not send it back.
    connect(m_corsCheck, &QCheckBox::clicked, this, &AccountPage::saveCorsDefault);
    m_resetTimer.setSingleShot(true);
    connect(&m_resetTimer, &QTimer::timeout, this, &AccountPage::refresh);
    connect(m_client->session(), &Session::changed, this,
            [this] { m_refreshButton->setEnabled(m_client->session()->isLoggedIn()); });
    clear();
}

void AccountPage::clear()
{
    m_serverLabel->setText(m_client->session()->serverUrl().toString());
    m_usernameLabel->setText(tr("Not logged in"));
    m_planLabel->clear();
    m_quotaWidget->clear();
    showCorsDefault(std::nullopt);
    m_messageLabel->clear();
    m_refreshButton->setEnabled(m_client->session()->isLoggedIn());
}

void AccountPage::refresh()
{
    if (!m_client->session()->isLoggedIn())
        return clear();
    m_serverLabel->setText(m_client->session()->serverUrl().toString());
    m_usernameLabel->setText(m_client->session()->username());
    m_refreshButton->setEnabled(false);
    m_messageLabel->setText(tr("Loading…"));
    m_client->fetchAccount(this, [this](const ApiResult<AccountInfo> &result) {
        m_refreshButton->setEnabled(m_client->session()->isLoggedIn());
        if (!result.ok()) {
            Feedback::showError(m_messageLabel, tr("Could not load the account."), result.error());
            return;
        }
        const AccountInfo &account = result.value();
        Feedback::show(m_messageLabel, QString());
        m_usernameLabel->setText(account.username);
        QString plan = account.plan;
        if (!plan.isEmpty())
            plan[0] = plan.at(0).toUpper();
        m_planLabel->setText(plan);
        m_quotaWidget->setQuota(account.quota);
        showCorsDefault(account.corsDefault);
        // The quota comes back when the hour turns: show it then without a click.
        if (account.quota.resetAt.isValid()) {
            const qint64 ms = QDateTime::currentDateTime().msecsTo(account.quota.resetAt) + 1000;
            if (ms > 0 && ms < 2 * 3600 * 1000)
                m_resetTimer.start(int(ms));
        }
    });
}

void AccountPage::showCorsDefault(const std::optional<bool> &on)
{
    // Unknown (logged out, or a server without the setting): nothing to change.
    m_corsCheck->setEnabled(on.has_value());
    m_corsCheck->setChecked(on.value_or(false));
}

void AccountPage::saveCorsDefault(bool on)
{
    m_corsCheck->setEnabled(false);
    Feedback::show(m_messageLabel, tr("Saving…"));
    m_client->updateAccount(
        QJsonObject{{QStringLiteral("cors_default"), on}}, this,
        [this, on](const ApiResult<AccountInfo> &result) {
            if (!result.ok()) {
                showCorsDefault(!on); // what the server still has
                Feedback::showError(m_messageLabel, tr("Could not change the CORS default."),
                                    result.error());
                return;
            }
            showCorsDefault(result.value().corsDefault);
            Feedback::show(m_messageLabel,
                           on ? tr("Endpoints without their own CORS setting now answer CORS.")
                              : tr("Endpoints without their own CORS setting no longer answer "
                                   "CORS."));
        });
}

} // namespace depot
