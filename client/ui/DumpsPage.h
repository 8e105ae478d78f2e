#pragma once

#include "api/DumpEvents.h"
#include "api/DumpReport.h"
#include "api/RequestError.h"

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
// at earlier requests. A batch is sent asynchronously and followed over its events WebSocket:
// the progress bar counts finished images ("n of N") and each image's row changes as it
// finishes. Without a ticket (a server that has no WebSockets) the batch is sent in the
// synchronous form; when the socket cannot be opened or breaks, the request's state is polled.
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
    void sendAndWait(const QString &path);
    void follow(const DumpReport &accepted, const QString &ticket);
    void onImageFinished(const DumpImageEvent &event);
    void onEventsFailed(const QString &reason);
    void fetchFinal();
    void finishSend(std::optional<DumpReport> report, const RequestError &error = {});
    void stopFollowing();
    void applyImage(const DumpImage &image);
    // `final`: the request has ended (message, export, thumbnails); otherwise its rows are
    // shown with PENDING images that events update.
    void showReport(const DumpReport &report, bool final = true);
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
    DumpEvents *m_events;
    class QTimer *m_pollTimer;
    std::optional<DumpReport> m_following;     // the accepted request being followed
    QHash<qint64, DumpImage> m_finishedImages; // images finished so far, by imageId
};

} // namespace depot
