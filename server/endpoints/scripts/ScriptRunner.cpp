#include "endpoints/scripts/ScriptRunner.h"

#include "config/Log.h"
#include "endpoints/scripts/CgiResponse.h"
#include "endpoints/scripts/SandboxStatus.h"
#include "endpoints/scripts/ScriptSlots.h"
#include "endpoints/scripts/ScriptZygote.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <csignal>
#include <cstring>
#include <sys/wait.h>
#include <unistd.h>

namespace depot {

namespace {

constexpr qsizetype kMaxErrorOutput = 64 * 1024;
// After a kill, bwrap's child is signalled again at this interval until bwrap has reaped it...
constexpr int kKillRetryMs = 25;
// ...and bwrap's whole process group is killed if it still runs after this long.
constexpr int kGroupKillAfterMs = 1000;
constexpr int kSelfTestTimeoutMs = 10000;
// What ScriptSandbox's child modifier exits with when it cannot set the sandbox up.
constexpr int kSetupFailedExit = 125;
// An idle zygote beyond the warm pool is retired after this long unused: the pool follows the
// recent peak of concurrent runs, and a steady trickle of runs does not start and retire one
// zygote per run (the run's own zygote comes back beside the one started to replace it).
constexpr int kIdleTrimMs = 10000;

ScriptResult failure(ScriptResult::Outcome outcome, int status, const QString &detail)
{
    ScriptResult result;
    result.outcome = outcome;
    result.status = status;
    result.detail = detail;
    return result;
}

bool isTokenChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c != 0 && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr);
}

// Environment strings end at NUL, and CR/LF have no business in a meta-variable.
QString metaValue(const QByteArray &value)
{
    QByteArray clean = value;
    clean.removeIf([](char c) { return c == '\0' || c == '\r' || c == '\n'; });
    // QProcessEnvironment encodes as UTF-8 again: valid UTF-8 passes unchanged.
    return QString::fromUtf8(clean);
}

// HTTP_* name of a request header, or empty if it must not reach the script.
QString headerVariable(const QByteArray &name)
{
    if (name.isEmpty())
        return {};
    for (char c : name) {
        // '_' is a token character, but "X_Foo" and "X-Foo" would both become HTTP_X_FOO and
        // one could pose as the other (e.g. behind a proxy that sets X-Forwarded-For).
        if (!isTokenChar(c) || c == '_')
            return {};
    }
    const QByteArray lower = name.toLower();
    // Credentials stay with the server; "Proxy" becomes HTTP_PROXY, which libraries read as
    // their proxy setting (httpoxy); Content-Type/-Length have their own variables.
    if (lower == "authorization" || lower == "proxy" || lower.startsWith("proxy-") ||
        lower == "content-type" || lower == "content-length")
        return {};
    QByteArray variable = "HTTP_" + name.toUpper();
    variable.replace('-', '_');
    return QString::fromLatin1(variable);
}

} // namespace

struct ScriptRunner::Job
{
    quint64 id = 0;
    Callback done;
    QProcess *process = nullptr;
    QTimer *deadline = nullptr;
    QTimer *killer = nullptr;
    QElapsedTimer killClock;
    QByteArray output;
    QByteArray errorOutput;
    bool timedOut = false;
    bool tooLarge = false;
    ScriptZygote *zygote = nullptr; // the zygote serving it (zygote mode); holds uid and cgroup
    std::optional<uint> uid;        // from the SandboxStatus, given back when the job ends
    QString cgroup; // the sandbox's pids cgroup (SandboxStatus), removed when it ends
    qint64 pid = 0;
};

// A run waiting in the ScriptSlots queue for a slot.
struct ScriptRunner::Waiting
{
    quint64 id = 0;
    ScriptRequest request;
    Callback done;
    ScriptSlots::WaiterPtr waiter;
    QTimer *bound = nullptr; // --script-queue-wait
};

namespace {
quint64 nextId()
{
    static std::atomic<quint64> id{0};
    return ++id;
}
} // namespace

