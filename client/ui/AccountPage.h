#pragma once

#include <QTimer>
#include <QWidget>

class QLabel;
class QPushButton;

namespace depot {

class ApiClient;
class QuotaWidget;

// Who is logged in, on which plan, and how much of the hourly quota is used.
class AccountPage : public QWidget
{
    Q_OBJECT
public:
    explicit AccountPage(ApiClient *client, QWidget *parent = nullptr);

    void refresh();
    void clear();

private:
    ApiClient *m_client;
    QLabel *m_serverLabel;
    QLabel *m_usernameLabel;
    QLabel *m_planLabel;
    QLabel *m_messageLabel;
    QuotaWidget *m_quotaWidget;
    QPushButton *m_refreshButton;
    QTimer m_resetTimer;
};

} // namespace depot
