// Account administration end to end, on SQLite and PostgreSQL: DELETE /api/v1/me removes every
// row and file of the account; `depot-server users ...` run as a process against the database of
// a running server, which sees each change at once; a re-imported users file updates passwords
// and plans.
#include "ImageServer.h"
#include "TestServer.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace depot;
using namespace depot::test;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out, err;
};

// Every file under `dir`, relative to it.
QSet<QString> filesUnder(const QString &dir)
{
    QSet<QString> files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.insert(QDir(dir).relativeFilePath(it.next()));
    return files;
}

QByteArray multipartFile(const QByteArray &boundary,
                         const QList<QPair<QByteArray, QByteArray>> &fields,
                         const QByteArray &fileName, const QByteArray &content)
{
    QByteArray body;
    for (const auto &[name, value] : fields)
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name +
                "\"\r\n\r\n" + value + "\r\n";
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" +
            fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + content + "\r\n";
    body += "--" + boundary + "--\r\n";
    return body;
}

} // namespace

class tst_Accounts : public QObject
{
    Q_OBJECT

    ImageServer m_images;
    TestServer m_server;

    static QString backend()
    {
        QFETCH_GLOBAL(QString, backend);
        return backend;
    }

    HttpResult login(const QString &user, const QString &password)
    {
        return TestHttp::postJson(
            m_server.url(QStringLiteral("/api/v1/auth/token")),
            {{QStringLiteral("username"), user}, {QStringLiteral("password"), password}});
    }
    QString token(const QString &user, const QString &password)
    {
        return login(user, password).json().value(QStringLiteral("token")).toString();
    }
    HttpResult me(const QString &token)
    {
        return TestHttp::get(m_server.url(QStringLiteral("/api/v1/me")), TestHttp::bearer(token));
    }
    HttpResult deleteMe(const QString &token, const QByteArray &body)
    {
        return TestHttp::request("DELETE", m_server.url(QStringLiteral("/api/v1/me")), body,
                                 TestHttp::bearer(token) +
                                     Headers{{"Content-Type", "application/json"}});
    }
    qint64 userId(const QString &name)
    {
        const auto rows =
            m_server.sql(QStringLiteral("SELECT id FROM users WHERE username = ?"), {name});
        return rows.isEmpty() ? 0 : rows.first().first().toLongLong();
    }
    int count(const QString &sql, const QVariantList &binds = {})
    {
        return m_server.sql(sql, binds).first().first().toInt();
    }

    // `depot-server [the server's database options] users ARGS` with `input` on stdin.
    Run users(const QStringList &arguments, const QByteArray &input = {},
              const QStringList &serverOptions = {})
    {
        QStringList args{QStringLiteral("--data-dir"), m_server.dataDir(),
                         QStringLiteral("--kdf-iterations"), QStringLiteral("1000")};
        if (!m_server.databaseUrl().isEmpty())
            args << QStringLiteral("--database") << m_server.databaseUrl();
        args << serverOptions << QStringLiteral("users") << arguments;
        QProcess process;
        process.setProcessEnvironment(TestServer::cleanEnvironment());
        process.start(qEnvironmentVariable("DEPOT_SERVER_BIN"), args);
        Run run;
        if (!process.waitForStarted(10000))
            return run;
        process.write(input);
        process.closeWriteChannel();
        if (!process.waitForFinished(30000)) {
            process.kill();
            process.waitForFinished();
            return run;
        }
        run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        run.out = process.readAllStandardOutput();
        run.err = process.readAllStandardError();
        return run;
    }

    // A dump of one item with these images.
    static QJsonObject dumpOf(const QList<QUrl> &images)
    {
        QJsonArray urls;
        for (const QUrl &url : images)
            urls.append(url.toString());
        const QJsonObject item{{QStringLiteral("name"), QStringLiteral("Soup")},
                               {QStringLiteral("manufacturer"), QStringLiteral("Cafe")},
                               {QStringLiteral("brand"), QStringLiteral("Cafe")},
                               {QStringLiteral("category"), QStringLiteral("Food")},
                               {QStringLiteral("images"), urls}};
        return QJsonObject{{QStringLiteral("items"), QJsonArray{item}}};
    }

