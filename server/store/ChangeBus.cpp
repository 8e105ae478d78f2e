#include "store/ChangeBus.h"

#include "store/Database.h"
#include "store/StoreLog.h"

#include <QDateTime>
#include <QDebug>
#include <QTimer>

#include <utility>

namespace depot {

std::array<std::atomic<quint64>, ChangeTopicCount> ChangeBus::s_local{};

void ChangeBus::bump(ChangeTopic topic)
{
    s_local[size_t(topic)].fetch_add(1, std::memory_order_release);
}

void ChangeBus::bumpAll()
{
    for (int t = 0; t < ChangeTopicCount; ++t)
        bump(ChangeTopic(t));
}

quint64 ChangeBus::local(ChangeTopic topic)
{
    return s_local[size_t(topic)].load(std::memory_order_acquire);
}

const char *ChangeBus::name(ChangeTopic topic)
{
    switch (topic) {
    case ChangeTopic::Endpoints:
        return "endpoints";
    case ChangeTopic::Accounts:
        return "accounts";
    case ChangeTopic::Quota:
        return "quota";
    }
    return "";
}

ChangeWatch::ChangeWatch(Database &db) : m_db(db) {}

quint64 ChangeWatch::generation(ChangeTopic topic)
{
    if (m_db.dialect() == Database::Dialect::Sqlite) {
        const qint64 version = m_db.dataVersion();
        if (version != m_dataVersion) {
            // Another connection committed something (often only a journal or a sequence):
            // the triggers' counters tell whether it was one of ours. A failed read leaves
            // m_dataVersion as it was, so the next call reads again.
            for (const Row &row :
                 m_db.select(QStringLiteral("SELECT topic, generation FROM change_generations"))) {
                for (int t = 0; t < ChangeTopicCount; ++t) {
                    if (row.at(0).toString() == QLatin1String(ChangeBus::name(ChangeTopic(t))))
                        m_stored[t] = row.at(1).toULongLong();
                }
            }
            m_dataVersion = version;
        }
    }
    // Both parts only grow, so their sum moves whenever either does.
    return ChangeBus::local(topic) + m_stored[size_t(topic)];
}

ChangeListener::ChangeListener(std::unique_ptr<Database> db, QObject *parent)
    : QObject(parent), m_db(std::move(db)), m_timer(new QTimer(this))
{
    connect(m_timer, &QTimer::timeout, this, &ChangeListener::check);
}

ChangeListener::~ChangeListener() = default;

bool ChangeListener::start(QString *error)
{
    if (!m_db->open(error))
        return false;
    if (!subscribe()) {
        *error = tr("cannot LISTEN on %1").arg(QLatin1String(ChangeBus::Channel));
        return false;
    }
    m_timer->start(250);
    return true;
}

bool ChangeListener::subscribe()
{
    try { // named, so an operator (and a test) can tell this connection apart
        m_db->execute(QStringLiteral("SET application_name = 'depot-changes'"));
    } catch (const DbError &) {
        return m_listening = false;
    }
    m_listening = m_db->subscribe(QString::fromLatin1(ChangeBus::Channel), [](const QString &p) {
        for (int t = 0; t < ChangeTopicCount; ++t) {
            if (p == QLatin1String(ChangeBus::name(ChangeTopic(t))))
                ChangeBus::bump(ChangeTopic(t));
        }
    });
    m_subscribedOpen = m_listening ? m_db->openCount() : -1;
    return m_listening;
}

void ChangeListener::check()
{
    // ping() reopens a lost connection (with its backoff); a reopened one listens no more.
    bool alive = m_db->ping();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!alive && now - m_lastReopenMs >= 1000) { // the driver may have given up on it
        m_lastReopenMs = now;
        QString ignored;
        alive = m_db->reopen(&ignored) && m_db->ping();
    }
    if (alive && m_listening && m_db->openCount() == m_subscribedOpen)
        return;
    if (m_listening)
        qCWarning(lcStore).noquote()
            << tr("change notifications interrupted: caches are refreshed every second");
    m_listening = false;
    if (alive && subscribe()) {
        qCInfo(lcStore).noquote() << tr("change notifications resumed");
        ChangeBus::bumpAll(); // what was announced meanwhile is lost
        return;
    }
    if (now - m_lastFallbackBumpMs >= 1000) {
        m_lastFallbackBumpMs = now;
        ChangeBus::bumpAll();
    }
}

} // namespace depot
