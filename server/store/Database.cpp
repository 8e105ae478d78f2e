#include "store/Database.h"
#include "store/StoreLog.h"

#include <QDateTime>
#include <QDebug>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUrl>
#include <QUrlQuery>

#include <libpq-fe.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <limits>

namespace depot {

std::optional<Database::Settings> Database::parseUrl(const QString &url, const QString &sqliteFile,
                                                     QString *error)
{
    Settings s;
    if (url.isEmpty()) {
        s.dialect = Dialect::Sqlite;
        s.sqliteFile = sqliteFile;
        return s;
    }
    if (url.startsWith(u"sqlite:")) {
        s.dialect = Dialect::Sqlite;
        s.sqliteFile = url.mid(7);
        return s;
    }
    const QUrl u(url, QUrl::StrictMode);
    if (!u.isValid() || (u.scheme() != u"postgresql" && u.scheme() != u"postgres")) {
        *error = tr("database URL must be postgresql://user:pass@host:port/dbname or sqlite:FILE");
        return std::nullopt;
    }
    s.dialect = Dialect::Postgres;
    s.host = u.host();
    s.port = u.port(5432);
    s.user = u.userName();
    s.password = u.password();
    s.name = u.path().mid(1);
    const QUrlQuery query(u);
    if (query.hasQueryItem(QStringLiteral("host")))
        s.host = query.queryItemValue(QStringLiteral("host"), QUrl::FullyDecoded);
    if (s.name.isEmpty()) {
        *error = tr("database URL names no database");
        return std::nullopt;
    }
    return s;
}

Database::Database(const Settings &settings, const QString &connectionName)
    : m_settings(settings), m_name(connectionName)
{
}

Database::~Database()
{
    unmapWalIndex();
    if (m_dataVersionQuery)
        sqlite3_finalize(m_dataVersionQuery); // before the driver closes the handle
    if (m_db.isValid()) {
        m_prepared.clear();
        m_direct.reset();
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
}

bool Database::open(QString *error)
{
    if (m_settings.dialect == Dialect::Sqlite) {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        m_db.setDatabaseName(m_settings.sqliteFile);
        m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    } else {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_name);
        m_db.setHostName(m_settings.host);
        m_db.setPort(m_settings.port);
        m_db.setUserName(m_settings.user);
        m_db.setPassword(m_settings.password);
        m_db.setDatabaseName(m_settings.name);
        m_db.setConnectOptions(
            QStringLiteral("connect_timeout=%1").arg(qMax(2, m_settings.connectTimeoutSeconds)));
    }
    if (!m_db.isValid()) {
        *error = tr("the Qt SQL driver for %1 is not installed")
                     .arg(m_settings.dialect == Dialect::Sqlite ? QStringLiteral("SQLite")
                                                                : QStringLiteral("PostgreSQL"));
        return false;
    }
    if (!m_db.open()) {
        *error = m_db.lastError().text();
        return false;
    }
    ++m_openCount;
    return configureSession(error);
}

bool Database::configureSession(QString *error)
{
    try {
        if (m_settings.dialect == Dialect::Sqlite) {
            // WAL lets readers run beside the writer; NORMAL sync is durable in WAL mode.
            select(QStringLiteral("PRAGMA journal_mode=WAL"));
            execute(QStringLiteral("PRAGMA synchronous=NORMAL"));
            execute(QStringLiteral("PRAGMA foreign_keys=ON"));
        } else {
            execute(QStringLiteral("SET client_min_messages TO WARNING"));
        }
    } catch (const DbError &e) {
        *error = QString::fromUtf8(e.what());
        return false;
    }
    return true;
}

bool Database::ping()
{
    try {
        return selectOne(QStringLiteral("SELECT 1")).has_value();
    } catch (const DbError &) {
        return false;
    }
}

bool Database::listen(const QString &channel, std::function<void(const QString &payload)> received)
{
    QSqlDriver *driver = m_db.isValid() ? m_db.driver() : nullptr;
    if (m_settings.dialect != Dialect::Postgres || !driver || !m_db.isOpen())
        return false;
    // Subscribed anew on a reopened connection (if the driver still lists the channel, it goes).
    if (driver->subscribedToNotifications().contains(channel))
        driver->unsubscribeFromNotification(channel);
    if (!driver->subscribeToNotification(channel))
        return false;
    m_listening.insert(channel, std::move(received));
    if (!m_notificationsConnected) { // the driver object outlives reconnects: connected once
        m_notificationsConnected = true;
        QObject::connect(driver, &QSqlDriver::notification, driver,
                         [this](const QString &name, QSqlDriver::NotificationSource source,
                                const QVariant &payload) {
                             const auto it = m_listening.constFind(name);
                             if (it != m_listening.constEnd() && source == QSqlDriver::OtherSource)
                                 (*it)(payload.toString());
                         });
    }
    return true;
}

bool Database::isConnectionLost(const QSqlError &error)
{
    if (error.type() == QSqlError::ConnectionError)
        return true;
    const QString code = error.nativeErrorCode();
    if (code.startsWith(u"08") || code == u"57P01" || code == u"57P02" || code == u"57P03")
        return true;
    // libpq without a SQLSTATE (the socket closed under it), and Qt's own "not open".
    const QString text = error.text().toLower();
    for (const char *phrase :
         {"database not open", "driver not loaded", "no connection to the server",
          "server closed the connection", "connection to server", "terminating connection",
          "could not connect", "could not receive data", "could not send data",
          "connection not open", "lost synchronization"}) {
        if (text.contains(QLatin1String(phrase)))
            return true;
    }
    return false;
}

bool Database::isDiskFull(const QSqlError &error)
{
    // PostgreSQL: SQLSTATE class 53 (insufficient resources) disk_full. SQLite: SQLITE_FULL (13),
    // or, for a journal or WAL write the file system refused, the text of ENOSPC.
    const QString code = error.nativeErrorCode();
    if (code == u"53100" || code == u"13")
        return true;
    const QString text = error.text().toLower();
    return text.contains(u"database or disk is full") ||
           text.contains(u"no space left on device") || text.contains(u"could not extend file");
}

void Database::fail(const QString &what, const QSqlError &error)
{
    s_errors.fetch_add(1, std::memory_order_relaxed);
    // A full disk first: Qt's SQLite driver types every failed step as a ConnectionError.
    const bool full = isDiskFull(error);
    const bool lost =
        !full && (isConnectionLost(error) ||
                  (m_settings.dialect == Dialect::Postgres && (m_lost || !m_db.isOpen())));
    throw DbError(what + QStringLiteral(": ") + error.text() + QStringLiteral(" [") +
                      error.nativeErrorCode() + u']',
                  lost, full);
}

QSqlQuery &Database::run(const QString &sql, const QVariantList &binds)
{
    // Statements without values (DDL, BEGIN/COMMIT, SET) run directly: PostgreSQL cannot PREPARE
    // them. Everything that carries a value is prepared once per connection and bound, never
    // spliced into the SQL.
    if (binds.isEmpty()) {
        for (int attempt = 0; attempt < 2; ++attempt) {
            m_direct = std::make_unique<QSqlQuery>(m_db);
            m_direct->setForwardOnly(true);
            if (m_direct->exec(sql))
                return *m_direct;
            const QSqlError error = m_direct->lastError();
            if (attempt == 0 && reconnectAfter(error))
                continue; // reconnectAfter() dropped the old query with its connection
            fail(tr("query failed"), error);
        }
    }
    for (int attempt = 0; attempt < 2; ++attempt) {
        auto cached = m_prepared.find(sql);
        if (cached == m_prepared.end()) {
            auto query = std::make_unique<QSqlQuery>(m_db);
            query->setForwardOnly(true);
            if (!query->prepare(sql)) {
                if (attempt == 0 && reconnectAfter(query->lastError()))
                    continue;
                fail(tr("prepare failed"), query->lastError());
            }
            cached = m_prepared.emplace(sql, std::move(query)).first;
        }
        QSqlQuery &query = *cached->second;
        for (int i = 0; i < binds.size(); ++i)
            query.bindValue(i, binds[i]);
        if (query.exec())
            return query;
        const QSqlError error = query.lastError();
        if (attempt == 0 && reconnectAfter(error))
            continue;
        fail(tr("query failed"), error);
    }
    Q_UNREACHABLE();
}

bool Database::reconnectAfter(const QSqlError &error)
{
    // A dropped PostgreSQL connection is reopened (its prepared statements died with it), with
    // a backoff of at most a second between attempts: while the server is away, requests fail
    // at once (503) instead of each waiting for a connection attempt, and once it is back the
    // next request after the backoff reconnects. Inside a transaction the statement is not
    // retried: what came before it was rolled back with the connection.
    if (m_settings.dialect != Dialect::Postgres || !(m_lost || isConnectionLost(error)))
        return false;
    m_lost = true;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (now < m_nextReconnectMs)
        return false;
    m_prepared.clear();
    m_direct.reset();
    m_db.close();
    QString setupError;
    if (!m_db.open() || !configureSession(&setupError)) {
        m_reconnectDelayMs = qBound(50, m_reconnectDelayMs * 2, 1000);
        m_nextReconnectMs = now + m_reconnectDelayMs;
        return false;
    }
    ++m_openCount;
    s_reconnects.fetch_add(1, std::memory_order_relaxed);
    qCInfo(lcStore).noquote() << tr("database connection %1 re-established").arg(m_name);
    m_lost = false;
    m_reconnectDelayMs = 0;
    m_nextReconnectMs = 0;
    return !m_inTransaction;
}

QList<Row> Database::select(const QString &sql, const QVariantList &binds)
{
    QSqlQuery &query = run(sql, binds);
    QList<Row> rows;
    const int columns = query.record().count();
    while (query.next()) {
        Row row;
        row.reserve(columns);
        for (int c = 0; c < columns; ++c)
            row.append(query.value(c));
        rows.append(std::move(row));
    }
    checkCompleted(query);
    return rows;
}

std::optional<Row> Database::selectOne(const QString &sql, const QVariantList &binds)
{
    QList<Row> rows = select(sql, binds);
    if (rows.isEmpty())
        return std::nullopt;
    return rows.takeFirst();
}

int Database::execute(const QString &sql, const QVariantList &binds)
{
    QSqlQuery &query = run(sql, binds);
    const int affected = query.numRowsAffected();
    query.finish();
    return affected;
}

namespace {

// A bound value this large goes to PostgreSQL in binary (see insertLargeBinary()).
constexpr qsizetype kLargeBinaryBytes = 1 << 20;

// The '?' placeholders of `sql` as PostgreSQL's $1, $2, ... (none in quoted literals).
QByteArray numberedPlaceholders(const QString &sql)
{
    QByteArray out;
    const QByteArray text = sql.toUtf8();
    out.reserve(text.size() + 16);
    int n = 0;
    char quote = 0;
    for (const char c : text) {
        if (quote) {
            quote = c == quote ? 0 : quote;
            out += c;
        } else if (c == '\'' || c == '"') {
            quote = c;
            out += c;
        } else if (c == '?') {
            out += '$' + QByteArray::number(++n);
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace

qint64 Database::insertLargeBinary(const QString &sql, const QVariantList &binds)
{
    const QVariant handle = m_db.driver()->handle();
    // Qt 6 names the type as the compiler spells it: pg_conn* (PGconn is its typedef).
    if (!handle.isValid() ||
        (qstrcmp(handle.typeName(), "PGconn*") != 0 && qstrcmp(handle.typeName(), "pg_conn*") != 0))
        fail(tr("query failed"), QSqlError(QString(), QStringLiteral("connection not open"),
                                           QSqlError::ConnectionError));
    PGconn *connection = *static_cast<PGconn *const *>(handle.constData());
    QList<QByteArray> texts(binds.size());
    QList<const char *> values(binds.size(), nullptr);
    QList<int> lengths(binds.size(), 0);
    QList<int> formats(binds.size(), 0);
    for (qsizetype i = 0; i < binds.size(); ++i) {
        const QVariant &bind = binds.at(i);
        if (bind.isNull())
            continue;
        if (bind.typeId() == QMetaType::QByteArray) { // binary: the bytes as they are
            const QByteArray &bytes = *static_cast<const QByteArray *>(bind.constData());
            values[i] = bytes.constData();
            lengths[i] = int(bytes.size());
            formats[i] = 1;
            continue;
        }
        texts[i] = bind.toString().toUtf8();
        values[i] = texts.at(i).constData();
    }
    PGresult *result =
        PQexecParams(connection, numberedPlaceholders(sql).constData(), int(binds.size()), nullptr,
                     values.constData(), lengths.constData(), formats.constData(), 0);
    const std::unique_ptr<PGresult, void (*)(PGresult *)> owned(result, PQclear);
    if (PQresultStatus(result) != PGRES_TUPLES_OK || PQntuples(result) < 1) {
        const bool connected = PQstatus(connection) == CONNECTION_OK;
        QString message = QString::fromUtf8(PQresultErrorMessage(result)).trimmed();
        if (message.isEmpty())
            message = QString::fromUtf8(PQerrorMessage(connection)).trimmed();
        fail(tr("query failed"),
             QSqlError(QString(), message,
                       connected ? QSqlError::StatementError : QSqlError::ConnectionError,
                       QString::fromLatin1(PQresultErrorField(result, PG_DIAG_SQLSTATE))));
    }
    return QByteArray(PQgetvalue(result, 0, 0)).toLongLong();
}

QString Database::multiRowInsert(const QString &table, const QStringList &columns, qsizetype rows,
                                 bool returningIds)
{
    const QString placeholders =
        QLatin1Char('(') + QStringList(columns.size(), QStringLiteral("?")).join(QLatin1Char(',')) +
        QLatin1Char(')');
    return QStringLiteral("INSERT INTO %1 (%2) VALUES %3%4")
        .arg(table, columns.join(QLatin1Char(',')),
             QStringList(rows, placeholders).join(QLatin1Char(',')),
             returningIds ? QStringLiteral(" RETURNING id") : QString());
}

void Database::insertChunk(const QString &sql, const QVariantList &binds, qsizetype rows,
                           QList<qint64> *ids)
{
    if (!ids) {
        execute(sql, binds);
        return;
    }
    QList<qint64> chunk;
    chunk.reserve(rows);
    for (const Row &row : select(sql, binds))
        chunk.append(row.at(0).toLongLong());
    if (chunk.size() != rows)
        fail(tr("insert returned no id"), QSqlError());
    std::sort(chunk.begin(), chunk.end());
    ids->append(chunk);
}

qint64 Database::insert(const QString &sql, const QVariantList &binds)
{
    // Qt's PostgreSQL driver sends a bound value as SQL text: a 28 MiB bytea became escaped text
    // several times over (a ~300 MB peak for one dump's request row). Such a statement goes
    // through libpq's binary parameters instead, on the same connection and transaction.
    if (m_settings.dialect == Dialect::Postgres &&
        std::any_of(binds.begin(), binds.end(), [](const QVariant &v) {
            return v.typeId() == QMetaType::QByteArray &&
                   static_cast<const QByteArray *>(v.constData())->size() >= kLargeBinaryBytes;
        }))
        return insertLargeBinary(sql, binds);
    QSqlQuery &query = run(sql, binds);
    if (!query.next())
        fail(tr("insert returned no id"), query.lastError());
    const qint64 id = query.value(0).toLongLong();
    while (query.next()) {
    }
    checkCompleted(query);
    return id;
}

void Database::checkCompleted(QSqlQuery &query)
{
    // A statement's last step can fail after its rows were read: SQLite commits an autocommit
    // statement (INSERT ... RETURNING too) when it runs to its end, and that commit can fail
    // (SQLITE_FULL on a full disk). Qt reports it only as next() == false plus lastError(), and
    // finish() on a statement not run to its end would commit and drop the error: rows "stored"
    // and answered 201 would be gone.
    const QSqlError error = query.lastError();
    query.finish();
    if (error.isValid())
        fail(tr("query failed"), error);
}

bool Database::isUniqueViolation(const DbError &error)
{
    const QString text = QString::fromUtf8(error.what());
    // SQLite: "UNIQUE constraint failed" (extended code 2067); PostgreSQL: SQLSTATE 23505.
    return text.contains(u"UNIQUE constraint failed") || text.contains(u"[23505]") ||
           text.contains(u"[2067]") || text.contains(u"duplicate key");
}

qint64 Database::now()
{
    return QDateTime::currentSecsSinceEpoch();
}

Database::Transaction::Transaction(Database &db, bool write) : m_db(db)
{
    if (db.dialect() == Dialect::Sqlite)
        db.execute(write ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN"));
    else
        db.execute(QStringLiteral("BEGIN"));
    db.m_inTransaction = true;
    db.m_changedInTransaction.clear();
}

Database::Transaction::~Transaction()
{
    if (!m_done) {
        m_db.m_inTransaction = false;
        m_db.m_changedInTransaction.clear();
        try {
            m_db.execute(QStringLiteral("ROLLBACK"));
        } catch (const DbError &) {
            // The connection is gone; the server rolled the transaction back itself.
        }
    }
}

void Database::Transaction::commit()
{
    m_db.execute(QStringLiteral("COMMIT")); // never retried on a new connection (in transaction)
    m_db.m_inTransaction = false;
    m_done = true;
    for (const ChangeTopic topic : std::exchange(m_db.m_changedInTransaction, {}))
        ChangeBus::bump(topic);
}

bool Database::reopen(QString *error)
{
    unmapWalIndex(); // mapped only while this connection keeps the -shm file in use
    m_walIndexTried = false;
    m_prepared.clear();
    m_direct.reset();
    m_db.close();
    if (!m_db.open()) {
        *error = m_db.lastError().text();
        return false;
    }
    ++m_openCount;
    m_lost = false;
    return configureSession(error);
}

void Database::changed(ChangeTopic topic)
{
    if (m_inTransaction)
        m_changedInTransaction.append(topic);
    else
        ChangeBus::bump(topic);
}

namespace {
constexpr int WalIndexRegion = 32768;   // WALINDEX_PGSZ
constexpr int WalIndexHeaderWords = 12; // struct WalIndexHdr (sqlite.org/walformat.html), 48 bytes
} // namespace

// The wal-index header (native byte order) is kept twice; a writer writes the second copy, then
// the first, and a reader that finds both equal has a consistent header (SQLite's own
// walIndexTryHdr()). iChange moves with every transaction written to the WAL and aSalt[0] with
// every restart of the WAL.
//
// The header is read through SQLite's own mapping of the -shm file (the VFS's xShmMap of region
// 0, which this connection has mapped since its first read, valid until it closes), never
// through a descriptor of ours: closing any descriptor of a file drops every POSIX lock the
// process holds on it, SQLite's "this index is in use" (DMS) lock included. Another process
// that then opens the database finds the index unused, truncates and rebuilds it under the
// server, whose mappings then fault (SIGBUS) and whose readers are no longer seen.
void Database::mapWalIndex()
{
    m_walIndexTried = true;
    const QVariant handle = m_db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return;
    sqlite3 *sqlite = *static_cast<sqlite3 *const *>(handle.constData());
    sqlite3_file *file = nullptr;
    if (sqlite3_file_control(sqlite, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK ||
        !file || !file->pMethods || file->pMethods->iVersion < 2 || !file->pMethods->xShmMap)
        return;
    // Region 0 at SQLite's region size (WALINDEX_PGSZ), without extending: null if this
    // connection has no wal-index (not WAL, or an exclusive connection keeps it in its heap).
    volatile void *region = nullptr;
    if (file->pMethods->xShmMap(file, 0, WalIndexRegion, 0, &region) == SQLITE_OK && region)
        m_walIndex = static_cast<const volatile quint32 *>(region);
}

void Database::unmapWalIndex()
{
    m_walIndex = nullptr; // SQLite's mapping, which ends when the connection closes
}

qint64 Database::dataVersion()
{
    if (m_settings.dialect != Dialect::Sqlite)
        return -1;
    ++m_dataVersionReads;
    if (m_walIndex) {
        quint32 first[WalIndexHeaderWords], second[WalIndexHeaderWords];
        for (int i = 0; i < WalIndexHeaderWords; ++i)
            first[i] = m_walIndex[i];
        std::atomic_thread_fence(std::memory_order_acquire);
        for (int i = 0; i < WalIndexHeaderWords; ++i)
            second[i] = m_walIndex[WalIndexHeaderWords + i];
        const bool initialised = reinterpret_cast<const uchar *>(first)[12] != 0; // isInit
        if (initialised && std::memcmp(first, second, sizeof first) == 0)
            return qint64((quint64(first[8]) << 32) | first[2]) &
                   std::numeric_limits<qint64>::max();
    }
    if (!m_dataVersionQuery) {
        const QVariant handle = m_db.driver()->handle();
        if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
            throw DbError(tr("no SQLite handle"), false);
        sqlite3 *sqlite = *static_cast<sqlite3 *const *>(handle.constData());
        if (sqlite3_prepare_v2(sqlite, "PRAGMA data_version", -1, &m_dataVersionQuery, nullptr) !=
            SQLITE_OK) {
            m_dataVersionQuery = nullptr;
            throw DbError(
                tr("PRAGMA data_version failed: %1").arg(QString::fromUtf8(sqlite3_errmsg(sqlite))),
                false);
        }
    }
    const int step = sqlite3_step(m_dataVersionQuery);
    const qint64 version = step == SQLITE_ROW ? sqlite3_column_int64(m_dataVersionQuery, 0) : -1;
    sqlite3_reset(m_dataVersionQuery);
    if (step != SQLITE_ROW)
        throw DbError(tr("PRAGMA data_version failed"), false);
    if (!m_walIndexTried) // after a read: the connection has the -shm file open now
        mapWalIndex();
    return version;
}

quint64 Database::storedGeneration(ChangeTopic topic)
{
    if (m_settings.dialect != Dialect::Sqlite)
        return 0;
    const quint64 scope = ChangeWatch::RequestScope::current();
    if (scope == 0 || scope != m_storedScope) {
        const qint64 version = dataVersion();
        if (version != m_storedVersion) {
            // Another connection committed something (often only a journal or a sequence):
            // the triggers' counters tell whether it was one of ours. A failed read throws and
            // leaves everything as it was, so the next look reads again.
            std::array<quint64, ChangeTopicCount> stored = m_stored;
            for (const Row &row :
                 select(QStringLiteral("SELECT topic, generation FROM change_generations"))) {
                for (int t = 0; t < ChangeTopicCount; ++t) {
                    if (row.at(0).toString() == QLatin1String(ChangeBus::name(ChangeTopic(t))))
                        stored[t] = row.at(1).toULongLong();
                }
            }
            m_stored = stored;
            m_storedVersion = version;
        }
        m_storedScope = scope;
    }
    return m_stored[size_t(topic)];
}

} // namespace depot
