#pragma once

#include "store/Database.h"

namespace depot {

// Fixed-window failure counters (failed logins, wrong download passwords), kept in the
// database so every instance sees the same count.
class ThrottleTable
{
public:
    explicit ThrottleTable(Database &db) : m_db(db) {}

    // Seconds until `key` may try again, or 0 when fewer than `max` failures are in the window.
    qint64 blockedFor(const QString &key, int max, int windowSeconds);
    void recordFailure(const QString &key, int windowSeconds);
    void clear(const QString &key);

private:
    Database &m_db;
};

} // namespace depot
