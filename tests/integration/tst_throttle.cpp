// Throttles decide before they spend: a burst of parallel attempts at one login or one drop
// link gets at most the limit's worth of password checks (the attempt is reserved in the
// database before the KDF runs), and the login lockout is per (user, address) with a per-user
// ceiling, so one address cannot lock a known user out. On SQLite and PostgreSQL.
#include "TestServer.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace depot::test;

namespace {

// Sends every request at once on its own connection (bound to `source`), then collects the
// status codes. QNetworkAccessManager would queue them six at a time.
QList<int> burst(const QUrl &base, const QList<QByteArray> &requests,
                 const QHostAddress &source = QHostAddress(QStringLiteral("127.0.0.1")))
{
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (int i = 0; i < requests.size(); ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        socket->bind(source);
        socket->connectToHost(base.host(), quint16(base.port()));
        sockets.push_back(std::move(socket));
    }
    for (auto &socket : sockets)
        socket->waitForConnected(5000);
    for (int i = 0; i < requests.size(); ++i)
        sockets[size_t(i)]->write(requests[i]);
    for (auto &socket : sockets)
        socket->flush();
    QList<int> statuses;
    for (auto &socket : sockets) {
        QByteArray answer;
        QElapsedTimer clock;
        clock.start();
        while (!answer.contains("\r\n") && clock.elapsed() < 30000 &&
               socket->state() == QAbstractSocket::ConnectedState) {
            socket->waitForReadyRead(100);
            answer += socket->readAll();
        }
        statuses.append(answer.mid(9, 3).toInt());
    }
    return statuses;
}

QByteArray loginRequest(const QUrl &base, const QString &user, const QString &password)
{
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("username"), user},
                                                      {QStringLiteral("password"), password}})
                                .toJson(QJsonDocument::Compact);
    return "POST /api/v1/auth/token HTTP/1.1\r\nHost: " + base.authority().toLatin1() +
           "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

int count(const QList<int> &statuses, int status)
{
    return int(std::count(statuses.begin(), statuses.end(), status));
}

QString describe(const QList<int> &statuses)
{
    QStringList parts;
    for (int s : statuses)
        parts.append(QString::number(s));
    return parts.join(u' ');
}

} // namespace

class TestThrottle : public QObject
{
    Q_OBJECT

    TestServer m_server;
    static constexpr int Limit = 4;

private Q_SLOTS:
    void initTestCase_data()
    {
        QTest::addColumn<QString>("backend");
        for (const QString &backend : TestServer::backends())
            QTest::newRow(qPrintable(backend)) << backend;
    }

    void init()
    {
        QFETCH_GLOBAL(QString, backend);
        TestServer::Options options;
        options.backend = backend;
        options.workers = 4;
        // A KDF slow enough (tens of ms) that the whole burst is in flight at once.
        options.extraArgs = QStringList{QStringLiteral("--kdf-iterations"),
                                        QStringLiteral("60000"),
                                        QStringLiteral("--login-max-failures"),
                                        QString::number(Limit),
                                        QStringLiteral("--login-max-failures-per-user"),
                                        QString::number(3 * Limit),
                                        QStringLiteral("--drop-password-max-failures"),
                                        QString::number(Limit)};
        QVERIFY2(m_server.start(options), qPrintable(m_server.errorString()));
        QVERIFY(!m_server.signUpAndLogin(QStringLiteral("victim"), QStringLiteral("right-password"))
                     .isEmpty());
    }

    void cleanup() { m_server.stop(); }

