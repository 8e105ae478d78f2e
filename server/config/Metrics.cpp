#include "config/Metrics.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QStringList>

#include <sys/resource.h>
#include <unistd.h>

namespace depot {
namespace {

constexpr int kMaxRoutes = 64;
constexpr const char *kMethods[] = {"GET",   "HEAD",   "POST",    "PUT",
                                    "PATCH", "DELETE", "OPTIONS", "OTHER"};
constexpr int kMethodCount = int(std::size(kMethods));
constexpr double kBuckets[] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                               0.25,  0.5,    1,     2.5,  5,     10};
constexpr int kBucketCount = int(std::size(kBuckets));

struct Histogram
{
    std::atomic<qint64> buckets[kBucketCount]{}; // non-cumulative; rendered cumulative
    std::atomic<qint64> count{0};
    std::atomic<qint64> sumNanoseconds{0};
};

// [thread slot][route][method][status class 1..5 → 0..4]: 64 × 8 × 5 histograms, ~300 KB, per
// Counter slot (so workers do not share cache lines), no locks; pages never used stay unmapped.
Histogram histograms[Metrics::Counter::kSlots][kMaxRoutes][kMethodCount][5];

QMutex routesMutex;
QStringList &routes()
{
    static QStringList list{QStringLiteral("unmatched")};
    return list;
}

const qint64 startedAtMs = QDateTime::currentMSecsSinceEpoch();

int methodIndex(QByteArrayView method)
{
    for (int i = 0; i < kMethodCount - 1; ++i) {
        if (method == kMethods[i])
            return i;
    }
    return kMethodCount - 1;
}

QByteArray escapeLabel(const QByteArray &value)
{
    QByteArray out = value;
    out.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
    return out;
}

void header(QByteArray &out, const char *name, const char *type, const char *help)
{
    out.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ");
    out.append(name).append(' ').append(type).append('\n');
}

void gauge(QByteArray &out, const char *name, const char *help, double value)
{
    header(out, name, "gauge", help);
    out.append(name).append(' ').append(QByteArray::number(value, 'g', 15)).append('\n');
}

void renderProcess(QByteArray &out)
{
    // /proc/self/stat: utime and stime are fields 14 and 15 (after the parenthesised name).
    QFile stat(QStringLiteral("/proc/self/stat"));
    if (stat.open(QIODevice::ReadOnly)) {
        const QByteArray text = stat.readAll();
        const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 13) {
            const double ticks = double(::sysconf(_SC_CLK_TCK));
            const double cpu = (fields[11].toDouble() + fields[12].toDouble()) / ticks;
            header(out, "process_cpu_seconds_total", "counter",
                   "Total user and system CPU time spent in seconds.");
            out.append("process_cpu_seconds_total ")
                .append(QByteArray::number(cpu, 'g', 15))
                .append('\n');
        }
    }
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (statm.open(QIODevice::ReadOnly)) {
        const QList<QByteArray> pages = statm.readAll().split(' ');
        const double pageSize = double(::sysconf(_SC_PAGESIZE));
        if (pages.size() > 1) {
            gauge(out, "process_virtual_memory_bytes", "Virtual memory size in bytes.",
                  pages[0].toDouble() * pageSize);
            gauge(out, "process_resident_memory_bytes", "Resident memory size in bytes.",
                  pages[1].toDouble() * pageSize);
        }
    }
    const qsizetype fds = QDir(QStringLiteral("/proc/self/fd"))
                              .entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot)
                              .size();
    gauge(out, "process_open_fds", "Number of open file descriptors.", double(fds));
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0)
        gauge(out, "process_max_fds", "Maximum number of open file descriptors.",
              double(limit.rlim_cur));
    gauge(out, "process_start_time_seconds",
          "Start time of the process since unix epoch in seconds.", startedAtMs / 1000.0);
}

