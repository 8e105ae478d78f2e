#include "endpoints/scripts/SandboxStatus.h"
#include "endpoints/scripts/ScriptRunner.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <csignal>
#include <memory>
#include <optional>
#include <sys/syscall.h>
#include <unistd.h>

using namespace depot;
using Outcome = ScriptResult::Outcome;

namespace {

// A uid of its own: nothing else on the machine runs as it, so any process of it still alive after
// a test is one the runner failed to kill, and the fork bomb's RLIMIT_NPROC budget is ours alone.
constexpr uint kSandboxUid = 64987;

bool isRoot()
{
    return ::geteuid() == 0;
}

// ctest runs this test twice: with zygotes (the default) and, for the isolation tests, with one
// bwrap per run (DEPOT_TEST_SCRIPT_MODE=classic, --script-zygote false).
bool classicMode()
{
    return qEnvironmentVariable("DEPOT_TEST_SCRIPT_MODE") == QLatin1String("classic");
}

// Processes whose real or effective uid is uid, zombies included: a zombie still counts against
// the uid's RLIMIT_NPROC, so a leaked one would eventually stop every script.
QStringList processesOf(uint uid)
{
    QStringList found;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &entry : entries) {
        QFile status(QStringLiteral("/proc/") + entry + QStringLiteral("/status"));
        if (!status.open(QIODevice::ReadOnly))
            continue;
        const QList<QByteArray> lines = status.readAll().split('\n');
        QByteArray name;
        for (const QByteArray &line : lines) {
            if (line.startsWith("Name:"))
                name = line.mid(5).trimmed();
            if (!line.startsWith("Uid:"))
                continue;
            const QList<QByteArray> ids = line.mid(4).simplified().split(' ');
            if (ids.value(0).toUInt() == uid || ids.value(1).toUInt() == uid)
                found.append(entry + QLatin1Char(' ') + QString::fromUtf8(name));
        }
    }
    return found;
}

qint64 parentOf(const QString &pid)
{
    QFile status(QStringLiteral("/proc/") + pid + QStringLiteral("/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("PPid:"))
            return line.mid(5).trimmed().toLongLong();
    }
    return -1;
}

// processesOf(uid) without the runner's warm sandboxes (bwrap and its child, waiting for a run).
QStringList strayProcessesOf(uint uid, const ScriptRunner *runner)
{
    const QList<qint64> warm = runner ? runner->warmPids() : QList<qint64>();
    QStringList stray;
    for (const QString &process : processesOf(uid)) {
        const QString pid = process.section(QLatin1Char(' '), 0, 0);
        if (!warm.contains(pid.toLongLong()) && !warm.contains(parentOf(pid)))
            stray.append(process);
    }
    return stray;
}

QList<QPair<QByteArray, QByteArray>> parseHeaders(const QByteArray &text)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    const QList<QByteArray> lines = text.split('\n');
    for (const QByteArray &line : lines) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
    }
    return headers;
}

QByteArray headerValue(const ScriptResult &result, const QByteArray &name)
{
    for (const auto &[key, value] : result.headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

// Where a script's callback lands; shared so that a late call after a failed wait is harmless.
struct Catcher
{
    int calls = 0;
    ScriptResult result;
};

} // namespace

class tst_ScriptRunner : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();

    void cgiEnvironment_data();
    void cgiEnvironment();
    void responses_data();
    void responses();
    void endsLikePython_data();
    void endsLikePython();
    void confinement_data();
    void confinement();
    void infiniteLoopTimesOut();
    void forkBombIsContained();
    void daemonIsGoneAfterTheRun();
    void outputFloodIsCut();
    void stderrStaysWithTheOwner();
    void concurrencyIsBounded();
    void queuedRunsWaitTheirTurn();
    void queueWaitIsBounded();
    void warmSandboxesServeOneRunEach();
    void zygotesAreDiscardedAndReplaced();
    void everySandboxHasACgroupOfItsOwn();
    void failsClosed_data();
    void failsClosed();
    void destroyingTheRunnerKillsScripts();
    void unsafeModeKeepsLimits();

private:
    QString writeScript(const QByteArray &script);
    std::shared_ptr<Catcher> start(ScriptRunner &runner, const QByteArray &script,
                                   ScriptRequest request = {});
    std::optional<ScriptResult> run(ScriptRunner &runner, const QByteArray &script,
                                    const ScriptRequest &request = {});

    ScriptsConfig m_limits;
    std::unique_ptr<ScriptRunner> m_runner;
    // Like the server's data directory: root-only (0700), outside /tmp.
    QTemporaryDir m_dataDir{QDir::currentPath() + QStringLiteral("/scriptrunner-data-XXXXXX")};
    QTcpServer m_server;
    int m_connections = 0;
    int m_scripts = 0;
};

void tst_ScriptRunner::initTestCase()
{
    QVERIFY(m_dataDir.isValid());
    QFile secret(m_dataDir.filePath(QStringLiteral("secret.txt")));
    QVERIFY(secret.open(QIODevice::WriteOnly));
    secret.write("secret-data\n");
    secret.close();

    QVERIFY(m_server.listen(QHostAddress::LocalHost));
    connect(&m_server, &QTcpServer::newConnection, this, [this] { ++m_connections; });
    qputenv("DEPOT_TEST_SECRET", "server-only");

    m_limits.timeoutMs = 1500;
    m_limits.sandboxUid = kSandboxUid;
    m_limits.zygote = !classicMode();
    qInfo("script sandbox mode: %s", m_limits.zygote ? "zygote" : "classic");
    // The sandbox is required: a machine where it cannot work fails here, with the reason.
    const QString problem = ScriptRunner::selfTest(m_limits);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    m_runner = std::make_unique<ScriptRunner>(m_limits);
    if (!isRoot())
        qWarning("not root: the sandbox uid is not used and process checks are skipped");
}

void tst_ScriptRunner::cleanup()
{
    QTRY_COMPARE_WITH_TIMEOUT(ScriptRunner::runningCount(), 0, 5000);
    QCOMPARE(ScriptRunner::waitingCount(), 0);
    // A run's processes are killed with it; on a loaded machine reaping them can take a while.
    if (isRoot())
        QTRY_VERIFY2_WITH_TIMEOUT(
            strayProcessesOf(kSandboxUid, m_runner.get()).isEmpty(),
            qPrintable(strayProcessesOf(kSandboxUid, m_runner.get()).join(QStringLiteral(", "))),
            10000);
}

