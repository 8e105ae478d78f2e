#include "app/ServerApp.h"
#include "config/Log.h"

#include "accounts/UsersFile.h"
#include "app/OpsHandler.h"
#include "app/SideListener.h"
#include "app/UsersCommand.h"
#include "app/Worker.h"
#include "config/ServerKey.h"
#include "drop/DropHandler.h"
#include "dumps/DumpsTable.h"
#include "dumps/FetchJob.h"
#include "endpoints/EndpointsTable.h"
#include "endpoints/HostedHandler.h"
#include "endpoints/Journal.h"
#include "endpoints/scripts/SandboxStatus.h"
#include "endpoints/scripts/ScriptRunner.h"
#include "http/HttpExchange.h"
#include "net/ConnectionState.h"
#include "net/ListenSockets.h"
#include "net/TlsCredentials.h"
#include "store/ChangeBus.h"
#include "store/DbListener.h"
#include "store/Reaper.h"
#include "store/Schema.h"
#include "store/WriterThread.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QProcessEnvironment>
#include <QSocketNotifier>
#include <QTemporaryFile>
#include <QThread>
#include <QThreadPool>
#include <QTimer>

#include <csignal>
#include <cstdio>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace depot {
namespace {

int signalPipe[2] = {-1, -1};

void onSignal(int signal)
{
    const char byte = char(signal);
    [[maybe_unused]] const auto n = ::write(signalPipe[1], &byte, 1);
}

// Every start-up failure is one line in one format, whatever went wrong.
void printStartError(const QString &what)
{
    if (Log::format() == Log::Format::Json) // the operator asked for JSON lines only
        qCCritical(lcServer).noquote()
            << QStringLiteral("depot-server: error: ") + what.simplified();
    else
        std::fprintf(stderr, "depot-server: error: %s\n",
                     what.simplified().toLocal8Bit().constData());
}

} // namespace

int ServerApp::run(int argc, char *argv[])
{
    // Everything the server creates (data dir, database, files, key) is its own alone.
    ::umask(077);
#ifdef __GLIBC__
    // Large buffers (request bodies, answers, a dump's rows and result) are mapped and unmapped
    // each time. glibc's default raises its mmap threshold to the largest block freed (up to
    // 32 MiB), after which such buffers come from the per-thread arenas and stay resident,
    // fragmented, after they are freed: 4 accepted 28 MiB dumps one after another peaked at
    // ~400 MB RSS instead of ~210 MB (bench/memory.sh). A fixed threshold stops that.
    ::mallopt(M_MMAP_THRESHOLD, 256 * 1024);
#endif
    // Qt's Unix event dispatcher, not GLib's: measured on the mock path (bench, wrk -c64, 3
    // interleaved runs) it costs ~7% less CPU per request (/healthz 11.5 vs 12.4 us, a plain
    // mock 16.0 vs 17.3 us): one ppoll per loop instead of GLib's prepare/query/poll/check/
    // dispatch round with its context locking. Nothing in the server needs a GLib main loop.
    // An explicit QT_NO_GLIB in the environment still wins.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("depot-server"));
    QCoreApplication::setApplicationVersion(QLatin1String(DEPOT_VERSION));
    Log::install(Log::Format::Text);

    QMap<QString, QString> environment;
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &key : env.keys())
        environment.insert(key, env.value(key));
    QString message;
    int exitCode = 0;
    QStringList command;
    const auto config =
        ServerConfig::fromArguments(app.arguments(), environment, &message, &exitCode, &command);
    if (!config) {
        if (exitCode == 0)
            std::fputs(message.toLocal8Bit().constData(), stdout);
        else
            printStartError(message);
        return exitCode; // 2: usage or configuration
    }
    if (config->ops.jsonLogs)
        Log::install(Log::Format::Json);
    if (!command.isEmpty()) {
        if (command.first() == u"users")
            return UsersCommand::run(*config, command.mid(1));
        printStartError(tr("unexpected argument: %1").arg(command.first()));
        return 2;
    }
    ServerApp server(*config);
    QString error;
    if (!server.start(&error)) {
        printStartError(error);
        return 1; // the machine said no: database, port, data directory
    }
    return app.exec();
}

