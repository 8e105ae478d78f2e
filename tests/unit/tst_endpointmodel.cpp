// Tests for the Endpoint model (validation shared by server and client) and for FileResponder's
// header parsing (ranges, HTTP dates, entity tags), without a server.

#include "http/FileResponder.h"
#include "model/Endpoint.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace depot;

namespace {

constexpr qint64 kNow = 2000000000; // 2033-05-18

Endpoint::Rules rules()
{
    Endpoint::Rules r;
    r.maxLatencyMs = 5000;
    r.maxExpirySeconds = 3600;
    r.defaultExpirySeconds = 600;
    r.now = kNow;
    return r;
}

QString iso(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).toString(Qt::ISODate);
}

} // namespace

class TestEndpointModel : public QObject
{
    Q_OBJECT

private slots:
    void identifiers_data();
    void identifiers();
    void fields_data();
    void fields();
    void partialUpdateKeepsOtherFields();
    void execAlias_data();
    void execAlias();
    void consistency_data();
    void consistency();
    void textFields();
    void jsonRoundTrip();
    void publicUrl();
    void ranges_data();
    void ranges();
    void httpDates_data();
    void httpDates();
    void entityTags_data();
    void entityTags();
};

void TestEndpointModel::identifiers_data()
{
    QTest::addColumn<QString>("identifier");
    QTest::addColumn<bool>("valid");
    QTest::newRow("simple") << QStringLiteral("users") << true;
    QTest::newRow("nested") << QStringLiteral("api/v1/users") << true;
    QTest::newRow("dots inside") << QStringLiteral("files/report.v2.pdf") << true;
    QTest::newRow("tilde dash underscore") << QStringLiteral("~me/_x-y") << true;
    QTest::newRow("200 characters") << QString(200, u'a') << true;
    QTest::newRow("dot dot") << QStringLiteral("..") << false;
    QTest::newRow("dot dot inside") << QStringLiteral("a/../b") << false;
    QTest::newRow("dot") << QStringLiteral("a/./b") << false;
    QTest::newRow("hidden segment") << QStringLiteral(".env") << false;
    QTest::newRow("percent-encoded dots") << QStringLiteral("%2e%2e") << false;
    QTest::newRow("NUL") << QStringLiteral("a") + QChar(0) + QStringLiteral("b") << false;
    QTest::newRow("CR LF") << QStringLiteral("a\r\nb") << false;
    QTest::newRow("300 characters") << QString(300, u'a') << false;
    QTest::newRow("201 characters") << QString(201, u'a') << false;
    QTest::newRow("leading slash") << QStringLiteral("/a") << false;
    QTest::newRow("trailing slash") << QStringLiteral("a/") << false;
    QTest::newRow("empty segment") << QStringLiteral("a//b") << false;
    QTest::newRow("backslash") << QStringLiteral("a\\b") << false;
    QTest::newRow("space") << QStringLiteral("a b") << false;
    QTest::newRow("query") << QStringLiteral("a?b") << false;
    QTest::newRow("non-ASCII") << QStringLiteral(u"caf\u00e9") << false;
    QTest::newRow("empty") << QString() << false;
}

void TestEndpointModel::identifiers()
{
    QFETCH(QString, identifier);
    QFETCH(bool, valid);
    QCOMPARE(Endpoint::isValidIdentifier(identifier), valid);
}

