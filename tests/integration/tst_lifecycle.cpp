// depot-server as a process: command line, start-up failures with their messages and exit codes,
// configuration precedence end to end, graceful shutdown with a request in flight, the users
// file import, and schema migrations across restarts and binary versions.

#include "TestHttp.h"
#include "TestServer.h"

#include "store/Database.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <optional>

namespace depot::test {
namespace {

struct Run
{
    bool finished = false;
    int exitCode = -1;
    QProcess::ExitStatus exitStatus = QProcess::CrashExit;
    QByteArray out;
    QByteArray err;

    QString describe() const
    {
        return QStringLiteral("finished=%1 exit=%2 status=%3\nstdout: %4\nstderr: %5")
            .arg(finished)
            .arg(exitCode)
            .arg(int(exitStatus))
            .arg(QString::fromUtf8(out.left(2000)), QString::fromUtf8(err.left(2000)));
    }
};

// Runs $DEPOT_SERVER_BIN to completion (for runs expected to end by themselves).
Run runServer(const QStringList &args, const QProcessEnvironment &env = TestServer::cleanEnvironment(),
              int timeoutMs = 15000)
{
    Run run;
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(qEnvironmentVariable("DEPOT_SERVER_BIN"), args);
    if (!process.waitForStarted(10000)) {
        run.err = process.errorString().toUtf8();
        return run;
    }
    run.finished = process.waitForFinished(timeoutMs);
    if (!run.finished) { // it started although it should not have
        process.kill();
        process.waitForFinished(5000);
    }
    run.exitCode = process.exitCode();
    run.exitStatus = process.exitStatus();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

// Arguments that would start a server on a free port in `dataDir`.
QStringList baseArgs(const QString &dataDir)
{
    return {QStringLiteral("--listen"),         QStringLiteral("127.0.0.1:0"),
            QStringLiteral("--data-dir"),       dataDir,
            QStringLiteral("--kdf-iterations"), QStringLiteral("1000"),
            QStringLiteral("--workers"),        QStringLiteral("1")};
}

QJsonObject credentials(const QString &username, const QString &password)
{
    return QJsonObject{{QStringLiteral("username"), username},
                       {QStringLiteral("password"), password}};
}

HttpResult login(const TestServer &server, const QString &username, const QString &password)
{
    return TestHttp::postJson(server.url(QStringLiteral("/api/v1/auth/token")),
                              credentials(username, password));
}

// The database of a (stopped or running) TestServer, opened from the test process.
std::unique_ptr<Database> openDatabase(const TestServer &server, QString *error)
{
    const auto settings =
        Database::parseUrl(server.databaseUrl(),
                           QDir(server.dataDir()).filePath(QStringLiteral("depot.sqlite")), error);
    if (!settings)
        return nullptr;
    auto db = std::make_unique<Database>(
        *settings, QStringLiteral("lifecycle-%1").arg(QRandomGenerator::global()->generate()));
    if (!db->open(error))
        return nullptr;
    return db;
}

QList<QPair<int, qint64>> appliedMigrations(Database &db)
{
    QList<QPair<int, qint64>> list;
    for (const Row &row : db.select(
             QStringLiteral("SELECT version, applied_at FROM schema_migrations ORDER BY version")))
        list.append({row.at(0).toInt(), row.at(1).toLongLong()});
    return list;
}

// SIGTERM without TestServer::stop(), which would also drop a PostgreSQL database.
void sigterm(const TestServer &server)
{
    ::kill(pid_t(server.pid()), SIGTERM);
}

} // namespace
} // namespace depot::test

using namespace depot;
using namespace depot::test;

class tst_Lifecycle : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void helpAndVersion_data();
    void helpAndVersion();
    void badCommandLine_data();
    void badCommandLine();
    void portTaken();
    void dataDirNotWritable_data();
    void dataDirNotWritable();
    void databaseUnreachable();
    void newerSchemaRefused_data();
    void newerSchemaRefused();
    void configPrecedence_data();
    void configPrecedence();
    void sigtermFinishesLoginInFlight();
    void usersFileImport_data();
    void usersFileImport();
    void usersFileBadLines();
    void migrationsRecordedAndIdempotent_data();
    void migrationsRecordedAndIdempotent();

private:
    QTemporaryDir m_tmp;
};

