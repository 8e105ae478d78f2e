#include "net/ConnectionState.h"

#include "config/Log.h"
#include "config/Metrics.h"
#include "net/ResponseWriter.h"

#include <QVarLengthArray>

#include <cerrno>

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

bool BodyBudget::acquireOrWait(qint64 bytes, ConnectionState *state)
{
    QMutexLocker lock(&m_mutex);
    if (m_used > 0 && m_used + bytes > m_capacity) {
        if (!m_waiting.contains(state))
            m_waiting.append(state);
        return false;
    }
    m_used += bytes;
    return true;
}

void BodyBudget::force(qint64 bytes)
{
    QMutexLocker lock(&m_mutex);
    m_used += bytes;
}

void BodyBudget::release(qint64 bytes)
{
    QMutexLocker lock(&m_mutex);
    m_used -= bytes;
    // Every waiter tries again on its own thread, in the order they came; whoever does not fit
    // queues again. Under the lock: a waiter cannot die (forget() takes it) before the call is
    // posted, and a posted call to a dead object is dropped by Qt.
    for (ConnectionState *state : std::exchange(m_waiting, {}))
        QMetaObject::invokeMethod(state, &ConnectionState::budgetFreed, Qt::QueuedConnection);
}

void BodyBudget::forget(ConnectionState *state)
{
    QMutexLocker lock(&m_mutex);
    m_waiting.removeAll(state);
}

ConnectionState::ConnectionState(QTcpSocket *socket, const GuardSettings &settings,
                                 RequestFramer::BodyLimit bodyLimit,
                                 std::shared_ptr<BodyBudget> budget, UpgradePolicy upgradePolicy,
                                 DirectDispatch direct)
    : QObject(socket), m_socket(socket), m_settings(settings),
      m_framer(settings.framer, std::move(bodyLimit)), m_upgradePolicy(std::move(upgradePolicy)),
      m_direct(std::move(direct)), m_tls(socket->inherits("QSslSocket")),
      m_budget(std::move(budget))
{
    m_framer.upgradeAllowed = m_upgradePolicy;
    m_framer.onHead = [this](const RequestHead &head) {
        qint64 held = 0;
        if (m_budgetWanted > 0)
            ++m_headsAfterWaiting;
        if (m_budget && head.contentLength >= m_settings.largeBodyBytes) {
            // Waiting is only possible while QHttpServer has not begun reading this request.
            const bool mustAdmit =
                !m_inReadyRead || m_socket->isTransactionStarted() || m_budgetWanted > 0;
            if (mustAdmit) {
                m_budget->force(head.contentLength); // taken, beyond the budget if need be
                held = head.contentLength;
            } else if (m_budget->acquireOrWait(head.contentLength, this)) {
                held = head.contentLength;
            } else {
                m_budgetWanted = head.contentLength;
                m_timer.stop();
            }
        }
        m_headBudgets.enqueue(held);
        m_budgetHeld += held;
        // The head passed every check (a body over the limit got its 413 instead): let a client
        // waiting on "Expect: 100-continue" send the body. Not while earlier answers on this
        // connection are still due, which a 100 must not overtake: that client sends after its
        // own short wait.
        if (head.expectContinue && head.minorVersion == 1 && m_budgetWanted == 0 &&
            (head.chunked || head.contentLength > 0) && m_inFlight == 0 && m_heads.isEmpty())
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        m_heads.enqueue(head);
    };
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ConnectionState::onTimeout);
    connect(socket, &QTcpSocket::bytesWritten, this, [this] {
        if (m_paused)
            updatePause();
    });
    m_phaseClock.start();
    Metrics::connectionsOpen.add(1);
    Metrics::connectionsTotal.add(1);
    armTimer();
}

ConnectionState::~ConnectionState()
{
    if (onClosed)
        onClosed();
    if (m_budget) {
        m_budget->forget(this);
        if (m_budgetHeld > 0)
            m_budget->release(m_budgetHeld);
    }
    Metrics::connectionsOpen.add(-1);
    // Exchanges whose client went away never finish here.
    Metrics::requestsInFlight.add(-m_inFlight);
}

