#include "net/ConnectionGuard.h"

#include "config/Log.h"
#include "config/Metrics.h"
#include "crypto/SecureRandom.h"
#include "http/ApiError.h"
#include "net/TlsCredentials.h"

#include <QSslSocket>

namespace depot {

ConnectionGuard::ConnectionGuard(const GuardSettings &settings, RequestFramer::BodyLimit bodyLimit,
                                 int maxConnections, QObject *parent)
    : QTcpServer(parent), m_settings(settings), m_bodyLimit(std::move(bodyLimit)),
      m_maxConnections(maxConnections)
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
        const HttpResponse r =
            ApiError::unavailable(tr("too many open connections"), 1).toResponse();
        QByteArray out = "HTTP/1.1 503 Service Unavailable\r\n";
        for (const auto &h : r.headers)
            out += h.first + ": " + h.second + "\r\n";
        out += "Content-Length: " + QByteArray::number(r.body.size()) +
               "\r\nConnection: close\r\nX-Request-Id: " + SecureRandom::urlSafeId(12).toLatin1() +
               "\r\n\r\n" + r.body;
        socket->write(out);
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        socket->disconnectFromHost();
        return;
    }
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    ++m_open;
    connect(socket, &QObject::destroyed, this, [this] { --m_open; });
    auto *state = new ConnectionState(socket, m_settings, m_bodyLimit);
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
