// The HTTP core of a real depot-server process, over real sockets: routing errors, HEAD and
// OPTIONS, request ids, the connection guard (malformed heads, size and count limits, timeouts,
// Expect: 100-continue, connection caps), keep-alive and pipelining, deferred answers to clients
// that went away, and the operator endpoints.

#include "HostedTestSupport.h"
#include "TestHttp.h"
#include "TestServer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace depot::test {
namespace {

// A client connection speaking raw bytes; everything blocks with a timeout (the server is
// another process, so no event loop is needed here).
class RawClient
{
public:
    explicit RawClient(const QUrl &base)
    {
        m_socket.connectToHost(base.host(), quint16(base.port()));
    }

    bool waitConnected(int timeoutMs = 5000) { return m_socket.waitForConnected(timeoutMs); }
    void send(const QByteArray &bytes)
    {
        m_socket.write(bytes);
        m_socket.flush();
    }
    // The next complete response, or nothing if none arrives within `timeoutMs`.
    std::optional<RawResponse> next(int timeoutMs = 5000, bool headRequest = false)
    {
        QElapsedTimer clock;
        clock.start();
        for (;;) {
            if (auto r = RawResponse::take(m_buffer, headRequest))
                return r;
            const qint64 left = timeoutMs - clock.elapsed();
            if (left <= 0 || !pump(int(left)))
                return RawResponse::take(m_buffer, headRequest);
        }
    }
    // True once the server has closed the connection (within `timeoutMs`); keeps what it sent.
    bool waitClosed(int timeoutMs)
    {
        QElapsedTimer clock;
        clock.start();
        while (m_socket.state() != QAbstractSocket::UnconnectedState) {
            const qint64 left = timeoutMs - clock.elapsed();
            if (left <= 0)
                break;
            pump(int(left));
        }
        m_buffer += m_socket.readAll();
        return m_socket.state() == QAbstractSocket::UnconnectedState;
    }
    // Waits up to `ms` for bytes; false if none came (timeout or closed).
    bool pump(int ms)
    {
        if (m_socket.bytesAvailable() == 0 && !m_socket.waitForReadyRead(ms)) {
            m_buffer += m_socket.readAll();
            return false;
        }
        m_buffer += m_socket.readAll();
        return true;
    }
    bool connected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    const QByteArray &pending() const { return m_buffer; }
    QTcpSocket &socket() { return m_socket; }

private:
    QTcpSocket m_socket;
    QByteArray m_buffer;
};

// A plain blocking TCP client with send/receive timeouts (no Qt socket state machine).
class BlockingSocket
{
public:
    ~BlockingSocket()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    bool connect(const QUrl &base)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        const timeval timeout{5, 0};
        ::setsockopt(m_fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(quint16(base.port()));
        address.sin_addr.s_addr = htonl(QHostAddress(base.host()).toIPv4Address());
        return m_fd >= 0 &&
               ::connect(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0;
    }
    // False once the server has reset or closed the connection (or 5 s without progress).
    bool sendAll(QByteArrayView data)
    {
        while (!data.isEmpty()) {
            const ssize_t n = ::send(m_fd, data.data(), size_t(data.size()), MSG_NOSIGNAL);
            if (n <= 0)
                return false;
            data = data.sliced(n);
        }
        return true;
    }
    // Appends what arrives (waits up to 5 s); false on end of stream, error or timeout.
    bool receive(QByteArray *into)
    {
        char buffer[65536];
        const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
        if (n <= 0)
            return false;
        into->append(buffer, n);
        return true;
    }

    int fd() const { return m_fd; }

private:
    int m_fd = -1;
};

QByteArray request(const QByteArray &method, const QByteArray &target,
                   const QByteArrayList &headers = {}, const QByteArray &body = {})
{
    QByteArray out = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (const QByteArray &h : headers)
        out += h + "\r\n";
    if (!body.isEmpty() || method == "POST" || method == "PUT")
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    return out + "\r\n" + body;
}

QByteArray loginBody(const QString &username, const QString &password)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("username"), username},
                                     {QStringLiteral("password"), password}})
        .toJson(QJsonDocument::Compact);
}

QByteArray manyHeaders(int count)
{
    QByteArray out;
    for (int i = 0; i < count; ++i)
        out += "X-Field-" + QByteArray::number(i) + ": v\r\n";
    return out;
}

// One request on a fresh connection; the answer (or nothing).
std::optional<RawResponse> once(const QUrl &base, const QByteArray &bytes, int timeoutMs = 5000)
{
    RawClient client(base);
    if (!client.waitConnected())
        return std::nullopt;
    client.send(bytes);
    return client.next(timeoutMs, bytes.startsWith("HEAD "));
}

// Resident memory of a process in KiB, 0 if unknown.
qint64 rssKiB(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

bool isRequestId(const QByteArray &id)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9._-]{1,64}$"));
    return pattern.match(QString::fromLatin1(id)).hasMatch();
}

QString describe(const std::optional<RawResponse> &r, const QByteArray &pending = {})
{
    if (!r)
        return QStringLiteral("no answer; received: ") + QString::fromLatin1(pending.left(300));
    return QStringLiteral("%1 %2").arg(QString::fromLatin1(r->statusLine),
                                       QString::fromUtf8(r->body.left(300)));
}

// A JSON error body as ApiError writes it: {"error": "...", "detail": "..."}.
bool isErrorJson(const RawResponse &r)
{
    const QJsonObject json = r.json();
    return r.header("Content-Type").startsWith("application/json") &&
           json.value(QStringLiteral("error")).isString() &&
           !json.value(QStringLiteral("error")).toString().isEmpty() &&
           json.value(QStringLiteral("detail")).isString();
}

} // namespace
} // namespace depot::test

using namespace depot::test;

class tst_HttpCore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void routingErrors_data();
    void routingErrors();
    void headHasNoBodyAndKeepsConnection_data();
    void headHasNoBodyAndKeepsConnection();
    void optionsListsAllowedMethods_data();
    void optionsListsAllowedMethods();
    void everyResponseHasRequestId_data();
    void everyResponseHasRequestId();
    void incomingRequestIdIsEchoed_data();
    void incomingRequestIdIsEchoed();
    void malformedRequests_data();
    void malformedRequests();
    void hugeContentLengthIsRefusedWithFlatMemory_data();
    void hugeContentLengthIsRefusedWithFlatMemory();
    void chunkedBodies_data();
    void chunkedBodies();
    void headerLimits_data();
    void headerLimits();
    void smugglingIsRefused_data();
    void smugglingIsRefused();
    void refusalsAreLogged();
    void absoluteFormTarget();
    void http10KeepAlive();
    void slowClientsAreDisconnected_data();
    void slowClientsAreDisconnected();
    void idleKeepAliveIsClosed();
    void expectContinue_data();
    void expectContinue();
    void connectionCloseAndHttp10_data();
    void connectionCloseAndHttp10();
    void pipelinedAnswersInOrder_data();
    void pipelinedAnswersInOrder();
    void pipelinedAnswersAreBounded();
    void parallelLargeUploadsAllComplete();
    void connectionCapAnswers503();
    void deferredAnswerToGoneClient_data();
    void deferredAnswerToGoneClient();
    void operatorEndpoints_data();
    void operatorEndpoints();

