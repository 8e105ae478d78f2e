// Live progress over WebSockets (issue 14) against real depot-server processes, on SQLite and
// PostgreSQL, with a real image server in this process: asynchronous dumps (Prefer:
// respond-async → 202 + Location) and /api/v1/dumps/{id}/events (one message per image, one at
// the end, live or replayed from the database), authentication by a first message carrying a
// one-time ticket or a token (never the URL), and the guard's limits in WebSocket terms: unknown
// paths refused before the upgrade, message size, message rate, idle time, sockets per user, and
// upgraded connections still counted (and released) against --max-connections. The live
// journal, /api/v1/endpoints/{id}/requests/events: each entry a plain HTTP call to the hosted
// URL records arrives on the owner's socket (from whichever worker recorded it, and from another
// instance sharing PostgreSQL), in the shape GET .../requests lists it; nobody else's.

#include "ImageServer.h"
#include "TestServer.h"
#include "TestWebSocket.h"

#include "store/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>

using namespace depot;
using namespace depot::test;

namespace {

QString ticketFor(TestServer &server, const QString &token)
{
    const HttpResult r = TestHttp::request("POST", server.url(QStringLiteral("/api/v1/ws-tickets")),
                                           {}, TestHttp::bearer(token));
    return r.status == 201 ? r.json().value(QStringLiteral("ticket")).toString() : QString();
}

QByteArray dumpJson(const QList<QStringList> &items)
{
    QJsonArray array;
    int n = 0;
    for (const QStringList &images : items)
        array.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("Item %1").arg(++n)},
                                 {QStringLiteral("manufacturer"), QStringLiteral("M")},
                                 {QStringLiteral("brand"), QStringLiteral("B")},
                                 {QStringLiteral("category"), QStringLiteral("C")},
                                 {QStringLiteral("images"), QJsonArray::fromStringList(images)}});
    return QJsonDocument(QJsonObject{{QStringLiteral("items"), array}}).toJson();
}

} // namespace

class TestWebSockets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void initTestCase();
    void cleanupTestCase();
    void asyncDumpStreamsEveryImageThenTheEnd();
    void finishedDumpIsReplayedFromTheDatabase();
    void imagesFinishedBeforeSubscribingArriveBeforeTheEnd();
    void ticketIsOneTime();
    void firstMessageMustAuthenticate_data();
    void firstMessageMustAuthenticate();
    void otherUsersDumpIsNotFound();
    void unknownPathsRefusedBeforeUpgrade_data();
    void unknownPathsRefusedBeforeUpgrade();
    void eventsPathWithoutUpgradeIsHttp();
    void oversizedMessageCloses();
    void messageRateCloses();
    void silentPeerIsClosedLivePeerStays();
    void socketsPerUserAreCapped();
    void upgradedConnectionsAreReleased();
    void journalEntriesArriveLive();
    void journalAfterReplaysMissedEntries();
    void journalOfAnotherUserIsRefused_data();
    void journalOfAnotherUserIsRefused();
    void journalTicketIsChecked_data();
    void journalTicketIsChecked();
    void journalBadAfterIsRefused();
    void journalSocketClosesWhenEndpointIsDeleted();
    void journalLimitsApply();
    void journalFromAnotherInstance();

private:
    static qint64 createEndpoint(TestServer &server, const QString &token,
                                 const QString &identifier);
    qint64 createEndpoint(const QString &token, const QString &identifier)
    {
        return createEndpoint(server(), token, identifier);
    }
    static QUrl journalEvents(TestServer &server, qint64 endpointId);
    HttpResult hitHosted(const QString &user, const QString &identifier, const QByteArray &query);
    QJsonArray journal(const QString &token, qint64 endpointId);
    QUrl journalEvents(qint64 endpointId);
    void expireTickets(const QString &username);
    QString unique(const QString &prefix) { return prefix + QString::number(++m_unique); }

    TestServer &server();
    QString token(const QString &name);
    qint64 submitAsync(const QString &token, const QByteArray &body, HttpResult *reply = nullptr);

    ImageServer m_images;
    std::map<QString, std::unique_ptr<TestServer>> m_servers;
    QHash<QString, QString> m_tokens;
    int m_unique = 0;
};

void TestWebSockets::initTestCase_data()
{
    QTest::addColumn<QString>("backend");
    for (const QString &backend : TestServer::backends())
        QTest::newRow(qPrintable(backend)) << backend;
}

void TestWebSockets::initTestCase()
{
    QVERIFY(m_images.start());
    for (const QString &backend : TestServer::backends()) {
        auto server = std::make_unique<TestServer>();
        TestServer::Options options;
        options.backend = backend;
        options.extraArgs = {QStringLiteral("--fetch-allow"), QStringLiteral("127.0.0.0/8"),
                             QStringLiteral("--ws-idle-timeout"), QStringLiteral("600"),
                             QStringLiteral("--ws-max-message-bytes"), QStringLiteral("4096"),
                             QStringLiteral("--ws-messages-per-second"), QStringLiteral("5"),
                             QStringLiteral("--ws-max-per-user"), QStringLiteral("2"),
                             // Whatever arrives within a test came live, through the hub.
                             QStringLiteral("--ws-poll-interval"), QStringLiteral("60000")};
        QVERIFY2(server->start(options), qPrintable(server->errorString()));
        m_servers[backend] = std::move(server);
    }
}

