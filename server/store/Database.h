#pragma once

#include "store/ChangeBus.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <unordered_map>

struct sqlite3_stmt;

namespace depot {

// Thrown by Database on any SQL failure; the router turns it into 500 (503 if the server is gone,
// 507 if its storage is full).
class DbError : public std::runtime_error
{
public:
    DbError(const QString &message, bool connectionLost, bool diskFull = false)
        : std::runtime_error(message.toStdString()), m_connectionLost(connectionLost),
          m_diskFull(diskFull)
    {
    }
    bool connectionLost() const { return m_connectionLost; }
    // SQLite's SQLITE_FULL (or an I/O error from a full disk), PostgreSQL's disk_full (53100).
    bool diskFull() const { return m_diskFull; }

private:
    bool m_connectionLost;
    bool m_diskFull;
};

using Row = QVariantList;

// One connection, used only by the thread that created it (one per worker, one for the main
// thread). Every statement is prepared with bound values; results are read completely and the
// statement finished, so SQLite never keeps a stale read snapshot open.
class Database
{
    Q_DECLARE_TR_FUNCTIONS(Database)

public:
    enum class Dialect { Sqlite, Postgres };
    struct Settings
    {
        Dialect dialect = Dialect::Sqlite;
        QString sqliteFile;
        QString host, user, password, name, options;
        int port = 5432;
        int connectTimeoutSeconds = 5; // PostgreSQL: bounds one connection attempt
    };

    // `url` empty → SQLite at `sqliteFile`; else postgresql://user:pass@host:port/db[?host=/dir]
    // Process-wide counts for /metrics: statements that failed (each a DbError), and dropped
    // PostgreSQL connections reopened.
    static qint64 errorCount() { return s_errors.load(std::memory_order_relaxed); }
    static qint64 reconnectCount() { return s_reconnects.load(std::memory_order_relaxed); }

    static std::optional<Settings> parseUrl(const QString &url, const QString &sqliteFile,
                                            QString *error);

    Database(const Settings &settings, const QString &connectionName);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    bool open(QString *error);
    Dialect dialect() const { return m_settings.dialect; }
    const Settings &settings() const { return m_settings; }
    bool ping();
    // PostgreSQL LISTEN on `channel` on this connection: `received` gets the payload of every
    // NOTIFY on it from another session, on this thread (through its event loop). A reopened
    // connection listens no more: call it again (store/DbListener does). False on SQLite or when
    // LISTEN fails.
    bool listen(const QString &channel, std::function<void(const QString &payload)> received);

    QList<Row> select(const QString &sql, const QVariantList &binds = {});
    std::optional<Row> selectOne(const QString &sql, const QVariantList &binds = {});
    // Returns the number of rows affected.
    int execute(const QString &sql, const QVariantList &binds = {});
    // INSERT ... RETURNING id. On PostgreSQL, with a QByteArray of 1 MiB or more among the binds,
    // through libpq with that value in binary (insertLargeBinary()).
    qint64 insert(const QString &sql, const QVariantList &binds = {});
    // One multi-row INSERT into `table` per chunk of up to `rowsPerStatement` rows; `bind(i,
    // binds)` appends row i's values, one per column. Rows are made chunk by chunk, never all at
    // once (mind the 32,766 bound values per statement of SQLite). With `ids`, each statement
    // ends in RETURNING id and *ids gets the new ids in row order: both databases number the rows
    // of one INSERT in VALUES order, so the ids sorted ascending are the rows' ids in order.
    template <typename Bind>
    void insertRows(const QString &table, const QStringList &columns, qsizetype count, Bind bind,
                    int rowsPerStatement, QList<qint64> *ids = nullptr)
    {
        QVariantList binds;
        for (qsizetype start = 0; start < count; start += rowsPerStatement) {
            const qsizetype n = qMin<qsizetype>(rowsPerStatement, count - start);
            binds.clear();
            binds.reserve(n * columns.size());
            for (qsizetype i = start; i < start + n; ++i)
                bind(i, binds);
            insertChunk(multiRowInsert(table, columns, n, ids != nullptr), binds, n, ids);
        }
    }

    // Rolls back unless commit() is called. `write` takes SQLite's write lock at BEGIN, so
    // read-check-write sequences (quotas, claims) are serialised across connections.
    class Transaction
    {
    public:
        explicit Transaction(Database &db, bool write = true);
        ~Transaction();
        void commit();

