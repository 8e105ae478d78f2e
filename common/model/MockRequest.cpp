#include "model/MockRequest.h"

#include "codec/FormData.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace depot {

QStringList MockRequest::pathSegments() const
{
    return path.isEmpty() ? QStringList() : path.split(u'/');
}

std::optional<QString> MockRequest::queryValue(const QString &name) const
{
    return FormData::value(query, name);
}

std::optional<QString> MockRequest::headerValue(const QString &name) const
{
    const QByteArray wanted = name.toLatin1();
    std::optional<QByteArray> out;
    for (const auto &[key, value] : headers) {
        if (key.compare(wanted, Qt::CaseInsensitive) != 0)
            continue;
        out = out ? *out + ", " + value : value;
    }
    if (!out)
        return std::nullopt;
    return QString::fromUtf8(*out);
}

const QJsonValue &MockRequest::json() const
{
    if (!m_jsonParsed) {
        m_jsonParsed = true;
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson('[' + body + ']', &error);
        if (error.error == QJsonParseError::NoError && doc.array().size() == 1)
            m_json = doc.array().first();
    }
    return m_json;
}

std::optional<QJsonValue> MockRequest::valueAt(const QJsonValue &root, const QString &dotPath)
{
    QJsonValue current = root;
    for (const QString &key : dotPath.split(u'.')) {
        if (current.isObject()) {
            const QJsonObject object = current.toObject();
            const auto it = object.constFind(key);
            if (it == object.constEnd())
                return std::nullopt;
            current = *it;
        } else if (current.isArray()) {
            bool ok = false;
            const int index = key.toInt(&ok);
            const QJsonArray array = current.toArray();
            if (!ok || index < 0 || index >= array.size())
                return std::nullopt;
            current = array.at(index);
        } else {
            return std::nullopt;
        }
    }
    return current;
}

std::optional<QJsonValue> MockRequest::jsonAt(const QString &dotPath) const
{
    if (json().isUndefined())
        return std::nullopt;
    return valueAt(json(), dotPath);
}

QString MockRequest::text(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (d == qint64(d) && qAbs(d) < 9007199254740992.0)
            return QString::number(qint64(d));
        return QString::number(d, 'g', 17);
    }
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Undefined:
        break;
    }
    return QString();
}

} // namespace depot