void TestWebSockets::cleanupTestCase()
{
    for (auto &[backend, server] : m_servers)
        server->stop();
}

TestServer &TestWebSockets::server()
{
    QFETCH_GLOBAL(QString, backend);
    return *m_servers.at(backend);
}

QString TestWebSockets::token(const QString &name)
{
    QFETCH_GLOBAL(QString, backend);
    const QString key = backend + u'/' + name;
    if (!m_tokens.contains(key))
        m_tokens.insert(key, server().signUpAndLogin(name));
    return m_tokens.value(key);
}

qint64 TestWebSockets::submitAsync(const QString &token, const QByteArray &body, HttpResult *reply)
{
    const HttpResult r =
        TestHttp::request("POST", server().url(QStringLiteral("/api/v1/dumps")), body,
                          TestHttp::bearer(token) + Headers{{"Content-Type", "application/json"},
                                                            {"Prefer", "respond-async"}});
    if (reply)
        *reply = r;
    return r.status == 202 ? r.json().value(QStringLiteral("requestId")).toInteger() : 0;
}

void TestWebSockets::asyncDumpStreamsEveryImageThenTheEnd()
{
    const QString alice = token(QStringLiteral("alice"));
    const QString png = m_images.url(QStringLiteral("/delay/400/png")).toString();
    HttpResult accepted;
    const qint64 id =
        submitAsync(alice,
                    dumpJson({{png, m_images.url(QStringLiteral("/status/404")).toString()},
                              {m_images.url(QStringLiteral("/delay/800/jpeg")).toString()}}),
                    &accepted);
    QCOMPARE(accepted.status, 202);
    QVERIFY(id > 0);
    QCOMPARE(accepted.header("Location"), "/api/v1/dumps/" + QByteArray::number(id));
    QCOMPARE(accepted.header("Preference-Applied"), QByteArray("respond-async"));
    QVERIFY(!accepted.header("X-RateLimit-Remaining").isEmpty());
    QCOMPARE(accepted.json().value(QStringLiteral("status")).toString(), QStringLiteral("PENDING"));
    QCOMPARE(accepted.json().value(QStringLiteral("image_count")).toInt(), 3);

    // The state while it runs.
    const HttpResult pending =
        TestHttp::get(server().url(QString::fromLatin1(accepted.header("Location"))),
                      TestHttp::bearer(alice) + Headers{{"Accept", "application/json"}});
    QCOMPARE(pending.status, 200);

    WsClient ws(server().url(QStringLiteral("/api/v1/dumps/%1/events").arg(id)));
    QVERIFY(ws.waitOpen());
    ws.send({{QStringLiteral("ticket"), ticketFor(server(), alice)}});
    QTRY_VERIFY_WITH_TIMEOUT(ws.closed, 15000);
    QCOMPARE(ws.closeCode, 1000);
    QCOMPARE(ws.messages.size(), 4);
    QSet<qint64> images;
    for (int i = 0; i < 3; ++i) {
        const QJsonObject m = ws.messages.at(i);
        QCOMPARE(m.value(QStringLiteral("type")).toString(), QStringLiteral("image"));
        QCOMPARE(m.value(QStringLiteral("requestId")).toString(), QString::number(id));
        QCOMPARE(m.value(QStringLiteral("done")).toInt(), i + 1);
        images.insert(m.value(QStringLiteral("imageId")).toInteger());
    }
    QCOMPARE(images, (QSet<qint64>{1, 2, 3}));
    // The delayed images arrive live, in the order they finish; the 404 (no delay) may have
    // finished before the socket subscribed, then it comes from the database before the end.
    int notFound = 0;
    for (int i = 0; i < 3; ++i)
        notFound += ws.messages.at(i).value(QStringLiteral("httpCode")).toInt() == 404;
    QCOMPARE(notFound, 1);
    QCOMPARE(ws.messages.at(0).value(QStringLiteral("image_count")).toInt(), 3);
    const QJsonObject end = ws.messages.last();
    QCOMPARE(end.value(QStringLiteral("type")).toString(), QStringLiteral("end"));
    QCOMPARE(end.value(QStringLiteral("status")).toString(), QStringLiteral("PARTIAL"));
    QCOMPARE(end.value(QStringLiteral("images_succeeded")).toInt(), 2);

    const HttpResult done =
        TestHttp::get(server().url(QStringLiteral("/api/v1/dumps/%1").arg(id)),
                      TestHttp::bearer(alice) + Headers{{"Accept", "application/json"}});
    QCOMPARE(done.json().value(QStringLiteral("status")).toString(), QStringLiteral("PARTIAL"));
}

