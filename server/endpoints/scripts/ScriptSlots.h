#pragma once

#include <QMutex>
#include <QObject>

#include <deque>
#include <functional>
#include <memory>

namespace depot {

// The process-wide bound on running scripts (--script-concurrency), shared by every worker's
// ScriptRunner, with a bounded first-come-first-served wait queue in front of it
// (--script-queue). A run that finds every slot taken waits in the queue; a slot that is given
// back goes to the first waiter, on that waiter's own thread. Thread-safe.
class ScriptSlots
{
public:
    // One waiting run. Owned by the runner that queued it; the queue keeps a reference.
    struct Waiter
    {
        enum class State { Waiting, Granted, Done };
        State state = State::Waiting; // guarded by the ScriptSlots mutex
        QObject *context = nullptr;   // the runner: `granted` runs on its thread
        std::function<void()> granted;
    };
    using WaiterPtr = std::shared_ptr<Waiter>;

    static ScriptSlots &instance();

    // A slot now, if one is free and nobody waits for one (no overtaking the queue).
    bool tryAcquire(int limit);
    // Queues a waiter unless `queueLimit` runs wait already (then null). When a slot is handed
    // over, waiter->granted runs on context's thread (queued), with the slot taken for it.
    WaiterPtr enqueue(QObject *context, int queueLimit, std::function<void()> granted);
    // Takes a waiter out of the queue: true if it was still waiting (it will never be granted).
    bool cancel(const WaiterPtr &waiter);
    // Called by the runner when `granted` runs: true if the slot is still meant for it.
    bool claim(const WaiterPtr &waiter);
    // A runner going away: a waiter still queued is removed, a slot granted to it (whose
    // `granted` will not run now) is given back.
    void abandon(const WaiterPtr &waiter);
    // Gives a slot back: to the first waiter, or free.
    void release();

    int running() const;
    int waiting() const;

private:
    void releaseLocked();

    mutable QMutex m_mutex;
    int m_running = 0;
    std::deque<WaiterPtr> m_queue;
};

} // namespace depot
