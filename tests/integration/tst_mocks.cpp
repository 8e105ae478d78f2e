// Mocks end to end (issue 12) over HTTP against real depot-server processes on SQLite and
// PostgreSQL: matching rules (every operator), templates (every placeholder, JSON escaping),
// wildcard identifiers, the request journal, sequences (across two instances), faults as a
// client sees them, CORS preflight.
#include "HostedTestSupport.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <map>

using namespace depot::test;

namespace {

// JSON written with ' for " (readable in C++ strings; no value here holds a ').
QByteArray j(const char *text)
{
    return QByteArray(text).replace('\'', '"');
}

QJsonObject parse(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

QJsonValue parseValue(const QByteArray &json)
{
    return QJsonDocument::fromJson("[" + json + "]").array().first();
}

// What a plain socket sees: the bytes, and how the connection ended (0: closed normally,
// ECONNRESET: reset). Qt reports both as "remote host closed".
struct SocketOutcome
{
    QByteArray data;
    int endErrno = -1;
};

SocketOutcome socketRequest(const QUrl &base, const QByteArray &request)
{
    SocketOutcome out;
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(quint16(base.port()));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const timeval timeout{10, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return out;
    }
    ::send(fd, request.constData(), size_t(request.size()), 0);
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n > 0) {
            out.data.append(buffer, n);
            continue;
        }
        out.endErrno = n == 0 ? 0 : errno;
        break;
    }
    ::close(fd);
    return out;
}

} // namespace

class TestMocks : public QObject
{
    Q_OBJECT

    std::map<QString, std::unique_ptr<TestServer>> m_servers;
    int m_users = 0;
    static constexpr int kJournalSize = 5;

    static TestServer::Options options()
    {
        QFETCH_GLOBAL(QString, backend);
        TestServer::Options o;
        o.backend = backend;
        o.extraArgs = {QStringLiteral("--shutdown-timeout"),     QStringLiteral("500"),
                       QStringLiteral("--journal-size"),         QString::number(kJournalSize),
                       QStringLiteral("--endpoint-max-latency"), QStringLiteral("5000")};
        return o;
    }

    TestServer &server()
    {
        QFETCH_GLOBAL(QString, backend);
        auto &slot = m_servers[backend];
        if (!slot) {
            slot = std::make_unique<TestServer>();
            if (!slot->start(options()))
                qFatal("cannot start depot-server: %s", qPrintable(slot->errorString()));
        }
        return *slot;
    }

    HostedUser newUser(TestServer &s)
    {
        HostedUser u;
        u.name = QStringLiteral("mock%1").arg(++m_users);
        u.token = s.signUpAndLogin(u.name);
        return u;
    }
    HostedUser newUser() { return newUser(server()); }

    static HttpResult create(TestServer &s, const HostedUser &u, const QJsonObject &json)
    {
        Headers headers = u.auth();
        headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
        return TestHttp::request("POST", s.url(QStringLiteral("/api/v1/endpoints")),
                                 QJsonDocument(json).toJson(), headers);
    }
    HttpResult create(const HostedUser &u, const QJsonObject &json)
    {
        return create(server(), u, json);
    }
    // Creates and checks the answer; returns the id.
    QString mock(const HostedUser &u, const QJsonObject &json)
    {
        const HttpResult r = create(u, json);
        if (r.status != 201)
            qWarning() << "create failed" << r.status << r.body;
        return QString::number(r.json().value(QStringLiteral("id")).toInteger());
    }
    static HttpResult hit(TestServer &s, const HostedUser &u, const QByteArray &method,
                          const QString &pathAndQuery, const QByteArray &body = {},
                          const Headers &headers = {})
    {
        return TestHttp::request(
            method, s.url(QStringLiteral("/u/%1/%2").arg(u.name, pathAndQuery)), body, headers);
    }
    HttpResult hit(const HostedUser &u, const QByteArray &method, const QString &pathAndQuery,
                   const QByteArray &body = {}, const Headers &headers = {})
    {
        return hit(server(), u, method, pathAndQuery, body, headers);
    }
    HttpResult api(const HostedUser &u, const QByteArray &method, const QString &path)
    {
        return TestHttp::request(method, server().url(path), {}, u.auth());
    }
    QJsonArray journal(const HostedUser &u, const QString &id, const QString &query = {})
    {
        const HttpResult r =
            api(u, "GET", QStringLiteral("/api/v1/endpoints/%1/requests%2").arg(id, query));
        return r.json().value(QStringLiteral("items")).toArray();
    }

private Q_SLOTS:
    void initTestCase_data()
    {
        QTest::addColumn<QString>("backend");
        for (const QString &backend : TestServer::backends())
            QTest::newRow(qPrintable(backend)) << backend;
    }

    void cleanupTestCase() { m_servers.clear(); }

    // ---- matching rules -------------------------------------------------------------------

