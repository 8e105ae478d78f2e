#pragma once

#include <QObject>
#include <QPointer>

class QNetworkReply;
class QTimer;

namespace depot {

// Aborts a reply when nothing moved (no byte sent or received) for a while, and remembers why
// it aborted it, so that the caller can tell a timeout from the user's Cancel. Lives as the
// reply's child.
class ReplyWatchdog : public QObject
{
    Q_OBJECT
public:
    // timeoutMs <= 0: no timeout (Cancel only).
    ReplyWatchdog(QNetworkReply *reply, int timeoutMs);

    static ReplyWatchdog *of(QNetworkReply *reply);
    bool timedOut() const { return m_timedOut; }
    bool cancelled() const { return m_cancelled; }
    int timeoutSeconds() const { return (m_timeoutMs + 999) / 1000; }
    void cancel();

private:
    void restart();

    QPointer<QNetworkReply> m_reply;
    QTimer *m_timer;
    int m_timeoutMs;
    bool m_timedOut = false;
    bool m_cancelled = false;
};

} // namespace depot