ScriptRunner::ScriptRunner(const ScriptsConfig &limits, SandboxStatus *status, QObject *parent)
    : QObject(parent), m_sandbox(limits), m_status(status)
{
    m_refill = new QTimer(this);
    m_refill->setSingleShot(true);
    connect(m_refill, &QTimer::timeout, this, &ScriptRunner::refill);
    m_trim = new QTimer(this);
    m_trim->setInterval(kIdleTrimMs / 2);
    connect(m_trim, &QTimer::timeout, this, &ScriptRunner::trimIdle);
}

ScriptRunner::~ScriptRunner()
{
    for (const auto &waiting : m_waiting)
        ScriptSlots::instance().abandon(waiting->waiter);
    for (const auto &job : m_jobs) {
        QObject::disconnect(job->process, nullptr, nullptr, nullptr);
        m_sandbox.killAndWait(*job->process, kGroupKillAfterMs);
        releaseSandbox(job->uid, job->cgroup);
        ScriptSlots::instance().release();
    }
    for (const Warm &warm : m_warm) {
        QObject::disconnect(warm.process, nullptr, nullptr, nullptr);
        m_sandbox.killAndWait(*warm.process, kGroupKillAfterMs);
        releaseSandbox(warm.uid, warm.cgroup);
    }
    for (ScriptZygote *zygote : m_zygotes) {
        QObject::disconnect(zygote, nullptr, nullptr, nullptr);
        const std::optional<uint> uid = zygote->uid();
        const QString cgroup = zygote->cgroup();
        delete zygote; // kills it and waits
        releaseSandbox(uid, cgroup);
    }
}

bool ScriptRunner::zygoteMode() const
{
    return limits().zygote && !limits().unsafeNoSandbox;
}

int ScriptRunner::warmCount() const
{
    return zygoteMode() ? int(m_idle.size()) : int(m_warm.size());
}

ScriptZygote *ScriptRunner::newZygote(std::optional<uint> uid, const QString &cgroup)
{
    auto *zygote = new ScriptZygote(m_sandbox, uid, cgroup, this);
    connect(zygote, &ScriptZygote::finished, this, [this, zygote] { zygoteFinished(zygote); });
    if (!zygote->start()) {
        qCWarning(lcEndpoints).noquote() << tr("a script sandbox could not be started: %1")
                                                .arg(zygote->process()->errorString());
        delete zygote;
        releaseSandbox(uid, cgroup);
        return nullptr;
    }
    m_zygotes.push_back(zygote);
    return zygote;
}

// Any zygote's end: gives its uid and cgroup back. One that ends while idle and not retired
// broke (set-up, or killed from outside): the sandbox is re-checked.
void ScriptRunner::zygoteFinished(ScriptZygote *zygote)
{
    const auto idle = std::find(m_idle.begin(), m_idle.end(), zygote);
    if (idle != m_idle.end()) {
        m_idle.erase(idle);
        zygoteDiedIdle(zygote);
    }
    m_zygotes.erase(std::remove(m_zygotes.begin(), m_zygotes.end(), zygote), m_zygotes.end());
    releaseSandbox(zygote->uid(), zygote->cgroup());
    zygote->deleteLater(); // after the job's own handler of this signal
}

void ScriptRunner::zygoteDiedIdle(ScriptZygote *zygote)
{
    const QByteArray why = zygote->process()->readAllStandardError().trimmed().split('\n').value(0);
    qCWarning(lcEndpoints).noquote()
        << tr("a script sandbox ended while idle: %1").arg(QString::fromUtf8(why.left(300)));
    if (m_status)
        m_status->recheck();
    m_refillBackoffMs = qBound(500, m_refillBackoffMs * 2, 30000);
    scheduleRefill(m_refillBackoffMs);
}

void ScriptRunner::returnZygote(ScriptZygote *zygote)
{
    const bool broken = m_status && !m_status->problem().isEmpty();
    if (broken || zygote->runs() >= limits().zygoteRuns || !zygote->isRunning()) {
        zygote->retire(); // zygoteFinished gives uid and cgroup back
        scheduleRefill(0);
        return;
    }
    m_idle.push_back(zygote);
    if (int(m_idle.size()) > limits().warmPool && !m_trim->isActive())
        m_trim->start();
}

void ScriptRunner::trimIdle()
{
    // The oldest first: the most recently used are taken first, the others age.
    while (int(m_idle.size()) > limits().warmPool && m_idle.front()->idleMs() >= kIdleTrimMs) {
        ScriptZygote *zygote = m_idle.front();
        m_idle.erase(m_idle.begin());
        zygote->retire();
    }
    if (int(m_idle.size()) <= limits().warmPool)
        m_trim->stop();
}

