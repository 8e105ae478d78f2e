#include "net/ConnectionGuard.h"

#include "config/Metrics.h"
#include "net/ResponseWriter.h"

namespace depot {

ConnectionGuard::ConnectionGuard(const GuardSettings &settings, RequestFramer::BodyLimit bodyLimit,
                                 int maxConnections, QObject *parent)
    : QTcpServer(parent), m_settings(settings), m_bodyLimit(std::move(bodyLimit)),
      m_maxConnections(maxConnections),
      m_budget(std::make_shared<BodyBudget>(settings.largeBodyBudget))
{
}

void ConnectionGuard::attachAfterServer()
{
    connect(this, &QTcpServer::pendingConnectionAvailable, this, [this] {
        for (const QPointer<QTcpSocket> &socket : std::exchange(m_fresh, {})) {
            if (auto *state = ConnectionState::of(socket))
                connect(socket, &QTcpSocket::readyRead, state, &ConnectionState::afterRead);
        }
    });
}

void ConnectionGuard::incomingConnection(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    if (m_open >= m_maxConnections) {
        Metrics::connectionsRejected.fetch_add(1, std::memory_order_relaxed);
        const QString detail = tr("too many open connections");
        const QByteArray requestId = ResponseWriter::newRequestId();
        const QByteArray out = ResponseWriter::refusal(
            503, detail, {{QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1")}}, requestId);
        Metrics::countResponse(503, out.size());
        if (m_settings.logRequests)
            ResponseWriter::log(requestId, socket->peerAddress(), {}, {}, 503, out.size(), 0,
                                QStringLiteral("refused=\"%1\"").arg(detail));
        socket->write(out);
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        socket->disconnectFromHost();
        return;
    }
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    ++m_open;
    connect(socket, &QObject::destroyed, this, [this] { --m_open; });
    auto *state = new ConnectionState(socket, m_settings, m_bodyLimit, m_budget);
    connect(socket, &QTcpSocket::readyRead, state, &ConnectionState::beforeRead);
    m_fresh.append(socket);
    addPendingConnection(socket);
}

void ConnectionGuard::drain()
{
    close(); // stop accepting
    for (QTcpSocket *socket : findChildren<QTcpSocket *>(QString(), Qt::FindDirectChildrenOnly)) {
        if (auto *state = ConnectionState::of(socket))
            state->drain();
    }
}

} // namespace depot
