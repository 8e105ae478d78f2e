#include "net/ConnectionGuard.h"

#include "config/Log.h"
#include "config/Metrics.h"
#include "net/ResponseWriter.h"
#include "net/TlsCredentials.h"

#include <QSslSocket>

namespace depot {

ConnectionGuard::ConnectionGuard(const GuardSettings &settings, RequestFramer::BodyLimit bodyLimit,
                                 int maxConnections, QObject *parent)
    : QTcpServer(parent), m_settings(settings), m_bodyLimit(std::move(bodyLimit)),
      m_maxConnections(maxConnections),
      m_budget(settings.budget ? settings.budget
                               : std::make_shared<BodyBudget>(settings.largeBodyBudget))
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
    QTcpSocket *socket = m_tls ? new QSslSocket(this) : new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    if (m_open >= m_maxConnections) {
        Metrics::guardRefusals.add("too_many_connections");
        qCInfo(lcGuard).noquote()
            << tr("refused %1: too many open connections").arg(socket->peerAddress().toString());
        if (m_tls) { // no plain-text answer to a TLS client
            socket->abort();
            socket->deleteLater();
            return;
        }
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
    auto *state =
        new ConnectionState(socket, m_settings, m_bodyLimit, m_budget, m_upgradePolicy, m_direct);
    // Not the socket's destroyed() signal: an upgrade to WebSocket disconnects all of those,
    // and an upgraded connection still counts against --max-connections until it closes.
    state->onClosed = [guard = QPointer<ConnectionGuard>(this)] {
        if (guard)
            --guard->m_open;
    };
    connect(socket, &QTcpSocket::readyRead, state, &ConnectionState::beforeRead);
    if (auto *tls = qobject_cast<QSslSocket *>(socket)) {
        tls->setSslConfiguration(TlsCredentials::configuration());
        connect(tls, &QSslSocket::errorOccurred, state, [tls](QAbstractSocket::SocketError error) {
            // A failed handshake: not HTTPS, an old protocol, no common cipher.
            if (error == QAbstractSocket::SslHandshakeFailedError && !tls->isEncrypted()) {
                Metrics::guardRefusals.add("tls_handshake");
                qCInfo(lcGuard).noquote()
                    << tr("refused %1: TLS handshake failed: %2")
                           .arg(tls->peerAddress().toString(), tls->errorString());
            }
        });
        tls->startServerEncryption();
    }
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