void TestEndpointModel::fields_data()
{
    QTest::addColumn<QJsonObject>("input");
    QTest::addColumn<QStringList>("badFields");

    const auto obj = [](const char *key, const QJsonValue &value) {
        return QJsonObject{{QString::fromLatin1(key), value}};
    };
    QTest::newRow("all valid") << QJsonObject{{QStringLiteral("identifier"), QStringLiteral("a/b")},
                                              {QStringLiteral("method"), QStringLiteral("post")},
                                              {QStringLiteral("kind"), QStringLiteral("json")},
                                              {QStringLiteral("latency"), 5000},
                                              {QStringLiteral("status_code"), 201},
                                              {QStringLiteral("headers"),
                                               QJsonObject{
                                                   {QStringLiteral("X-A"), QStringLiteral("b")}}},
                                              {QStringLiteral("expires_at"), iso(kNow + 3600)},
                                              {QStringLiteral("response"), QJsonArray{1, 2}},
                                              {QStringLiteral("body"), QJsonObject()},
                                              {QStringLiteral("id"), 7},
                                              {QStringLiteral("url"), QStringLiteral("ignored")}}
                               << QStringList();
    QTest::newRow("negative latency")
        << obj("latency", -1) << QStringList{QStringLiteral("latency")};
    QTest::newRow("latency over the maximum")
        << obj("latency", 5001) << QStringList{QStringLiteral("latency")};
    QTest::newRow("huge latency") << obj("latency", 1e300)
                                  << QStringList{QStringLiteral("latency")};
    QTest::newRow("fractional latency")
        << obj("latency", 1.5) << QStringList{QStringLiteral("latency")};
    QTest::newRow("latency as text")
        << obj("latency", QStringLiteral("10")) << QStringList{QStringLiteral("latency")};
    QTest::newRow("status 99") << obj("status_code", 99)
                               << QStringList{QStringLiteral("status_code")};
    QTest::newRow("status 600") << obj("status_code", 600)
                                << QStringList{QStringLiteral("status_code")};
    QTest::newRow("informational status")
        << obj("status_code", 101) << QStringList{QStringLiteral("status_code")};
    QTest::newRow("method TRACE") << obj("method", QStringLiteral("TRACE"))
                                  << QStringList{QStringLiteral("method")};
    QTest::newRow("method not a string")
        << obj("method", 1) << QStringList{QStringLiteral("method")};
    QTest::newRow("kind exe") << obj("kind", QStringLiteral("exe"))
                              << QStringList{QStringLiteral("kind")};
    QTest::newRow("headers array")
        << obj("headers", QJsonArray{}) << QStringList{QStringLiteral("headers")};
    QTest::newRow("Content-Length header")
        << obj("headers", QJsonObject{{QStringLiteral("Content-Length"), QStringLiteral("1")}})
        << QStringList{QStringLiteral("headers")};
    QTest::newRow("Connection header")
        << obj("headers", QJsonObject{{QStringLiteral("connection"), QStringLiteral("close")}})
        << QStringList{QStringLiteral("headers")};
    QTest::newRow("Transfer-Encoding header")
        << obj("headers",
               QJsonObject{{QStringLiteral("Transfer-Encoding"), QStringLiteral("chunked")}})
        << QStringList{QStringLiteral("headers")};
    QTest::newRow("nosniff switched off")
        << obj("headers",
               QJsonObject{{QStringLiteral("X-Content-Type-Options"), QStringLiteral("none")}})
        << QStringList{QStringLiteral("headers")};
    QTest::newRow("CR LF in a value")
        << obj("headers",
               QJsonObject{{QStringLiteral("X-A"), QStringLiteral("a\r\nSet-Cookie: x=1")}})
        << QStringList{QStringLiteral("headers")};
    QTest::newRow("space in a name")
        << obj("headers", QJsonObject{{QStringLiteral("X A"), QStringLiteral("b")}})
        << QStringList{QStringLiteral("headers")};
    QTest::newRow("number value") << obj("headers", QJsonObject{{QStringLiteral("X-A"), 1}})
                                  << QStringList{QStringLiteral("headers")};
    QTest::newRow("expiry in the past")
        << obj("expires_at", iso(kNow - 1)) << QStringList{QStringLiteral("expires_at")};
    QTest::newRow("expiry too far")
        << obj("expires_at", iso(kNow + 3601)) << QStringList{QStringLiteral("expires_at")};
    QTest::newRow("expiry without zone") << obj("expires_at", QStringLiteral("2033-05-18T04:00:00"))
                                         << QStringList{QStringLiteral("expires_at")};
    QTest::newRow("expiry garbage") << obj("expires_at", QStringLiteral("tomorrow"))
                                    << QStringList{QStringLiteral("expires_at")};
    QTest::newRow("unknown field")
        << obj("executable", true) << QStringList{QStringLiteral("executable")};
    QTest::newRow("exec not a flag")
        << obj("exec", QStringLiteral("yes")) << QStringList{QStringLiteral("exec")};
    QTest::newRow("several at once")
        << QJsonObject{{QStringLiteral("identifier"), QStringLiteral("..")},
                       {QStringLiteral("latency"), -5},
                       {QStringLiteral("method"), QStringLiteral("X")}}
        << QStringList{QStringLiteral("identifier"), QStringLiteral("latency"),
                       QStringLiteral("method")};
}

