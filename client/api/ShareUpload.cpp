#include "api/ShareUpload.h"

#include "api/ReplyWatchdog.h"
#include "api/UploadForm.h"

#include <QCoreApplication>
#include <QHttpMultiPart>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace depot {

ShareUpload::ShareUpload(QNetworkAccessManager *network, const QUrl &dropUrl,
                         const ShareOptions &options, int timeoutMs, QObject *parent)
    : QObject(parent)
{
    UploadForm::Fields fields;
    if (!options.password.isEmpty())
        fields.append({QStringLiteral("password"), options.password});
    if (options.maxDownloads > 0)
        fields.append({QStringLiteral("max_downloads"), QString::number(options.maxDownloads)});
    if (options.expiresIn > 0)
        fields.append({QStringLiteral("expires_in"), QString::number(options.expiresIn)});

    QString error;
    QHttpMultiPart *form = UploadForm::create(fields, options.filePath, &error);
    if (!form) {
        // Report asynchronously so that callers can connect first.
        QTimer::singleShot(0, this, [this, error] { fail(RequestError::local(error)); });
        return;
    }
    QNetworkRequest request(dropUrl);
    request.setRawHeader("Accept", "application/json");
    m_reply = network->put(request, form);
    form->setParent(m_reply);
    new ReplyWatchdog(m_reply, timeoutMs);
    connect(m_reply, &QNetworkReply::uploadProgress, this, &ShareUpload::progress);
    connect(m_reply, &QNetworkReply::finished, this, &ShareUpload::onFinished);
}

void ShareUpload::abort()
{
    if (ReplyWatchdog *watchdog = ReplyWatchdog::of(m_reply))
        watchdog->cancel();
}

void ShareUpload::fail(const RequestError &error)
{
    m_error = error;
    m_finished = true;
    emit finished();
    deleteLater();
}

void ShareUpload::onFinished()
{
    QNetworkReply *reply = m_reply;
    reply->deleteLater();
    const QByteArray body = reply->readAll();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status < 200 || status >= 300)
        return fail(RequestError::fromReply(reply, body));
    const auto info = ShareInfo::fromJson(QJsonDocument::fromJson(body).object());
    if (!info) {
        return fail(RequestError::invalidResponse(
            status, QCoreApplication::translate("depot::ShareUpload", "no link")));
    }
    m_info = *info;
    m_finished = true;
    emit finished();
    deleteLater();
}

} // namespace depot
