#pragma once

#include "net/ConnectionState.h"

#include <QList>
#include <QPointer>
#include <QTcpServer>

namespace depot {

// The listening socket of one worker, in front of its QHttpServer. Each accepted socket gets a
// ConnectionState whose readyRead slots run before and after QHttpServer's, so request heads are
// checked and bodies limited before QHttpServer buffers anything (see QHTTPSERVER-6.4.md).
class ConnectionGuard : public QTcpServer
{
    Q_OBJECT

public:
    ConnectionGuard(const GuardSettings &settings, RequestFramer::BodyLimit bodyLimit,
                    int maxConnections, QObject *parent = nullptr);
    void setUpgradePolicy(UpgradePolicy policy) { m_upgradePolicy = std::move(policy); }
    // Complete requests without a body go to `direct` instead of QHttpServer (unset: none do).
    void setDirectDispatch(DirectDispatch direct) { m_direct = std::move(direct); }

    // Call after QHttpServer::bind(this): our pendingConnectionAvailable slot must run after
    // QHttpServer's, which connects its readyRead slot to the new socket.
    void attachAfterServer();
    void drain();
    int openConnections() const { return m_open; }
    // HTTPS: every accepted socket is a QSslSocket with TlsCredentials' current configuration,
    // handed to QHttpServer at once (it only ever sees decrypted bytes).
    void setTls(bool on) { m_tls = on; }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    GuardSettings m_settings;
    RequestFramer::BodyLimit m_bodyLimit;
    UpgradePolicy m_upgradePolicy;
    DirectDispatch m_direct;
    int m_maxConnections;
    int m_open = 0;
    bool m_tls = false;
    QList<QPointer<QTcpSocket>> m_fresh;
    std::shared_ptr<BodyBudget> m_budget;
};

} // namespace depot