QString tst_ScriptRunner::writeScript(const QByteArray &script)
{
    const QString path = m_dataDir.filePath(QStringLiteral("script-%1.py").arg(++m_scripts));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(script) != script.size() ||
        !file.setPermissions(QFile::ReadOwner | QFile::WriteOwner))
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

std::shared_ptr<Catcher> tst_ScriptRunner::start(ScriptRunner &runner, const QByteArray &script,
                                                 ScriptRequest request)
{
    QByteArray source = script;
    source.replace("%PORT%", QByteArray::number(m_server.serverPort()));
    source.replace("%DATADIR%", m_dataDir.path().toUtf8());
    source.replace("%PID%", QByteArray::number(::getpid()));
    source.replace("%SYS_ADD_KEY%", QByteArray::number(SYS_add_key));
    source.replace("%SYS_KEYCTL%", QByteArray::number(SYS_keyctl));
    request.scriptPath = writeScript(source);
    if (request.method.isEmpty())
        request.method = "GET";
    auto catcher = std::make_shared<Catcher>();
    runner.run(request, [catcher](const ScriptResult &result) {
        ++catcher->calls;
        catcher->result = result;
    });
    return catcher;
}

std::optional<ScriptResult> tst_ScriptRunner::run(ScriptRunner &runner, const QByteArray &script,
                                                  const ScriptRequest &request)
{
    const auto catcher = start(runner, script, request);
    if (!QTest::qWaitFor([&] { return catcher->calls > 0; }, 20000) || catcher->calls != 1)
        return std::nullopt;
    return catcher->result;
}

void tst_ScriptRunner::cgiEnvironment_data()
{
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("value"); // "<unset>" when it must not exist

    const QString unset = QStringLiteral("<unset>");
    QTest::newRow("custom header")
        << QByteArray("X-Foo: bar") << QStringLiteral("HTTP_X_FOO") << QStringLiteral("bar");
    QTest::newRow("case folded") << QByteArray("x-mIxEd: 1") << QStringLiteral("HTTP_X_MIXED")
                                 << QStringLiteral("1");
    QTest::newRow("repeated header joined")
        << QByteArray("Accept: a/b\nAccept: c/d") << QStringLiteral("HTTP_ACCEPT")
        << QStringLiteral("a/b, c/d");
    QTest::newRow("content type") << QByteArray("Content-Type: text/csv")
                                  << QStringLiteral("CONTENT_TYPE") << QStringLiteral("text/csv");
    QTest::newRow("content type not doubled")
        << QByteArray("Content-Type: text/csv") << QStringLiteral("HTTP_CONTENT_TYPE") << unset;
    QTest::newRow("authorization withheld")
        << QByteArray("Authorization: Bearer abc") << QStringLiteral("HTTP_AUTHORIZATION") << unset;
    QTest::newRow("proxy-authorization withheld")
        << QByteArray("Proxy-Authorization: Basic abc")
        << QStringLiteral("HTTP_PROXY_AUTHORIZATION") << unset;
    QTest::newRow("httpoxy") << QByteArray("Proxy: http://evil:1") << QStringLiteral("HTTP_PROXY")
                             << unset;
    QTest::newRow("underscore cannot pose as dash")
        << QByteArray("X_Forwarded_For: 1.2.3.4") << QStringLiteral("HTTP_X_FORWARDED_FOR")
        << unset;
    QTest::newRow("non-token name")
        << QByteArray("X(Foo): 1") << QStringLiteral("HTTP_X(FOO)") << unset;
    QTest::newRow("CR LF stripped")
        << QByteArray("X-A: 1\r") << QStringLiteral("HTTP_X_A") << QStringLiteral("1");
    QTest::newRow("gateway") << QByteArray() << QStringLiteral("GATEWAY_INTERFACE")
                             << QStringLiteral("CGI/1.1");
    QTest::newRow("no body, no length")
        << QByteArray() << QStringLiteral("CONTENT_LENGTH") << unset;
    QTest::newRow("server environment not inherited")
        << QByteArray() << QStringLiteral("DEPOT_TEST_SECRET") << unset;
}

void tst_ScriptRunner::cgiEnvironment()
{
    QFETCH(QByteArray, headers);
    QFETCH(QString, variable);
    QFETCH(QString, value);

    ScriptRequest request;
    request.method = "GET";
    request.headers = parseHeaders(headers);
    const QProcessEnvironment env = ScriptRunner::cgiEnvironment(request);
    QCOMPARE(env.value(variable, QStringLiteral("<unset>")), value);
}

