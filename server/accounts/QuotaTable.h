#pragma once

#include "store/ChangeBus.h"
#include "store/Database.h"

#include <QHash>

namespace depot {

struct QuotaUsage
{
    int limit = 0;
    int used = 0;
    qint64 resetAt = 0; // when the oldest counted request leaves the window; 0 if none counted
    int remaining() const { return qMax(0, limit - used); }
};

// requests (the seed's dump log) and the hourly plan quota counted from it over a rolling window.
class QuotaTable
{
public:
    static constexpr int WindowSeconds = 3600;

    explicit QuotaTable(Database &db) : m_db(db) {}

    QuotaUsage usage(qint64 userId, int limit);
    // Atomically counts and, if under `limit`, logs a new request: exactly `limit` of any number
    // of concurrent callers succeed, across threads and instances. Returns the new request id.
    std::optional<qint64> reserve(qint64 userId, int limit, const QString &dataformat,
                                  const QByteArray &data, QuotaUsage *usageAfter);
    void setStatus(qint64 requestId, const QString &status);

private:
    Database &m_db;
};

// One worker's QuotaTable::usage in memory (GET /api/v1/me): exact while no request was logged
// or removed anywhere (ChangeTopic::Quota) and, time being the other input, until the oldest
// counted request leaves the window (resetAt).
class QuotaCache
{
public:
    explicit QuotaCache(Database &db) : m_db(db), m_watch(db) {}
    QuotaUsage usage(qint64 userId, int limit);

private:
    Database &m_db;
    ChangeWatch m_watch;
    quint64 m_generation = 0;
    bool m_filled = false;
    QHash<qint64, QuotaUsage> m_usage;
};

} // namespace depot