    void operators_data()
    {
        QTest::addColumn<QByteArray>("match");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("query");
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("matches");
        auto row = [](const char *name, const QByteArray &match, const char *method,
                      const char *query, const char *header, const QByteArray &body, bool matches) {
            QTest::newRow(name) << QByteArray(match) << QByteArray(method)
                                << QString::fromUtf8(query) << QByteArray(header)
                                << QByteArray(body) << matches;
        };
        row("query equal", j("{'query':{'id':'42'}}"), "GET", "id=42", "", "", true);
        row("query equal other", j("{'query':{'id':'42'}}"), "GET", "id=43", "", "", false);
        row("query equal number", j("{'query':{'id':42}}"), "GET", "id=42", "", "", true);
        row("query equal decoded", j("{'query':{'q':'a b&c'}}"), "GET", "q=a+b%26c", "", "", true);
        row("query regex", j("{'query':{'q':{'regex':'^a.*z$'}}}"), "GET", "q=abcz", "", "", true);
        row("query regex miss", j("{'query':{'q':{'regex':'^a.*z$'}}}"), "GET", "q=zbca", "", "",
            false);
        row("query regex absent", j("{'query':{'q':{'regex':'.*'}}}"), "GET", "", "", "", false);
        row("query present", j("{'query':{'debug':{'present':true}}}"), "GET", "debug", "", "",
            true);
        row("query present miss", j("{'query':{'debug':{'present':true}}}"), "GET", "x=1", "", "",
            false);
        row("query absent", j("{'query':{'debug':{'present':false}}}"), "GET", "x=1", "", "", true);
        row("query absent miss", j("{'query':{'debug':{'present':false}}}"), "GET", "debug=1", "",
            "", false);
        row("header equal any case", j("{'headers':{'x-env':'test'}}"), "GET", "", "X-Env: test",
            "", true);
        row("header equal miss", j("{'headers':{'X-Env':'test'}}"), "GET", "", "X-Env: prod", "",
            false);
        row("header regex", j("{'headers':{'User-Agent':{'regex':'^curl/'}}}"), "GET", "",
            "User-Agent: curl/8.0", "", true);
        row("header present", j("{'headers':{'X-Trace':{'present':true}}}"), "GET", "",
            "X-Trace: 1", "", true);
        row("header absent miss", j("{'headers':{'X-Trace':{'present':false}}}"), "GET", "",
            "X-Trace: 1", "", false);
        row("json path", j("{'json':{'user.role':'admin'}}"), "POST", "", "",
            j("{'user':{'role':'admin'}}"), true);
        row("json path miss", j("{'json':{'user.role':'admin'}}"), "POST", "", "",
            j("{'user':{'role':'guest'}}"), false);
        row("json array index", j("{'json':{'items.1.id':7}}"), "POST", "", "",
            j("{'items':[{'id':1},{'id':7}]}"), true);
        row("json number vs string", j("{'json':{'n':7}}"), "POST", "", "", j("{'n':'7'}"), false);
        row("json equals object", j("{'json':{'a':{'equals':{'b':[1,2]}}}}"), "POST", "", "",
            j("{'a':{'b':[1,2]}}"), true);
        row("json regex on number", j("{'json':{'n':{'regex':'^4\\\\d$'}}}"), "POST", "", "",
            j("{'n':42}"), true);
        row("json present", j("{'json':{'a.b':{'present':true}}}"), "POST", "", "",
            j("{'a':{'b':null}}"), true);
        row("json absent", j("{'json':{'a.c':{'present':false}}}"), "POST", "", "",
            j("{'a':{'b':null}}"), true);
        row("json not json", j("{'json':{'a':{'present':true}}}"), "POST", "", "", "a=1", false);
        row("body contains", j("{'body_contains':'urgent'}"), "POST", "", "", "this is urgent",
            true);
        row("body contains miss", j("{'body_contains':'urgent'}"), "POST", "", "", "later", false);
        row("method one", j("{'method':'DELETE'}"), "DELETE", "", "", "", true);
        row("method list", j("{'method':['PUT','PATCH']}"), "PATCH", "", "", "", true);
        row("method list miss", j("{'method':['PUT','PATCH']}"), "GET", "", "", "", false);
        row("all of them", j("{'query':{'q':{'regex':'^a'}},'body_contains':'urgent'}"), "POST",
            "q=abc", "", "urgent!", true);
        row("one of them fails", j("{'query':{'q':{'regex':'^a'}},'body_contains':'urgent'}"),
            "POST", "q=xbc", "", "urgent!", false);
    }

