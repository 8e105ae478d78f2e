#include "http/HttpExchange.h"

#include "codec/FormData.h"
#include "config/Log.h"
#include "config/Metrics.h"
#include "http/BodyStreamer.h"
#include "net/ResponseWriter.h"

#include <QDateTime>
#include <QDebug>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>
#include <cerrno>

#include <sys/socket.h>

namespace depot {
namespace {

bool bodyless(const QByteArray &method, int status)
{
    return method == "HEAD" || status == 204 || status == 304 || status < 200;
}

} // namespace

void RouteParams::insert(const QString &name, const QString &value)
{
    for (auto &item : m_items) {
        if (item.first == name) {
            item.second = value;
            return;
        }
    }
    m_items.append({name, value});
}

QString RouteParams::value(const QString &name) const
{
    for (const auto &item : m_items) {
        if (item.first == name)
            return item.second;
    }
    return {};
}

QByteArray HttpExchange::methodName(QHttpServerRequest::Method m)
{
    switch (m) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    case QHttpServerRequest::Method::Connect:
        return "CONNECT";
    case QHttpServerRequest::Method::Trace:
        return "TRACE";
    default:
        return "UNKNOWN";
    }
}

HttpExchange::HttpExchange(const QHttpServerRequest &request, QTcpSocket *socket,
                           const QString &publicUrl, bool logRequests)
    : m_body(request.body()), m_headers(request.headers()), m_remote(request.remoteAddress()),
      m_publicUrl(publicUrl), m_socket(socket), m_connection(ConnectionState::of(socket)),
      m_logRequests(logRequests)
{
    m_clock.start();
    if (m_connection) {
        const ConnectionState::Ticket ticket = m_connection->beginExchange();
        m_sequence = ticket.sequence;
        m_method = ticket.head.method;
        m_target = ticket.head.target;
        m_keepAlive = ticket.head.keepAlive;
        m_minorVersion = ticket.head.minorVersion;
    }
    if (m_method.isEmpty()) {
        m_method = methodName(request.method());
        m_target = request.url().toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority);
    }
    takeRequestId();
}

HttpExchange::HttpExchange(QTcpSocket *socket, const QString &publicUrl, bool logRequests)
    : m_remote(socket->peerAddress()), m_publicUrl(publicUrl), m_socket(socket),
      m_connection(ConnectionState::of(socket)), m_logRequests(logRequests)
{
    m_clock.start();
    Q_ASSERT(m_connection);
    ConnectionState::Ticket ticket = m_connection->beginExchange();
    m_sequence = ticket.sequence;
    m_method = std::move(ticket.head.method);
    m_target = std::move(ticket.head.target);
    m_keepAlive = ticket.head.keepAlive;
    m_minorVersion = ticket.head.minorVersion;
    m_headers = std::move(ticket.head.fields); // as QHttpServer's parser keeps them
    takeRequestId();
}