    // Everything one user can own: a JSON endpoint with journal rows, a file endpoint, an
    // unmatched request, a dump with two stored images, a WebSocket ticket and a login failure.
    void fillAccount(const QString &name, const QString &token)
    {
        const QUrl endpoints = m_server.url(QStringLiteral("/api/v1/endpoints"));
        const Headers auth = TestHttp::bearer(token);
        QCOMPARE(TestHttp::postJson(
                     endpoints,
                     {{QStringLiteral("identifier"), QStringLiteral("hello")},
                      {QStringLiteral("method"), QStringLiteral("GET")},
                      {QStringLiteral("status_code"), 200},
                      {QStringLiteral("response"), QJsonObject{{QStringLiteral("hi"), name}}}},
                     auth)
                     .status,
                 201);
        const QByteArray boundary = "depot-test-boundary";
        const HttpResult file = TestHttp::request(
            "POST", endpoints,
            multipartFile(boundary,
                          {{"identifier", "notes.txt"}, {"kind", "file"}, {"method", "GET"}},
                          "notes.txt", "notes of " + name.toUtf8()),
            auth + Headers{{"Content-Type", "multipart/form-data; boundary=" + boundary}});
        QCOMPARE(file.status, 201);
        QCOMPARE(TestHttp::get(m_server.url(QStringLiteral("/u/%1/hello").arg(name))).status, 200);
        QCOMPARE(TestHttp::get(m_server.url(QStringLiteral("/u/%1/notes.txt").arg(name))).body,
                 "notes of " + name.toUtf8());
        QCOMPARE(TestHttp::get(m_server.url(QStringLiteral("/u/%1/nothing-here").arg(name))).status,
                 404);
        const QJsonObject dump = dumpOf({m_images.url(QStringLiteral("/png/%1-1").arg(name)),
                                         m_images.url(QStringLiteral("/jpeg/%1-2").arg(name))});
        const HttpResult dumped =
            TestHttp::postJson(m_server.url(QStringLiteral("/api/v1/dumps")), dump, auth);
        QCOMPARE(dumped.status, 201);
        QCOMPARE(
            TestHttp::request("POST", m_server.url(QStringLiteral("/api/v1/ws-tickets")), {}, auth)
                .status,
            201);
        QCOMPARE(login(name, QStringLiteral("not-the-password")).status, 401);
    }

private Q_SLOTS:
    void initTestCase_data()
    {
        QTest::addColumn<QString>("backend");
        for (const QString &backend : TestServer::backends())
            QTest::newRow(qPrintable(backend)) << backend;
    }

    void initTestCase() { QVERIFY(m_images.start()); }

    void init()
    {
        TestServer::Options options;
        options.backend = backend();
        options.workers = 1;
        options.extraArgs = {QStringLiteral("--fetch-allow"), QStringLiteral("127.0.0.0/8")};
        QVERIFY2(m_server.start(options), qPrintable(m_server.errorString()));
    }

    void cleanup() { m_server.stop(); }