void tst_Lifecycle::initTestCase()
{
    QVERIFY2(!qEnvironmentVariableIsEmpty("DEPOT_SERVER_BIN"),
             "run through ctest: DEPOT_SERVER_BIN is not set");
    QVERIFY(m_tmp.isValid());
}

// ---------------------------------------------------------------------------------------------

void tst_Lifecycle::helpAndVersion_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QStringList>("mustContain");

    QTest::newRow("--help") << QStringLiteral("--help")
                            << QStringList{
                                   QStringLiteral("--listen"),    QStringLiteral("--data-dir"),
                                   QStringLiteral("--database"),  QStringLiteral("--users-file"),
                                   QStringLiteral("--workers"),   QStringLiteral("--config"),
                                   QStringLiteral("DEPOT_LISTEN")};
    QTest::newRow("-h") << QStringLiteral("-h") << QStringList{QStringLiteral("--listen")};
    QTest::newRow("--version") << QStringLiteral("--version")
                               << QStringList{QStringLiteral("depot-server ") +
                                              QLatin1String(DEPOT_VERSION)};
}

void tst_Lifecycle::helpAndVersion()
{
    QFETCH(QString, option);
    QFETCH(QStringList, mustContain);

    const Run run = runServer({option});
    QVERIFY2(run.finished && run.exitStatus == QProcess::NormalExit, qPrintable(run.describe()));
    QCOMPARE(run.exitCode, 0);
    const QString out = QString::fromUtf8(run.out);
    for (const QString &text : mustContain)
        QVERIFY2(out.contains(text),
                 qPrintable(text + QStringLiteral(" missing: ") + run.describe()));
    QVERIFY2(run.err.isEmpty(), run.err.constData());
}

void tst_Lifecycle::badCommandLine_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QStringList>("env");   // NAME=value
    QTest::addColumn<QStringList>("named"); // the message must contain each

    QTest::newRow("unknown option") << QStringList{QStringLiteral("--frobnicate")} << QStringList()
                                    << QStringList{QStringLiteral("frobnicate")};
    QTest::newRow("value missing") << QStringList{QStringLiteral("--workers")} << QStringList()
                                   << QStringList{QStringLiteral("workers")};
    QTest::newRow("--workers abc")
        << QStringList{QStringLiteral("--workers"), QStringLiteral("abc")} << QStringList()
        << QStringList{QStringLiteral("--workers"), QStringLiteral("abc")};
    QTest::newRow("--workers -3") << QStringList{QStringLiteral("--workers"), QStringLiteral("-3")}
                                  << QStringList()
                                  << QStringList{QStringLiteral("--workers"), QStringLiteral("-3")};
    QTest::newRow("--listen nope")
        << QStringList{QStringLiteral("--listen"), QStringLiteral("nope")} << QStringList()
        << QStringList{QStringLiteral("--listen"), QStringLiteral("nope")};
    QTest::newRow("--listen port out of range")
        << QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:70000")}
        << QStringList() << QStringList{QStringLiteral("--listen"), QStringLiteral("70000")};
    QTest::newRow("--header-timeout below minimum")
        << QStringList{QStringLiteral("--header-timeout"), QStringLiteral("5")} << QStringList()
        << QStringList{QStringLiteral("--header-timeout")};
    QTest::newRow("--log-requests maybe")
        << QStringList{QStringLiteral("--log-requests"), QStringLiteral("maybe")} << QStringList()
        << QStringList{QStringLiteral("--log-requests"), QStringLiteral("maybe")};
    QTest::newRow("positional argument") << QStringList{QStringLiteral("stray")} << QStringList()
                                         << QStringList{QStringLiteral("stray")};
    QTest::newRow("invalid value from the environment")
        << QStringList() << QStringList{QStringLiteral("DEPOT_WORKERS=many")}
        << QStringList{QStringLiteral("DEPOT_WORKERS"), QStringLiteral("many")};
    QTest::newRow("invalid TOKEN_EXPIRY")
        << QStringList() << QStringList{QStringLiteral("TOKEN_EXPIRY=soon")}
        << QStringList{QStringLiteral("TOKEN_EXPIRY"), QStringLiteral("soon")};
    QTest::newRow("missing config file")
        << QStringList{QStringLiteral("--config"), QStringLiteral("/nonexistent/depot.ini")}
        << QStringList() << QStringList{QStringLiteral("/nonexistent/depot.ini")};
    QTest::newRow("unknown DEPOT_ variable")
        << QStringList() << QStringList{QStringLiteral("DEPOT_LISTN=0.0.0.0:9")}
        << QStringList{QStringLiteral("DEPOT_LISTN")};
    QTest::newRow("duplicate plan")
        << QStringList{QStringLiteral("--plans"), QStringLiteral("gold=1,GOLD=2")} << QStringList()
        << QStringList{QStringLiteral("--plans")};
}

