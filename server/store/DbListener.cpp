#include "store/DbListener.h"

#include "store/StoreLog.h"

#include <QCoreApplication>
#include <QDebug>
#include <QMetaObject>
#include <QPointer>
#include <QThread>
#include <QTimer>

#include <chrono>
#include <memory>

namespace depot {
namespace {

qint64 steadyMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

constexpr int kPingMs = 250;
constexpr int kFirstRetryMs = 250;
constexpr int kMaxRetryMs = 2000;
constexpr qint64 kSilentMs = 1000; // no answer for this long: down, whatever the state says
constexpr qint64 kFallbackMs = 1000;

std::atomic<quint64> s_subscriptions{0}; // successful LISTENs so far (each reconnect adds one)

} // namespace

// The listener's connection, living on the listener's thread (created, used and destroyed
// there): connects, LISTENs on every channel, pings, and reconnects with a backoff.
class DbListenerConnection : public QObject
{
    Q_DECLARE_TR_FUNCTIONS(DbListener)

public:
    DbListenerConnection(const Database::Settings &settings, const QList<DbChannel> &channels,
                         DbListener *owner)
        : m_settings(settings), m_channels(channels), m_owner(owner)
    {
        m_settings.connectTimeoutSeconds = 2; // libpq's minimum; bounds one attempt
    }
    ~DbListenerConnection() override { DbListener::s_listening.store(false); }

    void begin()
    {
        m_timer = new QTimer(this);
        m_timer->setSingleShot(true);
        connect(m_timer, &QTimer::timeout, this, [this] {
            if (m_subscribedOpen < 0)
                attempt();
            else
                ping();
        });
        attempt();
    }

private:
    void attempt()
    {
        QString error;
        const bool ok = connectAndListen(&error);
        if (m_first) {
            m_first = false;
            QMetaObject::invokeMethod(
                m_owner.data(),
                [owner = m_owner, ok] {
                    if (owner)
                        Q_EMIT owner->firstAttemptDone(ok);
                },
                Qt::QueuedConnection);
        }
        if (ok) {
            if (m_failed)
                qCInfo(lcStore).noquote() << tr("database notifications resumed");
            m_failed = false;
            m_retryMs = 0;
            m_timer->start(kPingMs);
            return;
        }
        if (!m_failed || error != m_lastError)
            qCWarning(lcStore).noquote()
                << tr("database notifications unavailable (%1): caches refresh every second and "
                      "live sockets re-read the database until they are back")
                       .arg(error);
        m_failed = true;
        m_lastError = error;
        m_retryMs = qBound(kFirstRetryMs, m_retryMs * 2, kMaxRetryMs);
        m_timer->start(m_retryMs);
    }

    bool connectAndListen(QString *error)
    {
        bool open = false;
        if (!m_db) {
            m_db = std::make_unique<Database>(m_settings, QStringLiteral("listener"));
            open = m_db->open(error);
        } else {
            open = m_db->reopen(error);
        }
        if (!open)
            return false;
        try { // named, so an operator (and a test) can tell this connection apart
            m_db->execute(QStringLiteral("SET application_name = 'depot-listener'"));
        } catch (const DbError &e) {
            *error = QString::fromUtf8(e.what());
            return false;
        }
        for (const DbChannel &channel : std::as_const(m_channels)) {
            const auto received = channel.received;
            if (!m_db->listen(channel.name, [received](const QString &payload) {
                    DbListener::s_notifications.fetch_add(1, std::memory_order_relaxed);
                    received(payload);
                })) {
                *error = tr("LISTEN %1 failed").arg(channel.name);
                return false;
            }
        }
        m_subscribedOpen = m_db->openCount();
        DbListener::s_lastAliveMs.store(steadyMs());
        DbListener::s_listening.store(true);
        s_subscriptions.fetch_add(1);
        return true;
    }

    void ping()
    {
        // ping() may itself reopen a dropped connection: the LISTENs died with the old one.
        if (m_db->ping() && m_db->openCount() == m_subscribedOpen) {
            DbListener::s_lastAliveMs.store(steadyMs());
            m_timer->start(kPingMs);
            return;
        }
        DbListener::s_listening.store(false);
        m_subscribedOpen = -1;
        qCWarning(lcStore).noquote()
            << tr("database notifications interrupted: caches refresh every second and live "
                  "sockets re-read the database until they are back");
        m_failed = true;
        m_lastError.clear();
        attempt(); // at once: the server may well be there (the connection alone was lost)
    }

    Database::Settings m_settings;
    const QList<DbChannel> m_channels;
    QPointer<DbListener> m_owner;
    std::unique_ptr<Database> m_db;
    QTimer *m_timer = nullptr;
    int m_subscribedOpen = -1; // Database::openCount() when the LISTENs were made; -1: none
    int m_retryMs = 0;
    bool m_first = true;
    bool m_failed = false;
    QString m_lastError;
};

DbListener::DbListener(const Database::Settings &settings, QObject *parent)
    : QObject(parent), m_settings(settings)
{
}

DbListener::~DbListener()
{
    if (!m_thread)
        return;
    m_thread->quit();
    // At most one connection attempt (2 s) or a ping. A ping to a server that went silent can
    // wait for TCP: the process is ending, so the thread is left to end with it.
    if (!m_thread->wait(3000)) {
        qCWarning(lcStore).noquote()
            << tr("the database listener did not stop within 3 s; exiting without it");
        m_thread->setParent(nullptr); // never destroyed while it runs
    }
}

void DbListener::addChannel(DbChannel channel)
{
    Q_ASSERT(!m_thread);
    m_channels.append(std::move(channel));
}

void DbListener::start()
{
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("db-listener"));
    auto *connection = new DbListenerConnection(m_settings, m_channels, this);
    connection->moveToThread(m_thread);
    connect(m_thread, &QThread::started, connection, [connection] { connection->begin(); });
    connect(m_thread, &QThread::finished, connection, &QObject::deleteLater);
    m_thread->start();
    m_timer = new QTimer(this);
    connect(m_timer, &QTimer::timeout, this, &DbListener::check);
    m_timer->start(kPingMs);
}

bool DbListener::up()
{
    return s_listening.load() && steadyMs() - s_lastAliveMs.load() < kSilentMs;
}

void DbListener::check()
{
    const bool isUp = up();
    const quint64 subscriptions = s_subscriptions.load();
    const qint64 now = steadyMs();
    // Down, back (a new LISTEN: what was sent before it is lost), or down for another second.
    if (isUp != m_wasUp || subscriptions != m_seenSubscriptions ||
        (!isUp && now - m_lastMissedMs >= kFallbackMs)) {
        m_wasUp = isUp;
        m_seenSubscriptions = subscriptions;
        m_lastMissedMs = now;
        allMissed();
    }
}

void DbListener::allMissed()
{
    for (const DbChannel &channel : std::as_const(m_channels)) {
        if (channel.missed)
            channel.missed();
    }
}

} // namespace depot