private:
    TestServer m_server;   // defaults
    TestServer m_timeouts; // short header / body / idle timeouts
    int m_counter = 0;
};

void tst_HttpCore::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    TestServer::Options timeouts;
    timeouts.extraArgs = QStringList{QStringLiteral("--header-timeout"), QStringLiteral("1000"),
                                     QStringLiteral("--body-timeout"),   QStringLiteral("1000"),
                                     QStringLiteral("--idle-timeout"),   QStringLiteral("1500")};
    QVERIFY2(m_timeouts.start(timeouts), qPrintable(m_timeouts.errorString()));
}

void tst_HttpCore::cleanupTestCase()
{
    QCOMPARE(m_timeouts.stop(), 0);
    QCOMPARE(m_server.stop(), 0);
}

// ---------------------------------------------------------------------------------------------

void tst_HttpCore::routingErrors_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("allow");

    QTest::newRow("GET unknown path")
        << QByteArray("GET") << QByteArray("/no/such/thing") << 404 << QByteArray();
    QTest::newRow("GET unknown path with query")
        << QByteArray("GET") << QByteArray("/missing?x=1") << 404 << QByteArray();
    QTest::newRow("POST unknown path")
        << QByteArray("POST") << QByteArray("/nothing") << 404 << QByteArray();
    QTest::newRow("GET below a known path")
        << QByteArray("GET") << QByteArray("/healthz/extra") << 404 << QByteArray();
    QTest::newRow("DELETE /healthz") << QByteArray("DELETE") << QByteArray("/healthz") << 405
                                     << QByteArray("GET, HEAD, OPTIONS");
    QTest::newRow("POST /healthz")
        << QByteArray("POST") << QByteArray("/healthz") << 405 << QByteArray("GET, HEAD, OPTIONS");
    QTest::newRow("GET on POST-only sign-up")
        << QByteArray("GET") << QByteArray("/api/v1/users") << 405 << QByteArray("POST, OPTIONS");
    QTest::newRow("PUT on login") << QByteArray("PUT") << QByteArray("/api/v1/auth/token") << 405
                                  << QByteArray("POST, OPTIONS");
    QTest::newRow("POST on /me (GET, PATCH and DELETE only)")
        << QByteArray("POST") << QByteArray("/api/v1/me") << 405
        << QByteArray("GET, PATCH, DELETE, HEAD, OPTIONS");
    QTest::newRow("unregistered method PROPFIND")
        << QByteArray("PROPFIND") << QByteArray("/healthz") << 405
        << QByteArray("GET, HEAD, OPTIONS");
}

void tst_HttpCore::routingErrors()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(int, status);
    QFETCH(QByteArray, allow);

    RawClient client(m_server.baseUrl());
    QVERIFY(client.waitConnected());
    client.send(request(method, target));
    const auto r = client.next();
    QVERIFY2(r, qPrintable(describe(r, client.pending())));
    QCOMPARE(r->status, status);
    QVERIFY2(isErrorJson(*r), r->body.constData());
    QCOMPARE(r->header("Allow"), allow);
    QVERIFY(isRequestId(r->header("X-Request-Id")));
    // An error is not a reason to drop a keep-alive connection.
    client.send(request("GET", "/healthz"));
    const auto again = client.next();
    QVERIFY2(again, qPrintable(describe(again, client.pending())));
    QCOMPARE(again->status, 200);
}

void tst_HttpCore::headHasNoBodyAndKeepsConnection_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<int>("status");

    QTest::newRow("healthz") << QByteArray("/healthz") << 200;
    QTest::newRow("readyz") << QByteArray("/readyz") << 200;
    QTest::newRow("unknown path") << QByteArray("/no/such/thing") << 404;
    QTest::newRow("authenticated route without token") << QByteArray("/api/v1/me") << 401;
}

void tst_HttpCore::headHasNoBodyAndKeepsConnection()
{
    QFETCH(QByteArray, target);
    QFETCH(int, status);

    RawClient client(m_server.baseUrl());
    QVERIFY(client.waitConnected());
    client.send(request("GET", target));
    const auto get = client.next();
    QVERIFY2(get, qPrintable(describe(get, client.pending())));
    QCOMPARE(get->status, status);
    QVERIFY(!get->body.isEmpty());

    client.send(request("HEAD", target));
    const auto head = client.next(5000, true);
    QVERIFY2(head, qPrintable(describe(head, client.pending())));
    QCOMPARE(head->status, status);
    QCOMPARE(head->header("Content-Length").toLongLong(), get->body.size());
    QCOMPARE(head->header("Content-Type"), get->header("Content-Type"));
    QVERIFY(isRequestId(head->header("X-Request-Id")));
    QVERIFY(!head->closes());

    // No body follows: the next bytes on the connection are the next answer.
    client.send(request("GET", "/healthz", {"X-Request-Id: after-head"}));
    const auto after = client.next();
    QVERIFY2(after, qPrintable(describe(after, client.pending())));
    QVERIFY2(after->statusLine.startsWith("HTTP/1.1 200"), after->statusLine.constData());
    QCOMPARE(after->header("X-Request-Id"), QByteArray("after-head"));
    QCOMPARE(after->json().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    QVERIFY(client.pending().isEmpty());
}

void tst_HttpCore::optionsListsAllowedMethods_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("allow");

    QTest::newRow("healthz") << QByteArray("/healthz") << QByteArray("GET, HEAD, OPTIONS");
    QTest::newRow("sign-up") << QByteArray("/api/v1/users") << QByteArray("POST, OPTIONS");
    QTest::newRow("me") << QByteArray("/api/v1/me")
                        << QByteArray("GET, PATCH, DELETE, HEAD, OPTIONS");
}

void tst_HttpCore::optionsListsAllowedMethods()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, allow);

    RawClient client(m_server.baseUrl());
    QVERIFY(client.waitConnected());
    client.send(request("OPTIONS", target));
    const auto r = client.next();
    QVERIFY2(r, qPrintable(describe(r, client.pending())));
    QCOMPARE(r->status, 204);
    QCOMPARE(r->header("Allow"), allow);
    QVERIFY(r->body.isEmpty());
    QVERIFY(isRequestId(r->header("X-Request-Id")));
    client.send(request("GET", "/healthz"));
    const auto again = client.next();
    QVERIFY2(again, qPrintable(describe(again, client.pending())));
    QCOMPARE(again->status, 200);
}

