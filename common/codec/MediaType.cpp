#include "codec/MediaType.h"

#include "codec/HeaderValue.h"

#include <QHash>
#include <QMimeDatabase>
#include <QRegularExpression>
#include <QtEndian>

#include <algorithm>
#include <cstring>

namespace depot {

namespace {

// A magic number given as a string literal, which may contain NUL bytes: QByteArrayView's
// literal constructor would stop at the first one.
template <qsizetype N>
bool hasPrefix(QByteArrayView head, const char (&magic)[N], qsizetype offset = 0)
{
    return head.size() >= offset + N - 1 && std::memcmp(head.data() + offset, magic, N - 1) == 0;
}

quint32 readLittle32(QByteArrayView head, qsizetype offset)
{
    return qFromLittleEndian<quint32>(head.data() + offset);
}

// "BM" alone starts plenty of text files; the DIB header size must be one of the known ones.
bool isBmp(QByteArrayView head)
{
    if (head.size() < 18 || !hasPrefix(head, "BM"))
        return false;
    switch (readLittle32(head, 14)) {
    case 12:
    case 16:
    case 40:
    case 52:
    case 56:
    case 64:
    case 108:
    case 124:
        return true;
    default:
        return false;
    }
}

// ISO BMFF: a leading "ftyp" box whose major or compatible brands include AVIF.
bool isAvif(QByteArrayView head)
{
    if (head.size() < 16 || !hasPrefix(head, "ftyp", 4))
        return false;
    const qsizetype boxSize = qFromBigEndian<quint32>(head.data());
    if (boxSize < 16 || boxSize % 4 != 0)
        return false;
    const qsizetype end = qMin(boxSize, head.size());
    for (qsizetype at = 8; at + 4 <= end; at += 4) {
        if (at == 12)
            continue; // minor version, not a brand
        const QByteArrayView brand = head.sliced(at, 4);
        if (brand == "avif" || brand == "avis")
            return true;
    }
    return false;
}

// ICO and CUR: reserved 0, type 1 or 2, then a non-zero image count; the first directory
// entry's reserved byte is 0.
bool isIcon(QByteArrayView head)
{
    if (head.size() < 6 || !(hasPrefix(head, "\0\0\1\0") || hasPrefix(head, "\0\0\2\0")))
        return false;
    const quint16 count = qFromLittleEndian<quint16>(head.data() + 4);
    return count > 0 && (head.size() < 10 || head.at(9) == 0);
}

// Valid UTF-8 (no overlong forms, surrogates or code points past U+10FFFF) without the bytes
// WHATWG MIME sniffing calls binary (controls other than TAB, LF, FF, CR and ESC).
bool looksLikeUtf8Text(QByteArrayView head)
{
    if (head.isEmpty())
        return false;
    const qsizetype size = head.size();
    for (qsizetype i = 0; i < size;) {
        const uchar c = uchar(head.at(i));
        if (c < 0x80) {
            const bool binary =
                c <= 0x08 || c == 0x0b || (c >= 0x0e && c <= 0x1a) || (c >= 0x1c && c <= 0x1f);
            if (binary)
                return false;
            ++i;
            continue;
        }
        int length = 0;
        uchar low = 0x80;
        uchar high = 0xbf;
        if (c >= 0xc2 && c <= 0xdf) {
            length = 2;
        } else if (c >= 0xe0 && c <= 0xef) {
            length = 3;
            low = c == 0xe0 ? 0xa0 : 0x80;  // no overlong forms
            high = c == 0xed ? 0x9f : 0xbf; // no surrogates
        } else if (c >= 0xf0 && c <= 0xf4) {
            length = 4;
            low = c == 0xf0 ? 0x90 : 0x80;
            high = c == 0xf4 ? 0x8f : 0xbf; // nothing past U+10FFFF
        } else {
            return false;
        }
        for (int k = 1; k < length; ++k) {
            if (i + k >= size)
                return true; // cut off by the end of `head`, valid so far
            const uchar next = uchar(head.at(i + k));
            if (next < (k == 1 ? low : 0x80) || next > (k == 1 ? high : 0xbf))
                return false;
        }
        i += length;
    }
    return true;
}

} // namespace

QString MediaType::sniffImage(QByteArrayView head)
{
    if (hasPrefix(head, "\x89PNG\r\n\x1a\n"))
        return QStringLiteral("image/png");
    if (hasPrefix(head, "\xff\xd8\xff"))
        return QStringLiteral("image/jpeg");
    if (hasPrefix(head, "GIF87a") || hasPrefix(head, "GIF89a"))
        return QStringLiteral("image/gif");
    if (hasPrefix(head, "RIFF") && hasPrefix(head, "WEBPVP8", 8))
        return QStringLiteral("image/webp");
    if (isBmp(head))
        return QStringLiteral("image/bmp");
    // Classic TIFF ("*" = 42) and BigTIFF ("+" = 43), both byte orders.
    if (hasPrefix(head, "II*\0") || hasPrefix(head, "MM\0*") || hasPrefix(head, "II+\0") ||
        hasPrefix(head, "MM\0+"))
        return QStringLiteral("image/tiff");
    if (isAvif(head))
        return QStringLiteral("image/avif");
    if (isIcon(head))
        return QStringLiteral("image/x-icon");
    return QString();
}

QString MediaType::sniff(QByteArrayView head)
{
    const QString image = sniffImage(head);
    if (!image.isEmpty())
        return image;
    if (hasPrefix(head, "%PDF-"))
        return QStringLiteral("application/pdf");
    // Local file header, empty archive, spanned archive.
    if (hasPrefix(head, "PK\3\4") || hasPrefix(head, "PK\5\6") || hasPrefix(head, "PK\7\x08"))
        return QStringLiteral("application/zip");
    if (hasPrefix(head, "\x1f\x8b\x08"))
        return QStringLiteral("application/gzip");
    if (looksLikeUtf8Text(head))
        return QStringLiteral("text/plain");
    return QString();
}

QString MediaType::essence(const QString &mime)
{
    const qsizetype semicolon = mime.indexOf(u';');
    const QString type = (semicolon < 0 ? mime : mime.first(semicolon)).trimmed().toLower();
    const qsizetype slash = type.indexOf(u'/');
    if (slash < 0)
        return QString();
    const QByteArray latin = type.toLatin1();
    if (!HeaderValue::isToken(QByteArrayView(latin).first(slash)) ||
        !HeaderValue::isToken(QByteArrayView(latin).sliced(slash + 1)))
        return QString(); // non-Latin-1 characters became "?", which is not a token character
    return type;
}

QString MediaType::extensionFor(const QString &mime)
{
    static const QHash<QString, QString> known = {
        {QStringLiteral("image/png"), QStringLiteral("png")},
        {QStringLiteral("image/jpeg"), QStringLiteral("jpg")},
        {QStringLiteral("image/gif"), QStringLiteral("gif")},
        {QStringLiteral("image/webp"), QStringLiteral("webp")},
        {QStringLiteral("image/bmp"), QStringLiteral("bmp")},
        {QStringLiteral("image/tiff"), QStringLiteral("tiff")},
        {QStringLiteral("image/avif"), QStringLiteral("avif")},
        {QStringLiteral("image/x-icon"), QStringLiteral("ico")},
        {QStringLiteral("image/vnd.microsoft.icon"), QStringLiteral("ico")},
        {QStringLiteral("image/svg+xml"), QStringLiteral("svg")},
        {QStringLiteral("application/pdf"), QStringLiteral("pdf")},
        {QStringLiteral("application/zip"), QStringLiteral("zip")},
        {QStringLiteral("application/gzip"), QStringLiteral("gz")},
        {QStringLiteral("application/json"), QStringLiteral("json")},
        {QStringLiteral("application/octet-stream"), QStringLiteral("bin")},
        {QStringLiteral("text/plain"), QStringLiteral("txt")},
        {QStringLiteral("text/csv"), QStringLiteral("csv")},
        {QStringLiteral("text/html"), QStringLiteral("html")},
    };
    const QString type = essence(mime);
    if (type.isEmpty())
        return QStringLiteral("bin");
    const auto it = known.constFind(type);
    if (it != known.constEnd())
        return *it;
    // Other registered types: trust the database only for plain, short suffixes.
    const QString suffix = QMimeDatabase().mimeTypeForName(type).preferredSuffix();
    static const QRegularExpression plain(QStringLiteral("^[a-z0-9]{1,10}$"));
    return plain.match(suffix).hasMatch() ? suffix : QStringLiteral("bin");
}

QString MediaType::fromFileName(const QString &fileName)
{
    const qsizetype separator = qMax(fileName.lastIndexOf(u'/'), fileName.lastIndexOf(u'\\'));
    const QString name = fileName.sliced(separator + 1);
    // Qt 6.4's QMimeDatabase crashes (SEGV) on a name with a NUL character; no real file name
    // has control characters (ContentDisposition::sanitizeFileName removes them before any
    // caller in the server gets here). Found by fuzz_headervalue.
    const bool control =
        std::any_of(name.cbegin(), name.cend(), [](QChar c) { return c.unicode() < 0x20; });
    if (name.isEmpty() || control)
        return QStringLiteral("application/octet-stream");
    const QMimeType type = QMimeDatabase().mimeTypeForFile(name, QMimeDatabase::MatchExtension);
    if (!type.isValid() || type.isDefault())
        return QStringLiteral("application/octet-stream");
    // Use the names sniff() returns, so callers can compare the two: the database calls ICO
    // "image/vnd.microsoft.icon" and lists "image/x-icon" only as an alias.
    static const QStringList sniffed = {
        QStringLiteral("image/png"),        QStringLiteral("image/jpeg"),
        QStringLiteral("image/gif"),        QStringLiteral("image/webp"),
        QStringLiteral("image/bmp"),        QStringLiteral("image/tiff"),
        QStringLiteral("image/avif"),       QStringLiteral("image/x-icon"),
        QStringLiteral("application/pdf"),  QStringLiteral("application/zip"),
        QStringLiteral("application/gzip"), QStringLiteral("text/plain")};
    if (!sniffed.contains(type.name())) {
        for (const QString &alias : type.aliases()) {
            if (sniffed.contains(alias))
                return alias;
        }
    }
    return type.name();
}

bool MediaType::isActiveContent(const QString &mime)
{
    const QString type = essence(mime);
    // Browsers sniff these, and a sniffed type can be HTML.
    if (type.isEmpty() || type.contains(u'*') || type == u"unknown/unknown" ||
        type == u"application/unknown")
        return true;
    static const QStringList active = {
        QStringLiteral("text/html"),
        QStringLiteral("application/xhtml+xml"),
        QStringLiteral("image/svg+xml"),
        QStringLiteral("text/xml"),
        QStringLiteral("application/xml"),
        QStringLiteral("text/xsl"),
        QStringLiteral("application/javascript"),
        QStringLiteral("application/x-javascript"),
        QStringLiteral("application/ecmascript"),
        QStringLiteral("application/x-ecmascript"),
        QStringLiteral("text/javascript"),
        QStringLiteral("text/ecmascript"),
        QStringLiteral("text/jscript"),
        QStringLiteral("text/livescript"),
        QStringLiteral("application/x-shockwave-flash"),
        QStringLiteral("multipart/x-mixed-replace"),
    };
    if (active.contains(type))
        return true;
    // Err on the side of "attachment": any XML dialect (+xml), anything HTML- or script-like.
    return type.endsWith(u"+xml") || type.contains(u"html") || type.contains(u"xml") ||
           type.contains(u"script");
}

} // namespace depot
