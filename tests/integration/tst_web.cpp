// The browser client's server side (issue 14) against a real depot-server: the pages at / and
// /console and their assets come from Qt resources under the strict page policy (no inline
// script or style, no third-party URL), the download page states the one-time rule and opening
// it never uses a link up, and users' hosted content cannot act on this origin: active files and
// script output are sandboxed, and Set-Cookie, Content-Security-Policy, Refresh and
// Clear-Site-Data from owners are refused or dropped unless --content-url gives hosted content an
// origin of its own (then /u/ on the main host is redirected there).

#include "HostedTestSupport.h"
#include "TestServer.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>

using namespace depot;
using namespace depot::test;

namespace {

const QByteArray PagePolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

QStringList attributeValues(const QByteArray &html, const QString &pattern)
{
    QStringList out;
    auto it = QRegularExpression(pattern).globalMatch(QString::fromUtf8(html));
    while (it.hasNext())
        out.append(it.next().captured(1));
    return out;
}

} // namespace

class TestWeb : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void pages_data();
    void pages();
    void assetsAreOursAndRevalidated_data();
    void assetsAreOursAndRevalidated();
    void unknownAssetsAre404_data();
    void unknownAssetsAre404();
    void germanForEveryEnglishString();
    void dropLimits();
    void downloadPageNeverBurns();
    void downloadPageForMissingAndGoneLinks();
    void activeFilesAreSandboxedAttachments_data();
    void activeFilesAreSandboxedAttachments();
    void originBoundHeadersRefused_data();
    void originBoundHeadersRefused();
    void storedOriginBoundHeadersAreDropped();
    void scriptOutputCannotActOnTheOrigin();
    void contentOriginAllowsAndRedirects();

private:
    HostedUser user(TestServer &server, const QString &name);
    TestServer m_server;
    HostedUser m_alice;
};

void TestWeb::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_alice = user(m_server, QStringLiteral("alice"));
}

void TestWeb::cleanupTestCase()
{
    m_server.stop();
}

HostedUser TestWeb::user(TestServer &server, const QString &name)
{
    return {name, server.signUpAndLogin(name)};
}

void TestWeb::pages_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("marker");
    QTest::newRow("drop page") << "/"
                               << "id=\"uploadForm\"";
    QTest::newRow("console") << "/console"
                             << "id=\"signInForm\"";
}

void TestWeb::pages()
{
    QFETCH(QString, path);
    QFETCH(QString, marker);
    const HttpResult r = TestHttp::get(m_server.url(path));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Content-Type"), QByteArray("text/html; charset=utf-8"));
    QCOMPARE(r.header("Content-Security-Policy"), PagePolicy);
    QCOMPARE(r.header("X-Frame-Options"), QByteArray("DENY"));
    QCOMPARE(r.header("Referrer-Policy"), QByteArray("no-referrer"));
    QVERIFY(r.header("Set-Cookie").isEmpty());
    QVERIFY(r.body.contains(marker.toUtf8()));
    // No inline script or style: every <script> has a src, no event-handler or style attributes.
    const QString html = QString::fromUtf8(r.body);
    QCOMPARE(html.count(QStringLiteral("<script")),
             attributeValues(r.body, QStringLiteral("<script src=\"([^\"]+)\"")).size());
    QVERIFY(!html.contains(QRegularExpression(QStringLiteral("\\son[a-z]+="))));
    QVERIFY(!html.contains(QStringLiteral("style=")));
    QVERIFY(!html.contains(QStringLiteral("<style")));
    // Everything it loads is ours and exists.
    const QStringList refs =
        attributeValues(r.body, QStringLiteral("(?:src|href)=\"(/[^\"]*\\.(?:js|css|svg))\""));
    QVERIFY(refs.size() >= 4);
    for (const QString &ref : refs)
        QCOMPARE(TestHttp::get(m_server.url(ref)).status, 200);
    QVERIFY(!html.contains(QStringLiteral("http://")) &&
            !html.contains(QStringLiteral("https://")));
}

void TestWeb::assetsAreOursAndRevalidated_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("type");
    for (const char *js : {"i18n.js", "common.js", "drop.js", "download.js", "console.js"})
        QTest::newRow(js) << js << QByteArray("text/javascript; charset=utf-8");
    QTest::newRow("css") << "depot.css" << QByteArray("text/css; charset=utf-8");
    QTest::newRow("icon") << "icon.svg" << QByteArray("image/svg+xml");
}