void tst_ScriptRunner::responses_data()
{
    QTest::addColumn<QByteArray>("script");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QByteArray>("requestHeaders");
    QTest::addColumn<QByteArray>("requestBody");
    QTest::addColumn<Outcome>("outcome");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");

    const QByteArray none;
    const QByteArray plain = "text/plain; charset=utf-8";
    QTest::newRow("hello world") << QByteArray("print('hello world')\n") << none << none << none
                                 << none << Outcome::Ok << 200 << plain
                                 << QByteArray("hello world\n");
    QTest::newRow("CGI status and headers") << QByteArray(R"(import sys
sys.stdout.write("Status: 201 Created\r\nContent-Type: application/json\r\n\r\n{\"ok\": true}")
)") << none << none << none << none << Outcome::Ok
                                            << 201 << QByteArray("application/json")
                                            << QByteArray("{\"ok\": true}");
    QTest::newRow("bare body") << QByteArray("print('line one')\nprint()\nprint('line two')\n")
                               << none << none << none << none << Outcome::Ok << 200 << plain
                               << QByteArray("line one\n\nline two\n");
    QTest::newRow("request in environment and stdin")
        << QByteArray(R"(import os, sys
e = os.environ
print("|".join([e["REQUEST_METHOD"], e["QUERY_STRING"], e["HTTP_X_FOO"], e["CONTENT_LENGTH"],
                e["CONTENT_TYPE"], e["SCRIPT_NAME"], e["PATH_INFO"], e["SERVER_NAME"],
                e["SERVER_PORT"], e["REMOTE_ADDR"], sys.stdin.read()]))
)") << QByteArray("POST")
        << QByteArray("a=1&b=%20") << QByteArray("X-Foo: bar\nContent-Type: text/plain")
        << QByteArray("hello") << Outcome::Ok << 200 << plain
        << QByteArray("POST|a=1&b=%20|bar|5|text/plain|/u/alice/hook|/extra|depot.test|8080|"
                      "192.0.2.7|hello\n");
    QTest::newRow("only CGI variables and basics")
        << QByteArray("import os\nprint(' '.join(sorted(os.environ)))\n") << none << none
        << QByteArray("Authorization: Bearer secret\nCookie: c=1") << none << Outcome::Ok << 200
        << plain
        << QByteArray("GATEWAY_INTERFACE HOME HTTP_COOKIE LANG PATH PATH_INFO PWD QUERY_STRING "
                      "REMOTE_ADDR REQUEST_METHOD SCRIPT_NAME SERVER_NAME SERVER_PORT "
                      "SERVER_PROTOCOL SERVER_SOFTWARE\n");
    // The bootstrap sets the variables without importing os: they are in the process
    // environment too, so a program the script starts sees them.
    QTest::newRow("variables reach a child process")
        << QByteArray("import subprocess\nprint(subprocess.run(['/bin/sh', '-c', 'echo "
                      "$QUERY_STRING'], capture_output=True).stdout.decode().strip())\n")
        << none << QByteArray("a=1") << none << none << Outcome::Ok << 200 << plain
        << QByteArray("a=1\n");
    // The memfd holding the script is bwrap's business, and no server descriptor leaks.
    QTest::newRow("only stdio inherited")
        << QByteArray("import os\nprint(sorted(os.listdir('/proc/self/fd')))\n") << none << none
        << none << none << Outcome::Ok << 200 << plain << QByteArray("['0', '1', '2', '3']\n");
    // Zygote runs get Python's stdio objects made in the zygote: they must be right for pipes.
    QTest::newRow("stdio are pipes")
        << QByteArray("import sys\nprint(sys.stdin.seekable(), sys.stdout.seekable(), "
                      "sys.stderr.seekable(), sys.stdin.isatty())\n")
        << none << none << none << none << Outcome::Ok << 200 << plain
        << QByteArray("False False False False\n");
    QTest::newRow("own pid namespace")
        << QByteArray("import os\nprint([p for p in os.listdir('/proc') if p.isdigit()])\n") << none
        << none << none << none << Outcome::Ok << 200 << plain << QByteArray("['1']\n");
    QTest::newRow("malformed header")
        << QByteArray("print('Status: 200\\nBad Header: x\\n')\n") << none << none << none << none
        << Outcome::BadOutput << 502 << none << none;
    QTest::newRow("header injection")
        << QByteArray("import sys\nsys.stdout.write('Content-Type: a/b\\r\\nX: 1\\rSet-Cookie: "
                      "a=1\\r\\n\\r\\n')\n")
        << none << none << none << none << Outcome::BadOutput << 502 << none << none;
    QTest::newRow("exit status") << QByteArray("import sys\nprint('partial')\nsys.exit(3)\n")
                                 << none << none << none << none << Outcome::Crashed << 502 << none
                                 << none;
    QTest::newRow("killed by a signal") << QByteArray("import os\nos.abort()\n") << none << none
                                        << none << none << Outcome::Crashed << 502 << none << none;
}

void tst_ScriptRunner::responses()
{
    QFETCH(QByteArray, script);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, query);
    QFETCH(QByteArray, requestHeaders);
    QFETCH(QByteArray, requestBody);
    QFETCH(Outcome, outcome);
    QFETCH(int, status);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);

    ScriptRequest request;
    request.method = method;
    request.query = query;
    request.headers = parseHeaders(requestHeaders);
    request.body = requestBody;
    request.path = "/u/alice/hook/extra";
    request.scriptName = "/u/alice/hook";
    request.serverName = "depot.test";
    request.serverPort = 8080;
    request.remoteAddress = QStringLiteral("192.0.2.7");
    const auto result = run(*m_runner, script, request);
    QVERIFY(result);
    QVERIFY2(result->outcome == outcome, qPrintable(result->detail + QLatin1Char('\n') +
                                                    QString::fromUtf8(result->errorOutput)));
    QCOMPARE(result->status, status);
    QCOMPARE(headerValue(*result, "Content-Type"), contentType);
    QCOMPARE(result->body, body);
    if (outcome != Outcome::Ok) {
        QVERIFY(!result->detail.isEmpty());
        QVERIFY(result->headers.isEmpty());
    }
}