    void deleteMeRefused_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("withToken");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("field");
        QTest::newRow("wrong password")
            << QByteArray(R"({"password":"not-the-password"})") << true << 403 << QString();
        QTest::newRow("password missing") << QByteArray("{}") << true << 422 << "password";
        QTest::newRow("password not a string")
            << QByteArray(R"({"password":12345678})") << true << 422 << "password";
        QTest::newRow("not JSON") << QByteArray("password=password-123") << true << 400
                                  << QString();
        QTest::newRow("no token") << QByteArray(R"({"password":"password-123"})") << false << 401
                                  << QString();
    }

    void deleteMeRefused()
    {
        QFETCH(QByteArray, body);
        QFETCH(bool, withToken);
        QFETCH(int, status);
        QFETCH(QString, field);
        const QString tok = m_server.signUpAndLogin(QStringLiteral("keeper"));
        QVERIFY(!tok.isEmpty());
        const HttpResult r = deleteMe(withToken ? tok : QString(), body);
        QCOMPARE(r.status, status);
        QVERIFY2(!r.json().value(QStringLiteral("detail")).toString().isEmpty(),
                 r.body.constData());
        if (!field.isEmpty())
            QVERIFY2(r.json().value(QStringLiteral("fields")).toObject().contains(field),
                     r.body.constData());
        if (status == 403)
            QVERIFY2(r.json().value(QStringLiteral("detail")).toString().contains(u"password"),
                     r.body.constData());
        // nothing happened: the account and its token are still there
        QCOMPARE(me(tok).status, 200);
        QVERIFY(userId(QStringLiteral("keeper")) > 0);
    }

    void deleteMeRemovesEverything()
    {
        const QString victim = QStringLiteral("leaver"), bystander = QStringLiteral("stayer");
        const QString victimToken = m_server.signUpAndLogin(victim);
        const QString bystanderToken = m_server.signUpAndLogin(bystander);
        QVERIFY(!victimToken.isEmpty() && !bystanderToken.isEmpty());
        fillAccount(victim, victimToken);
        if (QTest::currentTestFailed())
            return;
        fillAccount(bystander, bystanderToken);
        if (QTest::currentTestFailed())
            return;
        const qint64 victimId = userId(victim), bystanderId = userId(bystander);
        // The journal is written in batches, shortly after the requests.
        for (const qint64 id : {victimId, bystanderId})
            QTRY_VERIFY(count(QStringLiteral("SELECT COUNT(*) FROM endpoint_requests WHERE userid "
                                             "= ?"),
                              {id}) >= 2);
        const QString filesDir = QDir(m_server.dataDir()).filePath(QStringLiteral("files"));
        const QSet<QString> before = filesUnder(filesDir);
        const QString victimImages = QStringLiteral("images/%1/").arg(victimId);
        const QString bystanderImages = QStringLiteral("images/%1/").arg(bystanderId);
        auto countPrefix = [](const QSet<QString> &files, const QString &prefix) {
            return std::count_if(files.cbegin(), files.cend(),
                                 [&](const QString &f) { return f.startsWith(prefix); });
        };
        QCOMPARE(countPrefix(before, victimImages), 2);
        QCOMPARE(countPrefix(before, bystanderImages), 2);
        QCOMPARE(countPrefix(before, QStringLiteral("endpoints/")), 2);
        const QString victimFile =
            m_server
                .sql(QStringLiteral("SELECT file_path FROM endpoints WHERE userid = ? AND "
                                    "file_path IS NOT NULL"),
                     {victimId})
                .first()
                .first()
                .toString();
        QVERIFY(before.contains(victimFile));

        // Per table: the column naming the user, and how many rows each user had.
        const QList<QPair<QString, QString>> owned{
            {QStringLiteral("users"), QStringLiteral("id")},
            {QStringLiteral("authentication"), QStringLiteral("userid")},
            {QStringLiteral("tokens"), QStringLiteral("userid")},
            {QStringLiteral("endpoints"), QStringLiteral("userid")},
            {QStringLiteral("endpoint_requests"), QStringLiteral("userid")},
            {QStringLiteral("requests"), QStringLiteral("userid")},
            {QStringLiteral("ws_tickets"), QStringLiteral("user_id")}};
        for (const auto &[table, column] : owned) {
            const QString sql =
                QStringLiteral("SELECT COUNT(*) FROM %1 WHERE %2 = ?").arg(table, column);
            QVERIFY2(count(sql, {victimId}) > 0, qPrintable(table));
            QVERIFY2(count(sql, {bystanderId}) > 0, qPrintable(table));
        }
        const QString throttleOf = QStringLiteral("SELECT COUNT(*) FROM throttle WHERE key LIKE ?");
        QVERIFY(count(throttleOf, {QString(QStringLiteral("login:user%:") + victim + u'%')}) > 0);

        const HttpResult r = deleteMe(victimToken, R"({"password":"password-123"})");
        QCOMPARE(r.status, 204);
        // (before the failed log-in below counts again)
        QCOMPARE(count(throttleOf, {QString(QStringLiteral("login:user%:") + victim + u'%')}), 0);
        // At once: the token, the password and the public URLs are gone.
        QCOMPARE(me(victimToken).status, 401);
        QCOMPARE(login(victim, QStringLiteral("password-123")).status, 401);
        QCOMPARE(TestHttp::get(m_server.url(QStringLiteral("/u/%1/hello").arg(victim))).status,
                 404);
        QCOMPARE(TestHttp::get(m_server.url(QStringLiteral("/u/%1/notes.txt").arg(victim))).status,
                 404);

        for (const auto &[table, column] : owned) {
            const QString sql =
                QStringLiteral("SELECT COUNT(*) FROM %1 WHERE %2 = ?").arg(table, column);
            QVERIFY2(count(sql, {victimId}) == 0, qPrintable(table));
            QVERIFY2(count(sql, {bystanderId}) > 0, qPrintable(table));
        }
        // No orphans of the cascade: state, items and images all belong to living rows.
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM endpoint_state WHERE endpoint_id NOT "
                                      "IN (SELECT id FROM endpoints)")),
                 0);
        for (const QString &table : {QStringLiteral("dump_items"), QStringLiteral("dump_images")}) {
            QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM %1 WHERE request_id NOT IN "
                                          "(SELECT id FROM requests)")
                               .arg(table)),
                     0);
            QVERIFY(count(QStringLiteral("SELECT COUNT(*) FROM %1").arg(table)) > 0); // bystander's
        }
        QVERIFY(count(throttleOf, {QString(QStringLiteral("login:user%:") + bystander + u'%')}) >
                0);

        // The files: exactly the victim's are gone (the 204 came after their removal).
        const QSet<QString> after = filesUnder(filesDir);
        QSet<QString> expected = before;
        for (const QString &file : before) {
            if (file.startsWith(victimImages) || file == victimFile)
                expected.remove(file);
        }
        QCOMPARE(after, expected);
        QVERIFY(!QFileInfo::exists(QDir(filesDir).filePath(victimImages)));

        // The bystander is untouched; the name is free again, for an empty account.
        QCOMPARE(me(bystanderToken).status, 200);
        QCOMPARE(TestHttp::get(m_server.url(QStringLiteral("/u/%1/notes.txt").arg(bystander))).body,
                 "notes of " + bystander.toUtf8());
        const QString again = m_server.signUpAndLogin(victim, QStringLiteral("another-password"));
        QVERIFY(!again.isEmpty());
        QCOMPARE(TestHttp::get(m_server.url(QStringLiteral("/api/v1/endpoints")),
                               TestHttp::bearer(again))
                     .json()
                     .value(QStringLiteral("total"))
                     .toInt(),
                 0);
    }

    void deleteMeDuringAsyncDump()
    {
        // A dump still fetching when its account goes: the images it writes afterwards are
        // removed when the job finds its request gone, so no file outlives the account.
        const QString name = QStringLiteral("hasty");
        const QString tok = m_server.signUpAndLogin(name);
        QVERIFY(!tok.isEmpty());
        const qint64 id = userId(name);
        const QJsonObject dump =
            dumpOf({m_images.url(QStringLiteral("/delay/1500/png/%1-%2").arg(name, backend()))});
        const HttpResult accepted =
            TestHttp::postJson(m_server.url(QStringLiteral("/api/v1/dumps")), dump,
                               TestHttp::bearer(tok) + Headers{{"Prefer", "respond-async"}});
        QCOMPARE(accepted.status, 202);
        const QString requestId =
            accepted.json().value(QStringLiteral("requestId")).toVariant().toString();
        QVERIFY(!requestId.isEmpty());
        QCOMPARE(deleteMe(tok, R"({"password":"password-123"})").status, 204);
        // The fetch ends after the deletion: the job cannot store its result, and cleans up.
        const QByteArray failed = "dump " + requestId.toUtf8() + ": cannot store the result";
        QTRY_VERIFY2_WITH_TIMEOUT(m_server.log().contains(failed),
                                  m_server.log().right(800).constData(), 20000);
        QVERIFY2(m_server.log().contains(
                     QByteArray("dump " + requestId.toUtf8() + ": its account is gone")),
                 m_server.log().constData());
        const QString userImages =
            QDir(m_server.dataDir()).filePath(QStringLiteral("files/images/%1").arg(id));
        QTRY_VERIFY(!QFileInfo::exists(userImages));
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM requests WHERE userid = ?"), {id}), 0);
    }

    void usersCommand()
    {
        // add: the running server knows the user at once, with the plan
        Run run = users({QStringLiteral("add"), QStringLiteral("alice"), QStringLiteral("--plan"),
                         QStringLiteral("GOLD")},
                        "alice-password-1\n");
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains("alice"), run.out.constData());
        QString tok = token(QStringLiteral("alice"), QStringLiteral("alice-password-1"));
        QVERIFY(!tok.isEmpty());
        QCOMPARE(me(tok).json().value(QStringLiteral("plan")).toString(), QStringLiteral("gold"));
        QVERIFY(!m_server.signUpAndLogin(QStringLiteral("bob")).isEmpty());

        // list: a table, and JSON
        run = users({QStringLiteral("list")});
        QCOMPARE(run.exitCode, 0);
        const QList<QByteArray> lines = run.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines[0].simplified() == "NAME PLAN CREATED", run.out.constData());
        QVERIFY2(lines[1].simplified().startsWith("alice gold 20"), run.out.constData());
        QVERIFY2(lines[2].simplified().startsWith("bob bronze 20"), run.out.constData());
        run = users({QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonArray listed = QJsonDocument::fromJson(run.out).array();
        QCOMPARE(listed.size(), 2);
        QCOMPARE(listed[0].toObject().value(QStringLiteral("username")).toString(),
                 QStringLiteral("alice"));
        QCOMPARE(listed[0].toObject().value(QStringLiteral("plan")).toString(),
                 QStringLiteral("gold"));
        QVERIFY(
            QDateTime::fromString(
                listed[0].toObject().value(QStringLiteral("created_at")).toString(), Qt::ISODate)
                .isValid());

        // passwd: the old password and every old token stop working
        run = users({QStringLiteral("passwd"), QStringLiteral("alice")}, "brand-new-secret\n");
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(!run.out.contains("brand-new-secret"));
        QCOMPARE(me(tok).status, 401);
        QCOMPARE(login(QStringLiteral("alice"), QStringLiteral("alice-password-1")).status, 401);
        tok = token(QStringLiteral("alice"), QStringLiteral("brand-new-secret"));
        QVERIFY(!tok.isEmpty());

        // plan: seen by the next request
        run = users({QStringLiteral("plan"), QStringLiteral("alice"), QStringLiteral("silver")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(me(tok).json().value(QStringLiteral("plan")).toString(), QStringLiteral("silver"));
        QCOMPARE(me(tok)
                     .json()
                     .value(QStringLiteral("quota"))
                     .toObject()
                     .value(QStringLiteral("limit"))
                     .toInt(),
                 50);

        // delete: the same removal as DELETE /me, files included
        fillAccount(QStringLiteral("alice"), tok);
        if (QTest::currentTestFailed())
            return;
        const qint64 id = userId(QStringLiteral("alice"));
        const QString filesDir = QDir(m_server.dataDir()).filePath(QStringLiteral("files"));
        QVERIFY(QFileInfo::exists(QDir(filesDir).filePath(QStringLiteral("images/%1").arg(id))));
        run = users({QStringLiteral("delete"), QStringLiteral("alice")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(me(tok).status, 401);
        QCOMPARE(userId(QStringLiteral("alice")), 0);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM endpoints WHERE userid = ?"), {id}), 0);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM requests WHERE userid = ?"), {id}), 0);
        QCOMPARE(
            count(QStringLiteral("SELECT COUNT(*) FROM endpoint_requests WHERE userid = ?"), {id}),
            0);
        QVERIFY(!QFileInfo::exists(QDir(filesDir).filePath(QStringLiteral("images/%1").arg(id))));
        QCOMPARE(filesUnder(QDir(filesDir).filePath(QStringLiteral("endpoints"))).size(), 0);
        run = users({QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(QJsonDocument::fromJson(run.out).array().size(), 1);
        QCOMPARE(me(m_server.signUpAndLogin(QStringLiteral("bob"))).status, 200);
    }

    void usersCommandErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        auto row = [](const char *name, const QStringList &args, const QByteArray &input, int code,
                      const QString &message) {
            QTest::newRow(name) << args << input << code << message;
        };
        row("no command", {}, {}, 2, QStringLiteral("command is missing"));
        row("unknown command", {QStringLiteral("frobnicate")}, {}, 2,
            QStringLiteral("unknown command 'frobnicate'"));
        row("unknown option", {QStringLiteral("list"), QStringLiteral("--bogus")}, {}, 2,
            QStringLiteral("bogus"));
        row("add without a name", {QStringLiteral("add")}, {}, 2, QStringLiteral("expected 1"));
        row("password on the command line",
            {QStringLiteral("passwd"), QStringLiteral("taken-user"), QStringLiteral("secret-123")},
            {}, 2, QStringLiteral("expected 1"));
        row("--json with add",
            {QStringLiteral("add"), QStringLiteral("bob2"), QStringLiteral("--json")},
            "password-123\n", 2, QStringLiteral("--json"));
        row("invalid username", {QStringLiteral("add"), QStringLiteral("a/b")}, "password-123\n", 2,
            QStringLiteral("invalid username 'a/b': 3-32 characters"));
        row("unknown plan",
            {QStringLiteral("add"), QStringLiteral("bob2"), QStringLiteral("--plan"),
             QStringLiteral("platinum")},
            "password-123\n", 2, QStringLiteral("unknown plan 'platinum'"));
        row("short password", {QStringLiteral("add"), QStringLiteral("bob2")}, "short\n", 2,
            QStringLiteral("password must be at least 8 characters"));
        row("no password", {QStringLiteral("add"), QStringLiteral("bob2")}, {}, 2,
            QStringLiteral("no password"));
        row("name taken", {QStringLiteral("add"), QStringLiteral("taken-user")}, "password-123\n",
            1, QStringLiteral("user 'taken-user' exists"));
        row("passwd of nobody", {QStringLiteral("passwd"), QStringLiteral("nobody-here")},
            "password-123\n", 1, QStringLiteral("no user 'nobody-here'"));
        row("plan of nobody",
            {QStringLiteral("plan"), QStringLiteral("nobody-here"), QStringLiteral("gold")}, {}, 1,
            QStringLiteral("no user 'nobody-here'"));
        row("plan unknown",
            {QStringLiteral("plan"), QStringLiteral("taken-user"), QStringLiteral("x")}, {}, 2,
            QStringLiteral("unknown plan 'x'"));
        row("delete nobody", {QStringLiteral("delete"), QStringLiteral("nobody-here")}, {}, 1,
            QStringLiteral("no user 'nobody-here'"));
    }

    void usersCommandErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, input);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const QString tok = m_server.signUpAndLogin(QStringLiteral("taken-user"));
        QVERIFY(!tok.isEmpty());
        const Run run = users(arguments, input);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(run.err.startsWith("depot-server: error: "), run.err.constData());
        QCOMPARE(run.err.count('\n'), 1); // one line
        QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
        QVERIFY(run.out.isEmpty());
        // nothing changed
        QCOMPARE(me(tok).status, 200);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM users")), 1);
    }

    void usersCommandDatabaseDown()
    {
        // The configured database cannot be reached: a runtime error, exit 1.
        const Run run = users({QStringLiteral("list")}, {},
                              {QStringLiteral("--database"),
                               QStringLiteral("postgresql://depot@127.0.0.1:1/nowhere")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.startsWith("depot-server: error: cannot open the database"),
                 run.err.constData());
    }

    void usersFileReimport()
    {
        QTemporaryDir dir;
        const QString usersFile = dir.filePath(QStringLiteral("users.txt"));
        auto writeUsers = [&](const QByteArray &content) {
            QFile file(usersFile);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(content);
        };
        writeUsers("seeded first-password bronze\nsteady steady-password gold\n");
        TestServer::Options options;
        options.backend = backend();
        options.workers = 1;
        options.extraArgs = {QStringLiteral("--users-file"), usersFile};
        TestServer first;
        QVERIFY2(first.start(options), qPrintable(first.errorString()));
        QVERIFY2(first.log().contains("2 listed, 2 user(s) created"), first.log().constData());
        const QJsonObject oldLogin{{QStringLiteral("username"), QStringLiteral("seeded")},
                                   {QStringLiteral("password"), QStringLiteral("first-password")}};
        const QString oldToken =
            TestHttp::postJson(first.url(QStringLiteral("/api/v1/auth/token")), oldLogin)
                .json()
                .value(QStringLiteral("token"))
                .toString();
        QVERIFY(!oldToken.isEmpty());

        // The operator edits the seed: a new password and plan for one user, the other unchanged.
        writeUsers("seeded second-password gold\nsteady steady-password gold\n");
        TestServer second; // the same database and files, while the first still runs
        QVERIFY2(second.startSharing(first, options), qPrintable(second.errorString()));
        QVERIFY2(second.log().contains("2 listed, 0 user(s) created, 1 password(s) and 1 plan(s) "
                                       "changed"),
                 second.log().constData());
        for (TestServer *s : {&first, &second}) {
            QCOMPARE(
                TestHttp::postJson(s->url(QStringLiteral("/api/v1/auth/token")), oldLogin).status,
                401);
            QCOMPARE(TestHttp::get(s->url(QStringLiteral("/api/v1/me")), TestHttp::bearer(oldToken))
                         .status,
                     401);
        }
        const QString newToken =
            TestHttp::postJson(second.url(QStringLiteral("/api/v1/auth/token")),
                               {{QStringLiteral("username"), QStringLiteral("seeded")},
                                {QStringLiteral("password"), QStringLiteral("second-password")}})
                .json()
                .value(QStringLiteral("token"))
                .toString();
        QVERIFY(!newToken.isEmpty());
        QCOMPARE(TestHttp::get(first.url(QStringLiteral("/api/v1/me")), TestHttp::bearer(newToken))
                     .json()
                     .value(QStringLiteral("plan"))
                     .toString(),
                 QStringLiteral("gold"));
        QCOMPARE(second.stop(), 0);

        // The same file again: nothing to change, and the tokens issued meanwhile stay valid.
        TestServer third;
        QVERIFY2(third.startSharing(first, options), qPrintable(third.errorString()));
        QVERIFY2(third.log().contains("0 user(s) created, 0 password(s) and 0 plan(s) changed"),
                 third.log().constData());
        QCOMPARE(TestHttp::get(third.url(QStringLiteral("/api/v1/me")), TestHttp::bearer(newToken))
                     .status,
                 200);
        QCOMPARE(third.stop(), 0);
        QCOMPARE(first.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_Accounts)
#include "tst_accounts.moc"