void tst_Lifecycle::badCommandLine()
{
    QFETCH(QStringList, args);
    QFETCH(QStringList, env);
    QFETCH(QStringList, named);

    QProcessEnvironment environment = TestServer::cleanEnvironment();
    for (const QString &pair : env)
        environment.insert(pair.section(u'=', 0, 0), pair.section(u'=', 1));
    // A data dir of its own, so a run that wrongly starts cannot touch anything shared.
    const QString dataDir = m_tmp.filePath(QStringLiteral("bad-cli-%1")
                                               .arg(QString::fromLatin1(QTest::currentDataTag()))
                                               .replace(u' ', u'_'));
    const Run run =
        runServer(QStringList{QStringLiteral("--data-dir"), dataDir} + args, environment, 10000);
    QVERIFY2(run.finished && run.exitStatus == QProcess::NormalExit, qPrintable(run.describe()));
    QCOMPARE(run.exitCode, 2);
    const QString err = QString::fromUtf8(run.err);
    for (const QString &text : named)
        QVERIFY2(err.contains(text),
                 qPrintable(text + QStringLiteral(" not named: ") + run.describe()));
    // One format for every start-up failure: one line, "depot-server: error: <what>".
    QVERIFY2(err.startsWith(QStringLiteral("depot-server: error: ")), qPrintable(run.describe()));
    QCOMPARE(err.count(u'\n'), 1);
    QVERIFY(!QFileInfo::exists(dataDir)); // refused before touching anything
}

// ---------------------------------------------------------------------------------------------

void tst_Lifecycle::portTaken()
{
    QTcpServer occupant; // Qt does not set SO_REUSEPORT: the server's sockets cannot join it
    QVERIFY(occupant.listen(QHostAddress::LocalHost, 0));
    const QString port = QString::number(occupant.serverPort());

    QStringList args = baseArgs(m_tmp.filePath(QStringLiteral("port-taken")));
    args[1] = QStringLiteral("127.0.0.1:") + port;
    const Run run = runServer(args);
    QVERIFY2(run.finished && run.exitStatus == QProcess::NormalExit, qPrintable(run.describe()));
    QVERIFY2(run.exitCode != 0, qPrintable(run.describe()));
    QVERIFY2(run.err.contains(port.toLatin1()), qPrintable(run.describe()));
    QVERIFY2(run.err.toLower().contains("in use") || run.err.contains("cannot listen"),
             qPrintable(run.describe()));
    QVERIFY(!run.out.contains("listening on"));
}

