#include "FramingOracle.h"

#include "http/HttpExchange.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

namespace depot::test {
namespace {

// The method token as QHttpServer 6.4 classifies it (exact, case-sensitive names).
QByteArray guardMethodName(const QByteArray &token)
{
    static const QByteArrayList known = {"GET",     "PUT",   "DELETE",  "POST", "HEAD",
                                         "OPTIONS", "PATCH", "CONNECT", "TRACE"};
    return known.contains(token) ? token : QByteArrayLiteral("UNKNOWN");
}

// Path and query of a URL, as QUrl encodes them ("" path counts as "/").
QByteArray pathAndQuery(const QUrl &url)
{
    QByteArray out = url.path(QUrl::FullyEncoded).toLatin1();
    if (out.isEmpty())
        out = "/";
    if (url.hasQuery())
        out += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    return out;
}

QString printable(QByteArrayView bytes, int max = 160)
{
    QString out;
    for (char c : bytes.first(qMin<qsizetype>(bytes.size(), max))) {
        const uchar u = uchar(c);
        if (c == '\r')
            out += QStringLiteral("\\r");
        else if (c == '\n')
            out += QStringLiteral("\\n");
        else if (u < 0x20 || u >= 0x7f)
            out += QStringLiteral("\\x%1").arg(u, 2, 16, QLatin1Char('0'));
        else
            out += QLatin1Char(c);
    }
    if (bytes.size() > max)
        out += QStringLiteral("...(%1 bytes)").arg(bytes.size());
    return out;
}

// Records what the server-side socket received: a readyRead slot before QHttpServer's and one
// after it (the same arrangement as the connection guard) tell how much arrived in total.
class RecordingTcpServer : public QTcpServer
{
public:
    using QTcpServer::QTcpServer;
    qint64 received = 0;
    qint64 leftAfterQt = 0;
    QPointer<QTcpSocket> current;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        received = 0;
        leftAfterQt = 0;
        current = socket;
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
            if (socket == current)
                received += socket->bytesAvailable() - leftAfterQt;
        });
        addPendingConnection(socket);
    }
};

} // namespace

QString ParsedRequest::describe() const
{
    QString out = QString::fromLatin1(method + ' ' + target);
    for (const auto &h : headers)
        out += QStringLiteral(" [") + printable(h.first) + QStringLiteral(": ") +
               printable(h.second) + QLatin1Char(']');
    out += QStringLiteral(" body=\"") + printable(body, 60) + QLatin1Char('"');
    return out;
}

GuardFraming frameWithGuard(QByteArrayView stream, const QList<qsizetype> &cuts,
                            RequestFramer::Limits limits, qint64 bodyLimit)
{
    GuardFraming result;
    QList<ParsedRequest> complete;
    ParsedRequest current;
    RequestFramer framer(limits, [bodyLimit](const RequestHead &) { return bodyLimit; });
    framer.onHead = [&](const RequestHead &head) {
        current = ParsedRequest();
        current.method = guardMethodName(head.method);
        current.target = pathAndQuery(QUrl::fromEncoded(head.target));
        current.headers = head.fields;
    };
    framer.onBody = [&](QByteArrayView bytes) { current.body += bytes; };
    framer.onMessageEnd = [&](qint64 end) {
        complete.append(current);
        result.consumed = end;
    };
    qsizetype at = 0;
    QList<qsizetype> points = cuts;
    points.append(stream.size());
    for (qsizetype cut : points) {
        cut = qBound<qsizetype>(at, cut, stream.size());
        if (cut == at && cut != stream.size())
            continue;
        if (auto rejection = framer.feed(stream.sliced(at, cut - at))) {
            result.rejection = rejection;
            break;
        }
        at = cut;
    }
    result.requests = complete;
    return result;
}

struct QtHttpServerOracle::Private
{
    QHttpServer server;
    RecordingTcpServer *tcp = nullptr;
    QList<ParsedRequest> seen;
    QEventLoop *loop = nullptr;
};

QtHttpServerOracle::QtHttpServerOracle() : d(std::make_unique<Private>())
{
    d->tcp = new RecordingTcpServer();
    d->tcp->listen(QHostAddress::LocalHost, 0);
    Private *p = d.get();
    d->server.setMissingHandler(
        [p](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            ParsedRequest r;
            r.method = HttpExchange::methodName(request.method());
            r.target = pathAndQuery(request.url());
            r.headers = request.headers();
            r.body = request.body();
            p->seen.append(r);
            responder.write(QHttpServerResponder::StatusCode::NoContent);
            if (p->loop)
                p->loop->quit();
        });
    d->server.bind(d->tcp);
    // After QHttpServer's own pendingConnectionAvailable slot: its readyRead slot is connected
    // by then, so this one runs after it.
    QObject::connect(d->tcp, &QTcpServer::pendingConnectionAvailable, d->tcp, [p] {
        if (QTcpSocket *socket = p->tcp->current) {
            QObject::connect(socket, &QTcpSocket::readyRead, p->tcp, [p, socket] {
                if (socket == p->tcp->current)
                    p->tcp->leftAfterQt = socket->bytesAvailable();
            });
        }
    });
}