void TestWebSockets::finishedDumpIsReplayedFromTheDatabase()
{
    const QString alice = token(QStringLiteral("alice"));
    const qint64 id =
        submitAsync(alice, dumpJson({{m_images.url(QStringLiteral("/png")).toString(),
                                      m_images.url(QStringLiteral("/jpeg")).toString()}}));
    QVERIFY(id > 0);
    QTRY_VERIFY_WITH_TIMEOUT(
        TestHttp::get(server().url(QStringLiteral("/api/v1/dumps/%1").arg(id)),
                      TestHttp::bearer(alice) + Headers{{"Accept", "application/json"}})
                .json()
                .value(QStringLiteral("status"))
                .toString() == QStringLiteral("SUCCESS"),
        10000);
    WsClient ws(server().url(QStringLiteral("/api/v1/dumps/%1/events").arg(id)));
    QVERIFY(ws.waitOpen());
    ws.send({{QStringLiteral("token"), alice}}); // the token itself also works, in a message
    QTRY_VERIFY_WITH_TIMEOUT(ws.closed, 5000);
    QCOMPARE(ws.messages.size(), 3);
    QCOMPARE(ws.messages.at(0).value(QStringLiteral("status")).toString(),
             QStringLiteral("SUCCESS"));
    QCOMPARE(ws.messages.at(2).value(QStringLiteral("type")).toString(), QStringLiteral("end"));
    QCOMPARE(ws.messages.at(2).value(QStringLiteral("status")).toString(),
             QStringLiteral("SUCCESS"));
}

void TestWebSockets::imagesFinishedBeforeSubscribingArriveBeforeTheEnd()
{
    // The running request's results are in its worker's memory until the end: a late socket
    // (on any worker) gets the finished images at once, not only with the end.
    const QString alice = token(QStringLiteral("alice"));
    const qint64 id = submitAsync(
        alice, dumpJson({{m_images.url(QStringLiteral("/png")).toString(),
                          m_images.url(QStringLiteral("/delay/5000/png")).toString()}}));
    QVERIFY(id > 0);
    QTest::qWait(500); // the first image is fetched meanwhile
    WsClient ws(server().url(QStringLiteral("/api/v1/dumps/%1/events").arg(id)));
    QVERIFY(ws.waitOpen());
    ws.send({{QStringLiteral("ticket"), ticketFor(server(), alice)}});
    QTRY_COMPARE_WITH_TIMEOUT(ws.messages.size(), 1, 3000);
    QCOMPARE(ws.messages.at(0).value(QStringLiteral("type")).toString(), QStringLiteral("image"));
    QCOMPARE(ws.messages.at(0).value(QStringLiteral("imageId")).toInteger(), 1);
    QCOMPARE(ws.messages.at(0).value(QStringLiteral("done")).toInt(), 1);
    QVERIFY(!ws.closed);
    QTRY_VERIFY_WITH_TIMEOUT(ws.closed, 15000);
    QCOMPARE(ws.messages.size(), 3);
    QCOMPARE(ws.messages.at(1).value(QStringLiteral("imageId")).toInteger(), 2);
    QCOMPARE(ws.messages.at(2).value(QStringLiteral("type")).toString(), QStringLiteral("end"));
}

void TestWebSockets::ticketIsOneTime()
{
    const QString alice = token(QStringLiteral("alice"));
    const qint64 id =
        submitAsync(alice, dumpJson({{m_images.url(QStringLiteral("/png")).toString()}}));
    QVERIFY(id > 0);
    const QString ticket = ticketFor(server(), alice);
    QVERIFY(ticket.size() >= 40);
    const QUrl url = server().url(QStringLiteral("/api/v1/dumps/%1/events").arg(id));
    WsClient first(url);
    QVERIFY(first.waitOpen());
    first.send({{QStringLiteral("ticket"), ticket}});
    QTRY_VERIFY_WITH_TIMEOUT(first.closed, 10000);
    QCOMPARE(first.closeCode, 1000);
    WsClient second(url);
    QVERIFY(second.waitOpen());
    second.send({{QStringLiteral("ticket"), ticket}});
    QTRY_VERIFY_WITH_TIMEOUT(second.closed, 5000);
    QCOMPARE(second.closeCode, 4401);
    QCOMPARE(second.messages.size(), 1);
    QCOMPARE(second.messages.first().value(QStringLiteral("status")).toInt(), 401);
}

void TestWebSockets::firstMessageMustAuthenticate_data()
{
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("code");
    QTest::newRow("not JSON") << "hello" << 4400;
    QTest::newRow("array") << "[1]" << 4400;
    QTest::newRow("neither ticket nor token") << "{\"user\":\"alice\"}" << 4401;
    QTest::newRow("made-up ticket")
        << "{\"ticket\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}" << 4401;
    QTest::newRow("bad token") << "{\"token\":\"a.b.c\"}" << 4401;
    QTest::newRow("silence") << "" << 4401; // nothing until the deadline
}

