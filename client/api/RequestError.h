#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QNetworkReply>
#include <QString>

namespace depot {

// What went wrong with one API call: the HTTP status and the server's JSON
// {"error", "detail"} when the server answered, the network error otherwise.
class RequestError
{
public:
    RequestError() = default;

    static RequestError fromReply(QNetworkReply *reply, const QByteArray &body);
    static RequestError invalidResponse(int status, const QString &why);
    static RequestError local(const QString &message);

    bool isNull() const
    {
        return m_status == 0 && m_network == QNetworkReply::NoError && m_message.isEmpty();
    }
    int status() const { return m_status; }
    QNetworkReply::NetworkError networkError() const { return m_network; }
    // The server's short error ("Not Found", "validation_failed", ...).
    QString error() const { return m_error; }
    // The server's detail flattened to text; field errors become "field: reason" lines.
    QString detail() const { return m_detail; }
    // Field name → problem, from a 422 answer's "fields" object.
    QJsonObject fields() const { return m_fields; }
    // Seconds from a 429/503 answer's Retry-After, 0 when absent.
    int retryAfter() const { return m_retryAfter; }
    // A sentence for the user.
    QString message() const;

private:
    int m_status = 0;
    QNetworkReply::NetworkError m_network = QNetworkReply::NoError;
    QString m_error;
    QString m_detail;
    QJsonObject m_fields;
    int m_retryAfter = 0;
    QString m_message;
};

} // namespace depot
