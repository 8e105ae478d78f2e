#pragma once

class QNetworkAccessManager;
class QObject;

namespace depot {

class Database;
struct ServerConfig;

// What one worker thread's handlers share: all of it lives in, and is used only from, that thread.
struct WorkerContext
{
    const ServerConfig &config;
    Database &db;
    QObject *thread; // context object of the worker's event loop (for continuations)
    QNetworkAccessManager *network;
    int workerIndex;
};

} // namespace depot
