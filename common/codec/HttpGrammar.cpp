#include "codec/HttpGrammar.h"

#include "codec/HeaderValue.h"

namespace depot {

bool isHeaderToken(QByteArrayView name)
{
    return !name.isEmpty() && name.size() <= 256 && HeaderValue::isToken(name);
}

QByteArray sanitizeHeaderValue(QByteArrayView value)
{
    QByteArray out;
    out.reserve(value.size());
    for (char c : value) {
        if (c == '\r' || c == '\n' || c == '\0')
            continue;
        out.append(c);
    }
    return out.trimmed();
}

bool isFieldValue(QByteArrayView value)
{
    for (char c : value) {
        const uchar u = uchar(c);
        if ((u < 0x20 && u != '\t') || u == 0x7f)
            return false;
    }
    return true;
}

std::optional<qint64> parseDigits(QByteArrayView text)
{
    if (text.isEmpty() || text.size() > 18)
        return std::nullopt;
    for (char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
    }
    return text.toLongLong();
}

QByteArray headerValue(const HeaderList &headers, QByteArrayView name)
{
    for (const auto &h : headers) {
        if (QByteArrayView(h.first).compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

} // namespace depot
