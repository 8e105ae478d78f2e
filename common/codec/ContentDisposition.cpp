#include "codec/ContentDisposition.h"

#include <QByteArrayView>
#include <QStringList>
#include <QStringView>

namespace depot {

namespace {

const QString DefaultName = QStringLiteral("download");

// Calls f(codePoint) for each code point; a lone surrogate is passed on as itself so that
// callers can treat it as invalid.
template <typename F> void forEachCodePoint(QStringView text, F f)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            f(QChar::surrogateToUcs4(c, text.at(i + 1)));
            ++i;
        } else {
            f(char32_t(c.unicode()));
        }
    }
}

bool isUnsafeCodePoint(char32_t cp)
{
    if (cp >= 0xd800 && cp <= 0xdfff)
        return true; // a lone surrogate cannot be encoded as UTF-8
    switch (QChar::category(cp)) {
    case QChar::Other_Control:       // C0, DEL, C1: CR LF, NUL, ESC, ...
    case QChar::Other_Format:        // bidi overrides that make "exe.txt" look like "txt.exe"
    case QChar::Separator_Line:      // U+2028
    case QChar::Separator_Paragraph: // U+2029
        return true;
    default:
        break;
    }
    switch (cp) {
    case '<':
    case '>':
    case ':':
    case '"':
    case '|':
    case '?':
    case '*':
    case '/':
    case '\\':
        return true; // not allowed in Windows file names
    default:
        return false;
    }
}

void appendCodePoint(QString &out, char32_t cp)
{
    if (QChar::requiresSurrogates(cp)) {
        out += QChar(QChar::highSurrogate(cp));
        out += QChar(QChar::lowSurrogate(cp));
    } else {
        out += QChar(char16_t(cp));
    }
}

bool isWindowsDeviceName(QStringView stem)
{
    static const QStringList names = {
        QStringLiteral("CON"),  QStringLiteral("PRN"),  QStringLiteral("AUX"),
        QStringLiteral("NUL"),  QStringLiteral("COM1"), QStringLiteral("COM2"),
        QStringLiteral("COM3"), QStringLiteral("COM4"), QStringLiteral("COM5"),
        QStringLiteral("COM6"), QStringLiteral("COM7"), QStringLiteral("COM8"),
        QStringLiteral("COM9"), QStringLiteral("LPT1"), QStringLiteral("LPT2"),
        QStringLiteral("LPT3"), QStringLiteral("LPT4"), QStringLiteral("LPT5"),
        QStringLiteral("LPT6"), QStringLiteral("LPT7"), QStringLiteral("LPT8"),
        QStringLiteral("LPT9")};
    return names.contains(stem.trimmed().toString(), Qt::CaseInsensitive);
}

// Removes trailing white space and dots: Windows drops them silently, which would make two
// different stored names the same file there.
QString trimEnd(QString text)
{
    while (!text.isEmpty() && (text.back().isSpace() || text.back() == u'.'))
        text.chop(1);
    return text;
}

// The longest prefix of `text` (whole code points) that fits in `maxBytes` of UTF-8.
QString truncateUtf8(const QString &text, qsizetype maxBytes)
{
    QString out;
    qsizetype bytes = 0;
    bool full = false;
    forEachCodePoint(text, [&](char32_t cp) {
        const qsizetype size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        if (full || bytes + size > maxBytes) {
            full = true;
            return;
        }
        bytes += size;
        appendCodePoint(out, cp);
    });
    return out;
}

} // namespace

QString ContentDisposition::sanitizeFileName(const QString &fileName)
{
    // Only the last path component: clients send "C:\Users\x\a.txt" or "../../etc/passwd".
    const qsizetype separator = qMax(fileName.lastIndexOf(u'/'), fileName.lastIndexOf(u'\\'));
    const QStringView last = QStringView(fileName).sliced(separator + 1);

    QString cleaned;
    cleaned.reserve(last.size());
    forEachCodePoint(last, [&](char32_t cp) {
        if (isUnsafeCodePoint(cp))
            cleaned += u'_';
        else if (QChar::category(cp) == QChar::Separator_Space)
            cleaned += u' '; // no-break and ideographic spaces look like spaces anyway
        else
            appendCodePoint(cleaned, cp);
    });
    cleaned = trimEnd(cleaned.trimmed());
    if (cleaned.isEmpty() || cleaned == u"." || cleaned == u"..")
        return DefaultName;

    const qsizetype dot = cleaned.lastIndexOf(u'.');
    QString stem = dot > 0 ? cleaned.first(dot) : cleaned;
    QString extension = dot > 0 ? cleaned.sliced(dot) : QString();
    // Windows treats "nul.txt" and "CON.tar.gz" as devices, whatever follows the first dot.
    const qsizetype firstDot = cleaned.indexOf(u'.');
    if (isWindowsDeviceName(QStringView(cleaned).first(firstDot > 0 ? firstDot : cleaned.size())))
        stem.prepend(u'_');

    if (stem.toUtf8().size() + extension.toUtf8().size() > MaxFileNameBytes) {
        // Keep a short extension so the file still opens with the right program; a long
        // "extension" is just part of the name.
        if (extension.toUtf8().size() > 16) {
            stem += extension;
            extension.clear();
        }
        stem = trimEnd(truncateUtf8(stem, MaxFileNameBytes - extension.toUtf8().size()));
        if (stem.isEmpty())
            stem = DefaultName;
    }
    return stem + extension;
}

QByteArray ContentDisposition::asciiFallback(const QString &fileName)
{
    QByteArray out;
    out.reserve(fileName.size());
    forEachCodePoint(fileName, [&](char32_t cp) {
        const bool printable = cp >= 0x20 && cp < 0x7f;
        out += (printable && cp != '"' && cp != '\\' && cp != '%') ? char(cp) : '_';
    });
    return out;
}

QByteArray ContentDisposition::extValue(const QString &fileName)
{
    // toPercentEncoding() keeps only RFC 3986 unreserved characters, a subset of RFC 8187
    // attr-char, so the result is always a valid ext-value.
    return QByteArrayLiteral("UTF-8''") + fileName.toUtf8().toPercentEncoding();
}

QByteArray ContentDisposition::attachment(const QString &fileName)
{
    return build("attachment", fileName);
}

QByteArray ContentDisposition::inlineDisposition(const QString &fileName)
{
    return build("inline", fileName);
}

QByteArray ContentDisposition::build(QByteArrayView type, const QString &fileName)
{
    const QString safe = sanitizeFileName(fileName);
    QByteArray value = type.toByteArray();
    value += "; filename=\"";
    value += asciiFallback(safe);
    value += "\"; filename*=";
    value += extValue(safe);
    return value;
}

} // namespace depot