// ---------------------------------------------------------------------------------------------

void tst_HttpCore::everyResponseHasRequestId_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");

    QTest::newRow("200 healthz") << request("GET", "/healthz") << 200;
    QTest::newRow("204 OPTIONS") << request("OPTIONS", "/healthz") << 204;
    QTest::newRow("400 malformed request line") << QByteArray("NONSENSE\r\n\r\n") << 400;
    QTest::newRow("400 invalid JSON") << request("POST", "/api/v1/users", {}, "{nope") << 400;
    QTest::newRow("401 no token") << request("GET", "/api/v1/me") << 401;
    QTest::newRow("404 unknown path") << request("GET", "/nowhere") << 404;
    QTest::newRow("405 wrong method") << request("DELETE", "/healthz") << 405;
    QTest::newRow("413 huge Content-Length")
        << QByteArray(
               "POST /api/v1/users HTTP/1.1\r\nHost: x\r\nContent-Length: 10737418240\r\n\r\n")
        << 413;
    QTest::newRow("422 invalid fields") << request("POST", "/api/v1/users", {}, "{}") << 422;
    QTest::newRow("431 too many fields")
        << QByteArray("GET /healthz HTTP/1.1\r\nHost: x\r\n" + manyHeaders(200) + "\r\n") << 431;
    QTest::newRow("505 HTTP/2.0") << QByteArray("GET /healthz HTTP/2.0\r\nHost: x\r\n\r\n") << 505;
}

void tst_HttpCore::everyResponseHasRequestId()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);

    const auto r = once(m_server.baseUrl(), bytes);
    QVERIFY2(r, qPrintable(describe(r)));
    QCOMPARE(r->status, status);
    QVERIFY2(isRequestId(r->header("X-Request-Id")), r->header("X-Request-Id").constData());
}

void tst_HttpCore::incomingRequestIdIsEchoed_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArray>("incoming");
    QTest::addColumn<bool>("echoed");

    const QByteArray valid = "trace-42.abc_DEF";
    QTest::newRow("valid id on 200")
        << request("GET", "/healthz", {"X-Request-Id: " + valid}) << valid << true;
    QTest::newRow("valid id on 404")
        << request("GET", "/nowhere", {"X-Request-Id: " + valid}) << valid << true;
    QTest::newRow("valid id on 405")
        << request("DELETE", "/healthz", {"X-Request-Id: " + valid}) << valid << true;
    QTest::newRow("valid id on 401")
        << request("GET", "/api/v1/me", {"X-Request-Id: " + valid}) << valid << true;
    QTest::newRow("lower-case header name")
        << request("GET", "/healthz", {"x-request-id: " + valid}) << valid << true;
    const QByteArray longest(64, 'a');
    QTest::newRow("64 characters")
        << request("GET", "/healthz", {"X-Request-Id: " + longest}) << longest << true;
    const QByteArray tooLong(65, 'a');
    QTest::newRow("65 characters: replaced")
        << request("GET", "/healthz", {"X-Request-Id: " + tooLong}) << tooLong << false;
    QTest::newRow("spaces: replaced")
        << request("GET", "/healthz", {"X-Request-Id: a b"}) << QByteArray("a b") << false;
    QTest::newRow("quotes and angle brackets: replaced")
        << request("GET", "/healthz", {"X-Request-Id: <script>\"x\""})
        << QByteArray("<script>\"x\"") << false;
}

void tst_HttpCore::incomingRequestIdIsEchoed()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, incoming);
    QFETCH(bool, echoed);

    const auto r = once(m_server.baseUrl(), bytes);
    QVERIFY2(r, qPrintable(describe(r)));
    const QByteArray id = r->header("X-Request-Id");
    QVERIFY2(isRequestId(id), id.constData());
    if (echoed)
        QCOMPARE(id, incoming);
    else
        QVERIFY(id != incoming);
}

// ---------------------------------------------------------------------------------------------

void tst_HttpCore::malformedRequests_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");

    QTest::newRow("garbage request line") << QByteArray("HELLO THERE\r\n\r\n") << 400;
    QTest::newRow("request line without version")
        << QByteArray("GET /healthz\r\nHost: x\r\n\r\n") << 400;
    QTest::newRow("request line with extra word")
        << QByteArray("GET /healthz HTTP/1.1 please\r\nHost: x\r\n\r\n") << 400;
    QTest::newRow("not HTTP") << QByteArray("GET /healthz FTP/1.0\r\nHost: x\r\n\r\n") << 400;
    QTest::newRow("relative target")
        << QByteArray("GET healthz HTTP/1.1\r\nHost: x\r\n\r\n") << 400;
    QTest::newRow("control byte in target")
        << QByteArray("GET /heal\x01thz HTTP/1.1\r\nHost: x\r\n\r\n") << 400;
    QTest::newRow("header without colon")
        << QByteArray("GET /healthz HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n") << 400;
    QTest::newRow("header name with space")
        << QByteArray("GET /healthz HTTP/1.1\r\nHost: x\r\nBad Name: v\r\n\r\n") << 400;
    QTest::newRow("obsolete line folding")
        << QByteArray("GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\r\n  folded\r\n\r\n") << 400;
    QTest::newRow("NUL in header value")
        << QByteArray("GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\0b\r\n\r\n", 46) << 400;
    QTest::newRow("HTTP/2.0") << QByteArray("GET /healthz HTTP/2.0\r\nHost: x\r\n\r\n") << 505;
    QTest::newRow("HTTP/0.9-style version")
        << QByteArray("GET /healthz HTTP/0.9\r\nHost: x\r\n\r\n") << 505;
    QTest::newRow("both Content-Length and Transfer-Encoding")
        << QByteArray("POST /api/v1/users HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                      "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
        << 400;
    QTest::newRow("Transfer-Encoding before Content-Length")
        << QByteArray("POST /api/v1/users HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                      "Content-Length: 5\r\n\r\n0\r\n\r\n")
        << 400;
    QTest::newRow("conflicting Content-Length headers")
        << QByteArray("POST /api/v1/users HTTP/1.1\r\nHost: x\r\nContent-Length: "
                      "5\r\nContent-Length: 6\r\n\r\nhello!")
        << 400;
    QTest::newRow("negative Content-Length")
        << QByteArray("POST /api/v1/users HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n")
        << 400;
    QTest::newRow("Content-Length not a number")
        << QByteArray("POST /api/v1/users HTTP/1.1\r\nHost: x\r\nContent-Length: 12abc\r\n\r\n")
        << 400;
    QTest::newRow("Content-Length beyond 64 bits")
        << QByteArray("POST /api/v1/users HTTP/1.1\r\nHost: x\r\nContent-Length: "
                      "99999999999999999999999\r\n\r\n")
        << 400;
    QTest::newRow("malformed chunk size")
        << QByteArray(
               "POST /api/v1/users HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
        << 400;
    QTest::newRow("unsupported transfer coding")
        << QByteArray("POST /api/v1/users HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n")
        << 501;
    QTest::newRow("unsupported expectation")
        << QByteArray("POST /api/v1/users HTTP/1.1\r\nHost: x\r\nExpect: teapot\r\nContent-Length: "
                      "2\r\n\r\n{}")
        << 417;
}

void tst_HttpCore::malformedRequests()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);

    RawClient client(m_server.baseUrl());
    QVERIFY(client.waitConnected());
    client.send(bytes);
    const auto r = client.next();
    QVERIFY2(r, qPrintable(describe(r, client.pending())));
    QCOMPARE(r->status, status);
    QVERIFY2(isErrorJson(*r), r->body.constData());
    QVERIFY(r->closes());
    QVERIFY(isRequestId(r->header("X-Request-Id")));
    // Nothing after a refused request is trusted: the server closes.
    QVERIFY(client.waitClosed(5000));
    QVERIFY2(client.pending().isEmpty(), client.pending().constData());
    // And it keeps serving others.
    const HttpResult health = TestHttp::get(m_server.url(QStringLiteral("/healthz")));
    QCOMPARE(health.status, 200);
}

