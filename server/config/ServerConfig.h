#pragma once

#include "codec/DumpCodec.h"
#include "model/Endpoint.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace depot {

// The connection guard (server/net): what a client may send before a route sees it.
struct GuardConfig
{
    int maxConnections = 4096; // per worker; more get 503
    int maxHeadBytes = 16 * 1024;
    int maxHeaderFields = 64;
    qint64 maxBodyBytes = 1 << 20; // routes without their own limit
    int headerTimeoutMs = 10000;
    int bodyTimeoutMs = 30000;
    int idleTimeoutMs = 60000;
    // Complete requests without a body go from the connection guard to the router directly,
    // not through QHttpServer's parser (off: every request does; for comparison and tests).
    bool directDispatch = true;
};

struct AccountsConfig
{
    int kdfIterations = 600000;
    qint64 tokenExpirySeconds = 1200;
    int loginMaxFailures = 10;         // per user and address (docs/API.md, Login throttling)
    int loginMaxFailuresPerUser = 100; // per user, from all addresses
    int loginWindowSeconds = 900;
    QMap<QString, int> plans{{QStringLiteral("gold"), 100},
                             {QStringLiteral("silver"), 50},
                             {QStringLiteral("bronze"), 25}};
    QString defaultPlan = QStringLiteral("bronze");

    int planLimit(const QString &plan) const { return plans.value(plan.toLower(), 0); }
};

struct EndpointsConfig
{
    qint64 maxUploadBytes = 64LL << 20;
    Endpoint::Rules rules; // latency and expiry bounds, shared with the client's editor
    int journalSize = 100; // requests kept per endpoint (and unmatched per user); 0: none
    qint64 cacheBytes = 16LL << 20; // endpoints kept in memory, all workers together; 0: none
};

// Limits and switches for running users' scripts (docs/SECURITY.md, "Scripts").
struct ScriptsConfig
{
    int timeoutMs = 5000;            // wall clock, then SIGKILL (→ 504)
    qint64 maxOutputBytes = 1 << 20; // stdout cap, then SIGKILL (→ 502)
    int maxConcurrent = 8;           // process-wide bound on running scripts (then they wait)
    int queueLength = 64;            // runs waiting for one of those (→ 503 beyond)
    int queueWaitMs = 5000;          // longest wait for a slot (→ 503)
    int warmPool = 2;                // sandboxes started ahead of time, per worker
    qint64 memoryBytes = 256 << 20;  // RLIMIT_AS
    int maxProcesses = 32; // per run: its pids cgroup's pids.max, and RLIMIT_NPROC of its uid (root)
    int maxOpenFiles = 64;           // RLIMIT_NOFILE
    qint64 maxFileBytes = 16 << 20;  // RLIMIT_FSIZE
    qint64 tmpBytes = 16 << 20;      // size of the private /tmp
    qint64 maxScriptBytes = 1 << 20; // larger script files are refused before starting anything
    // When root, each concurrent run drops to its own uid/gid sandboxUid .. sandboxUid+uidCount-1
    // (RLIMIT_NPROC counts per uid: one tenant's fork bomb stays in its run). SandboxStatus.
    uint sandboxUid = 1000000000;
    int uidCount = 64;
    bool perRunUids = true; // false: every run uses sandboxUid (as when not root)
    // Runs cloned by a zygote per sandbox uid (ScriptZygote) instead of one bwrap per run.
    bool zygote = true;
    int zygoteRuns = 1000; // runs one zygote serves before it is replaced (no option: tests)
    // A pids cgroup per run (RunCgroups): "auto", "off" or a cgroup directory.
    QString cgroup = QStringLiteral("auto");
    int recheckMs = 30000;        // while the sandbox is broken, how often it is tested again
    bool unsafeNoSandbox = false; // development only: python without bwrap (rlimits still apply)
    QString python = QStringLiteral("/usr/bin/python3");
    QString bwrap = QStringLiteral("/usr/bin/bwrap");

    // RLIMIT_CPU: never more than the wall clock, whose timer answers 504 first.
    int cpuSeconds() const { return qMax(1, (timeoutMs + 999) / 1000); }
};

struct DropConfig
{
    qint64 maxBytes = 16LL << 20;
    qint64 defaultExpirySeconds = 24 * 3600;
    qint64 maxExpirySeconds = 7 * 24 * 3600;
    int maxDownloads = 100;
    int passwordMaxFailures = 10;
};

struct DumpsConfig
{
    DumpLimits limits; // items and images per request, shared with the codec
    qint64 maxBodyBytes = 32LL << 20;
};

