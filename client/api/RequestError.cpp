#include "api/RequestError.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace depot {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("depot::RequestError", text);
}

QString flatten(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isArray()) {
        QStringList parts;
        const QJsonArray array = value.toArray();
        for (const QJsonValue &item : array)
            parts << flatten(item);
        return parts.join(QStringLiteral("; "));
    }
    if (value.isObject()) {
        QStringList parts;
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            parts << it.key() + QStringLiteral(": ") + flatten(it.value());
        return parts.join(QLatin1Char('\n'));
    }
    if (value.isDouble())
        return QString::number(value.toDouble());
    return QString();
}

} // namespace

RequestError RequestError::fromReply(QNetworkReply *reply, const QByteArray &body)
{
    RequestError result;
    result.m_status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.m_network = reply->error();
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    result.m_error = object.value(QLatin1String("error")).toString();
    result.m_detail = flatten(object.value(QLatin1String("detail")));
    result.m_fields = object.value(QLatin1String("fields")).toObject();
    if (!result.m_fields.isEmpty()) {
        // The per-field problems say more than the summary naming the fields.
        result.m_detail = flatten(result.m_fields);
    }
    result.m_retryAfter = reply->rawHeader("Retry-After").toInt();
    if (result.m_status == 0)
        result.m_message = reply->errorString();
    return result;
}

RequestError RequestError::invalidResponse(int status, const QString &why)
{
    RequestError result;
    result.m_status = status;
    result.m_message = tr("The server sent an unexpected answer: %1").arg(why);
    return result;
}

RequestError RequestError::local(const QString &message)
{
    RequestError result;
    result.m_message = message;
    return result;
}

QString RequestError::message() const
{
    if (!m_message.isEmpty())
        return m_message;
    QString text;
    switch (m_status) {
    case 400:
        text = tr("The request was rejected as malformed.");
        break;
    case 401:
        text = tr("Authentication failed.");
        break;
    case 403:
        text = tr("Access denied.");
        break;
    case 404:
        text = tr("Not found.");
        break;
    case 409:
        text = tr("It already exists.");
        break;
    case 410:
        text = tr("It is gone.");
        break;
    case 413:
        text = tr("It is too large for the server.");
        break;
    case 422:
        text = tr("The server did not accept the input.");
        break;
    case 429:
        text = tr("Too many requests, try again later.");
        break;
    default:
        text = m_status >= 500 ? tr("The server failed (HTTP %1).").arg(m_status)
                               : tr("The request failed (HTTP %1).").arg(m_status);
    }
    if (!m_detail.isEmpty())
        text += QLatin1Char(' ') + m_detail;
    else if (!m_error.isEmpty() && m_status != 404 && m_status != 410)
        text += QLatin1Char(' ') + m_error;
    return text;
}

} // namespace depot
