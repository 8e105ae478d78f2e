#pragma once

#include "store/Database.h"

#include <QList>
#include <QObject>
#include <QString>

#include <atomic>
#include <functional>

class QThread;
class QTimer;

namespace depot {

// A PostgreSQL notification channel a feature listens to, registered with the process's
// DbListener (wired in app/, like a ReaperSource).
struct DbChannel
{
    QString name;
    // One NOTIFY's payload, on the listener's own thread: must be thread-safe.
    std::function<void(const QString &payload)> received;
    // Notifications may have been lost: once when the channel goes down, every second while it
    // is down, and once when it is back (on the thread that owns the DbListener). The feature's
    // fallback: re-read what the notifications would have announced.
    std::function<void()> missed;
};

// PostgreSQL LISTEN for the whole process: one connection of its own (application_name
// depot-listener) on a thread of its own, so connecting, reconnecting and pinging never block
// an event loop that serves requests or runs the server. It LISTENs on every registered channel,
// pings 4x a second, and after a loss reconnects with a backoff (250 ms doubling to 2 s, each
// attempt bounded by a 2 s connect timeout). up() is false while it is down and also when the
// connection has not answered for a second (a silent server), which is when the channels'
// `missed` fallbacks run. SQLite instances have no listener.
class DbListener : public QObject
{
    Q_OBJECT
public:
    explicit DbListener(const Database::Settings &settings, QObject *parent = nullptr);
    ~DbListener() override; // stops its thread

    void addChannel(DbChannel channel); // before start()
    void start();

    // Whether notifications flow now (false before the first LISTEN, while down, and in a
    // process without a listener): a feature may then skip work the notifications cover.
    static bool up();
    static qint64 notificationCount() { return s_notifications.load(std::memory_order_relaxed); }

Q_SIGNALS:
    // After the first connection attempt (succeeded or not): the server reports itself started
    // only then, so a fresh instance hears other instances' changes from its first request.
    void firstAttemptDone(bool listening);

private:
    friend class DbListenerConnection;
    void check(); // on this object's thread, 4x a second: transitions and the fallback
    void allMissed();

    Database::Settings m_settings;
    QList<DbChannel> m_channels;
    QThread *m_thread = nullptr;
    QTimer *m_timer = nullptr;
    bool m_wasUp = false;
    quint64 m_seenSubscriptions = 0;
    qint64 m_lastMissedMs = 0;

    static inline std::atomic<bool> s_listening{false};
    static inline std::atomic<qint64> s_lastAliveMs{0}; // steady clock, ms
    static inline std::atomic<qint64> s_notifications{0};
};

} // namespace depot
