#include "net/EndpointInfo.h"

#include "net/JsonFields.h"

#include <QJsonDocument>

namespace depot {

std::optional<EndpointInfo> EndpointInfo::fromJson(const QJsonObject &object)
{
    EndpointInfo info;
    info.id = JsonFields::text(object.value(QLatin1String("id")));
    info.identifier = object.value(QLatin1String("identifier")).toString();
    if (info.id.isEmpty() && info.identifier.isEmpty())
        return std::nullopt;
    info.method = object.value(QLatin1String("method")).toString(info.method);
    info.body = object.value(QLatin1String("body"));
    if (info.body.isUndefined())
        info.body = QJsonValue::Null;
    info.response = object.value(QLatin1String("response"));
    if (info.response.isUndefined())
        info.response = QJsonValue::Null;
    info.latency = JsonFields::integer(object.value(QLatin1String("latency")));
    info.headers = object.value(QLatin1String("headers")).toObject();
    info.statusCode = JsonFields::integer(object.value(QLatin1String("status_code")), 200);
    info.kind = object.value(QLatin1String("kind")).toString(info.kind);
    info.expiresAt = JsonFields::dateTime(object.value(QLatin1String("expires_at")));
    info.url = QUrl(object.value(QLatin1String("url")).toString());
    info.fileName = object.value(QLatin1String("file_name"))
                        .toString(object.value(QLatin1String("filename")).toString());
    return info;
}

QJsonObject EndpointInfo::toJson() const
{
    QJsonObject object{
        {QStringLiteral("identifier"), identifier},  {QStringLiteral("method"), method},
        {QStringLiteral("latency"), latency},        {QStringLiteral("headers"), headers},
        {QStringLiteral("status_code"), statusCode}, {QStringLiteral("kind"), kind},
    };
    if (!body.isNull() && !body.isUndefined())
        object.insert(QStringLiteral("body"), body);
    if (kind == QLatin1String("json"))
        object.insert(QStringLiteral("response"), response);
    if (expiresAt.isValid())
        object.insert(QStringLiteral("expires_at"), expiresAt.toUTC().toString(Qt::ISODate));
    return object;
}

QList<QPair<QString, QString>> EndpointInfo::toFormFields() const
{
    QList<QPair<QString, QString>> fields;
    const QJsonObject object = toJson();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QJsonValue value = it.value();
        QString text;
        if (value.isString())
            text = value.toString();
        else if (value.isDouble())
            text = QString::number(value.toInteger());
        else if (value.isObject())
            text =
                QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
        else if (value.isArray())
            text = QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
        else if (value.isBool())
            text = value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        fields.append({it.key(), text});
    }
    return fields;
}

} // namespace depot
