#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace depot {

// Builds Content-Disposition header values for files whose names come from users, and cleans
// such names before they are stored.
//
// The value always carries two names (RFC 6266 4.3): `filename="..."` reduced to safe printable
// ASCII for old clients, and `filename*=UTF-8''...` (RFC 8187) with the real name
// percent-encoded. Neither can contain CR, LF, quotes or control characters, so a file name can
// never end the header or add one (a CR LF in a file name has been used to inject Set-Cookie).
class ContentDisposition
{
public:
    // `attachment; filename="..."; filename*=UTF-8''...` for sanitizeFileName(fileName).
    static QByteArray attachment(const QString &fileName);
    // The same with the `inline` disposition type ("inline" itself is a C++ keyword). Only for
    // content that is safe to render from our origin; see MediaType::isActiveContent().
    static QByteArray inlineDisposition(const QString &fileName);

    // A file name safe to store, show and offer for download on any platform:
    // - only the last path component ("../x", "a/b", "a\b" -> "x", "b", "b");
    // - control, format (bidi overrides) and line separator characters, lone surrogates and
    //   the characters Windows forbids (< > : " | ? *) become "_";
    // - surrounding white space and trailing dots are removed, "." and ".." are rejected;
    // - Windows device names (CON, NUL, COM1, ...) get a "_" prefix;
    // - at most 255 bytes of UTF-8, keeping a short extension;
    // - "download" when nothing is left.
    static QString sanitizeFileName(const QString &fileName);

    // The `filename=` fallback: every character outside printable ASCII, and `"`, `\` and `%`
    // (which some clients percent-decode), becomes "_". Does not strip path components.
    static QByteArray asciiFallback(const QString &fileName);

    // The `filename*=` value: `UTF-8''` followed by the percent-encoded UTF-8 of `fileName`.
    static QByteArray extValue(const QString &fileName);

    // Longest stored file name in UTF-8 bytes (the usual file system limit).
    static constexpr int MaxFileNameBytes = 255;

private:
    static QByteArray build(QByteArrayView type, const QString &fileName);
};

} // namespace depot
