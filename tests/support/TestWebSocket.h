#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QUrl>
#include <QWebSocket>

namespace depot::test {

// A QWebSocket client that keeps every message (as JSON) and the close code; the URL's scheme
// becomes ws.
class WsClient : public QObject
{
public:
    QWebSocket socket;
    QList<QJsonObject> messages;
    int closeCode = -1;
    bool closed = false;

    explicit WsClient(const QUrl &url);
    bool waitOpen(); // up to 5 s
    void send(const QJsonObject &o);
    // Whether some message has `key` equal to `value` (a string).
    bool received(const QString &key, const QString &value) const;
};

} // namespace depot::test
