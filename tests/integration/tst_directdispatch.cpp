// The connection guard's direct path (--direct-dispatch, on by default): complete requests
// without a body go from the guard straight to the router, never through QHttpServer's parser.
// Differential: two servers on the same backend, one with the direct path and one without, get
// the same pipelined request sequences (fast and slow requests mixed on one connection) and
// must answer byte for byte the same (Date, Last-Modified and ETag aside), count the same
// responses in /metrics and journal the same entries. depot_direct_requests_total shows that
// one server took the direct path and the other did not. Answers leave through
// ConnectionState::send() (one send(2) when Qt's write buffer is empty, the rest through it):
// large answers the kernel takes only in part, pipelined behind and ahead of small ones, closing
// answers, a client that leaves in the middle and an edit between two pipelined GETs.
#include "HostedTestSupport.h"
#include "TestHttp.h"
#include "TestServer.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTcpSocket>
#include <QTest>

#include <algorithm>
#include <map>
#include <memory>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace depot::test {
namespace {

QByteArray j(const char *singleQuoted)
{
    return QByteArray(singleQuoted).replace('\'', '"');
}

// Values that differ between two servers by design.
QByteArray normalized(QByteArray stream)
{
    static const QRegularExpression varying(
        QStringLiteral("(?m)^(Date|Last-Modified|ETag): [^\\r]*\\r$"));
    return QString::fromLatin1(stream).replace(varying, QStringLiteral("\\1: *\r")).toLatin1();
}

QByteArray responseCounts(const TestServer &server)
{
    QByteArray out;
    for (int c = 1; c <= 5; ++c)
        out += QByteArray::number(metric(server, "depot_responses_total{class=\"" +
                                                     QByteArray::number(c) + "xx\"}")) +
               ' ';
    return out;
}

// How many whole answers `stream` holds (each head, then a body of its Content-Length unless it
// answers a HEAD or has none by its status), or -1 when it does not end where an answer ends.
int wholeAnswers(const QByteArray &stream, const QByteArrayList &requests)
{
    qsizetype at = 0;
    int n = 0;
    while (at < stream.size()) {
        const qsizetype headEnd = stream.indexOf("\r\n\r\n", at);
        if (headEnd < 0)
            return -1;
        const QByteArray head = stream.mid(at, headEnd + 2 - at);
        const int status = head.mid(9, 3).toInt();
        qint64 length = 0;
        if (const qsizetype field = head.indexOf("\r\nContent-Length: "); field >= 0) {
            const qsizetype start = field + 18;
            length = head.mid(start, head.indexOf("\r\n", start) - start).toLongLong();
        }
        const bool toHead = n < requests.size() && requests[n].startsWith("HEAD ");
        if (toHead || status == 204 || status == 304 || status < 200)
            length = 0;
        at = headEnd + 4 + length;
        ++n;
    }
    return at == stream.size() ? n : -1;
}

struct Pair
{
    TestServer direct, parsed;
    std::map<QString, QString> endpointIds; // identifier -> id (on `direct`, then `parsed`)
    QString directToken, parsedToken;
};

} // namespace

class tst_DirectDispatch : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void sameAnswers_data();
    void sameAnswers();
    void sameJournal_data();
    void sameJournal();
    void editBetweenPipelinedGets_data();
    void editBetweenPipelinedGets();
    void clientLeavesDuringLargeAnswers_data();
    void clientLeavesDuringLargeAnswers();
    void slowReaderGetsWholeAnswers_data();
    void slowReaderGetsWholeAnswers();

private:
    bool setUp(TestServer &server, QString *token, std::map<QString, QString> *ids);
    std::map<QString, std::shared_ptr<Pair>> m_pairs;
};