ServerApp::ServerApp(const ServerConfig &config) : m_config(config) {}

ServerApp::~ServerApp()
{
    stopWorkers();
    // Work the workers handed to pools (image commits, password KDFs) ends before the process
    // does: no pool thread is left running through static destruction.
    FetchJob::waitForCommits();
    QThreadPool::globalInstance()->waitForDone();
    // The process's writer threads end after the workers that queue to them.
    JournalWriter::stopForProcess();
    WriterThread::stopForProcess();
}

bool ServerApp::prepareDataDir(QString *error)
{
    for (const QString &dir : {m_config.dataDir, m_config.filesDir()}) {
        if (!QDir().mkpath(dir)) {
            *error = tr("cannot create directory %1").arg(dir);
            return false;
        }
    }
    QTemporaryFile probe(QDir(m_config.filesDir()).filePath(QStringLiteral(".write-test-XXXXXX")));
    if (!probe.open()) {
        *error =
            tr("data directory %1 is not writable: %2").arg(m_config.dataDir, probe.errorString());
        return false;
    }
    return true;
}

void ServerApp::warnIfReadableByOthers() const
{
    // Created 0700/0600 under umask 077; older installations or hand-made directories may be
    // wider, and then any local user could read tokens' secrets or users' files.
    QStringList paths{m_config.dataDir, m_config.filesDir(),
                      QDir(m_config.dataDir).filePath(QLatin1String(ServerKey::FileName))};
    if (m_databaseSettings.dialect == Database::Dialect::Sqlite)
        paths << m_databaseSettings.sqliteFile << m_databaseSettings.sqliteFile + u"-wal"
              << m_databaseSettings.sqliteFile + u"-shm";
    if (!m_config.secretFile.isEmpty())
        paths << m_config.secretFile;
    for (const QString &path : std::as_const(paths)) {
        struct stat info;
        if (::stat(QFile::encodeName(path).constData(), &info) != 0)
            continue;
        if ((info.st_mode & 077) != 0)
            qCWarning(lcServer).noquote()
                << tr("%1 is accessible to other users (mode %2): chmod %3 it")
                       .arg(path, QString::number(info.st_mode & 0777, 8),
                            S_ISDIR(info.st_mode) ? QStringLiteral("700") : QStringLiteral("600"));
    }
}

