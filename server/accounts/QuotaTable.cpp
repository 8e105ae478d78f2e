#include "accounts/QuotaTable.h"

namespace depot {

QuotaUsage QuotaTable::usage(qint64 userId, int limit)
{
    const qint64 since = Database::now() - WindowSeconds;
    const auto row = m_db.selectOne(
        QStringLiteral(
            "SELECT COUNT(*), MIN(created_at) FROM requests WHERE userid = ? AND created_at > ?"),
        {userId, since});
    QuotaUsage usage;
    usage.limit = limit;
    usage.used = row ? row->at(0).toInt() : 0;
    usage.resetAt = usage.used > 0 ? row->at(1).toLongLong() + WindowSeconds : 0;
    return usage;
}

std::optional<qint64> QuotaTable::reserve(qint64 userId, int limit, const QString &dataformat,
                                             const QByteArray &data, QuotaUsage *usageAfter)
{
    Database::Transaction tx(m_db);                    // SQLite: BEGIN IMMEDIATE serialises writers
    if (m_db.dialect() == Database::Dialect::Postgres) // serialise this user's reservations
        m_db.select(QStringLiteral("SELECT id FROM users WHERE id = ? FOR UPDATE"), {userId});
    QuotaUsage current = usage(userId, limit);
    if (current.used >= limit) {
        if (usageAfter)
            *usageAfter = current;
        return std::nullopt;
    }
    const qint64 now = Database::now();
    const qint64 id = m_db.insert(
        QStringLiteral("INSERT INTO requests (userid, dataformat, data, status, created_at) "
                       "VALUES (?, ?, ?, 'PENDING', ?) RETURNING id"),
        {userId, dataformat, data, now});
    m_db.changed(ChangeTopic::Quota);
    tx.commit();
    if (usageAfter) {
        current.used += 1;
        if (current.resetAt == 0)
            current.resetAt = now + WindowSeconds;
        *usageAfter = current;
    }
    return id;
}

QuotaUsage QuotaCache::usage(qint64 userId, int limit)
{
    const quint64 generation = m_watch.generation(ChangeTopic::Quota); // before the read
    if (!m_filled || generation != m_generation || m_usage.size() >= 10000) {
        m_usage.clear();
        m_generation = generation;
        m_filled = true;
    }
    auto it = m_usage.find(userId);
    if (it == m_usage.end() || (it->resetAt != 0 && Database::now() >= it->resetAt))
        it = m_usage.insert(userId, QuotaTable(m_db).usage(userId, limit));
    QuotaUsage out = *it;
    out.limit = limit; // the plan may have changed; the count did not
    return out;
}

void QuotaTable::setStatus(qint64 requestId, const QString &status)
{
    m_db.execute(QStringLiteral("UPDATE requests SET status = ? WHERE id = ?"),
                 {status, requestId});
}

} // namespace depot