// ---------------------------------------------------------------------------------------------

void tst_HttpCore::hugeContentLengthIsRefusedWithFlatMemory_data()
{
    QTest::addColumn<QByteArray>("head");

    QTest::newRow("sign-up (64 KiB route limit)")
        << QByteArray("POST /api/v1/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      "Content-Length: 10737418240\r\n\r\n");
    QTest::newRow("unknown path (default limit)") << QByteArray(
        "POST /upload/here HTTP/1.1\r\nHost: x\r\nContent-Length: 10737418240\r\n\r\n");
}

void tst_HttpCore::hugeContentLengthIsRefusedWithFlatMemory()
{
    QFETCH(QByteArray, head);

    const qint64 pid = m_server.pid();
    const qint64 before = rssKiB(pid);
    QVERIFY(before > 0);

    // A plain blocking socket: unlike QTcpSocket it keeps sending after the server's half-close,
    // as an upload client that does not read the answer would.
    BlockingSocket client;
    QVERIFY(client.connect(m_server.baseUrl()));
    QVERIFY(client.sendAll(head));
    // Immediate: the answer comes before a single body byte is sent.
    QElapsedTimer clock;
    clock.start();
    QByteArray received;
    std::optional<RawResponse> r;
    while (!r && clock.elapsed() < 3000 && client.receive(&received))
        r = RawResponse::take(received, false);
    QVERIFY2(r, qPrintable(describe(r, received)));
    QVERIFY2(clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(r->status, 413);
    QVERIFY2(isErrorJson(*r), r->body.constData());
    QVERIFY(r->closes());
    QVERIFY(isRequestId(r->header("X-Request-Id")));

    // The client ignores the answer and keeps streaming: the server discards, never buffers,
    // until it resets the connection.
    const QByteArray chunk(1 << 20, 'x');
    const qint64 total = 200LL << 20;
    qint64 sent = 0;
    qint64 peak = before;
    while (sent < total && client.sendAll(chunk)) {
        sent += chunk.size();
        if ((sent >> 20) % 4 == 0)
            peak = qMax(peak, rssKiB(pid));
    }
    peak = qMax(peak, rssKiB(pid));
    qInfo("streamed %lld MiB after the 413 (%s); server RSS %lld KiB before, peak %lld KiB",
          sent >> 20, sent < total ? "then the server reset the connection" : "all of it", before,
          peak);
    QVERIFY2(sent >= (32LL << 20),
             qPrintable(QStringLiteral("only %1 bytes could be sent").arg(sent)));
    QVERIFY2(peak - before < 32 * 1024,
             qPrintable(QStringLiteral("RSS grew from %1 KiB to %2 KiB").arg(before).arg(peak)));
    QVERIFY(m_server.running());
    QCOMPARE(TestHttp::get(m_server.url(QStringLiteral("/healthz"))).status, 200);
}

void tst_HttpCore::chunkedBodies_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");

    const QByteArray head =
        "POST /api/v1/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\n\r\n";
    QTest::newRow("one chunk announced past the 64 KiB limit") << head + "100000\r\n" << 413;
    QByteArray small;
    for (int i = 0; i < 100; ++i)
        small += "3e8\r\n" + QByteArray(1000, ' ') + "\r\n";
    QTest::newRow("100 chunks of 1000 bytes") << head + small + "0\r\n\r\n" << 413;
    QTest::newRow("limit crossed by the last chunk")
        << head + "ffff\r\n" + QByteArray(0xffff, ' ') + "\r\n2\r\n{}\r\n0\r\n\r\n"
        << 413;
    // Control: a small chunked body reaches the handler (empty JSON object: 422, fields named).
    QTest::newRow("small chunked body is accepted") << head + "2\r\n{}\r\n0\r\n\r\n" << 422;
}

void tst_HttpCore::chunkedBodies()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);

    RawClient client(m_server.baseUrl());
    QVERIFY(client.waitConnected());
    client.send(bytes);
    const auto r = client.next();
    QVERIFY2(r, qPrintable(describe(r, client.pending())));
    QCOMPARE(r->status, status);
    QVERIFY2(isErrorJson(*r), r->body.constData());
    if (status == 413) {
        QVERIFY(r->closes());
        QVERIFY(client.waitClosed(5000));
    }
}

void tst_HttpCore::headerLimits_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");

    const QByteArray get = "GET /api/v1/me HTTP/1.1\r\nHost: x\r\n";
    QTest::newRow("60 header fields are fine") << get + manyHeaders(60) + "\r\n" << 401;
    QTest::newRow("200 header fields") << get + manyHeaders(200) + "\r\n" << 431;
    QTest::newRow("200 header fields on a public route")
        << "GET /healthz HTTP/1.1\r\nHost: x\r\n" + manyHeaders(200) + "\r\n"
        << 431;
    QTest::newRow("one 64 KiB header line")
        << get + "X-Filler: " + QByteArray(64 * 1024, 'f') + "\r\n\r\n"
        << 431;
    QTest::newRow("64 KiB request target")
        << "GET /healthz?" + QByteArray(64 * 1024, 'q') + " HTTP/1.1\r\nHost: x\r\n\r\n"
        << 431;
    QTest::newRow("1 MiB Authorization header")
        << get + "Authorization: Bearer " + QByteArray(1 << 20, 'a') + "\r\n\r\n"
        << 401;
    QTest::newRow("1 MiB lower-case authorization header")
        << get + "authorization: Basic " + QByteArray(1 << 20, 'A') + "\r\n\r\n"
        << 401;
    QTest::newRow("1 MiB Authorization on a public route")
        << "GET /healthz HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + QByteArray(1 << 20, 'a') +
               "\r\n\r\n"
        << 401;
    // Just past the 16 KiB head limit, so the whole line usually arrives in one read.
    QTest::newRow("20 KiB Authorization header")
        << get + "Authorization: Bearer " + QByteArray(20 * 1024, 'a') + "\r\n\r\n"
        << 401;
    // Control bytes in any field value are refused at the door (400), before authentication.
    QTest::newRow("garbage Authorization header") << get + "Authorization: \x01\x02garbage\r\n\r\n"
                                                  << 400;
}

