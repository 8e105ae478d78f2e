// Hosted endpoints end to end over HTTP against real depot-server processes, on SQLite and
// PostgreSQL: the management API (/api/v1/endpoints), json and file endpoints at /u/<user>/...,
// hostile input, expiry and the reaper. Script endpoints: tst_hosted_scripts.
#include "HostedTestSupport.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QTest>

#include <map>

using namespace depot::test;

namespace {

QString iso(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).toString(Qt::ISODate);
}

QByteArray randomBytes(qsizetype size)
{
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(data.data()), size / 4);
    return data;
}

QStringList storedFiles(const TestServer &server)
{
    return QDir(server.dataDir() + QStringLiteral("/files/endpoints"))
        .entryList(QDir::Files | QDir::Hidden);
}

} // namespace

class TestEndpoints : public QObject
{
    Q_OBJECT

    std::map<QString, std::unique_ptr<TestServer>> m_servers; // one shared server per backend
    int m_users = 0;

    TestServer &server()
    {
        QFETCH_GLOBAL(QString, backend);
        auto &slot = m_servers[backend];
        if (!slot) {
            slot = std::make_unique<TestServer>();
            TestServer::Options options;
            options.backend = backend;
            options.extraArgs = {
                QStringLiteral("--shutdown-timeout"),     QStringLiteral("500"),
                QStringLiteral("--endpoint-max-latency"), QStringLiteral("5000"),
                QStringLiteral("--endpoint-max-upload"),  QString::number(16 << 20),
                QStringLiteral("--endpoint-max-expiry"),  QStringLiteral("86400")};
            if (!slot->start(options))
                qFatal("cannot start depot-server: %s", qPrintable(slot->errorString()));
        }
        return *slot;
    }

    static bool startServer(TestServer &server, const QStringList &args)
    {
        QFETCH_GLOBAL(QString, backend);
        TestServer::Options options;
        options.backend = backend;
        // Short: the connection guard waits for idle keep-alive connections after large uploads.
        options.extraArgs =
            QStringList{QStringLiteral("--shutdown-timeout"), QStringLiteral("500")} + args;
        return server.start(options);
    }

    HostedUser newUser(TestServer &s)
    {
        HostedUser u;
        u.name = QStringLiteral("user%1").arg(++m_users);
        u.token = s.signUpAndLogin(u.name);
        return u;
    }
    HostedUser newUser() { return newUser(server()); }

    static HttpResult api(TestServer &s, const QByteArray &method, const QString &path,
                          const HostedUser &u, const QByteArray &body = {},
                          const Headers &extra = {})
    {
        Headers headers = u.auth();
        headers.append(extra);
        return TestHttp::request(method, s.url(path), body, headers);
    }
    HttpResult api(const QByteArray &method, const QString &path, const HostedUser &u,
                   const QByteArray &body = {}, const Headers &extra = {})
    {
        return api(server(), method, path, u, body, extra);
    }
    static HttpResult createJson(TestServer &s, const HostedUser &u, const QJsonObject &json)
    {
        return api(s, "POST", QStringLiteral("/api/v1/endpoints"), u, QJsonDocument(json).toJson(),
                   {{"Content-Type", "application/json"}});
    }
    HttpResult createJson(const HostedUser &u, const QJsonObject &json)
    {
        return createJson(server(), u, json);
    }
    static HttpResult createForm(TestServer &s, const HostedUser &u, const Form &form)
    {
        return TestHttp::request("POST", s.url(QStringLiteral("/api/v1/endpoints")), form.body(),
                                 form.headers(u.auth()));
    }
    HttpResult createForm(const HostedUser &u, const Form &form)
    {
        return createForm(server(), u, form);
    }
    static HttpResult hit(TestServer &s, const QByteArray &method, const HostedUser &u,
                          const QString &identifier, const QByteArray &body = {},
                          const Headers &headers = {})
    {
        return TestHttp::request(method, s.url(QStringLiteral("/u/%1/%2").arg(u.name, identifier)),
                                 body, headers);
    }
    HttpResult hit(const QByteArray &method, const HostedUser &u, const QString &identifier,
                   const QByteArray &body = {}, const Headers &headers = {})
    {
        return hit(server(), method, u, identifier, body, headers);
    }
    static QString idOf(const HttpResult &r)
    {
        return QString::number(r.json().value(QStringLiteral("id")).toInteger());
    }

private Q_SLOTS:
    void initTestCase_data()
    {
        QTest::addColumn<QString>("backend");
        for (const QString &backend : TestServer::backends())
            QTest::newRow(qPrintable(backend)) << backend;
    }

    void cleanupTestCase() { m_servers.clear(); }

    void jsonEndpointEndToEnd()
    {
        const HostedUser u = newUser();
        const HttpResult created = createJson(
            u, {{QStringLiteral("identifier"), QStringLiteral("api/users")},
                {QStringLiteral("response"), QJsonArray{QJsonObject{{QStringLiteral("id"), 1}}}},
                {QStringLiteral("status_code"), 201},
                {QStringLiteral("headers"),
                 QJsonObject{{QStringLiteral("X-Mock"), QStringLiteral("yes")}}}});
        QCOMPARE(created.status, 201);
        const QJsonObject e = created.json();
        QCOMPARE(e.value(QStringLiteral("url")).toString(),
                 server().url(QStringLiteral("/u/%1/api/users").arg(u.name)).toString());
        QCOMPARE(created.header("Location"), "/api/v1/endpoints/" + idOf(created).toLatin1());
        QCOMPARE(e.value(QStringLiteral("method")).toString(), QStringLiteral("GET"));
        QCOMPARE(e.value(QStringLiteral("kind")).toString(), QStringLiteral("json"));
        QCOMPARE(e.value(QStringLiteral("latency")).toInt(), 0);
        // The default expiry: seven days.
        const qint64 expires =
            QDateTime::fromString(e.value(QStringLiteral("expires_at")).toString(), Qt::ISODate)
                .toSecsSinceEpoch();
        QVERIFY(qAbs(expires - (QDateTime::currentSecsSinceEpoch() + 7 * 24 * 3600)) < 60);

        const HttpResult r = hit("GET", u, QStringLiteral("api/users"));
        QCOMPARE(r.status, 201);
        QCOMPARE(r.header("X-Mock"), "yes");
        QCOMPARE(r.header("Content-Type"), "application/json");
        QCOMPARE(QJsonDocument::fromJson(r.body).array(),
                 (QJsonArray{QJsonObject{{QStringLiteral("id"), 1}}}));
        const RawResponse head =
            rawRequest(server().baseUrl(), "HEAD", "/u/" + u.name.toLatin1() + "/api/users");
        QCOMPARE(head.status, 201);
        QCOMPARE(head.header("Content-Length"), QByteArray::number(r.body.size()));
        QVERIFY(head.body.isEmpty());
        // No token needed, but another user's namespace is another namespace.
        QCOMPARE(TestHttp::get(server().url(QStringLiteral("/u/nobody/api/users"))).status, 404);
    }