ConnectionState *ConnectionState::of(QTcpSocket *socket)
{
    return socket ? socket->findChild<ConnectionState *>(QString(), Qt::FindDirectChildrenOnly)
                  : nullptr;
}

void ConnectionState::beforeRead()
{
    if (m_upgraded)
        return;
    if (m_rejected) { // keep draining what the client sends so memory stays flat
        discardInput(m_socket);
        return;
    }
    m_inReadyRead = true;
    if (m_hiding) // a nested emission: everything is framed and hidden already
        return;
    const qint64 available = m_socket->bytesAvailable();
    const qint64 fresh = available - m_seenAtFront;
    if (fresh <= 0) {
        if (m_paused) // nothing new, but what is buffered stays out of QHttpServer's sight
            hideInput();
        else
            dispatchDirect(); // QHttpServer asked again after a request: the next may be ours
        return;
    }
    if (m_seenAtFront == 0 && m_framer.plainBodyRemaining() >= fresh) {
        m_framer.skipPlainBody(fresh); // body bytes need no look
    } else {
        // A look at the bytes without taking them (QHttpServer may read them next); the usual
        // few requests fit on the stack.
        QVarLengthArray<char, 4096> data(available);
        data.resize(qMax<qint64>(0, m_socket->peek(data.data(), available)));
        if (const auto rejection =
                m_framer.feed(QByteArrayView(data.data(), data.size()).sliced(m_seenAtFront))) {
            reject(*rejection);
            return;
        }
    }
    m_seenAtFront = available;
    if (m_framer.upgraded()) {
        // Only the first head of an idle connection may upgrade (the framer has asked the
        // policy about the path); anything else is refused before QHttpServer sees it.
        const bool first = m_heads.size() == 1 && m_inFlight == 0;
        if (!first) {
            reject({404, tr("no WebSocket at this address")});
            return;
        }
        m_upgraded = true;
        m_heads.clear();
        m_headBudgets.clear();
        m_timer.stop();
        return;
    }
    if (m_framer.readingHead()) {
        if (!m_wasReadingHead)
            m_phaseClock.restart(); // the head deadline counts from its first byte
        m_wasReadingHead = true;
    } else {
        m_wasReadingHead = false;
        m_phaseClock.restart(); // body progress or a completed head
    }
    armTimer();
    updatePause();
    if (m_paused)
        hideInput();
    else
        dispatchDirect();
}

// The direct path: a complete request without a body, at the very front of the input while
// QHttpServer is between requests (no read transaction of its own open), needs nothing that
// QHttpServer would add. Its bytes leave the socket's buffer, so QHttpServer never parses them,
// and DirectDispatch begins its exchange from the head framed here. Answers keep their order
// through beginExchange()/whenTurn() like any other, so earlier requests still being answered
// (by QHttpServer's path or this one) come first. What follows a request with a body, or a
// partial request, is left to QHttpServer; it re-emits readyRead after each request it handles,
// and the requests after it come back here.
void ConnectionState::dispatchDirect()
{
    if (!m_direct)
        return;
    bool took = false;
    while (!m_heads.isEmpty() && !m_paused && !m_rejected && !m_upgraded &&
           !m_socket->isTransactionStarted()) {
        const RequestHead &head = m_heads.head();
        if (head.upgrade || head.chunked || head.contentLength > 0)
            break;
        const qint64 available = m_socket->bytesAvailable();
        // Everything in the buffer has been framed: it begins this far into the stream.
        const qint64 take = head.end - (m_framer.streamOffset() - available);
        if (take <= 0 || take > available)
            break;
        m_socket->skip(take);
        took = true;
        Metrics::directRequests.add(1);
        m_direct(m_socket); // dequeues the head (beginExchange())
    }
    m_seenAtFront = m_socket->bytesAvailable();
    // With nothing left, QHttpServer's slot (next) would open a read transaction on the empty
    // buffer and leave it open until its next request, closing this path until then: it finds
    // ours instead, which afterRead() rolls back.
    if (took && m_inReadyRead && !m_hiding && !m_rejected && m_socket->isOpen() &&
        m_seenAtFront == 0 && !m_socket->isTransactionStarted()) {
        m_socket->startTransaction();
        m_hiding = true;
    }
}