void tst_HttpCore::headerLimits()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);

    RawClient client(m_server.baseUrl());
    QVERIFY(client.waitConnected());
    client.send(bytes);
    const auto r = client.next(10000);
    QVERIFY2(r, qPrintable(describe(r, client.pending())));
    QCOMPARE(r->status, status);
    QVERIFY2(isErrorJson(*r), r->body.constData());
    QVERIFY(isRequestId(r->header("X-Request-Id")));
    if (status == 401)
        QVERIFY(r->hasHeader("WWW-Authenticate"));
    QVERIFY(m_server.running());
}

// The two smuggling cases of issue 9: QHttpServer 6.4 alone reads a second request (/metrics,
// with whatever body it announces) where the guard framed one. Now the guard refuses the stream
// with one 400 and closes: no second answer ever comes.
void tst_HttpCore::smugglingIsRefused_data()
{
    QTest::addColumn<QByteArray>("bytes");

    const QByteArray head = "POST /api/v1/users HTTP/1.1\r\nHost: x\r\nContent-Type: "
                            "application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
    const QByteArray smuggled = "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n";
    QTest::newRow("non-field line after the last chunk") << head + "0\r\nXX" + smuggled;
    QTest::newRow("chunk size ended by a bare LF") << head + "27\nx\r\n0\r\n\r\n" + smuggled;
    QTest::newRow("trailer field") << head + "0\r\nX-Trailer: 1\r\n\r\n" + smuggled;
    QTest::newRow("CL.TE") << "POST /api/v1/users HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
                              "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n" +
                                  smuggled;
    QTest::newRow("Transfer-Encoding with space before the colon")
        << "POST /api/v1/users HTTP/1.1\r\nHost: x\r\nTransfer-Encoding : chunked\r\n\r\n"
           "0\r\n\r\n" +
               smuggled;
    QTest::newRow("obs-folded Transfer-Encoding")
        << "POST /api/v1/users HTTP/1.1\r\nHost: x\r\nTransfer-Encoding:\r\n chunked\r\n\r\n"
           "0\r\n\r\n" +
               smuggled;
}

void tst_HttpCore::smugglingIsRefused()
{
    QFETCH(QByteArray, bytes);

    RawClient client(m_server.baseUrl());
    QVERIFY(client.waitConnected());
    client.send(bytes);
    const auto r = client.next();
    QVERIFY2(r, qPrintable(describe(r, client.pending())));
    QCOMPARE(r->status, 400);
    QVERIFY2(isErrorJson(*r), r->body.constData());
    QVERIFY(r->closes());
    QVERIFY(client.waitClosed(5000));
    QVERIFY2(client.pending().isEmpty(), client.pending().constData()); // no second answer
}

// Every refusal is logged like an answered request, with its reason.
void tst_HttpCore::refusalsAreLogged()
{
    const auto r = once(m_server.baseUrl(),
                        "GET /healthz?token=secret HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n");
    QVERIFY2(r, qPrintable(describe(r)));
    QCOMPARE(r->status, 400);
    const QByteArray rid = "rid=" + r->header("X-Request-Id");
    QTRY_VERIFY_WITH_TIMEOUT(m_server.log().contains(rid), 3000);
    QByteArray line;
    for (const QByteArray &l : m_server.log().split('\n')) {
        if (l.contains(rid))
            line = l;
    }
    QVERIFY2(line.contains("\"GET /healthz?token=*\" 400 "), line.constData());
    QVERIFY2(line.contains("refused=\"obsolete header line folding\""), line.constData());
    QVERIFY2(!line.contains("secret"), line.constData());
}

// RFC 9112 §3.2.2: an absolute-form target is routed on its path.
void tst_HttpCore::absoluteFormTarget()
{
    RawClient client(m_server.baseUrl());
    QVERIFY(client.waitConnected());
    client.send("GET http://example.com:8080/healthz HTTP/1.1\r\nHost: other\r\n\r\n");
    const auto r = client.next();
    QVERIFY2(r, qPrintable(describe(r, client.pending())));
    QCOMPARE(r->status, 200);
    QCOMPARE(r->json().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    client.send("GET HTTP://example.com/nowhere?x=1 HTTP/1.1\r\nHost: example.com\r\n\r\n");
    const auto missing = client.next();
    QVERIFY2(missing, qPrintable(describe(missing, client.pending())));
    QCOMPARE(missing->status, 404);
}

// ab -k: an HTTP/1.0 request asking for keep-alive gets "Connection: keep-alive" and the
// connection stays usable; without the header HTTP/1.0 closes.
void tst_HttpCore::http10KeepAlive()
{
    RawClient client(m_server.baseUrl());
    QVERIFY(client.waitConnected());
    for (int i = 0; i < 3; ++i) {
        client.send("GET /healthz HTTP/1.0\r\nConnection: Keep-Alive\r\nHost: x\r\n"
                    "User-Agent: ApacheBench/2.3\r\nAccept: */*\r\n\r\n");
        const auto r = client.next(3000);
        QVERIFY2(r, qPrintable(describe(r, client.pending())));
        QCOMPARE(r->status, 200);
        QCOMPARE(r->header("Connection").toLower(), QByteArray("keep-alive"));
        QVERIFY(r->hasHeader("Content-Length"));
    }
    QVERIFY(client.connected());
}

// ---------------------------------------------------------------------------------------------

void tst_HttpCore::slowClientsAreDisconnected_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("bytesPerSecond"); // 0: everything at once, then nothing
    QTest::addColumn<bool>("expect408");

    QTest::newRow("head one byte per second")
        << QByteArray("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow\r\n\r\n") << 1
        << true;
    QTest::newRow("head stops after the request line")
        << QByteArray("GET /healthz HTTP/1.1\r\n") << 0 << true;
    QTest::newRow("body stalls")
        << QByteArray(
               "POST /api/v1/users HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"user")
        << 0 << true;
    QTest::newRow("connected, nothing sent") << QByteArray() << 0 << false;
}

void tst_HttpCore::slowClientsAreDisconnected()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, bytesPerSecond);
    QFETCH(bool, expect408);

    // m_timeouts: --header-timeout 1000 --body-timeout 1000 --idle-timeout 1500
    RawClient client(m_timeouts.baseUrl());
    QVERIFY(client.waitConnected());
    QElapsedTimer clock;
    clock.start();
    qsizetype sent = 0;
    if (bytesPerSecond == 0) {
        client.send(bytes);
        sent = bytes.size();
    } else {
        while (sent < bytes.size() && client.connected()) {
            client.send(bytes.mid(sent, bytesPerSecond));
            sent += bytesPerSecond;
            client.pump(1000); // the pace of the client; returns early if the server answers
        }
    }
    QVERIFY2(client.waitClosed(5000), "the server kept the slow connection open");
    const qint64 elapsed = clock.elapsed();
    QVERIFY2(elapsed < 5000, qPrintable(QString::number(elapsed)));
    if (bytesPerSecond > 0)
        QVERIFY2(sent < bytes.size(), "the whole head got through at one byte per second");
    QByteArray received = client.pending();
    if (expect408) {
        const auto r = RawResponse::take(received, false);
        if (r) { // "where possible": a 408 if anything comes back at all
            QCOMPARE(r->status, 408);
            QVERIFY2(isErrorJson(*r), r->body.constData());
            QVERIFY(isRequestId(r->header("X-Request-Id")));
        } else {
            QVERIFY2(received.isEmpty(), received.constData());
        }
    } else {
        QVERIFY2(received.isEmpty(), received.constData());
    }
}