void TestEndpointModel::fields()
{
    QFETCH(QJsonObject, input);
    QFETCH(QStringList, badFields);
    Endpoint e;
    QJsonObject problems;
    e.applyFields(input, rules(), &problems);
    QStringList keys = problems.keys();
    keys.sort();
    badFields.sort();
    QCOMPARE(keys, badFields);
    for (const QString &key : keys)
        QVERIFY(!problems.value(key).toString().isEmpty());
    if (badFields.isEmpty()) {
        QCOMPARE(e.identifier, QStringLiteral("a/b"));
        QCOMPARE(e.method, QStringLiteral("POST"));
        QCOMPARE(e.latency, 5000);
        QCOMPARE(e.statusCode, 201);
        QCOMPARE(e.expiresAt.toSecsSinceEpoch(), kNow + 3600);
        QCOMPARE(e.response, QJsonValue(QJsonArray{1, 2}));
        QCOMPARE(e.id, 0); // read-only fields are ignored
    }
}

// Seed 000's `exec` flag is an alias of the kind: a client written from the seed works.
void TestEndpointModel::execAlias_data()
{
    QTest::addColumn<QJsonObject>("input");
    QTest::addColumn<QString>("before"); // the endpoint's kind before the fields apply
    QTest::addColumn<QString>("after");  // its kind after, or "" when "exec" is a problem
    QTest::addColumn<bool>("namesKind");
    const auto exec = [](const QJsonValue &value) {
        return QJsonObject{{QStringLiteral("exec"), value}};
    };
    const auto both = [](const QJsonValue &value, const char *kind) {
        return QJsonObject{{QStringLiteral("exec"), value},
                           {QStringLiteral("kind"), QString::fromLatin1(kind)}};
    };
    QTest::newRow("true") << exec(true) << "json"
                          << "script" << true;
    QTest::newRow("1") << exec(1) << "file"
                       << "script" << true;
    QTest::newRow("form text true") << exec(QStringLiteral("true")) << "json"
                                    << "script" << true;
    QTest::newRow("form text 1") << exec(QStringLiteral("1")) << "json"
                                 << "script" << true;
    QTest::newRow("false on a script") << exec(false) << "script"
                                       << "file" << false;
    QTest::newRow("false on a file") << exec(false) << "file"
                                     << "file" << false;
    QTest::newRow("form text 0") << exec(QStringLiteral("0")) << "json"
                                 << "json" << false;
    QTest::newRow("agrees with kind") << both(true, "script") << "json"
                                      << "script" << true;
    QTest::newRow("false agrees with file") << both(false, "file") << "json"
                                            << "file" << true;
    QTest::newRow("contradicts kind") << both(true, "file") << "json"
                                      << "" << true;
    QTest::newRow("false contradicts script") << both(false, "script") << "json"
                                              << "" << true;
    QTest::newRow("2") << exec(2) << "json"
                       << "" << false;
    QTest::newRow("null") << exec(QJsonValue::Null) << "json"
                          << "" << false;
}

void TestEndpointModel::execAlias()
{
    QFETCH(QJsonObject, input);
    QFETCH(QString, before);
    QFETCH(QString, after);
    QFETCH(bool, namesKind);
    Endpoint e;
    e.kind = *Endpoint::kindFromName(before);
    QJsonObject problems;
    e.applyFields(input, rules(), &problems);
    if (after.isEmpty()) {
        QCOMPARE(problems.keys(), QStringList{QStringLiteral("exec")});
    } else {
        QVERIFY2(problems.isEmpty(), QJsonDocument(problems).toJson().constData());
        QCOMPARE(Endpoint::kindName(e.kind), after);
        // and what the server answers says both
        QCOMPARE(e.toJson().value(QStringLiteral("exec")).toBool(), after == u"script");
    }
    QCOMPARE(Endpoint::namesKind(input), namesKind);
}

void TestEndpointModel::partialUpdateKeepsOtherFields()
{
    Endpoint e;
    QJsonObject problems;
    e.applyFields(
        {{QStringLiteral("identifier"), QStringLiteral("x")}, {QStringLiteral("latency"), 10}},
        rules(), &problems);
    e.applyFields(
        {{QStringLiteral("status_code"), 404}, {QStringLiteral("expires_at"), QJsonValue::Null}},
        rules(), &problems);
    QVERIFY(problems.isEmpty());
    QCOMPARE(e.identifier, QStringLiteral("x"));
    QCOMPARE(e.latency, 10);
    QCOMPARE(e.statusCode, 404);
    QCOMPARE(e.expiresAt.toSecsSinceEpoch(), kNow + 600); // null: the default expiry
}

