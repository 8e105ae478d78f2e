// Tests for ContentDisposition: file names from users must come out as header values that
// cannot break the header, and as stored names that cannot escape a directory.

#include "codec/ContentDisposition.h"
#include "codec/HeaderValue.h"

#include <QTest>

using namespace depot;

namespace {

// A UTF-8 literal that may contain NUL bytes, as a QString.
template <size_t N> QString text(const char (&literal)[N])
{
    return QString::fromUtf8(literal, N - 1);
}

} // namespace

class TestContentDisposition : public QObject
{
    Q_OBJECT

private slots:
    void sanitizeFileName_data();
    void sanitizeFileName();
    void asciiFallback_data();
    void asciiFallback();
    void attachment_data();
    void attachment();
    void inlineDisposition();
    void hostileNamesRoundTrip_data();
    void hostileNamesRoundTrip();
};

void TestContentDisposition::sanitizeFileName_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");

    const auto row = [](const char *name, const QString &input, const QString &expected) {
        QTest::newRow(name) << input << expected;
    };
    const QString a300 = QString(300, u'a');

    row("plain", QStringLiteral("report.pdf"), QStringLiteral("report.pdf"));
    row("unicode is kept", QStringLiteral(u"Über €.txt"), QStringLiteral(u"Über €.txt"));
    row("emoji is kept", QStringLiteral(u"\U0001F600.png"), QStringLiteral(u"\U0001F600.png"));
    row("dot file is kept", QStringLiteral(".env"), QStringLiteral(".env"));

    // Path components.
    row("unix traversal", QStringLiteral("../../etc/passwd"), QStringLiteral("passwd"));
    row("absolute path", QStringLiteral("/etc/shadow"), QStringLiteral("shadow"));
    row("windows path", QStringLiteral("C:\\Users\\x\\a.txt"), QStringLiteral("a.txt"));
    row("windows traversal", QStringLiteral("..\\..\\boot.ini"), QStringLiteral("boot.ini"));
    row("mixed separators", QStringLiteral("a/b\\c.txt"), QStringLiteral("c.txt"));
    row("trailing slash", QStringLiteral("dir/"), QStringLiteral("download"));
    row("only dot dot", QStringLiteral(".."), QStringLiteral("download"));
    row("only dot", QStringLiteral("."), QStringLiteral("download"));
    row("only dots", QStringLiteral("..."), QStringLiteral("download"));
    row("traversal ending in dot dot", QStringLiteral("a/.."), QStringLiteral("download"));

    // Empty and blank.
    row("empty", QString(), QStringLiteral("download"));
    row("only spaces", QStringLiteral("   "), QStringLiteral("download"));
    row("surrounding spaces", QStringLiteral("  a.txt  "), QStringLiteral("a.txt"));
    row("trailing dots and spaces", QStringLiteral("name.txt. . "), QStringLiteral("name.txt"));
    row("no-break space becomes space", QStringLiteral(u"a\u00a0b.txt"), QStringLiteral("a b.txt"));

    // Characters that break headers, terminals or Windows.
    row("CR LF injection", QStringLiteral("a\r\nSet-Cookie: x=1.txt"),
        QStringLiteral("a__Set-Cookie_ x=1.txt"));
    row("NUL", text("a\0b.txt"), QStringLiteral("a_b.txt"));
    row("tab, escape, DEL", QStringLiteral("a\tb\x1b[31m\x7f.txt"),
        QStringLiteral("a_b_[31m_.txt"));
    row("C1 control", QStringLiteral(u"a\u0085b"), QStringLiteral("a_b"));
    row("quotes and Windows reserved characters", QStringLiteral("a\"b<c>d|e?f*g:h.txt"),
        QStringLiteral("a_b_c_d_e_f_g_h.txt"));
    row("right-to-left override", QStringLiteral(u"invoice\u202Etxt.exe"),
        QStringLiteral("invoice_txt.exe"));
    row("zero-width space", QStringLiteral(u"a\u200Bb"), QStringLiteral("a_b"));
    row("line and paragraph separators", QStringLiteral(u"a\u2028b\u2029c"),
        QStringLiteral("a_b_c"));
    row("lone surrogate", QString(QChar(0xd800)) + QStringLiteral("x.txt"),
        QStringLiteral("_x.txt"));

    // Windows device names, whatever the extension and case.
    row("CON", QStringLiteral("CON"), QStringLiteral("_CON"));
    row("nul with extension", QStringLiteral("nul.txt"), QStringLiteral("_nul.txt"));
    row("com1 with two extensions", QStringLiteral("com1.tar.gz"), QStringLiteral("_com1.tar.gz"));
    row("device name as a prefix only", QStringLiteral("console.txt"),
        QStringLiteral("console.txt"));

    // Length: 255 bytes of UTF-8, extension kept, code points never split.
    row("300 ASCII characters with extension", a300 + QStringLiteral(".txt"),
        QString(251, u'a') + QStringLiteral(".txt"));
    row("300 ASCII characters without extension", a300, QString(255, u'a'));
    row("multi-byte characters are not split", QString(200, QChar(0x20ac)) + QStringLiteral(".txt"),
        QString(83, QChar(0x20ac)) + QStringLiteral(".txt"));
    row("surrogate pair at the cut is not split",
        QString(249, u'a') + QStringLiteral(u"\U0001F600\U0001F600.txt"),
        QString(249, u'a') + QStringLiteral(".txt"));
    row("long extension counts as name", QStringLiteral("a.") + a300,
        QStringLiteral("a.") + QString(253, u'a'));
    row("exactly 255 bytes is kept", QString(251, u'b') + QStringLiteral(".txt"),
        QString(251, u'b') + QStringLiteral(".txt"));
}

