#pragma once

#include "config/ServerConfig.h"
#include "net/ConnectionState.h"
#include "store/Database.h"

#include <QObject>

#include <memory>

class QHttpServer;
class QNetworkAccessManager;

namespace depot {

class TokenAuth;
class ConnectionGuard;
class Router;
class Routes;
class SandboxStatus;

// One event-loop thread: its own QHttpServer behind a ConnectionGuard on a shared
// SO_REUSEPORT port, its own database connection, network manager, router and handlers.
// Everything is created in the thread by setUp().
class Worker : public QObject
{
    Q_OBJECT

public:
    Worker(const ServerConfig &config, const Database::Settings &database, int listenFd, int index,
           const QByteArray &serverKey, SandboxStatus *sandbox,
           std::shared_ptr<BodyBudget> bodyBudget);
    ~Worker() override;

public Q_SLOTS:
    void setUp();
    void drain();

Q_SIGNALS:
    void ready(const QString &error); // empty on success
    void drained();

private:
    const ServerConfig &m_config;
    Database::Settings m_databaseSettings;
    int m_fd;
    int m_index;
    const QByteArray &m_serverKey;
    SandboxStatus *m_sandbox;
    std::shared_ptr<BodyBudget> m_bodyBudget; // the process's, shared by all workers
    std::unique_ptr<Database> m_db;
    std::unique_ptr<TokenAuth> m_auth;
    std::unique_ptr<Router> m_router;
    std::unique_ptr<Routes> m_routes;
    QNetworkAccessManager *m_network = nullptr;
    QHttpServer *m_server = nullptr;
    ConnectionGuard *m_guard = nullptr;
    QObject *m_liveSockets = nullptr; // parent of this worker's LiveSockets
};

} // namespace depot
