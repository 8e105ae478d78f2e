#include "endpoints/scripts/CgiResponse.h"

#include <QTest>

using depot::CgiResponse;

class tst_CgiResponse : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void headerCountIsCapped();
};

void tst_CgiResponse::parse_data()
{
    QTest::addColumn<QByteArray>("output");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<int>("status");
    // The response's headers, "Name: value" joined with '\n'.
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<QByteArray>("body");

    const QByteArray plain = "Content-Type: text/plain; charset=utf-8";

    // Bare bodies
    QTest::newRow("empty") << QByteArray() << true << 200 << plain << QByteArray();
    QTest::newRow("bare text") << QByteArray("hello world\n") << true << 200 << plain
                               << QByteArray("hello world\n");
    QTest::newRow("bare without newline")
        << QByteArray("Status: 404") << true << 200 << plain << QByteArray("Status: 404");
    QTest::newRow("bare json") << QByteArray("{\"a\": 1}\n\n") << true << 200 << plain
                               << QByteArray("{\"a\": 1}\n\n");
    QTest::newRow("header-like text without a CGI field")
        << QByteArray("Result: 42\n\nDetails follow\n") << true << 200 << plain
        << QByteArray("Result: 42\n\nDetails follow\n");
    QTest::newRow("first line not a field") << QByteArray("hello\nStatus: 500\n\nx") << true << 200
                                            << plain << QByteArray("hello\nStatus: 500\n\nx");

    // CGI responses
    QTest::newRow("status and type, CRLF")
        << QByteArray("Status: 201 Created\r\nContent-Type: application/json\r\n\r\n{}") << true
        << 201 << QByteArray("Content-Type: application/json") << QByteArray("{}");
    QTest::newRow("LF only") << QByteArray("Content-Type: text/html\nX-Thing:  yes \n\n<p>\n")
                             << true << 200 << QByteArray("Content-Type: text/html\nX-Thing: yes")
                             << QByteArray("<p>\n");
    QTest::newRow("status without reason")
        << QByteArray("Status: 404\n\n") << true << 404 << QByteArray() << QByteArray();
    QTest::newRow("lower-case names")
        << QByteArray("status: 418 Teapot\ncontent-type: a/b\n\nx") << true << 418
        << QByteArray("content-type: a/b") << QByteArray("x");
    QTest::newRow("location redirects")
        << QByteArray("Location: https://example.org/\n\n") << true << 302
        << QByteArray("Location: https://example.org/") << QByteArray();
    QTest::newRow("location with status")
        << QByteArray("Status: 301\nLocation: /elsewhere\n\n") << true << 301
        << QByteArray("Location: /elsewhere") << QByteArray();
    QTest::newRow("body without type gets octet-stream")
        << QByteArray("Status: 200\n\nbytes") << true << 200
        << QByteArray("Content-Type: application/octet-stream") << QByteArray("bytes");
    QTest::newRow("framing headers dropped")
        << QByteArray("Content-Type: a/b\nContent-Length: 1\nTransfer-Encoding: chunked\n"
                      "Connection: close\nUpgrade: h2c\n\nbody")
        << true << 200 << QByteArray("Content-Type: a/b") << QByteArray("body");
    QTest::newRow("repeated ordinary header kept")
        << QByteArray("Content-Type: a/b\nSet-Cookie: a=1\nSet-Cookie: b=2\n\n") << true << 200
        << QByteArray("Content-Type: a/b\nSet-Cookie: a=1\nSet-Cookie: b=2") << QByteArray();
    QTest::newRow("blank line inside body kept")
        << QByteArray("Content-Type: a/b\r\n\r\nline\r\n\r\nmore") << true << 200
        << QByteArray("Content-Type: a/b") << QByteArray("line\r\n\r\nmore");
    QTest::newRow("utf-8 value") << QByteArray("Content-Type: a/b\nX-Name: Zo\xc3\xab\n\n") << true
                                 << 200 << QByteArray("Content-Type: a/b\nX-Name: Zo\xc3\xab")
                                 << QByteArray();

    // Rejected
    const QByteArray none;
    QTest::newRow("lone CR injects a header")
        << QByteArray("Content-Type: a/b\nX-A: 1\rSet-Cookie: evil=1\n\n") << false << 502 << none
        << none;
    QTest::newRow("NUL in value") << QByteArray("Content-Type: a/b\nX-A: 1") + '\0' +
                                         QByteArray("x\n\n")
                                  << false << 502 << none << none;
    QTest::newRow("obs-fold continuation")
        << QByteArray("Content-Type: a/b\nX-A: 1\n Set-Cookie: evil=1\n\n") << false << 502 << none
        << none;
    QTest::newRow("space before colon")
        << QByteArray("Content-Type: a/b\nX-A : 1\n\n") << false << 502 << none << none;
    QTest::newRow("non-token name")
        << QByteArray("Content-Type: a/b\nX(A): 1\n\n") << false << 502 << none << none;
    QTest::newRow("line without colon")
        << QByteArray("Status: 200\nnonsense\n\nbody") << false << 502 << none << none;
    QTest::newRow("headers not terminated")
        << QByteArray("Status: 204 No Content\n") << false << 502 << none << none;
    QTest::newRow("status not numeric")
        << QByteArray("Status: OK\n\n") << false << 502 << none << none;
    QTest::newRow("status 1xx") << QByteArray("Status: 101 Switching Protocols\n\n") << false << 502
                                << none << none;
    QTest::newRow("status 600") << QByteArray("Status: 600\n\n") << false << 502 << none << none;
    QTest::newRow("status with junk")
        << QByteArray("Status: 2000\n\n") << false << 502 << none << none;
    QTest::newRow("duplicate status")
        << QByteArray("Status: 200\nStatus: 500\n\n") << false << 502 << none << none;
    QTest::newRow("duplicate content-type")
        << QByteArray("Content-Type: a/b\ncontent-type: text/html\n\n") << false << 502 << none
        << none;
    QTest::newRow("empty location") << QByteArray("Location:\n\n") << false << 502 << none << none;
}

void tst_CgiResponse::parse()
{
    QFETCH(QByteArray, output);
    QFETCH(bool, valid);
    QFETCH(int, status);
    QFETCH(QByteArray, headers);
    QFETCH(QByteArray, body);

    const CgiResponse response = CgiResponse::parse(output);
    QCOMPARE(response.isValid(), valid);
    QCOMPARE(response.error().isEmpty(), valid);
    QCOMPARE(response.status(), status);
    QByteArrayList lines;
    for (const auto &[name, value] : response.headers())
        lines.append(name + ": " + value);
    QCOMPARE(lines.join('\n'), headers);
    QCOMPARE(response.body(), body);
}

void tst_CgiResponse::headerCountIsCapped()
{
    QByteArray output = "Content-Type: a/b\n";
    for (int i = 0; i < 3; ++i)
        output += "X-" + QByteArray::number(i) + ": v\n";
    output += "\nbody";
    QVERIFY(CgiResponse::parse(output, 4).isValid());
    QVERIFY(!CgiResponse::parse(output, 3).isValid());

    QByteArray flood = "Status: 200\n";
    for (int i = 0; i < 10000; ++i)
        flood += "X-A: v\n";
    flood += "\n";
    const CgiResponse response = CgiResponse::parse(flood);
    QVERIFY(!response.isValid());
    QVERIFY2(response.error().contains(QString::number(CgiResponse::DefaultMaxHeaders)),
             qPrintable(response.error()));
}

QTEST_GUILESS_MAIN(tst_CgiResponse)
#include "tst_cgiresponse.moc"