void tst_HttpCore::idleKeepAliveIsClosed()
{
    RawClient client(m_timeouts.baseUrl());
    QVERIFY(client.waitConnected());
    client.send(request("GET", "/healthz"));
    const auto r = client.next();
    QVERIFY2(r, qPrintable(describe(r, client.pending())));
    QCOMPARE(r->status, 200);
    QVERIFY(!r->closes());
    QElapsedTimer clock;
    clock.start();
    QVERIFY2(client.waitClosed(6000), "an idle keep-alive connection stayed open");
    const qint64 elapsed = clock.elapsed();
    // --idle-timeout 1500: not much earlier, not much later.
    QVERIFY2(elapsed >= 1000 && elapsed < 5000, qPrintable(QString::number(elapsed)));
    QVERIFY(client.pending().isEmpty());
}

void tst_HttpCore::expectContinue_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<qint64>("announced");
    QTest::addColumn<int>("status");

    const QByteArray small =
        QJsonDocument(QJsonObject{{QStringLiteral("username"), QStringLiteral("expect-user")},
                                  {QStringLiteral("password"), QStringLiteral("password-123")}})
            .toJson(QJsonDocument::Compact);
    QTest::newRow("small body") << small << qint64(small.size()) << 201;
    QTest::newRow("body over the route limit: 413, no 100")
        << QByteArray() << qint64(1 << 20) << 413;
}

void tst_HttpCore::expectContinue()
{
    QFETCH(QByteArray, body);
    QFETCH(qint64, announced);
    QFETCH(int, status);

    RawClient client(m_server.baseUrl());
    QVERIFY(client.waitConnected());
    client.send("POST /api/v1/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                "Expect: 100-continue\r\nContent-Length: " +
                QByteArray::number(announced) + "\r\n\r\n");
    // The client waits for the interim answer before it sends the body.
    const auto first = client.next(3000);
    QVERIFY2(first, qPrintable(describe(first, client.pending())));
    if (status == 413) {
        QCOMPARE(first->status, 413);
        QVERIFY(first->closes());
        return;
    }
    QCOMPARE(first->statusLine, QByteArray("HTTP/1.1 100 Continue"));
    client.send(body);
    const auto final = client.next();
    QVERIFY2(final, qPrintable(describe(final, client.pending())));
    QCOMPARE(final->status, status);
    QVERIFY(isRequestId(final->header("X-Request-Id")));
}

void tst_HttpCore::connectionCloseAndHttp10_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("closes");

    QTest::newRow("HTTP/1.1 Connection: close")
        << QByteArray("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n") << true;
    QTest::newRow("HTTP/1.1 connection: Close (case)")
        << QByteArray("GET /healthz HTTP/1.1\r\nHost: x\r\nconnection: Close\r\n\r\n") << true;
    QTest::newRow("HTTP/1.0") << QByteArray("GET /healthz HTTP/1.0\r\n\r\n") << true;
    QTest::newRow("HTTP/1.0 error answer") << QByteArray("GET /nowhere HTTP/1.0\r\n\r\n") << true;
    QTest::newRow("HTTP/1.1 Connection: close on 404")
        << QByteArray("GET /nowhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n") << true;
    QTest::newRow("HTTP/1.1 default keeps the connection")
        << QByteArray("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n") << false;
}

void tst_HttpCore::connectionCloseAndHttp10()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, closes);

    RawClient client(m_server.baseUrl());
    QVERIFY(client.waitConnected());
    client.send(bytes);
    const auto r = client.next();
    QVERIFY2(r, qPrintable(describe(r, client.pending())));
    QVERIFY(r->status == 200 || r->status == 404);
    QCOMPARE(r->closes(), closes);
    if (closes) {
        QVERIFY2(client.waitClosed(3000), "the server did not close after the answer");
        QVERIFY(client.pending().isEmpty());
    } else {
        client.send(request("GET", "/healthz"));
        const auto again = client.next();
        QVERIFY2(again, qPrintable(describe(again, client.pending())));
        QCOMPARE(again->status, 200);
    }
}

void tst_HttpCore::pipelinedAnswersInOrder_data()
{
    QTest::addColumn<QByteArrayList>("requests");
    QTest::addColumn<QList<int>>("statuses");

    QTest::newRow("two GETs") << QByteArrayList{request("GET", "/healthz"),
                                                request("GET", "/readyz")}
                              << QList<int>{200, 200};
    QTest::newRow("404 then 200") << QByteArrayList{request("GET", "/nowhere"),
                                                    request("GET", "/healthz")}
                                  << QList<int>{404, 200};
    QTest::newRow("HEAD between GETs")
        << QByteArrayList{request("GET", "/healthz"), request("HEAD", "/healthz"),
                          request("GET", "/readyz")}
        << QList<int>{200, 200, 200};
    // The login answers later (KDF on the thread pool); the GET behind it must still come second.
    QTest::newRow("deferred login then GET")
        << QByteArrayList{request("POST", "/api/v1/auth/token", {"Content-Type: application/json"},
                                  loginBody(QStringLiteral("pipelined-nobody"),
                                            QStringLiteral("wrong-password"))),
                          request("GET", "/healthz")}
        << QList<int>{401, 200};
    QTest::newRow("two deferred sign-ups then GET")
        << QByteArrayList{request("POST", "/api/v1/users", {"Content-Type: application/json"},
                                  loginBody(QStringLiteral("pipelined-a"),
                                            QStringLiteral("password-123"))),
                          // Another name: two sign-ups of one name race on the thread pool, and
                          // either may win; the order of the answers is what is tested here.
                          request("POST", "/api/v1/users", {"Content-Type: application/json"},
                                  loginBody(QStringLiteral("pipelined-b"),
                                            QStringLiteral("password-123"))),
                          request("GET", "/nowhere")}
        << QList<int>{201, 201, 404};
}

