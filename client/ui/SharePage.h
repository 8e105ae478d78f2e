#pragma once

#include "ui/AppSettings.h"
#include "ui/TransferMeter.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QMimeData;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace depot {

class ApiClient;
class ShareHistory;
class ShareUpload;

// The anonymous file drop: drop or pick a file, optional password, download count and expiry,
// then a one-time link with a Copy button.
class SharePage : public QWidget
{
    Q_OBJECT
public:
    explicit SharePage(ApiClient *client, QWidget *parent = nullptr);

    void setFile(const QString &path);
    // A file dropped on the page or the window: shared at once when the settings say so.
    void dropFile(const QString &path);
    QString file() const;
    void share();
    QString link() const;
    ShareHistory *history() const { return m_history; }

    // The first local file of a drag, empty when there is none.
    static QString localFile(const QMimeData *mime);
    // The server's default limit on downloads per link (--drop-max-downloads).
    static constexpr int MaxDownloads = 100;

signals:
    // A link was made (for the history and the tray).
    void shared(const QString &fileName, const QUrl &url, const QUrl &deleteUrl,
                const QDateTime &expiresAt, int downloads);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void chooseFile();
    void copyLink();
    void onFinished();
    void cancel();
    void updateDropLabel();
    void showMessage(const QString &text, bool error = false, const QString &toolTip = QString());

    ApiClient *m_client;
    AppSettings m_settings;
    TransferMeter m_meter;
    QPointer<ShareUpload> m_upload;
    QLabel *m_dropLabel;
    QLineEdit *m_fileEdit;
    QLineEdit *m_passwordEdit;
    QSpinBox *m_maxDownloadsSpin;
    QComboBox *m_expiryCombo;
    QPushButton *m_shareButton;
    QProgressBar *m_progress;
    QLineEdit *m_linkEdit;
    QPushButton *m_copyButton;
    QPushButton *m_cancelButton;
    QLabel *m_messageLabel;
    ShareHistory *m_history;
    QString m_description;
};

} // namespace depot
