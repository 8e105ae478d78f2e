#pragma once

#include "ui/AppSettings.h"
#include "ui/TransferMeter.h"

#include <QPointer>
#include <QUrl>
#include <QWidget>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace depot {

class ApiClient;
struct DownloadProbe;
class FileDownload;

// Downloads a file-drop link without ever losing it: HEAD first (which never uses a link up)
// for the name, the size and whether a password is needed; then the Save dialog, with the
// warning that a shared link may work only once; only then the download, streamed into a
// temporary file beside the target and renamed at the end. Cancel, timeouts, speed and time
// left; Open file / Show in folder when done.
class DownloadPage : public QWidget
{
    Q_OBJECT
public:
    explicit DownloadPage(ApiClient *client, QWidget *parent = nullptr);

    void setLink(const QString &link);
    void download();
    QString message() const;
    QString savedPath() const { return m_savedPath; }

signals:
    void downloaded(const QString &path);

private:
    void probe(const QString &password);
    void onProbed(const DownloadProbe &probe);
    void onProbeFailed(const class RequestError &error);
    void askSaveLocation(const DownloadProbe &probe);
    void askPassword(bool wrongPassword);
    void start(const QString &targetPath);
    void cancel();
    void onFinished();
    void setBusy(bool busy);
    void showMessage(const QString &text, bool error = false, const QString &toolTip = QString());

    ApiClient *m_client;
    AppSettings m_settings;
    QPointer<FileDownload> m_download;
    TransferMeter m_meter;
    QUrl m_link;
    QString m_password;
    QString m_savedPath;
    bool m_probing = false;
    QLineEdit *m_linkEdit;
    QPushButton *m_downloadButton;
    QPushButton *m_cancelButton;
    QProgressBar *m_progress;
    QLabel *m_messageLabel;
    QPushButton *m_openFileButton;
    QPushButton *m_showFolderButton;
    QLabel *m_dragLabel;
};

} // namespace depot
