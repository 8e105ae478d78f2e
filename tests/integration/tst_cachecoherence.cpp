// Hosted endpoints and token owners are kept in each worker's memory (endpoints/EndpointCache,
// accounts/TokenAuth); these tests prove the copies are never stale beyond the promise: a change
// through one instance is served at once by that instance (every worker) and within a second
// by another instance sharing the database (PostgreSQL: LISTEN/NOTIFY; SQLite: its counters),
// deletion answers 404 and expiry 410 on the next request, and a login that rotates the secret
// revokes older tokens on every instance.

#include "TestServer.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QThread>

#include <memory>

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
        for (int i = 0; i < 8; ++i) { // every worker of both keeps the owner's key now
            QCOMPARE(fresh(*m_a, QStringLiteral("/api/v1/me"), old).status, 200);
            QCOMPARE(fresh(*m_b, QStringLiteral("/api/v1/me"), old).status, 200);
        }
        const HttpResult login = TestHttp::postJson(
            m_a->url(QStringLiteral("/api/v1/auth/token")),
            QJsonDocument::fromJson("{\"username\":\"coherent\",\"password\":\"password-123\"}")
                .object());
        QCOMPARE(login.status, 200);
        const Headers renewed =
            TestHttp::bearer(login.json().value(QLatin1String("token")).toString());
        for (int i = 0; i < 8; ++i) {
            QCOMPARE(fresh(*m_a, QStringLiteral("/api/v1/me"), old).status, 401);
            QCOMPARE(fresh(*m_a, QStringLiteral("/api/v1/me"), renewed).status, 200);
        }
        QVERIFY2(within(1000,
                        [&] {
                            for (int i = 0; i < 8; ++i) {
                                if (fresh(*m_b, QStringLiteral("/api/v1/me"), old).status != 401)
                                    return false;
                            }
                            return true;
                        }) >= 0,
                 "B still accepted a revoked token after a second");
        QCOMPARE(fresh(*m_b, QStringLiteral("/api/v1/me"), renewed).status, 200);
    }

    void notificationsDownStaysBounded()
    {
        if (backend() != QLatin1String("postgresql"))
            QSKIP("PostgreSQL's notification channel only");
        const qint64 id = create("{\"identifier\":\"bounded\",\"response\":1}");
        QVERIFY(allServe(*m_b, hosted("bounded"), 200, "1"));
        // Cut every listening connection (both instances'): they reconnect and re-subscribe,
        // meanwhile the caches refresh every second.
        const QString listeners = QStringLiteral(
            "FROM pg_stat_activity WHERE application_name = 'depot-changes' AND datname = "
            "current_database()");
        QCOMPARE(m_a->sql(QStringLiteral("SELECT pid ") + listeners).size(), 2);
        m_a->sql(QStringLiteral("SELECT pg_terminate_backend(pid) ") + listeners);
        const HttpResult edit = TestHttp::request(
            "PATCH", m_a->url(QStringLiteral("/api/v1/endpoints/%1").arg(id)), "{\"response\":2}",
            TestHttp::bearer(m_token) + Headers{{QByteArrayLiteral("Content-Type"),
                                                 QByteArrayLiteral("application/json")}});
        QCOMPARE(edit.status, 200);
        QVERIFY(allServe(*m_a, hosted("bounded"), 200, "2"));
        QVERIFY2(within(2000, [&] { return allServe(*m_b, hosted("bounded"), 200, "2"); }) >= 0,
                 "B stayed stale while its notification channel was down");
        // And the channel comes back: a later edit is seen as quickly as ever.
        QVERIFY(within(3000, [&] {
                    return m_a->sql(QStringLiteral("SELECT pid ") + listeners).size() == 2;
                }) >= 0);
        QVERIFY(TestHttp::request("PATCH", m_a->url(QStringLiteral("/api/v1/endpoints/%1").arg(id)),
                                  "{\"response\":3}",
                                  TestHttp::bearer(m_token) +
                                      Headers{{QByteArrayLiteral("Content-Type"),
                                               QByteArrayLiteral("application/json")}})
                    .status == 200);
        QVERIFY(within(1000, [&] { return allServe(*m_b, hosted("bounded"), 200, "3"); }) >= 0);
    }
};

QTEST_MAIN(TestCacheCoherence)
#include "tst_cachecoherence.moc"