void renderHistograms(QByteArray &out)
{
    const QStringList names = [] {
        QMutexLocker lock(&routesMutex);
        return routes();
    }();
    header(out, "depot_http_request_duration_seconds", "histogram",
           "Time from a request's arrival to its answer, by route pattern, method and status "
           "class.");
    for (int r = 0; r < names.size(); ++r) {
        for (int m = 0; m < kMethodCount; ++m) {
            for (int c = 0; c < 5; ++c) {
                // The slots' sums, each read as before: the count first.
                const auto sum = [&](auto field) {
                    qint64 total = 0;
                    for (const auto &slot : histograms)
                        total += field(slot[r][m][c]).load(std::memory_order_relaxed);
                    return total;
                };
                const qint64 count = sum([](const Histogram &h) -> auto & { return h.count; });
                if (count == 0)
                    continue;
                const QByteArray labels = "route=\"" + escapeLabel(names[r].toUtf8()) +
                                          "\",method=\"" + kMethods[m] + "\",status=\"" +
                                          QByteArray::number(c + 1) + "xx\"";
                qint64 cumulative = 0;
                for (int b = 0; b < kBucketCount; ++b) {
                    cumulative += sum([b](const Histogram &h) -> auto & { return h.buckets[b]; });
                    out.append("depot_http_request_duration_seconds_bucket{")
                        .append(labels)
                        .append(",le=\"")
                        .append(QByteArray::number(kBuckets[b], 'g', 6))
                        .append("\"} ")
                        .append(QByteArray::number(cumulative))
                        .append('\n');
                }
                out.append("depot_http_request_duration_seconds_bucket{")
                    .append(labels)
                    .append(",le=\"+Inf\"} ")
                    .append(QByteArray::number(count))
                    .append('\n');
                out.append("depot_http_request_duration_seconds_sum{")
                    .append(labels)
                    .append("} ")
                    .append(QByteArray::number(
                        sum([](const Histogram &h) -> auto & { return h.sumNanoseconds; }) / 1e9,
                        'g', 15))
                    .append('\n');
                out.append("depot_http_request_duration_seconds_count{")
                    .append(labels)
                    .append("} ")
                    .append(QByteArray::number(count))
                    .append('\n');
            }
        }
    }
}

} // namespace

Metrics::Family
    Metrics::guardRefusals("depot_guard_refusals_total",
                           "Connections and requests refused before routing, by reason.", "reason",
                           {"malformed", "timeout", "body_too_large", "head_too_large",
                            "too_many_connections", "tls_handshake"});
Metrics::Family Metrics::scriptRuns("depot_script_runs_total", "Script endpoint runs by result.",
                                    "result",
                                    {"ok", "timeout", "output_too_large", "busy",
                                     "sandbox_unavailable", "crashed", "bad_output"});
Metrics::Family Metrics::imageFetches("depot_image_fetches_total",
                                      "Images fetched for dumps by result.", "result", {"ok"});
Metrics::Family Metrics::logins("depot_logins_total", "Token requests (logins) by result.",
                                "result", {"success", "failure", "throttled"});
Metrics::Family Metrics::drops("depot_drops_total", "Anonymous file drops by event.", "event",
                               {"created", "claimed", "expired"});
Metrics::Family Metrics::fileBodies("depot_file_bodies_total",
                                    "File bodies streamed, by how: sendfile(2) or copied.", "how",
                                    {"sendfile", "copy"});

Metrics::Family::Family(const char *name, const char *help, const char *label,
                        std::initializer_list<const char *> values)
    : m_name(name), m_help(help), m_label(label)
{
    for (const char *value : values)
        m_counts.insert(QByteArray(value), 0);
}

void Metrics::Family::add(QByteArrayView value, qint64 n)
{
    QMutexLocker lock(&m_mutex);
    auto it = m_counts.find(value.toByteArray());
    if (it == m_counts.end()) {
        if (m_counts.size() >= kMaxValues)
            it = m_counts.insert(QByteArrayLiteral("other"), m_counts.value("other"));
        else
            it = m_counts.insert(value.toByteArray(), 0);
    }
    *it += n;
}

qint64 Metrics::Family::value(QByteArrayView value) const
{
    QMutexLocker lock(&m_mutex);
    return m_counts.value(value.toByteArray());
}

void Metrics::Family::render(QByteArray &out) const
{
    header(out, m_name, "counter", m_help);
    QMutexLocker lock(&m_mutex);
    for (auto it = m_counts.cbegin(); it != m_counts.cend(); ++it) {
        out.append(m_name).append('{').append(m_label).append("=\"");
        out.append(escapeLabel(it.key())).append("\"} ").append(QByteArray::number(it.value()));
        out.append('\n');
    }
}