void TestEndpointModel::consistency_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("header");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("ok");
    QTest::newRow("json with a JSON type") << "json"
                                           << "Content-Type"
                                           << "application/vnd.api+json" << true;
    QTest::newRow("json as HTML") << "json"
                                  << "content-type"
                                  << "text/html" << false;
    QTest::newRow("json as SVG") << "json"
                                 << "Content-Type"
                                 << "image/svg+xml" << false;
    QTest::newRow("file with its own type") << "file"
                                            << "Content-Type"
                                            << "text/plain" << false;
    QTest::newRow("file with a disposition") << "file"
                                             << "Content-Disposition"
                                             << "inline" << false;
    QTest::newRow("file with another header") << "file"
                                              << "X-A"
                                              << "b" << true;
    QTest::newRow("script may set a type") << "script"
                                           << "Content-Type"
                                           << "text/html" << true;
}

void TestEndpointModel::consistency()
{
    QFETCH(QString, kind);
    QFETCH(QString, header);
    QFETCH(QString, value);
    QFETCH(bool, ok);
    Endpoint e;
    e.kind = *Endpoint::kindFromName(kind);
    e.headers.insert(header, value);
    QJsonObject problems;
    e.checkConsistency(&problems);
    QCOMPARE(problems.isEmpty(), ok);
    if (!ok)
        QVERIFY(problems.contains(QLatin1String("headers")));
}

void TestEndpointModel::textFields()
{
    QJsonObject problems;
    const QJsonObject fields = Endpoint::fieldsFromText({{"identifier", "a"},
                                                         {"latency", "25"},
                                                         {"status_code", " 201 "},
                                                         {"headers", "{\"X-A\":\"b\"}"},
                                                         {"body", "[1,2]"},
                                                         {"response", "\"text\""},
                                                         {"expires_at", ""}},
                                                        &problems);
    QVERIFY(problems.isEmpty());
    QCOMPARE(fields.value(QLatin1String("latency")), QJsonValue(25));
    QCOMPARE(fields.value(QLatin1String("status_code")), QJsonValue(201));
    QCOMPARE(
        fields.value(QLatin1String("headers")).toObject().value(QLatin1String("X-A")).toString(),
        QStringLiteral("b"));
    QCOMPARE(fields.value(QLatin1String("body")), QJsonValue(QJsonArray{1, 2}));
    QCOMPARE(fields.value(QLatin1String("response")), QJsonValue(QStringLiteral("text")));
    QVERIFY(fields.value(QLatin1String("expires_at")).isNull());

    Endpoint::fieldsFromText({{"response", "{not json"}, {"body", "1] [2"}}, &problems);
    QVERIFY(problems.contains(QLatin1String("response")));
    QVERIFY(problems.contains(QLatin1String("body")));
}

void TestEndpointModel::jsonRoundTrip()
{
    Endpoint e;
    e.id = 42;
    e.identifier = QStringLiteral("files/a.pdf");
    e.kind = Endpoint::Kind::File;
    e.fileName = QStringLiteral(u"r\u00e9sum\u00e9.pdf");
    e.contentType = QStringLiteral("application/pdf");
    e.size = 1234;
    e.headers = {{QStringLiteral("X-A"), QStringLiteral("b")}};
    e.createdAt = QDateTime::fromSecsSinceEpoch(kNow, Qt::UTC);
    e.updatedAt = e.createdAt;
    e.expiresAt = e.createdAt.addDays(7);
    e.url = QStringLiteral("http://h/u/alice/files/a.pdf");
    QString error;
    const auto back = Endpoint::fromJson(e.toJson(), &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->toJson(), e.toJson());
    QVERIFY(!Endpoint::fromJson(QJsonObject{{QStringLiteral("id"), 1}}));
}

void TestEndpointModel::publicUrl()
{
    QCOMPARE(Endpoint::publicUrl(QStringLiteral("http://h:1"), QStringLiteral("o'brien"),
                                 QStringLiteral("a/b.c")),
             QStringLiteral("http://h:1/u/o%27brien/a/b.c"));
}

