#include "codec/HeaderValue.h"

#include <QStringDecoder>

namespace depot {

namespace {

// tchar from RFC 9110 5.6.2.
bool isTokenChar(uchar c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

// attr-char from RFC 8187 3.2.1, what may appear unencoded in an ext-value: tchar without '%',
// '\'' and '*'.
bool isAttrChar(uchar c)
{
    return isTokenChar(c) && c != '%' && c != '\'' && c != '*';
}

// qdtext and the second byte of a quoted-pair: HTAB, SP, VCHAR and obs-text, never CR, LF, NUL
// or other controls (a CR LF here is how header injection gets in).
bool isQuotedTextChar(uchar c)
{
    return c == '\t' || (c >= 0x20 && c != 0x7f);
}

// "filename" -> "filename*": the RFC 8187 form of a parameter.
QByteArray starred(QByteArrayView name)
{
    QByteArray result = name.toByteArray();
    result += '*';
    return result;
}

int hexValue(uchar c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// A tiny cursor over the raw header so the grammar below reads like the RFC.
class Cursor
{
public:
    explicit Cursor(QByteArrayView text) : m_text(text) {}

    bool atEnd() const { return m_pos >= m_text.size(); }
    uchar peek() const { return uchar(m_text.at(m_pos)); }
    void advance() { ++m_pos; }

    void skipOws()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t'))
            ++m_pos;
    }

    QByteArrayView token()
    {
        const qsizetype start = m_pos;
        while (!atEnd() && isTokenChar(peek()))
            ++m_pos;
        return m_text.sliced(start, m_pos - start);
    }

private:
    QByteArrayView m_text;
    qsizetype m_pos = 0;
};

} // namespace

bool HeaderValue::isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (!isTokenChar(uchar(c)))
            return false;
    }
    return true;
}

std::optional<HeaderValue> HeaderValue::parse(QByteArrayView raw, QString *errorString)
{
    const auto fail = [errorString](const QString &reason) -> std::optional<HeaderValue> {
        if (errorString)
            *errorString = reason;
        return std::nullopt;
    };

    Cursor in(raw);
    HeaderValue result;

    in.skipOws();
    result.m_value = in.token().toByteArray();
    if (result.m_value.isEmpty())
        return fail(tr("The header value is empty or does not start with a token"));
    if (!in.atEnd() && in.peek() == '/') {
        in.advance();
        const QByteArrayView subtype = in.token();
        if (subtype.isEmpty())
            return fail(tr("The media type has no subtype"));
        result.m_value += '/' + subtype.toByteArray();
    }
    result.m_value = result.m_value.toLower();

    in.skipOws();
    while (!in.atEnd()) {
        if (in.peek() != ';')
            return fail(tr("Unexpected character in header value; expected \";\""));
        in.advance();
        in.skipOws();
        // RFC 9110 allows empty parameters (";;" and a trailing ";").
        if (in.atEnd() || in.peek() == ';')
            continue;

        const QByteArray name = in.token().toByteArray().toLower();
        if (name.isEmpty())
            return fail(tr("Invalid parameter name in header value"));
        // No whitespace around "=": RFC 9110 5.6.6 forbids it.
        if (in.atEnd() || in.peek() != '=')
            return fail(tr("Parameter \"%1\" has no value").arg(QString::fromLatin1(name)));
        in.advance();

        QByteArray value;
        if (!in.atEnd() && in.peek() == '"') {
            in.advance();
            bool closed = false;
            while (!in.atEnd()) {
                uchar c = in.peek();
                in.advance();
                if (c == '"') {
                    closed = true;
                    break;
                }
                // Only \" and \\ are escapes (RFC 9110 says senders use quoted-pair for
                // nothing else). Browsers, curl and Python requests send a backslash in a file
                // name unescaped, so "a\b.txt" must keep its backslash.
                if (c == '\\' && !in.atEnd() && (in.peek() == '"' || in.peek() == '\\')) {
                    c = in.peek();
                    in.advance();
                }
                if (!isQuotedTextChar(c)) {
                    return fail(tr("Parameter \"%1\" contains a control character")
                                    .arg(QString::fromLatin1(name)));
                }
                value += char(c);
            }
            if (!closed) {
                return fail(tr("Parameter \"%1\" has an unterminated quoted string")
                                .arg(QString::fromLatin1(name)));
            }
        } else {
            value = in.token().toByteArray();
            if (value.isEmpty()) {
                return fail(
                    tr("Parameter \"%1\" has an invalid value").arg(QString::fromLatin1(name)));
            }
        }

        if (result.hasParameter(name)) {
            return fail(
                tr("Parameter \"%1\" appears more than once").arg(QString::fromLatin1(name)));
        }
        // Validate ext-values now so that textParameter() never meets a broken one.
        if (name.endsWith('*') && !decodeExtValue(value)) {
            return fail(tr("Parameter \"%1\" is not a valid RFC 8187 encoded value")
                            .arg(QString::fromLatin1(name)));
        }
        result.m_parameters.append({name, value});
        in.skipOws();
    }
    return result;
}

