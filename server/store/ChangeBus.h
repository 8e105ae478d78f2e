#pragma once

#include <QObject>
#include <QString>

#include <array>
#include <atomic>
#include <memory>

class QTimer;

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
// commit) and changes other instances announced (ChangeListener) bump a counter every worker
// reads without a lock.
class ChangeBus
{
public:
    static void bump(ChangeTopic topic);
    static void bumpAll();
    static quint64 local(ChangeTopic topic);
    // The payload of the PostgreSQL notification and the SQLite counter row: "endpoints", ...
    static const char *name(ChangeTopic topic);
    static constexpr const char *Channel = "depot_changes";

private:
    static std::array<std::atomic<quint64>, ChangeTopicCount> s_local;
};

// One thread's view (a worker's, next to its connection). generation() changes whenever the
// topic may have changed, through this process or another instance sharing the database:
// PostgreSQL: the ChangeListener's notifications reach ChangeBus, nothing per call;
// SQLite: PRAGMA data_version on this connection (no table read) and, only when another
// connection wrote something, the counter rows the schema's triggers keep.
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

private:
    Database &m_db;
    qint64 m_dataVersion = -1;
    std::array<quint64, ChangeTopicCount> m_stored{};
};

// PostgreSQL only, on the main thread: LISTENs on ChangeBus::Channel on a connection of its
// own; the schema's triggers NOTIFY in the transaction of every change, so another instance's
// commit reaches this process's caches within milliseconds. The channel is checked four times a
// second; while it is down (connection lost, re-subscribing) every topic is bumped once a
// second: caches are then at most a second stale, never longer. After it is back, every topic
// is bumped once (notifications sent meanwhile were lost).
class ChangeListener : public QObject
{
    Q_OBJECT
public:
    ChangeListener(std::unique_ptr<Database> db, QObject *parent);
    ~ChangeListener() override;
    bool start(QString *error);
    bool listening() const { return m_listening; }

private:
    void check();
    bool subscribe();

    std::unique_ptr<Database> m_db;
    QTimer *m_timer;
    bool m_listening = false;
    int m_subscribedOpen = -1; // Database::openCount() when subscribed
    qint64 m_lastFallbackBumpMs = 0;
    qint64 m_lastReopenMs = 0;
};

} // namespace depot
