// Tests for MultipartParser (streaming multipart/form-data) and HeaderValue (the header
// parameter parser it is built on).
//
// Every body row is run four ways: in one piece, cut at every single byte position, fed one byte
// at a time, and in pieces of 2 to 16 bytes. The parser must report the same parts, data and error
// each time, because a network may deliver any split.

#include "codec/HeaderValue.h"
#include "codec/Multipart.h"

#include <QRandomGenerator>
#include <QTest>

using namespace depot;

Q_DECLARE_METATYPE(depot::MultipartParser::Error)

namespace {

using Error = MultipartParser::Error;

// Bytes readable in a failure message and in expected rows: \r \n \t \\ and \xHH escapes.
QString escaped(QByteArrayView data)
{
    QString out;
    for (char c : data) {
        const uchar u = uchar(c);
        if (c == '\\')
            out += QLatin1String("\\\\");
        else if (c == '\r')
            out += QLatin1String("\\r");
        else if (c == '\n')
            out += QLatin1String("\\n");
        else if (c == '\t')
            out += QLatin1String("\\t");
        else if (u >= 0x20 && u < 0x7f)
            out += QLatin1Char(c);
        else
            out += QStringLiteral("\\x%1").arg(u, 2, 16, QLatin1Char('0'));
    }
    return out;
}

// The same for decoded text: control characters escaped, everything else as is.
QString escapedText(const QString &text)
{
    QString out;
    for (QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out;
}

QString describe(const MultipartPart &part)
{
    const QString file = part.hasFileName
                             ? QLatin1Char('"') + escapedText(part.fileName) + QLatin1Char('"')
                             : QStringLiteral("none");
    const QString type =
        part.contentType.isEmpty() ? QStringLiteral("none") : QString::fromLatin1(part.contentType);
    return QStringLiteral("name=%1 file=%2 type=%3").arg(escaped(part.name), file, type);
}

struct Outcome
{
    // One line per part: "name=... file=... type=... data=...". A part cut off by an error ends
    // in " (unfinished)"; protocol violations by the parser show up as lines starting with "!".
    QStringList transcript;
    Error error = Error::NoError;
    QString errorString;
};

// Feeds `body` cut at the (ascending) positions `cuts`, then finishes.
Outcome run(QByteArrayView body, const QByteArray &boundary, const QList<qsizetype> &cuts,
            qint64 maxHeaderBytes = 16 * 1024, int maxParts = 1000)
{
    MultipartParser parser(boundary, maxHeaderBytes, maxParts);
    Outcome out;
    QString current;
    QByteArray data;
    bool open = false;
    parser.setPartBeginHandler([&](const MultipartPart &part) {
        if (open)
            out.transcript << QStringLiteral("!begin inside a part");
        current = describe(part);
        data.clear();
        open = true;
    });
    parser.setPartDataHandler([&](QByteArrayView chunk) {
        if (!open)
            out.transcript << QStringLiteral("!data outside a part");
        if (chunk.isEmpty())
            out.transcript << QStringLiteral("!empty data callback");
        data.append(chunk);
    });
    parser.setPartEndHandler([&] {
        if (!open)
            out.transcript << QStringLiteral("!end outside a part");
        out.transcript << current + QStringLiteral(" data=") + escaped(data);
        open = false;
    });

    bool ok = true;
    qsizetype at = 0;
    QList<qsizetype> ends = cuts;
    ends << body.size();
    for (qsizetype end : ends) {
        const bool fed = parser.feed(body.sliced(at, end - at));
        if (!ok && fed)
            out.transcript << QStringLiteral("!feed() succeeded after a failure");
        ok = ok && fed;
        at = end;
    }
    ok = parser.finish() && ok;
    if (open)
        out.transcript << current + QStringLiteral(" data=") + escaped(data) +
                              QStringLiteral(" (unfinished)");
    out.error = parser.error();
    out.errorString = parser.errorString();
    if (ok != (out.error == Error::NoError))
        out.transcript << QStringLiteral("!return value disagrees with error()");
    return out;
}

QList<qsizetype> piecesOf(qsizetype size, qsizetype piece)
{
    QList<qsizetype> cuts;
    for (qsizetype at = piece; at < size; at += piece)
        cuts << at;
    return cuts;
}

// Real bodies, captured from curl 7.88.1 and Python requests 2.34 / urllib3 2.7.
const QByteArray CurlBoundary = QByteArrayLiteral("------------------------23d670cd206063c4");
const QByteArray CurlBody =
    QByteArrayLiteral("--------------------------23d670cd206063c4\r\n"
                      "Content-Disposition: form-data; name=\"name\"\r\n"
                      "\r\n"
                      "value\r\n"
                      "--------------------------23d670cd206063c4\r\n"
                      "Content-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
                      "Content-Type: text/plain\r\n"
                      "\r\n"
                      "hello\n\r\n"
                      "--------------------------23d670cd206063c4--\r\n");

const QByteArray RequestsBoundary = QByteArrayLiteral("ad8b6ee979acd6c36d1e11f77ee2ec6a");
const QByteArray RequestsBody =
    QByteArrayLiteral("--ad8b6ee979acd6c36d1e11f77ee2ec6a\r\n"
                      "Content-Disposition: form-data; name=\"title\"\r\n"
                      "\r\n"
                      "Hello\r\n"
                      "--ad8b6ee979acd6c36d1e11f77ee2ec6a\r\n"
                      "Content-Disposition: form-data; name=\"upload\"; filename=\"report.csv\"\r\n"
                      "\r\n"
                      "a,b\r\n1,2\r\n\r\n"
                      "--ad8b6ee979acd6c36d1e11f77ee2ec6a--\r\n");

// A part with the given header lines (joined with CRLF) and data, for boundary "bnd".
QByteArray part(const QByteArray &headers, const QByteArray &data)
{
    return QByteArrayLiteral("--bnd\r\n") + headers + QByteArrayLiteral("\r\n\r\n") + data +
           QByteArrayLiteral("\r\n");
}

QByteArray field(const QByteArray &name, const QByteArray &data)
{
    return part(QByteArrayLiteral("Content-Disposition: form-data; name=\"") + name + '"', data);
}

const QByteArray Close = QByteArrayLiteral("--bnd--\r\n");

// A byte string literal that may contain NUL bytes.
template <size_t N> QByteArray bytes(const char (&literal)[N])
{
    return QByteArray(literal, N - 1);
}

} // namespace

class TestMultipart : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void everySplitPoint_data() { parse_data(); }
    void everySplitPoint();
    void oneByteAtATime_data() { parse_data(); }
    void oneByteAtATime();
    void smallPieces_data() { parse_data(); }
    void smallPieces();

