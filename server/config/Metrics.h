#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QMap>
#include <QMutex>
#include <QString>

#include <atomic>
#include <initializer_list>

namespace depot {

// A value every request changes: each thread adds to its own cache line (threads take the
// slots in turn), so workers on different cores do not fight over one line; a read sums
// the slots.
class MetricsCounter
{
public:
    static constexpr int kSlots = 8;
    void add(qint64 n) { m_slots[slot()].value.fetch_add(n, std::memory_order_relaxed); }
    qint64 load() const;
    static int slot(); // this thread's

private:
    struct alignas(64) Slot
    {
        std::atomic<qint64> value{0};
    };
    Slot m_slots[kSlots];
};

// Process-wide metrics for /metrics (Prometheus text format 0.0.4); every worker adds.
// Labels are bounded: route patterns from the route table (never raw paths), fixed method and
// status-class sets, and result/reason families that accept at most kMaxValues distinct values.
struct Metrics
{
    // A counter family with one label, e.g. depot_script_runs_total{result="timeout"}. The listed
    // values are shown from the start (at 0); others are added on first use, up to kMaxValues,
    // then counted as "other". Locked: for events, not for every request.
    class Family
    {
    public:
        static constexpr int kMaxValues = 32;
        Family(const char *name, const char *help, const char *label,
               std::initializer_list<const char *> values);
        void add(QByteArrayView value, qint64 n = 1);
        qint64 value(QByteArrayView value) const;
        void render(QByteArray &out) const;

    private:
        const char *m_name, *m_help, *m_label;
        mutable QMutex m_mutex;
        QMap<QByteArray, qint64> m_counts;
    };

    using Counter = MetricsCounter;
    static inline Counter connectionsOpen;
    static inline Counter connectionsTotal;
    static inline Counter directRequests; // routed without QHttpServer's parser
    static inline Counter requestsInFlight;
    static inline Counter responses[6]; // by status class 1xx..5xx (index 1..5)
    static inline Counter responseBytes;

    static Family guardRefusals; // reason: malformed, timeout, body_too_large, ...
    static Family scriptRuns;    // result: ok, timeout, busy, ...
    static Family imageFetches;  // result: ok or the fetcher's cause text
    static Family logins;        // result: success, failure, throttled
    static Family drops;         // event: created, claimed, expired
    static Family fileBodies;    // how: sendfile (plain TCP) or copy (TLS, fallback)

    // The guard's refusal reason for a status it answers with (400 → malformed, ...).
    static const char *refusalReason(int status);

    // Request durations. routeId() registers a route pattern once (Router::add) and returns its
    // label id; 0 is "unmatched" (404, 405, refused paths).
    static int routeId(const QString &pattern);
    static QString routePattern(int id);
    static void observeRequest(int routeId, QByteArrayView method, int status, qint64 nanoseconds);

    static void countResponse(int status, qint64 bytes);
    // Everything above plus process_* and depot_build_info; `extra` (already rendered families
    // of modules config may not include, e.g. the database's) is appended.
    static QByteArray render(const QByteArray &extra = {});
    // Helpers for `extra`.
    static void renderCounter(QByteArray &out, const char *name, const char *help, qint64 value);
    static void renderGauge(QByteArray &out, const char *name, const char *help, double value);
};

} // namespace depot