std::optional<QString> HeaderValue::decodeExtValue(QByteArrayView extValue)
{
    const qsizetype firstQuote = extValue.indexOf('\'');
    if (firstQuote < 0)
        return std::nullopt;
    const qsizetype secondQuote = extValue.indexOf('\'', firstQuote + 1);
    if (secondQuote < 0)
        return std::nullopt;

    const QByteArrayView charset = extValue.first(firstQuote);
    const bool utf8 = charset.compare("utf-8", Qt::CaseInsensitive) == 0;
    const bool latin1 = charset.compare("iso-8859-1", Qt::CaseInsensitive) == 0;
    if (!utf8 && !latin1)
        return std::nullopt;

    // The language tag is informational; only check it cannot smuggle anything in.
    for (char c : extValue.sliced(firstQuote + 1, secondQuote - firstQuote - 1)) {
        const uchar u = uchar(c);
        if (!(u == '-' || (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') ||
              (u >= 'A' && u <= 'Z')))
            return std::nullopt;
    }

    const QByteArrayView encoded = extValue.sliced(secondQuote + 1);
    QByteArray bytes;
    bytes.reserve(encoded.size());
    for (qsizetype i = 0; i < encoded.size(); ++i) {
        const uchar c = uchar(encoded.at(i));
        if (c == '%') {
            if (i + 2 >= encoded.size())
                return std::nullopt;
            const int high = hexValue(uchar(encoded.at(i + 1)));
            const int low = hexValue(uchar(encoded.at(i + 2)));
            if (high < 0 || low < 0)
                return std::nullopt;
            bytes += char(high * 16 + low);
            i += 2;
        } else if (isAttrChar(c)) {
            bytes += char(c);
        } else {
            return std::nullopt;
        }
    }

    if (latin1)
        return QString::fromLatin1(bytes);
    // Stateless: a sequence cut off at the end is an error, not state kept for more input.
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless |
                                                     QStringDecoder::Flag::ConvertInitialBom);
    QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

bool HeaderValue::hasParameter(QByteArrayView name) const
{
    return parameter(name).has_value();
}

std::optional<QByteArray> HeaderValue::parameter(QByteArrayView name) const
{
    for (const Parameter &p : m_parameters) {
        if (name.compare(p.first, Qt::CaseInsensitive) == 0)
            return p.second;
    }
    return std::nullopt;
}

bool HeaderValue::hasTextParameter(QByteArrayView name) const
{
    return hasParameter(name) || hasParameter(starred(name));
}

QString HeaderValue::textParameter(QByteArrayView name) const
{
    if (const auto extended = parameter(starred(name)))
        return decodeExtValue(*extended).value_or(QString());
    if (const auto plain = parameter(name))
        return QString::fromUtf8(*plain);
    return QString();
}

} // namespace depot