bool ServerApp::start(QString *error)
{
    // The port first: a busy port is one line and exit 1, before anything else is touched.
    const int count = m_config.effectiveWorkers();
    const QList<int> fds =
        ListenSockets::open(m_config.listenAddress, m_config.listenPort, count, &m_port, error);
    if (fds.isEmpty())
        return false;
    if (!prepareDataDir(error))
        return false;
    const auto settings = Database::parseUrl(m_config.databaseUrl, m_config.databaseFile(), error);
    if (!settings)
        return false;
    m_databaseSettings = *settings;
    m_db = std::make_unique<Database>(m_databaseSettings, QStringLiteral("main"));
    QString dbError;
    if (!m_db->open(&dbError)) {
        *error = tr("cannot open the database: %1").arg(dbError);
        return false;
    }
    if (!Schema::migrate(*m_db, error))
        return false;
    m_serverKey = ServerKey::load(m_config.dataDir, m_config.secretFile, error);
    if (m_serverKey.isEmpty())
        return false;
    warnIfReadableByOthers();

    if (!m_config.usersFile.isEmpty()) {
        QFile file(m_config.usersFile);
        if (!file.open(QIODevice::ReadOnly)) {
            *error =
                tr("cannot read users file %1: %2").arg(m_config.usersFile, file.errorString());
            return false;
        }
        const UsersFile::Parsed parsed =
            UsersFile::parse(file.readAll(), m_config.accounts.plans.keys());
        for (const QString &problem : parsed.errors)
            qCWarning(lcServer).noquote()
                << tr("users file %1: %2 (line skipped)").arg(m_config.usersFile, problem);
        try {
            const UsersFile::Imported imported =
                UsersFile::import(*m_db, parsed, m_config.accounts.kdfIterations);
            qCInfo(lcServer).noquote()
                << tr("users file %1: %2 listed, %3 user(s) created, %4 password(s) and %5 "
                      "plan(s) changed")
                       .arg(m_config.usersFile)
                       .arg(parsed.entries.size())
                       .arg(imported.created)
                       .arg(imported.passwordsChanged)
                       .arg(imported.plansChanged);
        } catch (const DbError &e) {
            *error = tr("cannot import users: %1").arg(QString::fromUtf8(e.what()));
            return false;
        }
    }

    // PostgreSQL: one LISTEN connection for the process (store/DbListener, its own thread).
    // Other instances' changes reach the workers' caches (store/ChangeBus) and their journal
    // entries this instance's live journal sockets. SQLite needs no listener (each worker reads
    // SQLite's cheap counters; live sockets read the database every --ws-poll-interval).
    if (m_databaseSettings.dialect == Database::Dialect::Postgres) {
        m_listener = new DbListener(m_databaseSettings, this);
        m_listener->addChannel(
            {QString::fromLatin1(ChangeBus::Channel), &ChangeBus::notified, &ChangeBus::bumpAll});
        m_listener->addChannel(JournalHub::listenerChannel());
        connect(m_listener, &DbListener::firstAttemptDone, this, [this] {
            m_listenerSettled = true;
            announceIfReady();
        });
        m_listener->start();
    } else {
        m_listenerSettled = true;
    }

    // Hosted endpoints: expired content and orphans go before serving, then every interval.
    auto *reaper = new Reaper(*m_db, m_config.filesDir(), this);
    reaper->addSource(EndpointsTable::reaperSource());
    reaper->addSource(DropHandler::reaperSource()); // drops: also purges claims a crash interrupted
    // Dumps left PENDING by a crash: twice the fetch deadline, so a live instance always wins.
    reaper->addSource(DumpsTable::reaperSource(m_config.filesDir(),
                                               2 * m_config.fetch.batchDeadlineMs / 1000 + 5));
    reaper->start(m_config.reaperIntervalMs);

    // Script endpoints fail closed: without a working sandbox they answer 503 with the reason.
    if (m_config.scripts.unsafeNoSandbox)
        qCWarning(lcServer).noquote()
            << tr("UNSAFE: --unsafe-scripts runs users' scripts WITHOUT the bubblewrap "
                  "sandbox (network, files and processes of this machine are reachable). "
                  "Development only: never use this on a shared or public server.");
    m_sandbox = new SandboxStatus(m_config.scripts, this);
    if (m_sandbox->checkNow().isEmpty()) // a problem is logged, and re-checked meanwhile
        qCInfo(lcServer).noquote() << tr("script sandbox self-test passed");

    if (m_config.tls.enabled()) {
        if (!TlsCredentials::load(m_config.tls.certFile, m_config.tls.keyFile, error))
            return false;
        qCInfo(lcServer).noquote() << TlsCredentials::describe();
    }

    if ((m_config.tls.redirectPort > 0 && !startRedirect(error)) ||
        (m_config.ops.metricsSeparate && !startMetricsListener(error))) {
        ListenSockets::closeAll(fds);
        return false;
    }

    // One budget for large request bodies across all workers: the memory bound is the process's.
    const auto bodyBudget = std::make_shared<BodyBudget>(GuardSettings().largeBodyBudget);
    for (int i = 0; i < count; ++i) {
        auto *thread = new QThread(this);
        thread->setObjectName(QStringLiteral("worker-%1").arg(i));
        auto *worker =
            new Worker(m_config, m_databaseSettings, fds[i], i, m_serverKey, m_sandbox, bodyBudget);
        worker->moveToThread(thread);
        connect(thread, &QThread::started, worker, &Worker::setUp);
        connect(thread, &QThread::finished, worker, &QObject::deleteLater);
        connect(worker, &Worker::ready, this, [this](const QString &workerError) {
            if (!workerError.isEmpty()) {
                std::fprintf(stderr, "depot-server: error: %s\n",
                             workerError.toLocal8Bit().constData());
                stopWorkers();
                QCoreApplication::exit(1);
                return;
            }
            ++m_readyCount;
            announceIfReady();
        });
        connect(worker, &Worker::drained, this, [this, count] {
            if (++m_drainedCount == count)
                QCoreApplication::exit(0);
        });
        m_threads.append(thread);
        m_workers.append(worker);
        thread->start();
    }
    installSignalHandlers();
    return true;
}

