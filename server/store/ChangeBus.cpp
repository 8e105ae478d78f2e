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
thread_local int t_scopeDepth = 0;
thread_local quint64 t_scope = 0;
quint64 nextScope()
{
    static std::atomic<quint64> next{1}; // unique across threads: a connection never mistakes
    return next.fetch_add(1, std::memory_order_relaxed); // another thread's scope for its own
}
} // namespace

ChangeWatch::RequestScope::RequestScope()
{
    if (t_scopeDepth++ == 0)
        t_scope = nextScope();
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