void tst_HttpCore::pipelinedAnswersInOrder()
{
    QFETCH(QByteArrayList, requests);
    QFETCH(QList<int>, statuses);

    RawClient client(m_server.baseUrl());
    QVERIFY(client.waitConnected());
    QByteArray all;
    QByteArrayList ids;
    for (qsizetype i = 0; i < requests.size(); ++i) {
        ids.append("pipe-" + QByteArray::number(++m_counter));
        QByteArray r = requests[i];
        r.insert(r.indexOf("\r\n") + 2, "X-Request-Id: " + ids.last() + "\r\n");
        all += r;
    }
    client.send(all); // one write: the server sees them together
    for (qsizetype i = 0; i < requests.size(); ++i) {
        const auto r = client.next(10000, requests[i].startsWith("HEAD "));
        QVERIFY2(r,
                 qPrintable(QStringLiteral("answer %1: ").arg(i) + describe(r, client.pending())));
        QCOMPARE(r->header("X-Request-Id"), ids[i]);
        QCOMPARE(r->status, statuses[i]);
    }
    QVERIFY(!client.pump(200)); // nothing more
}

// 300 pipelined GETs of a 1 MB JSON mock on one connection that does not read its answers:
// the server stops reading requests while about 1 MiB of answers is unsent (so memory stays
// flat), and serves every one of them once the client reads.
void tst_HttpCore::pipelinedAnswersAreBounded()
{
    const QString token = m_server.signUpAndLogin(QStringLiteral("pipeline-memory"));
    QVERIFY(!token.isEmpty());
    const QJsonObject mock{{QStringLiteral("identifier"), QStringLiteral("big")},
                           {QStringLiteral("response"),
                            QJsonObject{{QStringLiteral("data"), QString(1000000, u'x')}}}};
    Headers auth = TestHttp::bearer(token);
    auth.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    const HttpResult created =
        TestHttp::request("POST", m_server.url(QStringLiteral("/api/v1/endpoints")),
                          QJsonDocument(mock).toJson(), auth);
    QVERIFY2(created.status == 201, created.body.constData());
    const QByteArray path = "/u/pipeline-memory/big";
    const HttpResult one = TestHttp::get(m_server.url(QString::fromLatin1(path)));
    QCOMPARE(one.status, 200);
    QVERIFY(one.body.size() > 1000000);

    const qint64 pid = m_server.pid();
    const qint64 before = rssKiB(pid);
    constexpr int count = 300;
    QByteArray all;
    for (int i = 0; i < count; ++i)
        all += request("GET", path);
    BlockingSocket client;
    QVERIFY(client.connect(m_server.baseUrl()));
    QVERIFY(client.sendAll(all));
    qint64 peak = before;
    for (int i = 0; i < 20; ++i) { // 2 s of not reading
        QTest::qWait(100);
        peak = qMax(peak, rssKiB(pid));
    }
    qInfo("%d pipelined GETs of a 1 MB mock, unread: RSS %lld KiB before, peak %lld KiB", count,
          before, peak);
    QVERIFY2(peak - before < 48 * 1024,
             qPrintable(QStringLiteral("RSS grew from %1 KiB to %2 KiB").arg(before).arg(peak)));
    QCOMPARE(TestHttp::get(m_server.url(QStringLiteral("/healthz"))).status, 200);

    // The client reads now: every answer comes, whole and in order.
    QByteArray received;
    int answers = 0;
    while (answers < count && client.receive(&received)) {
        while (auto r = RawResponse::take(received, false)) {
            QCOMPARE(r->status, 200);
            QCOMPARE(r->body.size(), one.body.size());
            ++answers;
        }
    }
    QCOMPARE(answers, count);
}

// Large bodies share one budget for the whole process (48 MiB): three parallel 30 MiB uploads
// are admitted one after another (the others wait unread), also when the connections landed on
// different workers (a release on one worker admits a connection waiting on another), and every
// one of them completes.
void tst_HttpCore::parallelLargeUploadsAllComplete()
{
    TestServer server;
    TestServer::Options options;
    options.workers = 2;
    QVERIFY2(server.start(options), qPrintable(server.errorString()));
    const QString token = server.signUpAndLogin(QStringLiteral("large-uploads"));
    QVERIFY(!token.isEmpty());
    constexpr int count = 3;
    std::vector<QByteArray> requests;
    for (int i = 0; i < count; ++i) {
        Form form;
        form.field("identifier", "big" + QByteArray::number(i))
            .field("kind", "file")
            .field("method", "GET")
            .file(QByteArray(30 << 20, char('a' + i)), "; filename=\"big.bin\"",
                  "application/octet-stream");
        const QByteArray body = form.body();
        requests.push_back("POST /api/v1/endpoints HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                           token.toLatin1() + "\r\nContent-Type: " + form.contentType() +
                           "\r\nContent-Length: " + QByteArray::number(body.size()) +
                           "\r\nConnection: close\r\n\r\n" + body);
    }
    std::vector<int> statuses(count, 0);
    std::vector<std::thread> threads;
    for (int i = 0; i < count; ++i) {
        threads.emplace_back([&, i] {
            BlockingSocket client;
            if (!client.connect(server.baseUrl()))
                return;
            // Waiting for the budget can outlast the socket's 5 s timeout: retry partial sends.
            QByteArrayView rest = requests[size_t(i)];
            QElapsedTimer clock;
            clock.start();
            while (!rest.isEmpty() && clock.elapsed() < 60000) {
                const ssize_t n =
                    ::send(client.fd(), rest.data(), size_t(rest.size()), MSG_NOSIGNAL);
                if (n > 0)
                    rest = rest.sliced(n);
                else if (errno != EAGAIN && errno != EWOULDBLOCK)
                    return;
            }
            QByteArray received;
            while (clock.elapsed() < 60000) {
                if (auto r = RawResponse::take(received, false)) {
                    statuses[size_t(i)] = r->status;
                    return;
                }
                if (!client.receive(&received) && errno != EAGAIN && errno != EWOULDBLOCK)
                    return;
            }
        });
    }
    for (auto &t : threads)
        t.join();
    for (int i = 0; i < count; ++i)
        QCOMPARE(statuses[size_t(i)], 201);
    QCOMPARE(server.stop(), 0);
}

