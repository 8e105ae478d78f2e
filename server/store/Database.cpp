#include "store/Database.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUrl>
#include <QUrlQuery>

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
        m_db.setConnectOptions(QStringLiteral("connect_timeout=5"));
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

void Database::fail(const QString &what, const QSqlError &error)
{
    s_errors.fetch_add(1, std::memory_order_relaxed);
    const bool lost = error.type() == QSqlError::ConnectionError ||
                      (m_settings.dialect == Dialect::Postgres && !m_db.isOpen());
    throw DbError(what + QStringLiteral(": ") + error.text() + QStringLiteral(" [") +
                      error.nativeErrorCode() + u']',
                  lost);
}

QSqlQuery &Database::run(const QString &sql, const QVariantList &binds)
{
    // Statements without values (DDL, BEGIN/COMMIT, SET) run directly: PostgreSQL cannot PREPARE
    // them. Everything that carries a value is prepared once per connection and bound, never
    // spliced into the SQL.
    if (binds.isEmpty()) {
        m_direct = std::make_unique<QSqlQuery>(m_db);
        m_direct->setForwardOnly(true);
        if (!m_direct->exec(sql) && !(reconnectAfter(m_direct->lastError()) && m_direct->exec(sql)))
            fail(tr("query failed"), m_direct->lastError());
        return *m_direct;
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
    // A dropped PostgreSQL connection is reopened once; its prepared statements died with it.
    if (m_settings.dialect != Dialect::Postgres || error.type() != QSqlError::ConnectionError)
        return false;
    m_prepared.clear();
    m_direct.reset();
    m_db.close();
    s_reconnects.fetch_add(1, std::memory_order_relaxed);
    return m_db.open();
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
    query.finish();
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

qint64 Database::insert(const QString &sql, const QVariantList &binds)
{
    QSqlQuery &query = run(sql, binds);
    if (!query.next())
        fail(tr("insert returned no id"), query.lastError());
    const qint64 id = query.value(0).toLongLong();
    query.finish();
    return id;
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
}

Database::Transaction::~Transaction()
{
    if (!m_done) {
        try {
            m_db.execute(QStringLiteral("ROLLBACK"));
        } catch (const DbError &) {
            // The connection is gone; the server rolled the transaction back itself.
        }
    }
}

void Database::Transaction::commit()
{
    m_db.execute(QStringLiteral("COMMIT"));
    m_done = true;
}

} // namespace depot
