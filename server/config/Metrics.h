#pragma once

#include <QByteArray>

#include <atomic>

namespace depot {

// Process-wide counters for /metrics (Prometheus text format). Lock-free; every worker adds.
struct Metrics
{
    static inline std::atomic<qint64> connectionsOpen{0};
    static inline std::atomic<qint64> connectionsTotal{0};
    static inline std::atomic<qint64> connectionsRejected{0};
    static inline std::atomic<qint64> requestsInFlight{0};
    static inline std::atomic<qint64> responses[6]{}; // by status class 1xx..5xx (index 1..5)
    static inline std::atomic<qint64> responseBytes{0};
    static inline std::atomic<qint64> guardRejections{0};
    static inline std::atomic<qint64> tlsHandshakeFailures{0};

    static void countResponse(int status, qint64 bytes);
    static QByteArray render(qint64 uptimeSeconds);
};

} // namespace depot