void HttpExchange::takeRequestId()
{
    // The client's id if it is 1-64 of [A-Za-z0-9._-], else our own.
    const QByteArray incoming = header("X-Request-Id");
    const bool safe = !incoming.isEmpty() && incoming.size() <= 64 &&
                      std::all_of(incoming.begin(), incoming.end(), [](char c) {
                          return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                                 (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
                      });
    m_requestId = safe ? incoming : ResponseWriter::newRequestId();
}

HttpExchange::~HttpExchange()
{
    if (!m_responded) // a handler lost its answer: never leave the client hanging
        respond(ApiError::internal(tr("the request was not answered")).toResponse());
}

QByteArray HttpExchange::rawPath() const
{
    const qsizetype q = m_target.indexOf('?');
    return q < 0 ? m_target : m_target.left(q);
}

std::optional<QString> HttpExchange::queryValue(const QString &name) const
{
    const qsizetype q = m_target.indexOf('?');
    if (q < 0)
        return std::nullopt;
    return FormData::value(QByteArrayView(m_target).sliced(q + 1), name);
}

QByteArray HttpExchange::header(QByteArrayView name) const
{
    return headerValue(m_headers, name);
}

QString HttpExchange::baseUrl() const
{
    if (!m_publicUrl.isEmpty())
        return m_publicUrl.endsWith(u'/') ? m_publicUrl.chopped(1) : m_publicUrl;
    const QString scheme = isTls() ? QStringLiteral("https://") : QStringLiteral("http://");
    const QString host = QString::fromLatin1(header("Host"));
    if (isUsableHost(host))
        return scheme + host;
    if (m_socket)
        return scheme + QStringLiteral("%1:%2")
                            .arg(m_socket->localAddress().toString())
                            .arg(m_socket->localPort());
    return scheme + QStringLiteral("localhost");
}

bool HttpExchange::isTls() const
{
    return m_socket && m_socket->inherits("QSslSocket");
}

bool HttpExchange::isUsableHost(const QString &host)
{
    static const QRegularExpression hostPattern(
        QStringLiteral("^([A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}\\])(:[0-9]{1,5})?$"));
    return hostPattern.match(host).hasMatch();
}

bool HttpExchange::clientGone() const
{
    return !m_socket || m_socket->state() != QAbstractSocket::ConnectedState;
}

void HttpExchange::addResponseHeader(const QByteArray &name, const QByteArray &value)
{
    m_extraResponseHeaders.append({name, value});
}

QByteArray HttpExchange::serializeHead(const HttpResponse &response, qint64 contentLength,
                                       bool close) const
{
    HeaderList headers = response.headers;
    headers.append(m_extraResponseHeaders);
    const auto persistence = close                 ? ResponseWriter::Persistence::Close
                             : m_minorVersion == 0 ? ResponseWriter::Persistence::KeepAliveHttp10
                                                   : ResponseWriter::Persistence::KeepAlive;
    return ResponseWriter::head(response.status, headers, contentLength, m_requestId, persistence);
}

void HttpExchange::respond(HttpResponse response)
{
    if (m_responded)
        return;
    respondPrepared(PreparedResponse::from(response));
}

void HttpExchange::respondPrepared(const PreparedResponse &response)
{
    if (m_responded)
        return;
    m_responded = true;
    m_goneAtAnswer = clientGone(); // before the answer's own Connection: close
    const bool close = !m_keepAlive || (m_connection && m_connection->closing());
    const bool noBody = bodyless(m_method, response.status);
    const auto persistence = close                 ? ResponseWriter::Persistence::Close
                             : m_minorVersion == 0 ? ResponseWriter::Persistence::KeepAliveHttp10
                                                   : ResponseWriter::Persistence::KeepAlive;
    // The head and body in one buffer, written once: one allocation, one write(2).
    QByteArray out;
    out.reserve(response.head.size() + 192 + (noBody ? 0 : response.body.size()));
    out += response.head;
    bool nosniff = response.nosniff;
    ResponseWriter::appendHeaders(out, m_extraResponseHeaders, &nosniff);
    ResponseWriter::appendTail(out, response.status, response.body.size(), nosniff, m_requestId,
                               persistence);
    if (!noBody)
        out += response.body;
    const int status = response.status;
    const qint64 bytes = noBody ? 0 : response.body.size();
    if (!m_connection) {
        finish(status, 0, true);
        return;
    }
    const quint64 sequence = m_sequence;
    if (m_connection->isTurn(sequence)) { // the usual case: nothing earlier is still due
        if (m_socket && m_socket->state() == QAbstractSocket::ConnectedState)
            m_connection->send(out);
        m_connection->finishExchange(sequence, close);
        finish(status, bytes, close);
        return;
    }
    QPointer<QTcpSocket> socket = m_socket;
    QPointer<ConnectionState> connection = m_connection;
    // The answer waits for earlier answers on this connection (pipelining).
    m_connection->whenTurn(sequence, [socket, connection, sequence, out, close] {
        if (connection) {
            if (socket && socket->state() == QAbstractSocket::ConnectedState)
                connection->send(out);
            connection->finishExchange(sequence, close);
        }
    });
    finish(status, bytes, close);
}

void HttpExchange::respondJson(int status, const QJsonValue &value, const HeaderList &extra)
{
    HttpResponse response = HttpResponse::json(status, value);
    response.headers.append(extra);
    respond(std::move(response));
}

void HttpExchange::fail(const ApiError &error)
{
    respond(error.toResponse());
}

void HttpExchange::respondFile(HttpResponse head, const QString &path, qint64 offset, qint64 length)
{
    if (m_responded)
        return;
    std::shared_ptr<FileHandle> file = FileHandle::open(path);
    if (!file) {
        qCWarning(lcHttp).noquote() << tr("cannot read %1: %2").arg(path, qt_error_string(errno));
        fail(ApiError::internal(tr("the stored file cannot be read")));
        return;
    }
    respondFile(std::move(head), std::move(file), offset, length);
}

void HttpExchange::respondFile(HttpResponse head, std::shared_ptr<FileHandle> file, qint64 offset,
                               qint64 length)
{
    if (m_responded)
        return;
    if (file->size() < offset + length) {
        qCWarning(lcHttp).noquote()
            << tr("cannot read %1: %2")
                   .arg(file->path(), tr("shorter than %1 bytes").arg(offset + length));
        fail(ApiError::internal(tr("the stored file cannot be read")));
        return;
    }
    m_responded = true;
    m_goneAtAnswer = clientGone(); // before the answer's own Connection: close
    const bool close = !m_keepAlive || (m_connection && m_connection->closing());
    const bool noBody = bodyless(m_method, head.status);
    const QByteArray headBytes = serializeHead(head, length, close);
    if (!m_connection) {
        finish(head.status, 0, true);
        return;
    }
    QPointer<QTcpSocket> socket = m_socket;
    QPointer<ConnectionState> connection = m_connection;
    const quint64 sequence = m_sequence;
    m_connection->whenTurn(sequence, [=] {
        if (!socket || socket->state() != QAbstractSocket::ConnectedState) {
            if (connection)
                connection->finishExchange(sequence, true);
            return;
        }
        if (noBody || length == 0) {
            socket->write(headBytes);
            connection->finishExchange(sequence, close);
            return;
        }
        auto *streamer = new BodyStreamer(socket, file, offset, length, [=](bool ok, qint64) {
            if (connection)
                connection->finishExchange(sequence, close || !ok);
        });
        streamer->start(headBytes);
    });
    finish(head.status, noBody ? 0 : length, close);
}

void HttpExchange::abort(Abort how)
{
    if (m_responded)
        return;
    m_responded = true;
    if (!m_connection) {
        finish(0, 0, true);
        return;
    }
    QPointer<QTcpSocket> socket = m_socket;
    QPointer<ConnectionState> connection = m_connection;
    const quint64 sequence = m_sequence;
    m_connection->whenTurn(sequence, [socket, connection, sequence, how] {
        if (how == Abort::Reset && socket && socket->state() == QAbstractSocket::ConnectedState) {
            // Linger 0: close() sends RST instead of FIN, and unsent data is dropped.
            const linger hard{1, 0};
            ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &hard,
                         sizeof hard);
            socket->abort();
        }
        if (connection)
            connection->finishExchange(sequence, true);
    });
    finish(0, 0, true);
}