// The end of a run is Python's own (exit status, SystemExit, tracebacks, threads, atexit),
// though the sandbox skips the rest of the interpreter's finalisation.
void tst_ScriptRunner::endsLikePython_data()
{
    QTest::addColumn<QByteArray>("script");
    QTest::addColumn<QString>("detail"); // "" for a successful run
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("errorOutput"); // the whole of stderr

    QTest::newRow("falls off the end")
        << QByteArray("print('done')\n") << QString() << QByteArray("done\n") << QByteArray();
    QTest::newRow("sys.exit()") << QByteArray("import sys\nprint('a')\nsys.exit()\nprint('b')\n")
                                << QString() << QByteArray("a\n") << QByteArray();
    QTest::newRow("sys.exit(0)") << QByteArray("import sys\nprint('a')\nsys.exit(0)\n") << QString()
                                 << QByteArray("a\n") << QByteArray();
    QTest::newRow("sys.exit(3)") << QByteArray("import sys\nprint('partial')\nsys.exit(3)\n")
                                 << QStringLiteral("exit status 3") << QByteArray() << QByteArray();
    QTest::newRow("sys.exit(\"msg\")")
        << QByteArray("import sys\nsys.exit('the message')\n") << QStringLiteral("exit status 1")
        << QByteArray() << QByteArray("the message\n");
    QTest::newRow("raise SystemExit(7) from a function")
        << QByteArray("def f():\n    raise SystemExit(7)\nf()\n") << QStringLiteral("exit status 7")
        << QByteArray() << QByteArray();
    // The traceback starts at the script, as `python3 script.py` prints it.
    QTest::newRow("uncaught exception")
        << QByteArray("def f():\n    raise ValueError('bad value')\nf()\n")
        << QStringLiteral("exit status 1") << QByteArray()
        << QByteArray("Traceback (most recent call last):\n"
                      "  File \"/sandbox/script.py\", line 3, in <module>\n"
                      "  File \"/sandbox/script.py\", line 2, in f\n"
                      "ValueError: bad value\n");
    QTest::newRow("syntax error")
        << QByteArray("print('a'\n") << QStringLiteral("exit status 1") << QByteArray()
        << QByteArray("  File \"/sandbox/script.py\", line 1\n    print('a'\n         ^\n"
                      "SyntaxError: '(' was never closed\n");
    QTest::newRow("custom excepthook") << QByteArray(R"(import sys
sys.excepthook = lambda t, v, tb: sys.stderr.write("hooked %s\n" % v)
raise KeyError("k")
)") << QStringLiteral("exit status 1") << QByteArray()
                                       << QByteArray("hooked 'k'\n");
    QTest::newRow("non-daemon thread prints after main returns")
        << QByteArray(R"(import threading, time
def late():
    time.sleep(0.2)
    print("from the thread")
threading.Thread(target=late).start()
print("main done")
)") << QString()
        << QByteArray("main done\nfrom the thread\n") << QByteArray();
    QTest::newRow("daemon thread is not waited for") << QByteArray(R"(import threading, time
threading.Thread(target=lambda: (time.sleep(10), print("never")), daemon=True).start()
print("main done")
)") << QString() << QByteArray("main done\n") << QByteArray();
    QTest::newRow("atexit output") << QByteArray(R"(import atexit, sys
atexit.register(lambda: print("second"))
atexit.register(lambda: print("first"))
print("main")
sys.exit(0)
)") << QString() << QByteArray("main\nfirst\nsecond\n")
                                   << QByteArray();
    QTest::newRow("atexit after an exception")
        << QByteArray("import atexit\natexit.register(print, 'cleanup')\nraise RuntimeError('x')\n")
        << QStringLiteral("exit status 1") << QByteArray()
        << QByteArray("Traceback (most recent call last):\n"
                      "  File \"/sandbox/script.py\", line 3, in <module>\n"
                      "RuntimeError: x\n");
    QTest::newRow("buffered output is flushed")
        << QByteArray("import sys\nsys.stdout = open(1, 'w', buffering=65536, closefd=False)\n"
                      "sys.stdout.write('buffered\\n')\n")
        << QString() << QByteArray("buffered\n") << QByteArray();
}

void tst_ScriptRunner::endsLikePython()
{
    QFETCH(QByteArray, script);
    QFETCH(QString, detail);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, errorOutput);

    const auto result = run(*m_runner, script);
    QVERIFY(result);
    QCOMPARE(result->errorOutput, errorOutput);
    if (detail.isEmpty()) {
        QVERIFY2(result->outcome == Outcome::Ok, qPrintable(result->detail));
        QCOMPARE(result->body, body);
    } else {
        QCOMPARE(result->outcome, Outcome::Crashed);
        QVERIFY2(result->detail.endsWith(detail), qPrintable(result->detail));
    }
}

void tst_ScriptRunner::confinement_data()
{
    // Every script tries something the sandbox must prevent and prints LEAK if it got through.
    QTest::addColumn<QByteArray>("script");
    QTest::addColumn<QByteArray>("expectedError"); // in the script's stderr

    QTest::newRow("read /etc/passwd") << QByteArray("print(open('/etc/passwd').read(), 'LEAK')\n")
                                      << QByteArray("FileNotFoundError");
    QTest::newRow("read the data directory")
        << QByteArray("print(open('%DATADIR%/secret.txt').read(), 'LEAK')\n")
        << QByteArray("FileNotFoundError");
    QTest::newRow("list the data directory")
        << QByteArray("import os\nprint(os.listdir('%DATADIR%'), 'LEAK')\n")
        << QByteArray("FileNotFoundError");
    QTest::newRow("write to /usr") << QByteArray("open('/usr/depot-test', 'w')\nprint('LEAK')\n")
                                   << QByteArray("Read-only file system");
    // The root and /dev are tmpfs without a size: writable, they would hold all memory.
    QTest::newRow("write to the root") << QByteArray("open('/script.py', 'w')\nprint('LEAK')\n")
                                       << QByteArray("Read-only file system");
    QTest::newRow("write to /dev/shm") << QByteArray("open('/dev/shm/x', 'w')\nprint('LEAK')\n")
                                       << QByteArray("Read-only file system");
    QTest::newRow("fill /tmp") << QByteArray(R"(for i in range(4):
    with open("/tmp/fill%d" % i, "wb") as f:
        f.write(b"x" * (8 << 20))
print("LEAK")
)") << QByteArray("No space left on device");
    QTest::newRow("connect to the server's port") << QByteArray(R"(import socket
socket.create_connection(("127.0.0.1", %PORT%), timeout=1)
print("LEAK")
)") << QByteArray("ConnectionRefusedError");
    QTest::newRow("connect outside") << QByteArray(R"(import socket
socket.create_connection(("1.1.1.1", 80), timeout=1)
print("LEAK")
)") << QByteArray("Network is unreachable");
    QTest::newRow("resolve a name") << QByteArray(R"(import socket
socket.getaddrinfo("example.org", 80)
print("LEAK")
)") << QByteArray("gaierror");
    QTest::newRow("allocate 2 GB")
        << QByteArray("b = bytearray(2 << 30)\nprint('LEAK')\n") << QByteArray("MemoryError");
    // Only uid 65534 exists in the sandbox's user namespace.
    QTest::newRow("become root") << QByteArray("import os\nos.setuid(0)\nprint('LEAK')\n")
                                 << QByteArray("Invalid argument");
    // bwrap --disable-userns: no user namespace of its own, where it would have capabilities.
    QTest::newRow("create a user namespace") << QByteArray(R"(import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
if libc.unshare(0x10000000) != 0:  # CLONE_NEWUSER
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))
print("LEAK")
)") << QByteArray("No space left on device"); // max_user_namespaces reached
    QTest::newRow("use a capability") << QByteArray("import os\nos.chroot('/tmp')\nprint('LEAK')\n")
                                      << QByteArray("PermissionError");
    // The kernel's keyrings are per user: runs that share a uid (or a zygote's user namespace)
    // would share the user keyring. A seccomp filter refuses the keyring system calls.
    QTest::newRow("store a key in the user keyring") << QByteArray(R"(import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
key = libc.syscall(ctypes.c_long(%SYS_ADD_KEY%), b"user", b"depot-test", b"secret",
                   ctypes.c_long(6), ctypes.c_long(-4))  # KEY_SPEC_USER_KEYRING
if key < 0:
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))
print("LEAK")
)") << QByteArray("Operation not permitted");
    QTest::newRow("read the session keyring") << QByteArray(R"(import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
# KEYCTL_GET_KEYRING_ID (0) of KEY_SPEC_SESSION_KEYRING (-3)
if libc.syscall(ctypes.c_long(%SYS_KEYCTL%), ctypes.c_long(0), ctypes.c_long(-3),
                ctypes.c_long(0)) < 0:
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))
print("LEAK")
)") << QByteArray("Operation not permitted");
    QTest::newRow("signal the server")
        << QByteArray("import os\nos.kill(%PID%, 9)\nprint('LEAK')\n")
        << QByteArray("ProcessLookupError");
}