    private:
        Database &m_db;
        bool m_done = false;
    };

    // Rows of `topic` changed: ChangeBus is bumped at once, or after COMMIT inside a transaction
    // (so no other thread refills a cache from the old rows after the bump; a rollback bumps
    // nothing). Other instances learn it from the schema's triggers (see ChangeBus).
    void changed(ChangeTopic topic);
    // SQLite: PRAGMA data_version, which moves when another connection committed (this one's
    // own commits do not move it), read through the SQLite handle without QtSql (a statement
    // kept prepared); -1 for PostgreSQL. In WAL mode, once the wal-index is mapped, the change
    // counter of its header instead, which every commit moves (this connection's too), read
    // without a lock or a system call the way SQLite's readers read it; PRAGMA when the header
    // is being written at that moment.
    qint64 dataVersion();
    // SQLite: the counter of `topic` the schema's triggers keep in change_generations, as this
    // connection last read it. Re-read only when dataVersion() moved, and dataVersion() itself is
    // read at most once inside a ChangeWatch::RequestScope (once per request, however many caches
    // the request asks). 0 for PostgreSQL (its changes arrive through DbListener).
    quint64 storedGeneration(ChangeTopic topic);
    // How often dataVersion() was read on this connection (a test's count).
    qint64 dataVersionReads() const { return m_dataVersionReads; }
    // Closes and opens the connection again (the listener's way back after a loss).
    bool reopen(QString *error);
    // How often the connection was opened (reconnects included).
    int openCount() const { return m_openCount; }

    static bool isUniqueViolation(const DbError &error);
    // Whether `error` means the connection to the server is gone (not the statement's fault):
    // SQLSTATE class 08, 57P01-57P03 (administrator/crash shutdown, cannot connect now), and the
    // drivers' own "not open" / "no connection" / "server closed the connection" conditions.
    static bool isConnectionLost(const QSqlError &error);
    static bool isDiskFull(const QSqlError &error);
    static qint64 now(); // seconds since the epoch

private:
    static QString multiRowInsert(const QString &table, const QStringList &columns, qsizetype rows,
                                  bool returningIds);
    void insertChunk(const QString &sql, const QVariantList &binds, qsizetype rows,
                     QList<qint64> *ids);
    QSqlQuery &run(const QString &sql, const QVariantList &binds);
    qint64 insertLargeBinary(const QString &sql, const QVariantList &binds);
    bool reconnectAfter(const QSqlError &error);
    bool configureSession(QString *error);
    static inline std::atomic<qint64> s_errors{0};
    static inline std::atomic<qint64> s_reconnects{0};
    [[noreturn]] void fail(const QString &what, const QSqlError &error);
    void checkCompleted(QSqlQuery &query); // after the rows were read: fails on a late error

    Settings m_settings;
    QString m_name;
    QSqlDatabase m_db;
    // Prepared statements by SQL text: a hosted-endpoint hit runs the same few statements
    // thousands of times a second, and PostgreSQL would otherwise PREPARE and DEALLOCATE each.
    std::unordered_map<QString, std::unique_ptr<QSqlQuery>> m_prepared;
    std::unique_ptr<QSqlQuery> m_direct;
    QHash<QString, std::function<void(const QString &)>> m_listening; // LISTEN: channel → receiver
    bool m_notificationsConnected = false;
    bool m_inTransaction = false; // a lost transaction is never silently re-run in autocommit
    bool m_lost = false;          // the connection is known to be gone
    QList<ChangeTopic> m_changedInTransaction;
    ::sqlite3_stmt *m_dataVersionQuery = nullptr;
    void mapWalIndex();
    void unmapWalIndex();
    const volatile quint32 *m_walIndex = nullptr; // SQLite's mapping of the wal-index header
    bool m_walIndexTried = false;
    qint64 m_dataVersionReads = 0;
    qint64 m_storedVersion = -1; // dataVersion() when m_stored was read
    quint64 m_storedScope = 0;   // the RequestScope in which dataVersion() was last read
    std::array<quint64, ChangeTopicCount> m_stored{};
    int m_openCount = 0;
    qint64 m_nextReconnectMs = 0; // backoff: no new attempt before this (ms since the epoch)
    int m_reconnectDelayMs = 0;
};

} // namespace depot
