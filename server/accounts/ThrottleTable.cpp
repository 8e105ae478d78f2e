#include "accounts/ThrottleTable.h"

namespace depot {

qint64 ThrottleTable::reserve(const QString &key, int max, int windowSeconds)
{
    const qint64 now = Database::now();
    const qint64 expired = now - windowSeconds;
    // One statement: a new window starts when the old one has passed; the count only grows while
    // it is below max (the upsert's WHERE), so the check and the count cannot be split by a
    // concurrent attempt on any connection. No row comes back when the attempt was refused.
    const auto counted = m_db.selectOne(
        QStringLiteral(
            "INSERT INTO throttle (key, count, window_start) VALUES (?, 1, ?) "
            "ON CONFLICT (key) DO UPDATE SET "
            "count = CASE WHEN throttle.window_start <= ? THEN 1 ELSE throttle.count + 1 END, "
            "window_start = CASE WHEN throttle.window_start <= ? THEN ? ELSE "
            "throttle.window_start END "
            "WHERE throttle.window_start <= ? OR throttle.count < ? RETURNING count"),
        {key, now, expired, expired, now, expired, max});
    if (counted)
        return 0;
    return qMax<qint64>(1, blockedFor(key, max, windowSeconds));
}

void ThrottleTable::release(const QString &key)
{
    m_db.execute(
        QStringLiteral("UPDATE throttle SET count = count - 1 WHERE key = ? AND count > 0"), {key});
}

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

void ThrottleTable::clear(const QString &key)
{
    m_db.execute(QStringLiteral("DELETE FROM throttle WHERE key = ?"), {key});
}

} // namespace depot