void TestWeb::assetsAreOursAndRevalidated()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, type);
    const HttpResult r = TestHttp::get(m_server.url(QStringLiteral("/static/") + name));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Content-Type"), type);
    QCOMPARE(r.header("Cache-Control"), QByteArray("no-cache"));
    QVERIFY(!r.body.isEmpty());
    // No third-party requests: no absolute URL to anywhere in our code (the SVG namespace is
    // an identifier, not a request).
    QString text = QString::fromUtf8(r.body);
    text.remove(QStringLiteral("http://www.w3.org/2000/svg"));
    QVERIFY2(!text.contains(QStringLiteral("http://")) &&
                 !text.contains(QStringLiteral("https://")),
             qPrintable(name));
    const HttpResult again = TestHttp::get(m_server.url(QStringLiteral("/static/") + name),
                                           {{"If-None-Match", r.header("ETag")}});
    QCOMPARE(again.status, 304);
    QVERIFY(again.body.isEmpty());
}

void TestWeb::unknownAssetsAre404_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("missing") << "/static/nothing.js";
    QTest::newRow("other type") << "/static/index.html";
    QTest::newRow("encoded slash") << "/static/..%2findex.html";
    QTest::newRow("dot dot") << "/static/%2e%2e";
    QTest::newRow("resource root") << "/static/../console";
}

void TestWeb::unknownAssetsAre404()
{
    QFETCH(QString, path);
    const RawResponse r = rawRequest(m_server.baseUrl(), "GET", path.toLatin1());
    QVERIFY2(r.status == 404 || r.status == 400, r.head.constData());
}

void TestWeb::germanForEveryEnglishString()
{
    // Every key of the English table has a German entry, in i18n.js and console.js alike.
    for (const char *file : {"i18n.js", "console.js"}) {
        const QString js = QString::fromUtf8(
            TestHttp::get(m_server.url(QStringLiteral("/static/") + QLatin1String(file))).body);
        const qsizetype en = js.indexOf(QStringLiteral("en: {"));
        const qsizetype de = js.indexOf(QStringLiteral("de: {"));
        QVERIFY(en >= 0 && de > en);
        const QRegularExpression key(QStringLiteral("'([a-zA-Z0-9.]+)':"));
        QSet<QString> english, german;
        for (auto it = key.globalMatch(js.mid(en, de - en)); it.hasNext();)
            english.insert(it.next().captured(1));
        for (auto it = key.globalMatch(js.mid(de)); it.hasNext();)
            german.insert(it.next().captured(1));
        QVERIFY(english.size() > 20);
        QCOMPARE(german, english);
    }
}

void TestWeb::dropLimits()
{
    const HttpResult r = TestHttp::get(m_server.url(QStringLiteral("/api/v1/drop/limits")));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("max_bytes")).toInteger(), 16LL << 20);
    QCOMPARE(r.json().value(QStringLiteral("max_downloads")).toInt(), 100);
}

void TestWeb::downloadPageNeverBurns()
{
    const HttpResult up =
        TestHttp::request("PUT", m_server.url(QStringLiteral("/api/v1.0/file/notes.txt")),
                          "secret text", {{"X-Password", "pw-1234"}});
    QCOMPARE(up.status, 201);
    const QUrl link(up.json().value(QStringLiteral("url")).toString());
    const Headers browser{{"Accept", "text/html,application/xhtml+xml"}};
    for (int i = 0; i < 3; ++i) { // opening and previewing, repeatedly
        const HttpResult page = TestHttp::get(link, browser);
        QCOMPARE(page.status, 200);
        QCOMPARE(page.header("Content-Security-Policy"), PagePolicy);
        QVERIFY(page.body.contains("notes.txt"));
        QVERIFY(page.body.contains("data-bytes=\"11\""));
        QVERIFY(page.body.contains("This link works once"));
        QVERIFY(page.body.contains("type=\"password\""));
        QVERIFY(page.body.contains("<script src=\"/static/download.js\""));
        QVERIFY(!page.body.contains("<style"));
    }
    QCOMPARE(TestHttp::get(link, {{"User-Agent", "Slackbot-LinkExpanding 1.0"}}).status, 200);
    // The form's POST is the download, once.
    const HttpResult wrong =
        TestHttp::request("POST", link, "download=1&password=nope",
                          {{"Content-Type", "application/x-www-form-urlencoded"}});
    QCOMPARE(wrong.status, 401);
    QVERIFY(wrong.body.contains("Wrong password."));
    const HttpResult file =
        TestHttp::request("POST", link, "download=1&password=pw-1234",
                          {{"Content-Type", "application/x-www-form-urlencoded"}});
    QCOMPARE(file.status, 200);
    QCOMPARE(file.body, QByteArray("secret text"));
    QVERIFY(file.header("Content-Disposition").startsWith("attachment"));
    const HttpResult gone = TestHttp::get(link, browser);
    QCOMPARE(gone.status, 410);
    QVERIFY(gone.body.contains("data-i18n=\"dl.gone.text\""));
}

