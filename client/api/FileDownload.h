#pragma once

#include "api/RequestError.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;
class QSaveFile;

namespace depot {

// One download of a file-drop link (GET /api/v1.0/file/<id>, password in X-Password).
// The body goes to a QSaveFile as it arrives (a temporary file beside the target, renamed over
// it only when the whole file arrived); until a target path is known the reply is held with a
// small read buffer (back-pressure). The UI sets the target before it starts a download, so
// that a cancelled Save dialog never uses a one-time link up.
// Deletes itself after finished().
class FileDownload : public QObject
{
    Q_OBJECT
public:
    // timeoutMs: give up when nothing arrives for this long (0: never).
    FileDownload(QNetworkAccessManager *network, const QUrl &link, const QString &password,
                 int timeoutMs = 0, QObject *parent = nullptr);

    // May be called before the answer arrives or after saveLocationNeeded().
    void setTargetPath(const QString &path);
    void abort();

    QUrl link() const { return m_link; }
    qint64 received() const { return m_received; }
    // The server started sending the file: a one-time link is used up from here on.
    bool started() const { return m_headersHandled; }
    QString savedPath() const { return m_savedPath; }
    bool ok() const { return m_done && m_error.isNull(); }
    RequestError error() const { return m_error; }
    // The server answered 401: the link is protected and the password is missing or wrong.
    bool passwordRequired() const { return m_error.status() == 401; }

    // RFC 6266 / 5987: filename*=UTF-8''... preferred over filename="..."; made safe.
    static QString fileNameFromContentDisposition(const QByteArray &header);
    // The last path component only, without control characters; "download" when nothing is left.
    static QString safeFileName(const QString &name);

signals:
    // The server agreed to send the file: choose where it goes (setTargetPath) or abort().
    void saveLocationNeeded(const QString &suggestedName);
    void progress(qint64 received, qint64 total);
    void finished();

private:
    void onMetaData();
    void onReadyRead();
    void onReplyFinished();
    bool openTarget();
    bool drain();
    void complete();
    void fail(const RequestError &error);
    bool isSuccess() const;

    QPointer<QNetworkReply> m_reply;
    QSaveFile *m_file = nullptr;
    QUrl m_link;
    QString m_targetPath;
    QString m_suggestedName;
    QString m_savedPath;
    QByteArray m_errorBody;
    RequestError m_error;
    qint64 m_total = -1;
    qint64 m_received = 0;
    int m_status = 0;
    bool m_headersHandled = false;
    bool m_replyFinished = false;
    bool m_done = false;
};

} // namespace depot
