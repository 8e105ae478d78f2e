#pragma once

#include <QCoreApplication>
#include <QHostAddress>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace depot {

// Every setting of depot-server. Precedence: built-in default < INI file (--config) <
// environment (DEPOT_<NAME>, plus the seed's TOKEN_EXPIRY) < command line.
// Each option has one row in ServerConfig.cpp's table; a new feature adds its rows there.
struct ServerConfig
{
    Q_DECLARE_TR_FUNCTIONS(ServerConfig)

public:
    // Core
    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 listenPort = 8080;
    QString dataDir = QStringLiteral("./data");
    QString databaseUrl; // empty: SQLite in dataDir/depot.sqlite
    QString usersFile;
    int workers = 0;   // 0: one per core
    QString publicUrl; // base URL behind a proxy; empty: from the Host header
    bool logRequests = true;
    int shutdownTimeoutMs = 10000;

    // Connection guard
    int maxConnections = 4096;
    int maxHeadBytes = 16 * 1024;
    int maxHeaderFields = 64;
    qint64 maxBodyBytes = 1 << 20; // routes without their own limit
    int headerTimeoutMs = 10000;
    int bodyTimeoutMs = 30000;
    int idleTimeoutMs = 60000;

    // Accounts and tokens
    int kdfIterations = 600000;
    qint64 tokenExpirySeconds = 1200;
    int loginMaxFailures = 10;
    int loginWindowSeconds = 900;
    QMap<QString, int> plans{{QStringLiteral("gold"), 100},
                             {QStringLiteral("silver"), 50},
                             {QStringLiteral("bronze"), 25}};
    QString defaultPlan = QStringLiteral("bronze");

    // Hosted endpoints
    qint64 endpointMaxUploadBytes = 64LL << 20;
    qint64 endpointDefaultExpirySeconds = 7 * 24 * 3600;
    qint64 endpointMaxExpirySeconds = 365LL * 24 * 3600;
    int endpointMaxLatencyMs = 60000;
    int journalSize = 100; // requests kept per endpoint (and unmatched per user)
    int reaperIntervalMs = 60000;

    // Script endpoints
    int scriptTimeoutMs = 5000;
    qint64 scriptMaxOutputBytes = 1 << 20;
    int scriptConcurrency = 8;
    qint64 scriptMemoryBytes = 256LL << 20;
    int scriptUid = 65534;
    bool unsafeScripts = false;
    QString scriptBwrap = QStringLiteral("/usr/bin/bwrap");

    // Anonymous file drop
    qint64 dropMaxBytes = 16LL << 20;
    qint64 dropDefaultExpirySeconds = 24 * 3600;
    qint64 dropMaxExpirySeconds = 7 * 24 * 3600;
    int dropMaxDownloads = 100;
    int dropPasswordMaxFailures = 10;

    // Image dumps
    int dumpMaxItems = 1000;
    int dumpMaxImagesPerItem = 20;
    int dumpMinItems = 1;
    qint64 dumpMaxBodyBytes = 32LL << 20;
    qint64 fetchMaxBytes = 10LL << 20;
    int fetchTimeoutMs = 15000;
    int fetchDeadlineMs = 120000;
    int fetchConcurrency = 64;
    int fetchPerHost = 16;
    int fetchPerRequest = 32;
    QStringList fetchAllow; // CIDRs the operator allows despite the SSRF deny-list

    QString databaseFile() const; // SQLite file when databaseUrl is empty
    QString filesDir() const;
    int effectiveWorkers() const;
    int planLimit(const QString &plan) const;

    // Parses arguments (argv[0] included). On --help/--version fills `exitMessage` and returns
    // nullopt with `*exitCode` 0; on a bad value names it in `exitMessage` with `*exitCode` 2.
    static std::optional<ServerConfig> fromArguments(const QStringList &arguments,
                                                     const QMap<QString, QString> &environment,
                                                     QString *exitMessage, int *exitCode);
};

} // namespace depot
