#include "net/ConnectionState.h"

#include "config/Log.h"
#include "crypto/SecureRandom.h"
#include "http/ApiError.h"
#include "config/Metrics.h"

#include <sys/socket.h>

namespace depot {
namespace {

// Drops everything the client sent so far. QHttpServer keeps a read transaction open until a
// request is complete, and bytes read inside it stay buffered for a rollback: end it first, or
// every discarded byte of a refused 10 GB upload would be kept in memory.
void discardInput(QTcpSocket *socket)
{
    if (socket->isTransactionStarted())
        socket->commitTransaction();
    socket->read(socket->bytesAvailable());
}

} // namespace

ConnectionState::ConnectionState(QTcpSocket *socket, const GuardSettings &settings,
                                 RequestFramer::BodyLimit bodyLimit)
    : QObject(socket), m_socket(socket), m_settings(settings),
      m_framer(settings.framer, std::move(bodyLimit))
{
    m_framer.onHead = [this](const RequestHead &head) {
        // The head passed every check (a body over the limit got its 413 instead): let a client
        // waiting on "Expect: 100-continue" send the body. Not while earlier answers on this
        // connection are still due, which a 100 must not overtake: that client sends after its
        // own short wait.
        if (head.expectContinue && head.minorVersion == 1 &&
            (head.chunked || head.contentLength > 0) && m_inFlight == 0 && m_heads.isEmpty())
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        m_heads.enqueue(head);
    };
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ConnectionState::onTimeout);
    m_phaseClock.start();
    Metrics::connectionsOpen.fetch_add(1, std::memory_order_relaxed);
    Metrics::connectionsTotal.fetch_add(1, std::memory_order_relaxed);
    armTimer();
}

ConnectionState::~ConnectionState()
{
    Metrics::connectionsOpen.fetch_sub(1, std::memory_order_relaxed);
    // Exchanges whose client went away never finish here.
    Metrics::requestsInFlight.fetch_sub(m_inFlight, std::memory_order_relaxed);
}

ConnectionState *ConnectionState::of(QTcpSocket *socket)
{
    return socket ? socket->findChild<ConnectionState *>(QString(), Qt::FindDirectChildrenOnly)
                  : nullptr;
}

void ConnectionState::beforeRead()
{
    if (m_rejected) { // keep draining what the client sends so memory stays flat
        discardInput(m_socket);
        return;
    }
    const qint64 available = m_socket->bytesAvailable();
    const qint64 fresh = available - m_seenAtFront;
    if (fresh <= 0)
        return;
    if (m_seenAtFront == 0 && m_framer.plainBodyRemaining() >= fresh) {
        m_framer.skipPlainBody(fresh); // body bytes need no look
    } else {
        const QByteArray data = m_socket->peek(available);
        if (const auto rejection = m_framer.feed(QByteArrayView(data).sliced(m_seenAtFront))) {
            reject(*rejection);
            return;
        }
    }
    m_seenAtFront = available;
    if (m_framer.readingHead()) {
        if (!m_wasReadingHead)
            m_phaseClock.restart(); // the head deadline counts from its first byte
        m_wasReadingHead = true;
    } else {
        m_wasReadingHead = false;
        m_phaseClock.restart(); // body progress or a completed head
    }
    armTimer();
}

void ConnectionState::afterRead()
{
    // Whatever QHttpServer left unread has been framed already.
    m_seenAtFront = m_rejected ? 0 : m_socket->bytesAvailable();
}

ConnectionState::Ticket ConnectionState::beginExchange()
{
    ++m_inFlight;
    Metrics::requestsInFlight.fetch_add(1, std::memory_order_relaxed);
    armTimer();
    return Ticket{m_nextSequence++, m_heads.isEmpty() ? RequestHead{} : m_heads.dequeue()};
}

void ConnectionState::whenTurn(quint64 sequence, std::function<void()> start)
{
    if (sequence == m_writeSequence)
        start();
    else
        m_waiting.insert(sequence, std::move(start));
}

void ConnectionState::finishExchange(quint64 sequence, bool close)
{
    --m_inFlight;
    Metrics::requestsInFlight.fetch_sub(1, std::memory_order_relaxed);
    m_writeSequence = sequence + 1;
    if (close) {
        m_rejected = true; // nothing more is read from this connection
        m_socket->disconnectFromHost();
        return;
    }
    if (m_inFlight == 0)
        m_phaseClock.restart();
    if (auto next = m_waiting.take(m_writeSequence))
        next();
    armTimer();
    if (m_draining)
        closeIfIdle();
}

void ConnectionState::drain()
{
    m_draining = true;
    closeIfIdle();
}

void ConnectionState::closeIfIdle()
{
    if (m_inFlight == 0 && m_framer.idle() && !m_rejected)
        m_socket->disconnectFromHost();
}

void ConnectionState::reject(const FramerRejection &rejection)
{
    m_rejected = true;
    m_timer.stop();
    Metrics::guardRefusals.add(Metrics::refusalReason(rejection.status));
    qCInfo(lcGuard).noquote() << tr("refused %1 with %2: %3")
                                     .arg(m_socket->peerAddress().toString())
                                     .arg(rejection.status)
                                     .arg(rejection.detail);
    discardInput(m_socket); // QHttpServer's slot, next, finds nothing to parse

    ApiError error = rejection.status == 401 ? ApiError::unauthorized(rejection.detail)
                                             : ApiError::make(rejection.status, rejection.detail);
    const HttpResponse response = error.toResponse();
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' +
                     reasonPhrase(response.status) + "\r\n";
    for (const auto &h : response.headers)
        out += h.first + ": " + h.second + "\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) +
           "\r\nConnection: close\r\nX-Request-Id: " + SecureRandom::urlSafeId(12).toLatin1() +
           "\r\n\r\n" + response.body;
    m_socket->write(out);
    Metrics::countResponse(response.status, response.body.size());

    // Lingering close: half-close once the answer is out and keep discarding input for a
    // moment, so the client reads the answer instead of a connection reset.
    // Over TLS, a close_notify after the answer instead (a raw half-close would cut the stream).
    if (m_socket->inherits("QSslSocket"))
        m_socket->disconnectFromHost();
    else
        connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
            if (m_socket->bytesToWrite() == 0 && m_socket->socketDescriptor() >= 0)
                ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
        });
    QTimer::singleShot(m_settings.lingerMs, this, [this] { m_socket->abort(); });
}

void ConnectionState::armTimer()
{
    if (m_rejected)
        return;
    qint64 limit = -1;
    if (m_framer.readingHead())
        limit = m_settings.headerTimeoutMs;
    else if (m_framer.readingBody())
        limit = m_settings.bodyTimeoutMs;
    else if (m_inFlight == 0)
        limit = m_settings.idleTimeoutMs;
    if (limit < 0) {
        m_timer.stop();
        return;
    }
    m_timer.start(int(qMax<qint64>(0, limit - m_phaseClock.elapsed())));
}

void ConnectionState::onTimeout()
{
    if (m_framer.readingHead())
        reject({408, tr("the request head was not received in time")});
    else if (m_framer.readingBody())
        reject({408, tr("the request body stalled")});
    else if (m_inFlight == 0)
        m_socket->disconnectFromHost();
}

} // namespace depot
