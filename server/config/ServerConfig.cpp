#include "config/ServerConfig.h"

#include <QCommandLineParser>
#include <QDir>
#include <QSettings>
#include <QThread>

#include <functional>
#include <limits>

namespace depot {
namespace {

using Setter = std::function<bool(ServerConfig &, const QString &)>;

struct Option
{
    const char *name;
    const char *valueName;
    const char *description;
    Setter set;
};

Setter intSetter(int ServerConfig::*field, qint64 min, qint64 max)
{
    return [=](ServerConfig &c, const QString &v) {
        bool ok = false;
        const qint64 n = v.trimmed().toLongLong(&ok);
        if (!ok || n < min || n > max)
            return false;
        c.*field = int(n);
        return true;
    };
}

Setter int64Setter(qint64 ServerConfig::*field, qint64 min,
                   qint64 max = std::numeric_limits<qint64>::max())
{
    return [=](ServerConfig &c, const QString &v) {
        bool ok = false;
        const qint64 n = v.trimmed().toLongLong(&ok);
        if (!ok || n < min || n > max)
            return false;
        c.*field = n;
        return true;
    };
}

Setter stringSetter(QString ServerConfig::*field)
{
    return [=](ServerConfig &c, const QString &v) {
        c.*field = v;
        return true;
    };
}

Setter boolSetter(bool ServerConfig::*field)
{
    return [=](ServerConfig &c, const QString &v) {
        const QString s = v.trimmed().toLower();
        if (s == u"1" || s == u"true" || s == u"yes" || s == u"on")
            c.*field = true;
        else if (s == u"0" || s == u"false" || s == u"no" || s == u"off")
            c.*field = false;
        else
            return false;
        return true;
    };
}

bool setListen(ServerConfig &c, const QString &value)
{
    const qsizetype colon = value.lastIndexOf(u':');
    if (colon <= 0)
        return false;
    QString host = value.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint port = value.mid(colon + 1).toUInt(&ok);
    if (!ok || port > 65535)
        return false;
    QHostAddress address;
    if (host == u"localhost")
        address = QHostAddress::LocalHost;
    else if (host == u"*" || host == u"0.0.0.0")
        address = QHostAddress::AnyIPv4;
    else if (!address.setAddress(host))
        return false;
    c.listenAddress = address;
    c.listenPort = quint16(port);
    return true;
}

bool setPlans(ServerConfig &c, const QString &value)
{
    QMap<QString, int> plans;
    for (const QString &entry : value.split(u',', Qt::SkipEmptyParts)) {
        const QStringList kv = entry.split(u'=');
        bool ok = false;
        const int limit = kv.value(1).trimmed().toInt(&ok);
        if (kv.size() != 2 || !ok || limit < 0 || kv[0].trimmed().isEmpty())
            return false;
        plans.insert(kv[0].trimmed().toLower(), limit);
    }
    if (plans.isEmpty())
        return false;
    c.plans = plans;
    return true;
}

const QList<Option> &options()
{
    using C = ServerConfig;
    constexpr qint64 Big = std::numeric_limits<int>::max();
    static const QList<Option> table{
        {"listen", "host:port",
         "Address and port to listen on (default 127.0.0.1:8080; port 0 picks a free one).",
         setListen},
        {"data-dir", "dir", "Data directory: database (SQLite) and files/ (default ./data).",
         stringSetter(&C::dataDir)},
        {"database", "url",
         "postgresql://user:pass@host:port/db[?host=/socket/dir]; default SQLite in the data dir.",
         stringSetter(&C::databaseUrl)},
        {"users-file", "file", "Import users from a 'username password plan' file at start-up.",
         stringSetter(&C::usersFile)},
        {"workers", "n", "Event-loop threads (default: number of cores).",
         intSetter(&C::workers, 0, 256)},
        {"public-url", "url",
         "Base URL clients use, when behind a proxy (default: from the Host header).",
         stringSetter(&C::publicUrl)},
        {"log-requests", "bool", "Log one line per request (default true).",
         boolSetter(&C::logRequests)},
        {"shutdown-timeout", "ms",
         "How long in-flight requests may finish on SIGTERM (default 10000).",
         intSetter(&C::shutdownTimeoutMs, 0, Big)},
        {"max-connections", "n",
         "Open connections per worker before new ones get 503 (default 4096).",
         intSetter(&C::maxConnections, 1, Big)},
        {"max-head-bytes", "n", "Request line + headers limit, else 431 (default 16384).",
         intSetter(&C::maxHeadBytes, 1024, 1 << 20)},
        {"max-header-fields", "n", "Header field count limit, else 431 (default 64).",
         intSetter(&C::maxHeaderFields, 8, 90)},
        {"max-body-bytes", "n", "Body limit of routes without their own (default 1 MiB).",
         int64Setter(&C::maxBodyBytes, 0)},
        {"header-timeout", "ms", "Time allowed to send the request head (default 10000).",
         intSetter(&C::headerTimeoutMs, 100, Big)},
        {"body-timeout", "ms", "Longest pause while a body is sent (default 30000).",
         intSetter(&C::bodyTimeoutMs, 100, Big)},
        {"idle-timeout", "ms", "Idle keep-alive connections are closed after this (default 60000).",
         intSetter(&C::idleTimeoutMs, 100, Big)},
        {"kdf-iterations", "n",
         "PBKDF2-SHA256 iterations for new password hashes (default 600000).",
         intSetter(&C::kdfIterations, 1, 10000000)},
        {"token-expiry", "seconds", "Token lifetime (default 1200; also TOKEN_EXPIRY).",
         int64Setter(&C::tokenExpirySeconds, 1, 365LL * 24 * 3600)},
        {"login-max-failures", "n",
         "Failed logins per user or address per window before 429 (default 10).",
         intSetter(&C::loginMaxFailures, 1, Big)},
        {"login-window", "seconds", "Window of the failed-login count (default 900).",
         intSetter(&C::loginWindowSeconds, 1, Big)},
        {"plans", "list", "Plans and hourly dump limits (default gold=100,silver=50,bronze=25).",
         setPlans},
        {"default-plan", "name", "Plan of users who sign up (default bronze).",
         stringSetter(&C::defaultPlan)},
        {"endpoint-max-upload", "bytes", "Largest endpoint file or script (default 64 MiB).",
         int64Setter(&C::endpointMaxUploadBytes, 1)},
        {"endpoint-default-expiry", "seconds",
         "Endpoint lifetime unless the owner picks one (default 7 days).",
         int64Setter(&C::endpointDefaultExpirySeconds, 1)},
        {"endpoint-max-expiry", "seconds",
         "Longest endpoint lifetime an owner may pick (default 365 days).",
         int64Setter(&C::endpointMaxExpirySeconds, 1)},
        {"endpoint-max-latency", "ms", "Largest artificial latency (default 60000).",
         intSetter(&C::endpointMaxLatencyMs, 0, Big)},
        {"journal-size", "n",
         "Requests kept in each endpoint's journal, and in each user's unmatched journal; 0 "
         "keeps none (default 100).",
         intSetter(&C::journalSize, 0, 100000)},
        {"reaper-interval", "ms", "How often expired content is removed (default 60000).",
         intSetter(&C::reaperIntervalMs, 50, Big)},
        {"script-timeout", "ms", "Wall-clock limit of a script run, then 504 (default 5000).",
         intSetter(&C::scriptTimeoutMs, 100, Big)},
        {"script-max-output", "bytes", "Script output limit, then 502 (default 1 MiB).",
         int64Setter(&C::scriptMaxOutputBytes, 1)},
        {"script-concurrency", "n", "Scripts running at once, then 503 (default 8).",
         intSetter(&C::scriptConcurrency, 1, 4096)},
        {"script-memory", "bytes", "Address-space limit of a script (default 256 MiB).",
         int64Setter(&C::scriptMemoryBytes, 16LL << 20)},
        {"script-uid", "uid",
         "Unprivileged uid/gid scripts run as when started as root (default 65534).",
         intSetter(&C::scriptUid, 1, Big)},
        {"script-bwrap", "path",
         "The bubblewrap binary of the script sandbox (default /usr/bin/bwrap).",
         stringSetter(&C::scriptBwrap)},
        {"unsafe-scripts", "bool", "DEVELOPMENT ONLY: run scripts without the bubblewrap sandbox.",
         boolSetter(&C::unsafeScripts)},
        {"drop-max-bytes", "bytes", "Largest anonymous upload, else 413 (default 16 MiB).",
         int64Setter(&C::dropMaxBytes, 1)},
        {"drop-default-expiry", "seconds",
         "Drop lifetime unless the uploader picks one (default 24 h).",
         int64Setter(&C::dropDefaultExpirySeconds, 1)},
        {"drop-max-expiry", "seconds", "Longest drop lifetime (default 7 days).",
         int64Setter(&C::dropMaxExpirySeconds, 1)},
        {"drop-max-downloads", "n", "Largest max_downloads an uploader may ask for (default 100).",
         intSetter(&C::dropMaxDownloads, 1, Big)},
        {"drop-password-max-failures", "n",
         "Wrong passwords per link per window before 429 (default 10).",
         intSetter(&C::dropPasswordMaxFailures, 1, Big)},
        {"dump-max-items", "n", "Items per dump request, else 413 (default 1000).",
         intSetter(&C::dumpMaxItems, 1, Big)},
        {"dump-max-images", "n", "Images per item, else 413 (default 20).",
         intSetter(&C::dumpMaxImagesPerItem, 1, Big)},
        {"dump-min-items", "n", "Fewest items a dump request must carry (default 1).",
         intSetter(&C::dumpMinItems, 1, Big)},
        {"dump-max-body", "bytes", "Dump request body limit (default 32 MiB).",
         int64Setter(&C::dumpMaxBodyBytes, 1)},
        {"fetch-max-bytes", "bytes", "Largest image fetched (default 10 MiB).",
         int64Setter(&C::fetchMaxBytes, 1)},
        {"fetch-timeout", "ms", "Per-image transfer timeout (default 15000).",
         intSetter(&C::fetchTimeoutMs, 1, Big)},
        {"fetch-deadline", "ms", "Overall deadline of one dump request (default 120000).",
         intSetter(&C::fetchDeadlineMs, 1, Big)},
        {"fetch-concurrency", "n", "Image downloads at once per worker (default 64).",
         intSetter(&C::fetchConcurrency, 1, 4096)},
        {"fetch-per-host", "n", "Image downloads at once per host (default 16).",
         intSetter(&C::fetchPerHost, 1, 4096)},
        {"fetch-per-request", "n", "Image downloads at once per dump request (default 32).",
         intSetter(&C::fetchPerRequest, 1, 4096)},
        {"fetch-allow", "cidrs",
         "Comma-separated CIDRs allowed despite the SSRF deny-list (e.g. 127.0.0.0/8).",
         [](ServerConfig &c, const QString &v) {
             c.fetchAllow = v.split(u',', Qt::SkipEmptyParts);
             for (QString &cidr : c.fetchAllow) {
                 cidr = cidr.trimmed();
                 if (QHostAddress::parseSubnet(cidr).first.isNull())
                     return false;
             }
             return true;
         }},
    };
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

int ServerConfig::effectiveWorkers() const
{
    return workers > 0 ? workers : qMax(1, QThread::idealThreadCount());
}

int ServerConfig::planLimit(const QString &plan) const
{
    return plans.value(plan.toLower(), 0);
}

std::optional<ServerConfig> ServerConfig::fromArguments(const QStringList &arguments,
                                                        const QMap<QString, QString> &environment,
                                                        QString *exitMessage, int *exitCode)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Depot server: JSON mocks, files and sandboxed scripts at your own URLs, one-time "
           "file drops and image dump ingestion."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption configOption(QStringLiteral("config"),
                                          tr("INI file setting any option below by its name."),
                                          QStringLiteral("file"));
    parser.addOption(configOption);
    for (const Option &o : options()) {
        parser.addOption(QCommandLineOption(QString::fromLatin1(o.name),
                                            tr(o.description) + u' ' +
                                                tr("[env %1]").arg(environmentName(o.name)),
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
    if (!parser.positionalArguments().isEmpty()) {
        *exitMessage = tr("unexpected argument: %1").arg(parser.positionalArguments().first());
        return std::nullopt;
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
    if (!config.plans.contains(config.defaultPlan.toLower())) {
        *exitMessage = tr("default plan '%1' is not one of the plans").arg(config.defaultPlan);
        return std::nullopt;
    }
    config.defaultPlan = config.defaultPlan.toLower();
    return config;
}

} // namespace depot
