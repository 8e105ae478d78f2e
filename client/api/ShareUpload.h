#pragma once

#include "api/RequestError.h"
#include "api/ShareInfo.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace depot {

// One upload to the anonymous file drop: PUT /api/v1.0/file, multipart streamed from disk.
// Deletes itself after finished().
class ShareUpload : public QObject
{
    Q_OBJECT
public:
    // timeoutMs: give up when nothing moves for this long (0: never).
    ShareUpload(QNetworkAccessManager *network, const QUrl &dropUrl, const ShareOptions &options,
                int timeoutMs = 0, QObject *parent = nullptr);

    bool ok() const { return m_error.isNull() && m_finished; }
    ShareInfo info() const { return m_info; }
    RequestError error() const { return m_error; }
    // Cancels the upload; finished() follows with a "cancelled" error.
    void abort();

signals:
    void progress(qint64 sent, qint64 total);
    void finished();

private:
    void fail(const RequestError &error);
    void onFinished();

    QPointer<QNetworkReply> m_reply;
    ShareInfo m_info;
    RequestError m_error;
    bool m_finished = false;
};

} // namespace depot