void tst_ScriptRunner::confinement()
{
    QFETCH(QByteArray, script);
    QFETCH(QByteArray, expectedError);

    const auto result = run(*m_runner, script);
    QVERIFY(result);
    QVERIFY2(!result->body.contains("LEAK"), result->body.constData());
    QVERIFY2(result->outcome == Outcome::Crashed, qPrintable(result->detail));
    QVERIFY2(result->errorOutput.contains(expectedError), result->errorOutput.constData());
    QCOMPARE(m_connections, 0);
}

void tst_ScriptRunner::infiniteLoopTimesOut()
{
    QElapsedTimer clock;
    clock.start();
    const auto result = run(*m_runner, "while True:\n    pass\n");
    const qint64 elapsed = clock.elapsed();
    QVERIFY(result);
    QCOMPARE(result->outcome, Outcome::Timeout);
    QCOMPARE(result->status, 504);
    QVERIFY2(elapsed >= m_limits.timeoutMs - 50 && elapsed < m_limits.timeoutMs + 1000,
             qPrintable(QString::number(elapsed)));
    // cleanup() checks that nothing of it is left.
}

void tst_ScriptRunner::forkBombIsContained()
{
    if (!isRoot())
        QSKIP("RLIMIT_NPROC only contains a fork bomb under a dedicated uid (needs root)");
    int peak = 0;
    QTimer sampler;
    // The bomb's processes only: the next warm sandbox, started by root meanwhile, shares the uid
    // but not the bomb's RLIMIT_NPROC.
    connect(&sampler, &QTimer::timeout, this, [this, &peak] {
        peak = qMax(peak, int(strayProcessesOf(kSandboxUid, m_runner.get()).size()));
    });
    sampler.start(20);
    const auto result = run(*m_runner, R"(import os
while True:
    try:
        os.fork()
    except OSError:
        pass
)");
    sampler.stop();
    QVERIFY(result);
    QCOMPARE(result->outcome, Outcome::Timeout);
    QVERIFY2(peak > 1 && peak <= m_limits.maxProcesses, qPrintable(QString::number(peak)));

    QTRY_COMPARE_WITH_TIMEOUT(strayProcessesOf(kSandboxUid, m_runner.get()), QStringList(), 3000);
    const auto after = run(*m_runner, "print('still fine')\n");
    QVERIFY(after);
    QCOMPARE(after->outcome, Outcome::Ok);
    QCOMPARE(after->body, QByteArray("still fine\n"));
}

void tst_ScriptRunner::daemonIsGoneAfterTheRun()
{
    const auto result = run(*m_runner, R"(import os, signal, time
if os.fork() == 0:
    os.setsid()
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    if os.fork() == 0:
        time.sleep(60)
    os._exit(0)
print("started")
)");
    QVERIFY(result);
    QCOMPARE(result->outcome, Outcome::Ok);
    QCOMPARE(result->body, QByteArray("started\n"));
    // cleanup() checks that the daemon is gone.
}

void tst_ScriptRunner::outputFloodIsCut()
{
    QElapsedTimer clock;
    clock.start();
    const auto result = run(*m_runner, R"(import sys
chunk = b"x" * (1 << 20)
for _ in range(1024):
    sys.stdout.buffer.write(chunk)
)");
    QVERIFY(result);
    QCOMPARE(result->outcome, Outcome::OutputTooLarge);
    QCOMPARE(result->status, 502);
    QVERIFY(result->body.isEmpty());
    QVERIFY2(clock.elapsed() < m_limits.timeoutMs, qPrintable(QString::number(clock.elapsed())));
}

void tst_ScriptRunner::stderrStaysWithTheOwner()
{
    const auto ok = run(*m_runner, "import sys\nsys.stderr.write('debug note\\n')\nprint('ok')\n");
    QVERIFY(ok);
    QCOMPARE(ok->outcome, Outcome::Ok);
    QCOMPARE(ok->body, QByteArray("ok\n"));
    QCOMPARE(ok->errorOutput, QByteArray("debug note\n"));

    const auto failed = run(*m_runner, "raise ValueError('internal secret')\n");
    QVERIFY(failed);
    QCOMPARE(failed->outcome, Outcome::Crashed);
    QVERIFY(failed->body.isEmpty());
    QVERIFY(!failed->detail.contains(QStringLiteral("secret")));
    QVERIFY(failed->errorOutput.contains("ValueError: internal secret"));

    // A flood on stderr is capped, and does not hide stdout.
    const auto flood =
        run(*m_runner, "import sys\nsys.stderr.write('e' * (4 << 20))\nprint('body')\n");
    QVERIFY(flood);
    QCOMPARE(flood->outcome, Outcome::Ok);
    QCOMPARE(flood->body, QByteArray("body\n"));
    QVERIFY(flood->errorOutput.size() <= 64 * 1024);
}