ScriptRunner::Acquired ScriptRunner::acquireSandbox(int keepFree, std::optional<uint> *uid,
                                                    QString *cgroup)
{
    if (!m_status)
        return Acquired::Ok;
    *uid = m_status->acquireUid(keepFree);
    if (!*uid)
        return Acquired::NoUid;
    // Fail closed: a sandbox that should be in a cgroup of its own never starts without one.
    QString problem;
    const std::optional<QString> made = m_status->createRunCgroup(&problem);
    if (!made) {
        m_status->releaseUid(**uid);
        uid->reset();
        qCWarning(lcEndpoints).noquote() << tr("script run without a cgroup: %1").arg(problem);
        m_status->recheck();
        return Acquired::NoCgroup;
    }
    *cgroup = *made;
    return Acquired::Ok;
}

void ScriptRunner::releaseSandbox(const std::optional<uint> &uid, const QString &cgroup)
{
    if (!m_status)
        return;
    if (uid)
        m_status->releaseUid(*uid);
    m_status->removeRunCgroup(cgroup);
}

QList<qint64> ScriptRunner::warmPids() const
{
    QList<qint64> pids;
    for (const ScriptZygote *zygote : m_idle)
        pids.append(zygote->pid());
    for (const Warm &warm : m_warm)
        pids.append(warm.process->processId());
    return pids;
}

int ScriptRunner::runningCount()
{
    return ScriptSlots::instance().running();
}

int ScriptRunner::waitingCount()
{
    return ScriptSlots::instance().waiting();
}

void ScriptRunner::deliverLater(Callback done, ScriptResult result)
{
    QMetaObject::invokeMethod(
        this, [done = std::move(done), result = std::move(result)] { done(result); },
        Qt::QueuedConnection);
}

QProcessEnvironment ScriptRunner::cgiEnvironment(const ScriptRequest &request)
{
    QProcessEnvironment env; // empty: nothing of the server's own environment
    const auto set = [&env](const char *name, const QByteArray &value) {
        env.insert(QLatin1String(name), metaValue(value));
    };
    set("GATEWAY_INTERFACE", "CGI/1.1");
    set("SERVER_PROTOCOL", "HTTP/1.1");
    set("SERVER_SOFTWARE", "Depot/" DEPOT_VERSION);
    set("REQUEST_METHOD", request.method);
    set("QUERY_STRING", request.query);
    set("SCRIPT_NAME", request.scriptName);
    // RFC 3875 4.1.5: what follows the script's own path.
    QByteArray pathInfo;
    if (request.path.startsWith(request.scriptName) &&
        (request.path.size() == request.scriptName.size() || request.scriptName.isEmpty() ||
         request.path.at(request.scriptName.size()) == '/'))
        pathInfo = request.path.mid(request.scriptName.size());
    set("PATH_INFO", pathInfo);
    set("SERVER_NAME", request.serverName);
    set("SERVER_PORT", QByteArray::number(request.serverPort));
    set("REMOTE_ADDR", request.remoteAddress.toLatin1());
    if (!request.body.isEmpty())
        set("CONTENT_LENGTH", QByteArray::number(request.body.size()));

    for (const auto &[name, value] : request.headers) {
        if (name.compare("content-type", Qt::CaseInsensitive) == 0) {
            set("CONTENT_TYPE", value);
            continue;
        }
        const QString variable = headerVariable(name);
        if (variable.isEmpty())
            continue;
        const QString clean = metaValue(value);
        // RFC 3875 4.1.18: repeated fields are combined with commas.
        env.insert(variable, env.contains(variable)
                                 ? env.value(variable) + QStringLiteral(", ") + clean
                                 : clean);
    }
    return env;
}