bool tst_DirectDispatch::setUp(TestServer &server, QString *token, std::map<QString, QString> *ids)
{
    *token = server.signUpAndLogin(QStringLiteral("ada"));
    if (token->isEmpty())
        return false;
    Headers auth = TestHttp::bearer(*token);
    auth.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    const QList<QByteArray> mocks{
        j("{'identifier':'hello','response':{'hello':'world','items':[1,2,3]}}"),
        j("{'identifier':'hdr','status_code':201,'headers':{'X-Owner':'yes',"
          "'Cache-Control':'max-age=5'},'response':[1,2]}"),
        j("{'identifier':'cors','cors':true,'response':{'c':1}}"),
        j("{'identifier':'rules','response':{'d':1},'rules':["
          "{'match':{'query':{'id':'42'}},'status_code':404,'response':{'error':'no'}},"
          "{'match':{'headers':{'X-Env':'test'}},'response':{'env':'test'}}]}"),
        j("{'identifier':'tmpl','template':true,'response':{'q':'{{request.query.name}}'}}"),
        j("{'identifier':'post','method':'POST','response':{'p':1}}"),
        j("{'identifier':'slow','latency':40,'response':{'s':1}}"),
        j("{'identifier':'expects','method':'POST','body':{'a':1},'response':{'ok':1}}"),
        j("{'identifier':'edit','response':{'v':1}}"),
        // Larger than the kernel takes in one send(2) on a fresh connection.
        "{\"identifier\":\"big\",\"response\":\"" + QByteArray(700 * 1024, 'b') + "\"}",
    };
    for (const QByteArray &mock : mocks) {
        const HttpResult r =
            TestHttp::request("POST", server.url(QStringLiteral("/api/v1/endpoints")), mock, auth);
        if (r.status != 201) {
            qWarning() << "creating" << mock << "answered" << r.status << r.body;
            return false;
        }
        ids->emplace(r.json().value(QStringLiteral("identifier")).toString(),
                     QString::number(r.json().value(QStringLiteral("id")).toInteger()));
    }
    Form form;
    form.field("identifier", "file").field("kind", "file").field("method", "GET");
    form.file(QByteArray(5000, 'z'), "; filename=\"z.txt\"", "text/plain");
    const HttpResult file =
        TestHttp::request("POST", server.url(QStringLiteral("/api/v1/endpoints")), form.body(),
                          form.headers(TestHttp::bearer(*token)));
    if (file.status != 201) {
        qWarning() << "creating the file answered" << file.status << file.body;
        return false;
    }
    ids->emplace(QStringLiteral("file"),
                 QString::number(file.json().value(QStringLiteral("id")).toInteger()));
    return true;
}

void tst_DirectDispatch::initTestCase()
{
    for (const QString &backend : TestServer::backends()) {
        auto pair = std::make_shared<Pair>();
        TestServer::Options direct;
        direct.backend = backend;
        TestServer::Options parsed = direct;
        parsed.extraArgs << QStringLiteral("--direct-dispatch") << QStringLiteral("false");
        QVERIFY2(pair->direct.start(direct), qPrintable(pair->direct.errorString()));
        QVERIFY2(pair->parsed.start(parsed), qPrintable(pair->parsed.errorString()));
        std::map<QString, QString> parsedIds;
        QVERIFY(setUp(pair->direct, &pair->directToken, &pair->endpointIds));
        QVERIFY(setUp(pair->parsed, &pair->parsedToken, &parsedIds));
        for (const auto &[identifier, id] : parsedIds)
            pair->endpointIds[identifier + QStringLiteral("@parsed")] = id;
        m_pairs[backend] = pair;
    }
}

void tst_DirectDispatch::cleanupTestCase()
{
    m_pairs.clear();
}

