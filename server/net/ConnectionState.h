#pragma once

#include "net/RequestFramer.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QQueue>
#include <QTcpSocket>
#include <QTimer>

#include <functional>

namespace depot {

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
};

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
                    RequestFramer::BodyLimit bodyLimit);
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
    void finishExchange(quint64 sequence, bool close);
    bool closing() const { return m_draining; }

    // Graceful shutdown: finish what is in flight, then close.
    void drain();
    bool paused() const { return m_paused; }

private:
    void reject(const FramerRejection &rejection);
    bool overBound() const;
    void updatePause();
    void hideInput();
    void armTimer();
    void onTimeout();
    void closeIfIdle();

    QTcpSocket *m_socket;
    GuardSettings m_settings;
    RequestFramer m_framer;
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
    QTimer m_timer;
    QElapsedTimer m_phaseClock;
};

} // namespace depot
