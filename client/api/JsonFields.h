#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace depot {

// Tolerant readers for fields of the server's JSON answers.
class JsonFields
{
public:
    // An ISO 8601 string or Unix seconds; invalid when absent.
    static QDateTime dateTime(const QJsonValue &value);
    // A string or a number as text (ids may be either).
    static QString text(const QJsonValue &value);
    static int integer(const QJsonValue &value, int fallback = 0);
    // A JSON array, or the first array found under one of the usual envelope keys.
    static QJsonArray list(const QJsonValue &value);
};

} // namespace depot
