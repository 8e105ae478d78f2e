// ThreadSanitizer probe (scripts/tsan-probe.sh): the cross-thread patterns of depot-server, with no
// data race, built with -fsanitize=thread against Debian's (uninstrumented) Qt. Every report it
// prints is a false positive; with the argument "race" it adds one real race, to show whether a
// suppressions file that silences the false positives still lets a real race through.
#include "config/OffThread.h"

#include <QCoreApplication>
#include <QMutex>
#include <QThread>

#include <cstdio>

namespace {

struct Payload
{
    int values[64];
};

int sum(const Payload &p)
{
    int total = 0;
    for (int v : p.values)
        total += v;
    return total;
}

int unguarded = 0; // written by pool threads without a lock only in "race" mode

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const bool race = argc > 1 && qstrcmp(argv[1], "race") == 0;
    int failures = 0;

    // 1. runOffThread (the password KDF, blob hashing): work on Qt's pool, result on this thread.
    int pending = 20;
    for (int i = 0; i < 20; ++i) {
        auto *payload = new Payload;
        depot::runOffThread(
            &app,
            [payload, i, race] {
                for (int &v : payload->values)
                    v = i;
                if (race)
                    ++unguarded;
                return payload;
            },
            [&, i](Payload *p) {
                failures += sum(*p) != 64 * i;
                delete p;
                if (--pending == 0)
                    QCoreApplication::quit();
            });
    }
    app.exec();

    // 2. A worker thread with its own event loop, fed by queued calls (Worker, the journal writer).
    QThread worker;
    QObject sink;
    sink.moveToThread(&worker);
    worker.start();
    int received = 0;
    for (int i = 0; i < 50; ++i) {
        auto *p = new Payload;
        for (int &v : p->values)
            v = 1;
        QMetaObject::invokeMethod(
            &sink,
            [&, p] {
                failures += sum(*p) != 64;
                delete p;
                ++received;
            },
            Qt::QueuedConnection);
    }

    // 3. A QMutex-guarded counter shared by pool threads (the caches behind the change bus).
    QMutex mutex;
    int counter = 0;
    QList<QFuture<void>> futures;
    for (int i = 0; i < 8; ++i)
        futures.append(QtConcurrent::run([&] {
            for (int k = 0; k < 1000; ++k) {
                QMutexLocker lock(&mutex);
                ++counter;
            }
        }));
    for (auto &f : futures)
        f.waitForFinished();
    QMetaObject::invokeMethod(
        &sink, [] { QThread::currentThread()->quit(); }, Qt::QueuedConnection);
    worker.wait();
    std::printf("counter=%d received=%d failures=%d unguarded=%d\n", counter, received, failures,
                unguarded);
    return failures == 0 && counter == 8000 && received == 50 ? 0 : 1;
}