void tst_DirectDispatch::sameAnswers_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<QByteArrayList>("requests");
    QTest::addColumn<int>("bodyless"); // how many of them the direct path takes at least
    QTest::addColumn<bool>("closes");  // the server closes the connection after them

    auto get = [](const QByteArray &target, const QByteArray &headers = {}) -> QByteArray {
        return "GET " + target + " HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n";
    };
    auto with = [](const QByteArray &method, const QByteArray &target,
                   const QByteArray &headers = {}, const QByteArray &body = {}) -> QByteArray {
        return method + ' ' + target + " HTTP/1.1\r\nHost: x\r\n" + headers +
               (body.isEmpty() && method != "POST"
                    ? QByteArray()
                    : "Content-Length: " + QByteArray::number(body.size()) + "\r\n") +
               "\r\n" + body;
    };
    struct Row
    {
        const char *name;
        QByteArrayList requests;
        int bodyless;
        bool closes = false;
    };
    const QList<Row> rows{
        {"static GET", {get("/u/ada/hello")}, 1},
        {"static HEAD", {with("HEAD", "/u/ada/hello")}, 1},
        {"owner headers and status", {get("/u/ada/hdr"), with("HEAD", "/u/ada/hdr")}, 2},
        {"CORS Origin", {get("/u/ada/cors", "Origin: https://app.example\r\n")}, 1},
        {"CORS preflight",
         {with("OPTIONS", "/u/ada/cors",
               "Origin: https://app.example\r\nAccess-Control-Request-Method: GET\r\n"
               "Access-Control-Request-Headers: X-A, Content-Type\r\n")},
         1},
        {"OPTIONS without CORS", {with("OPTIONS", "/u/ada/hello")}, 1},
        {"rules",
         {get("/u/ada/rules?id=42"), get("/u/ada/rules", "X-Env: test\r\n"), get("/u/ada/rules")},
         3},
        {"template", {get("/u/ada/tmpl?name=Ada%20L"), get("/u/ada/tmpl?name=%E2%9C%93")}, 2},
        {"wrong method", {get("/u/ada/post"), with("DELETE", "/u/ada/hello")}, 2},
        {"unknown endpoint and user", {get("/u/ada/nope"), get("/u/nobody/x")}, 2},
        {"bad escapes", {get("/u/ada/%2e%2e/x"), get("/u/ada/a%00b"), get("/u/%C0%AF/x")}, 3},
        {"file, conditional and range",
         {get("/u/ada/file"), get("/u/ada/file", "If-None-Match: *\r\n"),
          get("/u/ada/file", "Range: bytes=10-19\r\n"), with("HEAD", "/u/ada/file")},
         4},
        {"operator routes", {get("/healthz"), get("/readyz"), with("HEAD", "/healthz")}, 3},
        {"HTTP/1.0", {"GET /u/ada/hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"}, 1},
        {"absolute-form target", {"GET http://x/u/ada/hello?a=1 HTTP/1.1\r\nHost: x\r\n\r\n"}, 1},
        {"Content-Length: 0", {with("GET", "/u/ada/hello", "Content-Length: 0\r\n")}, 1},
        // Slow (a body: QHttpServer parses it) and fast requests mixed on one connection, with
        // answers that come later (a latency mock) before direct ones: the order holds.
        {"slow POST between fast GETs",
         {get("/u/ada/hello"), with("POST", "/u/ada/post", {}, "{}"), get("/u/ada/hdr")},
         2},
        {"latency mock before fast GETs",
         {get("/u/ada/slow"), get("/u/ada/hello"), with("HEAD", "/u/ada/hello"), get("/u/ada/slow"),
          get("/healthz")},
         5},
        {"expected body, then fast",
         {with("POST", "/u/ada/expects", "Content-Type: application/json\r\n", "{\"a\":1}"),
          with("POST", "/u/ada/expects", "Content-Type: application/json\r\n", "{\"a\":2}"),
          get("/u/ada/hello"), with("POST", "/u/ada/post", {}, "{}"), get("/u/ada/rules?id=42")},
         2},
        {"chunked POST then fast",
         {QByteArray("POST /u/ada/post HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                     "2\r\n{}\r\n0\r\n\r\n"),
          get("/u/ada/hello")},
         1},
        // Answers larger than one send(2) takes: the rest waits in the socket's buffer, and the
        // answers behind it (small ones, a HEAD) join it there, in order.
        {"large answers between fast ones",
         {get("/u/ada/big"), get("/u/ada/hello"), with("HEAD", "/u/ada/big"), get("/u/ada/big"),
          get("/u/ada/rules?id=42"), get("/u/ada/slow"), get("/u/ada/big")},
         7},
        // The connection ends after an answer that closes it: nothing after it is answered.
        {"Connection: close before more",
         {get("/u/ada/hello"), get("/u/ada/hdr", "Connection: close\r\n"), get("/u/ada/hello")},
         2,
         true},
        {"large answer that closes",
         {get("/u/ada/hello"), get("/u/ada/big", "Connection: close\r\n"), get("/u/ada/hello")},
         2,
         true},
        {"HTTP/1.0 without keep-alive", {"GET /u/ada/hello HTTP/1.0\r\n\r\n"}, 1, true},
        {"HTTP/1.0 HEAD without keep-alive", {"HEAD /u/ada/big HTTP/1.0\r\n\r\n"}, 1, true},
    };
    for (const QString &backend : TestServer::backends()) {
        for (const Row &row : rows)
            QTest::newRow(qPrintable(backend + u' ' + QLatin1String(row.name)))
                << backend << row.requests << row.bodyless << row.closes;
    }
}