    void largeBinaryBody_data();
    void largeBinaryBody();
    void invalidBoundary_data();
    void invalidBoundary();
    void boundaryFromContentType_data();
    void boundaryFromContentType();
    void parseAllCollectsFieldsAndFiles();
    void parseAllReportsErrors();
    void partHeadersAreKept();
    void abortFromHandler();
    void epilogueIsIgnored();

    void headerValue_data();
    void headerValue();
    void decodeExtValue_data();
    void decodeExtValue();
};

void TestMultipart::parse_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("boundary");
    QTest::addColumn<qint64>("maxHeaderBytes");
    QTest::addColumn<int>("maxParts");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<Error>("error");

    const qint64 cap = 16 * 1024;
    const auto row = [&](const char *name, const QByteArray &body, const QStringList &expected,
                         Error error = Error::NoError, qint64 maxHeader = 16 * 1024,
                         int maxParts = 1000, const QByteArray &boundary = "bnd") {
        QTest::newRow(name) << body << boundary << maxHeader << maxParts << expected << error;
    };

    // Clients as they really send.
    row("curl -F field and file", CurlBody,
        {QStringLiteral(R"(name=name file=none type=none data=value)"),
         QStringLiteral(R"(name=file file="a.txt" type=text/plain data=hello\n)")},
        Error::NoError, cap, 1000, CurlBoundary);
    row("python requests data and file", RequestsBody,
        {QStringLiteral(R"(name=title file=none type=none data=Hello)"),
         QStringLiteral(R"(name=upload file="report.csv" type=none data=a,b\r\n1,2\r\n)")},
        Error::NoError, cap, 1000, RequestsBoundary);
    row("python requests binary file with quote, backslash, UTF-8 in name",
        QByteArrayLiteral("--9d14ae971db3724632242983669772d0\r\n"
                          "Content-Disposition: form-data; name=\"photo\"; "
                          "filename=\"ph%22o\\to \xe2\x82\xac.png\"\r\n"
                          "Content-Type: image/png\r\n\r\n"
                          "\x89PNG\r\n\x1a\n\x00\r\n"
                          "--9d14ae971db3724632242983669772d0--\r\n"),
        {QStringLiteral(
            R"(name=photo file="ph%22o\to €.png" type=image/png data=\x89PNG\r\n\x1a\n\x00)")},
        Error::NoError, cap, 1000, QByteArrayLiteral("9d14ae971db3724632242983669772d0"));
    row("curl UTF-8 file name with directory and %22",
        QByteArrayLiteral("--------------------------fdfe303b2088ce67\r\n"
                          "Content-Disposition: form-data; name=\"file\"; "
                          "filename=\"dir/\xc3\xbc\xe2\x82\xac %22q%22.txt\"\r\n"
                          "Content-Type: text/plain\r\n\r\nx\r\n"
                          "--------------------------fdfe303b2088ce67--\r\n"),
        {QStringLiteral(R"(name=file file="dir/ü€ %22q%22.txt" type=text/plain data=x)")},
        Error::NoError, cap, 1000, QByteArrayLiteral("------------------------fdfe303b2088ce67"));
    row("browser form with empty file input",
        QByteArrayLiteral("------WebKitFormBoundary7MA4YWxkTrZu0gW\r\n"
                          "Content-Disposition: form-data; name=\"note\"\r\n\r\n"
                          "hi there\r\n"
                          "------WebKitFormBoundary7MA4YWxkTrZu0gW\r\n"
                          "Content-Disposition: form-data; name=\"avatar\"; filename=\"\"\r\n"
                          "Content-Type: application/octet-stream\r\n\r\n\r\n"
                          "------WebKitFormBoundary7MA4YWxkTrZu0gW--\r\n"),
        {QStringLiteral(R"(name=note file=none type=none data=hi there)"),
         QStringLiteral(R"(name=avatar file="" type=application/octet-stream data=)")},
        Error::NoError, cap, 1000, QByteArrayLiteral("----WebKitFormBoundary7MA4YWxkTrZu0gW"));
    row("quoted boundary with space and specials",
        QByteArrayLiteral("--gc0p4Jq0M:2Yt08j='34 x\r\n"
                          "Content-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n"
                          "--gc0p4Jq0M:2Yt08j='34 x--"),
        {QStringLiteral("name=a file=none type=none data=1")}, Error::NoError, cap, 1000,
        QByteArrayLiteral("gc0p4Jq0M:2Yt08j='34 x"));

    // Framing.
    row("preamble and epilogue",
        QByteArrayLiteral("This is the preamble.\r\nIt is ignored.\r\n") + field("a", "1") +
            QByteArrayLiteral("--bnd--\r\nThis is the epilogue.\r\n--bnd\r\nignored too\r\n"),
        {QStringLiteral("name=a file=none type=none data=1")});
    row("preamble mentioning the boundary without CRLF",
        QByteArrayLiteral("x--bnd\r\n") + field("a", "1") + Close,
        {QStringLiteral("name=a file=none type=none data=1")});
    row("transport padding after boundaries",
        QByteArrayLiteral("--bnd \t \r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n"
                          "--bnd\t\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n2\r\n"
                          "--bnd--"),
        {QStringLiteral("name=a file=none type=none data=1"),
         QStringLiteral("name=b file=none type=none data=2")});
    row("final boundary without trailing CRLF", field("a", "1") + QByteArrayLiteral("--bnd--"),
        {QStringLiteral("name=a file=none type=none data=1")});
    row("empty form: only the final boundary", Close, {});
    row("empty part", field("empty", "") + field("next", "x") + Close,
        {QStringLiteral("name=empty file=none type=none data="),
         QStringLiteral("name=next file=none type=none data=x")});
    row("data contains --boundary without preceding CRLF", field("a", "a--bnd--b--bnd") + Close,
        {QStringLiteral("name=a file=none type=none data=a--bnd--b--bnd")});
    row("data contains CRLF--boundary followed by other characters",
        field("a", "x\r\n--bndX\r\n--bnd-y\r\n--bn") + Close,
        {QStringLiteral(R"(name=a file=none type=none data=x\r\n--bndX\r\n--bnd-y\r\n--bn)")});
    row("data is nothing but CR LF and dashes", field("a", "\r\n\r\n--\r\n-\r\r\n") + Close,
        {QStringLiteral(R"(name=a file=none type=none data=\r\n\r\n--\r\n-\r\r\n)")});
    row("binary data with NUL, CR, LF and high bytes",
        field("bin", bytes("\x00\r\n\x00\xff\xfe\r\r\n\n-")) + Close,
        {QStringLiteral(R"(name=bin file=none type=none data=\x00\r\n\x00\xff\xfe\r\r\n\n-)")});
    row("boundary is a prefix of a longer one in the data", field("a", "1\r\n--bndbnd") + Close,
        {QStringLiteral(R"(name=a file=none type=none data=1\r\n--bndbnd)")});

    // Headers.
    row("filename* is preferred over filename",
        part("Content-Disposition: form-data; name=\"f\"; filename=\"fallback.txt\"; "
             "filename*=UTF-8''%e2%82%ac%20rates.txt",
             "x") +
            Close,
        {QStringLiteral(R"(name=f file="€ rates.txt" type=none data=x)")});
    row("header names, type and parameter names are case-insensitive",
        part("CONTENT-DISPOSITION: Form-Data; NAME=\"A\"; FileName=b.TXT\r\n"
             "content-type: Text/Plain; Charset=UTF-8",
             "x") +
            Close,
        {QStringLiteral(R"(name=A file="b.TXT" type=text/plain data=x)")});
    row("unknown headers and binary transfer encoding are accepted",
        part("X-Custom: 1\r\nContent-Disposition: form-data; name=\"a\"\r\n"
             "Content-Transfer-Encoding: binary",
             "x") +
            Close,
        {QStringLiteral("name=a file=none type=none data=x")});
    row("hostile file names are passed through undecided",
        part("Content-Disposition: form-data; name=\"f\"; filename=\"../../etc/passwd\"", "") +
            part("Content-Disposition: form-data; name=\"g\"; filename=\"C:\\\\x\\a.txt\"", "") +
            Close,
        {QStringLiteral(R"(name=f file="../../etc/passwd" type=none data=)"),
         QStringLiteral(R"(name=g file="C:\x\a.txt" type=none data=)")});
    row("300-character file name",
        part("Content-Disposition: form-data; name=\"f\"; filename=\"" + QByteArray(300, 'n') +
                 "\"",
             "") +
            Close,
        {QStringLiteral("name=f file=\"%1\" type=none data=").arg(QString(300, u'n'))});
    row("UTF-8 field name", field("pr\xc3\xa9nom", "Zo\xc3\xab") + Close,
        {QStringLiteral(R"(name=pr\xc3\xa9nom file=none type=none data=Zo\xc3\xab)")});

    // Limits, with a header block of exactly this size.
    const QByteArray header = QByteArrayLiteral("Content-Disposition: form-data; name=\"a\"");
    row("header block exactly at the cap", part(header, "1") + Close,
        {QStringLiteral("name=a file=none type=none data=1")}, Error::NoError, header.size());
    row("header block one byte over the cap", part(header, "1") + Close, {}, Error::HeaderTooLong,
        header.size() - 1);
    row("header block without end over the cap",
        QByteArrayLiteral("--bnd\r\n") + QByteArray(200, 'X'), {}, Error::HeaderTooLong, 64);
    row("many header lines over the cap",
        part(header + QByteArrayLiteral("\r\nX: y").repeated(20), "1") + Close, {},
        Error::HeaderTooLong, 64);
    row("exactly as many parts as allowed", field("a", "1") + field("b", "2") + Close,
        {QStringLiteral("name=a file=none type=none data=1"),
         QStringLiteral("name=b file=none type=none data=2")},
        Error::NoError, cap, 2);
    row("one part too many", field("a", "1") + field("b", "2") + field("c", "3") + Close,
        {QStringLiteral("name=a file=none type=none data=1"),
         QStringLiteral("name=b file=none type=none data=2")},
        Error::TooManyParts, cap, 2);

    // Truncated or missing framing.
    row("empty body", QByteArray(), {}, Error::MissingFinalBoundary);
    row("no boundary at all", QByteArrayLiteral("name=value&x=y"), {}, Error::MissingFinalBoundary);
    row("truncated in the data",
        field("a", "1") + QByteArrayLiteral("--bnd\r\n") +
            QByteArrayLiteral("Content-Disposition: form-data; "
                              "name=\"b\"\r\n\r\npartial da"),
        {QStringLiteral("name=a file=none type=none data=1"),
         QStringLiteral("name=b file=none type=none data=part (unfinished)")},
        Error::MissingFinalBoundary);
    row("truncated in the header", QByteArrayLiteral("--bnd\r\nContent-Disposition: form-d"), {},
        Error::MissingFinalBoundary);
    // The end of an unfinished part is held back: it could have been the start of a boundary.
    row("truncated inside the final boundary", field("a", "1") + QByteArrayLiteral("--bnd-"),
        {QStringLiteral("name=a file=none type=none data=1 (unfinished)")},
        Error::MissingFinalBoundary);
    row("last part never closed", field("a", "1"),
        {QStringLiteral("name=a file=none type=none data= (unfinished)")},
        Error::MissingFinalBoundary);
    row("LF line endings",
        QByteArrayLiteral("--bnd\nContent-Disposition: form-data; "
                          "name=\"a\"\n\n1\n--bnd--\n"),
        {}, Error::BadBoundaryLine);
    row("junk after a boundary", QByteArrayLiteral("--bnd junk\r\n") + field("a", "1") + Close, {},
        Error::BadBoundaryLine);
    row("boundary followed by CR without LF", QByteArrayLiteral("--bnd\rX"), {},
        Error::BadBoundaryLine);

    // Bad part headers.
    row("no Content-Disposition", part("Content-Type: text/plain", "1") + Close, {},
        Error::BadPartHeader);
    row("Content-Disposition without name", part("Content-Disposition: form-data", "1") + Close, {},
        Error::BadPartHeader);
    row("Content-Disposition with filename but no name",
        part("Content-Disposition: form-data; filename=\"a.txt\"", "1") + Close, {},
        Error::BadPartHeader);
    row("Content-Disposition attachment",
        part("Content-Disposition: attachment; name=\"a\"", "1") + Close, {}, Error::BadPartHeader);
    row("empty header block", QByteArrayLiteral("--bnd\r\n\r\n1\r\n") + Close, {},
        Error::BadPartHeader);
    row("two Content-Disposition headers",
        part(header + QByteArrayLiteral("\r\nContent-Disposition: form-data; name=\"b\""), "1") +
            Close,
        {}, Error::BadPartHeader);
    row("duplicate name parameter",
        part("Content-Disposition: form-data; name=\"a\"; name=\"b\"", "1") + Close, {},
        Error::BadPartHeader);
    row("CR LF injected into a quoted file name",
        part("Content-Disposition: form-data; name=\"f\"; filename=\"a\r\nSet-Cookie: x=1\"", "1") +
            Close,
        {}, Error::BadPartHeader);
    row("bare CR inside a header value",
        part("Content-Disposition: form-data; name=\"a\rb\"", "1") + Close, {},
        Error::BadPartHeader);
    row("bare LF inside a header value",
        part("Content-Disposition: form-data; name=\"a\nb\"", "1") + Close, {},
        Error::BadPartHeader);
    row("NUL in a file name",
        part(bytes("Content-Disposition: form-data; name=\"f\"; filename=\"a\0.txt\""), "1") +
            Close,
        {}, Error::BadPartHeader);
    row("folded header line", part(header + QByteArrayLiteral("\r\n ; filename=x"), "1") + Close,
        {}, Error::BadPartHeader);
    row("header line without colon", part(header + QByteArrayLiteral("\r\nnocolon"), "1") + Close,
        {}, Error::BadPartHeader);
    row("space before the colon", part("Content-Disposition : form-data; name=\"a\"", "1") + Close,
        {}, Error::BadPartHeader);
    row("unterminated quoted name", part("Content-Disposition: form-data; name=\"a", "1") + Close,
        {}, Error::BadPartHeader);
    row("truncated percent-encoding in filename*",
        part("Content-Disposition: form-data; name=\"f\"; filename*=UTF-8''%e2%8", "1") + Close, {},
        Error::BadPartHeader);
    row("non-hex percent-encoding in filename*",
        part("Content-Disposition: form-data; name=\"f\"; filename*=UTF-8''%zz.txt", "1") + Close,
        {}, Error::BadPartHeader);
    row("invalid UTF-8 in filename*",
        part("Content-Disposition: form-data; name=\"f\"; filename*=UTF-8''%ff%fe.txt", "1") +
            Close,
        {}, Error::BadPartHeader);
    row("base64 transfer encoding",
        part(header + QByteArrayLiteral("\r\nContent-Transfer-Encoding: base64"), "MQ==") + Close,
        {}, Error::BadPartHeader);
    row("malformed Content-Type",
        part(header + QByteArrayLiteral("\r\nContent-Type: text/"), "1") + Close, {},
        Error::BadPartHeader);
    row("second part bad after a good first one",
        field("a", "1") + part("Content-Type: text/plain", "2") + Close,
        {QStringLiteral("name=a file=none type=none data=1")}, Error::BadPartHeader);
}