void TestWebSockets::firstMessageMustAuthenticate()
{
    QFETCH(QString, message);
    QFETCH(int, code);
    WsClient ws(server().url(QStringLiteral("/api/v1/dumps/1/events")));
    QVERIFY(ws.waitOpen());
    if (!message.isEmpty())
        ws.socket.sendTextMessage(message);
    QTRY_VERIFY_WITH_TIMEOUT(ws.closed, 5000);
    QCOMPARE(ws.closeCode, code);
    QCOMPARE(ws.messages.size(), 1);
    QCOMPARE(ws.messages.first().value(QStringLiteral("type")).toString(), QStringLiteral("error"));
}

void TestWebSockets::otherUsersDumpIsNotFound()
{
    const qint64 id = submitAsync(token(QStringLiteral("alice")),
                                  dumpJson({{m_images.url(QStringLiteral("/png")).toString()}}));
    QVERIFY(id > 0);
    WsClient ws(server().url(QStringLiteral("/api/v1/dumps/%1/events").arg(id)));
    QVERIFY(ws.waitOpen());
    ws.send({{QStringLiteral("ticket"), ticketFor(server(), token(QStringLiteral("mallory")))}});
    QTRY_VERIFY_WITH_TIMEOUT(ws.closed, 5000);
    QCOMPARE(ws.closeCode, 4404);
}

void TestWebSockets::unknownPathsRefusedBeforeUpgrade_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::newRow("no such route") << QByteArray("/api/v1/nothing/events");
    QTest::newRow("an HTTP route") << QByteArray("/api/v1/dumps");
    QTest::newRow("the drop page") << QByteArray("/");
    QTest::newRow("too deep") << QByteArray("/api/v1/dumps/1/2/events");
}