void TestWeb::downloadPageForMissingAndGoneLinks()
{
    const HttpResult r =
        TestHttp::get(m_server.url(QStringLiteral("/api/v1.0/file/AAAAAAAAAAAAAAAAAAAAAA")),
                      {{"Accept", "text/html"}});
    QCOMPARE(r.status, 404);
    QCOMPARE(r.header("Content-Security-Policy"), PagePolicy);
    QVERIFY(r.body.contains("data-i18n=\"dl.notFound.title\""));
}

void TestWeb::activeFilesAreSandboxedAttachments_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("html") << QByteArray("page.html")
                          << QByteArray("<script>parent.steal(sessionStorage)</script>");
    QTest::newRow("svg") << QByteArray("image.svg")
                         << QByteArray("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)"
                                       "</script></svg>");
    QTest::newRow("xml") << QByteArray("data.xml")
                         << QByteArray(
                                "<?xml version=\"1.0\"?><x:script xmlns:x=\"http://www.w3.org/"
                                "1999/xhtml\">alert(1)</x:script>");
}

void TestWeb::activeFilesAreSandboxedAttachments()
{
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, content);
    Form form;
    form.field("identifier", "files/" + name).field("kind", "file").field("method", "GET");
    form.file(content, "; filename=\"" + name + "\"");
    const HttpResult created =
        TestHttp::request("POST", m_server.url(QStringLiteral("/api/v1/endpoints")), form.body(),
                          form.headers(m_alice.auth()));
    QCOMPARE(created.status, 201);
    const HttpResult r =
        TestHttp::get(QUrl(created.json().value(QStringLiteral("url")).toString()));
    QCOMPARE(r.status, 200);
    QVERIFY2(r.header("Content-Disposition").startsWith("attachment"),
             r.header("Content-Disposition").constData());
    QCOMPARE(r.header("Content-Security-Policy"), QByteArray("sandbox"));
    QCOMPARE(r.header("X-Content-Type-Options"), QByteArray("nosniff"));
}

void TestWeb::originBoundHeadersRefused_data()
{
    QTest::addColumn<QString>("header");
    QTest::newRow("Set-Cookie") << "Set-Cookie";
    QTest::newRow("set-cookie lower case") << "set-cookie";
    QTest::newRow("CSP") << "Content-Security-Policy";
    QTest::newRow("CSP report only") << "Content-Security-Policy-Report-Only";
    QTest::newRow("Refresh") << "Refresh";
    QTest::newRow("Clear-Site-Data") << "Clear-Site-Data";
}

void TestWeb::originBoundHeadersRefused()
{
    QFETCH(QString, header);
    const QJsonObject body{
        {QStringLiteral("identifier"), QString(QStringLiteral("h/") + header)},
        {QStringLiteral("response"), QJsonObject{}},
        {QStringLiteral("headers"), QJsonObject{{header, QStringLiteral("x=1")}}}};
    const HttpResult r =
        TestHttp::postJson(m_server.url(QStringLiteral("/api/v1/endpoints")), body, m_alice.auth());
    QCOMPARE(r.status, 422);
    const QString problem = r.json()
                                .value(QStringLiteral("fields"))
                                .toObject()
                                .value(QStringLiteral("headers"))
                                .toString();
    QVERIFY2(problem.contains(QStringLiteral("--content-url")), qPrintable(problem));
    // Editing an existing endpoint is refused the same way.
    const HttpResult plain = TestHttp::postJson(
        m_server.url(QStringLiteral("/api/v1/endpoints")),
        QJsonObject{{QStringLiteral("identifier"), QString(QStringLiteral("p/") + header)},
                    {QStringLiteral("response"), QJsonObject{}}},
        m_alice.auth());
    QCOMPARE(plain.status, 201);
    const HttpResult patch = TestHttp::request(
        "PATCH",
        m_server.url(QStringLiteral("/api/v1/endpoints/%1")
                         .arg(plain.json().value(QStringLiteral("id")).toInteger())),
        QJsonDocument(
            QJsonObject{{QStringLiteral("headers"), QJsonObject{{header, QStringLiteral("x=1")}}}})
            .toJson(),
        m_alice.auth() + Headers{{"Content-Type", "application/json"}});
    QCOMPARE(patch.status, 422);
}