void TestMultipart::parse()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, boundary);
    QFETCH(qint64, maxHeaderBytes);
    QFETCH(int, maxParts);
    QFETCH(QStringList, expected);
    QFETCH(Error, error);

    const Outcome outcome = run(body, boundary, {}, maxHeaderBytes, maxParts);
    QCOMPARE(outcome.transcript, expected);
    QCOMPARE(outcome.error, error);
    // The message names the problem; there is none without a problem.
    QCOMPARE(outcome.errorString.isEmpty(), error == Error::NoError);
}

void TestMultipart::everySplitPoint()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, boundary);
    QFETCH(qint64, maxHeaderBytes);
    QFETCH(int, maxParts);
    QFETCH(QStringList, expected);
    QFETCH(Error, error);

    for (qsizetype cut = 0; cut <= body.size(); ++cut) {
        const Outcome outcome = run(body, boundary, {cut}, maxHeaderBytes, maxParts);
        QVERIFY2(outcome.transcript == expected && outcome.error == error,
                 qPrintable(QStringLiteral("cut at byte %1 gave: %2")
                                .arg(cut)
                                .arg(outcome.transcript.join(QLatin1String(" | ")))));
    }
}

void TestMultipart::oneByteAtATime()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, boundary);
    QFETCH(qint64, maxHeaderBytes);
    QFETCH(int, maxParts);
    QFETCH(QStringList, expected);
    QFETCH(Error, error);

    const Outcome outcome = run(body, boundary, piecesOf(body.size(), 1), maxHeaderBytes, maxParts);
    QCOMPARE(outcome.transcript, expected);
    QCOMPARE(outcome.error, error);
}

