#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QNetworkReply>
#include <QString>
#include <QStringList>

namespace depot {

// What went wrong with one API call: the HTTP status and the server's JSON
// {"error", "detail"} when the server answered, the network error, a timeout or a cancellation
// otherwise.
class RequestError
{
public:
    RequestError() = default;

    static RequestError fromReply(QNetworkReply *reply, const QByteArray &body);
    static RequestError invalidResponse(int status, const QString &why);
    static RequestError local(const QString &message);
    // Nothing arrived from the server for this many seconds.
    static RequestError timeout(int seconds);
    // The user cancelled.
    static RequestError cancelled();

    bool isNull() const
    {
        return m_status == 0 && m_network == QNetworkReply::NoError && m_message.isEmpty() &&
               !m_timedOut && !m_cancelled;
    }
    int status() const { return m_status; }
    QNetworkReply::NetworkError networkError() const { return m_network; }
    bool timedOut() const { return m_timedOut; }
    bool isCancelled() const { return m_cancelled; }
    // The server's short error ("Not Found", "validation_failed", ...).
    QString error() const { return m_error; }
    // The server's detail flattened to text (English); field errors become "field: reason" lines.
    QString detail() const { return m_detail; }
    // Field name → problem, from a 422 answer's "fields" object.
    QJsonObject fields() const { return m_fields; }
    // Seconds from a 429/503 answer's Retry-After, 0 when absent.
    int retryAfter() const { return m_retryAfter; }
    // One translated sentence for the user, chosen by the status or the network error; the
    // server's own (English) words are in technicalDetail(), for a tooltip.
    QString message() const;
    // The server's detail or the network layer's text, untranslated; empty when there is none.
    QString technicalDetail() const;
    // The first whole number in the server's detail (a limit such as "larger than 16777216
    // bytes"), -1 when there is none.
    qint64 numberInDetail() const;
    // The server's certificate failed the checks (TlsTrust): what was wrong, in words; the
    // certificate (PEM) the user may choose to trust; whether it replaced a trusted one.
    QStringList tlsProblems() const { return m_tlsProblems; }
    QByteArray tlsCertificate() const { return m_tlsCertificate; }
    bool tlsCertificateChanged() const { return m_tlsChanged; }

private:
    int m_status = 0;
    QNetworkReply::NetworkError m_network = QNetworkReply::NoError;
    QString m_error;
    QString m_detail;
    QJsonObject m_fields;
    int m_retryAfter = 0;
    int m_timeoutSeconds = 0;
    bool m_timedOut = false;
    bool m_cancelled = false;
    QString m_message;
    QString m_networkText;
    QStringList m_tlsProblems;
    QByteArray m_tlsCertificate;
    bool m_tlsChanged = false;
};

} // namespace depot
