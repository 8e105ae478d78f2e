// Hosted endpoints and token owners are kept in each worker's memory (endpoints/EndpointCache,
// accounts/TokenAuth); these tests prove the copies are never stale beyond the promise: a change
// through one instance is served at once by that instance (every worker) and within a second
// by another instance sharing the database (PostgreSQL: LISTEN/NOTIFY; SQLite: its counters),
// deletion answers 404 and expiry 410 on the next request, and a login that rotates the secret
// revokes older tokens on every instance. PostgreSQL's notification channel (one listener per
// process) is cut and kept down: the fallback holds for caches and the live journal, and the
// listener comes back by itself.

#include "TestServer.h"
#include "TestWebSocket.h"

#include "store/Database.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QScopeGuard>
#include <QSet>
#include <QTest>
#include <QThread>

#include <memory>

#include <sys/stat.h>

using namespace depot;
using namespace depot::test;

namespace {

// One request on a fresh connection each time, so SO_REUSEPORT spreads them over the workers.
HttpResult fresh(const TestServer &s, const QString &path, const Headers &headers = {})
{
    Headers h = headers;
    h.append({QByteArrayLiteral("Connection"), QByteArrayLiteral("close")});
    return TestHttp::request("GET", s.url(path), {}, h);
}

// Polls until `check` holds, for at most `ms`; returns the milliseconds it took, -1 if never.
template <typename Check> qint64 within(int ms, Check check)
{
    QElapsedTimer clock;
    clock.start();
    while (true) {
        if (check())
            return clock.elapsed();
        if (clock.elapsed() > ms)
            return -1;
        QThread::msleep(20);
    }
}

} // namespace

class TestCacheCoherence : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_a, m_b;
    QString m_token;

    QString backend() const
    {
        QFETCH_GLOBAL(QString, backend);
        return backend;
    }

    // Two instances on one database: A, and B sharing A's database and data directory.
    void startPair()
    {
        m_a = std::make_unique<TestServer>();
        m_b = std::make_unique<TestServer>();
        TestServer::Options options;
        options.backend = backend();
        // A live journal socket re-reads the database only once a minute: what reaches it
        // sooner came through the notification channel or its fallback.
        options.extraArgs = {QStringLiteral("--ws-poll-interval"), QStringLiteral("60000")};
        QVERIFY2(m_a->start(options), qPrintable(m_a->errorString()));
        QVERIFY2(m_b->startSharing(*m_a, options), qPrintable(m_b->errorString()));
        m_token = m_a->signUpAndLogin(QStringLiteral("coherent"));
        QVERIFY(!m_token.isEmpty());
    }

    qint64 create(const QByteArray &json)
    {
        const QJsonObject fields = QJsonDocument::fromJson(json).object();
        const HttpResult r = TestHttp::postJson(m_a->url(QStringLiteral("/api/v1/endpoints")),
                                                fields, TestHttp::bearer(m_token));
        if (r.status != 201)
            qWarning() << r.status << r.body;
        return r.status == 201 ? qint64(r.json().value(QLatin1String("id")).toDouble()) : 0;
    }

    static QString hosted(const char *identifier)
    {
        return QStringLiteral("/u/coherent/") + QLatin1String(identifier);
    }

    // Warms every worker of `s` (several fresh connections) and checks what they serve.
    static bool allServe(const TestServer &s, const QString &path, int status,
                         const QByteArray &body = {})
    {
        for (int i = 0; i < 8; ++i) {
            const HttpResult r = fresh(s, path);
            if (r.status != status || (!body.isEmpty() && r.body != body))
                return false;
        }
        return true;
    }

    // /api/v1/me with `auth` answers `status` on every worker of `s` (8 fresh connections).
    static bool allMe(const TestServer &s, const Headers &auth, int status)
    {
        for (int i = 0; i < 8; ++i) {
            if (fresh(s, QStringLiteral("/api/v1/me"), auth).status != status)
                return false;
        }
        return true;
    }

    // A login on A (which rotates the owner's secret): the new token's Authorization header.
    Headers loginOnA()
    {
        const HttpResult login = TestHttp::postJson(
            m_a->url(QStringLiteral("/api/v1/auth/token")),
            QJsonDocument::fromJson("{\"username\":\"coherent\",\"password\":\"password-123\"}")
                .object());
        m_token =
            login.status == 200 ? login.json().value(QLatin1String("token")).toString() : QString();
        return TestHttp::bearer(m_token);
    }

