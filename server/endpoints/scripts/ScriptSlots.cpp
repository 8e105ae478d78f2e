#include "endpoints/scripts/ScriptSlots.h"

#include <algorithm>

namespace depot {

ScriptSlots &ScriptSlots::instance()
{
    static ScriptSlots instance;
    return instance;
}

bool ScriptSlots::tryAcquire(int limit)
{
    QMutexLocker lock(&m_mutex);
    if (m_running >= limit || !m_queue.empty())
        return false;
    ++m_running;
    return true;
}

ScriptSlots::WaiterPtr ScriptSlots::enqueue(QObject *context, int queueLimit,
                                            std::function<void()> granted)
{
    QMutexLocker lock(&m_mutex);
    if (int(m_queue.size()) >= queueLimit)
        return nullptr;
    auto waiter = std::make_shared<Waiter>();
    waiter->context = context;
    waiter->granted = std::move(granted);
    m_queue.push_back(waiter);
    return waiter;
}

bool ScriptSlots::cancel(const WaiterPtr &waiter)
{
    QMutexLocker lock(&m_mutex);
    if (waiter->state != Waiter::State::Waiting)
        return false;
    waiter->state = Waiter::State::Done;
    m_queue.erase(std::remove(m_queue.begin(), m_queue.end(), waiter), m_queue.end());
    return true;
}

bool ScriptSlots::claim(const WaiterPtr &waiter)
{
    QMutexLocker lock(&m_mutex);
    if (waiter->state != Waiter::State::Granted)
        return false;
    waiter->state = Waiter::State::Done;
    return true;
}

void ScriptSlots::abandon(const WaiterPtr &waiter)
{
    QMutexLocker lock(&m_mutex);
    if (waiter->state == Waiter::State::Waiting)
        m_queue.erase(std::remove(m_queue.begin(), m_queue.end(), waiter), m_queue.end());
    else if (waiter->state == Waiter::State::Granted)
        releaseLocked();
    waiter->state = Waiter::State::Done;
}

void ScriptSlots::release()
{
    QMutexLocker lock(&m_mutex);
    releaseLocked();
}

void ScriptSlots::releaseLocked()
{
    if (m_queue.empty()) {
        --m_running;
        return;
    }
    // The slot passes to the first waiter without ever being free: nobody can overtake it.
    const WaiterPtr next = m_queue.front();
    m_queue.pop_front();
    next->state = Waiter::State::Granted;
    QMetaObject::invokeMethod(next->context, next->granted, Qt::QueuedConnection);
}

int ScriptSlots::running() const
{
    QMutexLocker lock(&m_mutex);
    return m_running;
}

int ScriptSlots::waiting() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_queue.size());
}

} // namespace depot