// Fetching users' image URLs (docs/SECURITY.md, "Fetching users' image URLs").
struct FetchConfig
{
    int maxConcurrentPerBatch = 32; // per dump request
    int maxConcurrentPerHost = 16;
    int maxConcurrentTotal = 64; // per worker
    qint64 maxImageBytes = 10LL << 20;
    int imageTimeoutMs = 15000;   // whole image: DNS, redirects and body, not idle time
    int batchDeadlineMs = 120000; // whole dump request
    int maxRedirects = 3;
    QStringList allow; // CIDRs the operator allows despite the SSRF deny-list
};

// WebSockets (after the upgrade the guard's HTTP framing ends and these limits take over) and
// the origin of hosted content (server/web, http/LiveSocket).
struct WebConfig
{
    int wsMaxMessageBytes = 64 * 1024; // a larger frame or message closes with 1009
    int wsMessagesPerSecond = 20;      // from one client; more closes with 1008
    int wsMaxPerUser = 16;             // open WebSockets per user (per process); more get 4429
    int wsIdleTimeoutMs = 60000;       // nothing from the client (not even a pong) this long
    // How often a live socket reads the database for events stored by other instances sharing
    // it (events of this process arrive at once through LiveHub).
    int wsPollIntervalMs = 1000;
    // A separate origin for users' hosted content (https://content.example): /u/ is served
    // there and redirected here; only then may owners set Set-Cookie, CSP or Refresh.
    QString contentUrl;
};

// HTTPS on --listen (both files set), served through the connection guard.
struct TlsConfig
{
    QString certFile;     // PEM certificate chain, reloaded on SIGHUP
    QString keyFile;      // PEM private key, reloaded on SIGHUP
    int redirectPort = 0; // > 0: plain HTTP there answers 308 to the HTTPS address

    bool enabled() const { return !certFile.isEmpty(); }
};

// Monitoring and logs: who may read /metrics, and the log format.
struct OpsConfig
{
    QString metricsToken; // non-empty: /metrics wants "Authorization: Bearer <token>"
    // --metrics-listen: /metrics only there (not on --listen); port 0 picks a free one
    bool metricsSeparate = false;
    QHostAddress metricsAddress = QHostAddress::LocalHost;
    quint16 metricsPort = 0;
    bool jsonLogs = false; // --log-format json
};

// Every setting of depot-server, one section per part of the server; each service takes its
// section. Precedence: built-in default < INI file (--config) < environment (DEPOT_<NAME>, plus
// the seed's TOKEN_EXPIRY) < command line. Each option is one row in ServerConfig.cpp's table,
// which also writes its --help line (defaults are read from this struct, never restated).
struct ServerConfig
{
    Q_DECLARE_TR_FUNCTIONS(ServerConfig)

public:
    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 listenPort = 8080;
    QString dataDir = QStringLiteral("./data");
    QString databaseUrl; // empty: SQLite in dataDir/depot.sqlite
    QString usersFile;
    QString secretFile; // empty: dataDir/server.key, generated at first start (ServerKey)
    int workers = 0;    // 0: one per core
    QString publicUrl;  // base URL behind a proxy; empty: from the Host header
    bool logRequests = true;
    int shutdownTimeoutMs = 10000;
    int reaperIntervalMs = 60000;

    TlsConfig tls;
    OpsConfig ops;
    GuardConfig guard;
    AccountsConfig accounts;
    EndpointsConfig endpoints;
    ScriptsConfig scripts;
    DropConfig drop;
    DumpsConfig dumps;
    FetchConfig fetch;
    WebConfig web;

    QString databaseFile() const; // SQLite file when databaseUrl is empty
    QString filesDir() const;
    int effectiveWorkers() const;
    // "host:port", "[v6]:port", "localhost:port", "*:port"; false if malformed.
    static bool parseHostPort(const QString &value, QHostAddress *address, quint16 *port);
    // Every option's name and value as the table shows it (what --help prints as the default);
    // giving these back as options yields the same configuration (fuzz/fuzz_config checks it).
    QList<QPair<QString, QString>> settings() const;

    // Parses arguments (argv[0] included), the environment and the INI file they name. On
    // --help/--version fills `exitMessage` and returns nullopt with `*exitCode` 0; on a bad value,
    // an unknown INI key or an unknown DEPOT_* variable names it in `exitMessage` with
    // `*exitCode` 2.
    // With `command`, the first positional argument and everything after it (options included)
    // go there instead of being refused: `depot-server [options] users add alice --plan pro`.
    static std::optional<ServerConfig> fromArguments(const QStringList &arguments,
                                                     const QMap<QString, QString> &environment,
                                                     QString *exitMessage, int *exitCode,
                                                     QStringList *command = nullptr);
};

} // namespace depot
