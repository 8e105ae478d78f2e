#pragma once

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

namespace depot {

// Process-wide publish/subscribe for live events (a dump's images, an endpoint's journal).
// Publishers run on any worker thread; each subscriber receives on its own context object's
// thread (queued), so a WebSocket on worker B hears about a job running on worker A. Across
// instances there is no hub: subscribers also read the database, which stays the truth.
class LiveHub
{
public:
    using Callback = std::function<void(const QJsonObject &)>;

    // Returns a subscription id for unsubscribe(); also ends when `context` is destroyed.
    static quint64 subscribe(const QString &topic, QObject *context, Callback callback);
    static void unsubscribe(quint64 id);
    static void publish(const QString &topic, const QJsonObject &event);
    static int subscriberCount(const QString &topic);
};

} // namespace depot
