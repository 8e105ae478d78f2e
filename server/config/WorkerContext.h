#pragma once

class QByteArray;
class QNetworkAccessManager;
class QObject;

namespace depot {

class Database;
class SandboxStatus;
struct ServerConfig;

// What one worker thread's handlers share: all of it lives in, and is used only from, that thread,
// except the two process-wide members at the end.
struct WorkerContext
{
    const ServerConfig &config;
    Database &db;
    QObject *thread; // context object of the worker's event loop (for continuations)
    QNetworkAccessManager *network;
    int workerIndex;
    const QByteArray &serverKey; // see ServerKey; read-only, shared by all workers
    // Thread-safe, owned by ServerApp and shared by all workers (see SandboxStatus).
    SandboxStatus *sandbox;
};

} // namespace depot
