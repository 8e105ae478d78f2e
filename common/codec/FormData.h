#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace depot {

// application/x-www-form-urlencoded, which is also how URL query strings are written:
// '&'-separated name[=value] pairs, '+' for a space, percent-encoded bytes, UTF-8 text.
// One reader for query parameters, browser forms and the request log's masking.
class FormData
{
public:
    struct Field
    {
        QByteArray rawName; // as written (still encoded)
        QString name;       // decoded
        QString value;      // decoded; empty when absent
        bool hasValue = false;
    };

    static QList<Field> parse(QByteArrayView encoded);
    // The first value of `name`; nullopt when the name does not occur.
    static std::optional<QString> value(QByteArrayView encoded, const QString &name);
    // The pairs with every value replaced by '*' ("a=*&b"): values may be secrets.
    static QByteArray maskValues(QByteArrayView encoded);

    static QString decode(QByteArrayView component);
};

} // namespace depot