void tst_HttpCore::connectionCapAnswers503()
{
    TestServer server;
    TestServer::Options options;
    options.workers = 1; // the cap is per worker
    options.extraArgs = QStringList{QStringLiteral("--max-connections"), QStringLiteral("4")};
    QVERIFY2(server.start(options), qPrintable(server.errorString()));

    std::vector<std::unique_ptr<RawClient>> held;
    for (int i = 0; i < 4; ++i) {
        held.push_back(std::make_unique<RawClient>(server.baseUrl()));
        QVERIFY(held.back()->waitConnected());
        held.back()->send(request("GET", "/healthz"));
        const auto r = held.back()->next();
        QVERIFY2(r, qPrintable(describe(r, held.back()->pending())));
        QCOMPARE(r->status, 200);
    }

    RawClient extra(server.baseUrl());
    QVERIFY(extra.waitConnected());
    const auto refused = extra.next();
    QVERIFY2(refused, qPrintable(describe(refused, extra.pending())));
    QCOMPARE(refused->status, 503);
    QVERIFY2(isErrorJson(*refused), refused->body.constData());
    QVERIFY(refused->closes());
    QVERIFY(refused->hasHeader("Retry-After"));
    QVERIFY2(isRequestId(refused->header("X-Request-Id")), "the 503 has no X-Request-Id");
    QVERIFY(extra.waitClosed(3000));

    // The held connections still work, and a freed slot is usable again.
    held.front()->send(request("GET", "/healthz"));
    const auto stillServed = held.front()->next();
    QVERIFY2(stillServed, qPrintable(describe(stillServed, held.front()->pending())));
    QCOMPARE(stillServed->status, 200);
    held.back()->socket().disconnectFromHost();
    held.pop_back();
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const auto r =
                once(server.baseUrl(), request("GET", "/healthz", {"Connection: close"}));
            return r && r->status == 200;
        }(),
        5000);
    held.clear();
    QCOMPARE(server.stop(), 0);
}

// A login runs the KDF on the thread pool and answers later; clients that have gone by then
// must not crash the server (QHttpServer 6.4's responder keeps a raw socket pointer).
void tst_HttpCore::deferredAnswerToGoneClient_data()
{
    QTest::addColumn<QString>("backend");
    for (const QString &backend : TestServer::backends())
        QTest::newRow(qPrintable(backend)) << backend;
}

void tst_HttpCore::deferredAnswerToGoneClient()
{
    QFETCH(QString, backend);

    TestServer server;
    TestServer::Options options;
    options.backend = backend;
    // Attempts in flight count against the login throttle (docs/API.md): lift it, this test is
    // about answers whose client has gone. A KDF of 150,000 iterations (~30 ms) still outlasts the
    // client by far, and 200 of them fit the test function's time on a loaded machine.
    options.extraArgs = QStringList{QStringLiteral("--kdf-iterations"), QStringLiteral("150000"),
                                    QStringLiteral("--login-max-failures"), QStringLiteral("1000"),
                                    QStringLiteral("--login-max-failures-per-user"),
                                    QStringLiteral("1000")};
    QVERIFY2(server.start(options), qPrintable(server.errorString()));
    const QString password = QStringLiteral("password-123");
    QVERIFY(!server.signUpAndLogin(QStringLiteral("gone-client"), password).isEmpty());

    const QByteArray login =
        request("POST", "/api/v1/auth/token", {"Content-Type: application/json"},
                loginBody(QStringLiteral("gone-client"), password));
    auto countGone = [&] {
        int n = 0;
        for (const QByteArray &line : server.log().split('\n')) {
            if (line.contains("\"POST /api/v1/auth/token\"") && line.contains("client-gone"))
                ++n;
        }
        return n;
    };

    constexpr int batches = 4;
    constexpr int perBatch = 50;
    for (int batch = 0; batch < batches; ++batch) {
        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        for (int i = 0; i < perBatch; ++i) {
            auto socket = std::make_unique<QTcpSocket>();
            socket->connectToHost(server.baseUrl().host(), quint16(server.baseUrl().port()));
            sockets.push_back(std::move(socket));
        }
        for (auto &socket : sockets) {
            QVERIFY(socket->waitForConnected(5000));
            socket->write(login);
            QVERIFY(socket->waitForBytesWritten(5000));
            socket->close(); // gone long before the KDF is done
        }
        sockets.clear();
        // The worker threads stay responsive while the pool grinds.
        QCOMPARE(TestHttp::get(server.url(QStringLiteral("/healthz"))).status, 200);
        // Every deferred answer of this batch found its client gone, and nothing broke. Fifty
        // KDFs share two cores with whatever else the machine runs: allow for a slow pool (the
        // wait ends as soon as they are done).
        QTest::qWaitFor(
            [&] { return countGone() >= (batch + 1) * perBatch || !server.running(); }, 60000);
        QVERIFY2(server.running() && countGone() >= (batch + 1) * perBatch,
                 qPrintable(QStringLiteral("%1 of %2 gone; the log ends: %3")
                                .arg(countGone())
                                .arg((batch + 1) * perBatch)
                                .arg(QString::fromUtf8(server.log().right(3000)))));
    }
    QCOMPARE(countGone(), batches * perBatch);
    QCOMPARE(TestHttp::get(server.url(QStringLiteral("/healthz"))).status, 200);
    QCOMPARE(TestHttp::get(server.url(QStringLiteral("/readyz"))).status, 200);
    // Nothing is left behind: only the /metrics request itself is in flight.
    QCOMPARE(server.metric("depot_requests_in_flight"), 1);
    QVERIFY(!server.log().contains("FATAL"));
    QCOMPARE(server.stop(), 0);
}

void tst_HttpCore::operatorEndpoints_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArrayList>("mustContain");

    QTest::newRow("healthz") << QStringLiteral("/healthz") << QByteArray("application/json")
                             << QByteArrayList{"\"status\":\"ok\""};
    QTest::newRow("readyz") << QStringLiteral("/readyz") << QByteArray("application/json")
                            << QByteArrayList{"\"status\":\"ready\""};
    QTest::newRow("metrics") << QStringLiteral("/metrics") << QByteArray("text/plain")
                             << QByteArrayList{"# TYPE depot_connections_open gauge\n",
                                               "\ndepot_connections_open ",
                                               "depot_requests_in_flight ",
                                               "depot_responses_total{class=\"2xx\"} "};
}

void tst_HttpCore::operatorEndpoints()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArrayList, mustContain);

    const HttpResult r = TestHttp::get(m_server.url(path));
    QCOMPARE(r.status, 200);
    QVERIFY2(r.header("Content-Type").startsWith(contentType),
             r.header("Content-Type").constData());
    for (const QByteArray &text : mustContain)
        QVERIFY2(r.body.contains(text),
                 qPrintable(QString::fromLatin1(text) + QStringLiteral(" missing in:\n") +
                            QString::fromUtf8(r.body)));
    QVERIFY(isRequestId(r.header("X-Request-Id")));
    if (path == u"/metrics") {
        // At least this very connection is open.
        QVERIFY(m_server.metric("depot_connections_open") >= 1);
    }
}

QTEST_GUILESS_MAIN(tst_HttpCore)
#include "tst_httpcore.moc"