    void crudAndPagination()
    {
        const HostedUser u = newUser();
        QStringList ids;
        for (int i = 0; i < 5; ++i) {
            const HttpResult r =
                createJson(u, {{QStringLiteral("identifier"), QStringLiteral("item/%1").arg(i)},
                               {QStringLiteral("response"), i}});
            QCOMPARE(r.status, 201);
            ids.append(idOf(r));
        }
        const HttpResult page = api("GET", QStringLiteral("/api/v1/endpoints?limit=2&offset=1"), u);
        QCOMPARE(page.status, 200);
        QCOMPARE(page.json().value(QStringLiteral("total")).toInt(), 5);
        const QJsonArray items = page.json().value(QStringLiteral("items")).toArray();
        QCOMPARE(items.size(), 2);
        QCOMPARE(items[0].toObject().value(QStringLiteral("identifier")).toString(),
                 QStringLiteral("item/1"));
        QVERIFY(items[0]
                    .toObject()
                    .value(QStringLiteral("url"))
                    .toString()
                    .endsWith(QStringLiteral("/u/%1/item/1").arg(u.name)));
        QCOMPARE(api("GET", QStringLiteral("/api/v1/endpoints?limit=0"), u).status, 422);
        QCOMPARE(api("GET", QStringLiteral("/api/v1/endpoints?limit=abc"), u).status, 422);
        QCOMPARE(TestHttp::get(server().url(QStringLiteral("/api/v1/endpoints"))).status, 401);

        const QString path = QStringLiteral("/api/v1/endpoints/") + ids[0];
        const HttpResult one = api("GET", path, u);
        QCOMPARE(one.status, 200);
        QVERIFY(one.json().contains(QStringLiteral("url")));

        // PUT replaces the description: fields left out take their defaults.
        const HttpResult put =
            api("PUT", path, u,
                QJsonDocument(QJsonObject{{QStringLiteral("identifier"), QStringLiteral("renamed")},
                                          {QStringLiteral("method"), QStringLiteral("POST")},
                                          {QStringLiteral("response"), QStringLiteral("new")}})
                    .toJson());
        QCOMPARE(put.status, 200);
        QVERIFY(put.json()
                    .value(QStringLiteral("url"))
                    .toString()
                    .endsWith(QStringLiteral("/u/%1/renamed").arg(u.name)));
        QCOMPARE(put.json().value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
        QCOMPARE(hit("GET", u, QStringLiteral("item/0")).status, 404);
        QCOMPARE(hit("POST", u, QStringLiteral("renamed")).body, QByteArray("\"new\""));
        QCOMPARE(api("PUT", path, u, "{}").status, 422); // identifier required

        // PATCH changes only what it names.
        const HttpResult patch = api("PATCH", path, u, R"({"status_code": 418})");
        QCOMPARE(patch.status, 200);
        QCOMPARE(patch.json().value(QStringLiteral("identifier")).toString(),
                 QStringLiteral("renamed"));
        QCOMPARE(hit("POST", u, QStringLiteral("renamed")).status, 418);
        // Renaming onto another endpoint's identifier conflicts.
        QCOMPARE(api("PATCH", path, u, R"({"identifier": "item/1"})").status, 409);

        QCOMPARE(api("DELETE", path, u).status, 204);
        QCOMPARE(api("GET", path, u).status, 404);
        QCOMPARE(api("DELETE", path, u).status, 404);
        QCOMPARE(hit("POST", u, QStringLiteral("renamed")).status, 404);
    }

    void otherUsersIdsAre404()
    {
        const HostedUser owner = newUser();
        const HostedUser other = newUser();
        const HttpResult created =
            createJson(owner, {{QStringLiteral("identifier"), QStringLiteral("mine")},
                               {QStringLiteral("response"), 1}});
        QCOMPARE(created.status, 201);
        const QString path = QStringLiteral("/api/v1/endpoints/") + idOf(created);
        const HttpResult get = api("GET", path, other);
        QCOMPARE(get.status, 404);
        QCOMPARE(get.body, api("GET", QStringLiteral("/api/v1/endpoints/999999999"), other)
                               .body); // indistinguishable
        QCOMPARE(api("PUT", path, other, R"({"identifier": "stolen"})").status, 404);
        QCOMPARE(api("PATCH", path, other, R"({"response": 2})").status, 404);
        QCOMPARE(api("PUT", path + QStringLiteral("/content"), other, "3").status, 404);
        QCOMPARE(api("DELETE", path, other).status, 404);
        QCOMPARE(api("GET", QStringLiteral("/api/v1/endpoints/abc"), other).status, 404);
        QCOMPARE(api("GET", QStringLiteral("/api/v1/endpoints"), other)
                     .json()
                     .value(QStringLiteral("total"))
                     .toInt(),
                 0);
        // Untouched, and the other user may use the same identifier in their own namespace.
        QCOMPARE(hit("GET", owner, QStringLiteral("mine")).body, QByteArray("1"));
        QCOMPARE(createJson(other, {{QStringLiteral("identifier"), QStringLiteral("mine")}}).status,
                 201);
        QCOMPARE(createJson(owner, {{QStringLiteral("identifier"), QStringLiteral("mine")}}).status,
                 409);
    }

    void hostileIdentifiers_data()
    {
        QTest::addColumn<QString>("identifier");
        QTest::newRow("dot dot") << QStringLiteral("..");
        QTest::newRow("percent-encoded dot dot") << QStringLiteral("%2e%2e");
        QTest::newRow("traversal") << QStringLiteral("a/../../etc/passwd");
        QTest::newRow("NUL") << QStringLiteral("a") + QChar(0) + QStringLiteral("b");
        QTest::newRow("CR LF") << QStringLiteral("a\r\nSet-Cookie: x=1");
        QTest::newRow("300 characters") << QString(300, u'a');
        QTest::newRow("leading slash") << QStringLiteral("/etc/passwd");
        QTest::newRow("hidden") << QStringLiteral(".env");
        QTest::newRow("backslash") << QStringLiteral("..\\..\\x");
        QTest::newRow("empty") << QString();
    }

    void hostileIdentifiers()
    {
        QFETCH(QString, identifier);
        const HostedUser u = newUser();
        const HttpResult r = createJson(u, {{QStringLiteral("identifier"), identifier}});
        QCOMPARE(r.status, 422);
        QVERIFY2(r.json()
                     .value(QStringLiteral("fields"))
                     .toObject()
                     .contains(QStringLiteral("identifier")),
                 r.body.constData());
        // The same over multipart.
        const HttpResult form = createForm(
            u, Form().field("identifier", identifier.toUtf8()).file("x", "; filename=\"x.txt\""));
        QCOMPARE(form.status, 422);
        QCOMPARE(api("GET", QStringLiteral("/api/v1/endpoints"), u)
                     .json()
                     .value(QStringLiteral("total"))
                     .toInt(),
                 0);
    }

    void hostilePublicPaths_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<int>("status");
        QTest::newRow("encoded dot dot segments") << QByteArray("/%2e%2e/%2e%2e/etc/passwd") << 404;
        QTest::newRow("encoded slash") << QByteArray("/..%2f..%2fetc%2fpasswd") << 400;
        QTest::newRow("NUL") << QByteArray("/a%00b") << 400;
        QTest::newRow("CR LF") << QByteArray("/a%0d%0aSet-Cookie:%20x") << 400;
        QTest::newRow("300 characters") << "/" + QByteArray(300, 'a') << 404;
        QTest::newRow("bad UTF-8") << QByteArray("/%ff%fe") << 400;
    }

