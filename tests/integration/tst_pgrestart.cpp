// The service recovers by itself when PostgreSQL restarts: while the database is away requests
// get 503 with Retry-After at once (none hangs, none is a 500), and within 5 s of its return
// /readyz, logins and public endpoints work again. Against a private throw-away cluster of its
// own (the shared test cluster is used by others in parallel), stopped and started mid-test.
#include "TestServer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QTcpServer>
#include <QTest>

#include <pwd.h>
#include <unistd.h>

using namespace depot::test;

namespace {

const QString PgBin = QStringLiteral("/usr/lib/postgresql/15/bin");

// A PostgreSQL cluster in a temporary directory, run as the postgres user, on its own port and
// socket directory.
class PrivateCluster
{
public:
    ~PrivateCluster()
    {
        if (m_initialised)
            pgCtl({QStringLiteral("-m"), QStringLiteral("immediate"), QStringLiteral("stop")});
    }

    bool init(QString *error)
    {
        const passwd *pg = ::getpwnam("postgres");
        if (!pg || ::geteuid() != 0 ||
            !QFileInfo(PgBin + QStringLiteral("/initdb")).isExecutable()) {
            *error = QStringLiteral("needs root, a postgres user and %1").arg(PgBin);
            return false;
        }
        QTcpServer probe; // a free port
        probe.listen(QHostAddress::LocalHost);
        m_port = probe.serverPort();
        probe.close();
        ::chown(QFile::encodeName(m_dir.path()).constData(), pg->pw_uid, pg->pw_gid);
        const auto [code, output] = asPostgres(
            PgBin + QStringLiteral("/initdb"),
            {QStringLiteral("-D"), dataDir(), QStringLiteral("-A"), QStringLiteral("trust"),
             QStringLiteral("-U"), QStringLiteral("postgres"), QStringLiteral("--no-sync")});
        if (code != 0) {
            *error = QStringLiteral("initdb failed: ") + QString::fromLocal8Bit(output);
            return false;
        }
        m_initialised = true;
        return true;
    }

    bool start()
    {
        return pgCtl({QStringLiteral("-o"),
                      QStringLiteral("-p %1 -k %2 -c listen_addresses='' -c fsync=off")
                          .arg(m_port)
                          .arg(m_dir.path()),
                      QStringLiteral("-l"), m_dir.filePath(QStringLiteral("log")),
                      QStringLiteral("start")}) == 0;
    }
    bool stop()
    {
        return pgCtl({QStringLiteral("-m"), QStringLiteral("fast"), QStringLiteral("stop")}) == 0;
    }

    QString url() const
    {
        return QStringLiteral("postgresql://postgres@localhost:%1/postgres?host=%2")
            .arg(m_port)
            .arg(m_dir.path());
    }

private:
    QString dataDir() const { return m_dir.filePath(QStringLiteral("cluster")); }

    int pgCtl(QStringList args)
    {
        args.prepend(dataDir());
        args.prepend(QStringLiteral("-D"));
        args.prepend(QStringLiteral("-w"));
        return asPostgres(PgBin + QStringLiteral("/pg_ctl"), args).first;
    }

    static QPair<int, QByteArray> asPostgres(const QString &program, const QStringList &args)
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(QStringLiteral("runuser"),
                      QStringList{QStringLiteral("-u"), QStringLiteral("postgres"),
                                  QStringLiteral("--"), program} +
                          args);
        process.waitForFinished(60000);
        return {process.exitCode(), process.readAll()};
    }

    QTemporaryDir m_dir;
    quint16 m_port = 0;
    bool m_initialised = false;
};

} // namespace

class TestPgRestart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void recoversAfterRestart()
    {
        PrivateCluster cluster;
        QString why;
        if (!cluster.init(&why)) {
            if (qEnvironmentVariableIntValue("DEPOT_REQUIRE_PG") == 1)
                QFAIL(qPrintable(why));
            QSKIP(qPrintable(why));
        }
        QVERIFY(cluster.start());

        TestServer server;
        TestServer::Options options;
        options.databaseUrl = cluster.url();
        QVERIFY2(server.start(options), qPrintable(server.errorString()));
        const QString token = server.signUpAndLogin(QStringLiteral("pat"));
        QVERIFY(!token.isEmpty());
        const HttpResult created = TestHttp::request(
            "POST", server.url(QStringLiteral("/api/v1/endpoints")),
            R"({"identifier":"hello","method":"GET","kind":"json","response":{"hi":1}})",
            TestHttp::bearer(token) + Headers{{"Content-Type", "application/json"}});
        QVERIFY2(created.status == 201, created.body.constData());
        const QUrl ready = server.url(QStringLiteral("/readyz"));
        const QUrl hosted = server.url(QStringLiteral("/u/pat/hello"));
        const QUrl me = server.url(QStringLiteral("/api/v1/me"));
        const auto login = [&] {
            return TestHttp::postJson(
                server.url(QStringLiteral("/api/v1/auth/token")),
                {{QStringLiteral("username"), QStringLiteral("pat")},
                 {QStringLiteral("password"), QStringLiteral("password-123")}});
        };
        QCOMPARE(TestHttp::get(ready).status, 200);
        QCOMPARE(TestHttp::get(hosted).status, 200);

        QVERIFY(cluster.stop());
        // Hosted endpoints are served from memory while the database's notification channel
        // is up; once the server sees it down, its caches refresh every second (bounded
        // staleness, store/ChangeBus), so after a second the database's absence shows.
        QTest::qWait(1200);
        // Every worker's connection is gone: each kind of request answers 503 + Retry-After, at
        // once (several rounds, so every worker's connection is met).
        for (int round = 0; round < 4; ++round) {
            for (const auto &[name, call] : QList<QPair<const char *, std::function<HttpResult()>>>{
                     {"readyz", [&] { return TestHttp::get(ready); }},
                     {"hosted", [&] { return TestHttp::get(hosted); }},
                     {"me", [&] { return TestHttp::get(me, TestHttp::bearer(token)); }},
                     {"login", login}}) {
                QElapsedTimer clock;
                clock.start();
                const HttpResult r = call();
                QVERIFY2(r.status == 503, qPrintable(QStringLiteral("%1: %2 %3")
                                                         .arg(QLatin1String(name))
                                                         .arg(r.status)
                                                         .arg(QString::fromUtf8(r.body))));
                QVERIFY(r.header("Retry-After").toInt() > 0);
                QVERIFY2(clock.elapsed() < 3000, name);
            }
        }
        QCOMPARE(TestHttp::get(server.url(QStringLiteral("/healthz"))).status, 200);

        QVERIFY(cluster.start());
        QElapsedTimer back;
        back.start();
        // Ready again within 5 s on every worker (several answers in a row).
        int inARow = 0;
        while (inARow < 8 && back.elapsed() < 5000) {
            inARow = TestHttp::get(ready).status == 200 ? inARow + 1 : 0;
            if (inARow == 0)
                QTest::qWait(50);
        }
        QVERIFY2(inARow >= 8, qPrintable(QString::fromUtf8(server.log().right(2000))));
        QCOMPARE(login().status, 200);
        QCOMPARE(TestHttp::get(hosted).status, 200);
        QVERIFY2(back.elapsed() < 5000, qPrintable(QString::number(back.elapsed())));
        QVERIFY2(!server.log().contains("\" 500 "), server.log().constData()); // never a 500
        QCOMPARE(server.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(TestPgRestart)
#include "tst_pgrestart.moc"