void HttpExchange::respondPaced(HttpResponse response, qint64 bytesPerSecond)
{
    if (m_responded)
        return;
    if (bodyless(m_method, response.status) || response.body.isEmpty() || !m_connection) {
        respond(std::move(response));
        return;
    }
    m_responded = true;
    const bool close = !m_keepAlive || m_connection->closing();
    const QByteArray head = serializeHead(response, response.body.size(), close);
    const QByteArray body = response.body;
    QPointer<QTcpSocket> socket = m_socket;
    QPointer<ConnectionState> connection = m_connection;
    const quint64 sequence = m_sequence;
    // Ten writes a second, or one byte per tick below ten bytes a second.
    const int intervalMs = bytesPerSecond >= 10 ? 100 : int(1000 / qMax<qint64>(1, bytesPerSecond));
    const qint64 chunk = qMax<qint64>(1, bytesPerSecond * intervalMs / 1000);
    m_connection->whenTurn(sequence, [=] {
        if (!socket || socket->state() != QAbstractSocket::ConnectedState) {
            if (connection)
                connection->finishExchange(sequence, true);
            return;
        }
        socket->write(head);
        auto *timer = new QTimer(socket); // goes with the socket if the client leaves
        auto sent = std::make_shared<qint64>(0);
        QObject::connect(timer, &QTimer::timeout, socket, [=] {
            socket->write(body.mid(*sent, chunk));
            *sent += chunk;
            if (*sent < body.size())
                return;
            timer->deleteLater();
            timer->stop();
            if (connection)
                connection->finishExchange(sequence, close);
        });
        timer->start(intervalMs);
    });
    finish(response.status, response.body.size(), close);
}

void HttpExchange::finish(int status, qint64 bytes, bool close)
{
    if (m_finished)
        return;
    m_finished = true;
    Metrics::countResponse(status, bytes);
    if (m_onFinished)
        std::exchange(m_onFinished, {})(status);
    const qint64 nanoseconds = m_clock.nsecsElapsed();
    Metrics::observeRequest(metricsRoute, m_method, status, nanoseconds);
    if (m_logRequests) {
        Log::Request line;
        line.requestId = m_requestId;
        line.remote = m_remote.toString();
        line.method = m_method;
        line.route = Metrics::routePattern(metricsRoute);
        line.path = ResponseWriter::loggableTarget(m_target);
        line.status = status;
        line.bytes = bytes;
        line.durationMs = nanoseconds / 1e6;
        if (user)
            line.user = user->username;
        line.userAgent = header("User-Agent").left(256);
        line.clientGone = m_goneAtAnswer;
        Log::request(line);
    }
}

} // namespace depot
