#include "api/FileDownload.h"

#include "api/ReplyWatchdog.h"
#include "codec/HeaderValue.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSaveFile>

namespace depot {

namespace {

constexpr qint64 ReadBufferSize = 256 * 1024;
constexpr qsizetype MaxErrorBody = 64 * 1024;

} // namespace

FileDownload::FileDownload(QNetworkAccessManager *network, const QUrl &link,
                           const QString &password, int timeoutMs, QObject *parent)
    : QObject(parent), m_link(link)
{
    QNetworkRequest request(link);
    request.setRawHeader("Accept", "*/*");
    if (!password.isEmpty())
        request.setRawHeader("X-Password", password.toUtf8());
    m_reply = network->get(request);
    m_reply->setReadBufferSize(ReadBufferSize);
    new ReplyWatchdog(m_reply, timeoutMs);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &FileDownload::onMetaData);
    connect(m_reply, &QNetworkReply::readyRead, this, &FileDownload::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &FileDownload::onReplyFinished);
}

bool FileDownload::isSuccess() const
{
    return m_status >= 200 && m_status < 300;
}

void FileDownload::setTargetPath(const QString &path)
{
    if (m_done)
        return;
    m_targetPath = path;
    if (!m_headersHandled || m_file)
        return;
    if (!openTarget() || !drain())
        return;
    if (m_replyFinished)
        complete();
}

void FileDownload::abort()
{
    if (m_done)
        return;
    if (ReplyWatchdog *watchdog = ReplyWatchdog::of(m_reply))
        watchdog->cancel(); // finishes the reply, which reports the cancellation
    if (!m_done)
        fail(RequestError::cancelled());
}

void FileDownload::onMetaData()
{
    m_status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (m_headersHandled || !isSuccess())
        return;
    m_headersHandled = true;
    const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
    m_total = length.isValid() ? length.toLongLong() : -1;
    m_suggestedName = fileNameFromContentDisposition(m_reply->rawHeader("Content-Disposition"));
    if (m_suggestedName.isEmpty())
        m_suggestedName = safeFileName(m_link.path());
    if (!m_targetPath.isEmpty())
        openTarget();
    else
        emit saveLocationNeeded(m_suggestedName);
}

void FileDownload::onReadyRead()
{
    if (m_done)
        return;
    if (!isSuccess()) {
        if (m_errorBody.size() < MaxErrorBody)
            m_errorBody += m_reply->read(MaxErrorBody - m_errorBody.size());
        else
            m_reply->readAll();
        return;
    }
    if (m_file)
        drain();
}

bool FileDownload::openTarget()
{
    m_file = new QSaveFile(m_targetPath, this);
    if (!m_file->open(QIODevice::WriteOnly)) {
        fail(RequestError::local(
            tr("Cannot write %1: %2").arg(m_targetPath, m_file->errorString())));
        return false;
    }
    return true;
}

bool FileDownload::drain()
{
    const QByteArray data = m_reply->readAll();
    if (data.isEmpty())
        return true;
    if (m_file->write(data) != data.size()) {
        fail(RequestError::local(
            tr("Cannot write %1: %2").arg(m_targetPath, m_file->errorString())));
        return false;
    }
    m_received += data.size();
    emit progress(m_received, m_total);
    return true;
}

void FileDownload::onReplyFinished()
{
    m_replyFinished = true;
    if (m_done)
        return;
    m_status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (!isSuccess()) {
        m_errorBody += m_reply->readAll();
        return fail(RequestError::fromReply(m_reply, m_errorBody));
    }
    if (m_reply->error() != QNetworkReply::NoError)
        return fail(RequestError::fromReply(m_reply, QByteArray()));
    if (!m_headersHandled)
        onMetaData();
    if (m_file && drain())
        complete();
    // Otherwise the whole (small) file waits in the reply until a target path is chosen.
}

void FileDownload::complete()
{
    if (m_done)
        return;
    if (m_total >= 0 && m_received != m_total) {
        return fail(RequestError::local(
            tr("The download is incomplete: %1 of %2 bytes.").arg(m_received).arg(m_total)));
    }
    if (!m_file->commit()) {
        return fail(RequestError::local(
            tr("Cannot write %1: %2").arg(m_targetPath, m_file->errorString())));
    }
    m_savedPath = m_targetPath;
    m_done = true;
    m_reply->deleteLater();
    emit finished();
    deleteLater();
}

void FileDownload::fail(const RequestError &error)
{
    if (m_done)
        return;
    m_done = true;
    m_error = error;
    if (m_file)
        m_file->cancelWriting();
    if (m_reply) {
        if (m_reply->isRunning())
            m_reply->abort();
        m_reply->deleteLater();
    }
    emit finished();
    deleteLater();
}

QString FileDownload::fileNameFromContentDisposition(const QByteArray &header)
{
    // The server's own reader (filename* preferred, RFC 8187 decoding, strict quoting).
    const auto value = HeaderValue::parse(header);
    const QString chosen = value ? value->textParameter("filename") : QString();
    return chosen.isEmpty() ? QString() : safeFileName(chosen);
}

QString FileDownload::safeFileName(const QString &name)
{
    QString result = name;
    const int slash =
        qMax(result.lastIndexOf(QLatin1Char('/')), result.lastIndexOf(QLatin1Char('\\')));
    if (slash >= 0)
        result = result.mid(slash + 1);
    static const QRegularExpression controls(QStringLiteral("[\\x00-\\x1f\\x7f]"));
    result.remove(controls);
    result = result.trimmed();
    if (result.isEmpty() || result == QLatin1String(".") || result == QLatin1String(".."))
        return QStringLiteral("download");
    return result;
}

} // namespace depot
