#include "codec/FormData.h"

namespace depot {

QString FormData::decode(QByteArrayView component)
{
    QByteArray bytes = component.toByteArray();
    bytes.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(bytes));
}

QList<FormData::Field> FormData::parse(QByteArrayView encoded)
{
    QList<Field> fields;
    for (const QByteArray &pair : encoded.toByteArray().split('&')) {
        const qsizetype eq = pair.indexOf('=');
        Field field;
        field.rawName = eq < 0 ? pair : pair.left(eq);
        field.name = decode(field.rawName);
        field.hasValue = eq >= 0;
        if (field.hasValue)
            field.value = decode(QByteArrayView(pair).sliced(eq + 1));
        fields.append(field);
    }
    return fields;
}

std::optional<QString> FormData::value(QByteArrayView encoded, const QString &name)
{
    for (const Field &field : parse(encoded)) {
        if (field.name == name)
            return field.value;
    }
    return std::nullopt;
}

QByteArray FormData::maskValues(QByteArrayView encoded)
{
    QByteArrayList masked;
    for (const Field &field : parse(encoded))
        masked.append(field.rawName + (field.hasValue ? "=*" : ""));
    return masked.join('&');
}

} // namespace depot
