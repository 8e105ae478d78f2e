#pragma once

#include "store/Database.h"

namespace depot {

// Fixed-window attempt counters (logins, download passwords), kept in the database so every
// instance sees the same count. An attempt is reserved *before* the expensive check runs (one
// atomic statement), so a burst of N parallel attempts gets at most `max` evaluations whatever
// the number of workers or instances; an attempt that succeeds is released again.
class ThrottleTable
{
public:
    explicit ThrottleTable(Database &db) : m_db(db) {}

    // Counts one attempt of `key` unless `max` are already counted in the current window.
    // Returns 0 when the attempt was counted (it may proceed), else the seconds until the window
    // ends (nothing was counted).
    qint64 reserve(const QString &key, int max, int windowSeconds);
    // Un-counts one reserved attempt that turned out to be good.
    void release(const QString &key);
    // Seconds until `key` may try again, or 0 when fewer than `max` attempts are in the window.
    qint64 blockedFor(const QString &key, int max, int windowSeconds);
    void clear(const QString &key);

private:
    Database &m_db;
};

} // namespace depot