const char *Metrics::refusalReason(int status)
{
    switch (status) {
    case 400:
        return "malformed";
    case 408:
        return "timeout";
    case 413:
        return "body_too_large";
    case 431:
        return "head_too_large";
    case 503:
        return "too_many_connections";
    default:
        return "other";
    }
}

int Metrics::routeId(const QString &pattern)
{
    QMutexLocker lock(&routesMutex);
    QStringList &list = routes();
    const qsizetype known = list.indexOf(pattern);
    if (known >= 0)
        return int(known);
    if (list.size() >= kMaxRoutes)
        return 0;
    list.append(pattern);
    return int(list.size() - 1);
}

QString Metrics::routePattern(int id)
{
    QMutexLocker lock(&routesMutex);
    return routes().value(id, routes().first());
}

void Metrics::observeRequest(int routeId, QByteArrayView method, int status, qint64 nanoseconds)
{
    const int c = status / 100;
    if (routeId < 0 || routeId >= kMaxRoutes || c < 1 || c > 5)
        return;
    Histogram &h = histograms[Counter::slot()][routeId][methodIndex(method)][c - 1];
    const double seconds = nanoseconds / 1e9;
    for (int b = 0; b < kBucketCount; ++b) {
        if (seconds <= kBuckets[b]) {
            h.buckets[b].fetch_add(1, std::memory_order_relaxed);
            break;
        }
    }
    h.count.fetch_add(1, std::memory_order_relaxed);
    h.sumNanoseconds.fetch_add(nanoseconds, std::memory_order_relaxed);
}

qint64 MetricsCounter::load() const
{
    qint64 sum = 0;
    for (const Slot &slot : m_slots)
        sum += slot.value.load(std::memory_order_relaxed);
    return sum;
}

int MetricsCounter::slot()
{
    static std::atomic<int> next{0};
    thread_local const int mine = next.fetch_add(1, std::memory_order_relaxed) % kSlots;
    return mine;
}

void Metrics::countResponse(int status, qint64 bytes)
{
    const int cls = status / 100;
    if (cls >= 1 && cls <= 5)
        responses[cls].add(1);
    responseBytes.add(bytes);
}

void Metrics::renderCounter(QByteArray &out, const char *name, const char *help, qint64 value)
{
    header(out, name, "counter", help);
    out.append(name).append(' ').append(QByteArray::number(value)).append('\n');
}

void Metrics::renderGauge(QByteArray &out, const char *name, const char *help, double value)
{
    gauge(out, name, help, value);
}

QByteArray Metrics::render(const QByteArray &extra)
{
    QByteArray out;
    out.reserve(16 * 1024);
    header(out, "depot_build_info", "gauge", "Version of depot-server and of Qt it runs on.");
    out.append("depot_build_info{version=\"" DEPOT_VERSION "\",qt=\"")
        .append(qVersion())
        .append("\"} 1\n");
    renderProcess(out);
    gauge(out, "depot_uptime_seconds", "Seconds since start.",
          double((QDateTime::currentMSecsSinceEpoch() - startedAtMs) / 1000));
    gauge(out, "depot_connections_open", "Open client connections.",
          double(connectionsOpen.load()));
    renderCounter(out, "depot_connections_total", "Accepted connections.", connectionsTotal.load());
    renderCounter(out, "depot_direct_requests_total",
                  "Requests routed straight from the connection guard (--direct-dispatch).",
                  directRequests.load());
    gauge(out, "depot_requests_in_flight", "Requests being handled.",
          double(requestsInFlight.load()));
    renderCounter(out, "depot_response_bytes_total", "Bytes of response bodies sent.",
                  responseBytes.load());
    header(out, "depot_responses_total", "counter", "Responses by status class.");
    for (int c = 1; c <= 5; ++c) {
        out.append("depot_responses_total{class=\"").append(QByteArray::number(c));
        out.append("xx\"} ").append(QByteArray::number(responses[c].load())).append('\n');
    }
    renderHistograms(out);
    for (const Family *family :
         {&guardRefusals, &scriptRuns, &imageFetches, &logins, &drops, &fileBodies})
        family->render(out);
    out.append(extra);
    return out;
}

} // namespace depot