void TestMultipart::smallPieces()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, boundary);
    QFETCH(qint64, maxHeaderBytes);
    QFETCH(int, maxParts);
    QFETCH(QStringList, expected);
    QFETCH(Error, error);

    for (qsizetype piece = 2; piece <= 16; ++piece) {
        const Outcome outcome =
            run(body, boundary, piecesOf(body.size(), piece), maxHeaderBytes, maxParts);
        QVERIFY2(outcome.transcript == expected && outcome.error == error,
                 qPrintable(QStringLiteral("pieces of %1 bytes gave: %2")
                                .arg(piece)
                                .arg(outcome.transcript.join(QLatin1String(" | ")))));
    }
}

void TestMultipart::largeBinaryBody_data()
{
    QTest::addColumn<qsizetype>("piece");
    QTest::newRow("1-byte pieces") << qsizetype(1);
    QTest::newRow("7-byte pieces") << qsizetype(7);
    QTest::newRow("4 KiB pieces") << qsizetype(4096);
    QTest::newRow("one piece") << qsizetype(0);
}

// 256 KiB of random bytes sprinkled with near-delimiters, streamed through: the data must come
// out byte for byte, and no single partData() call may hold more than one fed piece plus a
// delimiter (the parser must not accumulate the file).
void TestMultipart::largeBinaryBody()
{
    QFETCH(qsizetype, piece);

    QRandomGenerator random(42); // fixed seed: reproducible failures
    QByteArray file(256 * 1024, Qt::Uninitialized);
    random.fillRange(reinterpret_cast<quint32 *>(file.data()), file.size() / 4);
    for (qsizetype at = 1000; at + 16 < file.size(); at += 9973)
        file.replace(at, 9, QByteArrayLiteral("\r\n--bnd!-"));
    const QByteArray body =
        part("Content-Disposition: form-data; name=\"f\"; filename=\"r.bin\"", file) + Close;

    MultipartParser parser("bnd");
    QByteArray received;
    qsizetype largestCallback = 0;
    int ends = 0;
    parser.setPartDataHandler([&](QByteArrayView data) {
        received.append(data);
        largestCallback = qMax(largestCallback, data.size());
    });
    parser.setPartEndHandler([&] { ++ends; });
    const QList<qsizetype> cuts = piece > 0 ? piecesOf(body.size(), piece) : QList<qsizetype>();
    qsizetype at = 0;
    for (qsizetype end : cuts + QList<qsizetype>{body.size()}) {
        QVERIFY(parser.feed(QByteArrayView(body).sliced(at, end - at)));
        at = end;
    }
    QVERIFY(parser.finish());
    QCOMPARE(ends, 1);
    QCOMPARE(received.size(), file.size());
    QVERIFY(received == file);
    if (piece > 0)
        QVERIFY(largestCallback <= piece + 16);
}

