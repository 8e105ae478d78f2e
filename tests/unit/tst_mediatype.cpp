// Tests for MediaType: magic-byte sniffing, extensions, names, and which types are unsafe to
// serve inline.

#include "codec/MediaType.h"

#include <QTest>

using namespace depot;

namespace {

// A byte string literal that may contain NUL bytes.
template <size_t N> QByteArray bytes(const char (&literal)[N])
{
    return QByteArray(literal, N - 1);
}

} // namespace

class TestMediaType : public QObject
{
    Q_OBJECT

private slots:
    void sniff_data();
    void sniff();
    void truncatedImagesAreNotImages_data();
    void truncatedImagesAreNotImages();
    void extensionFor_data();
    void extensionFor();
    void fromFileName_data();
    void fromFileName();
    void isActiveContent_data();
    void isActiveContent();
};

void TestMediaType::sniff_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<QString>("type");
    QTest::addColumn<bool>("image");

    const auto row = [](const char *name, const QByteArray &head, const char *type) {
        const QString mime = QString::fromLatin1(type);
        QTest::newRow(name) << head << mime << mime.startsWith(QLatin1String("image/"));
    };

    // Images.
    row("PNG", bytes("\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), "image/png");
    row("JPEG JFIF", bytes("\xff\xd8\xff\xe0\0\x10JFIF\0"), "image/jpeg");
    row("JPEG Exif",
        bytes("\xff\xd8\xff\xe1\0\x18"
              "Exif\0\0"),
        "image/jpeg");
    row("GIF87a", bytes("GIF87a\x01\0\x01\0"), "image/gif");
    row("GIF89a", bytes("GIF89a\x01\0\x01\0"), "image/gif");
    row("WebP lossy", bytes("RIFF\x24\0\0\0WEBPVP8 \x18\0\0\0"), "image/webp");
    row("WebP lossless", bytes("RIFF\x24\0\0\0WEBPVP8L\x18\0\0\0"), "image/webp");
    row("WebP extended", bytes("RIFF\x24\0\0\0WEBPVP8X\x0a\0\0\0"), "image/webp");
    row("BMP with BITMAPINFOHEADER", bytes("BM\x36\0\0\0\0\0\0\0\x36\0\0\0\x28\0\0\0"),
        "image/bmp");
    row("BMP with BITMAPV5HEADER", bytes("BM\x8a\0\0\0\0\0\0\0\x8a\0\0\0\x7c\0\0\0"), "image/bmp");
    row("TIFF little-endian", bytes("II*\0\x08\0\0\0"), "image/tiff");
    row("TIFF big-endian", bytes("MM\0*\0\0\0\x08"), "image/tiff");
    row("BigTIFF", bytes("II+\0\x08\0\0\0"), "image/tiff");
    row("AVIF major brand",
        bytes("\0\0\0\x1c"
              "ftypavif\0\0\0\0avifmif1miaf"),
        "image/avif");
    row("AVIF compatible brand",
        bytes("\0\0\0\x1c"
              "ftypmif1\0\0\0\0mif1avifmiaf"),
        "image/avif");
    row("AVIF sequence",
        bytes("\0\0\0\x18"
              "ftypavis\0\0\0\0avismsf1"),
        "image/avif");
    row("ICO", bytes("\0\0\1\0\1\0\x10\x10\0\0\1\0\x20\0"), "image/x-icon");
    row("CUR", bytes("\0\0\2\0\1\0\x20\x20\0\0\1\0\1\0"), "image/x-icon");

    // Not images, although close.
    row("HEIC is not AVIF",
        bytes("\0\0\0\x18"
              "ftypheic\0\0\0\0mif1heic"),
        "");
    row("MP4",
        bytes("\0\0\0\x18"
              "ftypisom\0\0\x02\0isomiso2"),
        "");
    row("AVIF brand outside the ftyp box",
        bytes("\0\0\0\x10"
              "ftypmif1\0\0\0\0mif1avif"),
        "");
    row("RIFF WAVE", bytes("RIFF\x24\0\0\0WAVEfmt "), "");
    row("ICO with zero images", bytes("\0\0\1\0\0\0"), "");
    row("ICO with bad entry", bytes("\0\0\1\0\1\0\x10\x10\0\x01\1\0"), "");
    row("BM text", QByteArrayLiteral("BMW and Mercedes are car brands"), "text/plain");
    row("GIF lookalike", QByteArrayLiteral("GIF88a"), "text/plain");
    row("SVG is text, never an image",
        QByteArrayLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\">"
                          "<script>alert(1)</script></svg>"),
        "text/plain");

    // Documents and archives.
    row("PDF", QByteArrayLiteral("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), "application/pdf");
    row("ZIP", bytes("PK\3\4\x14\0\0\0\x08\0"), "application/zip");
    row("empty ZIP", bytes("PK\5\6\0\0\0\0"), "application/zip");
    row("spanned ZIP", bytes("PK\7\x08PK\3\4"), "application/zip");
    row("gzip", bytes("\x1f\x8b\x08\0\0\0\0\0\0\3"), "application/gzip");

    // Text.
    row("ASCII text", QByteArrayLiteral("hello world\r\n\tindented\n"), "text/plain");
    row("UTF-8 text",
        QByteArrayLiteral("Gr\xc3\xbc\xc3\x9f"
                          "e \xe2\x82\xac \xf0\x9f\x98\x80"),
        "text/plain");
    row("UTF-8 with BOM", QByteArrayLiteral("\xef\xbb\xbfhello"), "text/plain");
    row("escape and form feed", QByteArrayLiteral("\x1b[31mred\x1b[0m\f"), "text/plain");
    row("UTF-8 cut at the end of the head", QByteArrayLiteral("price: \xe2\x82"), "text/plain");
    row("HTML is text here", QByteArrayLiteral("<html><script>alert(1)</script>"), "text/plain");
    row("JSON", QByteArrayLiteral("{\"a\": [1, 2]}"), "text/plain");

    // Binary and hostile.
    row("empty", QByteArray(), "");
    row("NUL", bytes("abc\0def"), "");
    row("control byte", QByteArrayLiteral("abc\x01"), "");
    row("invalid UTF-8 byte", QByteArrayLiteral("abc\xff"), "");
    row("lone continuation byte", QByteArrayLiteral("abc\x80"), "");
    row("overlong slash", QByteArrayLiteral("\xc0\xaf"), "");
    row("UTF-8 surrogate", QByteArrayLiteral("\xed\xa0\x80"), "");
    row("past U+10FFFF", QByteArrayLiteral("\xf4\x90\x80\x80"), "");
    row("broken sequence before the end", QByteArrayLiteral("\xe2\x82x"), "");
    row("UTF-16 text", bytes("\xff\xfeh\0i\0"), "");
    row("ELF executable",
        bytes("\x7f"
              "ELF\2\1\1\0"),
        "");
}

void TestMediaType::sniff()
{
    QFETCH(QByteArray, head);
    QFETCH(QString, type);
    QFETCH(bool, image);

    QCOMPARE(MediaType::sniff(head), type);
    QCOMPARE(MediaType::sniffImage(head), image ? type : QString());
}

void TestMediaType::truncatedImagesAreNotImages_data()
{
    QTest::addColumn<QByteArray>("head");

    QTest::newRow("PNG") << bytes("\x89PNG\r\n\x1a\n");
    QTest::newRow("JPEG") << bytes("\xff\xd8\xff");
    QTest::newRow("GIF") << bytes("GIF89a");
    QTest::newRow("WebP") << bytes("RIFF\x24\0\0\0WEBPVP8");
    QTest::newRow("BMP") << bytes("BM\x36\0\0\0\0\0\0\0\x36\0\0\0\x28\0\0\0");
    QTest::newRow("TIFF") << bytes("II*\0");
    QTest::newRow("AVIF") << bytes("\0\0\0\x1c"
                                   "ftypavif\0\0\0\0");
    QTest::newRow("ICO") << bytes("\0\0\1\0\1\0");
}

// The full signature is recognised; every shorter prefix is not an image (never a crash or a
// read past the end).
void TestMediaType::truncatedImagesAreNotImages()
{
    QFETCH(QByteArray, head);

    QVERIFY(!MediaType::sniffImage(head).isEmpty());
    for (qsizetype size = 0; size < head.size(); ++size) {
        QVERIFY2(MediaType::sniffImage(QByteArrayView(head).first(size)).isEmpty(),
                 qPrintable(QStringLiteral("prefix of %1 bytes").arg(size)));
    }
}

void TestMediaType::extensionFor_data()
{
    QTest::addColumn<QString>("mime");
    QTest::addColumn<QString>("extension");

    const auto row = [](const char *mime, const char *extension) {
        QTest::newRow(mime) << QString::fromLatin1(mime) << QString::fromLatin1(extension);
    };
    row("image/png", "png");
    row("image/jpeg", "jpg");
    row("image/gif", "gif");
    row("image/webp", "webp");
    row("image/bmp", "bmp");
    row("image/tiff", "tiff");
    row("image/avif", "avif");
    row("image/x-icon", "ico");
    row("image/vnd.microsoft.icon", "ico");
    row("application/pdf", "pdf");
    row("application/zip", "zip");
    row("application/gzip", "gz");
    row("text/plain", "txt");
    row("application/json", "json");
    row("application/octet-stream", "bin");
    row("IMAGE/JPEG", "jpg");
    row("image/png; charset=binary", "png");
    row(" image/gif ", "gif");
    row("video/mp4", "mp4"); // from the MIME database
    row("application/x-depot-unknown", "bin");
    QTest::newRow("empty") << QString() << QStringLiteral("bin");
    row("garbage", "bin");
    row("image/", "bin");
    row("../../etc/passwd", "bin");
}

void TestMediaType::extensionFor()
{
    QFETCH(QString, mime);
    QFETCH(QString, extension);
    QCOMPARE(MediaType::extensionFor(mime), extension);
}

void TestMediaType::fromFileName_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QString>("mime");

    const auto row = [](const char *name, const char *fileName, const char *mime) {
        QTest::newRow(name) << QString::fromUtf8(fileName) << QString::fromLatin1(mime);
    };
    row("png", "a.png", "image/png");
    row("upper-case extension", "A.PNG", "image/png");
    row("jpeg", "photo.jpeg", "image/jpeg");
    row("ico uses the sniffed name", "favicon.ico", "image/x-icon");
    row("pdf", "x.pdf", "application/pdf");
    row("text", "notes.txt", "text/plain");
    row("html", "index.html", "text/html");
    row("svg", "logo.svg", "image/svg+xml");
    row("double extension", "archive.tar.gz", "application/x-compressed-tar");
    row("last extension wins", "invoice.pdf.exe", "application/x-ms-dos-executable");
    row("path is ignored", "../dir/x.png", "image/png");
    row("windows path is ignored", "C:\\dir.txt\\x.png", "image/png");
    row("no extension", "q7f3k2", "application/octet-stream");
    row("unknown extension", "x.depotunknown", "application/octet-stream");
    row("empty", "", "application/octet-stream");
    row("trailing slash", "x.png/", "application/octet-stream");
    row("UTF-8 name", "\xc3\xbc\xe2\x82\xac.gif", "image/gif");
    row("nonexistent path not touched", "/nonexistent/dir/x.gif", "image/gif");
}

void TestMediaType::fromFileName()
{
    QFETCH(QString, fileName);
    QFETCH(QString, mime);
    QCOMPARE(MediaType::fromFileName(fileName), mime);
}

void TestMediaType::isActiveContent_data()
{
    QTest::addColumn<QString>("mime");
    QTest::addColumn<bool>("active");

    const auto row = [](const char *mime, bool active) {
        QTest::newRow(mime) << QString::fromLatin1(mime) << active;
    };
    // Active: can run script from our origin.
    row("text/html", true);
    row("TEXT/HTML; charset=utf-8", true);
    row("application/xhtml+xml", true);
    row("image/svg+xml", true);
    row("text/xml", true);
    row("application/xml", true);
    row("application/rss+xml", true);
    row("application/xslt+xml", true);
    row("text/xsl", true);
    row("application/javascript", true);
    row("text/javascript", true);
    row("application/ecmascript", true);
    row("application/x-javascript", true);
    row("text/vbscript", true);
    row("application/x-shockwave-flash", true);
    row("multipart/x-mixed-replace", true);
    row("text/x-server-parsed-html", true);
    // Types browsers sniff, and anything malformed: assume the worst.
    QTest::newRow("empty") << QString() << true;
    row("html", true);
    row("text/", true);
    row("*/*", true);
    row("unknown/unknown", true);
    row("application/unknown", true);
    QTest::newRow("CR LF in the type") << QStringLiteral("text/html\r\nX-Injected: 1") << true;
    // Passive.
    row("text/plain", false);
    row("text/plain; charset=utf-8", false);
    row("text/csv", false);
    row("application/json", false);
    row("application/octet-stream", false);
    row("application/pdf", false);
    row("image/png", false);
    row("image/jpeg", false);
    row("image/gif", false);
    row("image/webp", false);
    row("image/x-icon", false);
    row("video/mp4", false);
    row("application/zip", false);
}

void TestMediaType::isActiveContent()
{
    QFETCH(QString, mime);
    QFETCH(bool, active);
    QCOMPARE(MediaType::isActiveContent(mime), active);
}

QTEST_APPLESS_MAIN(TestMediaType)
#include "tst_mediatype.moc"
