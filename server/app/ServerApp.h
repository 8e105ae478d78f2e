#pragma once

#include "config/ServerConfig.h"
#include "store/Database.h"

#include <QObject>

#include <memory>

class QSocketNotifier;
class QThread;

namespace depot {

class DbListener;
class SandboxStatus;
class Worker;

// Builds the whole server from its configuration: data directory, database and migrations,
// users file, listening sockets, worker threads, signals and graceful shutdown.
class ServerApp : public QObject
{
    Q_OBJECT

public:
    // The whole program: returns the process exit code.
    static int run(int argc, char *argv[]);

    explicit ServerApp(const ServerConfig &config);
    ~ServerApp() override;

    // Prepares everything and starts the workers; false with `error` set if the server cannot run.
    bool start(QString *error);
    void shutdown();
    void reload(); // SIGHUP: TLS certificate and key

Q_SIGNALS:
    void started(); // all workers listen

private:
    bool prepareDataDir(QString *error);
    void warnIfReadableByOthers() const;
    bool startRedirect(QString *error);
    bool startMetricsListener(QString *error);
    void installSignalHandlers();
    void announceIfReady();
    void stopWorkers();

    ServerConfig m_config;
    Database::Settings m_databaseSettings;
    std::unique_ptr<Database> m_db;   // the main thread's connection (migrations, maintenance)
    DbListener *m_listener = nullptr; // PostgreSQL: the process's LISTEN connection
    QByteArray m_serverKey;           // see ServerKey
    SandboxStatus *m_sandbox = nullptr;
    QList<QThread *> m_threads;
    QList<Worker *> m_workers;
    int m_readyCount = 0;
    int m_drainedCount = 0;
    bool m_listenerSettled = false; // no listener, or its first attempt was made
    bool m_announced = false;
    bool m_shuttingDown = false;
    quint16 m_port = 0;
    QSocketNotifier *m_signalNotifier = nullptr;
};

} // namespace depot
