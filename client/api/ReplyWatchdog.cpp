#include "api/ReplyWatchdog.h"

#include <QNetworkReply>
#include <QTimer>

namespace depot {

ReplyWatchdog::ReplyWatchdog(QNetworkReply *reply, int timeoutMs)
    : QObject(reply), m_reply(reply), m_timer(new QTimer(this)), m_timeoutMs(timeoutMs)
{
    setObjectName(QStringLiteral("depotWatchdog"));
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (!m_reply || m_reply->isFinished())
            return;
        m_timedOut = true;
        m_reply->abort();
    });
    connect(reply, &QNetworkReply::uploadProgress, this, &ReplyWatchdog::restart);
    connect(reply, &QNetworkReply::downloadProgress, this, &ReplyWatchdog::restart);
    connect(reply, &QNetworkReply::metaDataChanged, this, &ReplyWatchdog::restart);
    connect(reply, &QNetworkReply::finished, m_timer, &QTimer::stop);
    restart();
}

ReplyWatchdog *ReplyWatchdog::of(QNetworkReply *reply)
{
    return reply ? reply->findChild<ReplyWatchdog *>(QStringLiteral("depotWatchdog"),
                                                     Qt::FindDirectChildrenOnly)
                 : nullptr;
}

void ReplyWatchdog::restart()
{
    if (m_timeoutMs > 0)
        m_timer->start(m_timeoutMs);
}

void ReplyWatchdog::cancel()
{
    if (!m_reply || m_reply->isFinished())
        return;
    m_cancelled = true;
    m_reply->abort();
}

} // namespace depot