void TestWebSockets::unknownPathsRefusedBeforeUpgrade()
{
    QFETCH(QByteArray, target);
    const QByteArray reply =
        TestHttp::raw(server().baseUrl(),
                      "GET " + target +
                          " HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                          "Sec-WebSocket-Version: 13\r\n\r\n");
    QVERIFY2(reply.startsWith("HTTP/1.1 404"), reply.left(200).constData());
    QVERIFY(!reply.contains("101"));
}

void TestWebSockets::eventsPathWithoutUpgradeIsHttp()
{
    // QHttpServer needs a rule of its own on the events paths to upgrade; a plain request there
    // still reaches our router (and is answered, not left hanging).
    const HttpResult r = TestHttp::get(server().url(QStringLiteral("/api/v1/dumps/1/events")),
                                       TestHttp::bearer(token(QStringLiteral("alice"))));
    QCOMPARE(r.status, 404);
    QCOMPARE(r.json().value(QStringLiteral("error")).toString(), QStringLiteral("Not Found"));
}

void TestWebSockets::oversizedMessageCloses()
{
    WsClient ws(server().url(QStringLiteral("/api/v1/dumps/1/events")));
    QVERIFY(ws.waitOpen());
    ws.socket.sendTextMessage(QString(5000, u'x')); // --ws-max-message-bytes 4096
    QTRY_VERIFY_WITH_TIMEOUT(ws.closed, 5000);
    QCOMPARE(ws.closeCode, int(QWebSocketProtocol::CloseCodeTooMuchData));
}

void TestWebSockets::messageRateCloses()
{
    const QString alice = token(QStringLiteral("alice"));
    const qint64 id = submitAsync(
        alice, dumpJson({{m_images.url(QStringLiteral("/delay/3000/png")).toString()}}));
    QVERIFY(id > 0);
    WsClient ws(server().url(QStringLiteral("/api/v1/dumps/%1/events").arg(id)));
    QVERIFY(ws.waitOpen());
    ws.send({{QStringLiteral("ticket"), ticketFor(server(), alice)}});
    for (int i = 0; i < 10; ++i) // --ws-messages-per-second 5
        ws.socket.sendTextMessage(QStringLiteral("{}"));
    QTRY_VERIFY_WITH_TIMEOUT(ws.closed, 5000);
    QCOMPARE(ws.closeCode, int(QWebSocketProtocol::CloseCodePolicyViolated));
}

void TestWebSockets::silentPeerIsClosedLivePeerStays()
{
    const QString alice = token(QStringLiteral("alice"));
    const qint64 id = submitAsync(
        alice, dumpJson({{m_images.url(QStringLiteral("/delay/2500/png")).toString()}}));
    QVERIFY(id > 0);
    // A browser-like client answers the server's pings: it stays past --ws-idle-timeout (600 ms)
    // and sees the end of the dump.
    WsClient live(server().url(QStringLiteral("/api/v1/dumps/%1/events").arg(id)));
    QVERIFY(live.waitOpen());
    live.send({{QStringLiteral("ticket"), ticketFor(server(), alice)}});
    // A raw client that upgrades and then never answers anything.
    QTcpSocket silent;
    silent.connectToHost(server().baseUrl().host(), quint16(server().baseUrl().port()));
    QVERIFY(silent.waitForConnected(5000));
    silent.write("GET /api/v1/dumps/1/events HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                 "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                 "Sec-WebSocket-Version: 13\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(silent.state() == QAbstractSocket::UnconnectedState, 5000);
    QVERIFY(!live.closed);
    QTRY_VERIFY_WITH_TIMEOUT(live.closed, 10000);
    QCOMPARE(live.closeCode, 1000);
    QCOMPARE(live.messages.last().value(QStringLiteral("type")).toString(), QStringLiteral("end"));
}

void TestWebSockets::socketsPerUserAreCapped()
{
    const QString bob = token(QStringLiteral("bob"));
    const qint64 id =
        submitAsync(bob, dumpJson({{m_images.url(QStringLiteral("/slow")).toString()}}));
    QVERIFY(id > 0);
    const QUrl url = server().url(QStringLiteral("/api/v1/dumps/%1/events").arg(id));
    std::vector<std::unique_ptr<WsClient>> clients;
    for (int i = 0; i < 3; ++i) { // --ws-max-per-user 2
        clients.push_back(std::make_unique<WsClient>(url));
        QVERIFY(clients.back()->waitOpen());
        clients.back()->send({{QStringLiteral("ticket"), ticketFor(server(), bob)}});
    }
    // The second and third authenticate on whichever workers took them, in either order: one
    // of them is refused, whichever came last.
    QTRY_VERIFY_WITH_TIMEOUT(clients[1]->closed || clients[2]->closed, 5000);
    QTest::qWait(100);
    QVERIFY(clients[1]->closed != clients[2]->closed);
    const WsClient &refused = *clients[clients[1]->closed ? 1 : 2];
    QCOMPARE(refused.closeCode, 4429);
    QVERIFY2(refused.messages.size() == 1, "refused before any event");
    QVERIFY(!clients[0]->closed); // the dump is still running (/slow)
    // Closing one frees its slot for the next socket.
    clients[0]->socket.close();
    QTRY_VERIFY_WITH_TIMEOUT(clients[0]->closed, 5000);
    QTest::qWait(100);
    WsClient next(url);
    QVERIFY(next.waitOpen());
    next.send({{QStringLiteral("ticket"), ticketFor(server(), bob)}});
    QTest::qWait(500);
    QVERIFY(!next.closed);
}

void TestWebSockets::upgradedConnectionsAreReleased()
{
    // One worker, two connections at most: if a closed WebSocket stayed counted, the guard
    // would refuse the next connection with 503.
    QFETCH_GLOBAL(QString, backend);
    if (backend != u"sqlite")
        QSKIP("the guard is the same for every backend");
    TestServer capped;
    TestServer::Options options;
    options.workers = 1;
    options.extraArgs = {QStringLiteral("--max-connections"), QStringLiteral("2")};
    QVERIFY2(capped.start(options), qPrintable(capped.errorString()));
    for (int i = 0; i < 4; ++i) {
        WsClient ws(capped.url(QStringLiteral("/api/v1/dumps/1/events")));
        QVERIFY(ws.waitOpen());
        ws.socket.sendTextMessage(QStringLiteral("nonsense"));
        QTRY_VERIFY_WITH_TIMEOUT(ws.closed, 5000);
        QCOMPARE(ws.closeCode, 4400);
    }
    QTest::qWait(200);
    const QByteArray reply = TestHttp::raw(
        capped.baseUrl(), "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    QVERIFY2(reply.startsWith("HTTP/1.1 200"), reply.left(120).constData());
    capped.stop();
}

qint64 TestWebSockets::createEndpoint(TestServer &server, const QString &token,
                                      const QString &identifier)
{
    const HttpResult r = TestHttp::request(
        "POST", server.url(QStringLiteral("/api/v1/endpoints")),
        QJsonDocument(QJsonObject{{QStringLiteral("identifier"), identifier}}).toJson(),
        TestHttp::bearer(token) + Headers{{"Content-Type", "application/json"}});
    if (r.status != 201)
        qWarning() << "endpoint not created:" << r.status << r.body;
    return r.json().value(QStringLiteral("id")).toInteger();
}

HttpResult TestWebSockets::hitHosted(const QString &user, const QString &identifier,
                                     const QByteArray &query)
{
    return TestHttp::get(server().url(
        QStringLiteral("/u/%1/%2?%3").arg(user, identifier, QString::fromLatin1(query))));
}

QJsonArray TestWebSockets::journal(const QString &token, qint64 endpointId)
{
    return TestHttp::get(
               server().url(QStringLiteral("/api/v1/endpoints/%1/requests").arg(endpointId)),
               TestHttp::bearer(token))
        .json()
        .value(QStringLiteral("items"))
        .toArray();
}

QUrl TestWebSockets::journalEvents(qint64 endpointId)
{
    return journalEvents(server(), endpointId);
}

QUrl TestWebSockets::journalEvents(TestServer &server, qint64 endpointId)
{
    return server.url(QStringLiteral("/api/v1/endpoints/%1/requests/events").arg(endpointId));
}

void TestWebSockets::expireTickets(const QString &username)
{
    static int n = 0;
    QString error;
    const auto settings = Database::parseUrl(
        server().databaseUrl(), server().dataDir() + QStringLiteral("/depot.sqlite"), &error);
    QVERIFY2(settings, qPrintable(error));
    Database db(*settings, QStringLiteral("tst_websockets_%1").arg(++n));
    QVERIFY2(db.open(&error), qPrintable(error));
    db.execute(QStringLiteral("UPDATE ws_tickets SET expires_at = 1 WHERE user_id = (SELECT id "
                              "FROM users WHERE username = ?)"),
               {username});
}

void TestWebSockets::journalEntriesArriveLive()
{
    const QString carol = token(QStringLiteral("carol"));
    const qint64 id = createEndpoint(carol, QStringLiteral("live"));
    QVERIFY(id > 0);
    WsClient ws(journalEvents(id));
    QVERIFY(ws.waitOpen());
    // "after": 0 sends what is already stored first, so the first call below arrives whether
    // it was stored before or after the socket subscribed; once it is here, it has.
    ws.send({{QStringLiteral("ticket"), ticketFor(server(), carol)}, {QStringLiteral("after"), 0}});
    QCOMPARE(hitHosted(QStringLiteral("carol"), QStringLiteral("live"), "n=0").status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(ws.messages.size(), 1, 5000);
    // Each call on its own connection: the two workers both record some, and every entry
    // reaches the socket's worker at once (the database catch-up runs once a minute here).
    for (int i = 1; i <= 6; ++i)
        QCOMPARE(
            hitHosted(QStringLiteral("carol"), QStringLiteral("live"), "n=" + QByteArray::number(i))
                .status,
            200);
    QTRY_COMPARE_WITH_TIMEOUT(ws.messages.size(), 7, 5000);
    QVERIFY(!ws.closed);
    // The same JSON as the journal lists, entry for entry.
    QMap<qint64, QJsonObject> listed;
    for (const QJsonValue &item : journal(carol, id))
        listed.insert(item[QStringLiteral("id")].toInteger(), item.toObject());
    QCOMPARE(listed.size(), 7);
    QSet<QString> queries;
    for (const QJsonObject &m : ws.messages) {
        const qint64 entryId = m.value(QStringLiteral("id")).toInteger();
        QVERIFY2(listed.contains(entryId), qPrintable(QString::number(entryId)));
        QCOMPARE(m, listed.value(entryId));
        queries.insert(m.value(QStringLiteral("query")).toString());
    }
    QCOMPARE(queries.size(), 7);
    // Another endpoint's entries are not this socket's.
    QVERIFY(createEndpoint(carol, QStringLiteral("other")) > 0);
    QCOMPARE(hitHosted(QStringLiteral("carol"), QStringLiteral("other"), "x").status, 200);
    QCOMPARE(hitHosted(QStringLiteral("carol"), QStringLiteral("live"), "last").status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(ws.messages.size(), 8, 5000);
    QTest::qWait(200);
    QCOMPARE(ws.messages.size(), 8);
    QCOMPARE(ws.messages.last().value(QStringLiteral("query")).toString(), QStringLiteral("last"));
}

void TestWebSockets::journalAfterReplaysMissedEntries()
{
    const QString carol = token(QStringLiteral("carol"));
    const qint64 id = createEndpoint(carol, QStringLiteral("replay"));
    QVERIFY(id > 0);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(hitHosted(QStringLiteral("carol"), QStringLiteral("replay"),
                           "n=" + QByteArray::number(i))
                     .status,
                 200);
    QJsonArray items;
    QTRY_COMPARE_WITH_TIMEOUT((items = journal(carol, id)).size(), 3, 5000);
    const qint64 newest = items.at(0)[QStringLiteral("id")].toInteger();
    const qint64 oldest = items.at(2)[QStringLiteral("id")].toInteger();
    // after = the oldest: the two newer ones, oldest first.
    WsClient ws(journalEvents(id));
    QVERIFY(ws.waitOpen());
    ws.send({{QStringLiteral("ticket"), ticketFor(server(), carol)},
             {QStringLiteral("after"), double(oldest)}});
    QTRY_COMPARE_WITH_TIMEOUT(ws.messages.size(), 2, 5000);
    QCOMPARE(ws.messages.at(1).value(QStringLiteral("id")).toInteger(), newest);
    QCOMPARE(ws.messages.at(0).value(QStringLiteral("query")).toString(), QStringLiteral("n=1"));
    // Without "after": only what is stored from now on.
    WsClient fresh(journalEvents(id));
    QVERIFY(fresh.waitOpen());
    fresh.send({{QStringLiteral("token"), carol}});
    QTest::qWait(300);
    QCOMPARE(fresh.messages.size(), 0);
    QCOMPARE(hitHosted(QStringLiteral("carol"), QStringLiteral("replay"), "n=3").status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(fresh.messages.size(), 1, 5000);
    QCOMPARE(fresh.messages.at(0).value(QStringLiteral("query")).toString(), QStringLiteral("n=3"));
}

void TestWebSockets::journalOfAnotherUserIsRefused_data()
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<QString>("path");
    QTest::newRow("another user's endpoint") << "mallory"
                                             << "";
    QTest::newRow("no such endpoint") << "carol"
                                      << "/api/v1/endpoints/999999/requests/events";
    QTest::newRow("not an id") << "carol"
                               << "/api/v1/endpoints/x1/requests/events";
}

void TestWebSockets::journalOfAnotherUserIsRefused()
{
    QFETCH(QString, who);
    QFETCH(QString, path);
    const qint64 id = createEndpoint(token(QStringLiteral("carol")), unique(QStringLiteral("p")));
    QVERIFY(id > 0);
    WsClient ws(path.isEmpty() ? journalEvents(id) : server().url(path));
    QVERIFY(ws.waitOpen());
    ws.send({{QStringLiteral("ticket"), ticketFor(server(), token(who))},
             {QStringLiteral("after"), 0}});
    QTRY_VERIFY_WITH_TIMEOUT(ws.closed, 5000);
    QCOMPARE(ws.closeCode, 4404);
    QCOMPARE(ws.messages.size(), 1);
    QCOMPARE(ws.messages.at(0).value(QStringLiteral("status")).toInt(), 404);
}

void TestWebSockets::journalTicketIsChecked_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("made-up") << "made-up";
    QTest::newRow("expired") << "expired";
    QTest::newRow("used before") << "reused";
    QTest::newRow("another server's token") << "foreign token";
}

void TestWebSockets::journalTicketIsChecked()
{
    QFETCH(QString, kind);
    const QString dave = token(QStringLiteral("dave"));
    const QString identifier = unique(QStringLiteral("t"));
    const qint64 id = createEndpoint(dave, identifier);
    QVERIFY(id > 0);
    QJsonObject first;
    if (kind == u"made-up") {
        first.insert(QStringLiteral("ticket"), QString(43, u'A'));
    } else if (kind == u"expired") {
        const QString ticket = ticketFor(server(), dave);
        expireTickets(QStringLiteral("dave"));
        first.insert(QStringLiteral("ticket"), ticket);
    } else if (kind == u"reused") {
        const QString ticket = ticketFor(server(), dave);
        WsClient once(journalEvents(id));
        QVERIFY(once.waitOpen());
        once.send({{QStringLiteral("ticket"), ticket}});
        QCOMPARE(hitHosted(QStringLiteral("dave"), identifier, "a").status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(once.messages.size(), 1, 5000); // it worked once
        first.insert(QStringLiteral("ticket"), ticket);
    } else {
        // A well-formed token signed by another server's key.
        TestServer other;
        QVERIFY2(other.start(), qPrintable(other.errorString()));
        first.insert(QStringLiteral("token"), other.signUpAndLogin(QStringLiteral("dave")));
        other.stop();
    }
    WsClient ws(journalEvents(id));
    QVERIFY(ws.waitOpen());
    ws.send(first);
    QTRY_VERIFY_WITH_TIMEOUT(ws.closed, 5000);
    QCOMPARE(ws.closeCode, 4401);
    QCOMPARE(ws.messages.size(), 1);
    QCOMPARE(ws.messages.at(0).value(QStringLiteral("type")).toString(), QStringLiteral("error"));
}

void TestWebSockets::journalBadAfterIsRefused()
{
    const QString carol = token(QStringLiteral("carol"));
    const qint64 id = createEndpoint(carol, unique(QStringLiteral("b")));
    QVERIFY(id > 0);
    WsClient ws(journalEvents(id));
    QVERIFY(ws.waitOpen());
    ws.send({{QStringLiteral("ticket"), ticketFor(server(), carol)},
             {QStringLiteral("after"), QStringLiteral("yesterday")}});
    QTRY_VERIFY_WITH_TIMEOUT(ws.closed, 5000);
    QCOMPARE(ws.closeCode, 4400);
}

void TestWebSockets::journalSocketClosesWhenEndpointIsDeleted()
{
    // The check runs with the database catch-up: a server of its own that polls often.
    QFETCH_GLOBAL(QString, backend);
    if (backend != u"sqlite")
        QSKIP("the same code for every backend");
    TestServer quick;
    TestServer::Options options;
    options.extraArgs = {QStringLiteral("--ws-poll-interval"), QStringLiteral("100")};
    QVERIFY2(quick.start(options), qPrintable(quick.errorString()));
    const QString erin = quick.signUpAndLogin(QStringLiteral("erin"));
    const qint64 id = createEndpoint(quick, erin, QStringLiteral("gone"));
    QVERIFY(id > 0);
    WsClient ws(journalEvents(quick, id));
    QVERIFY(ws.waitOpen());
    ws.send({{QStringLiteral("token"), erin}});
    QTest::qWait(300);
    QVERIFY(!ws.closed);
    QCOMPARE(TestHttp::request("DELETE", quick.url(QStringLiteral("/api/v1/endpoints/%1").arg(id)),
                               {}, TestHttp::bearer(erin))
                 .status,
             204);
    QTRY_VERIFY_WITH_TIMEOUT(ws.closed, 5000);
    QCOMPARE(ws.closeCode, 4404);
    quick.stop();
}

void TestWebSockets::journalLimitsApply()
{
    // The same LiveSocket as the dumps' events: size, rate and sockets per user hold here too.
    const QString frank = token(QStringLiteral("frank"));
    const qint64 id = createEndpoint(frank, QStringLiteral("limits"));
    QVERIFY(id > 0);
    {
        WsClient big(journalEvents(id));
        QVERIFY(big.waitOpen());
        big.socket.sendTextMessage(QString(5000, u'x')); // --ws-max-message-bytes 4096
        QTRY_VERIFY_WITH_TIMEOUT(big.closed, 5000);
        QCOMPARE(big.closeCode, int(QWebSocketProtocol::CloseCodeTooMuchData));
    }
    {
        WsClient chatty(journalEvents(id));
        QVERIFY(chatty.waitOpen());
        chatty.send({{QStringLiteral("ticket"), ticketFor(server(), frank)}});
        for (int i = 0; i < 10; ++i) // --ws-messages-per-second 5
            chatty.socket.sendTextMessage(QStringLiteral("{}"));
        QTRY_VERIFY_WITH_TIMEOUT(chatty.closed, 5000);
        QCOMPARE(chatty.closeCode, int(QWebSocketProtocol::CloseCodePolicyViolated));
    }
    QTest::qWait(100);
    std::vector<std::unique_ptr<WsClient>> clients;
    for (int i = 0; i < 3; ++i) { // --ws-max-per-user 2
        clients.push_back(std::make_unique<WsClient>(journalEvents(id)));
        QVERIFY(clients.back()->waitOpen());
        clients.back()->send({{QStringLiteral("ticket"), ticketFor(server(), frank)}});
        QTest::qWait(50);
    }
    QTRY_VERIFY_WITH_TIMEOUT(clients[2]->closed, 5000);
    QCOMPARE(clients[2]->closeCode, 4429);
    QVERIFY(!clients[0]->closed && !clients[1]->closed);
    // An authenticated socket that answers pings outlives --ws-idle-timeout (600 ms).
    QTest::qWait(1000);
    QVERIFY(!clients[0]->closed);
}

void TestWebSockets::journalFromAnotherInstance()
{
    QFETCH_GLOBAL(QString, backend);
    if (backend != u"postgresql")
        QSKIP("instances share a PostgreSQL database");
    // Two instances on one database: the socket on `a`, the hosted call answered by `b`. The
    // hub is per process; `b`'s journal writer NOTIFYs, `a` LISTENs and reads the new entries
    // at once (its poll, once a minute here, is only the fallback).
    TestServer a;
    TestServer::Options options;
    options.backend = backend;
    options.extraArgs = {QStringLiteral("--ws-poll-interval"), QStringLiteral("60000")};
    QVERIFY2(a.start(options), qPrintable(a.errorString()));
    TestServer b;
    QVERIFY2(b.startSharing(a), qPrintable(b.errorString()));
    const QString gina = a.signUpAndLogin(QStringLiteral("gina"));
    const qint64 id = createEndpoint(a, gina, QStringLiteral("shared"));
    QVERIFY(id > 0);
    WsClient ws(journalEvents(a, id));
    QVERIFY(ws.waitOpen());
    ws.send({{QStringLiteral("token"), gina}, {QStringLiteral("after"), 0}});
    for (const QString &query : {QStringLiteral("from=b1"), QStringLiteral("from=b2")})
        QCOMPARE(TestHttp::get(b.url(QStringLiteral("/u/gina/shared?") + query)).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(ws.messages.size(), 2, 5000);
    QCOMPARE(ws.messages.at(0).value(QStringLiteral("query")).toString(),
             QStringLiteral("from=b1"));
    QCOMPARE(ws.messages.at(1).value(QStringLiteral("query")).toString(),
             QStringLiteral("from=b2"));
    b.stop();
    a.stop();
}

QTEST_GUILESS_MAIN(TestWebSockets)
#include "tst_websockets.moc"