void tst_DirectDispatch::sameAnswers()
{
    QFETCH(QString, backend);
    QFETCH(QByteArrayList, requests);
    QFETCH(int, bodyless);
    QFETCH(bool, closes);
    const auto pair = m_pairs.at(backend);

    // Every request names its id, so X-Request-Id is the same on both servers; the last one
    // closes the connection, so everything the server sent is read.
    QByteArray all;
    for (qsizetype i = 0; i < requests.size(); ++i) {
        QByteArray r = requests[i];
        r.insert(r.indexOf("\r\n") + 2, "X-Request-Id: r" + QByteArray::number(i) + "\r\n");
        all += r;
    }
    if (!closes)
        all +=
            "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Request-Id: last\r\nConnection: close\r\n\r\n";

    const qint64 directBefore = metric(pair->direct, "depot_direct_requests_total");
    const qint64 parsedBefore = metric(pair->parsed, "depot_direct_requests_total");
    const QByteArray countsBefore = responseCounts(pair->direct);
    const QByteArray parsedCountsBefore = responseCounts(pair->parsed);
    const QByteArray viaDirect = TestHttp::raw(pair->direct.baseUrl(), all);
    const QByteArray viaParser = TestHttp::raw(pair->parsed.baseUrl(), all);
    if (!closes)
        QVERIFY2(viaParser.endsWith("{\"status\":\"ok\"}"), viaParser.right(300).constData());
    // Every answer whole (the server answers all, or up to the one that closes): nothing of a
    // large answer is lost when the connection closes after it.
    const qsizetype closer =
        std::find_if(requests.begin(), requests.end(),
                     [](const QByteArray &r) {
                         return r.contains("Connection: close") ||
                                (r.contains(" HTTP/1.0\r\n") && !r.contains("keep-alive"));
                     }) -
        requests.begin();
    const int expected = closes ? int(closer) + 1 : int(requests.size()) + 1;
    QCOMPARE(wholeAnswers(viaParser, requests), expected);
    QCOMPARE(wholeAnswers(viaDirect, requests), expected);
    QCOMPARE(normalized(viaDirect), normalized(viaParser));

    // The direct server took the bodyless requests (and the closing GET) itself; the other none.
    const qint64 directTaken = metric(pair->direct, "depot_direct_requests_total") - directBefore;
    QVERIFY2(directTaken >= bodyless + (closes ? 0 : 1), qPrintable(QString::number(directTaken)));
    QCOMPARE(metric(pair->parsed, "depot_direct_requests_total"), parsedBefore);
    // The metrics count the same answers (the /metrics reads themselves included alike).
    const QByteArray countsAfter = responseCounts(pair->direct);
    const QByteArray parsedCountsAfter = responseCounts(pair->parsed);
    QList<qint64> deltaDirect, deltaParsed;
    for (int i = 0; i < 5; ++i) {
        deltaDirect << countsAfter.split(' ')[i].toLongLong() -
                           countsBefore.split(' ')[i].toLongLong();
        deltaParsed << parsedCountsAfter.split(' ')[i].toLongLong() -
                           parsedCountsBefore.split(' ')[i].toLongLong();
    }
    QCOMPARE(deltaDirect, deltaParsed);
}

void tst_DirectDispatch::sameJournal_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<QString>("identifier");
    for (const QString &backend : TestServer::backends()) {
        for (const char *identifier : {"hello", "rules", "cors", "file", "slow", "expects"})
            QTest::newRow(qPrintable(backend + u' ' + QLatin1String(identifier)))
                << backend << QString::fromLatin1(identifier);
    }
}

// After sameAnswers: both servers journaled the same requests to each endpoint.
void tst_DirectDispatch::sameJournal()
{
    QFETCH(QString, backend);
    QFETCH(QString, identifier);
    const auto pair = m_pairs.at(backend);

    auto entries = [&](const TestServer &server, const QString &token, const QString &id) {
        QJsonArray out;
        // The journal is written in batches: wait until two reads agree.
        QByteArray previous;
        for (int attempt = 0; attempt < 50; ++attempt) {
            const HttpResult r =
                TestHttp::get(server.url(QStringLiteral("/api/v1/endpoints/%1/requests").arg(id)),
                              TestHttp::bearer(token));
            if (r.status != 200)
                return QJsonArray{QStringLiteral("status %1").arg(r.status)};
            if (r.body == previous && attempt > 2)
                break;
            previous = r.body;
            QTest::qWait(100);
        }
        QJsonArray list;
        for (const QJsonValue &v : QJsonDocument::fromJson(previous).object())
            if (v.isArray())
                list = v.toArray();
        for (const QJsonValue &v : list) {
            QJsonObject e = v.toObject();
            for (const char *varying : {"id", "endpoint_id", "time", "duration_ms"})
                e.remove(QLatin1String(varying));
            out.append(e);
        }
        return out;
    };
    const QJsonArray direct =
        entries(pair->direct, pair->directToken, pair->endpointIds.at(identifier));
    const QJsonArray parsed = entries(pair->parsed, pair->parsedToken,
                                      pair->endpointIds.at(identifier + QStringLiteral("@parsed")));
    QVERIFY2(!direct.isEmpty(), "nothing journaled");
    QCOMPARE(QJsonDocument(direct).toJson(), QJsonDocument(parsed).toJson());
}