void tst_Lifecycle::dataDirNotWritable_data()
{
    QTest::addColumn<QString>("dataDir");

    // We may run as root, which ignores permission bits: use paths no one can create.
    const QString file = m_tmp.filePath(QStringLiteral("a-regular-file"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("not a directory\n");
    f.close();
    QTest::newRow("below a regular file") << file + QStringLiteral("/data");
    QTest::newRow("deeper below a regular file") << file + QStringLiteral("/a/b/data");
    QTest::newRow("the data dir is a regular file") << file;
    QTest::newRow("read-only file system") << QStringLiteral("/proc/depot-data");
}

void tst_Lifecycle::dataDirNotWritable()
{
    QFETCH(QString, dataDir);

    const Run run = runServer(baseArgs(dataDir));
    QVERIFY2(run.finished && run.exitStatus == QProcess::NormalExit, qPrintable(run.describe()));
    QVERIFY2(run.exitCode != 0, qPrintable(run.describe()));
    QVERIFY2(run.err.startsWith("depot-server: error: "), qPrintable(run.describe()));
    QVERIFY2(run.err.contains("directory"), qPrintable(run.describe()));
    QVERIFY(!run.out.contains("listening on"));
}

void tst_Lifecycle::databaseUnreachable()
{
    QStringList args = baseArgs(m_tmp.filePath(QStringLiteral("db-unreachable")));
    args << QStringLiteral("--database") << QStringLiteral("postgresql://nobody@127.0.0.1:1/x");
    const Run run = runServer(args);
    QVERIFY2(run.finished && run.exitStatus == QProcess::NormalExit, qPrintable(run.describe()));
    QVERIFY2(run.exitCode != 0, qPrintable(run.describe()));
    QVERIFY2(run.err.contains("database"), qPrintable(run.describe()));
    QVERIFY(!run.out.contains("listening on"));
}

void tst_Lifecycle::newerSchemaRefused_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<bool>("freshFile"); // SQLite file made by the test, else a migrated database

    QTest::newRow("sqlite: file from a newer binary") << QStringLiteral("sqlite") << true;
    for (const QString &backend : TestServer::backends())
        QTest::newRow(qPrintable(backend + QStringLiteral(": migrated, then bumped")))
            << backend << false;
}

void tst_Lifecycle::newerSchemaRefused()
{
    QFETCH(QString, backend);
    QFETCH(bool, freshFile);

    QStringList args;
    TestServer first; // only for a migrated database (and its PostgreSQL database's lifetime)
    if (freshFile) {
        const QString dataDir = m_tmp.filePath(QStringLiteral("newer-schema"));
        QVERIFY(QDir().mkpath(dataDir));
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("newer"));
            db.setDatabaseName(QDir(dataDir).filePath(QStringLiteral("depot.sqlite")));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(
                QStringLiteral("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, "
                               "name TEXT NOT NULL, applied_at INTEGER NOT NULL)")));
            QVERIFY(q.exec(QStringLiteral(
                "INSERT INTO schema_migrations VALUES (999, 'from the future', 0)")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("newer"));
        args = baseArgs(dataDir);
    } else {
        TestServer::Options options;
        options.backend = backend;
        QVERIFY2(first.start(options), qPrintable(first.errorString()));
        sigterm(first);
        QTRY_VERIFY_WITH_TIMEOUT(!first.running(), 15000);
        QString error;
        auto db = openDatabase(first, &error);
        QVERIFY2(db, qPrintable(error));
        db->execute(
            QStringLiteral(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"),
            {999, QStringLiteral("from the future"), Database::now()});
        args = baseArgs(first.dataDir());
        if (!first.databaseUrl().isEmpty())
            args << QStringLiteral("--database") << first.databaseUrl();
    }
    const Run run = runServer(args);
    QVERIFY2(run.finished && run.exitStatus == QProcess::NormalExit, qPrintable(run.describe()));
    QVERIFY2(run.exitCode != 0, qPrintable(run.describe()));
    QVERIFY2(run.err.contains("999"), qPrintable(run.describe()));
    QVERIFY2(run.err.contains("upgrade depot-server"), qPrintable(run.describe()));
    QVERIFY(!run.out.contains("listening on"));
}

// ---------------------------------------------------------------------------------------------

void tst_Lifecycle::configPrecedence_data()
{
    QTest::addColumn<QString>("ini");      // INI file content ("" = no file)
    QTest::addColumn<QStringList>("env");  // NAME=value (CONFIG_FILE stands for the INI path)
    QTest::addColumn<QStringList>("args"); // extra command line (CONFIG_FILE as above)
    QTest::addColumn<int>("expiresIn");

    const QString ini = QStringLiteral("token-expiry=111\n");
    const QStringList viaCli{QStringLiteral("--config"), QStringLiteral("CONFIG_FILE")};
    QTest::newRow("built-in default") << QString() << QStringList() << QStringList() << 1200;
    QTest::newRow("INI file") << ini << QStringList() << viaCli << 111;
    QTest::newRow("INI file named by DEPOT_CONFIG")
        << ini << QStringList{QStringLiteral("DEPOT_CONFIG=CONFIG_FILE")} << QStringList() << 111;
    QTest::newRow("environment over INI")
        << ini << QStringList{QStringLiteral("DEPOT_TOKEN_EXPIRY=222")} << viaCli << 222;
    QTest::newRow("seed's TOKEN_EXPIRY over INI")
        << ini << QStringList{QStringLiteral("TOKEN_EXPIRY=333")} << viaCli << 333;
    QTest::newRow("DEPOT_TOKEN_EXPIRY over TOKEN_EXPIRY")
        << ini
        << QStringList{QStringLiteral("DEPOT_TOKEN_EXPIRY=222"), QStringLiteral("TOKEN_EXPIRY=333")}
        << viaCli << 222;
    QTest::newRow("command line over environment and INI")
        << ini
        << QStringList{QStringLiteral("DEPOT_TOKEN_EXPIRY=222"), QStringLiteral("TOKEN_EXPIRY=333")}
        << viaCli + QStringList{QStringLiteral("--token-expiry"), QStringLiteral("444")} << 444;
    QTest::newRow("INI in a section-less file with other keys")
        << QStringLiteral("# comment\nlog-requests=true\ntoken-expiry=555\nmax-connections=100\n")
        << QStringList() << viaCli << 555;
}

void tst_Lifecycle::configPrecedence()
{
    QFETCH(QString, ini);
    QFETCH(QStringList, env);
    QFETCH(QStringList, args);
    QFETCH(int, expiresIn);

    const QString iniPath =
        m_tmp.filePath(QStringLiteral("depot-%1.ini").arg(QRandomGenerator::global()->generate()));
    if (!ini.isEmpty()) {
        QFile file(iniPath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(ini.toUtf8());
    }
    TestServer::Options options;
    options.env = TestServer::cleanEnvironment();
    for (const QString &pair : env)
        options.env.insert(pair.section(u'=', 0, 0),
                           pair.section(u'=', 1).replace(QStringLiteral("CONFIG_FILE"), iniPath));
    for (const QString &arg : args)
        options.extraArgs.append(QString(arg).replace(QStringLiteral("CONFIG_FILE"), iniPath));
    options.workers = 1;
    TestServer server;
    QVERIFY2(server.start(options), qPrintable(server.errorString()));

    const QString user = QStringLiteral("precedence-user");
    QCOMPARE(TestHttp::postJson(server.url(QStringLiteral("/api/v1/users")),
                                credentials(user, QStringLiteral("password-123")))
                 .status,
             201);
    const qint64 before = QDateTime::currentSecsSinceEpoch();
    const HttpResult r = login(server, user, QStringLiteral("password-123"));
    QCOMPARE(r.status, 200);
    const QJsonObject json = r.json();
    QCOMPARE(json.value(QStringLiteral("expires_in")).toInt(), expiresIn);
    const qint64 expiresAt =
        QDateTime::fromString(json.value(QStringLiteral("expires_at")).toString(), Qt::ISODate)
            .toSecsSinceEpoch();
    QVERIFY2(expiresAt >= before + expiresIn - 1 &&
                 expiresAt <= QDateTime::currentSecsSinceEpoch() + expiresIn + 1,
             qPrintable(json.value(QStringLiteral("expires_at")).toString()));
    QCOMPARE(server.stop(), 0);
}

// ---------------------------------------------------------------------------------------------

void tst_Lifecycle::sigtermFinishesLoginInFlight()
{
    TestServer server;
    TestServer::Options options;
    options.workers = 1;
    // About a second of PBKDF2 per login; the KDF runs on the thread pool, the answer comes later.
    options.extraArgs = QStringList{QStringLiteral("--kdf-iterations"), QStringLiteral("1500000")};
    QVERIFY2(server.start(options), qPrintable(server.errorString()));
    const QString user = QStringLiteral("slow-login");
    const QString password = QStringLiteral("password-123");
    QCOMPARE(
        TestHttp::postJson(server.url(QStringLiteral("/api/v1/users")), credentials(user, password))
            .status,
        201);

    QTcpSocket client;
    client.connectToHost(server.baseUrl().host(), quint16(server.baseUrl().port()));
    QVERIFY(client.waitForConnected(5000));
    const QByteArray body =
        QJsonDocument(credentials(user, password)).toJson(QJsonDocument::Compact);
    client.write("POST /api/v1/auth/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                 "Content-Length: " +
                 QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QVERIFY(client.waitForBytesWritten(5000));

    // Wait until the server holds the login (the /metrics request itself is the other one).
    auto inFlight = [&] {
        const HttpResult r = TestHttp::request("GET", server.url(QStringLiteral("/metrics")), {},
                                               {{"Connection", "close"}});
        for (const QByteArray &line : r.body.split('\n')) {
            if (line.startsWith("depot_requests_in_flight "))
                return line.mid(25).toInt();
        }
        return -1;
    };
    QTRY_VERIFY_WITH_TIMEOUT(inFlight() >= 2, 5000);

    sigterm(server);
    QByteArray answer;
    QDeadlineTimer deadline(20000);
    while (!answer.contains("\r\n\r\n{") || !answer.endsWith('}')) {
        if (deadline.hasExpired() || (!client.waitForReadyRead(int(deadline.remainingTime())) &&
                                      client.bytesAvailable() == 0))
            break;
        answer += client.readAll();
    }
    answer += client.readAll();
    QVERIFY2(answer.startsWith("HTTP/1.1 200 "), answer.constData());
    QVERIFY2(answer.contains("Connection: close"), answer.constData());
    const QJsonObject json =
        QJsonDocument::fromJson(answer.mid(answer.indexOf("\r\n\r\n") + 4)).object();
    QVERIFY(!json.value(QStringLiteral("token")).toString().isEmpty());

    // The process ends by itself once the answer is out, with exit code 0.
    QTRY_VERIFY_WITH_TIMEOUT(!server.running(), 15000);
    QCOMPARE(server.stop(), 0);
    // The login was answered after the shutdown began, and not cut off by the timeout.
    const QByteArray log = server.log();
    const qsizetype shuttingDown = log.indexOf("shutting down");
    QVERIFY2(shuttingDown >= 0, log.constData());
    const qsizetype answered = log.indexOf("\"POST /api/v1/auth/token\" 200", shuttingDown);
    QVERIFY2(answered > shuttingDown, log.constData());
    QVERIFY2(!log.contains("shutdown timeout"), log.constData());
    // The client received its 200: closing the connection afterwards is not a client gone.
    const QByteArray line = log.mid(answered, log.indexOf('\n', answered) - answered);
    QVERIFY2(!line.contains("client-gone"), line.constData());
}

// ---------------------------------------------------------------------------------------------

void tst_Lifecycle::usersFileImport_data()
{
    QTest::addColumn<QString>("backend");
    for (const QString &backend : TestServer::backends())
        QTest::newRow(qPrintable(backend)) << backend;
}

void tst_Lifecycle::usersFileImport()
{
    QFETCH(QString, backend);

    const QString usersFile = QStringLiteral(DEPOT_SOURCE_DIR "/resources/users.txt");
    QVERIFY(QFileInfo::exists(usersFile));
    TestServer server;
    TestServer::Options options;
    options.backend = backend;
    options.workers = 1;
    options.extraArgs = QStringList{QStringLiteral("--users-file"), usersFile};
    QVERIFY2(server.start(options), qPrintable(server.errorString()));
    QVERIFY2(server.log().contains("3 user(s) created"), server.log().constData());

    const struct
    {
        const char *user, *password, *plan;
        int limit;
    } expected[] = {{"gold-user", "gold-password-1", "gold", 100},
                    {"silver-user", "silver-password-1", "silver", 50},
                    {"bronze-user", "bronze-password-1", "bronze", 25}};
    for (const auto &e : expected) {
        const HttpResult token =
            login(server, QString::fromLatin1(e.user), QString::fromLatin1(e.password));
        QVERIFY2(token.status == 200,
                 qPrintable(QString::fromLatin1(e.user) + u' ' + QString::fromUtf8(token.body)));
        const HttpResult me =
            TestHttp::get(server.url(QStringLiteral("/api/v1/me")),
                          TestHttp::bearer(token.json().value(QStringLiteral("token")).toString()));
        QCOMPARE(me.status, 200);
        QCOMPARE(me.json().value(QStringLiteral("username")).toString(),
                 QString::fromLatin1(e.user));
        QCOMPARE(me.json().value(QStringLiteral("plan")).toString(), QString::fromLatin1(e.plan));
        QCOMPARE(me.json()
                     .value(QStringLiteral("quota"))
                     .toObject()
                     .value(QStringLiteral("limit"))
                     .toInt(),
                 e.limit);
    }
    // The file is the users' list, not their passwords' last word: a wrong one still fails.
    QCOMPARE(login(server, QStringLiteral("gold-user"), QStringLiteral("silver-password-1")).status,
             401);
    QCOMPARE(server.stop(), 0);
}

void tst_Lifecycle::usersFileBadLines()
{
    const QString path = m_tmp.filePath(QStringLiteral("users-with-bad-lines.txt"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("# username password plan\n"                  // 1
               "good-one   password-111  gold\n"             // 2
               "two-fields only\n"                           // 3
               "x password-222 silver\n"                     // 4: username too short
               "plan-less password-333 platinum\n"           // 5: unknown plan
               "short-pw abc bronze\n"                       // 6: password too short
               "\n"                                          // 7
               "good-one password-444 silver\n"              // 8: duplicate
               "good-two password-555 BRONZE   # trailing\n" // 9
               "too many fields here\n");                    // 10
    file.close();

    TestServer server;
    TestServer::Options options;
    options.workers = 1;
    options.extraArgs = QStringList{QStringLiteral("--users-file"), path};
    QVERIFY2(server.start(options), qPrintable(server.errorString()));
    const QByteArray log = server.log();
    for (int line : {3, 4, 5, 6, 8, 10})
        QVERIFY2(log.contains(QByteArray("line " + QByteArray::number(line) + ':')),
                 qPrintable(QStringLiteral("line %1 not reported:\n").arg(line) +
                            QString::fromUtf8(log)));
    for (int line : {1, 2, 7, 9})
        QVERIFY2(!log.contains(QByteArray("line " + QByteArray::number(line) + ':')),
                 qPrintable(QStringLiteral("line %1 wrongly reported:\n").arg(line) +
                            QString::fromUtf8(log)));
    QVERIFY2(log.contains(path.toUtf8()), log.constData());
    QVERIFY2(log.contains("2 user(s) created"), log.constData());

    const struct
    {
        const char *user, *password, *plan;
    } imported[] = {{"good-one", "password-111", "gold"}, {"good-two", "password-555", "bronze"}};
    for (const auto &e : imported) {
        const HttpResult token =
            login(server, QString::fromLatin1(e.user), QString::fromLatin1(e.password));
        QVERIFY2(token.status == 200,
                 qPrintable(QString::fromLatin1(e.user) + u' ' + QString::fromUtf8(token.body)));
        const HttpResult me =
            TestHttp::get(server.url(QStringLiteral("/api/v1/me")),
                          TestHttp::bearer(token.json().value(QStringLiteral("token")).toString()));
        QCOMPARE(me.json().value(QStringLiteral("plan")).toString(), QString::fromLatin1(e.plan));
    }
    for (const char *skipped : {"x", "plan-less", "short-pw"})
        QCOMPARE(login(server, QString::fromLatin1(skipped), QStringLiteral("password-333")).status,
                 401);
    QCOMPARE(server.stop(), 0);
}

// ---------------------------------------------------------------------------------------------

void tst_Lifecycle::migrationsRecordedAndIdempotent_data()
{
    QTest::addColumn<QString>("backend");
    for (const QString &backend : TestServer::backends())
        QTest::newRow(qPrintable(backend)) << backend;
}

void tst_Lifecycle::migrationsRecordedAndIdempotent()
{
    QFETCH(QString, backend);

    const QString usersFile = QStringLiteral(DEPOT_SOURCE_DIR "/resources/users.txt");
    TestServer first;
    TestServer::Options options;
    options.backend = backend;
    options.workers = 1;
    options.extraArgs = QStringList{QStringLiteral("--users-file"), usersFile};
    QVERIFY2(first.start(options), qPrintable(first.errorString()));
    QVERIFY2(first.log().contains("database migrated to version 1"), first.log().constData());
    QVERIFY(!first.signUpAndLogin(QStringLiteral("survives-restart")).isEmpty());
    sigterm(first); // not stop(): that would drop a PostgreSQL database
    QTRY_VERIFY_WITH_TIMEOUT(!first.running(), 15000);

    QList<QPair<int, qint64>> applied;
    {
        QString error;
        auto db = openDatabase(first, &error);
        QVERIFY2(db, qPrintable(error));
        applied = appliedMigrations(*db);
    }
    QVERIFY(!applied.isEmpty());
    for (qsizetype i = 0; i < applied.size(); ++i)
        QCOMPARE(applied[i].first, int(i + 1)); // versions 1..n, each once

    // A second start on the same database: nothing to migrate, nothing imported twice.
    TestServer second;
    QVERIFY2(second.startSharing(first, options), qPrintable(second.errorString()));
    QVERIFY2(!second.log().contains("database migrated"), second.log().constData());
    QVERIFY2(second.log().contains("3 listed, 0 user(s) created, 0 password(s)"), second.log().constData());
    QVERIFY(!second.signUpAndLogin(QStringLiteral("survives-restart")).isEmpty());
    QCOMPARE(login(second, QStringLiteral("gold-user"), QStringLiteral("gold-password-1")).status,
             200);
    QCOMPARE(second.stop(), 0);
    {
        QString error;
        auto db = openDatabase(first, &error);
        QVERIFY2(db, qPrintable(error));
        QCOMPARE(appliedMigrations(*db), applied);
        QCOMPARE(db->selectOne(QStringLiteral("SELECT COUNT(*) FROM users"))->at(0).toInt(), 4);
    }
    QCOMPARE(first.stop(), 0);
}

QTEST_GUILESS_MAIN(tst_Lifecycle)
#include "tst_lifecycle.moc"
