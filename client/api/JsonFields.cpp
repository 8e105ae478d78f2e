#include "api/JsonFields.h"

namespace depot {

QDateTime JsonFields::dateTime(const QJsonValue &value)
{
    if (value.isDouble())
        return QDateTime::fromSecsSinceEpoch(qint64(value.toDouble()), Qt::UTC);
    if (value.isString()) {
        QDateTime parsed = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
        if (!parsed.isValid())
            parsed = QDateTime::fromString(value.toString(), Qt::ISODate);
        return parsed;
    }
    return QDateTime();
}

QString JsonFields::text(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(qint64(value.toDouble()));
    return QString();
}

int JsonFields::integer(const QJsonValue &value, int fallback)
{
    if (value.isDouble())
        return value.toInt(fallback);
    if (value.isString()) {
        bool ok = false;
        const int parsed = value.toString().toInt(&ok);
        return ok ? parsed : fallback;
    }
    return fallback;
}

QJsonArray JsonFields::list(const QJsonValue &value)
{
    if (value.isArray())
        return value.toArray();
    const QJsonObject object = value.toObject();
    for (const char *key : {"items", "data", "results", "endpoints", "dumps", "requests"}) {
        const QJsonValue inner = object.value(QLatin1String(key));
        if (inner.isArray())
            return inner.toArray();
    }
    return QJsonArray();
}

} // namespace depot