void ScriptRunner::run(const ScriptRequest &request, Callback done)
{
    Q_ASSERT(QThread::currentThread() == thread());
    if (const QString problem = m_status ? m_status->problem() : QString(); !problem.isEmpty()) {
        deliverLater(std::move(done),
                     failure(ScriptResult::Outcome::SandboxUnavailable, 503,
                             tr("Scripts cannot run on this server: %1").arg(problem)));
        return;
    }
    if (!m_poolStarted) { // the first script request: from now on sandboxes wait ready
        m_poolStarted = true;
        scheduleRefill(0);
    }
    ScriptSlots &scriptSlots = ScriptSlots::instance();
    if (scriptSlots.tryAcquire(limits().maxConcurrent)) {
        startRun(request, std::move(done));
        return;
    }
    // Every slot is taken: wait for one, in turn, for a bounded time.
    const quint64 id = nextId();
    ScriptSlots::WaiterPtr waiter =
        scriptSlots.enqueue(this, limits().queueLength, [this, id] { granted(id); });
    if (!waiter) {
        deliverLater(std::move(done),
                     failure(ScriptResult::Outcome::Busy, 503,
                             tr("Too many scripts are running and waiting; try again later")));
        return;
    }
    auto waiting = std::make_unique<Waiting>();
    waiting->id = id;
    waiting->request = request;
    waiting->done = std::move(done);
    waiting->waiter = waiter;
    waiting->bound = new QTimer(this);
    waiting->bound->setSingleShot(true);
    connect(waiting->bound, &QTimer::timeout, this, [this, id] {
        for (auto it = m_waiting.begin(); it != m_waiting.end(); ++it) {
            if ((*it)->id != id)
                continue;
            if (!ScriptSlots::instance().cancel((*it)->waiter))
                return; // a slot was just granted: granted() runs next
            std::unique_ptr<Waiting> gone = std::move(*it);
            m_waiting.erase(it);
            gone->bound->deleteLater();
            gone->done(failure(ScriptResult::Outcome::Busy, 503,
                               tr("No script could start within %1 ms; try again later")
                                   .arg(limits().queueWaitMs)));
            return;
        }
    });
    waiting->bound->start(limits().queueWaitMs);
    m_waiting.push_back(std::move(waiting));
}

void ScriptRunner::granted(quint64 waitingId)
{
    for (auto it = m_waiting.begin(); it != m_waiting.end(); ++it) {
        if ((*it)->id != waitingId)
            continue;
        std::unique_ptr<Waiting> waiting = std::move(*it);
        m_waiting.erase(it);
        waiting->bound->stop();
        waiting->bound->deleteLater();
        if (ScriptSlots::instance().claim(waiting->waiter))
            startRun(waiting->request, std::move(waiting->done));
        return;
    }
}