    void operators()
    {
        QFETCH(QByteArray, match);
        QFETCH(QByteArray, method);
        QFETCH(QString, query);
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, body);
        QFETCH(bool, matches);
        const HostedUser u = newUser();
        const QJsonObject rule{{QStringLiteral("match"), parse(match)},
                               {QStringLiteral("status_code"), 201},
                               {QStringLiteral("response"), QStringLiteral("rule")}};
        mock(u, {{QStringLiteral("identifier"), QStringLiteral("m")},
                 {QStringLiteral("method"), QStringLiteral("ANY")},
                 {QStringLiteral("response"), QStringLiteral("endpoint")},
                 {QStringLiteral("rules"), QJsonArray{rule}}});
        Headers headers;
        if (!header.isEmpty()) {
            const qsizetype colon = header.indexOf(':');
            headers.append({header.left(colon), header.mid(colon + 1).trimmed()});
        }
        const HttpResult r =
            hit(u, method, QStringLiteral("m") + (query.isEmpty() ? QString() : u'?' + query), body,
                headers);
        QCOMPARE(r.status, matches ? 201 : 200);
        QCOMPARE(parseValue(r.body).toString(),
                 matches ? QStringLiteral("rule") : QStringLiteral("endpoint"));
    }

    void firstMatchingRuleAnswers()
    {
        const HostedUser u = newUser();
        const QByteArray rules =
            j("[             {'match': {'query': {'id': '42'}}, 'status_code': 404, 'response': "
              "{'error': 'no such user'}},             {'match': {'query': {'id': {'present': "
              "true}}}, 'body': 'any id', 'headers': {'X-Rule': '2'}},             {'match': "
              "{'query': {'id': '42'}}, 'status_code': 500}         ]");
        mock(u, {{QStringLiteral("identifier"), QStringLiteral("users")},
                 {QStringLiteral("headers"),
                  QJsonObject{{QStringLiteral("X-Mock"), QStringLiteral("yes")}}},
                 {QStringLiteral("rules"), parseValue(rules)}});
        HttpResult r = hit(u, "GET", QStringLiteral("users?id=42"));
        QCOMPARE(r.status, 404);
        QCOMPARE(r.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("no such user"));
        QCOMPARE(r.header("X-Mock"), "yes"); // the endpoint's headers go with every answer
        r = hit(u, "GET", QStringLiteral("users?id=7"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, "any id");
        QCOMPARE(r.header("Content-Type"), "text/plain; charset=utf-8");
        QCOMPARE(r.header("X-Rule"), "2");
        r = hit(u, "GET", QStringLiteral("users"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, "null"); // the endpoint's own answer
    }

    void regexIsBounded()
    {
        // A pattern that backtracks exponentially in a backtracking engine answers at once.
        const HostedUser u = newUser();
        const QJsonObject rule{
            {QStringLiteral("match"),
             QJsonObject{
                 {QStringLiteral("query"),
                  QJsonObject{{QStringLiteral("q"), QJsonObject{{QStringLiteral("regex"),
                                                                 QStringLiteral("^(a+)+$")}}}}}}},
            {QStringLiteral("status_code"), 201}};
        mock(u, {{QStringLiteral("identifier"), QStringLiteral("re")},
                 {QStringLiteral("rules"), QJsonArray{rule}}});
        const QString evil = QString(5000, u'a') + u'!';
        QCOMPARE(hit(u, "GET", QStringLiteral("re?q=") + evil).status, 200);
        QCOMPARE(hit(u, "GET", QStringLiteral("re?q=") + QString(5000, u'a')).status, 201);
    }

    void refusedAtSaveTime_data()
    {
        QTest::addColumn<QByteArray>("fields");
        QTest::addColumn<QString>("field");
        QTest::newRow("back-reference")
            << QByteArray(j("{'rules':[{'match':{'query':{'q':{'regex':'(a)\\\\1'}}}}]}"))
            << "rules[0].match.query.q";
        QTest::newRow("look-ahead")
            << QByteArray(j("{'rules':[{'match':{'headers':{'X':{'regex':'a(?=b)'}}}}]}"))
            << "rules[0].match.headers.X";
        QTest::newRow("unknown operator")
            << QByteArray(j("{'rules':[{'match':{'query':{'q':{'like':'a%'}}}}]}"))
            << "rules[0].match.query.q";
        QTest::newRow("unknown condition")
            << QByteArray(j("{'rules':[{'match':{'cookies':{}}}]}")) << "rules[0].match.cookies";
        QTest::newRow("second rule")
            << QByteArray(j("{'rules':[{'match':{}},{'match':{'method':'FETCH'}}]}"))
            << "rules[1].match.method";
        QTest::newRow("no match") << QByteArray(j("{'rules':[{'status_code':201}]}"))
                                  << "rules[0].match";
        QTest::newRow("empty dot path segment")
            << QByteArray(j("{'rules':[{'match':{'json':{'a..b':1}}}]}"))
            << "rules[0].match.json.a..b";
        QTest::newRow("rule status")
            << QByteArray(j("{'rules':[{'match':{},'status_code':99}]}")) << "rules[0].status_code";
        QTest::newRow("rule response and body")
            << QByteArray(j("{'rules':[{'match':{},'response':1,'body':'x'}]}")) << "rules[0].body";
        QTest::newRow("rule html type")
            << QByteArray(j("{'rules':[{'match':{},'headers':{'Content-Type':'text/html'}}]}"))
            << "rules[0].headers";
        QTest::newRow("rules not a list") << QByteArray(j("{'rules':{}}")) << "rules";
        QTest::newRow("sequence step")
            << QByteArray(j("{'sequence':[{'response':1},{'fault':'explode'}]}"))
            << "sequence[1].fault";
        QTest::newRow("after_last") << QByteArray(j("{'after_last':'rewind'}")) << "after_last";
        QTest::newRow("slow_body without speed")
            << QByteArray(j("{'fault':'slow_body'}")) << "bytes_per_second";
        QTest::newRow("latency range reversed")
            << QByteArray(j("{'latency':{'min':400,'max':50}}")) << "latency";
        QTest::newRow("unknown placeholder")
            << QByteArray(j("{'template':true,'response':{'a':'{{request.cookie.x}}'}}"))
            << "response";
        QTest::newRow("unknown placeholder in a rule")
            << QByteArray(j("{'template':true,'rules':[{'match':{},'body':'{{ env.HOME }}'}]}"))
            << "rules[0].body";
        QTest::newRow("placeholder in a header")
            << QByteArray(j("{'template':true,'headers':{'X-A':'{{uuid 4}}'}}")) << "headers";
        QTest::newRow("randomInt reversed")
            << QByteArray(j("{'template':true,'response':'{{randomInt 9 1}}'}")) << "response";
        QTest::newRow("unclosed placeholder")
            << QByteArray(j("{'template':true,'response':'{{now'}")) << "response";
        QTest::newRow("rules on a file endpoint")
            << QByteArray(j("{'kind':'file','rules':[{'match':{}}]}")) << "kind";
    }

    void refusedAtSaveTime()
    {
        QFETCH(QByteArray, fields);
        QFETCH(QString, field);
        const HostedUser u = newUser();
        QJsonObject input = parse(fields);
        input.insert(QStringLiteral("identifier"), QStringLiteral("bad"));
        const HttpResult r = create(u, input);
        QCOMPARE(r.status, 422);
        const QJsonObject problems = r.json().value(QStringLiteral("fields")).toObject();
        QVERIFY2(problems.contains(field), r.body.constData());
        QVERIFY(!problems.value(field).toString().isEmpty());
        // Nothing was stored.
        QCOMPARE(hit(u, "GET", QStringLiteral("bad")).status, 404);
    }

    // ---- templates --------------------------------------------------------------------------

    void placeholders_data()
    {
        QTest::addColumn<QString>("placeholder");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path"); // after the user, with the query
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected"); // a regular expression for the whole value
        QTest::newRow("query") << "{{request.query.name}}" << QByteArray("GET") << "t/x?name=Ada"
                               << QByteArray() << QByteArray() << "Ada";
        QTest::newRow("query missing") << "[{{request.query.name}}]" << QByteArray("GET") << "t/x"
                                       << QByteArray() << QByteArray() << "\\[\\]";
        QTest::newRow("header") << "{{request.header.x-user}}" << QByteArray("GET") << "t/x"
                                << QByteArray("X-User: Grace") << QByteArray() << "Grace";
        QTest::newRow("path") << "{{request.path}}" << QByteArray("GET") << "t/7/orders"
                              << QByteArray() << QByteArray() << "7/orders";
        QTest::newRow("path segment") << "{{request.path.1}}" << QByteArray("GET") << "t/7/orders"
                                      << QByteArray() << QByteArray() << "orders";
        QTest::newRow("json") << "{{request.json.user.name}}" << QByteArray("POST") << "t/x"
                              << QByteArray() << QByteArray(j("{'user':{'name':'Linus'}}"))
                              << "Linus";
        QTest::newRow("json array")
            << "{{request.json.items.1}}" << QByteArray("POST") << "t/x" << QByteArray()
            << QByteArray(j("{'items':[1,2.5]}")) << "2\\.5";
        QTest::newRow("json object")
            << "{{request.json.a}}" << QByteArray("POST") << "t/x" << QByteArray()
            << QByteArray(j("{'a':{'b':true}}")) << "\\{\"b\":true\\}";
        QTest::newRow("method") << "{{request.method}}" << QByteArray("PATCH") << "t/x"
                                << QByteArray() << QByteArray() << "PATCH";
        QTest::newRow("now") << "{{now}}" << QByteArray("GET") << "t/x" << QByteArray()
                             << QByteArray() << "20\\d\\d-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";
        QTest::newRow("now epoch") << "{{now \"epoch\"}}" << QByteArray("GET") << "t/x"
                                   << QByteArray() << QByteArray() << "1\\d{9}";
        QTest::newRow("uuid") << "{{uuid}}" << QByteArray("GET") << "t/x" << QByteArray()
                              << QByteArray()
                              << "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}";
        QTest::newRow("randomInt") << "{{randomInt 3 5}}" << QByteArray("GET") << "t/x"
                                   << QByteArray() << QByteArray() << "[345]";
        QTest::newRow("default used")
            << "{{default request.query.name \"nobody\"}}" << QByteArray("GET") << "t/x"
            << QByteArray() << QByteArray() << "nobody";
        QTest::newRow("default unused")
            << "{{default request.query.name \"nobody\"}}" << QByteArray("GET") << "t/x?name=Ada"
            << QByteArray() << QByteArray() << "Ada";
        QTest::newRow("default with a quote")
            << "{{default request.header.x \"say \\\"hi\\\"\"}}" << QByteArray("GET") << "t/x"
            << QByteArray() << QByteArray() << "say \"hi\"";
        QTest::newRow("quotes and newlines")
            << "<{{request.json.text}}>" << QByteArray("POST") << "t/x" << QByteArray()
            << QByteArray(j("{'text':'a \\'quoted\\'\\nline\\\\'}")) << "<a \"quoted\"\nline\\\\>";
        QTest::newRow("query with quotes and newline")
            << "{{request.query.v}}" << QByteArray("GET") << "t/x?v=%22%7D%0A%22x" << QByteArray()
            << QByteArray() << "\"\\}\n\"x";
        QTest::newRow("several") << "{{request.method}} {{request.path.0}}?{{request.query.a}}"
                                 << QByteArray("DELETE") << "t/9?a=b" << QByteArray()
                                 << QByteArray() << "DELETE 9\\?b";
    }

    void placeholders()
    {
        QFETCH(QString, placeholder);
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        const HostedUser u = newUser();
        const HttpResult created = create(
            u, {{QStringLiteral("identifier"), QStringLiteral("t/*")},
                {QStringLiteral("method"), QStringLiteral("ANY")},
                {QStringLiteral("template"), true},
                {QStringLiteral("headers"), QJsonObject{{QStringLiteral("X-Echo"), placeholder}}},
                {QStringLiteral("response"),
                 QJsonObject{{QStringLiteral("v"), placeholder},
                             {QStringLiteral("list"), QJsonArray{placeholder}}}},
                {QStringLiteral("rules"),
                 QJsonArray{QJsonObject{
                     {QStringLiteral("match"),
                      QJsonObject{{QStringLiteral("query"),
                                   QJsonObject{{QStringLiteral("as"), QStringLiteral("text")}}}}},
                     {QStringLiteral("body"), placeholder}}}}});
        QCOMPARE(created.status, 201);
        Headers headers;
        if (!header.isEmpty()) {
            const qsizetype colon = header.indexOf(':');
            headers.append({header.left(colon), header.mid(colon + 1).trimmed()});
        }
        const QRegularExpression whole(QRegularExpression::anchoredPattern(expected));
        // Inside JSON: escaped, so the answer parses and holds the value exactly.
        const HttpResult r = hit(u, method, path, body, headers);
        QCOMPARE(r.status, 200);
        QJsonParseError error;
        const QJsonObject answer = QJsonDocument::fromJson(r.body, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QString value = answer.value(QStringLiteral("v")).toString();
        QVERIFY2(whole.match(value).hasMatch(), qPrintable(value));
        QVERIFY(whole.match(answer.value(QStringLiteral("list"))[0].toString()).hasMatch());
        // In a header: the same value, never a second header line.
        const QString headerValue = QString::fromUtf8(r.header("X-Echo"));
        if (!expected.contains(u'\n'))
            QVERIFY2(whole.match(headerValue).hasMatch(), qPrintable(headerValue));
        // In a text body: as it is.
        const QString sep = path.contains(u'?') ? QStringLiteral("&") : QStringLiteral("?");
        const HttpResult text =
            hit(u, method, path + sep + QStringLiteral("as=text"), body, headers);
        QCOMPARE(text.status, 200);
        QVERIFY2(whole.match(QString::fromUtf8(text.body)).hasMatch(), text.body.constData());
    }

    void templateOutputIsBounded()
    {
        const HostedUser u = newUser();
        mock(u, {{QStringLiteral("identifier"), QStringLiteral("big")},
                 {QStringLiteral("method"), QStringLiteral("POST")},
                 {QStringLiteral("template"), true},
                 {QStringLiteral("response"),
                  QJsonArray{QStringLiteral("{{request.json.s}}"),
                             QStringLiteral("{{request.json.s}}{{request.json.s}}")}}});
        const QByteArray big = "{\"s\":\"" + QByteArray(400 * 1024, 'x') + "\"}";
        const HttpResult r = hit(u, "POST", QStringLiteral("big"), big);
        QCOMPARE(r.status, 500);
        QVERIFY(r.json().value(QStringLiteral("detail")).toString().contains(u"template"));
        // A small one renders, and the server keeps serving.
        QCOMPARE(hit(u, "POST", QStringLiteral("big"), "{\"s\":\"y\"}").body, "[\"y\",\"yy\"]");
    }

    void wildcards()
    {
        const HostedUser u = newUser();
        mock(u, {{QStringLiteral("identifier"), QStringLiteral("users/*")},
                 {QStringLiteral("response"), QStringLiteral("any user")}});
        mock(u, {{QStringLiteral("identifier"), QStringLiteral("users/7/*")},
                 {QStringLiteral("response"), QStringLiteral("user 7")}});
        mock(u, {{QStringLiteral("identifier"), QStringLiteral("users/7/orders")},
                 {QStringLiteral("response"), QStringLiteral("orders of 7")}});
        QCOMPARE(hit(u, "GET", QStringLiteral("users/1")).body, "\"any user\"");
        QCOMPARE(hit(u, "GET", QStringLiteral("users/1/a/b/c")).body, "\"any user\"");
        QCOMPARE(hit(u, "GET", QStringLiteral("users/7/profile")).body, "\"user 7\"");
        QCOMPARE(hit(u, "GET", QStringLiteral("users/7/orders")).body, "\"orders of 7\"");
        QCOMPARE(hit(u, "GET", QStringLiteral("users/7/orders/1")).body, "\"user 7\"");
        QCOMPARE(hit(u, "GET", QStringLiteral("users")).status, 404); // deeper paths only
        const HttpResult listed = api(u, "GET", QStringLiteral("/api/v1/endpoints"));
        QVERIFY(listed.body.contains("/users/*\""));
    }

    // ---- the journal --------------------------------------------------------------------------

    void journalContent()
    {
        const HostedUser u = newUser();
        const QString id =
            mock(u, {{QStringLiteral("identifier"), QStringLiteral("j")},
                     {QStringLiteral("method"), QStringLiteral("POST")},
                     {QStringLiteral("rules"),
                      parseValue(j("[{'match':{'query':{'r':'1'}},'status_code':418}]"))}});
        const HttpResult r = hit(u, "POST", QStringLiteral("j?r=1&x=%20y"), "{\"hello\":1}",
                                 {{"Content-Type", "application/json"},
                                  {"Authorization", "Bearer secret-token-value"},
                                  {"Cookie", "session=secret-cookie"},
                                  {"X-Custom", "kept"}});
        QCOMPARE(r.status, 418);
        QJsonArray items;
        QTRY_VERIFY_WITH_TIMEOUT((items = journal(u, id)).size() == 1, 5000);
        const QJsonObject e = items.at(0).toObject();
        QCOMPARE(e.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
        QCOMPARE(e.value(QStringLiteral("path")).toString(), QStringLiteral("/u/%1/j").arg(u.name));
        QCOMPARE(e.value(QStringLiteral("query")).toString(), QStringLiteral("r=1&x=%20y"));
        QCOMPARE(e.value(QStringLiteral("body")).toString(), QStringLiteral("{\"hello\":1}"));
        QCOMPARE(e.value(QStringLiteral("body_truncated")).toBool(), false);
        QCOMPARE(e.value(QStringLiteral("remote_address")).toString(), QStringLiteral("127.0.0.1"));
        QCOMPARE(e.value(QStringLiteral("answered_by")).toString(), QStringLiteral("rule"));
        QCOMPARE(e.value(QStringLiteral("rule")).toInt(-1), 0);
        QCOMPARE(e.value(QStringLiteral("status")).toInt(), 418);
        QVERIFY(e.value(QStringLiteral("duration_ms")).toDouble() > 0);
        QVERIFY(QDateTime::fromString(e.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs)
                    .isValid());
        QMap<QString, QString> headers;
        for (const QJsonValue &pair : e.value(QStringLiteral("headers")).toArray())
            headers.insert(pair[0].toString().toLower(), pair[1].toString());
        QCOMPARE(headers.value(QStringLiteral("x-custom")), QStringLiteral("kept"));
        QCOMPARE(headers.value(QStringLiteral("authorization")), QStringLiteral("[redacted]"));
        QCOMPARE(headers.value(QStringLiteral("cookie")), QStringLiteral("[redacted]"));
        // The secrets are nowhere in what was stored.
        QVERIFY(!api(u, "GET", QStringLiteral("/api/v1/endpoints/%1/requests").arg(id))
                     .body.contains("secret-"));

        // A request the rule does not match: the endpoint's own answer.
        hit(u, "POST", QStringLiteral("j"), "x");
        QTRY_VERIFY_WITH_TIMEOUT((items = journal(u, id)).size() == 2, 5000);
        QCOMPARE(items.at(0).toObject().value(QStringLiteral("answered_by")).toString(),
                 QStringLiteral("endpoint"));
        QVERIFY(items.at(0).toObject().value(QStringLiteral("rule")).isNull());
        // A wrong method is journaled with its 405.
        hit(u, "GET", QStringLiteral("j"));
        QTRY_VERIFY_WITH_TIMEOUT((items = journal(u, id)).size() == 3, 5000);
        QCOMPARE(items.at(0).toObject().value(QStringLiteral("status")).toInt(), 405);
    }

    void journalBodyIsCut()
    {
        const HostedUser u = newUser();
        const QString id = mock(u, {{QStringLiteral("identifier"), QStringLiteral("b")},
                                    {QStringLiteral("method"), QStringLiteral("PUT")}});
        QByteArray body(100 * 1024, 'z');
        body[0] = '\xff'; // not UTF-8: base64
        hit(u, "PUT", QStringLiteral("b"), body);
        QJsonArray items;
        QTRY_VERIFY_WITH_TIMEOUT((items = journal(u, id)).size() == 1, 5000);
        const QJsonObject e = items.at(0).toObject();
        QCOMPARE(e.value(QStringLiteral("body_truncated")).toBool(), true);
        QCOMPARE(e.value(QStringLiteral("body_size")).toInt(), 100 * 1024);
        QCOMPARE(e.value(QStringLiteral("body_encoding")).toString(), QStringLiteral("base64"));
        QCOMPARE(QByteArray::fromBase64(e.value(QStringLiteral("body")).toString().toLatin1()),
                 body.left(64 * 1024));
    }

    void journalLimitAndPages()
    {
        const HostedUser u = newUser();
        const QString id = mock(u, {{QStringLiteral("identifier"), QStringLiteral("n")}});
        const QString other = mock(u, {{QStringLiteral("identifier"), QStringLiteral("o")}});
        for (int i = 0; i < kJournalSize + 3; ++i)
            QCOMPARE(hit(u, "GET", QStringLiteral("n?i=%1").arg(i)).status, 200);
        hit(u, "GET", QStringLiteral("o"));
        // Trimmed as they arrive: the newest kJournalSize, newest first.
        HttpResult page;
        QTRY_VERIFY_WITH_TIMEOUT(
            (page = api(u, "GET", QStringLiteral("/api/v1/endpoints/%1/requests").arg(id)))
                    .json()
                    .value(QStringLiteral("items"))
                    .toArray()
                    .first()
                    .toObject()
                    .value(QStringLiteral("query"))
                    .toString() == QStringLiteral("i=%1").arg(kJournalSize + 2),
            5000);
        QCOMPARE(page.json().value(QStringLiteral("total")).toInt(), kJournalSize);
        const QJsonArray two = journal(u, id, QStringLiteral("?limit=2&offset=1"));
        QCOMPARE(two.size(), 2);
        QCOMPARE(two.at(0).toObject().value(QStringLiteral("query")).toString(),
                 QStringLiteral("i=%1").arg(kJournalSize + 1));
        QCOMPARE(two.at(1).toObject().value(QStringLiteral("query")).toString(),
                 QStringLiteral("i=%1").arg(kJournalSize));
        QCOMPARE(
            api(u, "GET", QStringLiteral("/api/v1/endpoints/%1/requests?limit=0").arg(id)).status,
            422);
        // Each endpoint has its own journal; DELETE clears one.
        QCOMPARE(journal(u, other).size(), 1);
        QCOMPARE(api(u, "DELETE", QStringLiteral("/api/v1/endpoints/%1/requests").arg(id)).status,
                 204);
        QCOMPARE(journal(u, id).size(), 0);
        QCOMPARE(journal(u, other).size(), 1);
        // Another user sees nothing of it.
        const HostedUser stranger = newUser();
        QCOMPARE(
            api(stranger, "GET", QStringLiteral("/api/v1/endpoints/%1/requests").arg(other)).status,
            404);
        QCOMPARE(
            TestHttp::get(server().url(QStringLiteral("/api/v1/endpoints/%1/requests").arg(other)))
                .status,
            401);
    }

    void unmatchedRequests()
    {
        const HostedUser u = newUser();
        const HostedUser other = newUser();
        mock(u, {{QStringLiteral("identifier"), QStringLiteral("known")}});
        QCOMPARE(hit(u, "GET", QStringLiteral("unknown/path?x=1"), {},
                     {{"Authorization", "Basic c2VjcmV0OnNlY3JldA=="}})
                     .status,
                 404);
        QCOMPARE(hit(u, "GET", QStringLiteral("known")).status, 200);
        HttpResult r;
        QTRY_VERIFY_WITH_TIMEOUT((r = api(u, "GET", QStringLiteral("/api/v1/unmatched")))
                                         .json()
                                         .value(QStringLiteral("total"))
                                         .toInt() == 1,
                                 5000);
        const QJsonObject e = r.json().value(QStringLiteral("items")).toArray().at(0).toObject();
        QCOMPARE(e.value(QStringLiteral("path")).toString(),
                 QStringLiteral("/u/%1/unknown/path").arg(u.name));
        QCOMPARE(e.value(QStringLiteral("query")).toString(), QStringLiteral("x=1"));
        QCOMPARE(e.value(QStringLiteral("status")).toInt(), 404);
        QVERIFY(e.value(QStringLiteral("endpoint_id")).isNull());
        QVERIFY(!r.body.contains("c2VjcmV0"));
        QCOMPARE(api(other, "GET", QStringLiteral("/api/v1/unmatched"))
                     .json()
                     .value(QStringLiteral("total"))
                     .toInt(),
                 0);
        // Trimmed like the others.
        for (int i = 0; i < kJournalSize + 2; ++i)
            hit(u, "GET", QStringLiteral("missing%1").arg(i));
        QTRY_COMPARE_WITH_TIMEOUT(
            api(u, "GET", QStringLiteral("/api/v1/unmatched?limit=1"))
                .json()
                .value(QStringLiteral("items"))[0]
                .toObject()
                .value(QStringLiteral("path"))
                .toString(),
            QStringLiteral("/u/%1/missing%2").arg(u.name).arg(kJournalSize + 1), 5000);
        QCOMPARE(api(u, "GET", QStringLiteral("/api/v1/unmatched"))
                     .json()
                     .value(QStringLiteral("total"))
                     .toInt(),
                 kJournalSize);
        QCOMPARE(api(u, "DELETE", QStringLiteral("/api/v1/unmatched")).status, 204);
        QCOMPARE(api(u, "GET", QStringLiteral("/api/v1/unmatched"))
                     .json()
                     .value(QStringLiteral("total"))
                     .toInt(),
                 0);
    }

    // ---- sequences --------------------------------------------------------------------------

    void sequences_data()
    {
        QTest::addColumn<QString>("afterLast");
        QTest::addColumn<QString>("expected");
        QTest::newRow("repeat_last") << "repeat_last"
                                     << "1 2 3 3 3";
        QTest::newRow("cycle") << "cycle"
                               << "1 2 3 1 2";
    }

    void sequences()
    {
        QFETCH(QString, afterLast);
        QFETCH(QString, expected);
        const HostedUser u = newUser();
        const QString id = mock(
            u, {{QStringLiteral("identifier"), QStringLiteral("s")},
                {QStringLiteral("after_last"), afterLast},
                {QStringLiteral("sequence"),
                 parseValue(j("[{'response':1},{'response':2,'status_code':202},{'body':'3'}]"))}});
        auto run = [&](int n) {
            QStringList got;
            for (int i = 0; i < n; ++i)
                got.append(QString::fromUtf8(hit(u, "GET", QStringLiteral("s")).body));
            return got.join(u' ');
        };
        QCOMPARE(run(5), expected);
        QCOMPARE(api(u, "POST", QStringLiteral("/api/v1/endpoints/%1/reset").arg(id)).status, 204);
        QCOMPARE(run(2), QStringLiteral("1 2"));
        // Each worker writes its entries a moment after its answers, one worker's possibly after
        // the other's: wait for the last one and for all five kept (--journal-size).
        QJsonArray items;
        QTRY_VERIFY_WITH_TIMEOUT(
            (items = journal(u, id)).size() == 5 &&
                items.at(0).toObject().value(QStringLiteral("sequence_index")).toInt(-1) == 1,
            5000);
        QCOMPARE(items.at(0).toObject().value(QStringLiteral("status")).toInt(), 202);
        // Saving the endpoint starts it again.
        const HttpResult patched =
            TestHttp::request("PATCH", server().url(QStringLiteral("/api/v1/endpoints/%1").arg(id)),
                              j("{'headers':{'X-V':'2'}}"), u.auth());
        QCOMPARE(patched.status, 200);
        QCOMPARE(run(1), QStringLiteral("1"));
        const HostedUser stranger = newUser();
        QCOMPARE(api(stranger, "POST", QStringLiteral("/api/v1/endpoints/%1/reset").arg(id)).status,
                 404);
    }

    void sequenceSharedByInstances()
    {
        QFETCH_GLOBAL(QString, backend);
        if (backend != u"postgresql")
            QSKIP("instances share a database on PostgreSQL");
        TestServer &a = server();
        TestServer b;
        QVERIFY2(b.startSharing(a, options()), qPrintable(b.errorString()));
        const HostedUser u = newUser(a);
        mock(u, {{QStringLiteral("identifier"), QStringLiteral("shared")},
                 {QStringLiteral("sequence"),
                  parseValue(j("[{'response':1},{'response':2},{'response':3},{'response':4}]"))}});
        QStringList got;
        for (int i = 0; i < 4; ++i)
            got.append(
                QString::fromUtf8(hit(i % 2 ? b : a, u, "GET", QStringLiteral("shared")).body));
        QCOMPARE(got.join(u' '), QStringLiteral("1 2 3 4"));
        QCOMPARE(b.stop(), 0);
    }

    // ---- faults, latency, CORS ----------------------------------------------------------------

    void faults_data()
    {
        QTest::addColumn<QByteArray>("fields");
        QTest::addColumn<int>("endErrno"); // how the connection ended
        QTest::addColumn<bool>("answered");
        QTest::newRow("reset") << QByteArray(j("{'fault':'reset'}")) << int(ECONNRESET) << false;
        QTest::newRow("empty") << QByteArray(j("{'fault':'empty'}")) << 0 << false;
        QTest::newRow("rule reset") << QByteArray(j("{'rules':[{'match':{},'fault':'reset'}]}"))
                                    << int(ECONNRESET) << false;
        QTest::newRow("sequence empty")
            << QByteArray(j("{'sequence':[{'fault':'empty'}]}")) << 0 << false;
        QTest::newRow("no fault") << QByteArray(j("{'response':'ok'}")) << 0 << true;
    }

    void faults()
    {
        QFETCH(QByteArray, fields);
        QFETCH(int, endErrno);
        QFETCH(bool, answered);
        const HostedUser u = newUser();
        QJsonObject input = parse(fields);
        input.insert(QStringLiteral("identifier"), QStringLiteral("f"));
        QCOMPARE(create(u, input).status, 201);
        const SocketOutcome out = socketRequest(
            server().baseUrl(),
            "GET /u/" + u.name.toLatin1() + "/f HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        QCOMPARE(out.endErrno, endErrno);
        QCOMPARE(out.data.startsWith("HTTP/1.1 200"), answered);
        if (!answered)
            QVERIFY(out.data.isEmpty());
        // The server keeps serving, and the journal says what happened.
        QCOMPARE(TestHttp::get(server().url(QStringLiteral("/healthz"))).status, 200);
    }

    void slowBody()
    {
        const HostedUser u = newUser();
        const QByteArray text(60, 'a');
        mock(u, {{QStringLiteral("identifier"), QStringLiteral("slow")},
                 {QStringLiteral("fault"), QStringLiteral("slow_body")},
                 {QStringLiteral("bytes_per_second"), 100},
                 {QStringLiteral("response"), QString::fromLatin1(text)}});
        QElapsedTimer clock;
        clock.start();
        const HttpResult r = hit(u, "GET", QStringLiteral("slow"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, '"' + text + '"');
        // 62 bytes at 100 bytes a second: the last ones leave after at least half a second.
        QVERIFY2(clock.elapsed() >= 500, qPrintable(QString::number(clock.elapsed())));
    }

    void latencyRange()
    {
        const HostedUser u = newUser();
        const HttpResult created =
            create(u, {{QStringLiteral("identifier"), QStringLiteral("lat")},
                       {QStringLiteral("latency"), parseValue(j("{'min':150,'max':250}"))}});
        QCOMPARE(created.status, 201);
        QCOMPARE(created.json().value(QStringLiteral("latency")).toObject(),
                 parse(j("{'min':150,'max':250}")));
        QElapsedTimer clock;
        clock.start();
        QCOMPARE(hit(u, "GET", QStringLiteral("lat")).status, 200);
        QVERIFY(clock.elapsed() >= 150);
    }

    void corsPreflight()
    {
        const HostedUser u = newUser();
        mock(u,
             {{QStringLiteral("identifier"), QStringLiteral("api")},
              {QStringLiteral("method"), QJsonArray{QStringLiteral("GET"), QStringLiteral("PUT")}},
              {QStringLiteral("cors"), true}});
        mock(u, {{QStringLiteral("identifier"), QStringLiteral("closed")}});
        // What a browser sends before a cross-origin PUT with a custom header.
        const Headers preflight{{"Origin", "http://localhost:5173"},
                                {"Access-Control-Request-Method", "PUT"},
                                {"Access-Control-Request-Headers", "content-type,x-token"}};
        HttpResult r = hit(u, "OPTIONS", QStringLiteral("api"), {}, preflight);
        QCOMPARE(r.status, 204);
        QCOMPARE(r.header("Access-Control-Allow-Origin"), "http://localhost:5173");
        QVERIFY(r.header("Access-Control-Allow-Methods").contains("PUT"));
        QCOMPARE(r.header("Access-Control-Allow-Headers"), "content-type,x-token");
        QVERIFY(!r.header("Access-Control-Max-Age").isEmpty());
        QCOMPARE(r.header("Vary"), "Origin");
        r = hit(u, "PUT", QStringLiteral("api"), "{}", {{"Origin", "http://localhost:5173"}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Access-Control-Allow-Origin"), "http://localhost:5173");
        // Errors carry it too (the browser must see them), and without Origin nothing is added.
        r = hit(u, "DELETE", QStringLiteral("api"), {}, {{"Origin", "http://localhost:5173"}});
        QCOMPARE(r.status, 405);
        QCOMPARE(r.header("Access-Control-Allow-Origin"), "http://localhost:5173");
        QVERIFY(
            hit(u, "GET", QStringLiteral("api")).header("Access-Control-Allow-Origin").isEmpty());
        // An endpoint without cors answers OPTIONS with Allow only.
        r = hit(u, "OPTIONS", QStringLiteral("closed"), {}, preflight);
        QCOMPARE(r.status, 204);
        QVERIFY(r.header("Access-Control-Allow-Origin").isEmpty());
        QCOMPARE(r.header("Allow"), "GET, HEAD, OPTIONS");
    }

    // The account's default (PATCH /api/v1/me) for endpoints that do not set cors themselves:
    // a browser's preflight and request, the explicit values winning, and validation.
    void corsAccountDefault()
    {
        const HostedUser u = newUser();
        const HostedUser other = newUser();
        auto patchMe = [this](const HostedUser &user, const QByteArray &body) {
            Headers headers = user.auth();
            headers.append(
                {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
            return TestHttp::request("PATCH", server().url(QStringLiteral("/api/v1/me")), body,
                                     headers);
        };
        auto corsDefault = [this](const HostedUser &user) {
            const HttpResult me = api(user, "GET", QStringLiteral("/api/v1/me"));
            return me.json().value(QStringLiteral("cors_default"));
        };
        QCOMPARE(corsDefault(u), QJsonValue(false));
        const QJsonArray methods{QStringLiteral("GET"), QStringLiteral("PUT")};
        const QString plainId = mock(u, {{QStringLiteral("identifier"), QStringLiteral("plain")},
                                         {QStringLiteral("method"), methods}});
        mock(u, {{QStringLiteral("identifier"), QStringLiteral("off")},
                 {QStringLiteral("cors"), false}});
        mock(other, {{QStringLiteral("identifier"), QStringLiteral("plain")}});
        QCOMPARE(api(u, "GET", QStringLiteral("/api/v1/endpoints/") + plainId)
                     .json()
                     .value(QStringLiteral("cors")),
                 QJsonValue(QJsonValue::Null));
        const Headers preflight{{"Origin", "http://localhost:5173"},
                                {"Access-Control-Request-Method", "PUT"},
                                {"Access-Control-Request-Headers", "content-type"}};
        QVERIFY(hit(u, "OPTIONS", QStringLiteral("plain"), {}, preflight)
                    .header("Access-Control-Allow-Origin")
                    .isEmpty());

        HttpResult r = patchMe(u, "{\"cors_default\": true}");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("cors_default")), QJsonValue(true));
        QCOMPARE(r.json().value(QStringLiteral("username")).toString(), u.name);
        QCOMPARE(corsDefault(u), QJsonValue(true));
        // What a browser sends before a cross-origin PUT with a JSON body, then the PUT itself.
        r = hit(u, "OPTIONS", QStringLiteral("plain"), {}, preflight);
        QCOMPARE(r.status, 204);
        QCOMPARE(r.header("Access-Control-Allow-Origin"), "http://localhost:5173");
        QVERIFY(r.header("Access-Control-Allow-Methods").contains("PUT"));
        QCOMPARE(r.header("Access-Control-Allow-Headers"), "content-type");
        QCOMPARE(r.header("Vary"), "Origin");
        r = hit(u, "PUT", QStringLiteral("plain"), "{}",
                {{"Origin", "http://localhost:5173"}, {"Content-Type", "application/json"}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Access-Control-Allow-Origin"), "http://localhost:5173");
        // An endpoint's own "false" wins; another user's default is theirs.
        QVERIFY(hit(u, "OPTIONS", QStringLiteral("off"), {}, preflight)
                    .header("Access-Control-Allow-Origin")
                    .isEmpty());
        QVERIFY(hit(other, "OPTIONS", QStringLiteral("plain"), {}, preflight)
                    .header("Access-Control-Allow-Origin")
                    .isEmpty());

        // Bad input names the field and changes nothing.
        r = patchMe(u, "{\"cors_default\": \"yes\"}");
        QCOMPARE(r.status, 422);
        QVERIFY(r.json()
                    .value(QStringLiteral("fields"))
                    .toObject()
                    .contains(QStringLiteral("cors_default")));
        r = patchMe(u, "{\"cors_default\": false, \"colour\": \"blue\"}");
        QCOMPARE(r.status, 422);
        QVERIFY(
            r.json().value(QStringLiteral("fields")).toObject().contains(QStringLiteral("colour")));
        QCOMPARE(corsDefault(u), QJsonValue(true));
        QCOMPARE(patchMe(u, "[true]").status, 400);
        QCOMPARE(TestHttp::request("PATCH", server().url(QStringLiteral("/api/v1/me")),
                                   "{\"cors_default\": true}")
                     .status,
                 401);
        r = create(u, {{QStringLiteral("identifier"), QStringLiteral("bad")},
                       {QStringLiteral("cors"), QStringLiteral("maybe")}});
        QCOMPARE(r.status, 422);
        QVERIFY(
            r.json().value(QStringLiteral("fields")).toObject().contains(QStringLiteral("cors")));

        // Off again: the endpoint without its own value follows.
        QCOMPARE(patchMe(u, "{\"cors_default\": false}").status, 200);
        r = hit(u, "OPTIONS", QStringLiteral("plain"), {}, preflight);
        QCOMPARE(r.status, 204);
        QVERIFY(r.header("Access-Control-Allow-Origin").isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestMocks)
#include "tst_mocks.moc"
