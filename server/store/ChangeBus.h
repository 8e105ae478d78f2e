#pragma once

#include <QString>

#include <array>
#include <atomic>
#include <utility>

namespace depot {

class Database;

// What in-memory copies of the database depend on. Each topic has a generation that changes
// whenever its rows may have changed; a cache that remembers the generation it was filled at is
// exact by clearing itself when the generation moves.
//   Endpoints: the endpoints table, and users created or removed (an unmatched request's owner).
//   Accounts: users and tokens (the per-user signing secret, the plan).
//   Quota: the dump log counted by the hourly quota (requests added or removed).
enum class ChangeTopic { Endpoints, Accounts, Quota };
constexpr int ChangeTopicCount = 3;

// The process-wide half: changes made through this process (Database::changed, after their
// commit) and changes other instances announced (PostgreSQL: the `depot_changes` channel of
// store/DbListener) bump a counter every worker reads without a lock.
class ChangeBus
{
public:
    static void bump(ChangeTopic topic);
    static void bumpAll();
    static quint64 local(ChangeTopic topic);
    // The payload of the PostgreSQL notification and the SQLite counter row: "endpoints", ...
    static const char *name(ChangeTopic topic);
    static constexpr const char *Channel = "depot_changes";
    // A notification on Channel (any thread): bumps the topic it names. While the channel is
    // down, DbListener calls bumpAll() once a second instead.
    static void notified(const QString &payload);

private:
    static std::array<std::atomic<quint64>, ChangeTopicCount> s_local;
};

// One thread's view (a worker's, next to its connection). generation() changes whenever the
// topic may have changed, through this process or another instance sharing the database:
// PostgreSQL: DbListener's notifications reach ChangeBus, nothing per call;
// SQLite: PRAGMA data_version on this connection (no table read) and, only when another
// connection wrote something, the counter rows the schema's triggers keep
// (Database::storedGeneration, shared by every watch on the connection).
class ChangeWatch
{
public:
    explicit ChangeWatch(Database &db);
    quint64 generation(ChangeTopic topic);
    // Whether the topic moved since *seen (always true the first time, *seen 0); updates *seen.
    // Ask before reading the rows a cache keeps.
    bool moved(ChangeTopic topic, quint64 *seen)
    {
        const quint64 now = generation(topic) + 1; // + 1: never 0
        return std::exchange(*seen, now) != now;
    }

    // While one exists on a thread (the router holds one around each request it dispatches),
    // SQLite's PRAGMA data_version is read at most once on that thread's connections: a request
    // asking three caches (token, quota, cors_default) checks once. Still exact: a commit by
    // another process before the request began is seen; one during it, by the next request.
    // Outside a scope every generation() reads it.
    class RequestScope
    {
    public:
        RequestScope();
        ~RequestScope();
        RequestScope(const RequestScope &) = delete;
        RequestScope &operator=(const RequestScope &) = delete;
        // The innermost open scope's number on this thread, 0 outside every scope.
        static quint64 current();
    };

private:
    Database &m_db;
};

} // namespace depot
