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

    // Call after QHttpServer::bind(this): our pendingConnectionAvailable slot must run after
    // QHttpServer's, which connects its readyRead slot to the new socket.
    void attachAfterServer();
    void drain();
    int openConnections() const { return m_open; }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    GuardSettings m_settings;
    RequestFramer::BodyLimit m_bodyLimit;
    int m_maxConnections;
    int m_open = 0;
    QList<QPointer<QTcpSocket>> m_fresh;
    std::shared_ptr<BodyBudget> m_budget;
};

} // namespace depot