void TestMultipart::invalidBoundary_data()
{
    QTest::addColumn<QByteArray>("boundary");
    QTest::addColumn<bool>("valid");
    QTest::newRow("typical") << QByteArrayLiteral("----WebKitFormBoundary7MA4YWxkTrZu0gW") << true;
    QTest::newRow("70 characters") << QByteArray(70, 'a') << true;
    QTest::newRow("inner space") << QByteArrayLiteral("a b") << true;
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("71 characters") << QByteArray(71, 'a') << false;
    QTest::newRow("trailing space") << QByteArrayLiteral("ab ") << false;
    QTest::newRow("CR LF") << QByteArrayLiteral("a\r\nb") << false;
    QTest::newRow("double quote") << QByteArrayLiteral("a\"b") << false;
    QTest::newRow("semicolon") << QByteArrayLiteral("a;b") << false;
    QTest::newRow("NUL") << bytes("a\0b") << false;
    QTest::newRow("non-ASCII") << QByteArrayLiteral("\xc3\xa9t\xc3\xa9") << false;
}

void TestMultipart::invalidBoundary()
{
    QFETCH(QByteArray, boundary);
    QFETCH(bool, valid);

    QCOMPARE(MultipartParser::isValidBoundary(boundary), valid);
    MultipartParser parser(boundary);
    const QByteArray body = QByteArrayLiteral("--") + boundary + QByteArrayLiteral("--\r\n");
    QCOMPARE(parser.feed(body), valid);
    QCOMPARE(parser.finish(), valid);
    QCOMPARE(parser.error(), valid ? Error::NoError : Error::InvalidBoundary);
}

