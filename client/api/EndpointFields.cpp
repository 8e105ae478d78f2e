#include "api/EndpointFields.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace depot {

QJsonObject EndpointFields::toJson(const Endpoint &endpoint)
{
    QJsonObject object{
        {QStringLiteral("identifier"), endpoint.identifier},
        {QStringLiteral("method"), endpoint.methodJson()},
        {QStringLiteral("kind"), Endpoint::kindName(endpoint.kind)},
        {QStringLiteral("latency"), endpoint.latencyJson()},
        {QStringLiteral("headers"), endpoint.headers},
        {QStringLiteral("status_code"), endpoint.statusCode},
    };
    // The mock fields (rules, sequence, template, cors, fault): PUT replaces the whole endpoint.
    const QJsonObject mock = endpoint.mockJson();
    for (auto it = mock.begin(); it != mock.end(); ++it)
        object.insert(it.key(), it.value());
    if (!endpoint.body.isNull() && !endpoint.body.isUndefined())
        object.insert(QStringLiteral("body"), endpoint.body);
    if (endpoint.kind == Endpoint::Kind::Json)
        object.insert(QStringLiteral("response"), endpoint.response.isUndefined()
                                                      ? QJsonValue(QJsonValue::Null)
                                                      : endpoint.response);
    if (endpoint.expiresAt.isValid())
        object.insert(QStringLiteral("expires_at"),
                      endpoint.expiresAt.toUTC().toString(Qt::ISODate));
    return object;
}

UploadForm::Fields EndpointFields::toFormFields(const Endpoint &endpoint)
{
    UploadForm::Fields fields;
    const QJsonObject object = toJson(endpoint);
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QJsonValue value = it.value();
        QString text;
        if (it.key() == u"method")
            text = endpoint.method; // "GET", "ANY" or "GET,POST"
        else if (value.isString())
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