void ConnectionState::afterRead()
{
    m_inReadyRead = false;
    if (m_hiding) {
        m_hiding = false;
        if (m_socket->isTransactionStarted())
            m_socket->rollbackTransaction(); // the input is back, for when reading resumes
    }
    // Whatever QHttpServer left unread has been framed already.
    m_seenAtFront = m_rejected ? 0 : m_socket->bytesAvailable();
}

void ConnectionState::budgetFreed()
{
    if (m_rejected || m_budgetWanted == 0 || !m_budget->acquireOrWait(m_budgetWanted, this))
        return; // a dead connection no longer waits
    const qsizetype waiting = m_headBudgets.size() - 1 - m_headsAfterWaiting;
    if (waiting >= 0)
        m_headBudgets[waiting] = m_budgetWanted;
    m_headsAfterWaiting = 0;
    m_budgetHeld += m_budgetWanted;
    m_budgetWanted = 0;
    m_phaseClock.restart();
    armTimer();
    updatePause();
}

bool ConnectionState::overBound() const
{
    return m_budgetWanted > 0 || m_inFlight >= m_settings.maxPendingAnswers ||
           m_socket->bytesToWrite() > m_settings.maxUnsentBytes;
}

// While paused, QHttpServer must not parse another request: during each readyRead our own read
// transaction takes the input out of its sight (afterRead() rolls it back), and a small read
// buffer makes the socket stop reading from the kernel, so TCP flow control stops the client.
// A request QHttpServer is in the middle of (its own transaction is open) is finished first.
void ConnectionState::hideInput()
{
    if (m_hiding || !m_inReadyRead || m_socket->isTransactionStarted() ||
        m_socket->bytesAvailable() == 0)
        return;
    m_socket->startTransaction();
    m_socket->read(m_socket->bytesAvailable());
    m_hiding = true;
}

void ConnectionState::updatePause()
{
    if (m_rejected)
        return;
    if (!m_paused && overBound()) {
        m_paused = true;
        m_socket->setReadBufferSize(64 * 1024);
        hideInput();
        return;
    }
    if (m_paused && m_budgetWanted == 0 && m_inFlight <= m_settings.maxPendingAnswers / 2 &&
        m_socket->bytesToWrite() <= m_settings.maxUnsentBytes / 2) {
        m_paused = false;
        m_socket->setReadBufferSize(0);
        // What arrived meanwhile waits in the socket's buffer: have it parsed now.
        QTimer::singleShot(0, this, [this] {
            if (!m_paused && !m_rejected && m_socket->bytesAvailable() > 0)
                Q_EMIT m_socket->readyRead();
        });
    }
}

ConnectionState::Ticket ConnectionState::beginExchange()
{
    ++m_inFlight;
    Metrics::requestsInFlight.add(1);
    armTimer();
    updatePause();
    if (!m_headBudgets.isEmpty()) {
        if (const qint64 held = m_headBudgets.dequeue())
            m_budgetBySequence.insert(m_nextSequence, held);
    }
    return Ticket{m_nextSequence++, m_heads.isEmpty() ? RequestHead{} : m_heads.dequeue()};
}

void ConnectionState::whenTurn(quint64 sequence, std::function<void()> start)
{
    if (sequence == m_writeSequence)
        start();
    else
        m_waiting.insert(sequence, std::move(start));
}

void ConnectionState::send(const QByteArray &bytes)
{
    qint64 sent = 0;
    if (!m_tls && m_socket->bytesToWrite() == 0 && m_socket->socketDescriptor() >= 0) {
        ssize_t n;
        do {
            n = ::send(int(m_socket->socketDescriptor()), bytes.constData(), size_t(bytes.size()),
                       MSG_NOSIGNAL | MSG_DONTWAIT);
        } while (n < 0 && errno == EINTR);
        // A failure other than a full kernel buffer: the socket's own write reports it, as
        // before (error, then disconnected).
        sent = n > 0 ? n : 0;
    }
    if (sent < bytes.size())
        m_socket->write(bytes.constData() + sent, bytes.size() - sent);
}

