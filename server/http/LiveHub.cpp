#include "http/LiveHub.h"

#include <QHash>
#include <QMetaObject>
#include <QMutex>

#include <atomic>

namespace depot {
namespace {

struct Subscription
{
    QString topic;
    QPointer<QObject> context;
    LiveHub::Callback callback;
};

QMutex mutex;
QHash<quint64, Subscription> subscriptions;
QMultiHash<QString, quint64> byTopic;
std::atomic<quint64> nextId{1};

} // namespace

quint64 LiveHub::subscribe(const QString &topic, QObject *context, Callback callback)
{
    const quint64 id = nextId.fetch_add(1);
    {
        QMutexLocker lock(&mutex);
        subscriptions.insert(id, {topic, context, std::move(callback)});
        byTopic.insert(topic, id);
    }
    QObject::connect(context, &QObject::destroyed, [id] { unsubscribe(id); });
    return id;
}

void LiveHub::unsubscribe(quint64 id)
{
    QMutexLocker lock(&mutex);
    const auto it = subscriptions.find(id);
    if (it == subscriptions.end())
        return;
    byTopic.remove(it->topic, id);
    subscriptions.erase(it);
}

void LiveHub::publish(const QString &topic, const QJsonObject &event)
{
    // Posted under the lock: a subscriber's context unsubscribes (under the same lock) when it
    // starts being destroyed, so it is alive for every post made here, and Qt drops posted
    // events of an object that is then deleted.
    QMutexLocker lock(&mutex);
    for (auto it = byTopic.constFind(topic); it != byTopic.constEnd() && it.key() == topic; ++it) {
        const Subscription &s = subscriptions[it.value()];
        if (!s.context)
            continue;
        QMetaObject::invokeMethod(
            s.context.data(), [callback = s.callback, event] { callback(event); },
            Qt::QueuedConnection);
    }
}

int LiveHub::subscriberCount(const QString &topic)
{
    QMutexLocker lock(&mutex);
    return int(byTopic.count(topic));
}

} // namespace depot