void TestMultipart::boundaryFromContentType_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<bool>("found");
    QTest::addColumn<QByteArray>("boundary");

    QTest::newRow("curl")
        << QByteArrayLiteral(
               "multipart/form-data; boundary=------------------------23d670cd206063c4")
        << true << QByteArrayLiteral("------------------------23d670cd206063c4");
    QTest::newRow("quoted with space")
        << QByteArrayLiteral("multipart/form-data; boundary=\"a b\"; charset=utf-8") << true
        << QByteArrayLiteral("a b");
    QTest::newRow("case-insensitive type and name")
        << QByteArrayLiteral("Multipart/Form-Data;BOUNDARY=xyz") << true
        << QByteArrayLiteral("xyz");
    QTest::newRow("parameter before boundary")
        << QByteArrayLiteral("multipart/form-data; charset=utf-8; boundary=xyz") << true
        << QByteArrayLiteral("xyz");
    QTest::newRow("no boundary") << QByteArrayLiteral("multipart/form-data") << false
                                 << QByteArray();
    QTest::newRow("empty quoted boundary")
        << QByteArrayLiteral("multipart/form-data; boundary=\"\"") << false << QByteArray();
    QTest::newRow("boundary too long")
        << QByteArray("multipart/form-data; boundary=" + QByteArray(71, 'a')) << false
        << QByteArray();
    QTest::newRow("boundary with invalid character")
        << QByteArrayLiteral("multipart/form-data; boundary=\"a;b\"") << false << QByteArray();
    QTest::newRow("two boundaries")
        << QByteArrayLiteral("multipart/form-data; boundary=a; boundary=b") << false
        << QByteArray();
    QTest::newRow("other multipart type")
        << QByteArrayLiteral("multipart/mixed; boundary=a") << false << QByteArray();
    QTest::newRow("url-encoded form")
        << QByteArrayLiteral("application/x-www-form-urlencoded") << false << QByteArray();
    QTest::newRow("empty") << QByteArray() << false << QByteArray();
    QTest::newRow("unterminated quote")
        << QByteArrayLiteral("multipart/form-data; boundary=\"abc") << false << QByteArray();
}

void TestMultipart::boundaryFromContentType()
{
    QFETCH(QByteArray, contentType);
    QFETCH(bool, found);
    QFETCH(QByteArray, boundary);

    const auto result = MultipartParser::boundaryFromContentType(contentType);
    QCOMPARE(result.has_value(), found);
    if (found)
        QCOMPARE(*result, boundary);
}

void TestMultipart::parseAllCollectsFieldsAndFiles()
{
    QString error;
    const auto form = MultipartParser::parseAll(RequestsBody, RequestsBoundary, &error);
    QVERIFY2(form, qPrintable(error));
    QCOMPARE(form->fields.size(), 1);
    QCOMPARE(form->field("title").value_or(QByteArray()), QByteArray("Hello"));
    QVERIFY(!form->field("missing"));
    QCOMPARE(form->files.size(), 1);
    QCOMPARE(form->files.at(0).part.name, QByteArray("upload"));
    QCOMPARE(form->files.at(0).part.fileName, QStringLiteral("report.csv"));
    QVERIFY(form->files.at(0).part.hasFileName);
    QCOMPARE(form->files.at(0).data, QByteArray("a,b\r\n1,2\r\n"));
}

void TestMultipart::parseAllReportsErrors()
{
    QString error;
    const auto form = MultipartParser::parseAll(RequestsBody.chopped(8), RequestsBoundary, &error);
    QVERIFY(!form);
    QVERIFY2(error.contains(QLatin1String("final boundary")), qPrintable(error));
}