QtHttpServerOracle::~QtHttpServerOracle() = default;

bool QtHttpServerOracle::listening() const
{
    return d->tcp->isListening();
}

QByteArray QtHttpServerOracle::sentinel()
{
    return "GET /framing-sentinel?end=1 HTTP/1.1\r\nHost: sentinel\r\n\r\n";
}

ParsedRequest QtHttpServerOracle::sentinelRequest()
{
    return ParsedRequest{"GET", "/framing-sentinel?end=1", {{"Host", "sentinel"}}, {}};
}

QList<ParsedRequest> QtHttpServerOracle::parse(const QByteArray &stream,
                                               const QList<qsizetype> &cuts, int quietMs)
{
    d->seen.clear();
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, d->tcp->serverPort());
    QEventLoop loop;
    d->loop = &loop;
    QTimer quiet;
    quiet.setSingleShot(true);
    QObject::connect(&quiet, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(&client, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
    QObject::connect(&client, &QTcpSocket::connected, &loop, &QEventLoop::quit);
    QObject::connect(&client, &QTcpSocket::readyRead, &client, [&client] { client.readAll(); });
    quiet.start(2000);
    if (client.state() != QAbstractSocket::ConnectedState)
        loop.exec();
    // Wait until the server side has accepted the connection.
    QElapsedTimer clock;
    clock.start();
    while (!d->tcp->current && clock.elapsed() < 2000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 10);

    qsizetype at = 0;
    QList<qsizetype> points = cuts;
    points.append(stream.size());
    for (qsizetype cut : points) {
        cut = qBound<qsizetype>(at, cut, stream.size());
        if (cut == at)
            continue;
        client.write(stream.constData() + at, cut - at);
        client.flush();
        at = cut;
        // Each piece is received (and parsed) on its own before the next is sent.
        clock.restart();
        while (d->tcp->current && d->tcp->received < at && clock.elapsed() < 2000 &&
               client.state() == QAbstractSocket::ConnectedState)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
        QCoreApplication::processEvents();
    }
    // Then wait for requests until the sentinel, a close, or quiet.
    const ParsedRequest end = sentinelRequest();
    while (client.state() == QAbstractSocket::ConnectedState &&
           (d->seen.isEmpty() || !(d->seen.last() == end))) {
        quiet.start(quietMs);
        const qsizetype before = d->seen.size();
        loop.exec();
        if (d->seen.size() == before)
            break; // quiet or closed
    }
    d->loop = nullptr;
    client.abort();
    QCoreApplication::processEvents();
    return d->seen;
}

FramingVerdict compareFraming(QtHttpServerOracle &qt, const QByteArray &stream,
                              const QList<qsizetype> &cuts, RequestFramer::Limits limits)
{
    FramingVerdict verdict;
    const GuardFraming guard = frameWithGuard(stream, cuts, limits);
    verdict.refused = guard.rejection.has_value();
    verdict.requests = int(guard.requests.size());
    // QHttpServer gets what the guard let through: the complete requests it framed (a refusal
    // discards the rest, and an unfinished request has not reached a handler yet), then the
    // sentinel. Cuts beyond that prefix do not apply.
    QList<qsizetype> qtCuts;
    for (qsizetype cut : cuts) {
        if (cut > 0 && cut < guard.consumed)
            qtCuts.append(cut);
    }
    // The sentinel is a probe, not client data: it arrives in a read of its own.
    if (guard.consumed > 0)
        qtCuts.append(guard.consumed);
    const QByteArray sent = stream.left(guard.consumed) + QtHttpServerOracle::sentinel();
    const QList<ParsedRequest> seen = qt.parse(sent, qtCuts);
    QList<ParsedRequest> expected = guard.requests;
    expected.append(QtHttpServerOracle::sentinelRequest());
    verdict.agree = seen == expected;
    if (!verdict.agree) {
        QString text = QStringLiteral("stream: \"%1\"\ncuts:").arg(printable(stream, 400));
        for (qsizetype c : cuts)
            text += QLatin1Char(' ') + QString::number(c);
        text += QStringLiteral("\nguard %1 (%2):")
                    .arg(guard.rejection ? QStringLiteral("refused %1 %2")
                                               .arg(guard.rejection->status)
                                               .arg(guard.rejection->detail)
                                         : QStringLiteral("accepted"))
                    .arg(guard.consumed);
        for (const ParsedRequest &r : expected)
            text += QStringLiteral("\n  ") + r.describe();
        text += QStringLiteral("\nQHttpServer:");
        for (const ParsedRequest &r : seen)
            text += QStringLiteral("\n  ") + r.describe();
        verdict.explanation = text;
    }
    return verdict;
}

} // namespace depot::test
