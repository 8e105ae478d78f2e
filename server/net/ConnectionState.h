#pragma once

#include "net/RequestFramer.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QQueue>
#include <QTcpSocket>
#include <QTimer>

#include <functional>
#include <memory>

namespace depot {

class ConnectionState;

// The memory the process may spend on large request bodies at once, shared by every worker:
// QHttpServer 6.4 holds a body two or three times while it is read. A request announcing a large
// body waits (unread, so TCP flow control holds the client) until its share is free; one request
// is always admitted. Thread-safe: a waiting connection is told on its own thread.
class BodyBudget
{
public:
    explicit BodyBudget(qint64 capacity) : m_capacity(capacity) {}
    // Takes `bytes`, or queues `state` to be told (budgetFreed(), on its thread) when some of
    // the budget is released. Atomic, so no release is missed in between.
    bool acquireOrWait(qint64 bytes, ConnectionState *state);
    void force(qint64 bytes);
    void release(qint64 bytes);
    // A dying connection leaves the queue (called from its destructor).
    void forget(ConnectionState *state);

private:
    QMutex m_mutex;
    qint64 m_capacity;
    qint64 m_used = 0;
    QList<ConnectionState *> m_waiting; // removed by forget() before they die
};

struct GuardSettings
{
    RequestFramer::Limits framer;
    int headerTimeoutMs = 10000;
    int bodyTimeoutMs = 30000;
    int idleTimeoutMs = 60000;
    int lingerMs = 2000;
    bool logRequests = true;
    // Back-pressure: no new request is read from a connection while this many answers are
    // pending (handlers running or answers waiting their turn) or this many answer bytes are
    // unsent; reading resumes once the client has drained half of it.
    int maxPendingAnswers = 16;
    qint64 maxUnsentBytes = 1 << 20;
    // Bodies from this size on take their length from the BodyBudget until answered; the
    // budget is the process's (given to every worker's guard), or the guard's own if null.
    qint64 largeBodyBytes = 1 << 20;
    qint64 largeBodyBudget = 48LL << 20;
    std::shared_ptr<BodyBudget> budget;
};

// Decides whether a WebSocket upgrade head may go on to QHttpServer (which hands the socket to
// its QWebSocketServer); a refused one is answered 404 here, before anything is upgraded.
using UpgradePolicy = std::function<bool(const RequestHead &)>;

// Handles the request at the front of a connection's queue without QHttpServer (see
// ConnectionState::dispatchDirect()): it must begin that request's exchange (beginExchange())
// before it returns; the answer may come later, in its turn like any other.
using DirectDispatch = std::function<void(QTcpSocket *socket)>;

// Everything Depot knows about one client connection, a child of its socket:
// - it sees every byte before QHttpServer does (readyRead slots connected before and after
//   QHttpServer's own) and frames requests, refusing oversized or malformed ones early;
// - timeouts for slow heads, stalled bodies and idle keep-alive connections;
// - the order of answers: exchanges answer in request order even when answered out of order.
class ConnectionState : public QObject
{
    Q_OBJECT

public:
    ConnectionState(QTcpSocket *socket, const GuardSettings &settings,
                    RequestFramer::BodyLimit bodyLimit, std::shared_ptr<BodyBudget> budget,
                    UpgradePolicy upgradePolicy = {}, DirectDispatch direct = {});
    ~ConnectionState() override;

    static ConnectionState *of(QTcpSocket *socket);

    void beforeRead(); // connected before QHttpServer's readyRead slot
    void afterRead();  // connected after it

    // Exchanges: called by HttpExchange.
    struct Ticket
    {
        quint64 sequence = 0;
        RequestHead head;
    };
    Ticket beginExchange();
    void whenTurn(quint64 sequence, std::function<void()> start);
    bool isTurn(quint64 sequence) const { return sequence == m_writeSequence; }
    // Writes a whole answer (or its head). Over plain TCP with nothing of this connection left
    // in the socket's write buffer, it goes to the kernel at once with one send(2): no copy into
    // the buffer, no write notifier to arm and disarm, no extra pass of the event loop. What
    // the kernel does not take, and everything over TLS, goes through the socket as before.
    void send(const QByteArray &bytes);
    void finishExchange(quint64 sequence, bool close);
    bool closing() const { return m_draining; }

    // Graceful shutdown: finish what is in flight, then close.
    void drain();
    bool paused() const { return m_paused; }
    // Called (queued) by the BodyBudget when budget was released: the large body this
    // connection waits for may be read now, if its share is free.
    void budgetFreed();
    // The socket was handed to a WebSocket: no more HTTP framing or HTTP timeouts (the
    // WebSocket layer has its own limits). QHttpServer disconnects every signal of the socket
    // when it upgrades, so this object learns it from the framer, not from a signal.
    bool upgraded() const { return m_upgraded; }

    // Runs when the connection is gone (this object dies with its socket, whoever owns it then).
    std::function<void()> onClosed;

private:
    void reject(const FramerRejection &rejection);
    bool overBound() const;
    void updatePause();
    void hideInput();
    void dispatchDirect();
    qint64 phaseLimitMs() const; // the current phase's timeout, -1: none
    void armTimer();
    void armTimerAt(qint64 dueAt);
    void onTimeout();
    void closeIfIdle();

    QTcpSocket *m_socket;
    GuardSettings m_settings;
    RequestFramer m_framer;
    UpgradePolicy m_upgradePolicy;
    DirectDispatch m_direct;
    bool m_upgraded = false;
    bool m_tls = false;
    qint64 m_seenAtFront = 0; // bytes at the front of the read buffer already framed
    QQueue<RequestHead> m_heads;
    quint64 m_nextSequence = 0;
    quint64 m_writeSequence = 0;
    QHash<quint64, std::function<void()>> m_waiting;
    int m_inFlight = 0;
    bool m_rejected = false;
    bool m_draining = false;
    bool m_wasReadingHead = false;
    bool m_paused = false;
    bool m_inReadyRead = false; // between beforeRead() and afterRead()
    bool m_hiding = false;      // our read transaction hides the input from QHttpServer
    std::shared_ptr<BodyBudget> m_budget;
    qint64 m_budgetWanted = 0;                 // a large body waits for this much budget
    QQueue<qint64> m_headBudgets;              // budget held by each queued head (0: none)
    QHash<quint64, qint64> m_budgetBySequence; // held by exchanges until they finish
    qint64 m_budgetHeld = 0;
    int m_headsAfterWaiting = 0; // heads framed behind the one waiting for budget
    QTimer m_timer;
    qint64 m_timerDueAt = 0; // when m_timer fires, on m_phaseClock's scale (msecsSinceReference)
    QElapsedTimer m_phaseClock;
};

} // namespace depot
