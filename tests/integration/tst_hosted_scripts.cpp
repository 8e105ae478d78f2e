// Script endpoints end to end over HTTP: a real depot-server runs users' Python scripts in its
// bubblewrap sandbox, on SQLite and PostgreSQL. The sandbox itself (fork bombs, daemons, memory,
// file system) is tested at unit level in tst_scriptrunner; here: CGI in and out through the
// server, and how the runner's outcomes become HTTP answers (504, 502, 503 + Retry-After).
#include "HostedTestSupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QScopeGuard>
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

    // ctest runs this test twice: with zygotes (the default) and, for the isolation tests, with
    // one bwrap per run (DEPOT_TEST_SCRIPT_MODE=classic).
    static QStringList modeArgs()
    {
        if (qEnvironmentVariable("DEPOT_TEST_SCRIPT_MODE") == QLatin1String("classic"))
            return {QStringLiteral("--script-zygote"), QStringLiteral("false")};
        return {};
    }

    // Not the default range, which the other tests' servers use: a fork bomb here must not use
    // up their uids' RLIMIT_NPROC when ctest runs them side by side.
    static QStringList ownUidRange()
    {
        return {QStringLiteral("--script-uid-range"), QStringLiteral("1000000200-1000000263")};
    }

    std::map<QString, std::unique_ptr<TestServer>> m_servers; // one per backend
    TestServer *m_own = nullptr; // a test's own server, when it needs other options
    int m_users = 0;

    static TestServer::Options options(const QStringList &more = {})
    {
        QFETCH_GLOBAL(QString, backend);
        TestServer::Options options;
        options.backend = backend;
        options.extraArgs =
            QStringList{QStringLiteral("--shutdown-timeout"),   QStringLiteral("500"),
                        QStringLiteral("--script-timeout"),     QString::number(kTimeoutMs),
                        QStringLiteral("--script-max-output"),  QString::number(kMaxOutput),
                        QStringLiteral("--script-concurrency"), QString::number(kConcurrency),
                        QStringLiteral("--script-queue"),       QString::number(kQueue),
                        QStringLiteral("--script-queue-wait"),  QStringLiteral("10000")} +
            ownUidRange() + modeArgs() + more;
        return options;
    }

    TestServer &server()
    {
        if (m_own)
            return *m_own;
        QFETCH_GLOBAL(QString, backend);
        auto &slot = m_servers[backend];
        if (!slot) {
            slot = std::make_unique<TestServer>();
            if (!slot->start(options()))
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

    void forkBombHurtsOnlyItsOwner_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<bool>("needsCgroup");
        QTest::addColumn<bool>("asService"); // not root, a delegated cgroup, as packaged
        // RLIMIT_NPROC counts per uid: with a uid of its own, a fork bomb exhausts only its own
        // run's processes.
        QTest::newRow("a uid per run, no cgroup")
            << QStringList{QStringLiteral("--script-cgroup"), QStringLiteral("off")} << false
            << false;
        // One uid for every run, as when the service is not root: a pids cgroup per run caps the
        // bomb's processes instead (and RLIMIT_NPROC, which that uid would share, is not set).
        QTest::newRow("one shared uid, a pids cgroup per run")
            << QStringList{QStringLiteral("--script-per-run-uids"), QStringLiteral("false")} << true
            << false;
        // The packaged service: not root (every run has the service's uid, bubblewrap in
        // unprivileged user namespaces), given a cgroup of its own (systemd's Delegate=yes; here
        // a cgroup v1 pids directory handed to its uid).
        QTest::newRow("not root, a delegated cgroup") << QStringList() << true << true;
    }

    // A pids cgroup directory owned by `uid`, as systemd delegates one; empty if none can be
    // made here.
    static QString delegatedCgroup(uint uid)
    {
        const QString hierarchy = QStringLiteral("/sys/fs/cgroup/pids");
        if (!QFileInfo::exists(hierarchy + QStringLiteral("/cgroup.procs")))
            return {};
        static int made = 0;
        const QString dir =
            hierarchy + QStringLiteral("/depot-test-%1-%2").arg(::getpid()).arg(++made);
        if (!QDir().mkdir(dir))
            return {};
        for (const QString &name :
             QDir(dir).entryList(QDir::Files) + QStringList{QStringLiteral(".")}) {
            if (::chown(QFile::encodeName(dir + u'/' + name).constData(), uid, uid) != 0)
                return {};
        }
        return dir;
    }

    void forkBombHurtsOnlyItsOwner()
    {
        QFETCH(QStringList, args);
        QFETCH(bool, needsCgroup);
        QFETCH(bool, asService);
        if (::geteuid() != 0)
            QSKIP("uids per run, and cgroups here, need root (see docs/SECURITY.md, Script "
                  "tenants)");
        constexpr uint kServiceUid = 65534; // nobody
        QString delegated;
        const auto removeDelegated = qScopeGuard([&delegated] {
            if (delegated.isEmpty())
                return;
            for (const QString &run : QDir(delegated).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
                QDir().rmdir(delegated + u'/' + run);
            QDir().rmdir(delegated);
        });
        TestServer::Options serverOptions = options(args);
        if (asService) {
            delegated = delegatedCgroup(kServiceUid);
            if (delegated.isEmpty())
                QSKIP("no cgroup v1 pids hierarchy to delegate here (on cgroup v2 that is "
                      "systemd's Delegate=yes, installer/README.md)");
            serverOptions.runAsUid = kServiceUid;
            serverOptions.extraArgs << QStringLiteral("--script-cgroup") << delegated;
        }
        TestServer own;
        QVERIFY2(own.start(serverOptions), qPrintable(own.errorString()));
        m_own = &own;
        const auto restore = qScopeGuard([this] { m_own = nullptr; });
        QString base; // where the runs' cgroups are made
        if (needsCgroup) {
            const QByteArray log = own.log();
            const qsizetype at = log.indexOf(" under cgroup v");
            if (!log.contains("get a pids cgroup each") || at < 0)
                QSKIP(qPrintable(QString::fromUtf8("no pids cgroup can be made here: " + log)));
            base = QString::fromUtf8(
                log.mid(at).split('\n').constFirst().split(' ').constLast().trimmed());
            QVERIFY2(QFileInfo(base).isDir(), qPrintable(base));
        }

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
        QString full;                 // the bomb's run cgroup
        if (needsCgroup) {
            // It is its cgroup's limit: the run's cgroup is full, and forks were refused. The
            // warm sandboxes wait in cgroups of their own, empty but for their one process.
            const auto read = [&](const QString &run, const char *file) {
                QFile f(base + u'/' + run + u'/' + QLatin1String(file));
                return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed() : QByteArray();
            };
            for (const QString &run : QDir(base).entryList({QStringLiteral("run-*")}, QDir::Dirs)) {
                if (read(run, "pids.events") == "max 0")
                    continue;
                QVERIFY2(full.isEmpty(), qPrintable(full + u' ' + run)); // only one run is full
                full = run;
            }
            QVERIFY2(!full.isEmpty(), "no run cgroup reached its pids.max");
            QCOMPARE(read(full, "pids.current"), read(full, "pids.max"));
        }
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
        // nothing here was a sandbox failure
        QVERIFY(TestHttp::get(server().url(QStringLiteral("/readyz")))
                    .body.contains(R"("scripts":"ok")"));
        if (needsCgroup) // and the bomb's cgroup is gone with it
            QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(base + u'/' + full), 10000);
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
        options.extraArgs =
            QStringList{QStringLiteral("--script-bwrap"), fakeBwrap,
                        QStringLiteral("--script-recheck-interval"), QStringLiteral("200")} +
            modeArgs();
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

        // broken at run time: the sandboxes started before still serve (their one run each, or
        // as zygotes run after run: they are set up already); hits beyond them need a new
        // sandbox, whose start fails, and scripts fail closed
        setBroken(true);
        const auto burst = [&] {
            std::vector<std::unique_ptr<QTcpSocket>> sockets;
            for (int i = 0; i < 8; ++i) {
                auto socket = std::make_unique<QTcpSocket>();
                socket->connectToHost(s.baseUrl().host(), quint16(s.baseUrl().port()));
                socket->write("GET /u/recovering/script HTTP/1.1\r\nHost: x\r\n"
                              "Connection: close\r\n\r\n");
                sockets.push_back(std::move(socket));
            }
            for (const auto &socket : sockets) {
                while (socket->state() != QAbstractSocket::UnconnectedState &&
                       socket->waitForReadyRead(5000))
                    socket->readAll();
            }
        };
        QTRY_COMPARE_WITH_TIMEOUT((burst(), TestHttp::get(script).status), 503, 10000);
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
        options.extraArgs = QStringList{QStringLiteral("--script-bwrap"), fakeBwrap} + modeArgs();
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