void TestMultipart::partHeadersAreKept()
{
    MultipartParser parser("bnd");
    MultipartPart seen;
    parser.setPartBeginHandler([&](const MultipartPart &p) { seen = p; });
    const QByteArray body = part("Content-Disposition: form-data; name=\"a\"  \r\n"
                                 "X-Trace:\t abc \r\n"
                                 "content-type: text/csv; charset=utf-8",
                                 "1") +
                            Close;
    QVERIFY(parser.feed(body));
    QVERIFY(parser.finish());
    const QList<QPair<QByteArray, QByteArray>> expected = {
        {"Content-Disposition", "form-data; name=\"a\""},
        {"X-Trace", "abc"},
        {"content-type", "text/csv; charset=utf-8"},
    };
    QCOMPARE(seen.headers, expected);
    QCOMPARE(seen.contentType, QByteArray("text/csv"));
    QCOMPARE(parser.partCount(), 1);
}

void TestMultipart::abortFromHandler()
{
    MultipartParser parser("bnd");
    const QString reason = QStringLiteral("File too large");
    qsizetype total = 0;
    int ends = 0;
    parser.setPartDataHandler([&](QByteArrayView data) {
        total += data.size();
        if (total > 10)
            parser.abort(reason);
    });
    parser.setPartEndHandler([&] { ++ends; });
    const QByteArray body = field("f", QByteArray(100, 'x')) + Close;
    QVERIFY(parser.feed(QByteArrayView(body).first(40))); // only part of the headers
    QVERIFY(!parser.feed(QByteArrayView(body).sliced(40)));
    QVERIFY(!parser.feed("more"));
    QVERIFY(!parser.finish());
    QCOMPARE(parser.error(), Error::Aborted);
    QCOMPARE(parser.errorString(), reason);
    QCOMPARE(ends, 0);
}

void TestMultipart::epilogueIsIgnored()
{
    MultipartParser parser("bnd");
    int parts = 0;
    parser.setPartBeginHandler([&](const MultipartPart &) { ++parts; });
    QVERIFY(parser.feed(QByteArray(field("a", "1") + Close)));
    QVERIFY(parser.isFinished());
    // Even well-formed parts after the final boundary are not parts of the form.
    QVERIFY(parser.feed(QByteArray(field("b", "2") + Close)));
    QVERIFY(parser.feed(QByteArray(100000, '\0')));
    QVERIFY(parser.finish());
    QCOMPARE(parts, 1);
}

void TestMultipart::headerValue_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QByteArray>("value");
    // Parameters as "name=value" joined by "|", after unquoting.
    QTest::addColumn<QString>("parameters");
    QTest::addColumn<QString>("fileName");

    const auto ok = [](const char *name, const QByteArray &raw, const char *value,
                       const QString &parameters, const QString &fileName = QString()) {
        QTest::newRow(name) << raw << true << QByteArray(value) << parameters << fileName;
    };
    const auto bad = [](const char *name, const QByteArray &raw) {
        QTest::newRow(name) << raw << false << QByteArray() << QString() << QString();
    };

    ok("media type with quoted boundary", "multipart/form-data; boundary=\"a b\"; charset=utf-8",
       "multipart/form-data", QStringLiteral("boundary=a b|charset=utf-8"));
    ok("value and names lower-cased, values not", "Text/HTML; Charset=UTF-8", "text/html",
       QStringLiteral("charset=UTF-8"));
    ok("bare token value", "form-data", "form-data", QString());
    ok("surrounding and inner whitespace", " \tattachment \t;  filename=a.txt \t ", "attachment",
       QStringLiteral("filename=a.txt"), QStringLiteral("a.txt"));
    ok("empty parameters are allowed", "a/b;;c=d;", "a/b", QStringLiteral("c=d"));
    ok("escaped quote and backslash", R"(attachment; filename="a\"b\\c.txt")", "attachment",
       QStringLiteral(R"(filename=a"b\c.txt)"), QStringLiteral(R"(a"b\c.txt)"));
    ok("backslash before other characters is kept", R"(attachment; filename="C:\dir\a.txt")",
       "attachment", QStringLiteral(R"(filename=C:\dir\a.txt)"), QStringLiteral(R"(C:\dir\a.txt)"));
    ok("semicolon and equals inside quotes", R"(form-data; name="a;b=c")", "form-data",
       QStringLiteral("name=a;b=c"));
    ok("raw UTF-8 file name", "attachment; filename=\"\xe2\x82\xac.txt\"", "attachment",
       QString::fromUtf8("filename=\xe2\x82\xac.txt"), QStringLiteral(u"€.txt"));
    ok("filename* preferred over filename",
       "attachment; filename=\"euro.txt\"; filename*=UTF-8''%e2%82%ac.txt", "attachment",
       QStringLiteral("filename=euro.txt|filename*=UTF-8''%e2%82%ac.txt"),
       QStringLiteral(u"€.txt"));
    ok("filename* alone, ISO-8859-1 with language",
       "attachment; filename*=iso-8859-1'en'%A3%20rates", "attachment",
       QStringLiteral("filename*=iso-8859-1'en'%A3%20rates"), QStringLiteral(u"£ rates"));
    ok("empty quoted value", R"(form-data; name="")", "form-data", QStringLiteral("name="));

    bad("empty", "");
    bad("only whitespace", "  ");
    bad("starts with a parameter", "; a=b");
    bad("missing subtype", "text/");
    bad("junk after the value", "text/plain x");
    bad("parameter without value", "form-data; name");
    bad("parameter with empty value", "form-data; name=");
    bad("space before equals", "form-data; name =a");
    bad("space after equals", "form-data; name= a");
    bad("unterminated quote", "form-data; name=\"abc");
    bad("quote ending in a backslash", R"(form-data; name="abc\")");
    bad("CR LF inside quotes", "attachment; filename=\"a\r\nSet-Cookie: x=1\"");
    bad("NUL inside quotes", bytes("attachment; filename=\"a\0b\""));
    bad("DEL inside quotes", "attachment; filename=\"a\x7f\"");
    bad("junk after a quoted value", R"(form-data; name="a"b)");
    bad("duplicate parameter", "form-data; name=a; NAME=b");
    bad("duplicate filename", "attachment; filename=a; filename=b");
    bad("filename* without charset", "attachment; filename*=''abc");
    bad("filename* with unknown charset", "attachment; filename*=KOI8-R''abc");
    bad("filename* without quotes", "attachment; filename*=abc");
    bad("filename* with truncated percent", "attachment; filename*=UTF-8''ab%4");
    bad("filename* with non-hex percent", "attachment; filename*=UTF-8''%G1");
    bad("filename* with invalid UTF-8", "attachment; filename*=UTF-8''%c3%28");
    bad("filename* with overlong UTF-8 slash", "attachment; filename*=UTF-8''%c0%af");
    bad("filename* with raw space", "attachment; filename*=\"UTF-8''a b\"");
    bad("non-token character in value", "text/pl@in");
}