void tst_ScriptRunner::concurrencyIsBounded()
{
    ScriptsConfig limits = m_limits;
    limits.maxConcurrent = 4;
    limits.queueLength = 0;  // no waiting: beyond the bound, 503 at once
    limits.timeoutMs = 5000; // the four that run must not time out on a loaded machine
    // The bound is process-wide: two runners (two worker threads' worth) share it.
    ScriptRunner first(limits);
    ScriptRunner second(limits);
    QList<std::shared_ptr<Catcher>> catchers;
    for (int i = 0; i < 50; ++i)
        catchers.append(
            start(i % 2 ? second : first, "import time\ntime.sleep(0.5)\nprint('done')\n"));
    QCOMPARE(ScriptRunner::runningCount(), 4);
    for (const auto &catcher : std::as_const(catchers))
        QCOMPARE(catcher->calls, 0); // never called from within run()
    if (isRoot())
        QTRY_VERIFY(!processesOf(kSandboxUid).isEmpty()); // running as the sandbox uid

    QVERIFY(QTest::qWaitFor(
        [&] {
            return std::all_of(catchers.begin(), catchers.end(),
                               [](const auto &catcher) { return catcher->calls > 0; });
        },
        20000));
    int ok = 0;
    int busy = 0;
    for (const auto &catcher : std::as_const(catchers)) {
        QCOMPARE(catcher->calls, 1);
        if (catcher->result.outcome == Outcome::Ok && catcher->result.body == "done\n")
            ++ok;
        if (catcher->result.outcome == Outcome::Busy && catcher->result.status == 503)
            ++busy;
    }
    QCOMPARE(ok, 4);
    QCOMPARE(busy, 46);
}

void tst_ScriptRunner::queuedRunsWaitTheirTurn()
{
    ScriptsConfig limits = m_limits;
    limits.maxConcurrent = 2;
    limits.queueLength = 6;
    limits.queueWaitMs = 15000;
    limits.timeoutMs = 5000;
    ScriptRunner first(limits);
    ScriptRunner second(limits); // the queue is process-wide too
    QList<std::shared_ptr<Catcher>> catchers;
    for (int i = 0; i < 10; ++i)
        catchers.append(
            start(i % 2 ? second : first, "import time\ntime.sleep(0.3)\nprint('ran')\n"));
    QCOMPARE(ScriptRunner::runningCount(), 2);
    QCOMPARE(ScriptRunner::waitingCount(), 6);
    // The two beyond the queue are refused at once (503), not after the others.
    QVERIFY(QTest::qWaitFor([&] { return catchers[8]->calls + catchers[9]->calls == 2; }, 2000));
    for (int i = 8; i < 10; ++i) {
        QCOMPARE(catchers[i]->result.outcome, Outcome::Busy);
        QCOMPARE(catchers[i]->result.status, 503);
    }
    QVERIFY(QTest::qWaitFor(
        [&] {
            return std::all_of(catchers.begin(), catchers.end(),
                               [](const auto &catcher) { return catcher->calls > 0; });
        },
        30000));
    // Everybody in the queue ran, never more than two at once.
    for (int i = 0; i < 8; ++i) {
        QCOMPARE(catchers[i]->calls, 1);
        QVERIFY2(catchers[i]->result.outcome == Outcome::Ok,
                 qPrintable(catchers[i]->result.detail));
        QCOMPARE(catchers[i]->result.body, QByteArray("ran\n"));
    }
}

void tst_ScriptRunner::queueWaitIsBounded()
{
    ScriptsConfig limits = m_limits;
    limits.maxConcurrent = 1;
    limits.queueLength = 4;
    limits.queueWaitMs = 300;
    limits.timeoutMs = 5000;
    ScriptRunner runner(limits);
    const auto slow = start(runner, "import time\ntime.sleep(2)\nprint('slow')\n");
    QElapsedTimer clock;
    clock.start();
    const auto waiting = start(runner, "print('never')\n");
    QVERIFY(QTest::qWaitFor([&] { return waiting->calls > 0; }, 5000));
    QCOMPARE(waiting->result.outcome, Outcome::Busy);
    QCOMPARE(waiting->result.status, 503);
    // It waited (a coarse 300 ms timer may fire up to 5% early), and gave up long before the
    // slow run ended.
    QVERIFY2(clock.elapsed() >= 280 && clock.elapsed() < 1900,
             qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(ScriptRunner::waitingCount(), 0);
    QVERIFY(QTest::qWaitFor([&] { return slow->calls > 0; }, 10000));
    QCOMPARE(slow->result.body, QByteArray("slow\n"));
}

void tst_ScriptRunner::warmSandboxesServeOneRunEach()
{
    // Classic: each pre-started sandbox serves one run. Zygote: one zygote serves run after run,
    // each in fresh namespaces. Either way nothing one run leaves behind reaches the next.
    ScriptsConfig limits = m_limits;
    limits.warmPool = 2;
    ScriptRunner runner(limits);
    // Each run looks for what an earlier run left behind, then leaves it behind itself: a file
    // in /tmp, a global in the interpreter, an environment variable, a background process
    // (holding an abstract unix socket), a SysV shared memory segment, a key in the user keyring.
    const QByteArray script = R"(import builtins, ctypes, os, socket, time
seen = []
if os.path.exists("/tmp/left-behind"):
    seen.append("tmp file")
if hasattr(builtins, "left_behind"):
    seen.append("global")
if "LEFT_BEHIND" in os.environ:
    seen.append("environment")
if [p for p in os.listdir("/proc") if p.isdigit()] != ["1"]:
    seen.append("process")
libc = ctypes.CDLL(None, use_errno=True)
if libc.shmget(4242, 0, 0) >= 0:
    seen.append("SysV segment")
probe = socket.socket(socket.AF_UNIX)
try:
    probe.connect("\0depot-left-behind")
    seen.append("abstract socket")
except OSError:
    pass
key = libc.syscall(ctypes.c_long(%SYS_ADD_KEY%), b"user", b"depot-left-behind", b"x",
                   ctypes.c_long(1), ctypes.c_long(-4))
if key >= 0:
    seen.append("a keyring that takes keys")
open("/tmp/left-behind", "w").write("x")
builtins.left_behind = True
os.environ["LEFT_BEHIND"] = "1"
libc.shmget(4242, 4096, 0o1600)  # IPC_CREAT | 0600
server = socket.socket(socket.AF_UNIX)
server.bind("\0depot-left-behind")
server.listen()
if os.fork() == 0:
    os.setsid()
    time.sleep(30)
    os._exit(0)
print("SHARED: " + ", ".join(seen) if seen else "fresh")
)";
    QList<qint64> pids;
    for (int i = 0; i < 6; ++i) {
        if (i > 0) // from the second run on, sandboxes wait ready (zygotes: and the ones that
                   // served runs, until they have been idle for a while)
            QTRY_VERIFY_WITH_TIMEOUT(runner.warmCount() >= 2, 10000);
        const QList<qint64> warm = runner.warmPids();
        const auto result = run(runner, script);
        QVERIFY(result);
        QVERIFY2(result->outcome == Outcome::Ok, result->errorOutput.constData());
        QCOMPARE(result->body, QByteArray("fresh\n"));
        QVERIFY(result->pid > 0);
        if (classicMode())
            QVERIFY2(!pids.contains(result->pid), "a sandbox process served two runs");
        if (i > 0)
            QVERIFY2(warm.contains(result->pid), "the run did not use a pre-started sandbox");
        pids.append(result->pid);
    }
    if (!classicMode()) {
        // The zygote that served the second run served the ones after it too: what the runs
        // did not see was left in the same zygote.
        QVERIFY2(pids.count(pids.at(1)) >= 4, qPrintable(QString::number(pids.count(pids.at(1)))));
    }
    // The request's own data arrives with the run, not with the start.
    ScriptRequest request;
    request.method = "POST";
    request.query = "a=1";
    request.body = "the body";
    const auto echo = run(
        runner, "import os, sys\nprint(os.environ['QUERY_STRING'], sys.stdin.read())\n", request);
    QVERIFY(echo);
    QCOMPARE(echo->body, QByteArray("a=1 the body\n"));
    // A body larger than a pipe holds is written as the script reads it.
    request.body = QByteArray(3 << 20, 'b');
    const auto large = run(runner, "import sys\nprint(len(sys.stdin.buffer.read()))\n", request);
    QVERIFY(large);
    QVERIFY2(large->outcome == Outcome::Ok, large->errorOutput.constData());
    QCOMPARE(large->body, QByteArray("3145728\n"));
}