void ConnectionState::finishExchange(quint64 sequence, bool close)
{
    --m_inFlight;
    Metrics::requestsInFlight.add(-1);
    m_writeSequence = sequence + 1;
    if (const qint64 held = m_budgetBySequence.take(sequence); held > 0 && m_budget) {
        m_budgetHeld -= held;
        m_budget->release(held);
    }
    if (close) {
        m_rejected = true; // nothing more is read from this connection
        // Nor handled (RFC 9112 §9.6): requests still in the buffer behind the closing one
        // would otherwise reach QHttpServer's slot, run and be journaled, unanswered.
        discardInput(m_socket);
        m_socket->disconnectFromHost();
        return;
    }
    if (m_inFlight == 0)
        m_phaseClock.restart();
    if (auto next = m_waiting.take(m_writeSequence))
        next();
    armTimer();
    updatePause();
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
    if (m_inFlight == 0 && m_framer.idle() && !m_rejected && !m_upgraded)
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

    HeaderList headers;
    if (rejection.status == 401)
        headers.append({QByteArrayLiteral("WWW-Authenticate"),
                        QByteArrayLiteral("Bearer realm=\"depot\", error=\"invalid_token\"")});
    const QByteArray requestId = ResponseWriter::newRequestId();
    const QByteArray out =
        ResponseWriter::refusal(rejection.status, rejection.detail, headers, requestId);
    m_socket->write(out);
    Metrics::countResponse(rejection.status, out.size());
    if (m_settings.logRequests)
        ResponseWriter::log(requestId, m_socket->peerAddress(), m_framer.currentMethod(),
                            m_framer.currentTarget(), rejection.status, out.size(),
                            m_phaseClock.nsecsElapsed() / 1e6,
                            QStringLiteral("refused=\"%1\"").arg(rejection.detail));

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

qint64 ConnectionState::phaseLimitMs() const
{
    if (m_rejected || m_upgraded || m_budgetWanted > 0) // held back by us, not slow
        return -1;
    if (m_framer.readingHead())
        return m_settings.headerTimeoutMs;
    if (m_framer.readingBody())
        return m_settings.bodyTimeoutMs;
    if (m_inFlight == 0)
        return m_settings.idleTimeoutMs;
    return -1;
}

// Lazy: a running timer that fires no later than the current phase's deadline stays as it is
// (onTimeout() looks again when it fires), and one with nothing to time out is left to fire
// into nothing. A keep-alive request then costs no timer call at all; restarting one per
// request meant a linear search through every connection's timer of the worker.
void ConnectionState::armTimer()
{
    if (m_rejected || m_upgraded)
        return;
    if (m_budgetWanted > 0) {
        m_timer.stop();
        return;
    }
    const qint64 limit = phaseLimitMs();
    if (limit < 0)
        return;
    // Absolute times on the phase clock's scale: the usual check reads no clock at all.
    const qint64 dueAt = m_phaseClock.msecsSinceReference() + limit;
    if (m_timer.isActive() && m_timerDueAt <= dueAt)
        return;
    armTimerAt(dueAt);
}

void ConnectionState::armTimerAt(qint64 dueAt)
{
    QElapsedTimer clock;
    clock.start();
    const qint64 now = clock.msecsSinceReference();
    const qint64 due = qMax<qint64>(0, dueAt - now);
    m_timer.start(int(due));
    m_timerDueAt = now + due;
}

void ConnectionState::onTimeout()
{
    const qint64 limit = phaseLimitMs();
    if (limit < 0)
        return; // answers in flight, or held back by us: armTimer() runs again when that ends
    if (const qint64 left = limit - m_phaseClock.elapsed(); left > 0) {
        armTimerAt(m_phaseClock.msecsSinceReference() + limit); // the phase began after it was set
        return;
    }
    if (m_framer.readingHead())
        reject({408, tr("the request head was not received in time")});
    else if (m_framer.readingBody())
        reject({408, tr("the request body stalled")});
    else if (m_inFlight == 0)
        m_socket->disconnectFromHost();
}

} // namespace depot
