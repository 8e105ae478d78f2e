#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QThreadPool>
#include <QtConcurrent>

#include <type_traits>
#include <utility>

namespace depot {

// Runs `work` on Qt's global thread pool (CPU-bound work such as the password KDF must not hold
// a worker's event loop) and then `done(result)` on `context`'s thread. If `context` is destroyed
// first (shutdown), `done` is simply never called. Prefer this to QFuture::then(context, ...),
// which in Qt 6.4 asserts when the context dies before the future finishes. `pool` runs `work`
// elsewhere than on the global pool (e.g. store/WriterThread's one thread with its connection).
template <typename Work, typename Done>
void runOffThread(QObject *context, Work work, Done done, QThreadPool *pool = nullptr)
{
    using Result = std::invoke_result_t<Work>;
    static_assert(!std::is_void_v<Result>, "work must return a value");
    auto *watcher = new QFutureWatcher<Result>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, done = std::move(done)]() mutable {
                         watcher->deleteLater();
                         done(watcher->result());
                     });
    watcher->setFuture(pool ? QtConcurrent::run(pool, std::move(work))
                            : QtConcurrent::run(std::move(work)));
}

} // namespace depot
