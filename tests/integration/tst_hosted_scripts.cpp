// Script endpoints end to end over HTTP: a real depot-server runs users' Python scripts in its
// bubblewrap sandbox, on SQLite and PostgreSQL. The sandbox itself (fork bombs, daemons, memory,
// file system) is tested at unit level in tst_scriptrunner; here: CGI in and out through the
// server, and how the runner's outcomes become HTTP answers (504, 502, 503 + Retry-After).
#include "HostedTestSupport.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

#include <map>

using namespace depot::test;

class TestHostedScripts : public QObject
{
    Q_OBJECT

    static constexpr int kTimeoutMs = 1000;
    static constexpr int kMaxOutput = 64 * 1024;
    static constexpr int kConcurrency = 2;
    static constexpr int kQueue = 4;

    std::map<QString, std::unique_ptr<TestServer>> m_servers; // one per backend
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
                QStringLiteral("--shutdown-timeout"),   QStringLiteral("500"),
                QStringLiteral("--script-timeout"),     QString::number(kTimeoutMs),
                QStringLiteral("--script-max-output"),  QString::number(kMaxOutput),
                QStringLiteral("--script-concurrency"), QString::number(kConcurrency),
                QStringLiteral("--script-queue"),       QString::number(kQueue),
                QStringLiteral("--script-queue-wait"),  QStringLiteral("10000")};
            if (!slot->start(options))
                qFatal("cannot start depot-server: %s", qPrintable(slot->errorString()));
        }
        return *slot;
    }

    // A new user with one script endpoint at /u/<user>/script; returns the user.
    HostedUser withScript(const QByteArray &script, const QByteArray &method = "GET")
    {
        HostedUser u;
        u.name = QStringLiteral("scripter%1").arg(++m_users);
        u.token = server().signUpAndLogin(u.name);
        const Form form = Form()
                              .field("identifier", "script")
                              .field("kind", "script")
                              .field("method", method)
                              .file(script, "; filename=\"script.py\"", "text/x-python");
        const HttpResult r =
            TestHttp::request("POST", server().url(QStringLiteral("/api/v1/endpoints")),
                              form.body(), form.headers(u.auth()));
        if (r.status != 201)
            qWarning("creating the script endpoint: %d %s", r.status, r.body.constData());
        return u;
    }

    // An executable `bwrap` stand-in in `dir` running `body` (after "#!/bin/sh\n"). The runner
    // execs bubblewrap after dropping to the sandbox uid: both must be reachable by it.
    static QString fakeBwrap(const QTemporaryDir &dir, const QByteArray &body)
    {
        QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                              QFile::ReadOther | QFile::ExeOther);
        const QString path = dir.filePath(QStringLiteral("bwrap"));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(path));
        file.write("#!/bin/sh\n" + body);
        file.close();
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                            QFile::ReadOther | QFile::ExeOther);
        return path;
    }

    HttpResult hit(const HostedUser &u, const QByteArray &method = "GET", const QString &query = {},
                   const QByteArray &body = {}, const Headers &headers = {})
    {
        return TestHttp::request(method,
                                 server().url(QStringLiteral("/u/%1/script%2").arg(u.name, query)),
                                 body, headers);
    }