void ServerApp::announceIfReady()
{
    // Every worker serves, and the database listener made its first attempt (so a fresh
    // instance hears other instances' changes from its first request).
    if (m_announced || m_readyCount < m_workers.size() || !m_listenerSettled)
        return;
    m_announced = true;
    const QString where =
        m_databaseSettings.dialect == Database::Dialect::Sqlite
            ? tr("SQLite %1").arg(m_databaseSettings.sqliteFile)
            : tr("PostgreSQL %1/%2").arg(m_databaseSettings.host, m_databaseSettings.name);
    const QString host = m_config.listenAddress.protocol() == QAbstractSocket::IPv6Protocol
                             ? u'[' + m_config.listenAddress.toString() + u']'
                             : m_config.listenAddress.toString();
    // Tests and scripts read this line to learn the port.
    std::printf("depot-server listening on %s://%s:%u (%d workers, %s, data %s)\n",
                m_config.tls.enabled() ? "https" : "http", host.toLocal8Bit().constData(),
                unsigned(m_port), int(m_workers.size()), where.toLocal8Bit().constData(),
                QDir(m_config.dataDir).absolutePath().toLocal8Bit().constData());
    std::fflush(stdout);
    Q_EMIT started();
}

void ServerApp::installSignalHandlers()
{
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, signalPipe) != 0)
        return;
    m_signalNotifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, this);
    connect(m_signalNotifier, &QSocketNotifier::activated, this, [this] {
        char byte = 0;
        [[maybe_unused]] const auto n = ::read(signalPipe[0], &byte, 1);
        if (byte == SIGHUP)
            reload();
        else
            shutdown();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGHUP, &action, nullptr);
    std::signal(SIGPIPE, SIG_IGN);
}

void ServerApp::reload()
{
    if (!m_config.tls.enabled()) {
        qCInfo(lcServer).noquote() << tr("SIGHUP: nothing to reload (no TLS)");
        return;
    }
    QString error;
    if (TlsCredentials::load(m_config.tls.certFile, m_config.tls.keyFile, &error))
        qCInfo(lcServer).noquote() << tr("SIGHUP: reloaded %1").arg(TlsCredentials::describe());
    else
        qCWarning(lcServer).noquote()
            << tr("SIGHUP: TLS reload failed, keeping the previous certificate: %1").arg(error);
}