void TestEndpointModel::ranges_data()
{
    using R = FileResponder::Range;
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<qint64>("size");
    QTest::addColumn<int>("kind");
    QTest::addColumn<qint64>("first");
    QTest::addColumn<qint64>("last");
    QTest::newRow("first-last") << QByteArray("bytes=2-5") << qint64(10) << int(R::Satisfiable)
                                << qint64(2) << qint64(5);
    QTest::newRow("open end") << QByteArray("bytes=7-") << qint64(10) << int(R::Satisfiable)
                              << qint64(7) << qint64(9);
    QTest::newRow("last past the end")
        << QByteArray("bytes=7-100") << qint64(10) << int(R::Satisfiable) << qint64(7) << qint64(9);
    QTest::newRow("suffix") << QByteArray("bytes=-3") << qint64(10) << int(R::Satisfiable)
                            << qint64(7) << qint64(9);
    QTest::newRow("suffix longer than the file")
        << QByteArray("bytes=-30") << qint64(10) << int(R::Satisfiable) << qint64(0) << qint64(9);
    QTest::newRow("first past the end")
        << QByteArray("bytes=10-") << qint64(10) << int(R::Unsatisfiable) << qint64(0) << qint64(0);
    QTest::newRow("zero suffix") << QByteArray("bytes=-0") << qint64(10) << int(R::Unsatisfiable)
                                 << qint64(0) << qint64(0);
    QTest::newRow("empty file") << QByteArray("bytes=0-") << qint64(0) << int(R::Unsatisfiable)
                                << qint64(0) << qint64(0);
    QTest::newRow("several ranges")
        << QByteArray("bytes=0-1,3-4") << qint64(10) << int(R::None) << qint64(0) << qint64(0);
    QTest::newRow("other unit") << QByteArray("items=0-1") << qint64(10) << int(R::None)
                                << qint64(0) << qint64(0);
    QTest::newRow("reversed") << QByteArray("bytes=5-2") << qint64(10) << int(R::None) << qint64(0)
                              << qint64(0);
    QTest::newRow("negative") << QByteArray("bytes=-1-2") << qint64(10) << int(R::None) << qint64(0)
                              << qint64(0);
    QTest::newRow("garbage") << QByteArray("bytes=a-b") << qint64(10) << int(R::None) << qint64(0)
                             << qint64(0);
    QTest::newRow("overflow") << QByteArray("bytes=99999999999999999999-") << qint64(10)
                              << int(R::None) << qint64(0) << qint64(0);
}

void TestEndpointModel::ranges()
{
    QFETCH(QByteArray, header);
    QFETCH(qint64, size);
    QFETCH(int, kind);
    QFETCH(qint64, first);
    QFETCH(qint64, last);
    const FileResponder::Range range = FileResponder::parseRange(header, size);
    QCOMPARE(int(range.kind), kind);
    if (kind == FileResponder::Range::Satisfiable) {
        QCOMPARE(range.first, first);
        QCOMPARE(range.last, last);
    }
}

void TestEndpointModel::httpDates_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<qint64>("secs");
    QTest::newRow("IMF-fixdate") << QByteArray("Sun, 06 Nov 1994 08:49:37 GMT")
                                 << qint64(784111777);
    QTest::newRow("RFC 850") << QByteArray("Sunday, 06-Nov-94 08:49:37 GMT") << qint64(784111777);
    QTest::newRow("asctime") << QByteArray("Sun Nov  6 08:49:37 1994") << qint64(784111777);
    QTest::newRow("garbage") << QByteArray("yesterday") << qint64(-1);
    QTest::newRow("empty") << QByteArray() << qint64(-1);
}

void TestEndpointModel::httpDates()
{
    QFETCH(QByteArray, text);
    QFETCH(qint64, secs);
    const auto parsed = FileResponder::parseHttpDate(text);
    QCOMPARE(parsed.value_or(-1), secs);
    if (secs >= 0)
        QCOMPARE(FileResponder::parseHttpDate(FileResponder::httpDate(secs)).value_or(-1), secs);
}

void TestEndpointModel::entityTags_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<bool>("match");
    QTest::newRow("same") << QByteArray("\"abc\"") << true;
    QTest::newRow("weak") << QByteArray("W/\"abc\"") << true;
    QTest::newRow("in a list") << QByteArray("\"x\", \"abc\"") << true;
    QTest::newRow("star") << QByteArray("*") << true;
    QTest::newRow("other") << QByteArray("\"abd\"") << false;
    QTest::newRow("unquoted") << QByteArray("abc") << false;
}

void TestEndpointModel::entityTags()
{
    QFETCH(QByteArray, header);
    QFETCH(bool, match);
    QCOMPARE(FileResponder::noneMatch(header, "\"abc\""), match);
}

QTEST_APPLESS_MAIN(TestEndpointModel)
#include "tst_endpointmodel.moc"
