#pragma once

#include "store/Database.h"

#include <QThreadPool>

namespace depot {

// One thread of the process with its own database connection, for long write transactions that
// must not hold a worker's event loop (a dump's request row with its body, its 21,000 item and
// image rows). Work is queued to pool() (one thread that never expires, so the connection is
// always used by the thread that opened it) and uses database() there. One thread for the whole
// process: such writes queue behind each other instead of contending for SQLite's write lock.
class WriterThread
{
public:
    // The process's writer (made on first use with these settings; lives as long as the process).
    static WriterThread &forProcess(const Database::Settings &settings);
    // At the process's end, after the workers: waits (at most 5 s) for the queued writes, then
    // closes the connection in the writer's thread, so no write and no thread outlives the
    // process's exit. forProcess() must not be called after it.
    static void stopForProcess();

    QThreadPool *pool() { return &m_pool; }
    // The writer's connection, opened on first use; only from work running on pool().
    Database &database();

private:
    explicit WriterThread(const Database::Settings &settings);

    Database::Settings m_settings;
    QThreadPool m_pool;
    std::unique_ptr<Database> m_db;
};

} // namespace depot