private Q_SLOTS:
    void initTestCase_data()
    {
        QTest::addColumn<QString>("backend");
        for (const QString &backend : TestServer::backends())
            QTest::newRow(qPrintable(backend)) << backend;
    }

    void cleanupTestCase() { m_servers.clear(); }

    void helloWorld()
    {
        const HostedUser u = withScript("print('hello world')\n");
        const HttpResult r = hit(u);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, QByteArray("hello world\n"));
        QVERIFY(r.header("Content-Type").startsWith("text/plain"));
        QCOMPARE(r.header("X-Content-Type-Options"), "nosniff");
    }

    void cgiRequestAndResponse()
    {
        const HostedUser u = withScript(R"(import json, os, sys
body = sys.stdin.read()
print("Status: 201 Created")
print("Content-Type: application/json")
print("X-Echo-Method: " + os.environ["REQUEST_METHOD"])
print()
print(json.dumps({k: os.environ.get(k, "") for k in
    ["REQUEST_METHOD", "QUERY_STRING", "CONTENT_TYPE", "CONTENT_LENGTH", "HTTP_X_TEST",
     "SCRIPT_NAME", "GATEWAY_INTERFACE", "HTTP_AUTHORIZATION", "DEPOT_TEST_SECRET"]} | {"body": body}))
)",
                                        "POST");
        const HttpResult r = hit(u, "POST", QStringLiteral("?a=1&b=two"), "{\"x\":1}",
                                 {{"Content-Type", "application/json"},
                                  {"X-Test", "yes"},
                                  {"Authorization", "Bearer secret"}});
        QCOMPARE(r.status, 201);
        QCOMPARE(r.header("Content-Type"), "application/json");
        QCOMPARE(r.header("X-Echo-Method"), "POST");
        const QJsonObject env = r.json();
        QCOMPARE(env.value(QStringLiteral("REQUEST_METHOD")).toString(), QStringLiteral("POST"));
        QCOMPARE(env.value(QStringLiteral("QUERY_STRING")).toString(), QStringLiteral("a=1&b=two"));
        QCOMPARE(env.value(QStringLiteral("CONTENT_TYPE")).toString(),
                 QStringLiteral("application/json"));
        QCOMPARE(env.value(QStringLiteral("CONTENT_LENGTH")).toString(), QStringLiteral("7"));
        QCOMPARE(env.value(QStringLiteral("HTTP_X_TEST")).toString(), QStringLiteral("yes"));
        QCOMPARE(env.value(QStringLiteral("SCRIPT_NAME")).toString(),
                 QStringLiteral("/u/%1/script").arg(u.name));
        QCOMPARE(env.value(QStringLiteral("GATEWAY_INTERFACE")).toString(),
                 QStringLiteral("CGI/1.1"));
        QCOMPARE(env.value(QStringLiteral("body")).toString(), QStringLiteral("{\"x\":1}"));
        // Credentials and the server's environment stay out.
        QCOMPARE(env.value(QStringLiteral("HTTP_AUTHORIZATION")).toString(), QString());
        QCOMPARE(env.value(QStringLiteral("DEPOT_TEST_SECRET")).toString(), QString());
        // The endpoint's method still applies.
        QCOMPARE(hit(u, "GET").status, 405);
    }

    void activeOutputIsSandboxed()
    {
        const HostedUser u = withScript(
            "print('Content-Type: text/html')\nprint()\nprint('<script>alert(1)</script>')\n");
        const HttpResult r = hit(u);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Content-Type"), "text/html");
        QCOMPARE(r.header("Content-Security-Policy"), "sandbox");
        QCOMPARE(r.header("X-Content-Type-Options"), "nosniff");
    }

    void errorsStayWithTheOwner()
    {
        const HostedUser ok =
            withScript("import sys\nsys.stderr.write('SECRET-STDERR\\n')\nprint('fine')\n");
        const HttpResult fine = hit(ok);
        QCOMPARE(fine.status, 200);
        QVERIFY(!fine.body.contains("SECRET"));
        const HostedUser failing =
            withScript("import sys\nsys.stderr.write('SECRET-TRACE\\n')\nsys.exit(3)\n");
        const HttpResult failed = hit(failing);
        QCOMPARE(failed.status, 502);
        QVERIFY(!failed.body.contains("SECRET"));
        QVERIFY(!failed.json().value(QStringLiteral("detail")).toString().isEmpty());
        const HostedUser bad =
            withScript("import sys\nsys.stdout.write('Status: 200\\nBad Header Line\\n\\nx')\n");
        QCOMPARE(hit(bad).status, 502);
    }

    void infiniteLoopTimesOut()
    {
        const HostedUser u = withScript("while True: pass\n");
        QElapsedTimer clock;
        clock.start();
        const HttpResult r = hit(u);
        const qint64 elapsed = clock.elapsed();
        QCOMPARE(r.status, 504);
        QVERIFY2(elapsed >= kTimeoutMs - 50 && elapsed < kTimeoutMs + 2000,
                 qPrintable(QString::number(elapsed)));
        // The server is fine afterwards.
        QCOMPARE(hit(withScript("print(1)\n")).status, 200);
    }

    void outputFloodIsCut()
    {
        const HostedUser u =
            withScript("import sys\nchunk = 'x' * 65536\nwhile True: sys.stdout.write(chunk)\n");
        QElapsedTimer clock;
        clock.start();
        const HttpResult r = hit(u);
        QCOMPARE(r.status, 502);
        QVERIFY(r.body.size() < 4096); // the error, not the flood
        QVERIFY2(clock.elapsed() < kTimeoutMs, qPrintable(QString::number(clock.elapsed())));
    }

    void concurrencyIsBounded()
    {
        // Two run, four wait their turn and run after them, the rest are refused at once.
        const HostedUser u = withScript("import time\ntime.sleep(0.5)\nprint('done')\n");
        const QByteArray request = "GET /u/" + u.name.toLatin1() +
                                   "/script HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        const QList<RawResponse> replies =
            concurrentRequests(server().baseUrl(), request, 30, 20000);
        const int ok = countStatus(replies, 200);
        const int busy = countStatus(replies, 503);
        qInfo("30 simultaneous hits with --script-concurrency %d --script-queue %d: %d ran, %d got "
              "503",
              kConcurrency, kQueue, ok, busy);
        QCOMPARE(ok + busy, 30);
        QCOMPARE(ok, kConcurrency + kQueue);
        for (const RawResponse &r : replies) {
            if (r.status == 503)
                QVERIFY2(r.header("Retry-After").toInt() >= 1, r.head.constData());
            else
                QCOMPARE(r.body, QByteArray("done\n"));
        }
        // Once they are done, scripts run again.
        QTRY_COMPARE(hit(u).status, 200);
    }

    void queuedHitsAreAnsweredNotRefused()
    {
        // As many clients as slots and queue places together: every one gets its answer.
        const HostedUser u = withScript("import time\ntime.sleep(0.2)\nprint('done')\n");
        const QByteArray request = "GET /u/" + u.name.toLatin1() +
                                   "/script HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        const QList<RawResponse> replies =
            concurrentRequests(server().baseUrl(), request, kConcurrency + kQueue, 20000);
        QCOMPARE(countStatus(replies, 200), kConcurrency + kQueue);
    }

    void confinement_data()
    {
        // %PORT% and %DATA% are this backend's server's (data rows are shared by the backends).
        QTest::addColumn<QByteArray>("attempt");
        QTest::newRow("read /etc/passwd") << QByteArray("open('/etc/passwd').read()");
        QTest::newRow("read the database file")
            << QByteArray("open('%DATA%/depot.sqlite', 'rb').read()");
        QTest::newRow("list the data directory") << QByteArray("import os; os.listdir('%DATA%')");
        QTest::newRow("connect to the server")
            << QByteArray("import socket; socket.create_connection(('127.0.0.1', %PORT%), 2)");
        QTest::newRow("connect outside")
            << QByteArray("import socket; socket.create_connection(('1.1.1.1', 80), 2)");
        QTest::newRow("write to /usr") << QByteArray("open('/usr/depot-test', 'w').write('x')");
    }

    void confinement()
    {
        QFETCH(QByteArray, attempt);
        attempt.replace("%PORT%", QByteArray::number(server().baseUrl().port()));
        attempt.replace("%DATA%", server().dataDir().toUtf8());
        const HostedUser u = withScript("try:\n    exec(\"" + attempt.replace('"', "\\\"") +
                                        "\")\n    print('ALLOWED')\nexcept Exception as e:\n    "
                                        "print('blocked', type(e).__name__)\n");
        const HttpResult r = hit(u);
        QCOMPARE(r.status, 200);
        QVERIFY2(r.body.startsWith("blocked"), r.body.constData());
    }

    void forkBombHurtsOnlyItsOwner()
    {
        // Each concurrent run has its own uid, and RLIMIT_NPROC counts per uid: a fork bomb
        // exhausts its own run's processes, not those of another tenant's script beside it.
        if (::geteuid() != 0)
            QSKIP("distinct uids per run need root (see docs/SECURITY.md, Script tenants)");
        const HostedUser bomber = withScript("import os\nwhile True:\n    try:\n        os.fork()\n"
                                             "    except OSError:\n        pass\n");
        const HostedUser other = withScript("print('still here')\n");
        QTcpSocket bomb;
        bomb.connectToHost(server().baseUrl().host(), quint16(server().baseUrl().port()));
        QVERIFY(bomb.waitForConnected(5000));
        bomb.write("GET /u/" + bomber.name.toLatin1() +
                   "/script HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        bomb.flush();
        QTest::qWait(kTimeoutMs / 3); // the bomb is at its process limit by now
        const HttpResult r = hit(other);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, QByteArray("still here\n"));
        // the bomb itself only timed out
        QByteArray answer;
        while (bomb.state() == QAbstractSocket::ConnectedState && bomb.waitForReadyRead(10000))
            answer += bomb.readAll();
        answer += bomb.readAll();
        QVERIFY2(answer.startsWith("HTTP/1.1 504") || answer.startsWith("HTTP/1.1 502"),
                 answer.left(200).constData());
        QTRY_COMPARE(hit(other).status, 200);
    }

    void sandboxFailureIsRecheckedAndRecovers()
    {
        // A bubblewrap that fails while a flag file exists, and works again once it is gone:
        // scripts fail closed (503), /readyz says scripts are degraded, and both recover by
        // themselves, whether the failure was seen at start-up or at run time.
        QFETCH_GLOBAL(QString, backend);
        QTemporaryDir dir;
        const QString flag = dir.filePath(QStringLiteral("broken"));
        const QString fakeBwrap = this->fakeBwrap(
            dir, "if [ -e '" + flag.toUtf8() +
                     "' ]; then echo 'bwrap: Creating new namespace failed: Resource temporarily "
                     "unavailable' >&2; exit 1; fi\nexec /usr/bin/bwrap \"$@\"\n");
        const auto setBroken = [&](bool broken) {
            if (broken) {
                QFile f(flag);
                QVERIFY(f.open(QIODevice::WriteOnly));
            } else {
                QVERIFY(QFile::remove(flag));
            }
        };
        setBroken(true);

        TestServer s;
        TestServer::Options options;
        options.backend = backend;
        options.extraArgs = {QStringLiteral("--script-bwrap"), fakeBwrap,
                             QStringLiteral("--script-recheck-interval"), QStringLiteral("200")};
        QVERIFY2(s.start(options), qPrintable(s.errorString()));
        const QString token = s.signUpAndLogin(QStringLiteral("recovering"));
        const Form form = Form()
                              .field("identifier", "script")
                              .field("kind", "script")
                              .field("method", "GET")
                              .file("print('ran')\n", "; filename=\"s.py\"", "text/x-python");
        QCOMPARE(TestHttp::request("POST", s.url(QStringLiteral("/api/v1/endpoints")), form.body(),
                                   form.headers(TestHttp::bearer(token)))
                     .status,
                 201);
        const QUrl script = s.url(QStringLiteral("/u/recovering/script"));
        const QUrl ready = s.url(QStringLiteral("/readyz"));
        const auto scripts = [&] {
            return TestHttp::get(ready).json().value(QStringLiteral("scripts")).toString();
        };

        // broken at start-up
        QCOMPARE(TestHttp::get(script).status, 503);
        QCOMPARE(TestHttp::get(ready).status, 200);
        QCOMPARE(scripts(), QStringLiteral("degraded"));
        setBroken(false);
        QTRY_COMPARE_WITH_TIMEOUT(TestHttp::get(script).status, 200, 5000);
        QCOMPARE(scripts(), QStringLiteral("ok"));

        // broken at run time: the sandboxes started before still serve their one run each (they
        // are set up already), then the next start fails and scripts fail closed
        setBroken(true);
        QTRY_COMPARE_WITH_TIMEOUT(TestHttp::get(script).status, 503, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(scripts(), QStringLiteral("degraded"), 5000);
        setBroken(false);
        QTRY_COMPARE_WITH_TIMEOUT(TestHttp::get(script).status, 200, 5000);
        QCOMPARE(scripts(), QStringLiteral("ok"));
    }

    void failsClosedWithoutSandbox()
    {
        // A bubblewrap that fails the way it does where namespaces are not allowed (some
        // container runtimes): the start-up self-test fails, script endpoints answer 503 naming
        // the reason, and nothing runs unsandboxed.
        QFETCH_GLOBAL(QString, backend);
        QTemporaryDir dir;
        const QString fakeBwrap = this->fakeBwrap(
            dir, "echo 'bwrap: No permissions to create new namespace' >&2\nexit 1\n");

        TestServer broken;
        TestServer::Options options;
        options.backend = backend;
        options.extraArgs = {QStringLiteral("--script-bwrap"), fakeBwrap};
        QVERIFY2(broken.start(options), qPrintable(broken.errorString()));
        const QString token = broken.signUpAndLogin(QStringLiteral("closed"));
        const Form form = Form()
                              .field("identifier", "script")
                              .field("kind", "script")
                              .field("method", "GET")
                              .file("open('/tmp/ran', 'w').write('x'); print('ran')\n",
                                    "; filename=\"s.py\"", "text/x-python");
        const HttpResult created =
            TestHttp::request("POST", broken.url(QStringLiteral("/api/v1/endpoints")), form.body(),
                              form.headers(TestHttp::bearer(token)));
        QCOMPARE(created.status, 201);
        const HttpResult r = TestHttp::get(broken.url(QStringLiteral("/u/closed/script")));
        QCOMPARE(r.status, 503);
        QVERIFY2(r.json()
                     .value(QStringLiteral("detail"))
                     .toString()
                     .contains(QStringLiteral("namespace")),
                 r.body.constData());
        QVERIFY(!r.body.contains("ran"));
        QCOMPARE(TestHttp::get(broken.url(QStringLiteral("/healthz"))).status, 200);
        QVERIFY2(broken.log().contains("namespace"), broken.log().constData());
    }
};

QTEST_MAIN(TestHostedScripts)
#include "tst_hosted_scripts.moc"
