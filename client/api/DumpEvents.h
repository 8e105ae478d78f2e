#pragma once

#include "model/Dump.h"

#include <QObject>
#include <QString>
#include <QUrl>

class QWebSocket;

namespace depot {

// One finished image of an asynchronous dump, as its events WebSocket reports it.
struct DumpImageEvent
{
    qint64 itemId = 0;
    DumpImage image;
    int done = 0;  // images this socket has reported so far, 1..total
    int total = 0; // the request's image count
};

// Follows an asynchronous dump over /api/v1/dumps/{id}/events (Qt WebSockets): authenticates
// with a one-time ticket in the first message (never the token in the URL), then reports each
// finished image and the end. failed() means the socket could not be opened or closed before
// the end: the request still runs on the server, and its state is at GET /api/v1/dumps/{id}.
class DumpEvents : public QObject
{
    Q_OBJECT
public:
    explicit DumpEvents(QObject *parent = nullptr);
    ~DumpEvents() override;

    void open(const QUrl &eventsUrl, const QString &ticket);
    void close();

signals:
    void imageFinished(const DumpImageEvent &event);
    void ended(const QString &status);
    void failed(const QString &reason);

private:
    void onMessage(const QString &text);
    void onClosed();

    QWebSocket *m_socket = nullptr;
    QString m_ticket;
    bool m_ended = false;
    bool m_failed = false;
};

} // namespace depot
