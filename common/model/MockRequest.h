#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace depot {

// What matching rules and templates see of one request to a hosted endpoint.
struct MockRequest
{
    QByteArray method;
    QString path;     // after the identifier of a wildcard endpoint ("7/orders"), else ""
    QByteArray query; // raw, percent-encoded, without '?'
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QStringList pathSegments() const;
    // Query parameter, percent- and '+'-decoded; the first one of that name.
    std::optional<QString> queryValue(const QString &name) const;
    // Header value by case-insensitive name; repeated fields joined with ", ".
    std::optional<QString> headerValue(const QString &name) const;
    // The body as JSON (parsed once); undefined when it is not JSON.
    const QJsonValue &json() const;
    // The value at a dot path (`items.0.id`); undefined when there is none.
    std::optional<QJsonValue> jsonAt(const QString &dotPath) const;

    // A JSON value as the text a template writes and a pattern sees: strings as they are,
    // numbers without needless decimals, objects and arrays as compact JSON.
    static QString text(const QJsonValue &value);
    static std::optional<QJsonValue> valueAt(const QJsonValue &root, const QString &dotPath);

private:
    mutable bool m_jsonParsed = false;
    mutable QJsonValue m_json = QJsonValue::Undefined;
};

} // namespace depot