void TestContentDisposition::sanitizeFileName()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);

    const QString result = ContentDisposition::sanitizeFileName(input);
    QCOMPARE(result, expected);
    QVERIFY(result.toUtf8().size() <= ContentDisposition::MaxFileNameBytes);
    // Sanitising is idempotent: a stored name comes back unchanged.
    QCOMPARE(ContentDisposition::sanitizeFileName(result), result);
}

void TestContentDisposition::asciiFallback_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("printable ASCII")
        << QStringLiteral("report-2024 (1).pdf") << QByteArray("report-2024 (1).pdf");
    QTest::newRow("quote, backslash, percent")
        << QStringLiteral("a\"b\\c%d") << QByteArray("a_b_c_d");
    QTest::newRow("non-ASCII letters") << QStringLiteral(u"Über €.txt") << QByteArray("_ber _.txt");
    QTest::newRow("emoji is one underscore")
        << QStringLiteral(u"\U0001F600.png") << QByteArray("_.png");
    QTest::newRow("CR, LF, TAB, DEL, NUL") << text("a\r\n\t\x7f\0b") << QByteArray("a_____b");
    QTest::newRow("empty") << QString() << QByteArray();
}

void TestContentDisposition::asciiFallback()
{
    QFETCH(QString, input);
    QFETCH(QByteArray, expected);
    QCOMPARE(ContentDisposition::asciiFallback(input), expected);
}

void TestContentDisposition::attachment_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("plain")
        << QStringLiteral("report.pdf")
        << QByteArray("attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf");
    QTest::newRow("euro sign") << QStringLiteral(u"€ rates.txt")
                               << QByteArray("attachment; filename=\"_ rates.txt\"; "
                                             "filename*=UTF-8''%E2%82%AC%20rates.txt");
    QTest::newRow("CR LF injection") << QStringLiteral("a\r\nSet-Cookie: x=1")
                                     << QByteArray("attachment; filename=\"a__Set-Cookie_ x=1\"; "
                                                   "filename*=UTF-8''a__Set-Cookie_%20x%3D1");
    QTest::newRow("traversal") << QStringLiteral("../../etc/passwd")
                               << QByteArray("attachment; filename=\"passwd\"; "
                                             "filename*=UTF-8''passwd");
    QTest::newRow("quotes") << QStringLiteral("say \"hi\".txt")
                            << QByteArray("attachment; filename=\"say _hi_.txt\"; "
                                          "filename*=UTF-8''say%20_hi_.txt");
    QTest::newRow("percent") << QStringLiteral("100%.txt")
                             << QByteArray("attachment; filename=\"100_.txt\"; "
                                           "filename*=UTF-8''100%25.txt");
    QTest::newRow("semicolon") << QStringLiteral("a; filename=evil.exe")
                               << QByteArray("attachment; filename=\"a; filename=evil.exe\"; "
                                             "filename*=UTF-8''a%3B%20filename%3Devil.exe");
    QTest::newRow("empty") << QString()
                           << QByteArray(
                                  "attachment; filename=\"download\"; filename*=UTF-8''download");
}

void TestContentDisposition::attachment()
{
    QFETCH(QString, fileName);
    QFETCH(QByteArray, expected);
    QCOMPARE(ContentDisposition::attachment(fileName), expected);
}

void TestContentDisposition::inlineDisposition()
{
    QCOMPARE(ContentDisposition::inlineDisposition(QStringLiteral(u"ü.png")),
             QByteArray("inline; filename=\"_.png\"; filename*=UTF-8''%C3%BC.png"));
}

void TestContentDisposition::hostileNamesRoundTrip_data()
{
    QTest::addColumn<QString>("fileName");

    QString allControls;
    for (char16_t c = 0; c < 0xa0; ++c)
        allControls += QChar(c);
    QTest::newRow("every code point below U+00A0") << allControls;
    QTest::newRow("CR LF header injection")
        << QStringLiteral("x.txt\"\r\nSet-Cookie: session=evil\r\n\r\n<script>");
    QTest::newRow("bare LF") << QStringLiteral("a\nb");
    QTest::newRow("NUL in the middle") << text("safe.txt\0.exe");
    QTest::newRow("quoted-string breakout") << QStringLiteral("a\\\"; filename*=UTF-8''evil.exe");
    QTest::newRow("300 characters") << QString(300, u'x');
    QTest::newRow("300 euro signs") << QString(300, QChar(0x20ac));
    QTest::newRow("bidi and zero-width") << QStringLiteral(u"\u202Egpj.exe\u200B\uFEFF");
    QTest::newRow("lone surrogates") << QString(QChar(0xdc00)) + QString(QChar(0xd800));
    QTest::newRow("percent-encoded traversal stays literal") << QStringLiteral("%2e%2e%2fetc");
}

// Whatever the name, the header value is printable ASCII, parses back as one attachment with
// both parameters, and both carry the sanitised name (the fallback in its ASCII form).
void TestContentDisposition::hostileNamesRoundTrip()
{
    QFETCH(QString, fileName);

    const QByteArray header = ContentDisposition::attachment(fileName);
    for (char c : header)
        QVERIFY2(uchar(c) >= 0x20 && uchar(c) < 0x7f, header.constData());

    QString error;
    const auto parsed = HeaderValue::parse(header, &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(parsed->value(), QByteArray("attachment"));
    QCOMPARE(parsed->parameters().size(), 2);
    const QString safe = ContentDisposition::sanitizeFileName(fileName);
    QCOMPARE(parsed->textParameter("filename"), safe);
    QCOMPARE(parsed->parameter("filename").value_or(QByteArray()),
             ContentDisposition::asciiFallback(safe));
}

QTEST_APPLESS_MAIN(TestContentDisposition)
#include "tst_contentdisposition.moc"