private slots:
    void initTestCase_data()
    {
        QTest::addColumn<QString>("backend");
        for (const QString &backend : TestServer::backends())
            QTest::newRow(qPrintable(backend)) << backend;
    }

    void init() { startPair(); }
    void cleanup()
    {
        m_b.reset();
        m_a.reset();
    }

    // Every SQLite instance keeps the wal-index marked in use (SQLite's DMS lock, a POSIX read
    // lock on byte 128 of the -shm file) for as long as it has the database open, also after
    // its connections have read the change counter. Without that lock the next process to open
    // the database (another instance, `depot-server users`, a backup) truncates and rebuilds
    // the index under the running servers: their mappings fault (SIGBUS) and their readers are
    // no longer seen. Closing any descriptor of the -shm file drops the lock, so the server
    // must never open one of its own.
    void sqliteIndexStaysInUse()
    {
        if (backend() != QLatin1String("sqlite"))
            QSKIP("SQLite only");
        QVERIFY(create("{\"identifier\":\"counted\",\"response\":1}") > 0);
        for (int round = 0; round < 2; ++round) {
            // Every worker of both instances reads the change counter (the served endpoint and
            // /me check it on each request).
            QVERIFY(allServe(*m_a, hosted("counted"), 200, "1"));
            QVERIFY(allServe(*m_b, hosted("counted"), 200, "1"));
            QVERIFY(allMe(*m_a, TestHttp::bearer(m_token), 200));
            QVERIFY(allMe(*m_b, TestHttp::bearer(m_token), 200));
            struct stat info = {};
            const QByteArray shm =
                QFile::encodeName(m_a->dataDir() + QStringLiteral("/depot.sqlite-shm"));
            QVERIFY2(::stat(shm.constData(), &info) == 0, shm.constData());
            QFile locks(QStringLiteral("/proc/locks"));
            QVERIFY(locks.open(QIODevice::ReadOnly));
            // "1: POSIX  ADVISORY  READ 1234 fd:01:5678 128 128"
            QSet<qint64> holders;
            for (const QByteArray &line : locks.readAll().split('\n')) {
                const QList<QByteArray> f = line.simplified().split(' ');
                if (f.size() >= 8 && f.at(1) == "POSIX" && f.at(3) == "READ" &&
                    f.at(5).split(':').value(2).toULongLong() == quint64(info.st_ino) &&
                    f.at(6) == "128" && f.at(7) == "128")
                    holders.insert(f.at(4).toLongLong());
            }
            QVERIFY2(holders.contains(m_a->pid()), "instance A dropped its wal-index lock");
            QVERIFY2(holders.contains(m_b->pid()), "instance B dropped its wal-index lock");
            // Another process opens and closes the database: both keep serving.
            QCOMPARE(m_a->sql(QStringLiteral("SELECT COUNT(*) FROM endpoints")).size(), 1);
        }
    }

    void editIsServedEverywhere()
    {
        const qint64 id = create("{\"identifier\":\"greet\",\"response\":{\"v\":1}}");
        QVERIFY(id > 0);
        QVERIFY(allServe(*m_a, hosted("greet"), 200, "{\"v\":1}"));
        QVERIFY(allServe(*m_b, hosted("greet"), 200, "{\"v\":1}")); // now in B's memory
        const HttpResult edit = TestHttp::request(
            "PATCH", m_a->url(QStringLiteral("/api/v1/endpoints/%1").arg(id)),
            "{\"response\":{\"v\":2},\"status_code\":202}",
            TestHttp::bearer(m_token) + Headers{{QByteArrayLiteral("Content-Type"),
                                                 QByteArrayLiteral("application/json")}});
        QCOMPARE(edit.status, 200);
        // This instance: at once, on every worker.
        QVERIFY(allServe(*m_a, hosted("greet"), 202, "{\"v\":2}"));
        // The other instance: within a second.
        const qint64 ms = within(1000, [&] { return allServe(*m_b, hosted("greet"), 202); });
        QVERIFY2(ms >= 0, "B still served the old answer after a second");
        QCOMPARE(fresh(*m_b, hosted("greet")).body, QByteArray("{\"v\":2}"));
    }

    void deletionIsNotFoundEverywhere()
    {
        const qint64 id = create("{\"identifier\":\"gone\",\"response\":\"here\"}");
        QVERIFY(id > 0);
        QVERIFY(allServe(*m_a, hosted("gone"), 200));
        QVERIFY(allServe(*m_b, hosted("gone"), 200));
        const HttpResult del =
            TestHttp::request("DELETE", m_a->url(QStringLiteral("/api/v1/endpoints/%1").arg(id)),
                              {}, TestHttp::bearer(m_token));
        QCOMPARE(del.status, 204);
        QVERIFY(allServe(*m_a, hosted("gone"), 404));
        QVERIFY2(within(1000, [&] { return allServe(*m_b, hosted("gone"), 404); }) >= 0,
                 "B still served a deleted endpoint after a second");
    }

    void newEndpointAfterMissIsServed()
    {
        // A miss is kept in memory too: creating the endpoint must end it.
        QVERIFY(allServe(*m_a, hosted("later"), 404));
        QVERIFY(allServe(*m_b, hosted("later"), 404));
        QVERIFY(create("{\"identifier\":\"later\",\"response\":7}") > 0);
        QVERIFY(allServe(*m_a, hosted("later"), 200, "7"));
        QVERIFY(within(1000, [&] { return allServe(*m_b, hosted("later"), 200, "7"); }) >= 0);
    }

    void expiryIsHonoured()
    {
        const QDateTime expires = QDateTime::currentDateTimeUtc().addSecs(2);
        QVERIFY(create("{\"identifier\":\"brief\",\"response\":\"soon gone\",\"expires_at\":\"" +
                       expires.toString(Qt::ISODate).toLatin1() + "\"}") > 0);
        QVERIFY(allServe(*m_a, hosted("brief"), 200));
        QVERIFY(allServe(*m_b, hosted("brief"), 200));
        while (QDateTime::currentDateTimeUtc() <= expires.addMSecs(100))
            QThread::msleep(50);
        // Expired, not yet reaped: 410 on the next request, from memory too.
        QCOMPARE(fresh(*m_a, hosted("brief")).status, 410);
        QCOMPARE(fresh(*m_b, hosted("brief")).status, 410);
    }

    void loginRevokesOldTokensEverywhere()
    {
        const Headers old = TestHttp::bearer(m_token);
        // Every worker of both keeps the owner's key now.
        QVERIFY(allMe(*m_a, old, 200));
        QVERIFY(allMe(*m_b, old, 200));
        const Headers renewed = loginOnA();
        QVERIFY(!m_token.isEmpty());
        QVERIFY(allMe(*m_a, old, 401));
        QVERIFY(allMe(*m_a, renewed, 200));
        // B: the new token at once (its remembered key refuses it, the row does not), the old
        // one refused within a second.
        QVERIFY(allMe(*m_b, renewed, 200));
        QVERIFY2(within(1000, [&] { return allMe(*m_b, old, 401); }) >= 0,
                 "B still accepted a revoked token after a second");
    }

    // PostgreSQL: each instance has one LISTEN connection (store/DbListener). It is cut and kept
    // from reconnecting (its database refuses new connections) for a while: caches stay within
    // the fallback's bound and B's live journal still hears A's entries (its own re-read is once
    // a minute here, so only the fallback can bring them). Then it reconnects by itself and
    // notifications flow again.
    void listenerCutStaysBoundedThenRecovers()
    {
        if (backend() != QLatin1String("postgresql"))
            QSKIP("PostgreSQL's notification channel only");
        const qint64 id = create("{\"identifier\":\"bounded\",\"response\":1}");
        QVERIFY(id > 0);
        QVERIFY(allServe(*m_b, hosted("bounded"), 200, "1"));
        WsClient ws(m_b->url(QStringLiteral("/api/v1/endpoints/%1/requests/events").arg(id)));
        QVERIFY(ws.waitOpen());
        ws.send({{QStringLiteral("token"), m_token}, {QStringLiteral("after"), 0}});
        // An entry recorded by A, expected on B's socket.
        auto journaledOnB = [&](const QString &query) {
            return fresh(*m_a, hosted("bounded") + u'?' + query).status == 200 &&
                   QTest::qWaitFor([&] { return ws.received(QStringLiteral("query"), query); },
                                   3000);
        };
        auto edit = [&](int value) {
            return TestHttp::request(
                       "PATCH", m_a->url(QStringLiteral("/api/v1/endpoints/%1").arg(id)),
                       QByteArray("{\"response\":") + QByteArray::number(value) + '}',
                       TestHttp::bearer(m_token) + Headers{{QByteArrayLiteral("Content-Type"),
                                                            QByteArrayLiteral("application/json")}})
                       .status == 200;
        };

        // The cluster's admin connection: the instances' own database is closed for a while.
        QString error;
        const auto adminSettings =
            Database::parseUrl(qEnvironmentVariable("DEPOT_TEST_PG_URL"), {}, &error);
        QVERIFY2(adminSettings, qPrintable(error));
        Database admin(*adminSettings, QStringLiteral("coherence-admin"));
        QVERIFY2(admin.open(&error), qPrintable(error));
        const QString name =
            m_a->sql(QStringLiteral("SELECT current_database()")).value(0).value(0).toString();
        const QString listeners = QStringLiteral(
            "FROM pg_stat_activity WHERE application_name = 'depot-listener' AND datname = ?");
        auto listenerCount = [&] {
            return admin.selectOne(QStringLiteral("SELECT count(*) ") + listeners, {name})
                ->value(0)
                .toInt();
        };
        auto allowConnections = [&](bool allow) {
            admin.execute(QStringLiteral("ALTER DATABASE %1 ALLOW_CONNECTIONS %2")
                              .arg(name, allow ? QStringLiteral("true") : QStringLiteral("false")));
        };

        // Up: one listener per instance, notifications flowing.
        QCOMPARE(listenerCount(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(m_b->metric("depot_database_listening"), 1, 2000);
        QVERIFY(journaledOnB(QStringLiteral("phase=up")));

        // Cut, and kept down.
        allowConnections(false);
        const auto reopen = qScopeGuard([&] { allowConnections(true); });
        admin.select(QStringLiteral("SELECT pg_terminate_backend(pid) ") + listeners, {name});
        QTRY_COMPARE_WITH_TIMEOUT(m_b->metric("depot_database_listening"), 0, 2000);
        QTRY_COMPARE_WITH_TIMEOUT(m_a->metric("depot_database_listening"), 0, 2000);
        QTest::qWait(1200); // past the one refresh at the cut: the periodic fallback is tested
        QCOMPARE(listenerCount(), 0);
        QVERIFY(edit(2));
        QVERIFY(allServe(*m_a, hosted("bounded"), 200, "2"));
        QVERIFY2(within(2000, [&] { return allServe(*m_b, hosted("bounded"), 200, "2"); }) >= 0,
                 "B stayed stale while its notification channel was down");
        QVERIFY2(journaledOnB(QStringLiteral("phase=down")),
                 "B's live journal missed A's entry while the channel was down");
        // A login on A while B hears nothing: B accepts the new token at once (a key from
        // memory that refuses a token is checked against the row) and refuses the old one
        // within the fallback's bound.
        const Headers old = TestHttp::bearer(m_token);
        QVERIFY(allMe(*m_b, old, 200)); // every worker of B keeps the key of the old token now
        const Headers renewed = loginOnA();
        QVERIFY(!m_token.isEmpty());
        QVERIFY(allMe(*m_b, renewed, 200));
        QVERIFY2(within(2000, [&] { return allMe(*m_b, old, 401); }) >= 0,
                 "B accepted a revoked token beyond the fallback's bound");
        QCOMPARE(listenerCount(), 0);

        // Back by itself, and notifications flow again (counted by B as they arrive).
        allowConnections(true);
        QTRY_COMPARE_WITH_TIMEOUT(listenerCount(), 2, 6000);
        QTRY_COMPARE_WITH_TIMEOUT(m_b->metric("depot_database_listening"), 1, 2000);
        QTest::qWait(300); // notifications of B's own earlier journal writes have arrived
        const qint64 before = m_b->metric("depot_database_notifications_total");
        QVERIFY(edit(3));
        QTRY_VERIFY_WITH_TIMEOUT(m_b->metric("depot_database_notifications_total") > before, 1000);
        QVERIFY(within(1000, [&] { return allServe(*m_b, hosted("bounded"), 200, "3"); }) >= 0);
        QVERIFY(journaledOnB(QStringLiteral("phase=back")));
        QCOMPARE(listenerCount(), 2);
    }
};

QTEST_MAIN(TestCacheCoherence)
#include "tst_cachecoherence.moc"
