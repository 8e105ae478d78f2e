#include "api/RequestError.h"

#include "api/ReplyWatchdog.h"
#include "api/TlsTrust.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStringList>

namespace depot {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("depot::RequestError", text, disambiguation, n);
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

// What a network error means for the user; never Qt's "Unknown error".
QString networkSentence(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
        return tr("The server refused the connection. Is it running, and is the address right?");
    case QNetworkReply::RemoteHostClosedError:
        return tr("The server closed the connection before it answered. It may have stopped or "
                  "restarted.");
    case QNetworkReply::HostNotFoundError:
        return tr("The server's name was not found. Check the address.");
    case QNetworkReply::TimeoutError:
        return tr("The connection to the server timed out.");
    case QNetworkReply::SslHandshakeFailedError:
        return tr("A secure connection to the server could not be established.");
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
        return tr("The network is not available.");
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return tr("The proxy did not pass the request on.");
    case QNetworkReply::ProtocolUnknownError:
    case QNetworkReply::ProtocolInvalidOperationError:
    case QNetworkReply::ProtocolFailure:
        return tr("The server's answer was not understood.");
    default:
        return tr("The connection to the server broke off.");
    }
}

} // namespace

RequestError RequestError::fromReply(QNetworkReply *reply, const QByteArray &body)
{
    if (const ReplyWatchdog *watchdog = ReplyWatchdog::of(reply)) {
        if (watchdog->timedOut())
            return timeout(watchdog->timeoutSeconds());
        if (watchdog->cancelled())
            return cancelled();
    }
    RequestError result;
    result.m_status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.m_network = reply->error();
    result.m_networkText = reply->errorString();
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    result.m_error = object.value(QLatin1String("error")).toString();
    result.m_detail = flatten(object.value(QLatin1String("detail")));
    result.m_fields = object.value(QLatin1String("fields")).toObject();
    if (!result.m_fields.isEmpty()) {
        // The per-field problems say more than the summary naming the fields.
        result.m_detail = flatten(result.m_fields);
    }
    result.m_retryAfter = reply->rawHeader("Retry-After").toInt();
    if (result.m_status == 0) {
        result.m_tlsProblems = TlsTrust::problems(reply);
        result.m_tlsCertificate = TlsTrust::certificatePem(reply);
        result.m_tlsChanged = TlsTrust::changed(reply);
    }
    return result;
}

RequestError RequestError::invalidResponse(int status, const QString &why)
{
    RequestError result;
    result.m_status = status;
    result.m_message = tr("The server sent an unexpected answer.");
    result.m_detail = why;
    return result;
}

RequestError RequestError::local(const QString &message)
{
    RequestError result;
    result.m_message = message;
    return result;
}

RequestError RequestError::timeout(int seconds)
{
    RequestError result;
    result.m_timedOut = true;
    result.m_timeoutSeconds = seconds;
    result.m_network = QNetworkReply::TimeoutError;
    return result;
}

RequestError RequestError::cancelled()
{
    RequestError result;
    result.m_cancelled = true;
    result.m_network = QNetworkReply::OperationCanceledError;
    return result;
}

QString RequestError::technicalDetail() const
{
    if (!m_detail.isEmpty())
        return m_detail;
    if (!m_error.isEmpty())
        return m_error;
    if (m_status == 0 && m_network != QNetworkReply::NoError)
        return m_networkText;
    return QString();
}

qint64 RequestError::numberInDetail() const
{
    static const QRegularExpression number(QStringLiteral("\\d+"));
    const QRegularExpressionMatch match = number.match(m_detail);
    return match.hasMatch() ? match.captured().toLongLong() : -1;
}

QString RequestError::message() const
{
    if (!m_message.isEmpty())
        return m_message;
    if (m_timedOut)
        return tr("The server did not answer within %n second(s). It may be overloaded or "
                  "unreachable; try again later.",
                  nullptr, m_timeoutSeconds);
    if (m_cancelled)
        return tr("Cancelled.");
    if (m_status == 0 && m_tlsChanged)
        return tr("The server's certificate has changed since you trusted it, so the connection "
                  "was refused: someone may be intercepting it. Ask the server's administrator "
                  "whether the certificate was replaced; its new SHA-256 fingerprint is %1.")
            .arg(TlsTrust::fingerprint(m_tlsCertificate));
    if (m_status == 0 && !m_tlsProblems.isEmpty())
        return tr("The server's certificate is not trusted. %1")
            .arg(m_tlsProblems.join(u' '));
    if (m_status == 0)
        return networkSentence(m_network);
    switch (m_status) {
    case 400:
        return tr("The server rejected the request as malformed.");
    case 401:
        return tr("Your login is no longer valid. Log in again.");
    case 403:
        return tr("You are not allowed to do this.");
    case 404:
        return tr("It does not exist (any more).");
    case 405:
        return tr("The server does not allow this here.");
    case 408:
        return tr("The request took too long to arrive at the server.");
    case 409:
        return tr("It already exists.");
    case 410:
        return tr("It is gone: used up, expired or deleted.");
    case 413:
        return tr("It is too large for the server.");
    case 415:
        return tr("The server does not accept this type of file.");
    case 422:
        return tr("The server did not accept the input.");
    case 429:
        return m_retryAfter > 0
                   ? tr("Too many requests. Try again in %n second(s).", nullptr, m_retryAfter)
                   : tr("Too many requests. Try again later.");
    case 502:
    case 504:
        return tr("The server could not reach the site it needed.");
    case 503:
        return tr("The server is busy or shutting down. Try again in a moment.");
    case 507:
        return tr("The server's disk is full.");
    default:
        return m_status >= 500 ? tr("The server failed (HTTP %1).").arg(m_status)
                               : tr("The request failed (HTTP %1).").arg(m_status);
    }
}

} // namespace depot
