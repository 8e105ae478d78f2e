#include "config/ServerConfig.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QSet>
#include <QSettings>
#include <QThread>

#include <functional>
#include <limits>
#include <type_traits>

namespace depot {
namespace {

using Setter = std::function<bool(ServerConfig &, const QString &)>;
using Getter = std::function<QString(const ServerConfig &)>;

struct Option
{
    const char *name;
    const char *valueName;
    const char *description; // the default is appended from a default ServerConfig
    Setter set;
    Getter get;
};

// Binds an option to one field, reached through `at` (e.g. [](C &c) -> auto & { return
// c.guard.maxBodyBytes; }), so that setting it and showing its default use the same field.
template <typename At>
Option number(const char *name, const char *valueName, const char *description, At at, qint64 min,
              qint64 max = std::numeric_limits<qint64>::max())
{
    return {
        name, valueName, description,
        [=](ServerConfig &c, const QString &v) {
            bool ok = false;
            const qint64 n = v.trimmed().toLongLong(&ok);
            if (!ok || n < min || n > max)
                return false;
            at(c) = std::remove_reference_t<decltype(at(c))>(n);
            return true;
        },
        [=](const ServerConfig &c) { return QString::number(at(const_cast<ServerConfig &>(c))); }};
}

template <typename At>
Option text(const char *name, const char *valueName, const char *description, At at)
{
    return {name, valueName, description,
            [=](ServerConfig &c, const QString &v) {
                at(c) = v;
                return true;
            },
            [=](const ServerConfig &c) { return at(const_cast<ServerConfig &>(c)); }};
}

template <typename At> Option flag(const char *name, const char *description, At at)
{
    return {name, "bool", description,
            [=](ServerConfig &c, const QString &v) {
                const QString s = v.trimmed().toLower();
                if (s == u"1" || s == u"true" || s == u"yes" || s == u"on")
                    at(c) = true;
                else if (s == u"0" || s == u"false" || s == u"no" || s == u"off")
                    at(c) = false;
                else
                    return false;
                return true;
            },
            [=](const ServerConfig &c) {
                return at(const_cast<ServerConfig &>(c)) ? QStringLiteral("true")
                                                         : QStringLiteral("false");
            }};
}

bool setListen(ServerConfig &c, const QString &value)
{
    return ServerConfig::parseHostPort(value, &c.listenAddress, &c.listenPort);
}

QString hostPort(const QHostAddress &address, quint16 port)
{
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
                             ? u'[' + address.toString() + u']'
                             : address.toString();
    return host + u':' + QString::number(port);
}

QString showListen(const ServerConfig &c)
{
    return hostPort(c.listenAddress, c.listenPort);
}

bool setMetricsListen(ServerConfig &c, const QString &value)
{
    if (value.trimmed().isEmpty()) {
        c.ops.metricsSeparate = false;
        return true;
    }
    c.ops.metricsSeparate =
        ServerConfig::parseHostPort(value.trimmed(), &c.ops.metricsAddress, &c.ops.metricsPort);
    return c.ops.metricsSeparate;
}

QString showMetricsListen(const ServerConfig &c)
{
    return c.ops.metricsSeparate ? hostPort(c.ops.metricsAddress, c.ops.metricsPort) : QString();
}

bool setLogFormat(ServerConfig &c, const QString &value)
{
    const QString v = value.trimmed().toLower();
    if (v != u"text" && v != u"json")
        return false;
    c.ops.jsonLogs = v == u"json";
    return true;
}

// "gold=100,silver=50": plan names are case-insensitive and must be unique.
bool setPlans(ServerConfig &c, const QString &value)
{
    QMap<QString, int> plans;
    for (const QString &entry : value.split(u',', Qt::SkipEmptyParts)) {
        const QStringList kv = entry.split(u'=');
        bool ok = false;
        const int limit = kv.value(1).trimmed().toInt(&ok);
        const QString name = kv.value(0).trimmed().toLower();
        if (kv.size() != 2 || !ok || limit < 0 || name.isEmpty() || plans.contains(name))
            return false;
        plans.insert(name, limit);
    }
    if (plans.isEmpty())
        return false;
    c.accounts.plans = plans;
    return true;
}

QString showPlans(const ServerConfig &c)
{
    QStringList entries;
    for (auto it = c.accounts.plans.cbegin(); it != c.accounts.plans.cend(); ++it)
        entries.append(it.key() + u'=' + QString::number(it.value()));
    return entries.join(u',');
}

// "first-last": never root, never the overflow uid (uint32 -1), at most 4096 uids.
bool setUidRange(ServerConfig &c, const QString &value)
{
    const QStringList bounds = value.trimmed().split(u'-');
    bool okFirst = false, okLast = false;
    const qint64 first = bounds.value(0).trimmed().toLongLong(&okFirst);
    const qint64 last = bounds.value(bounds.size() == 2 ? 1 : 0).trimmed().toLongLong(&okLast);
    if (bounds.size() > 2 || !okFirst || !okLast || first < 1 || last < first ||
        last >= 4294967295LL || last - first >= 4096)
        return false;
    c.scripts.sandboxUid = uint(first);
    c.scripts.uidCount = int(last - first + 1);
    return true;
}

QString showUidRange(const ServerConfig &c)
{
    return QStringLiteral("%1-%2")
        .arg(c.scripts.sandboxUid)
        .arg(qint64(c.scripts.sandboxUid) + c.scripts.uidCount - 1);
}

bool setFetchAllow(ServerConfig &c, const QString &value)
{
    QStringList cidrs;
    for (const QString &entry : value.split(u',', Qt::SkipEmptyParts)) {
        const QString cidr = entry.trimmed();
        if (QHostAddress::parseSubnet(cidr).first.isNull())
            return false;
        cidrs.append(cidr);
    }
    c.fetch.allow = cidrs;
    return true;
}

const QList<Option> &options()
{
    using C = ServerConfig;
    constexpr qint64 Big = std::numeric_limits<int>::max();
    // clang-format off
    static const QList<Option> table{
        {"listen", "host:port", "Address and port to listen on (port 0 picks a free one).",
         setListen, showListen},
        text("data-dir", "dir", "Data directory: database (SQLite) and files/.",
             [](C &c) -> auto & { return c.dataDir; }),
        text("database", "url",
             "postgresql://user:pass@host:port/db[?host=/socket/dir]; empty: SQLite in the data dir.",
             [](C &c) -> auto & { return c.databaseUrl; }),
        text("users-file", "file", "Import users from a 'username password plan' file at start-up.",
             [](C &c) -> auto & { return c.usersFile; }),
        text("secret-file", "file",
             "Server key file (32+ random bytes, mode 0600) token keys derive from; empty: "
             "server.key in the data dir, made at first start. Instances sharing a database must "
             "share it.",
             [](C &c) -> auto & { return c.secretFile; }),
        number("workers", "n", "Event-loop threads (0: one per core).",
               [](C &c) -> auto & { return c.workers; }, 0, 256),
        text("public-url", "url", "Base URL clients use, when behind a proxy (empty: from the Host header).",
             [](C &c) -> auto & { return c.publicUrl; }),
        flag("log-requests", "Log one line per request.",
             [](C &c) -> auto & { return c.logRequests; }),
        number("shutdown-timeout", "ms", "How long in-flight requests may finish on SIGTERM.",
               [](C &c) -> auto & { return c.shutdownTimeoutMs; }, 0, Big),
        number("reaper-interval", "ms", "How often expired content is removed.",
               [](C &c) -> auto & { return c.reaperIntervalMs; }, 50, Big),

        text("tls-cert", "file",
             "Serve HTTPS with this PEM certificate (chain), reloaded on SIGHUP; needs --tls-key.",
             [](C &c) -> auto & { return c.tls.certFile; }),
        text("tls-key", "file", "PEM private key of --tls-cert, reloaded on SIGHUP.",
             [](C &c) -> auto & { return c.tls.keyFile; }),
        number("tls-redirect-port", "port",
               "Also answer plain HTTP on this port with a redirect to HTTPS (0: off).",
               [](C &c) -> auto & { return c.tls.redirectPort; }, 0, 65535),

        text("metrics-token", "token",
             "/metrics answers only with 'Authorization: Bearer <token>' (empty: to anyone).",
             [](C &c) -> auto & { return c.ops.metricsToken; }),
        {"metrics-listen", "host:port",
         "Serve /metrics only on this separate address, not on --listen (empty: on --listen).",
         setMetricsListen, showMetricsListen},
        {"log-format", "text|json", "Log lines as text or as one JSON object per line.",
         setLogFormat,
         [](const C &c) { return c.ops.jsonLogs ? QStringLiteral("json") : QStringLiteral("text"); }},

        number("max-connections", "n", "Open connections per worker before new ones get 503.",
               [](C &c) -> auto & { return c.guard.maxConnections; }, 1, Big),
        number("max-head-bytes", "n", "Request line + headers limit, else 431.",
               [](C &c) -> auto & { return c.guard.maxHeadBytes; }, 1024, 1 << 20),
        number("max-header-fields", "n", "Header field count limit, else 431.",
               [](C &c) -> auto & { return c.guard.maxHeaderFields; }, 8, 90),
        number("max-body-bytes", "n", "Body limit of routes without their own.",
               [](C &c) -> auto & { return c.guard.maxBodyBytes; }, 0),
        number("header-timeout", "ms", "Time allowed to send the request head.",
               [](C &c) -> auto & { return c.guard.headerTimeoutMs; }, 100, Big),
        number("body-timeout", "ms", "Longest pause while a body is sent.",
               [](C &c) -> auto & { return c.guard.bodyTimeoutMs; }, 100, Big),
        number("idle-timeout", "ms", "Idle keep-alive connections are closed after this.",
               [](C &c) -> auto & { return c.guard.idleTimeoutMs; }, 100, Big),
        flag("direct-dispatch",
             "Route complete requests without a body straight from the connection guard, "
             "without QHttpServer parsing them again (off: every request goes through it).",
             [](C &c) -> auto & { return c.guard.directDispatch; }),

        number("kdf-iterations", "n", "PBKDF2-SHA256 iterations for new password hashes.",
               [](C &c) -> auto & { return c.accounts.kdfIterations; }, 1, 10000000),
        number("token-expiry", "seconds", "Token lifetime (also TOKEN_EXPIRY).",
               [](C &c) -> auto & { return c.accounts.tokenExpirySeconds; }, 1, 365LL * 24 * 3600),
        number("login-max-failures", "n",
               "Failed logins per user and address per window before 429 (an address alone gets "
               "5 times as many over all users).",
               [](C &c) -> auto & { return c.accounts.loginMaxFailures; }, 1, Big),
        number("login-max-failures-per-user", "n",
               "Failed logins per user from all addresses per window before 429.",
               [](C &c) -> auto & { return c.accounts.loginMaxFailuresPerUser; }, 1, Big),
        number("login-window", "seconds", "Window of the failed-login count.",
               [](C &c) -> auto & { return c.accounts.loginWindowSeconds; }, 1, Big),
        {"plans", "list", "Plans and their hourly dump limits (name=limit,...).", setPlans, showPlans},
        text("default-plan", "name", "Plan of users who sign up.",
             [](C &c) -> auto & { return c.accounts.defaultPlan; }),

        number("endpoint-max-upload", "bytes", "Largest endpoint file or script.",
               [](C &c) -> auto & { return c.endpoints.maxUploadBytes; }, 1),
        number("endpoint-default-expiry", "seconds", "Endpoint lifetime unless the owner picks one.",
               [](C &c) -> auto & { return c.endpoints.rules.defaultExpirySeconds; }, 1),
        number("endpoint-max-expiry", "seconds", "Longest endpoint lifetime an owner may pick.",
               [](C &c) -> auto & { return c.endpoints.rules.maxExpirySeconds; }, 1),
        number("endpoint-max-latency", "ms", "Largest artificial latency.",
               [](C &c) -> auto & { return c.endpoints.rules.maxLatencyMs; }, 0, Big),
        number("journal-size", "n",
               "Requests kept in each endpoint's journal, and in each user's unmatched journal "
               "(0: none).",
               [](C &c) -> auto & { return c.endpoints.journalSize; }, 0, 100000),
        number("endpoint-cache", "bytes",
               "Memory for hosted endpoints kept ready to serve, all workers together (0: every "
               "request reads the database).",
               [](C &c) -> auto & { return c.endpoints.cacheBytes; }, 0),

        number("script-timeout", "ms", "Wall-clock limit of a script run, then 504.",
               [](C &c) -> auto & { return c.scripts.timeoutMs; }, 100, Big),
        number("script-max-output", "bytes", "Script output limit, then 502.",
               [](C &c) -> auto & { return c.scripts.maxOutputBytes; }, 1),
        number("script-concurrency", "n", "Scripts running at once; more wait in a queue.",
               [](C &c) -> auto & { return c.scripts.maxConcurrent; }, 1, 4096),
        number("script-queue", "n",
               "Script runs waiting for a free slot at once; one more gets 503 + Retry-After.",
               [](C &c) -> auto & { return c.scripts.queueLength; }, 0, 100000),
        number("script-queue-wait", "ms",
               "Longest wait of a script run for a free slot, then 503 + Retry-After.",
               [](C &c) -> auto & { return c.scripts.queueWaitMs; }, 1, Big),
        number("script-warm", "n",
               "Script sandboxes each worker starts ahead of time (from the first script "
               "request on), each used for one run; 0: start one per request.",
               [](C &c) -> auto & { return c.scripts.warmPool; }, 0, 256),
        flag("script-zygote",
             "Run scripts through zygotes: a sandbox per uid that clones each run into fresh "
             "namespaces of its own, one run at a time (off: one bubblewrap sandbox per run).",
             [](C &c) -> auto & { return c.scripts.zygote; }),
        number("script-memory", "bytes", "Address-space limit of a script.",
               [](C &c) -> auto & { return c.scripts.memoryBytes; }, 16LL << 20),
        {"script-uid-range", "first-last",
         "Unprivileged uids/gids scripts run as when started as root, one per concurrent run; "
         "uids nothing else on the machine uses.",
         setUidRange, showUidRange},
        flag("script-per-run-uids",
             "When root, give each concurrent run its own uid from --script-uid-range (off: all "
             "runs share its first uid, as they share the service's uid when not root).",
             [](C &c) -> auto & { return c.scripts.perRunUids; }),
        text("script-cgroup", "auto|off|dir",
             "A pids cgroup per script run, capping its processes: 'auto' finds a delegated "
             "cgroup v2 subtree (systemd Delegate=yes) or a writable cgroup v1 pids hierarchy; "
             "or the cgroup directory to make them in.",
             [](C &c) -> auto & { return c.scripts.cgroup; }),
        number("script-recheck-interval", "ms",
               "While the script sandbox is broken, how often it is tested again.",
               [](C &c) -> auto & { return c.scripts.recheckMs; }, 100, Big),
        text("script-bwrap", "path", "The bubblewrap binary of the script sandbox.",
             [](C &c) -> auto & { return c.scripts.bwrap; }),
        flag("unsafe-scripts", "DEVELOPMENT ONLY: run scripts without the bubblewrap sandbox.",
             [](C &c) -> auto & { return c.scripts.unsafeNoSandbox; }),

        number("drop-max-bytes", "bytes", "Largest anonymous upload, else 413.",
               [](C &c) -> auto & { return c.drop.maxBytes; }, 1),
        number("drop-default-expiry", "seconds", "Drop lifetime unless the uploader picks one.",
               [](C &c) -> auto & { return c.drop.defaultExpirySeconds; }, 1),
        number("drop-max-expiry", "seconds", "Longest drop lifetime.",
               [](C &c) -> auto & { return c.drop.maxExpirySeconds; }, 1),
        number("drop-max-downloads", "n", "Largest max_downloads an uploader may ask for.",
               [](C &c) -> auto & { return c.drop.maxDownloads; }, 1, Big),
        number("drop-password-max-failures", "n", "Wrong passwords per link per window before 429.",
               [](C &c) -> auto & { return c.drop.passwordMaxFailures; }, 1, Big),

        number("dump-max-items", "n", "Items per dump request, else 413.",
               [](C &c) -> auto & { return c.dumps.limits.maxItems; }, 1, Big),
        number("dump-max-images", "n", "Images per item, else 413.",
               [](C &c) -> auto & { return c.dumps.limits.maxImagesPerItem; }, 1, Big),
        number("dump-min-items", "n", "Fewest items a dump request must carry.",
               [](C &c) -> auto & { return c.dumps.limits.minItems; }, 1, Big),
        number("dump-max-body", "bytes", "Dump request body limit.",
               [](C &c) -> auto & { return c.dumps.maxBodyBytes; }, 1),

        number("fetch-max-bytes", "bytes", "Largest image fetched.",
               [](C &c) -> auto & { return c.fetch.maxImageBytes; }, 1),
        number("fetch-timeout", "ms", "Per-image transfer timeout.",
               [](C &c) -> auto & { return c.fetch.imageTimeoutMs; }, 1, Big),
        number("fetch-deadline", "ms", "Overall deadline of one dump request.",
               [](C &c) -> auto & { return c.fetch.batchDeadlineMs; }, 1, Big),
        number("fetch-concurrency", "n", "Image downloads at once per worker.",
               [](C &c) -> auto & { return c.fetch.maxConcurrentTotal; }, 1, 4096),
        number("fetch-per-host", "n", "Image downloads at once per host.",
               [](C &c) -> auto & { return c.fetch.maxConcurrentPerHost; }, 1, 4096),
        number("fetch-per-request", "n", "Image downloads at once per dump request.",
               [](C &c) -> auto & { return c.fetch.maxConcurrentPerBatch; }, 1, 4096),
        {"fetch-allow", "cidrs",
         "Comma-separated CIDRs allowed despite the SSRF deny-list (e.g. 127.0.0.0/8).",
         setFetchAllow, [](const C &c) { return c.fetch.allow.join(u','); }},

        number("ws-max-message-bytes", "n", "Largest WebSocket frame or message a client may send, else close 1009.",
               [](C &c) -> auto & { return c.web.wsMaxMessageBytes; }, 125, 16 << 20),
        number("ws-messages-per-second", "n", "Messages per second a WebSocket client may send, else close 1008.",
               [](C &c) -> auto & { return c.web.wsMessagesPerSecond; }, 1, Big),
        number("ws-max-per-user", "n", "Open WebSockets per user, else close 4429.",
               [](C &c) -> auto & { return c.web.wsMaxPerUser; }, 1, Big),
        number("ws-idle-timeout", "ms", "A WebSocket whose client sends nothing, not even a pong, this long is closed.",
               [](C &c) -> auto & { return c.web.wsIdleTimeoutMs; }, 100, Big),
        number("ws-poll-interval", "ms", "How often a WebSocket reads the database for events stored by other instances.",
               [](C &c) -> auto & { return c.web.wsPollIntervalMs; }, 50, Big),
        text("content-url", "url",
             "Separate origin for hosted content (/u/ is served there and redirected here); lets owners "
             "set Set-Cookie, Content-Security-Policy, Refresh and Clear-Site-Data.",
             [](C &c) -> auto & { return c.web.contentUrl; }),
    };
    // clang-format on
    return table;
}

QString environmentName(const char *option)
{
    return QStringLiteral("DEPOT_") + QString::fromLatin1(option).toUpper().replace(u'-', u'_');
}

} // namespace

QString ServerConfig::databaseFile() const
{
    return QDir(dataDir).filePath(QStringLiteral("depot.sqlite"));
}

QString ServerConfig::filesDir() const
{
    return QDir(dataDir).filePath(QStringLiteral("files"));
}

bool ServerConfig::parseHostPort(const QString &value, QHostAddress *address, quint16 *port)
{
    const qsizetype colon = value.lastIndexOf(u':');
    if (colon <= 0)
        return false;
    QString host = value.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint number = value.mid(colon + 1).toUInt(&ok);
    if (!ok || number > 65535)
        return false;
    QHostAddress parsed;
    if (host == u"localhost")
        parsed = QHostAddress::LocalHost;
    else if (host == u"*" || host == u"0.0.0.0")
        parsed = QHostAddress::AnyIPv4;
    else if (!parsed.setAddress(host))
        return false;
    *address = parsed;
    *port = quint16(number);
    return true;
}

QList<QPair<QString, QString>> ServerConfig::settings() const
{
    QList<QPair<QString, QString>> out;
    for (const Option &o : options())
        out.append({QString::fromLatin1(o.name), o.get(*this)});
    return out;
}

int ServerConfig::effectiveWorkers() const
{
    return workers > 0 ? workers : qMax(1, QThread::idealThreadCount());
}

std::optional<ServerConfig> ServerConfig::fromArguments(const QStringList &arguments,
                                                        const QMap<QString, QString> &environment,
                                                        QString *exitMessage, int *exitCode,
                                                        QStringList *command)
{
    QCommandLineParser parser;
    if (command)
        parser.setOptionsAfterPositionalArgumentsMode(
            QCommandLineParser::ParseAsPositionalArguments);
    parser.setApplicationDescription(
        tr("Depot server: JSON mocks, files and sandboxed scripts at your own URLs, one-time "
           "file drops and image dump ingestion."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    if (command)
        parser.addPositionalArgument(
            QStringLiteral("users"),
            tr("'users list|add|passwd|plan|delete ...' administers accounts in the configured "
               "database instead of serving (depot-server users --help)."),
            QStringLiteral("[users ...]"));
    const QCommandLineOption configOption(QStringLiteral("config"),
                                          tr("INI file setting any option below by its name."),
                                          QStringLiteral("file"));
    parser.addOption(configOption);
    const ServerConfig defaults;
    for (const Option &o : options()) {
        const QString shown = o.get(defaults);
        parser.addOption(QCommandLineOption(
            QString::fromLatin1(o.name),
            tr(o.description) + u' ' +
                (shown.isEmpty() ? tr("[env %1]").arg(environmentName(o.name))
                                 : tr("[default %1, env %2]").arg(shown, environmentName(o.name))),
            QString::fromLatin1(o.valueName)));
    }
    *exitCode = 2;
    if (!parser.parse(arguments)) {
        *exitMessage = parser.errorText();
        return std::nullopt;
    }
    if (parser.isSet(helpOption)) {
        *exitMessage = parser.helpText();
        *exitCode = 0;
        return std::nullopt;
    }
    if (parser.isSet(versionOption)) {
        *exitMessage = QStringLiteral("depot-server %1\n").arg(QLatin1String(DEPOT_VERSION));
        *exitCode = 0;
        return std::nullopt;
    }
    if (command)
        *command = parser.positionalArguments();
    else if (!parser.positionalArguments().isEmpty()) {
        *exitMessage = tr("unexpected argument: %1").arg(parser.positionalArguments().first());
        return std::nullopt;
    }

    // A typo must not silently fall back to a default: unknown DEPOT_* variables and INI keys
    // stop the start.
    QSet<QString> known, knownEnvironment{QStringLiteral("DEPOT_CONFIG")};
    for (const Option &o : options()) {
        known.insert(QString::fromLatin1(o.name));
        knownEnvironment.insert(environmentName(o.name));
    }
    for (auto it = environment.cbegin(); it != environment.cend(); ++it) {
        if (it.key().startsWith(u"DEPOT_") && !knownEnvironment.contains(it.key())) {
            *exitMessage = tr("unknown environment variable %1").arg(it.key());
            return std::nullopt;
        }
    }

    QString configFile = parser.value(configOption);
    if (configFile.isEmpty())
        configFile = environment.value(QStringLiteral("DEPOT_CONFIG"));
    std::unique_ptr<QSettings> ini;
    if (!configFile.isEmpty()) {
        if (!QFileInfo(configFile).isReadable()) {
            *exitMessage = tr("cannot read config file %1").arg(configFile);
            return std::nullopt;
        }
        ini = std::make_unique<QSettings>(configFile, QSettings::IniFormat);
        if (ini->status() != QSettings::NoError) {
            *exitMessage = tr("config file %1 is not a valid INI file").arg(configFile);
            return std::nullopt;
        }
        for (const QString &key : ini->allKeys()) {
            if (!known.contains(key)) {
                *exitMessage = tr("unknown key '%1' in config file %2").arg(key, configFile);
                return std::nullopt;
            }
        }
    }

    ServerConfig config;
    for (const Option &o : options()) {
        const QString name = QString::fromLatin1(o.name);
        QString value, source;
        bool found = false;
        if (parser.isSet(name)) {
            value = parser.value(name);
            source = tr("--%1").arg(name);
            found = true;
        } else if (environment.contains(environmentName(o.name))) {
            value = environment.value(environmentName(o.name));
            source = environmentName(o.name);
            found = true;
        } else if (name == u"token-expiry" &&
                   environment.contains(QStringLiteral("TOKEN_EXPIRY"))) {
            value = environment.value(QStringLiteral("TOKEN_EXPIRY"));
            source = QStringLiteral("TOKEN_EXPIRY");
            found = true;
        } else if (ini && ini->contains(name)) {
            const QVariant v = ini->value(name);
            value =
                v.typeId() == QMetaType::QStringList ? v.toStringList().join(u',') : v.toString();
            source = tr("%1 in %2").arg(name, configFile);
            found = true;
        }
        if (found && !o.set(config, value)) {
            *exitMessage = tr("invalid value '%1' for %2").arg(value, source);
            return std::nullopt;
        }
    }
    AccountsConfig &accounts = config.accounts;
    accounts.defaultPlan = accounts.defaultPlan.toLower();
    if (!accounts.plans.contains(accounts.defaultPlan)) {
        *exitMessage = tr("default plan '%1' is not one of the plans").arg(accounts.defaultPlan);
        return std::nullopt;
    }
    if (config.tls.certFile.isEmpty() != config.tls.keyFile.isEmpty()) {
        *exitMessage = tr("--tls-cert and --tls-key go together");
        return std::nullopt;
    }
    if (config.tls.redirectPort > 0 && !config.tls.enabled()) {
        *exitMessage = tr("--tls-redirect-port needs --tls-cert and --tls-key");
        return std::nullopt;
    }
    return config;
}

} // namespace depot