void tst_ScriptRunner::zygotesAreDiscardedAndReplaced()
{
    if (classicMode())
        QSKIP("zygote mode only");
    ScriptsConfig limits = m_limits;
    limits.warmPool = 1;
    limits.zygoteRuns = 3;
    const auto openFds = [] {
        return QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::System | QDir::NoDotAndDotDot);
    };
    const QStringList fdsBefore = openFds();
    auto owned = std::make_unique<ScriptRunner>(limits);
    ScriptRunner &runner = *owned;
    const auto served = [&](const QByteArray &script) -> qint64 {
        const auto result = run(runner, script);
        return result && result->outcome == Outcome::Ok ? result->pid : -1;
    };
    // One zygote serves three runs one after the other, then the next one takes over.
    QList<qint64> pids;
    for (int i = 0; i < 7; ++i) {
        pids.append(served("print('ok')\n"));
        QVERIFY(pids.constLast() > 0);
    }
    QCOMPARE(pids.count(pids.at(0)), 3);
    QCOMPARE(pids.count(pids.at(3)), 3);
    QVERIFY(!pids.mid(0, 3).contains(pids.at(3)));
    QVERIFY(!pids.mid(0, 6).contains(pids.at(6)));
    QTRY_VERIFY(::kill(pid_t(pids.at(0)), 0) != 0); // the replaced ones are gone
    QTRY_VERIFY(::kill(pid_t(pids.at(3)), 0) != 0);

    // A zygote killed for its run (timeout) is discarded: the next run has another one.
    QTRY_VERIFY_WITH_TIMEOUT(runner.warmCount() >= 1, 10000);
    const QList<qint64> warm = runner.warmPids();
    const auto loop = run(runner, "while True:\n    pass\n");
    QVERIFY(loop);
    QCOMPARE(loop->outcome, Outcome::Timeout);
    QVERIFY(warm.contains(loop->pid));
    QTRY_VERIFY(::kill(pid_t(loop->pid), 0) != 0);
    QTRY_VERIFY_WITH_TIMEOUT(runner.warmCount() >= 1, 10000);
    QVERIFY(!runner.warmPids().contains(loop->pid));
    const qint64 after = served("print('ok')\n");
    QVERIFY(after > 0);
    QVERIFY(after != loop->pid);

    // One that dies while idle (killed from outside) is replaced, and runs go on.
    QTRY_VERIFY_WITH_TIMEOUT(runner.warmCount() >= 1, 10000);
    const QList<qint64> idle = runner.warmPids();
    for (qint64 pid : idle)
        ::kill(pid_t(pid), SIGKILL); // bwrap: --die-with-parent takes its zygote
    QTRY_VERIFY_WITH_TIMEOUT(runner.warmCount() >= 1 && !idle.contains(runner.warmPids().value(0)),
                             10000);
    const qint64 next = served("print('ok')\n");
    QVERIFY(next > 0);
    QVERIFY(!idle.contains(next));

    // Nothing of it stays open here: pipes, control sockets, seccomp programs.
    owned.reset();
    QTRY_COMPARE(openFds(), fdsBefore);
}

// The directory of pid's pids cgroup under `base` (a RunCgroups base), or "" if it is not in one.
static QString runCgroupOf(qint64 pid, const QString &base)
{
    QFile file(QStringLiteral("/proc/%1/cgroup").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    for (const QByteArray &line : file.readAll().split('\n')) {
        const QList<QByteArray> parts = line.split(':'); // id:controllers:path
        if (parts.size() != 3 || (parts[1] != "pids" && !(parts[0] == "0" && parts[1].isEmpty())))
            continue;
        const QString leaf = QString::fromUtf8(parts[2]).section(u'/', -1);
        const QString dir = base + u'/' + leaf;
        if (leaf.startsWith(QStringLiteral("run-")) && QFileInfo(dir).isDir())
            return dir;
    }
    return {};
}

void tst_ScriptRunner::everySandboxHasACgroupOfItsOwn()
{
    // Warm or cold, each sandbox is in a pids cgroup of its own from its start; the run a warm
    // one serves keeps it, and it is removed when the sandbox ends.
    if (!isRoot())
        QSKIP("run cgroups here need root");
    ScriptsConfig limits = m_limits;
    limits.warmPool = 2;
    limits.cgroup = QStringLiteral("auto");
    SandboxStatus status(limits);
    const QString description = status.cgroupDescription();
    if (!description.startsWith(QStringLiteral("cgroup v")))
        QSKIP(qPrintable(QStringLiteral("no pids cgroup can be made here: ") + description));
    const QString base = description.section(u' ', 2);
    const auto runDirs = [&] {
        return QDir(base).entryList({QStringLiteral("run-*")}, QDir::Dirs);
    };
    {
        ScriptRunner runner(limits, &status);
        const QByteArray script = "print('in')\n";
        const auto cold = run(runner, script); // starts the pool
        QVERIFY(cold);
        QVERIFY2(cold->outcome == Outcome::Ok, cold->errorOutput.constData());
        QTRY_VERIFY_WITH_TIMEOUT(runner.warmCount() >= 2, 10000);
        const QList<qint64> warm = runner.warmPids();
        QStringList dirs;
        for (qint64 pid : warm) {
            const QString dir = runCgroupOf(pid, base);
            QVERIFY2(!dir.isEmpty(), qPrintable(QString::number(pid)));
            QVERIFY2(!dirs.contains(dir), qPrintable(dir)); // one each
            dirs.append(dir);
        }
        // The run in a warm sandbox: in that sandbox's cgroup, which goes with it (classic), or
        // stays with the zygote, which serves the next run (zygote).
        const auto result = run(runner, "import time\ntime.sleep(0.2)\nprint('in')\n");
        QVERIFY(result);
        QVERIFY2(result->outcome == Outcome::Ok, result->errorOutput.constData());
        QVERIFY(warm.contains(result->pid));
        const QString served = runCgroupOf(result->pid, base);
        if (classicMode()) {
            QCOMPARE(result->pid, warm.constFirst());
            QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(served), 5000);
        } else {
            QVERIFY(!served.isEmpty());
            QVERIFY(QFileInfo::exists(served));
        }
        // Only the warm sandboxes' cgroups are left: the cold run's is gone too.
        QTRY_COMPARE_WITH_TIMEOUT(runDirs().size(), runner.warmCount(), 5000);
    }
    // The runner gone, so are its warm sandboxes and their cgroups.
    QTRY_VERIFY_WITH_TIMEOUT(runDirs().isEmpty(), 5000);
}

