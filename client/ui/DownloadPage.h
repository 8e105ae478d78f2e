#pragma once

#include "ui/AppSettings.h"

#include <QPointer>
#include <QUrl>
#include <QWidget>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace depot {

class ApiClient;
class FileDownload;

// Downloads a file-drop link: asks for the password when the server answers 401, asks where to
// save once the server agreed to send the file, shows progress and says clearly when the link
// does not exist (404) or is used up (410).
class DownloadPage : public QWidget
{
    Q_OBJECT
public:
    explicit DownloadPage(ApiClient *client, QWidget *parent = nullptr);

    void setLink(const QString &link);
    void download();
    QString message() const;

signals:
    void downloaded(const QString &path);

private:
    void begin(const QString &password);
    void askSaveLocation(const QString &suggestedName);
    void askPassword(bool wrongPassword);
    void cancel();
    void onFinished();
    void setBusy(bool busy);
    void showMessage(const QString &text, bool error = false);

    ApiClient *m_client;
    AppSettings m_settings;
    QPointer<FileDownload> m_download;
    QUrl m_link;
    QString m_password;
    QLineEdit *m_linkEdit;
    QPushButton *m_downloadButton;
    QPushButton *m_cancelButton;
    QProgressBar *m_progress;
    QLabel *m_messageLabel;
};

} // namespace depot
