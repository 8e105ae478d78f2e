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
                                             const QByteArray &data, QuotaUsage *usageAfter,
                                             const QVariantMap &columns)
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
    QString names;
    QString values;
    QVariantList binds{userId, dataformat, data, now};
    for (auto it = columns.begin(); it != columns.end(); ++it) {
        names += QStringLiteral(", ") + it.key();
        values += QStringLiteral(", ?");
        binds.append(it.value());
    }
    const qint64 id = m_db.insert(
        QStringLiteral("INSERT INTO requests (userid, dataformat, data, status, created_at%1) "
                       "VALUES (?, ?, ?, 'PENDING', ?%2) RETURNING id")
            .arg(names, values),
        binds);
    tx.commit();
    if (usageAfter) {
        current.used += 1;
        if (current.resetAt == 0)
            current.resetAt = now + WindowSeconds;
        *usageAfter = current;
    }
    return id;
}

void QuotaTable::setStatus(qint64 requestId, const QString &status)
{
    m_db.execute(QStringLiteral("UPDATE requests SET status = ? WHERE id = ?"),
                 {status, requestId});
}

} // namespace depot
