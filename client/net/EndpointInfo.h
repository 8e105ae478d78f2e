#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QUrl>

#include <optional>

namespace depot {

// One hosted endpoint as /api/v1/endpoints reports it (the seed's Url table).
struct EndpointInfo
{
    QString id;
    QString identifier;
    QString method = QStringLiteral("GET");
    QJsonValue body = QJsonValue::Null; // the expected request body, null when any body is fine
    QJsonValue response = QJsonValue::Null;
    int latency = 0; // ms
    QJsonObject headers;
    int statusCode = 200;
    QString kind = QStringLiteral("json"); // json | file | script
    QDateTime expiresAt;
    QUrl url;
    QString fileName;

    static std::optional<EndpointInfo> fromJson(const QJsonObject &object);
    // The writable fields, as POST / PUT take them.
    QJsonObject toJson() const;
    // The same fields as text, for the multipart form of file and script endpoints.
    QList<QPair<QString, QString>> toFormFields() const;
};

} // namespace depot
