#include "store/Schema.h"
#include "store/StoreLog.h"

#include <QDebug>

namespace depot {

namespace {

// Triggers: PostgreSQL notifies (one function, a statement trigger per table and topic);
// SQLite counts (a row trigger per table and event). "sqlite:"/"postgres:" mark one dialect.
QStringList changeTriggers()
{
    QStringList out{
        QStringLiteral("CREATE TABLE change_generations (topic TEXT PRIMARY KEY, generation "
                       "%BIGINT% NOT NULL)"),
        QStringLiteral("INSERT INTO change_generations (topic, generation) VALUES "
                       "('endpoints', 0), ('accounts', 0), ('quota', 0)"),
        QStringLiteral(
            "postgres:CREATE FUNCTION depot_changed() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN PERFORM pg_notify('depot_changes', TG_ARGV[0]); RETURN NULL; END $$")};
    // table, events, topic
    const QList<std::tuple<const char *, const char *, const char *>> watched{
        {"endpoints", "INSERT OR UPDATE OR DELETE", "endpoints"},
        {"users", "INSERT OR UPDATE OR DELETE", "endpoints"}, // owner, CORS default
        {"users", "INSERT OR UPDATE OR DELETE", "accounts"},
        {"tokens", "INSERT OR UPDATE OR DELETE", "accounts"},
        {"requests", "INSERT OR DELETE", "quota"}};
    for (const auto &[table, events, topic] : watched) {
        out.append(QStringLiteral("postgres:CREATE TRIGGER %1_changes_%2 AFTER %3 ON %1 FOR EACH "
                                  "STATEMENT EXECUTE FUNCTION depot_changed('%2')")
                       .arg(QLatin1String(table), QLatin1String(topic), QLatin1String(events)));
        for (const QString &event : QString::fromLatin1(events).split(QStringLiteral(" OR ")))
            out.append(
                QStringLiteral("sqlite:CREATE TRIGGER %1_changes_%2_%3 AFTER %4 ON %1 "
                               "BEGIN UPDATE change_generations SET generation = "
                               "generation + 1 WHERE topic = '%2'; END")
                    .arg(QLatin1String(table), QLatin1String(topic), event.toLower(), event));
    }
    return out;
}

// Migration 7: a stored mock whose JSON starts with `after_last` = afterLast, no speed and
// "cors":false gets "cors":null instead (portable SQL: substr, length, ||).
QString corsUnset(const QString &afterLast)
{
    const QString head = QStringLiteral("{\"after_last\":\"%1\",\"bytes_per_second\":null,"
                                        "\"cors\":")
                             .arg(afterLast);
    const QString from = head + QStringLiteral("false");
    return QStringLiteral("UPDATE endpoints SET mock = '%1null' || substr(mock, %2) "
                          "WHERE substr(mock, 1, %3) = '%4'")
        .arg(head)
        .arg(from.size() + 1)
        .arg(from.size())
        .arg(from);
}

} // namespace

const QList<Migration> &Schema::migrations()
{
    // Versions are permanent: never edit an applied migration, add a new one.
    static const QList<Migration> list{
        {1,
         "accounts",
         {QStringLiteral(
              "CREATE TABLE users (id %ID%, username TEXT NOT NULL UNIQUE, plan TEXT NOT NULL, "
              "created_at %BIGINT% NOT NULL)"),
          QStringLiteral(
              "CREATE TABLE authentication (userid %BIGINT% PRIMARY KEY REFERENCES users(id) "
              "ON DELETE CASCADE, passwordhash TEXT NOT NULL)"),
          QStringLiteral(
              "CREATE TABLE tokens (userid %BIGINT% PRIMARY KEY REFERENCES users(id) ON DELETE "
              "CASCADE, user_secret %BLOB% NOT NULL, last_updated %BIGINT% NOT NULL)"),
          QStringLiteral("CREATE TABLE throttle (key TEXT PRIMARY KEY, count INTEGER NOT NULL, "
                         "window_start %BIGINT% NOT NULL)"),
          // The seed's dump log; the dumps feature adds its own columns and tables.
          QStringLiteral(
              "CREATE TABLE requests (id %ID%, userid %BIGINT% NOT NULL REFERENCES users(id) "
              "ON DELETE CASCADE, dataformat TEXT NOT NULL, data %BLOB%, status TEXT NOT NULL, "
              "created_at %BIGINT% NOT NULL)"),
          QStringLiteral("CREATE INDEX requests_user_time ON requests (userid, created_at)")}},
        {2,
         "endpoints",
         {QStringLiteral(
              "CREATE TABLE endpoints (id %ID%, userid %BIGINT% NOT NULL REFERENCES users(id) "
              "ON DELETE CASCADE, identifier TEXT NOT NULL, method TEXT NOT NULL, kind TEXT NOT "
              "NULL, "
              "body TEXT, response TEXT, latency INTEGER NOT NULL, headers TEXT NOT NULL, "
              "status_code INTEGER NOT NULL, file_path TEXT, file_name TEXT, content_type TEXT, "
              "size %BIGINT% NOT NULL, etag TEXT, content_time %BIGINT% NOT NULL, "
              "created_at %BIGINT% NOT NULL, updated_at %BIGINT% NOT NULL, expires_at %BIGINT% NOT "
              "NULL, "
              "UNIQUE (userid, identifier))"),
          QStringLiteral("CREATE INDEX endpoints_expiry ON endpoints (expires_at)")}},
        {3,
         "shares",
         {QStringLiteral("CREATE TABLE shares (id TEXT PRIMARY KEY, blob TEXT NOT NULL, filename "
                         "TEXT NOT NULL, "
                         "content_type TEXT NOT NULL, size %BIGINT% NOT NULL, password_hash TEXT, "
                         "delete_token_hash TEXT NOT NULL, max_downloads INTEGER NOT NULL, "
                         "downloads INTEGER NOT NULL DEFAULT 0, state TEXT NOT NULL, created_at "
                         "%BIGINT% NOT NULL, "
                         "expires_at %BIGINT% NOT NULL, claimed_at %BIGINT%)"),
          QStringLiteral("CREATE INDEX shares_state_expiry ON shares (state, expires_at)")}},
        // Image dumps: the seed's per-item itemID/processStatus and per-image imageID/URL/Status.
        // Ids are numbered 1.. within their request, so a request's rows and file names are
        // known before anything is fetched.
        {4,
         "dumps",
         {QStringLiteral("ALTER TABLE requests ADD COLUMN item_count INTEGER NOT NULL DEFAULT 0"),
          QStringLiteral("ALTER TABLE requests ADD COLUMN image_count INTEGER NOT NULL DEFAULT 0"),
          QStringLiteral("ALTER TABLE requests ADD COLUMN finished_at %BIGINT%"),
          QStringLiteral(
              "CREATE TABLE dump_items (request_id %BIGINT% NOT NULL REFERENCES requests(id) "
              "ON DELETE CASCADE, item_id INTEGER NOT NULL, name TEXT NOT NULL, "
              "manufacturer TEXT NOT NULL, brand TEXT NOT NULL, category TEXT NOT NULL, "
              "process_status TEXT NOT NULL, PRIMARY KEY (request_id, item_id))"),
          QStringLiteral(
              "CREATE TABLE dump_images (request_id %BIGINT% NOT NULL REFERENCES requests(id) "
              "ON DELETE CASCADE, image_id INTEGER NOT NULL, item_id INTEGER NOT NULL, "
              "url TEXT NOT NULL, status TEXT NOT NULL, http_code INTEGER NOT NULL DEFAULT 0, "
              "error TEXT NOT NULL DEFAULT '', content_type TEXT NOT NULL DEFAULT '', "
              "file_path TEXT NOT NULL DEFAULT '', size %BIGINT% NOT NULL DEFAULT 0, "
              "PRIMARY KEY (request_id, image_id))")}},
        // Mocks: rules, sequences, templates, faults and CORS as one JSON column; where each
        // sequence stands (shared by all instances); the request journal. A journal row
        // without an endpoint is a request under the user's prefix that matched nothing.
        {5,
         "mocks",
         {QStringLiteral("ALTER TABLE endpoints ADD COLUMN mock TEXT"),
          QStringLiteral("CREATE TABLE endpoint_state (endpoint_id %BIGINT% PRIMARY KEY REFERENCES "
                         "endpoints(id) ON DELETE CASCADE, position %BIGINT% NOT NULL)"),
          QStringLiteral(
              "CREATE TABLE endpoint_requests (id %ID%, userid %BIGINT% NOT NULL REFERENCES "
              "users(id) ON DELETE CASCADE, endpoint_id %BIGINT% REFERENCES endpoints(id) ON "
              "DELETE CASCADE, at_us %BIGINT% NOT NULL, method TEXT NOT NULL, path TEXT NOT "
              "NULL, query TEXT NOT NULL, headers TEXT NOT NULL, body %BLOB%, body_size "
              "%BIGINT% NOT NULL, body_truncated INTEGER NOT NULL, remote TEXT NOT NULL, "
              "answered_by TEXT NOT NULL, rule INTEGER, sequence_index INTEGER, status INTEGER "
              "NOT NULL, fault TEXT, duration_us %BIGINT% NOT NULL)"),
          QStringLiteral(
              "CREATE INDEX endpoint_requests_endpoint ON endpoint_requests (endpoint_id, id)"),
          QStringLiteral(
              "CREATE INDEX endpoint_requests_user ON endpoint_requests (userid, endpoint_id, "
              "id)")}},
        // One-time WebSocket tickets (accounts/TicketsTable), stored hashed.
        {6,
         "ws_tickets",
         {QStringLiteral("CREATE TABLE ws_tickets (ticket_hash TEXT PRIMARY KEY, user_id %BIGINT% "
                         "NOT NULL REFERENCES users(id) ON DELETE CASCADE, expires_at %BIGINT% "
                         "NOT NULL)")}},
        // An account's CORS default, for endpoints that do not set `cors` (issue 12). Until now
        // every stored mock said "cors":false, set or not: those follow the default from now on
        // (it starts off, so nothing changes). The stored text is Qt's compact JSON with sorted
        // keys, so the endpoint's own "cors" follows "after_last" and "bytes_per_second" at the
        // very start; only that prefix is rewritten, never a rule's JSON further on. (A stored
        // slow_body speed in between keeps its explicit false.)
        {7,
         "cors_default",
         {QStringLiteral("ALTER TABLE users ADD COLUMN cors_default INTEGER NOT NULL DEFAULT 0"),
          corsUnset(QStringLiteral("repeat_last")), corsUnset(QStringLiteral("cycle"))}},
        // What in-memory caches depend on (store/ChangeBus): every change of endpoints, users,
        // tokens and the quota's dump log, in the transaction that makes it, NOTIFYs other
        // PostgreSQL instances and bumps a SQLite counter row that other SQLite instances read.
        {8, "change_generations", changeTriggers()},
    };
    return list;
}

int Schema::latestVersion()
{
    int latest = 0;
    for (const Migration &m : migrations())
        latest = qMax(latest, m.version);
    return latest;
}

QString Schema::translate(const QString &statement, Database::Dialect dialect)
{
    QString s = statement;
    const bool sqlite = dialect == Database::Dialect::Sqlite;
    for (const auto &[prefix, only] : {std::pair{QLatin1String("sqlite:"), true},
                                       std::pair{QLatin1String("postgres:"), false}}) {
        if (s.startsWith(prefix))
            return sqlite == only ? s.mid(prefix.size()) : QString();
    }
    s.replace(QStringLiteral("%ID%"),
              sqlite ? QStringLiteral("INTEGER PRIMARY KEY AUTOINCREMENT")
                     : QStringLiteral("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"));
    s.replace(QStringLiteral("%BLOB%"), sqlite ? QStringLiteral("BLOB") : QStringLiteral("BYTEA"));
    s.replace(QStringLiteral("%BIGINT%"),
              sqlite ? QStringLiteral("INTEGER") : QStringLiteral("BIGINT"));
    return s;
}

int Schema::currentVersion(Database &db)
{
    const auto row =
        db.selectOne(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
    return row ? row->at(0).toInt() : 0;
}

bool Schema::migrate(Database &db, QString *error)
{
    const bool postgres = db.dialect() == Database::Dialect::Postgres;
    try {
        if (postgres) // several instances may start at once: one migrates, the others wait
            db.select(QStringLiteral("SELECT pg_advisory_lock(727274)"));
        db.execute(Schema::translate(
            QStringLiteral(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                "name TEXT NOT NULL, applied_at %BIGINT% NOT NULL)"),
            db.dialect()));
        bool ok = true;
        const int current = currentVersion(db);
        if (current > latestVersion()) {
            *error = tr("the database schema is version %1 but this depot-server knows only up to "
                        "version %2: upgrade depot-server")
                         .arg(current)
                         .arg(latestVersion());
            ok = false;
        }
        for (const Migration &m : migrations()) {
            if (!ok || m.version <= current)
                continue;
            Database::Transaction tx(db);
            if (currentVersion(db) >= m.version)
                continue;
            for (const QString &statement : m.statements) {
                const QString sql = translate(statement, db.dialect());
                if (!sql.isEmpty()) // a statement of the other dialect
                    db.execute(sql);
            }
            db.execute(
                QStringLiteral(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"),
                {m.version, QString::fromLatin1(m.name), Database::now()});
            tx.commit();
            qCInfo(lcStore).noquote() << tr("database migrated to version %1 (%2)")
                                             .arg(m.version)
                                             .arg(QLatin1String(m.name));
        }
        if (postgres)
            db.select(QStringLiteral("SELECT pg_advisory_unlock(727274)"));
        return ok;
    } catch (const DbError &e) {
        *error = tr("database migration failed: %1").arg(QString::fromUtf8(e.what()));
        return false;
    }
}

} // namespace depot