void tst_DirectDispatch::editBetweenPipelinedGets_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<bool>("direct");
    for (const QString &backend : TestServer::backends()) {
        QTest::newRow(qPrintable(backend + u" direct")) << backend << true;
        QTest::newRow(qPrintable(backend + u" parsed")) << backend << false;
    }
}

// GET, an edit of the same endpoint (a body: QHttpServer's path) and GET again, pipelined on
// one connection: the first GET answers what was, the second what the edit made (the cache is
// invalidated at once, and answers keep their order).
void tst_DirectDispatch::editBetweenPipelinedGets()
{
    QFETCH(QString, backend);
    QFETCH(bool, direct);
    const auto pair = m_pairs.at(backend);
    TestServer &server = direct ? pair->direct : pair->parsed;
    const QString token = direct ? pair->directToken : pair->parsedToken;
    const QString id =
        pair->endpointIds.at(direct ? QStringLiteral("edit") : QStringLiteral("edit@parsed"));
    Headers auth = TestHttp::bearer(token);
    auth.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    const QUrl endpoint = server.url(QStringLiteral("/api/v1/endpoints/") + id);
    QCOMPARE(TestHttp::request("PATCH", endpoint, j("{'response':{'v':1}}"), auth).status, 200);
    QCOMPARE(TestHttp::get(server.url(QStringLiteral("/u/ada/edit"))).body, j("{'v':1}"));

    const QByteArray patch = j("{'response':{'v':2}}");
    const QByteArray get = "GET /u/ada/edit HTTP/1.1\r\nHost: x\r\n\r\n";
    const QByteArray all = get + get + "PATCH /api/v1/endpoints/" + id.toLatin1() +
                           " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token.toLatin1() +
                           "\r\nContent-Type: application/json\r\nContent-Length: " +
                           QByteArray::number(patch.size()) + "\r\n\r\n" + patch + get +
                           "GET /u/ada/edit HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    const QByteArray stream = TestHttp::raw(server.baseUrl(), all);
    QCOMPARE(wholeAnswers(stream, {get, get, "PATCH", get, get}), 5);
    QList<QByteArray> bodies;
    for (qsizetype at = 0; (at = stream.indexOf("\r\n\r\n", at)) >= 0;) {
        at += 4;
        const qsizetype next = stream.indexOf("HTTP/1.1 ", at);
        bodies << stream.mid(at, next < 0 ? -1 : next - at);
    }
    QCOMPARE(bodies.size(), 5);
    QCOMPARE(bodies[0], j("{'v':1}"));
    QCOMPARE(bodies[1], j("{'v':1}"));
    QVERIFY2(bodies[2].contains(j("'response':{'v':2}")), bodies[2].constData());
    QCOMPARE(bodies[3], j("{'v':2}"));
    QCOMPARE(bodies[4], j("{'v':2}"));
}

void tst_DirectDispatch::clientLeavesDuringLargeAnswers_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<bool>("direct");
    QTest::addColumn<bool>("reset"); // the client resets the connection instead of closing it
    for (const QString &backend : TestServer::backends()) {
        for (bool direct : {true, false}) {
            for (bool reset : {false, true})
                QTest::newRow(qPrintable(backend + (direct ? u" direct" : u" parsed") +
                                         (reset ? u" reset" : u" close")))
                    << backend << direct << reset;
        }
    }
}