void TestMultipart::headerValue()
{
    QFETCH(QByteArray, raw);
    QFETCH(bool, valid);
    QFETCH(QByteArray, value);
    QFETCH(QString, parameters);
    QFETCH(QString, fileName);

    QString error;
    const auto header = HeaderValue::parse(raw, &error);
    QCOMPARE(header.has_value(), valid);
    QCOMPARE(error.isEmpty(), valid);
    if (!valid)
        return;
    QCOMPARE(header->value(), value);
    QStringList list;
    for (const auto &p : header->parameters())
        list << QString::fromUtf8(QByteArray(p.first + '=' + p.second));
    QCOMPARE(list.join(u'|'), parameters);
    QCOMPARE(header->textParameter("filename"), fileName);
    QCOMPARE(header->hasTextParameter("FILENAME"), !fileName.isEmpty());
}

void TestMultipart::decodeExtValue_data()
{
    QTest::addColumn<QByteArray>("extValue");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("text");

    QTest::newRow("UTF-8 euro") << QByteArrayLiteral("UTF-8''%e2%82%ac.txt") << true
                                << QStringLiteral(u"€.txt");
    QTest::newRow("lower-case charset, upper-case hex")
        << QByteArrayLiteral("utf-8''%E2%82%AC") << true << QStringLiteral(u"€");
    QTest::newRow("attr-chars unencoded")
        << QByteArrayLiteral("UTF-8''a!#$&+-.^_`|~z") << true << QStringLiteral("a!#$&+-.^_`|~z");
    QTest::newRow("empty value") << QByteArrayLiteral("UTF-8''") << true << QString();
    QTest::newRow("encoded slash and CR LF are decoded, not judged")
        << QByteArrayLiteral("UTF-8''..%2F%0D%0A") << true << QStringLiteral("../\r\n");
    QTest::newRow("4-byte UTF-8") << QByteArrayLiteral("UTF-8''%F0%9F%98%80") << true
                                  << QStringLiteral(u"\U0001F600");
    QTest::newRow("ISO-8859-1") << QByteArrayLiteral("ISO-8859-1'de'%FCber") << true
                                << QStringLiteral(u"über");
    QTest::newRow("no quotes") << QByteArrayLiteral("UTF-8%e2") << false << QString();
    QTest::newRow("one quote") << QByteArrayLiteral("UTF-8'%e2") << false << QString();
    QTest::newRow("unsupported charset") << QByteArrayLiteral("UTF-16''%00a") << false << QString();
    QTest::newRow("bad language tag") << QByteArrayLiteral("UTF-8'e n'a") << false << QString();
    QTest::newRow("percent at the end") << QByteArrayLiteral("UTF-8''a%") << false << QString();
    QTest::newRow("one hex digit") << QByteArrayLiteral("UTF-8''a%4") << false << QString();
    QTest::newRow("non-hex digits") << QByteArrayLiteral("UTF-8''%zz") << false << QString();
    QTest::newRow("raw non-ASCII")
        << QByteArrayLiteral("UTF-8''\xe2\x82\xac") << false << QString();
    QTest::newRow("raw quote") << QByteArrayLiteral("UTF-8''a\"b") << false << QString();
    QTest::newRow("invalid UTF-8") << QByteArrayLiteral("UTF-8''%ff") << false << QString();
    QTest::newRow("truncated UTF-8") << QByteArrayLiteral("UTF-8''%e2%82") << false << QString();
    QTest::newRow("UTF-8 surrogate") << QByteArrayLiteral("UTF-8''%ed%a0%80") << false << QString();
}

void TestMultipart::decodeExtValue()
{
    QFETCH(QByteArray, extValue);
    QFETCH(bool, valid);
    QFETCH(QString, text);

    const auto decoded = HeaderValue::decodeExtValue(extValue);
    QCOMPARE(decoded.has_value(), valid);
    if (valid)
        QCOMPARE(*decoded, text);
}

QTEST_GUILESS_MAIN(TestMultipart)
#include "tst_multipart.moc"
