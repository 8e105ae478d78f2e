#pragma once

#include <QByteArrayView>
#include <QString>

namespace depot {

// Media types from content and names. Content is recognised by magic bytes only: a client's
// Content-Type and file extension are claims, the bytes are evidence.
class MediaType
{
public:
    // Returns the MIME type recognised from the first bytes, or an empty string if unknown.
    // Recognises the images of sniffImage(), application/pdf, application/zip,
    // application/gzip, and text/plain for non-empty valid UTF-8 without NULs or other binary
    // control bytes (a multi-byte sequence cut off at the end of `head` is allowed, as `head` is
    // usually the first bytes of a longer file). It never returns an active type
    // (HTML, SVG, ...): those look like text/plain here, which is safe to serve with nosniff.
    static QString sniff(QByteArrayView head);

    // image/png, image/jpeg, image/gif, image/webp, image/bmp, image/tiff, image/avif or
    // image/x-icon recognised by magic bytes; empty if the bytes are not a known image format.
    // SVG is deliberately not an image here: it can carry script.
    static QString sniffImage(QByteArrayView head);

    // "png", "jpg", "gif", "webp", "bmp", "tiff", "avif", "ico", "pdf", "zip", "gz", "txt", ...
    // (parameters and case ignored); "bin" if unknown.
    static QString extensionFor(const QString &mime);

    // The type QMimeDatabase associates with the file name's extension (the file system is
    // not touched), "application/octet-stream" if unknown.
    static QString fromFileName(const QString &fileName);

    // True when serving this type inline from our origin could run script: HTML, XHTML, SVG,
    // any XML (XSLT can script), JavaScript, Flash, and types browsers sniff (empty, malformed,
    // */*, unknown/unknown, application/unknown). Parameters and case are ignored.
    static bool isActiveContent(const QString &mime);

    // "Text/HTML ; charset=x" -> "text/html"; empty if not of the form token "/" token.
    static QString essence(const QString &mime);
};

} // namespace depot