// A client asks for several large answers, pipelined, reads a little of the first and leaves:
// the server drops the rest, keeps serving, and counts nothing in flight afterwards.
void tst_DirectDispatch::clientLeavesDuringLargeAnswers()
{
    QFETCH(QString, backend);
    QFETCH(bool, direct);
    QFETCH(bool, reset);
    const auto pair = m_pairs.at(backend);
    TestServer &server = direct ? pair->direct : pair->parsed;
    const QUrl base = server.baseUrl();
    {
        QTcpSocket socket;
        socket.connectToHost(base.host(), quint16(base.port()));
        QVERIFY(socket.waitForConnected(5000));
        const QByteArray big = "GET /u/ada/big HTTP/1.1\r\nHost: x\r\n\r\n";
        socket.write(big + big + big + "GET /u/ada/hello HTTP/1.1\r\nHost: x\r\n\r\n" + big);
        QVERIFY(socket.waitForReadyRead(5000));
        QVERIFY(socket.read(1000).startsWith("HTTP/1.1 200 OK\r\n"));
        if (reset)
            socket.abort();
        else
            socket.close();
    }
    // Still serving, whole answers, and the left connection's requests are over.
    const QByteArray get = "GET /u/ada/big HTTP/1.1\r\nHost: x\r\n\r\n";
    const QByteArray stream = TestHttp::raw(
        base, get + "GET /u/ada/hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    QCOMPARE(wholeAnswers(stream, {get, get}), 2);
    QVERIFY(stream.endsWith(j("{'hello':'world','items':[1,2,3]}")));
    QTRY_COMPARE_WITH_TIMEOUT(metric(server, "depot_requests_in_flight"), 1, 5000);
}

void tst_DirectDispatch::slowReaderGetsWholeAnswers_data()
{
    editBetweenPipelinedGets_data();
}

// A client with a small receive buffer that reads late: the kernel takes only part of each
// large answer, the rest waits in the socket's buffer with the answers behind it, and all of
// it arrives whole and in order.
void tst_DirectDispatch::slowReaderGetsWholeAnswers()
{
    QFETCH(QString, backend);
    QFETCH(bool, direct);
    const auto pair = m_pairs.at(backend);
    const QUrl base = (direct ? pair->direct : pair->parsed).baseUrl();
    // A plain socket: its receive buffer is set before connecting (the window stays small),
    // and nothing reads it while the server writes.
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    QVERIFY(fd >= 0);
    const auto closeFd = qScopeGuard([fd] { ::close(fd); });
    const int small = 4096;
    ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(quint16(base.port()));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    QCOMPARE(::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
    const QByteArray big = "GET /u/ada/big HTTP/1.1\r\nHost: x\r\n\r\n";
    const QByteArray hello = "GET /u/ada/hello HTTP/1.1\r\nHost: x\r\n\r\n";
    const QByteArray head = "HEAD /u/ada/big HTTP/1.1\r\nHost: x\r\n\r\n";
    // More than a loopback socket's send buffer holds (up to 4 MiB here): some answers go out
    // in part, the rest later from the socket's buffer.
    const QByteArray all = big + hello + head + big + big + big + big + big + hello +
                           "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    QCOMPARE(::send(fd, all.constData(), size_t(all.size()), 0), ssize_t(all.size()));
    QTest::qWait(300); // the server writes what it can meanwhile
    QByteArray stream;
    QElapsedTimer clock;
    clock.start();
    char buffer[65536];
    while (clock.elapsed() < 20000) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 200) <= 0)
            continue;
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0)
            break;
        stream.append(buffer, n);
    }
    QVERIFY2(wholeAnswers(stream, {big, hello, head, big, big, big, big, big, hello, "GET"}) == 10,
             qPrintable(QStringLiteral("%1 bytes, %2 heads, ends %3")
                            .arg(stream.size())
                            .arg(stream.count("HTTP/1.1 "))
                            .arg(QString::fromLatin1(stream.right(120)))));
    const QByteArray helloBody = j("{'hello':'world','items':[1,2,3]}");
    const QByteArray bigBody = "\"" + QByteArray(700 * 1024, 'b') + "\"";
    const qsizetype first = stream.indexOf(bigBody);
    const qsizetype second = stream.indexOf(helloBody, first);
    const qsizetype third = stream.indexOf(bigBody, second);
    QVERIFY(first > 0 && second > first && third > second);
    QVERIFY(stream.indexOf(helloBody, third) > third);
    QCOMPARE(stream.count(bigBody), 6);
    QVERIFY(stream.endsWith("{\"status\":\"ok\"}"));
}

} // namespace depot::test

QTEST_MAIN(depot::test::tst_DirectDispatch)
#include "tst_directdispatch.moc"
