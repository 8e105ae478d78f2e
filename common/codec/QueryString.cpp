#include "codec/QueryString.h"

#include <QByteArrayList>

namespace depot {

std::optional<QString> queryParameter(const QByteArray &query, const QString &name)
{
    if (query.isEmpty())
        return std::nullopt;
    for (const QByteArray &pair : query.split('&')) {
        const qsizetype eq = pair.indexOf('=');
        QByteArray key = eq < 0 ? pair : pair.left(eq);
        QByteArray value = eq < 0 ? QByteArray() : pair.mid(eq + 1);
        key.replace('+', ' ');
        value.replace('+', ' ');
        if (QString::fromUtf8(QByteArray::fromPercentEncoding(key)) == name)
            return QString::fromUtf8(QByteArray::fromPercentEncoding(value));
    }
    return std::nullopt;
}

} // namespace depot