// With a slot taken for it.
void ScriptRunner::startRun(const ScriptRequest &request, Callback done)
{
    // Read here, as root: the sandbox uid cannot read the data directory, by design.
    QString error;
    QByteArray script;
    QFile file(request.scriptPath);
    if (!file.open(QIODevice::ReadOnly)) {
        error = tr("The script cannot be read");
    } else {
        script = file.read(limits().maxScriptBytes + 1);
        if (script.size() > limits().maxScriptBytes)
            error = tr("The script is larger than %1 bytes").arg(limits().maxScriptBytes);
    }
    if (!error.isEmpty()) {
        ScriptSlots::instance().release();
        deliverLater(std::move(done), failure(ScriptResult::Outcome::Crashed, 502, error));
        return;
    }

    // A sandbox started ahead of time, or else one started now.
    QProcess *process = nullptr;
    ScriptZygote *zygote = nullptr;
    std::optional<uint> uid;
    QString cgroup;
    while (zygoteMode() && !m_idle.empty() && !zygote) {
        ScriptZygote *idle = m_idle.back();
        m_idle.pop_back();
        if (!idle->isRunning()) { // died waiting; finished is queued
            zygoteDiedIdle(idle);
            idle->retire();
            continue;
        }
        zygote = idle;
    }
    while (!zygoteMode() && !m_warm.empty() && !process) {
        Warm warm = m_warm.front();
        m_warm.erase(m_warm.begin());
        QObject::disconnect(warm.process, nullptr, this, nullptr);
        if (warm.process->state() == QProcess::NotRunning) { // died waiting; finished is queued
            warmEnded(warm.process);
            releaseSandbox(warm.uid, warm.cgroup);
            continue;
        }
        process = warm.process;
        uid = warm.uid;
        cgroup = warm.cgroup; // the warm sandbox is in it from its start: so is the run
    }
    if (!process && !zygote) {
        switch (acquireSandbox(0, &uid, &cgroup)) {
        case Acquired::Ok:
            break;
        case Acquired::NoUid:
            ScriptSlots::instance().release();
            deliverLater(std::move(done),
                         failure(ScriptResult::Outcome::Busy, 503,
                                 tr("Too many scripts are running; try again later")));
            return;
        case Acquired::NoCgroup:
            ScriptSlots::instance().release();
            deliverLater(std::move(done), failure(ScriptResult::Outcome::SandboxUnavailable, 503,
                                                  tr("The script sandbox could not be set up")));
            return;
        }
        if (!zygoteMode()) {
            process = spawn(uid, cgroup);
        } else if (!(zygote = newZygote(uid, cgroup))) {
            ScriptSlots::instance().release();
            if (m_status)
                m_status->recheck();
            deliverLater(std::move(done), failure(ScriptResult::Outcome::SandboxUnavailable, 503,
                                                  tr("The script sandbox could not be started")));
            return;
        }
    }
    scheduleRefill(0); // after this event: the run must not wait for the next fork
    if (zygote) {
        process = zygote->process();
        uid.reset(); // the zygote holds them and gives them back when it ends
        cgroup.clear();
    }

    const quint64 id = nextId();
    auto job = std::make_unique<Job>();
    job->id = id;
    job->done = std::move(done);
    job->uid = uid;
    job->cgroup = cgroup;
    job->process = process;
    job->zygote = zygote;
    job->pid = process->processId();
    job->deadline = new QTimer(this);
    job->killer = new QTimer(this);
    QTimer *deadline = job->deadline;

    // Handlers look the job up by id: a late event for a finished job finds nothing.
    if (zygote) {
        // The deadline timer, deleted with the job, is the context: the zygote outlives the
        // job, these connections do not.
        connect(zygote, &ScriptZygote::outputReady, deadline, [this, id] {
            if (Job *job = findJob(id))
                readOutput(job);
        });
        connect(zygote, &ScriptZygote::errorOutputReady, deadline, [this, id] {
            if (Job *job = findJob(id))
                readErrorOutput(job);
        });
        connect(zygote, &ScriptZygote::runEnded, deadline, [this, id](int waitStatus) {
            if (Job *job = findJob(id))
                zygoteRunEnded(job, waitStatus);
        });
        connect(zygote, &ScriptZygote::runFailed, deadline, [this, id](int error) {
            Job *job = findJob(id);
            if (!job)
                return;
            job->errorOutput = QByteArray("depot-sandbox: clone: ") + std::strerror(error);
            finish(job, kSetupFailedExit, false);
        });
        // Killed for its run, or died: as a classic sandbox's bwrap ending.
        connect(zygote, &ScriptZygote::finished, deadline,
                [this, id, zygote](int exitCode, QProcess::ExitStatus status) {
                    Job *job = findJob(id);
                    if (!job)
                        return;
                    if (job->errorOutput.isEmpty()) // bwrap's or the zygote's own reason
                        job->errorOutput = zygote->process()->readAllStandardError();
                    finish(job, exitCode, status == QProcess::CrashExit);
                });
    } else {
        connect(process, &QProcess::readyReadStandardOutput, this, [this, id] {
            if (Job *job = findJob(id))
                readOutput(job);
        });
        connect(process, &QProcess::readyReadStandardError, this, [this, id] {
            if (Job *job = findJob(id))
                readErrorOutput(job);
        });
        connect(process, &QProcess::finished, this,
                [this, id](int exitCode, QProcess::ExitStatus status) {
                    if (Job *job = findJob(id))
                        finish(job, exitCode, status == QProcess::CrashExit);
                });
        // Queued: start() may report FailedToStart synchronously, and done must not run
        // inside run().
        connect(
            process, &QProcess::errorOccurred, this,
            [this, id](QProcess::ProcessError error) {
                Job *job = findJob(id);
                if (job && error == QProcess::FailedToStart)
                    failToStart(job);
            },
            Qt::QueuedConnection);
    }
    deadline->setSingleShot(true);
    deadline->setTimerType(Qt::PreciseTimer); // a coarse timer may fire 5% early
    connect(deadline, &QTimer::timeout, this, [this, id] {
        if (Job *job = findJob(id)) {
            job->timedOut = true;
            stop(job);
        }
    });
    connect(job->killer, &QTimer::timeout, this, [this, id] {
        if (Job *job = findJob(id))
            stop(job);
    });
    m_jobs.push_back(std::move(job));

    if (zygote) {
        // The script and its variables, then the body; nothing of it existed in the sandbox.
        QString error;
        if (!zygote->run(ScriptSandbox::frame(script, cgiEnvironment(request)) + request.body,
                         &error)) {
            qCWarning(lcEndpoints).noquote()
                << tr("a script sandbox could not be given its run: %1").arg(error);
            zygote->retire(); // its end finishes the job (the zygote's stderr says why)
            QMetaObject::invokeMethod(
                this,
                [this, id, error] {
                    if (Job *job = findJob(id)) {
                        job->errorOutput = "depot-sandbox: " + error.toUtf8();
                        finish(job, kSetupFailedExit, false);
                    }
                },
                Qt::QueuedConnection);
        }
    } else if (process->state() == QProcess::NotRunning) {
        // Failed to start: errorOccurred(FailedToStart) is on its way (queued).
        if (process->error() != QProcess::FailedToStart)
            QMetaObject::invokeMethod(
                this,
                [this, id] {
                    if (Job *job = findJob(id))
                        failToStart(job);
                },
                Qt::QueuedConnection);
    } else {
        // The script and its variables, then the body; nothing of it existed in the sandbox.
        process->write(ScriptSandbox::frame(script, cgiEnvironment(request)));
        process->write(request.body);
        process->closeWriteChannel();
    }
    deadline->start(limits().timeoutMs);
}

