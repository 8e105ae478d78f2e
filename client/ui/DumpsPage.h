#pragma once

#include "api/DumpReport.h"

#include <QList>

#include <QWidget>
#include <optional>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QTreeWidget;

namespace depot {

class ApiClient;

// Image dumps: send an XML or JSON batch, see every item and image with its status, and look
// at earlier requests.
class DumpsPage : public QWidget
{
    Q_OBJECT
public:
    explicit DumpsPage(ApiClient *client, QWidget *parent = nullptr);

    void setFile(const QString &path);
    void send();
    void refresh();
    void clear();
    QString message() const;
    // SUCCESS / PARTIAL / FAILURE / PENDING as words of the user's language.
    static QString statusLabel(DumpStatus status);
    static QString statusLabel(const QString &serverName);

signals:
    // A dump request counted against the quota.
    void quotaUsed();

private:
    void chooseFile();
    void showReport(const DumpReport &report);
    void showHistory(const QList<DumpReport> &reports);
    void openHistoryRow(int row);
    void exportReport();
    void onSessionChanged();
    void quotaExhausted(int retryAfterSeconds);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    ApiClient *m_client;
    QList<DumpReport> m_history;
    QLineEdit *m_fileEdit;
    QPushButton *m_sendButton;
    QProgressBar *m_progress;
    QLabel *m_messageLabel;
    QTreeWidget *m_resultTree;
    QTableWidget *m_historyTable;
    QPushButton *m_refreshButton;
    QPushButton *m_exportButton;
    class QTimer *m_quotaTimer;
    std::optional<DumpReport> m_shown;
};

} // namespace depot