void tst_ScriptRunner::failsClosed_data()
{
    QTest::addColumn<QString>("python");
    QTest::addColumn<QString>("bwrap");
    QTest::addColumn<uint>("uid");
    QTest::addColumn<QString>("reason"); // in what selfTest() says

    const QString python = QStringLiteral("/usr/bin/python3");
    const QString bwrap = QStringLiteral("/usr/bin/bwrap");
    QTest::newRow("no bwrap") << python << QStringLiteral("/nonexistent/bwrap") << kSandboxUid
                              << QStringLiteral("/nonexistent/bwrap");
    QTest::newRow("no python") << QStringLiteral("/usr/bin/no-such-python") << bwrap << kSandboxUid
                               << QStringLiteral("no-such-python");
    QTest::newRow("python outside /usr")
        << QStringLiteral("/bin/python3") << bwrap << kSandboxUid << QStringLiteral("/usr");
    if (isRoot())
        QTest::newRow("sandbox uid 0") << python << bwrap << 0u << QStringLiteral("must not be 0");
    // What bwrap says where the container forbids namespaces.
    QTest::newRow("namespaces forbidden")
        << python << QStringLiteral("<fake>") << kSandboxUid
        << QStringLiteral("bwrap: No permissions to create new namespace");
}

void tst_ScriptRunner::failsClosed()
{
    QFETCH(QString, python);
    QFETCH(QString, bwrap);
    QFETCH(uint, uid);
    QFETCH(QString, reason);

    QTemporaryDir fakeDir;
    if (bwrap == QLatin1String("<fake>")) {
        // World-readable: it runs after the drop to the sandbox uid.
        QVERIFY(QFile::setPermissions(fakeDir.path(), QFile::ReadOwner | QFile::WriteOwner |
                                                          QFile::ExeOwner | QFile::ReadOther |
                                                          QFile::ExeOther));
        bwrap = fakeDir.filePath(QStringLiteral("bwrap"));
        QFile fake(bwrap);
        QVERIFY(fake.open(QIODevice::WriteOnly));
        fake.write("#!/bin/sh\necho 'bwrap: No permissions to create new namespace, likely "
                   "because the kernel does not allow non-privileged user namespaces.' >&2\n"
                   "exit 1\n");
        fake.close();
        QVERIFY(fake.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                    QFile::ReadOther | QFile::ExeOther));
    }
    ScriptsConfig limits = m_limits;
    limits.python = python;
    limits.bwrap = bwrap;
    limits.sandboxUid = uid;
    const QString problem = ScriptRunner::selfTest(limits);
    QVERIFY2(problem.contains(reason), qPrintable(problem));

    SandboxStatus status(limits);
    status.setProblem(problem);
    ScriptRunner runner(limits, &status);
    const auto catcher = start(runner, "print('must not run')\n");
    QCOMPARE(catcher->calls, 0);
    QVERIFY(QTest::qWaitFor([&] { return catcher->calls > 0; }, 5000));
    QCOMPARE(catcher->result.outcome, Outcome::SandboxUnavailable);
    QCOMPARE(catcher->result.status, 503);
    QVERIFY(catcher->result.detail.contains(reason));
    QVERIFY(catcher->result.body.isEmpty());
}

void tst_ScriptRunner::destroyingTheRunnerKillsScripts()
{
    auto runner = std::make_unique<ScriptRunner>(m_limits);
    const auto catcher = start(*runner, "while True:\n    pass\n");
    QTRY_COMPARE(ScriptRunner::runningCount(), 1);
    if (isRoot())
        QTRY_VERIFY(!processesOf(kSandboxUid).isEmpty());
    runner.reset();
    QCOMPARE(ScriptRunner::runningCount(), 0);
    QCOMPARE(catcher->calls, 0);
    // cleanup() checks that nothing is left.
}

void tst_ScriptRunner::unsafeModeKeepsLimits()
{
    ScriptsConfig limits = m_limits;
    limits.unsafeNoSandbox = true;
    const QString problem = ScriptRunner::selfTest(limits);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    ScriptRunner runner(limits);

    const auto result = run(runner, R"(import os, resource
print(os.getuid(), resource.getrlimit(resource.RLIMIT_AS)[0] >> 20, os.environ["REQUEST_METHOD"])
)");
    QVERIFY(result);
    QVERIFY2(result->outcome == Outcome::Ok, result->errorOutput.constData());
    const uint uid = isRoot() ? kSandboxUid : ::getuid();
    QCOMPARE(result->body, QByteArray::number(uid) + " 256 GET\n");

    const auto loop = run(runner, "while True:\n    pass\n");
    QVERIFY(loop);
    QCOMPARE(loop->outcome, Outcome::Timeout);
}

QTEST_GUILESS_MAIN(tst_ScriptRunner)
#include "tst_scriptrunner.moc"