QProcess *ScriptRunner::spawn(std::optional<uint> uid, const QString &cgroup)
{
    auto *process = new QProcess(this);
    m_sandbox.prepare(*process, uid, cgroup);
    ScriptSandbox::start(*process);
    return process;
}

void ScriptRunner::scheduleRefill(int delayMs)
{
    if (!m_refill->isActive() || m_refill->remainingTime() > delayMs)
        m_refill->start(delayMs);
}

void ScriptRunner::refill()
{
    if (m_status && !m_status->problem().isEmpty())
        return; // failing closed; the next run after the recovery refills
    if (warmCount() >= limits().warmPool)
        return;
    std::optional<uint> uid;
    QString cgroup;
    // Leave uids for the runs that may start cold meanwhile.
    switch (acquireSandbox(limits().maxConcurrent, &uid, &cgroup)) {
    case Acquired::Ok:
        break;
    case Acquired::NoUid:
        return;
    case Acquired::NoCgroup: // failing closed; tried again later, like a sandbox that died
        m_refillBackoffMs = qBound(500, m_refillBackoffMs * 2, 30000);
        scheduleRefill(m_refillBackoffMs);
        return;
    }
    if (zygoteMode()) {
        ScriptZygote *zygote = newZygote(uid, cgroup);
        if (!zygote) { // uid and cgroup given back
            m_refillBackoffMs = qBound(500, m_refillBackoffMs * 2, 30000);
            scheduleRefill(m_refillBackoffMs);
            return;
        }
        m_idle.insert(m_idle.begin(), zygote); // the last to be taken: it starts meanwhile
        m_refillBackoffMs = 0;
        if (warmCount() < limits().warmPool)
            scheduleRefill(0);
        return;
    }
    QProcess *process = spawn(uid, cgroup);
    if (process->state() == QProcess::NotRunning) {
        process->deleteLater();
        releaseSandbox(uid, cgroup);
        m_refillBackoffMs = qBound(500, m_refillBackoffMs * 2, 30000);
        scheduleRefill(m_refillBackoffMs);
        return;
    }
    connect(process, &QProcess::finished, this, [this, process] {
        // A sandbox that ends before it is used: broken set-up, or killed from outside.
        for (auto it = m_warm.begin(); it != m_warm.end(); ++it) {
            if (it->process != process)
                continue;
            releaseSandbox(it->uid, it->cgroup);
            m_warm.erase(it);
            break;
        }
        warmEnded(process);
    });
    m_warm.push_back(Warm{process, uid, cgroup});
    m_refillBackoffMs = 0;
    if (int(m_warm.size()) < limits().warmPool)
        scheduleRefill(0); // one fork per event-loop pass: requests are served in between
}

