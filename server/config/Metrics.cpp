#include "config/Metrics.h"

namespace depot {

void Metrics::countResponse(int status, qint64 bytes)
{
    const int cls = status / 100;
    if (cls >= 1 && cls <= 5)
        responses[cls].fetch_add(1, std::memory_order_relaxed);
    responseBytes.fetch_add(bytes, std::memory_order_relaxed);
}

QByteArray Metrics::render(qint64 uptimeSeconds)
{
    QByteArray out;
    auto line = [&](const char *name, const char *type, const char *help, qint64 value) {
        out.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ");
        out.append(name).append(' ').append(type).append('\n');
        out.append(name).append(' ').append(QByteArray::number(value)).append('\n');
    };
    line("depot_uptime_seconds", "gauge", "Seconds since start.", uptimeSeconds);
    line("depot_connections_open", "gauge", "Open client connections.", connectionsOpen.load());
    line("depot_connections_total", "counter", "Accepted connections.", connectionsTotal.load());
    line("depot_connections_rejected_total", "counter", "Connections refused over the cap.",
         connectionsRejected.load());
    line("depot_requests_in_flight", "gauge", "Requests being handled.", requestsInFlight.load());
    line("depot_guard_rejections_total", "counter",
         "Requests refused before routing (400/408/413/431).", guardRejections.load());
    line("depot_response_bytes_total", "counter", "Bytes of response bodies sent.",
         responseBytes.load());
    out.append("# HELP depot_responses_total Responses by status class.\n"
               "# TYPE depot_responses_total counter\n");
    for (int c = 1; c <= 5; ++c) {
        out.append("depot_responses_total{class=\"").append(QByteArray::number(c));
        out.append("xx\"} ").append(QByteArray::number(responses[c].load())).append('\n');
    }
    return out;
}

} // namespace depot