bool ServerApp::startRedirect(QString *error)
{
    // Plain HTTP on --tls-redirect-port: every request gets a 308 to the same target over HTTPS.
    const QString publicUrl = m_config.publicUrl;
    auto *redirect = new SideListener(
        [this, publicUrl](const SideListener::Request &request) {
            QString base;
            if (!publicUrl.isEmpty()) {
                base = publicUrl.endsWith(u'/') ? publicUrl.chopped(1) : publicUrl;
            } else {
                QString host = QString::fromLatin1(request.header("Host"));
                if (!HttpExchange::isUsableHost(host))
                    host = m_config.listenAddress.toString();
                const qsizetype colon = host.lastIndexOf(u':');
                if (colon > 0 && !host.endsWith(u']'))
                    host.truncate(colon); // the redirect port: replaced by the HTTPS one
                base = QStringLiteral("https://") + host;
                if (m_port != 443)
                    base += u':' + QString::number(m_port);
            }
            SideListener::Answer answer;
            answer.status = 308;
            answer.headers.append(qMakePair(QByteArrayLiteral("Location"),
                                            QByteArray(base.toUtf8() + request.target)));
            answer.headers.append(qMakePair(QByteArrayLiteral("Content-Type"),
                                            QByteArrayLiteral("text/plain; charset=utf-8")));
            answer.body = "Use HTTPS: " + base.toUtf8() + request.target + '\n';
            return answer;
        },
        this);
    if (!redirect->listen(m_config.listenAddress, quint16(m_config.tls.redirectPort))) {
        *error = tr("cannot listen on %1:%2 for the HTTPS redirect: %3")
                     .arg(m_config.listenAddress.toString())
                     .arg(m_config.tls.redirectPort)
                     .arg(redirect->errorString());
        return false;
    }
    qCInfo(lcServer).noquote()
        << tr("redirecting plain HTTP on port %1 to HTTPS").arg(m_config.tls.redirectPort);
    return true;
}

bool ServerApp::startMetricsListener(QString *error)
{
    const QString token = m_config.ops.metricsToken;
    auto *listener = new SideListener(
        [token](const SideListener::Request &request) {
            SideListener::Answer answer;
            const qsizetype query = request.target.indexOf('?');
            const QByteArray path = query < 0 ? request.target : request.target.first(query);
            if (path != "/metrics") {
                answer.status = 404;
                answer.body = "only /metrics here\n";
            } else if (request.method != "GET" && request.method != "HEAD") {
                answer.status = 405;
                answer.headers.append(
                    qMakePair(QByteArrayLiteral("Allow"), QByteArrayLiteral("GET, HEAD")));
            } else if (!OpsHandler::metricsAllowed(token, request.header("Authorization"))) {
                answer.status = 401;
                answer.headers.append(
                    qMakePair(QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer")));
            } else {
                answer.headers.append(qMakePair(QByteArrayLiteral("Content-Type"),
                                                QByteArray(OpsHandler::kMetricsType)));
                answer.body = OpsHandler::metricsText();
            }
            return answer;
        },
        this);
    if (!listener->listen(m_config.ops.metricsAddress, m_config.ops.metricsPort)) {
        *error = tr("cannot listen on %1:%2 for /metrics: %3")
                     .arg(m_config.ops.metricsAddress.toString())
                     .arg(m_config.ops.metricsPort)
                     .arg(listener->errorString());
        return false;
    }
    // Tests and scripts read this line to learn the port (with --metrics-listen ...:0).
    std::printf("depot-server metrics on http://%s:%u/metrics\n",
                m_config.ops.metricsAddress.toString().toLocal8Bit().constData(),
                unsigned(listener->serverPort()));
    std::fflush(stdout);
    return true;
}

void ServerApp::shutdown()
{
    if (m_shuttingDown) { // a second signal: stop now
        QCoreApplication::exit(0);
        return;
    }
    m_shuttingDown = true;
    qCInfo(lcServer).noquote() << tr("shutting down: finishing requests in flight (at most %1 ms)")
                                      .arg(m_config.shutdownTimeoutMs);
    for (Worker *worker : m_workers)
        QMetaObject::invokeMethod(worker, &Worker::drain, Qt::QueuedConnection);
    QTimer::singleShot(m_config.shutdownTimeoutMs, this, [] {
        qCWarning(lcServer).noquote() << tr("shutdown timeout: closing remaining connections");
        QCoreApplication::exit(0);
    });
}

void ServerApp::stopWorkers()
{
    for (QThread *thread : std::as_const(m_threads)) {
        thread->quit();
        thread->wait();
    }
    qDeleteAll(m_threads);
    m_threads.clear();
    m_workers.clear();
}

} // namespace depot
