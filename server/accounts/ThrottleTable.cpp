#include "accounts/ThrottleTable.h"

namespace depot {

qint64 ThrottleTable::blockedFor(const QString &key, int max, int windowSeconds)
{
    const auto row = m_db.selectOne(
        QStringLiteral("SELECT count, window_start FROM throttle WHERE key = ?"), {key});
    if (!row)
        return 0;
    const qint64 windowEnd = row->at(1).toLongLong() + windowSeconds;
    const qint64 now = Database::now();
    if (row->at(0).toInt() < max || windowEnd <= now)
        return 0;
    return windowEnd - now;
}

void ThrottleTable::recordFailure(const QString &key, int windowSeconds)
{
    const qint64 now = Database::now();
    // One atomic upsert: a new window starts when the old one has passed.
    m_db.execute(
        QStringLiteral(
            "INSERT INTO throttle (key, count, window_start) VALUES (?, 1, ?) "
            "ON CONFLICT (key) DO UPDATE SET "
            "count = CASE WHEN throttle.window_start <= ? THEN 1 ELSE throttle.count + 1 END, "
            "window_start = CASE WHEN throttle.window_start <= ? THEN ? ELSE throttle.window_start "
            "END"),
        {key, now, now - windowSeconds, now - windowSeconds, now});
}

void ThrottleTable::clear(const QString &key)
{
    m_db.execute(QStringLiteral("DELETE FROM throttle WHERE key = ?"), {key});
}

} // namespace depot
