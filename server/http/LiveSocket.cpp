#include "http/LiveSocket.h"

#include "http/Auth.h"
#include "store/Database.h"

#include <QDebug>
#include <QHash>
#include <QJsonDocument>
#include <QMutex>

#include <atomic>

namespace depot {
namespace {

std::atomic<int> openSockets{0};
QMutex perUserMutex;
QHash<qint64, int> perUser;

bool takeUserSlot(qint64 userId, int max)
{
    QMutexLocker lock(&perUserMutex);
    int &count = perUser[userId];
    if (count >= max)
        return false;
    ++count;
    return true;
}

void releaseUserSlot(qint64 userId)
{
    QMutexLocker lock(&perUserMutex);
    if (--perUser[userId] <= 0)
        perUser.remove(userId);
}

} // namespace

LiveSocket::LiveSocket(std::unique_ptr<QWebSocket> socket, const LiveLimits &limits,
                       Authenticator *auth, QHash<QString, QString> routeParams, Handler handler,
                       QObject *parent)
    : QObject(parent), params(std::move(routeParams)), m_socket(std::move(socket)),
      m_limits(limits), m_auth(auth), m_handler(std::move(handler))
{
    ++openSockets;
    QWebSocket *ws = m_socket.get();
    ws->setMaxAllowedIncomingFrameSize(quint64(limits.maxMessageBytes));
    ws->setMaxAllowedIncomingMessageSize(quint64(limits.maxMessageBytes));
    connect(ws, &QWebSocket::textMessageReceived, this, &LiveSocket::onMessage);
    connect(ws, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &) {
        close(QWebSocketProtocol::CloseCodeDatatypeNotSupported, tr("text messages only"));
    });
    connect(ws, &QWebSocket::pong, this,
            [this](quint64, const QByteArray &) { m_lastHeard.restart(); });
    connect(ws, &QWebSocket::disconnected, this, [this] {
        Q_EMIT closed();
        deleteLater();
    });
    m_lastHeard.start();
    m_rateWindow.start();
    m_created.start();
    connect(&m_timer, &QTimer::timeout, this, &LiveSocket::onIdleCheck);
    m_timer.start(qBound(50, qMin(limits.idleTimeoutMs / 3, limits.authTimeoutMs / 2), 10000));
}

LiveSocket::~LiveSocket()
{
    --openSockets;
    if (user)
        releaseUserSlot(user->id);
}

int LiveSocket::openCount()
{
    return openSockets.load();
}

bool LiveSocket::isOpen() const
{
    return !m_closing && m_socket->state() == QAbstractSocket::ConnectedState;
}

void LiveSocket::send(const QJsonObject &message)
{
    if (isOpen())
        m_socket->sendTextMessage(
            QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
}

void LiveSocket::every(int intervalMs, std::function<void()> task)
{
    auto *timer = new QTimer(this);
    connect(timer, &QTimer::timeout, this, [this, task = std::move(task)] {
        if (m_closing)
            return;
        try {
            task();
        } catch (const DbError &e) {
            qWarning().noquote() << "database error:" << e.what();
        }
    });
    timer->start(intervalMs);
}

void LiveSocket::fail(int status, const QString &detail)
{
    send(QJsonObject{{QStringLiteral("type"), QStringLiteral("error")},
                     {QStringLiteral("status"), status},
                     {QStringLiteral("error"), ApiError::title(status)},
                     {QStringLiteral("detail"), detail}});
    close(QWebSocketProtocol::CloseCode(4000 + status), ApiError::title(status));
}

void LiveSocket::close(QWebSocketProtocol::CloseCode code, const QString &reason)
{
    if (m_closing)
        return;
    m_closing = true;
    m_timer.stop();
    // A close frame's reason is at most 123 bytes.
    m_socket->close(code, reason.left(60));
    // A peer that never answers the close handshake is cut off.
    QTimer::singleShot(2000, this, [this] { m_socket->abort(); });
}

void LiveSocket::onIdleCheck()
{
    if (!user && m_created.elapsed() > m_limits.authTimeoutMs) {
        fail(401, tr("authenticate with a first message {\"ticket\": ...} or {\"token\": ...}"));
        return;
    }
    if (m_lastHeard.elapsed() > m_limits.idleTimeoutMs) {
        close(QWebSocketProtocol::CloseCodeGoingAway, tr("idle"));
        return;
    }
    m_socket->ping();
}

void LiveSocket::onMessage(const QString &text)
{
    if (m_closing)
        return;
    m_lastHeard.restart();
    if (m_rateWindow.elapsed() >= 1000) {
        m_rateWindow.restart();
        m_rateCount = 0;
    }
    if (++m_rateCount > m_limits.messagesPerSecond) {
        close(QWebSocketProtocol::CloseCodePolicyViolated, tr("message rate exceeded"));
        return;
    }
    if (user)
        return; // these sockets push; what a client says after authenticating is ignored
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    if (!doc.isObject()) {
        fail(400, tr("the first message must be a JSON object with \"ticket\" or \"token\""));
        return;
    }
    authenticate(doc.object());
}

void LiveSocket::authenticate(const QJsonObject &message)
{
    std::optional<AuthUser> who;
    QString problem = tr("the ticket is not valid, has expired or was used already");
    try {
        if (const QString ticket = message.value(QStringLiteral("ticket")).toString();
            !ticket.isEmpty()) {
            who = m_auth->redeemTicket(ticket);
        } else if (const QString token = message.value(QStringLiteral("token")).toString();
                   !token.isEmpty()) {
            who = m_auth->verifyToken(token.toUtf8(), &problem);
        } else {
            problem = tr("the first message must carry \"ticket\" or \"token\"");
        }
    } catch (const DbError &e) {
        qWarning().noquote() << "database error:" << e.what();
        fail(503, tr("the database is not available"));
        return;
    }
    if (!who) {
        fail(401, problem);
        return;
    }
    if (!takeUserSlot(who->id, m_limits.maxPerUser)) {
        fail(429, tr("more than %n open WebSocket(s) for this user", nullptr, m_limits.maxPerUser));
        return;
    }
    user = who;
    hello = message;
    hello.remove(QStringLiteral("ticket"));
    hello.remove(QStringLiteral("token"));
    try {
        m_handler(this);
    } catch (const DbError &e) {
        qWarning().noquote() << "database error:" << e.what();
        fail(503, tr("the database is not available"));
    }
}

} // namespace depot