void TestWeb::storedOriginBoundHeadersAreDropped()
{
    // Accepted while the server had a content origin, then served by one without: dropped.
    TestServer withContent;
    TestServer::Options options;
    options.extraArgs = {QStringLiteral("--content-url"), QStringLiteral("http://content.test")};
    QVERIFY2(withContent.start(options), qPrintable(withContent.errorString()));
    const HostedUser bob = user(withContent, QStringLiteral("bob"));
    const HttpResult created = TestHttp::postJson(
        withContent.url(QStringLiteral("/api/v1/endpoints")),
        QJsonObject{{QStringLiteral("identifier"), QStringLiteral("cookie")},
                    {QStringLiteral("response"), QJsonObject{{QStringLiteral("a"), 1}}},
                    {QStringLiteral("headers"),
                     QJsonObject{{QStringLiteral("Set-Cookie"), QStringLiteral("s=1")},
                                 {QStringLiteral("X-Mine"), QStringLiteral("kept")}}}},
        bob.auth());
    QCOMPARE(created.status, 201);
    QVERIFY(created.json()
                .value(QStringLiteral("url"))
                .toString()
                .startsWith(QStringLiteral("http://content.test/u/bob/")));
    const QString data = withContent.dataDir();
    QCOMPARE(withContent.stop(), 0);

    TestServer without;
    TestServer::Options again;
    again.extraArgs = {QStringLiteral("--data-dir"), data};
    QVERIFY2(without.start(again), qPrintable(without.errorString()));
    const HttpResult r = TestHttp::get(without.url(QStringLiteral("/u/bob/cookie")));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("X-Mine"), QByteArray("kept"));
    QVERIFY(r.header("Set-Cookie").isEmpty());
}

void TestWeb::scriptOutputCannotActOnTheOrigin()
{
    if (!m_server.log().contains("script sandbox self-test passed"))
        QSKIP("bubblewrap cannot run here: script endpoints answer 503 (tst_hosted_scripts)");
    Form form;
    form.field("identifier", "page.py").field("kind", "script").field("method", "GET");
    form.file("print('Content-Type: text/html')\nprint('Set-Cookie: session=stolen')\n"
              "print('Refresh: 0; url=https://evil.example/')\n"
              "print('Content-Security-Policy: script-src *')\nprint()\n"
              "print('<script>alert(document.domain)</script>')\n",
              "; filename=\"page.py\"");
    const HttpResult created =
        TestHttp::request("POST", m_server.url(QStringLiteral("/api/v1/endpoints")), form.body(),
                          form.headers(m_alice.auth()));
    QCOMPARE(created.status, 201);
    const HttpResult r =
        TestHttp::get(QUrl(created.json().value(QStringLiteral("url")).toString()));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Content-Security-Policy"), QByteArray("sandbox"));
    QVERIFY(r.header("Set-Cookie").isEmpty());
    QVERIFY(r.header("Refresh").isEmpty());
    QCOMPARE(r.header("X-Content-Type-Options"), QByteArray("nosniff"));
}

void TestWeb::contentOriginAllowsAndRedirects()
{
    // The content origin is the same process under another name (the Host header decides).
    TestServer server;
    TestServer::Options options;
    options.extraArgs = {QStringLiteral("--content-url"), QStringLiteral("http://content.test")};
    QVERIFY2(server.start(options), qPrintable(server.errorString()));
    const HostedUser carol = user(server, QStringLiteral("carol"));
    const HttpResult created = TestHttp::postJson(
        server.url(QStringLiteral("/api/v1/endpoints")),
        QJsonObject{{QStringLiteral("identifier"), QStringLiteral("login")},
                    {QStringLiteral("method"), QStringLiteral("POST")},
                    {QStringLiteral("response"), QJsonObject{{QStringLiteral("ok"), true}}},
                    {QStringLiteral("headers"),
                     QJsonObject{{QStringLiteral("Set-Cookie"), QStringLiteral("sid=1; Secure")},
                                 {QStringLiteral("Content-Security-Policy"),
                                  QStringLiteral("default-src 'self'")}}}},
        carol.auth());
    QCOMPARE(created.status, 201);
    // On the main host: a redirect that keeps method and body, never the content.
    const RawResponse main =
        rawRequest(server.baseUrl(), "POST", "/u/carol/login?x=1", "Content-Length: 0\r\n");
    QCOMPARE(main.status, 307);
    QCOMPARE(main.header("Location"), QByteArray("http://content.test/u/carol/login?x=1"));
    QVERIFY(main.header("Set-Cookie").isEmpty());
    // On the content host: served with the owner's headers.
    const RawResponse there = RawResponse::parse(
        TestHttp::raw(server.baseUrl(), "POST /u/carol/login HTTP/1.1\r\nHost: content.test\r\n"
                                        "Content-Length: 0\r\nConnection: close\r\n\r\n"));
    QCOMPARE(there.status, 200);
    QCOMPARE(there.header("Set-Cookie"), QByteArray("sid=1; Secure"));
    QCOMPARE(there.header("Content-Security-Policy"), QByteArray("default-src 'self'"));
    QCOMPARE(there.body, QByteArray("{\"ok\":true}"));
}

QTEST_GUILESS_MAIN(TestWeb)
#include "tst_web.moc"