    void hostilePublicPaths()
    {
        QFETCH(QByteArray, path);
        QFETCH(int, status);
        const HostedUser u = newUser();
        QCOMPARE(createJson(u, {{QStringLiteral("identifier"), QStringLiteral("etc/passwd")},
                                {QStringLiteral("response"), 1}})
                     .status,
                 201);
        const QByteArray reply = TestHttp::raw(
            server().baseUrl(), "GET /u/" + u.name.toLatin1() + path +
                                    " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        QVERIFY2(reply.startsWith(QByteArray("HTTP/1.1 " + QByteArray::number(status))),
                 reply.constData());
        QVERIFY(!reply.contains("Set-Cookie"));
    }

    void validation_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("field");
        QTest::newRow("negative latency")
            << QByteArray(R"({"identifier":"v","latency":-1})") << 422 << "latency";
        QTest::newRow("latency over the configured maximum")
            << QByteArray(R"({"identifier":"v","latency":5001})") << 422 << "latency";
        QTest::newRow("huge latency")
            << QByteArray(R"({"identifier":"v","latency":1e18})") << 422 << "latency";
        QTest::newRow("status 99")
            << QByteArray(R"({"identifier":"v","status_code":99})") << 422 << "status_code";
        QTest::newRow("status text")
            << QByteArray(R"({"identifier":"v","status_code":"200"})") << 422 << "status_code";
        QTest::newRow("method TRACE")
            << QByteArray(R"({"identifier":"v","method":"TRACE"})") << 422 << "method";
        QTest::newRow("kind exe") << QByteArray(R"({"identifier":"v","kind":"exe"})") << 422
                                  << "kind";
        QTest::newRow("Content-Length header")
            << QByteArray(R"({"identifier":"v","headers":{"Content-Length":"9"}})") << 422
            << "headers";
        QTest::newRow("Transfer-Encoding header")
            << QByteArray(R"({"identifier":"v","headers":{"Transfer-Encoding":"chunked"}})") << 422
            << "headers";
        QTest::newRow("Connection header")
            << QByteArray(R"({"identifier":"v","headers":{"Connection":"close"}})") << 422
            << "headers";
        QTest::newRow("CR LF in a header")
            << QByteArray(R"({"identifier":"v","headers":{"X-A":"1\r\nSet-Cookie: a=b"}})") << 422
            << "headers";
        QTest::newRow("HTML type for JSON")
            << QByteArray(R"({"identifier":"v","headers":{"Content-Type":"text/html"}})") << 422
            << "headers";
        QTest::newRow("expiry in the past")
            << QByteArray(R"({"identifier":"v","expires_at":"2001-01-01T00:00:00Z"})") << 422
            << "expires_at";
        QTest::newRow("expiry beyond the maximum")
            << QByteArray(R"({"identifier":"v","expires_at":"2999-01-01T00:00:00Z"})") << 422
            << "expires_at";
        QTest::newRow("unknown field")
            << QByteArray(R"({"identifier":"v","executable":true})") << 422 << "executable";
        QTest::newRow("file kind without a file")
            << QByteArray(R"({"identifier":"v","kind":"file"})") << 422 << "file";
        QTest::newRow("script kind without a file")
            << QByteArray(R"({"identifier":"v","kind":"script"})") << 422 << "file";
        QTest::newRow("missing identifier")
            << QByteArray(R"({"response":1})") << 422 << "identifier";
        QTest::newRow("invalid JSON")
            << QByteArray(R"({"identifier":"v","response":{)") << 400 << "";
        QTest::newRow("JSON array") << QByteArray("[]") << 400 << "";
    }

    void validation()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, field);
        const HostedUser u = newUser();
        const HttpResult r = api("POST", QStringLiteral("/api/v1/endpoints"), u, body,
                                 {{"Content-Type", "application/json"}});
        QCOMPARE(r.status, status);
        if (!field.isEmpty())
            QVERIFY2(r.json().value(QStringLiteral("fields")).toObject().contains(field),
                     r.body.constData());
        QCOMPARE(api("GET", QStringLiteral("/api/v1/endpoints"), u)
                     .json()
                     .value(QStringLiteral("total"))
                     .toInt(),
                 0);
    }

    void multipartTextFieldsAreValidated()
    {
        const HostedUser u = newUser();
        const HttpResult bad = createForm(u, Form()
                                                 .field("identifier", "f")
                                                 .field("latency", "-5")
                                                 .field("headers", "{not json")
                                                 .file("data", "; filename=\"a.txt\""));
        QCOMPARE(bad.status, 422);
        const QJsonObject fields = bad.json().value(QStringLiteral("fields")).toObject();
        QVERIFY(fields.contains(QStringLiteral("latency")));
        QVERIFY(fields.contains(QStringLiteral("headers")));
        const HttpResult json = createForm(
            u, Form().field("identifier", "j").field("kind", "json").field("response", "{oops"));
        QCOMPARE(json.status, 422);
        QVERIFY(json.json()
                    .value(QStringLiteral("fields"))
                    .toObject()
                    .contains(QStringLiteral("response")));
        const HttpResult ok = createForm(u, Form()
                                                .field("identifier", "j")
                                                .field("kind", "json")
                                                .field("response", "{\"a\": [1]}")
                                                .field("latency", "5"));
        QCOMPARE(ok.status, 201);
        QCOMPARE(hit("GET", u, QStringLiteral("j")).body, QByteArray("{\"a\":[1]}"));
    }

    // Seed 000 marks a script with `exec`: a client written from the seed gets a script (or, with
    // exec false, a static file), not 422 "unknown field".
    void seedExecField()
    {
        const HostedUser u = newUser();
        const HttpResult script = createForm(u, Form()
                                                    .field("identifier", "seed.py")
                                                    .field("method", "GET")
                                                    .field("exec", "true")
                                                    .file("print('hi')", "; filename=\"seed.py\""));
        QCOMPARE(script.status, 201);
        QCOMPARE(script.json().value(QStringLiteral("kind")).toString(), QStringLiteral("script"));
        QCOMPARE(script.json().value(QStringLiteral("exec")).toBool(), true);
        const HttpResult file = createForm(u, Form()
                                                  .field("identifier", "seed.txt")
                                                  .field("exec", "0")
                                                  .file("static", "; filename=\"seed.txt\""));
        QCOMPARE(file.status, 201);
        QCOMPARE(file.json().value(QStringLiteral("kind")).toString(), QStringLiteral("file"));
        QCOMPARE(file.json().value(QStringLiteral("exec")).toBool(), false);
        // PATCH with exec: true turns the uploaded file into a script
        const HttpResult patched =
            api("PATCH", QStringLiteral("/api/v1/endpoints/") + idOf(file), u, R"({"exec":true})",
                {{"Content-Type", "application/json"}});
        QCOMPARE(patched.status, 200);
        QCOMPARE(patched.json().value(QStringLiteral("kind")).toString(), QStringLiteral("script"));
        const HttpResult contradiction =
            createJson(u, QJsonObject{{QStringLiteral("identifier"), QStringLiteral("x")},
                                      {QStringLiteral("kind"), QStringLiteral("json")},
                                      {QStringLiteral("exec"), true}});
        QCOMPARE(contradiction.status, 422);
        QVERIFY(contradiction.json()
                    .value(QStringLiteral("fields"))
                    .toObject()
                    .contains(QStringLiteral("exec")));
    }

    void malformedMultipart_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        const Form form = Form().field("identifier", "m").file("content", "; filename=\"a.txt\"");
        QTest::newRow("missing final boundary") << form.contentType() << form.body(false) << 400;
        QTest::newRow("truncated in a part")
            << form.contentType() << form.body(false).chopped(10) << 400;
        QTest::newRow("no boundary parameter")
            << QByteArray("multipart/form-data") << form.body() << 400;
        QTest::newRow("unterminated quoted boundary")
            << QByteArray("multipart/form-data; boundary=\"abc") << form.body() << 400;
        QTest::newRow("garbage") << form.contentType() << QByteArray("hello") << 400;
        QTest::newRow("two files") << form.contentType()
                                   << Form()
                                          .field("identifier", "m")
                                          .file("1", "; filename=\"a\"")
                                          .file("2", "; filename=\"b\"")
                                          .body()
                                   << 422;
        QTest::newRow("file in another part")
            << form.contentType()
            << Form().field("identifier", "m").file("1", "; filename=\"a\"", {}, "upload").body()
            << 422;
    }

    void malformedMultipart()
    {
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        const HostedUser u = newUser();
        Headers headers = u.auth();
        headers.append({"Content-Type", contentType});
        const QStringList before = storedFiles(server());
        const HttpResult r = TestHttp::request(
            "POST", server().url(QStringLiteral("/api/v1/endpoints")), body, headers);
        QCOMPARE(r.status, status);
        QCOMPARE(api("GET", QStringLiteral("/api/v1/endpoints"), u)
                     .json()
                     .value(QStringLiteral("total"))
                     .toInt(),
                 0);
        for (const QString &name : storedFiles(server())) // nothing half-written stays behind
            QVERIFY2(before.contains(name), qPrintable(name));
    }

    void methodMismatchIs405()
    {
        const HostedUser u = newUser();
        QCOMPARE(createJson(u, {{QStringLiteral("identifier"), QStringLiteral("only-post")},
                                {QStringLiteral("method"), QStringLiteral("POST")}})
                     .status,
                 201);
        for (const char *method : {"GET", "PUT", "PATCH", "DELETE"}) {
            const HttpResult r = hit(method, u, QStringLiteral("only-post"));
            QCOMPARE(r.status, 405);
            QCOMPARE(r.header("Allow"), "POST, OPTIONS");
        }
        const HttpResult options = hit("OPTIONS", u, QStringLiteral("only-post"));
        QCOMPARE(options.status, 204);
        QCOMPARE(options.header("Allow"), "POST, OPTIONS");
        QCOMPARE(hit("POST", u, QStringLiteral("only-post")).status, 200);
    }

    void expectedBody()
    {
        const HostedUser u = newUser();
        QCOMPARE(
            createJson(u, {{QStringLiteral("identifier"), QStringLiteral("login")},
                           {QStringLiteral("method"), QStringLiteral("POST")},
                           {QStringLiteral("body"),
                            QJsonObject{{QStringLiteral("user"), QStringLiteral("a")},
                                        {QStringLiteral("n"), 1}}},
                           {QStringLiteral("response"), QJsonObject{{QStringLiteral("ok"), true}}}})
                .status,
            201);
        // Same JSON, other spacing and key order: a match.
        const HttpResult same =
            hit("POST", u, QStringLiteral("login"), "{ \"n\" : 1 , \"user\" : \"a\" }");
        QCOMPARE(same.status, 200);
        QCOMPARE(same.body, QByteArray("{\"ok\":true}"));
        for (const QByteArray &body :
             {QByteArray("{\"n\":2,\"user\":\"a\"}"), QByteArray("not json"), QByteArray()}) {
            const HttpResult r = hit("POST", u, QStringLiteral("login"), body);
            QCOMPARE(r.status, 400);
            QVERIFY2(r.json()
                         .value(QStringLiteral("detail"))
                         .toString()
                         .contains(QStringLiteral("match")),
                     r.body.constData());
        }
    }

    void latencyDoesNotHoldThreads()
    {
        const HostedUser u = newUser();
        QCOMPARE(createJson(u, {{QStringLiteral("identifier"), QStringLiteral("slow")},
                                {QStringLiteral("latency"), 1000},
                                {QStringLiteral("response"), QStringLiteral("late")}})
                     .status,
                 201);
        const QByteArray request = "GET /u/" + u.name.toLatin1() +
                                   "/slow HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        // Two workers, a thousand waiting answers: all of them after about one second.
        const QList<RawResponse> replies =
            concurrentRequests(server().baseUrl(), request, 1000, 20000);
        QCOMPARE(countStatus(replies, 200), 1000);
        qint64 first = LLONG_MAX, last = 0;
        for (const RawResponse &r : replies) {
            QCOMPARE(r.body, QByteArray("\"late\""));
            first = qMin(first, r.finishedMs);
            last = qMax(last, r.finishedMs);
        }
        qInfo("1000 answers of a 1000 ms endpoint between %lld and %lld ms", first, last);
        QVERIFY2(first >= 990, qPrintable(QString::number(first)));
        // Held threads would take 500 s (two workers); the bound leaves room for a slow machine.
        QVERIFY2(last < 3000 * kSanitizerSlowdown, qPrintable(QString::number(last)));
    }

    void fileEndpoint()
    {
        const HostedUser u = newUser();
        const QByteArray pdf = "%PDF-1.7\n" + randomBytes(4096) + "\n%%EOF\n";
        const HttpResult created =
            createForm(u, Form()
                              .field("identifier", "docs/report.pdf")
                              .file(pdf, "; filename=\"report.pdf\"", "application/octet-stream"));
        QCOMPARE(created.status, 201);
        QCOMPARE(created.json().value(QStringLiteral("kind")).toString(), QStringLiteral("file"));
        QCOMPARE(created.json().value(QStringLiteral("content_type")).toString(),
                 QStringLiteral("application/pdf")); // sniffed
        QCOMPARE(created.json().value(QStringLiteral("size")).toInteger(), pdf.size());
        QCOMPARE(created.json().value(QStringLiteral("file_name")).toString(),
                 QStringLiteral("report.pdf"));

        const HttpResult r = hit("GET", u, QStringLiteral("docs/report.pdf"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, pdf);
        QCOMPARE(r.header("Content-Type"), "application/pdf");
        QCOMPARE(r.header("Content-Length").toLongLong(), pdf.size());
        QCOMPARE(r.header("Content-Disposition"),
                 "inline; filename=\"report.pdf\"; filename*=UTF-8''report.pdf");
        QCOMPARE(r.header("X-Content-Type-Options"), "nosniff");
        QCOMPARE(r.header("Accept-Ranges"), "bytes");
        const QByteArray etag = r.header("ETag");
        const QByteArray lastModified = r.header("Last-Modified");
        QVERIFY(etag.startsWith('"') && etag.endsWith('"'));
        QVERIFY(!lastModified.isEmpty());

        // Validators
        QCOMPARE(
            hit("GET", u, QStringLiteral("docs/report.pdf"), {}, {{"If-None-Match", etag}}).status,
            304);
        QCOMPARE(
            hit("GET", u, QStringLiteral("docs/report.pdf"), {}, {{"If-None-Match", "W/" + etag}})
                .status,
            304);
        QCOMPARE(
            hit("GET", u, QStringLiteral("docs/report.pdf"), {}, {{"If-None-Match", "\"other\""}})
                .status,
            200);
        QCOMPARE(hit("GET", u, QStringLiteral("docs/report.pdf"), {},
                     {{"If-Modified-Since", lastModified}})
                     .status,
                 304);
        QCOMPARE(hit("GET", u, QStringLiteral("docs/report.pdf"), {},
                     {{"If-Modified-Since", "Sat, 01 Jan 2000 00:00:00 GMT"}})
                     .status,
                 200);

        // One range
        const HttpResult part =
            hit("GET", u, QStringLiteral("docs/report.pdf"), {}, {{"Range", "bytes=2-9"}});
        QCOMPARE(part.status, 206);
        QCOMPARE(part.body, pdf.mid(2, 8));
        QCOMPARE(part.header("Content-Range"), "bytes 2-9/" + QByteArray::number(pdf.size()));
        const HttpResult tail =
            hit("GET", u, QStringLiteral("docs/report.pdf"), {}, {{"Range", "bytes=-7"}});
        QCOMPARE(tail.status, 206);
        QCOMPARE(tail.body, pdf.right(7));
        const HttpResult outside =
            hit("GET", u, QStringLiteral("docs/report.pdf"), {}, {{"Range", "bytes=999999-"}});
        QCOMPARE(outside.status, 416);
        QCOMPARE(outside.header("Content-Range"), "bytes */" + QByteArray::number(pdf.size()));
        QCOMPARE(
            hit("GET", u, QStringLiteral("docs/report.pdf"), {}, {{"Range", "bytes=0-1,5-6"}}).body,
            pdf);
        // If-Range with a stale validator: the whole (new) file.
        QCOMPARE(hit("GET", u, QStringLiteral("docs/report.pdf"), {},
                     {{"Range", "bytes=0-1"}, {"If-Range", "\"stale\""}})
                     .status,
                 200);
        QCOMPARE(hit("GET", u, QStringLiteral("docs/report.pdf"), {},
                     {{"Range", "bytes=0-1"}, {"If-Range", etag}})
                     .status,
                 206);

        const RawResponse head =
            rawRequest(server().baseUrl(), "HEAD", "/u/" + u.name.toLatin1() + "/docs/report.pdf");
        QCOMPARE(head.status, 200);
        QVERIFY(head.body.isEmpty());
        QCOMPARE(head.header("Content-Length").toLongLong(), pdf.size());
        QCOMPARE(hit("POST", u, QStringLiteral("docs/report.pdf")).status, 405);
    }

    void fileTypesAndNames_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QByteArray>("disposition");
        QTest::addColumn<QByteArray>("claimed");
        QTest::addColumn<QByteArray>("type");
        QTest::addColumn<QByteArray>("dispositionType");
        const QByteArray html = "<!doctype html><script>alert(document.cookie)</script>";
        const QByteArray svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
        QTest::newRow("text") << QByteArray("plain text\n") << QByteArray("; filename=\"a.txt\"")
                              << QByteArray("text/plain") << QByteArray("text/plain")
                              << QByteArray("inline");
        QTest::newRow("csv claim")
            << QByteArray("a,b\n1,2\n") << QByteArray("; filename=\"a.csv\"")
            << QByteArray("text/csv") << QByteArray("text/csv") << QByteArray("inline");
        QTest::newRow("png sniffed")
            << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) << QByteArray("; filename=\"x\"")
            << QByteArray() << QByteArray("image/png") << QByteArray("inline");
        QTest::newRow("html") << html << QByteArray("; filename=\"x.html\"")
                              << QByteArray("text/html") << QByteArray("text/html")
                              << QByteArray("attachment");
        QTest::newRow("html named .html, no type")
            << html << QByteArray("; filename=\"x.html\"") << QByteArray()
            << QByteArray("text/html") << QByteArray("attachment");
        QTest::newRow("svg") << svg << QByteArray("; filename=\"x.svg\"")
                             << QByteArray("image/svg+xml") << QByteArray("image/svg+xml")
                             << QByteArray("attachment");
        QTest::newRow("html posing as png")
            << html << QByteArray("; filename=\"x.png\"") << QByteArray("image/png")
            << QByteArray("text/plain") << QByteArray("inline");
        QTest::newRow("binary") << QByteArray("\x01\x02\x03\x00\xff", 5)
                                << QByteArray("; filename=\"blob\"") << QByteArray()
                                << QByteArray("application/octet-stream")
                                << QByteArray("attachment");
    }

    void fileTypesAndNames()
    {
        QFETCH(QByteArray, data);
        QFETCH(QByteArray, disposition);
        QFETCH(QByteArray, claimed);
        QFETCH(QByteArray, type);
        QFETCH(QByteArray, dispositionType);
        const HostedUser u = newUser();
        QCOMPARE(
            createForm(u, Form().field("identifier", "f").file(data, disposition, claimed)).status,
            201);
        const HttpResult r = hit("GET", u, QStringLiteral("f"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, data);
        QVERIFY2(r.header("Content-Type").startsWith(type), r.header("Content-Type").constData());
        QVERIFY2(r.header("Content-Disposition").startsWith(QByteArray(dispositionType + ';')),
                 r.header("Content-Disposition").constData());
        QCOMPARE(r.header("X-Content-Type-Options"), "nosniff");
        if (dispositionType == "attachment" && type != "application/octet-stream")
            QCOMPARE(r.header("Content-Security-Policy"), "sandbox");
    }

    void hostileFileNames()
    {
        const HostedUser u = newUser();
        // RFC 5987 name with CR LF and a path; the quoted fallback with a quote and CR LF.
        QCOMPARE(createForm(u, Form()
                                   .field("identifier", "n1")
                                   .file("x",
                                         "; "
                                         "filename*=UTF-8''..%2F..%2Fr%C3%A9sum%C3%A9%0D%0ASet-"
                                         "Cookie%3A%20a%3Db.pdf",
                                         "text/plain"))
                     .status,
                 201);
        const HttpResult r = hit("GET", u, QStringLiteral("n1"));
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("Set-Cookie").isEmpty());
        const QByteArray d = r.header("Content-Disposition");
        // Only the last path component, CR LF and ':' replaced, the real name in filename*.
        QVERIFY2(d.startsWith("inline; filename=\"r_sum"), d.constData());
        QVERIFY2(d.contains("; filename*=UTF-8''r%C3%A9sum%C3%A9__Set-Cookie_"), d.constData());
        QVERIFY(!d.contains('\r') && !d.contains('\n') && !d.contains("..") && !d.contains("%2F"));
        // No name at all: the identifier's last segment.
        QCOMPARE(
            createForm(u, Form().field("identifier", "dir/data.bin").file("x", "", "text/plain"))
                .status,
            201);
        QVERIFY(hit("GET", u, QStringLiteral("dir/data.bin"))
                    .header("Content-Disposition")
                    .contains("filename=\"data.bin\""));
    }

    void largeFileIsStreamed()
    {
        const HostedUser u = newUser();
        const QByteArray data = randomBytes(12 << 20);
        QCOMPARE(
            createForm(u, Form().field("identifier", "big").file(data, "; filename=\"big.bin\""))
                .status,
            201);
        const HttpResult r = hit("GET", u, QStringLiteral("big"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body.size(), data.size());
        QCOMPARE(QCryptographicHash::hash(r.body, QCryptographicHash::Sha256),
                 QCryptographicHash::hash(data, QCryptographicHash::Sha256));
        const HttpResult middle =
            hit("GET", u, QStringLiteral("big"), {}, {{"Range", "bytes=5000000-5000099"}});
        QCOMPARE(middle.body, data.mid(5000000, 100));
    }

    void slowClientKeepsMemoryFlat()
    {
        TestServer s;
        QVERIFY2(
            startServer(s, {QStringLiteral("--endpoint-max-upload"), QString::number(80 << 20)}),
            qPrintable(s.errorString()));
        const HostedUser u = newUser(s);
        const QByteArray data = randomBytes(64 << 20);
        QCOMPARE(createForm(
                     s, u, Form().field("identifier", "huge").file(data, "; filename=\"huge.bin\""))
                     .status,
                 201);
        const auto rssKb = [&s] {
            QFile status(QStringLiteral("/proc/%1/status").arg(s.pid()));
            if (!status.open(QIODevice::ReadOnly))
                return qint64(-1);
            for (const QByteArray &line : status.readAll().split('\n')) {
                if (line.startsWith("VmRSS:"))
                    return line.mid(6).trimmed().split(' ').value(0).toLongLong();
            }
            return qint64(-1);
        };
        const qint64 before = rssKb();
        QVERIFY(before > 0);

        // A client that reads nothing: once its buffer and the kernel's are full, the server must
        // stop reading the file instead of queueing it in memory.
        QTcpSocket slow;
        slow.setReadBufferSize(64 * 1024);
        slow.connectToHost(s.baseUrl().host(), quint16(s.baseUrl().port()));
        QVERIFY(slow.waitForConnected(5000));
        slow.write("GET /u/" + u.name.toLatin1() +
                   "/huge HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(slow.bytesAvailable() >= 64 * 1024, 10000);
        // A server without back-pressure would now read the whole file into memory: watch the
        // RSS for a while (sampled, so a peak is seen, not just the last value).
        qint64 during = 0;
        QElapsedTimer window;
        window.start();
        while (window.elapsed() < 500) {
            during = qMax(during, rssKb());
            QTest::qWait(20);
        }
        qInfo("server RSS %lld KiB before, %lld KiB at most while a 64 MiB file waits for a "
              "stalled client",
              before, during);
        QVERIFY2(during - before < 16 * 1024, qPrintable(QString::number(during - before)));

        QByteArray received;
        while (slow.state() == QAbstractSocket::ConnectedState || slow.bytesAvailable() > 0) {
            received += slow.readAll();
            if (slow.state() == QAbstractSocket::ConnectedState)
                slow.waitForReadyRead(2000);
        }
        QCOMPARE(RawResponse::parse(received).status, 200);
        QCOMPARE(RawResponse::parse(received).body.size(), data.size());
        QVERIFY(RawResponse::parse(received).body == data);
    }

    void uploadLimits()
    {
        TestServer s;
        QVERIFY2(startServer(s, {QStringLiteral("--endpoint-max-upload"), QStringLiteral("65536")}),
                 qPrintable(s.errorString()));
        const HostedUser u = newUser(s);
        // Over the file limit but within the route's body limit: the parser stops it.
        const HttpResult tooBig = createForm(
            s, u,
            Form().field("identifier", "big").file(randomBytes(100 * 1024), "; filename=\"b\""));
        QCOMPARE(tooBig.status, 413);
        QCOMPARE(
            createForm(
                s, u, Form().field("identifier", "ok").file(randomBytes(65536), "; filename=\"b\""))
                .status,
            201);
        // Far over it: refused from the request head, before any of the body is read.
        const QByteArray head =
            "POST /api/v1/endpoints HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
            u.token.toLatin1() +
            "\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: "
            "1073741824\r\n\r\n";
        QVERIFY(TestHttp::raw(s.baseUrl(), head).startsWith("HTTP/1.1 413"));
        const HttpResult content =
            api(s, "PUT", QStringLiteral("/api/v1/endpoints/1/content"), u, randomBytes(70000));
        QCOMPARE(content.status, 413);
        QCOMPARE(QDir(s.dataDir() + QStringLiteral("/files/endpoints"))
                     .entryList(QDir::Files | QDir::Hidden)
                     .size(),
                 1);
    }

    void replaceContent()
    {
        const HostedUser u = newUser();
        const HttpResult created =
            createForm(u, Form()
                              .field("identifier", "doc")
                              .file("version 1\n", "; filename=\"v1.txt\"", "text/plain"));
        QCOMPARE(created.status, 201);
        const QString path = QStringLiteral("/api/v1/endpoints/%1/content").arg(idOf(created));
        const QByteArray etag1 = hit("GET", u, QStringLiteral("doc")).header("ETag");

        const Form form = Form().file("version 2\n", "; filename=\"v2.txt\"", "text/plain");
        const HttpResult multipart =
            TestHttp::request("PUT", server().url(path), form.body(), form.headers(u.auth()));
        QCOMPARE(multipart.status, 200);
        QCOMPARE(multipart.json().value(QStringLiteral("file_name")).toString(),
                 QStringLiteral("v2.txt"));
        const HttpResult v2 = hit("GET", u, QStringLiteral("doc"));
        QCOMPARE(v2.body, QByteArray("version 2\n"));
        QVERIFY(v2.header("ETag") != etag1);
        QCOMPARE(hit("GET", u, QStringLiteral("doc"), {}, {{"If-None-Match", etag1}}).status, 200);

        // A raw body, its type from Content-Type and its name from the query.
        const HttpResult raw = api("PUT", path + QStringLiteral("?filename=v3.csv"), u, "a,b\n",
                                   {{"Content-Type", "text/csv"}});
        QCOMPARE(raw.status, 200);
        const HttpResult v3 = hit("GET", u, QStringLiteral("doc"));
        QCOMPARE(v3.body, QByteArray("a,b\n"));
        QCOMPARE(v3.header("Content-Type"), "text/csv");
        QVERIFY(v3.header("Content-Disposition").contains("v3.csv"));

        // A json endpoint's content is its response.
        const HttpResult json = createJson(u, {{QStringLiteral("identifier"), QStringLiteral("j")},
                                               {QStringLiteral("response"), 1}});
        const QString jsonPath = QStringLiteral("/api/v1/endpoints/%1/content").arg(idOf(json));
        QCOMPARE(
            api("PUT", jsonPath, u, "{\"replaced\": true}", {{"Content-Type", "application/json"}})
                .status,
            200);
        QCOMPARE(hit("GET", u, QStringLiteral("j")).body, QByteArray("{\"replaced\":true}"));
        const HttpResult invalid =
            api("PUT", jsonPath, u, "{nope", {{"Content-Type", "application/json"}});
        QCOMPARE(invalid.status, 422);
        QVERIFY(invalid.json()
                    .value(QStringLiteral("fields"))
                    .toObject()
                    .contains(QStringLiteral("response")));
    }

    // GET/HEAD .../content: what each kind holds, as stored, for its owner only.
    void readContent()
    {
        const HostedUser u = newUser();
        const HostedUser other = newUser();
        const HttpResult file =
            createForm(u, Form()
                              .field("identifier", "notes")
                              .file("version 1\n", "; filename=\"v1.txt\"", "text/plain"));
        QCOMPARE(file.status, 201);
        const QString filePath = QStringLiteral("/api/v1/endpoints/%1/content").arg(idOf(file));
        HttpResult r = api("GET", filePath, u);
        QVERIFY2(r.status == 200, r.body.constData());
        QCOMPARE(r.body, QByteArray("version 1\n"));
        QCOMPARE(r.header("Content-Type"), "text/plain");
        QCOMPARE(r.header("ETag"), hit("GET", u, QStringLiteral("notes")).header("ETag"));
        QCOMPARE(api("GET", filePath, u, {}, {{"If-None-Match", r.header("ETag")}}).status, 304);
        r = api("GET", filePath, u, {}, {{"Range", "bytes=0-6"}});
        QCOMPARE(r.status, 206);
        QCOMPARE(r.body, QByteArray("version"));
        const QByteArray auth = "Authorization: Bearer " + u.token.toLatin1() + "\r\n";
        RawResponse head = rawRequest(server().baseUrl(), "HEAD", filePath.toLatin1(), auth);
        QCOMPARE(head.status, 200);
        QCOMPARE(head.header("Content-Length"), "10");
        QVERIFY(head.body.isEmpty());

        // A script's source comes back as it was uploaded, and again after it is replaced.
        const QByteArray source = "print('Content-Type: text/plain')\nprint()\nprint('one')\n";
        const HttpResult script =
            createForm(u, Form()
                              .field("identifier", "run.py")
                              .field("kind", "script")
                              .file(source, "; filename=\"run.py\"", "text/x-python"));
        QCOMPARE(script.status, 201);
        const QString scriptPath = QStringLiteral("/api/v1/endpoints/%1/content").arg(idOf(script));
        r = api("GET", scriptPath, u);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, source);
        QByteArray changed = source;
        changed.replace("'one'", "'two'");
        QCOMPARE(api("PUT", scriptPath, u, changed, {{"Content-Type", "text/x-python"}}).status,
                 200);
        QCOMPARE(api("GET", scriptPath, u).body, changed);

        // A json endpoint's content is its response JSON, as stored.
        const HttpResult json = createJson(
            u, {{QStringLiteral("identifier"), QStringLiteral("answer")},
                {QStringLiteral("response"),
                 QJsonObject{{QStringLiteral("a"), QJsonArray{1, QStringLiteral("é")}}}}});
        QCOMPARE(json.status, 201);
        const QString jsonPath = QStringLiteral("/api/v1/endpoints/%1/content").arg(idOf(json));
        r = api("GET", jsonPath, u);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Content-Type"), "application/json");
        QCOMPARE(r.body, QStringLiteral("{\"a\":[1,\"é\"]}").toUtf8());
        head = rawRequest(server().baseUrl(), "HEAD", jsonPath.toLatin1(), auth);
        QCOMPARE(head.status, 200);
        QCOMPARE(head.header("Content-Length"), QByteArray::number(r.body.size()));
        QVERIFY(head.body.isEmpty());
        const HttpResult empty =
            createJson(u, {{QStringLiteral("identifier"), QStringLiteral("nothing")}});
        QCOMPARE(
            api("GET", QStringLiteral("/api/v1/endpoints/%1/content").arg(idOf(empty)), u).body,
            QByteArray("null"));

        // Someone else's endpoint, an unknown id and no token.
        for (const QString &path : {filePath, scriptPath, jsonPath}) {
            QCOMPARE(api("GET", path, other).status, 404);
            const QByteArray otherAuth = "Authorization: Bearer " + other.token.toLatin1() + "\r\n";
            QCOMPARE(rawRequest(server().baseUrl(), "HEAD", path.toLatin1(), otherAuth).status,
                     404);
            QCOMPARE(TestHttp::request("GET", server().url(path)).status, 401);
        }
        QCOMPARE(api("GET", QStringLiteral("/api/v1/endpoints/999999/content"), u).status, 404);
        QCOMPARE(api("GET", QStringLiteral("/api/v1/endpoints/x/content"), u).status, 404);
    }

    void replacedAndDeletedFilesLeaveTheDisk()
    {
        TestServer s;
        QVERIFY2(startServer(s, {}), qPrintable(s.errorString()));
        const HostedUser u = newUser(s);
        const HttpResult created =
            createForm(s, u, Form().field("identifier", "f").file("one", "; filename=\"a\""));
        QCOMPARE(created.status, 201);
        const QStringList first = storedFiles(s);
        QCOMPARE(first.size(), 1);
        const QString id = idOf(created);
        QCOMPARE(
            api(s, "PUT", QStringLiteral("/api/v1/endpoints/%1/content").arg(id), u, "two").status,
            200);
        QTRY_COMPARE(storedFiles(s).size(), 1);
        QVERIFY(storedFiles(s) != first);
        // Turning it into a json endpoint drops the file.
        QCOMPARE(api(s, "PATCH", QStringLiteral("/api/v1/endpoints/%1").arg(id), u,
                     R"({"kind":"json","response":3})")
                     .status,
                 200);
        QTRY_COMPARE(storedFiles(s).size(), 0);
        QCOMPARE(hit(s, "GET", u, QStringLiteral("f")).body, QByteArray("3"));
        // And back, with a file in the same request.
        const Form form = Form()
                              .field("identifier", "f")
                              .field("kind", "script")
                              .file("print('hi')\n", "; filename=\"s.py\"");
        const HttpResult put =
            TestHttp::request("PUT", s.url(QStringLiteral("/api/v1/endpoints/") + id), form.body(),
                              form.headers(u.auth()));
        QCOMPARE(put.status, 200);
        QCOMPARE(put.json().value(QStringLiteral("kind")).toString(), QStringLiteral("script"));
        QCOMPARE(storedFiles(s).size(), 1);
        QCOMPARE(api(s, "DELETE", QStringLiteral("/api/v1/endpoints/") + id, u).status, 204);
        QTRY_COMPARE(storedFiles(s).size(), 0);
    }

    void expiredEndpointsAnswer410()
    {
        const HostedUser u = newUser();
        const qint64 soon = QDateTime::currentSecsSinceEpoch() + 2;
        const HttpResult created =
            createJson(u, {{QStringLiteral("identifier"), QStringLiteral("brief")},
                           {QStringLiteral("response"), 1},
                           {QStringLiteral("expires_at"), iso(soon)}});
        QCOMPARE(created.status, 201);
        QCOMPARE(created.json().value(QStringLiteral("expires_at")).toString(), iso(soon));
        QCOMPARE(hit("GET", u, QStringLiteral("brief")).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(hit("GET", u, QStringLiteral("brief")).status, 410, 5000);
        // The owner still sees it (the reaper runs every minute here) and can extend it.
        QCOMPARE(api("GET", QStringLiteral("/api/v1/endpoints/") + idOf(created), u).status, 200);
        const HttpResult extend =
            api("PATCH", QStringLiteral("/api/v1/endpoints/") + idOf(created), u,
                QJsonDocument(QJsonObject{{QStringLiteral("expires_at"),
                                           iso(QDateTime::currentSecsSinceEpoch() + 600)}})
                    .toJson());
        QCOMPARE(extend.status, 200);
        QCOMPARE(hit("GET", u, QStringLiteral("brief")).status, 200);
    }

    void reaperRemovesExpired()
    {
        TestServer s;
        QVERIFY2(startServer(s, {QStringLiteral("--reaper-interval"), QStringLiteral("100"),
                                 QStringLiteral("--endpoint-default-expiry"), QStringLiteral("2")}),
                 qPrintable(s.errorString()));
        const HostedUser u = newUser(s);
        const HttpResult file =
            createForm(s, u, Form().field("identifier", "f").file("bytes", "; filename=\"a\""));
        QCOMPARE(file.status, 201);
        const HttpResult json =
            createJson(s, u, {{QStringLiteral("identifier"), QStringLiteral("j")}});
        QCOMPARE(json.status, 201);
        const HttpResult kept = createJson(
            s, u,
            {{QStringLiteral("identifier"), QStringLiteral("kept")},
             {QStringLiteral("expires_at"), iso(QDateTime::currentSecsSinceEpoch() + 600)}});
        QCOMPARE(kept.status, 201);
        QCOMPARE(storedFiles(s).size(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(
            api(s, "GET", QStringLiteral("/api/v1/endpoints/") + idOf(file), u).status, 404, 8000);
        QTRY_COMPARE(api(s, "GET", QStringLiteral("/api/v1/endpoints/") + idOf(json), u).status,
                     404);
        QTRY_COMPARE(storedFiles(s).size(), 0);
        QCOMPARE(hit(s, "GET", u, QStringLiteral("f")).status, 404);
        QCOMPARE(api(s, "GET", QStringLiteral("/api/v1/endpoints"), u)
                     .json()
                     .value(QStringLiteral("total"))
                     .toInt(),
                 1);
    }

    void startupSweep()
    {
        TestServer a;
        QVERIFY2(startServer(a, {}), qPrintable(a.errorString()));
        const HostedUser u = newUser(a);
        const HttpResult lost = createForm(
            a, u, Form().field("identifier", "lost").file("lost-content", "; filename=\"a\""));
        const HttpResult fine = createForm(
            a, u, Form().field("identifier", "fine").file("fine-content", "; filename=\"b\""));
        QCOMPARE(lost.status, 201);
        QCOMPARE(fine.status, 201);
        const QString dir = a.dataDir() + QStringLiteral("/files/endpoints/");
        for (const QString &name : storedFiles(a)) {
            QFile f(dir + name);
            QVERIFY(f.open(QIODevice::ReadOnly));
            if (f.readAll() == "lost-content")
                QVERIFY(QFile::remove(dir + name)); // a row without its file
        }
        // (older than the few seconds a row may wait for its file's name)
        a.sql(QStringLiteral("UPDATE endpoints SET updated_at = updated_at - 60 WHERE id = ?"),
              {idOf(lost).toLongLong()});
        QFile orphan(dir + QStringLiteral("orphanOld"));
        QVERIFY(orphan.open(QIODevice::WriteOnly));
        orphan.write("nobody's");
        orphan.close(); // before setting the time: the flush would set it again
        QVERIFY(orphan.open(QIODevice::ReadOnly));
        QVERIFY(orphan.setFileTime(QDateTime::currentDateTime().addDays(-1),
                                   QFileDevice::FileModificationTime));
        orphan.close();
        // A file is named only after its row exists: a young unreferenced name is an orphan too,
        // while a young temporary may be an upload in progress on the other instance.
        for (const QString &name : {QStringLiteral("orphanYoung"), QStringLiteral("up.Ab12Cd")}) {
            QFile young(dir + name);
            QVERIFY(young.open(QIODevice::WriteOnly));
        }

        TestServer
            b; // another instance on the same data: its start-up sweep runs before it listens
        TestServer::Options options;
        QFETCH_GLOBAL(QString, backend);
        options.backend = backend;
        options.extraArgs = {QStringLiteral("--shutdown-timeout"), QStringLiteral("500")};
        QVERIFY2(b.startSharing(a, options), qPrintable(b.errorString()));
        QVERIFY(!QFile::exists(dir + QStringLiteral("orphanOld")));
        QVERIFY(!QFile::exists(dir + QStringLiteral("orphanYoung")));
        QVERIFY(QFile::exists(dir + QStringLiteral("up.Ab12Cd")));
        QCOMPARE(api(a, "GET", QStringLiteral("/api/v1/endpoints/") + idOf(lost), u).status, 404);
        QCOMPARE(hit(b, "GET", u, QStringLiteral("fine")).body, QByteArray("fine-content"));
        QVERIFY(b.log().contains("without a file"));
        b.stop();
    }
};

QTEST_MAIN(TestEndpoints)
#include "tst_endpoints.moc"
