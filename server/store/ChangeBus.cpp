#include "store/ChangeBus.h"

#include "store/Database.h"

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

void ChangeBus::notified(const QString &payload)
{
    for (int t = 0; t < ChangeTopicCount; ++t) {
        if (payload == QLatin1String(name(ChangeTopic(t))))
            bump(ChangeTopic(t));
    }
}

ChangeWatch::ChangeWatch(Database &db) : m_db(db) {}

quint64 ChangeWatch::generation(ChangeTopic topic)
{
    // Both parts only grow, so their sum moves whenever either does.
    return ChangeBus::local(topic) + m_db.storedGeneration(topic);
}

namespace {
// Per thread: a Database is used only by the thread that opened it, so a scope's number needs
// to be unique on its thread only.
thread_local int t_scopeDepth = 0;
thread_local quint64 t_scope = 0;
thread_local quint64 t_lastScope = 0;
} // namespace

ChangeWatch::RequestScope::RequestScope()
{
    if (t_scopeDepth++ == 0)
        t_scope = ++t_lastScope;
}

ChangeWatch::RequestScope::~RequestScope()
{
    if (--t_scopeDepth == 0)
        t_scope = 0;
}

quint64 ChangeWatch::RequestScope::current()
{
    return t_scope;
}

} // namespace depot