void ScriptRunner::warmEnded(QProcess *process)
{
    const QByteArray why = process->readAllStandardError().trimmed().split('\n').value(0);
    qCWarning(lcEndpoints).noquote() << tr("a pre-started script sandbox ended before its run: %1")
                                            .arg(QString::fromUtf8(why.left(300)));
    process->deleteLater();
    if (m_status)
        m_status->recheck();
    m_refillBackoffMs = qBound(500, m_refillBackoffMs * 2, 30000);
    scheduleRefill(m_refillBackoffMs);
}

ScriptRunner::Job *ScriptRunner::findJob(quint64 id) const
{
    for (const auto &job : m_jobs) {
        if (job->id == id)
            return job.get();
    }
    return nullptr;
}

void ScriptRunner::readOutput(Job *job)
{
    const QByteArray data =
        job->zygote ? job->zygote->takeOutput() : job->process->readAllStandardOutput();
    if (job->tooLarge)
        return; // draining until the kill takes effect
    if (job->output.size() + data.size() > limits().maxOutputBytes) {
        job->tooLarge = true;
        job->output.clear();
        if (!job->zygote || job->zygote->isBusy()) // not once the run has ended
            stop(job);
        return;
    }
    job->output.append(data);
}

void ScriptRunner::readErrorOutput(Job *job)
{
    const QByteArray data =
        job->zygote ? job->zygote->takeErrorOutput() : job->process->readAllStandardError();
    const qsizetype room = kMaxErrorOutput - job->errorOutput.size();
    if (room > 0)
        job->errorOutput.append(data.left(room));
}

void ScriptRunner::stop(Job *job)
{
    if (job->process->state() == QProcess::NotRunning)
        return;
    if (!job->killer->isActive()) {
        job->killClock.start();
        job->killer->start(kKillRetryMs);
    }
    const qint64 pid = job->process->processId();
    m_sandbox.killSandboxed(pid);
    if (job->killClock.elapsed() >= kGroupKillAfterMs)
        ScriptSandbox::killGroup(pid);
}

std::unique_ptr<ScriptRunner::Job> ScriptRunner::takeJob(Job *job)
{
    std::unique_ptr<Job> taken;
    for (auto it = m_jobs.begin(); it != m_jobs.end(); ++it) {
        if (it->get() == job) {
            taken = std::move(*it);
            m_jobs.erase(it);
            break;
        }
    }
    Q_ASSERT(taken); // every job is taken exactly once, by the first of its end events
    releaseSandbox(taken->uid, taken->cgroup);
    ScriptSlots::instance().release();
    if (ScriptZygote *zygote = taken->zygote) {
        // Back to the pool only after a run that ended by itself; one killed (or being killed)
        // for its run is discarded.
        if (!zygote->isBusy() && !taken->killer->isActive() && !taken->timedOut &&
            !taken->tooLarge && zygote->isRunning())
            returnZygote(zygote);
        else
            zygote->retire();
    } else {
        // Late events from these objects find no job (see findJob).
        taken->process->deleteLater();
    }
    taken->deadline->deleteLater();
    taken->killer->deleteLater();
    taken->deadline->stop();
    taken->killer->stop();
    return taken;
}