    void parallelLoginsAreEvaluatedAtMostLimitTimes()
    {
        const QUrl base = m_server.baseUrl();
        QList<QByteArray> requests;
        for (int i = 0; i < 29; ++i)
            requests.append(loginRequest(base, QStringLiteral("victim"),
                                         QStringLiteral("wrong-password-%1").arg(i)));
        requests.insert(
            17, loginRequest(base, QStringLiteral("victim"), QStringLiteral("right-password")));
        const QList<int> statuses = burst(base, requests);
        // At most Limit wrong guesses were checked (a good login gives its slot back).
        const int evaluated = count(statuses, 401) + count(statuses, 200);
        QVERIFY2(count(statuses, 401) <= Limit, qPrintable(describe(statuses)));
        QVERIFY2(count(statuses, 200) <= 1, qPrintable(describe(statuses)));
        QVERIFY2(count(statuses, 429) == 30 - evaluated, qPrintable(describe(statuses)));
        // and the lockout holds afterwards, even for the right password
        const HttpResult after =
            TestHttp::postJson(m_server.url(QStringLiteral("/api/v1/auth/token")),
                               {{QStringLiteral("username"), QStringLiteral("victim")},
                                {QStringLiteral("password"), QStringLiteral("right-password")}});
        QCOMPARE(after.status, count(statuses, 401) >= Limit ? 429 : 200);
    }

    void lockoutIsPerAddressWithPerUserCeiling()
    {
        const QUrl base = m_server.baseUrl();
        const QHostAddress attacker(QStringLiteral("127.0.0.2"));
        const QHostAddress owner(QStringLiteral("127.0.0.1"));
        const auto login = [&](const QHostAddress &from, const QString &password) {
            return burst(base, {loginRequest(base, QStringLiteral("victim"), password)}, from)
                .value(0);
        };
        for (int i = 0; i < Limit; ++i)
            QCOMPARE(login(attacker, QStringLiteral("guess")), 401);
        QCOMPARE(login(attacker, QStringLiteral("guess")), 429);
        QCOMPARE(login(attacker, QStringLiteral("right-password")), 429);
        // the owner, from another address, is not locked out by the attacker
        QCOMPARE(login(owner, QStringLiteral("right-password")), 200);
        // guessing from many addresses meets the per-user ceiling (3 * Limit failures)
        for (int a = 3; a <= 4; ++a)
            for (int i = 0; i < Limit; ++i)
                QCOMPARE(login(QHostAddress(QStringLiteral("127.0.0.%1").arg(a)),
                               QStringLiteral("guess")),
                         401);
        QCOMPARE(login(QHostAddress(QStringLiteral("127.0.0.5")), QStringLiteral("guess")), 429);
        QCOMPARE(login(owner, QStringLiteral("right-password")), 429);
    }

    void parallelDropPasswordsAreEvaluatedAtMostLimitTimes()
    {
        const QUrl base = m_server.baseUrl();
        const HttpResult uploaded =
            TestHttp::request("PUT", m_server.url(QStringLiteral("/api/v1.0/file/t.txt")),
                              "guarded", {{"X-Password", "the-secret"}});
        QCOMPARE(uploaded.status, 201);
        const QString id = uploaded.json().value(QStringLiteral("id")).toString();
        const QByteArray get = "GET /api/v1.0/file/" + id.toLatin1() +
                               " HTTP/1.1\r\nHost: " + base.authority().toLatin1() +
                               "\r\nConnection: close\r\nX-Password: ";
        QList<QByteArray> requests;
        for (int i = 0; i < 40; ++i)
            requests.append(get + "wrong-" + QByteArray::number(i) + "\r\n\r\n");
        const QList<int> statuses = burst(base, requests);
        QVERIFY2(count(statuses, 401) <= Limit, qPrintable(describe(statuses)));
        QVERIFY2(count(statuses, 429) == 40 - count(statuses, 401), qPrintable(describe(statuses)));
        // still locked, and not burnt
        QCOMPARE(TestHttp::get(m_server.url(QStringLiteral("/api/v1.0/file/") + id),
                               {{"X-Password", "the-secret"}})
                     .status,
                 429);
    }
};

QTEST_GUILESS_MAIN(TestThrottle)
#include "tst_throttle.moc"
