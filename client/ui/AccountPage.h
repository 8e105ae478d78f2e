#pragma once

#include <QTimer>
#include <QWidget>

#include <optional>

class QCheckBox;
class QLabel;
class QPushButton;

namespace depot {

class ApiClient;
class QuotaWidget;

// Who is logged in, on which plan, how much of the hourly quota is used, and the account's
// settings on the server (CORS for endpoints that do not set it, saved as soon as it is changed).
class AccountPage : public QWidget
{
    Q_OBJECT
public:
    explicit AccountPage(ApiClient *client, QWidget *parent = nullptr);

    void refresh();
    void clear();

private:
    void saveCorsDefault(bool on);
    void showCorsDefault(const std::optional<bool> &on);

    ApiClient *m_client;
    QLabel *m_serverLabel;
    QLabel *m_usernameLabel;
    QLabel *m_planLabel;
    QLabel *m_messageLabel;
    QuotaWidget *m_quotaWidget;
    QCheckBox *m_corsCheck;
    QPushButton *m_refreshButton;
    QTimer m_resetTimer;
};

} // namespace depot
