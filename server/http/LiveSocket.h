#pragma once

#include "http/HttpExchange.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QTimer>
#include <QWebSocket>

#include <functional>
#include <memory>

namespace depot {

class Authenticator;

struct LiveLimits
{
    int maxMessageBytes = 64 * 1024;
    int messagesPerSecond = 20;
    int maxPerUser = 16;
    int idleTimeoutMs = 60000;
    int authTimeoutMs = 10000;
};

// One server-push WebSocket (issue 14) after QHttpServer's upgrade. It applies the guard's
// limits in WebSocket terms: frame and message size (1009), message rate (1008), idle time
// (pings; no traffic from the client at all → 1001), open sockets per user (1008). It then
// authenticates without a token in the URL: the first message is {"ticket": "..."} (from
// POST /api/v1/ws-tickets) or {"token": "<jwt>"}; until then nothing is sent. Errors go out as
// {"type":"error","status","error","detail"} followed by a close.
class LiveSocket : public QObject
{
    Q_OBJECT

public:
    using Handler = std::function<void(LiveSocket *)>;

    LiveSocket(std::unique_ptr<QWebSocket> socket, const LiveLimits &limits, Authenticator *auth,
               QHash<QString, QString> params, Handler handler, QObject *parent);
    ~LiveSocket() override;

    QHash<QString, QString> params;
    std::optional<AuthUser> user;
    QJsonObject hello; // the authenticating first message (routes may read options from it)
    QString param(const QString &name) const { return params.value(name); }

    void send(const QJsonObject &message);
    // Sends the error message and closes (4000 + status, e.g. 4404, 4401).
    void fail(int status, const QString &detail);
    void close(QWebSocketProtocol::CloseCode code, const QString &reason = {});
    bool isOpen() const;
    // Runs `task` every `intervalMs` while the socket lives (the database catch-up for events
    // stored by other instances); a database error is logged and the next run tries again.
    void every(int intervalMs, std::function<void()> task);
    static int openCount(); // this process, authenticated or not

Q_SIGNALS:
    void closed();

private:
    void onMessage(const QString &text);
    void authenticate(const QJsonObject &message);
    void onIdleCheck();

    std::unique_ptr<QWebSocket> m_socket;
    LiveLimits m_limits;
    Authenticator *m_auth;
    Handler m_handler;
    QTimer m_timer;
    QElapsedTimer m_lastHeard;
    QElapsedTimer m_rateWindow;
    QElapsedTimer m_created;
    int m_rateCount = 0;
    bool m_closing = false;
};

} // namespace depot