void ScriptRunner::finish(Job *job, int exitCode, bool crashed)
{
    readOutput(job);
    readErrorOutput(job);
    const std::unique_ptr<Job> taken = takeJob(job);
    using Outcome = ScriptResult::Outcome;
    ScriptResult result;
    if (taken->tooLarge) {
        result = failure(Outcome::OutputTooLarge, 502,
                         tr("The script printed more than %1 bytes").arg(limits().maxOutputBytes));
    } else if (taken->timedOut) {
        result = failure(Outcome::Timeout, 504,
                         tr("The script did not finish within %1 ms").arg(limits().timeoutMs));
    } else if (crashed || exitCode != 0) {
        // bwrap exits with the script's status, or 128 + the signal that killed it.
        const bool setupFailed =
            (exitCode == kSetupFailedExit && taken->errorOutput.startsWith("depot-sandbox: ")) ||
            (exitCode == 1 && taken->errorOutput.startsWith("bwrap: "));
        if (setupFailed)
            result = failure(Outcome::SandboxUnavailable, 503,
                             tr("The script sandbox could not be set up"));
        else if (exitCode == 128 + SIGXCPU)
            result = failure(Outcome::Crashed, 502, tr("The script used up its CPU time"));
        else if (exitCode > 128 && exitCode < 128 + NSIG)
            result = failure(Outcome::Crashed, 502,
                             tr("The script was killed by signal %1").arg(exitCode - 128));
        else
            result = failure(Outcome::Crashed, 502,
                             tr("The script failed with exit status %1").arg(exitCode));
    } else {
        const CgiResponse response = CgiResponse::parse(taken->output);
        if (response.isValid()) {
            result.outcome = Outcome::Ok;
            result.status = response.status();
            result.headers = response.headers();
            result.body = response.body();
        } else {
            result = failure(Outcome::BadOutput, 502, response.error());
        }
    }
    result.errorOutput = taken->errorOutput;
    result.pid = taken->pid;
    if (result.outcome == Outcome::SandboxUnavailable && m_status)
        m_status
            ->recheck(); // broken for good, or only for this run? Scripts fail closed meanwhile.
    // Last: the callback may destroy this runner.
    const Callback done = std::move(taken->done);
    done(result);
}

void ScriptRunner::zygoteRunEnded(Job *job, int waitStatus)
{
    // As bwrap reports its child's end: the exit status, or 128 + the signal.
    if (WIFSIGNALED(waitStatus))
        finish(job, 128 + WTERMSIG(waitStatus), false);
    else
        finish(job, WEXITSTATUS(waitStatus), false);
}

void ScriptRunner::failToStart(Job *job)
{
    const QString reason = job->process->errorString();
    const std::unique_ptr<Job> taken = takeJob(job);
    if (m_status)
        m_status->recheck();
    const Callback done = std::move(taken->done);
    done(failure(ScriptResult::Outcome::SandboxUnavailable, 503,
                 tr("The script sandbox could not be started: %1").arg(reason)));
}

QString ScriptRunner::selfTest(const ScriptsConfig &limits, const QString &cgroup)
{
    const ScriptSandbox sandbox(limits);
    QString problem = sandbox.checkConfiguration();
    if (!problem.isEmpty())
        return problem;
    static constexpr char expected[] = "depot-sandbox-ok";
    const QByteArray testFrame = ScriptSandbox::frame(
        QByteArrayLiteral("import sys\nsys.stdout.write('depot-sandbox-ok')\n"), {});
    if (limits.zygote && !limits.unsafeNoSandbox) {
        const ScriptZygote::TestRun run =
            ScriptZygote::runOnce(sandbox, cgroup, testFrame, kSelfTestTimeoutMs);
        if (!run.problem.isEmpty())
            return tr("the sandbox self-test failed: %1").arg(run.problem);
        if (*run.waitStatus == 0 && run.output == expected)
            return {};
        const QByteArray firstLine = run.errorOutput.trimmed().split('\n').value(0);
        if (!firstLine.isEmpty())
            return tr("the sandbox self-test failed: %1")
                .arg(QString::fromUtf8(firstLine.left(300)));
        return tr("the sandbox self-test failed with wait status %1").arg(*run.waitStatus);
    }
    QProcess process;
    sandbox.prepare(process, std::nullopt, cgroup);
    ScriptSandbox::start(process);
    process.write(testFrame);
    process.closeWriteChannel();
    if (!process.waitForFinished(kSelfTestTimeoutMs)) {
        if (process.error() == QProcess::FailedToStart)
            return tr("cannot start %1: %2").arg(process.program(), process.errorString());
        sandbox.killAndWait(process);
        return tr("the sandbox self-test did not finish within %1 ms").arg(kSelfTestTimeoutMs);
    }
    const QByteArray output = process.readAllStandardOutput();
    if (process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0 &&
        output == expected)
        return {};
    const QByteArray firstLine = process.readAllStandardError().trimmed().split('\n').value(0);
    if (!firstLine.isEmpty())
        return tr("the sandbox self-test failed: %1").arg(QString::fromUtf8(firstLine.left(300)));
    return tr("the sandbox self-test failed with exit status %1").arg(process.exitCode());
}

} // namespace depot
