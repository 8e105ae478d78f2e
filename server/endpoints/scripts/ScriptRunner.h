#pragma once

#include "endpoints/scripts/ScriptSandbox.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QProcessEnvironment>
#include <QString>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

QT_BEGIN_NAMESPACE
class QTimer;
QT_END_NAMESPACE

namespace depot {

class SandboxStatus;
class ScriptZygote;

// One HTTP request for a script endpoint, as CGI/1.1 (RFC 3875) hands it to the script.
struct ScriptRequest
{
    QString scriptPath; // the stored script (root-only is fine)
    QByteArray method;
    QByteArray path;                              // decoded request path
    QByteArray query;                             // raw query string, without '?'
    QList<QPair<QByteArray, QByteArray>> headers; // request headers as received
    QByteArray body;                              // given on the script's stdin
    QString remoteAddress;
    QByteArray serverName;
    quint16 serverPort = 0;
    QByteArray scriptName; // public URL path of the endpoint
};

struct ScriptResult
{
    Q_GADGET

public:
    enum class Outcome {
        Ok,                 // the script's response: status, headers, body
        Timeout,            // wall clock exceeded, killed (504)
        OutputTooLarge,     // stdout over the cap, killed (502)
        Busy,               // the wait queue is full or the wait too long (503, Retry-After)
        SandboxUnavailable, // fail closed: the sandbox does not work here (503)
        Crashed,            // non-zero exit, signal, limit hit, unreadable script (502)
        BadOutput,          // malformed CGI headers (502)
    };
    Q_ENUM(Outcome)

    Outcome outcome = Outcome::Crashed;
    int status = 502; // the script's status when Ok, else the status to answer with
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QString detail; // why it failed, safe to show to the endpoint's owner and the client
    // The script's stderr (capped), for the owner's diagnostics. Never send it to the client.
    QByteArray errorOutput;
    qint64 pid =
        0; // the sandbox process (bwrap; with zygotes, the zygote's) that ran it, 0 if none
};

// Runs users' Python scripts in bubblewrap, asynchronously.
//
// One instance per worker thread: QProcess belongs to the thread that starts it, and bwrap's
// --die-with-parent fires when the *thread* that forked exits, so that thread must live as long
// as the server. The bound on concurrent scripts is process-wide, shared by all instances
// (ScriptSlots), with a bounded wait queue in front of it.
//
// With limits.zygote (the default), each instance keeps zygotes (ScriptZygote: a sandbox with
// its own uid and pids cgroup that clones every run into fresh namespaces), `warmPool` of them
// idle and ready; a run takes an idle one (or starts one if none is ready), one run at a time
// per zygote, and gives it back when it ends; a zygote killed for its run (timeout, output
// cap) is discarded, and one that served limits.zygoteRuns runs is replaced. Otherwise (classic) it
// keeps `warmPool` sandboxes started ahead of time (ScriptSandbox::prepare: Python waiting for
// its script on stdin), each with its own uid; a run takes one (or starts one if none is
// ready), gives it the script, variables and body, and it is never used again; a new one is
// started after the run has begun.
class ScriptRunner : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const ScriptResult &)>;

    // With a `status`, runs fail closed (SandboxUnavailable) while it reports a problem, a run
    // whose sandbox cannot be set up makes it re-check, and each run gets its own uid from it.
    // Without one, every run uses limits.sandboxUid.
    explicit ScriptRunner(const ScriptsConfig &limits, SandboxStatus *status = nullptr,
                          QObject *parent = nullptr);
    // Kills the scripts still running and the warm sandboxes; callbacks are not called.
    ~ScriptRunner() override;

    // Never blocks. done is called exactly once, on this object's thread, never from within
    // run() itself (unless the runner is destroyed first). Call from this object's thread.
    void run(const ScriptRequest &request, Callback done);

    // Runs a trivial script through the whole sandbox, blocking (for start-up): empty if it
    // works, else the reason ("bwrap: No permissions to create new namespace", missing python...).
    // `cgroup`: the run cgroup the test joins ("" for none), as a real run would.
    static QString selfTest(const ScriptsConfig &limits, const QString &cgroup = {});

    // The CGI/1.1 meta-variables of a request (RFC 3875 section 4.1).
    static QProcessEnvironment cgiEnvironment(const ScriptRequest &request);

    // Scripts running now in this process, over all instances, and runs waiting for a slot.
    static int runningCount();
    static int waitingCount();
    // Sandboxes of this instance started ahead of time and not yet used (classic), or idle
    // zygotes (their bwrap processes).
    int warmCount() const;
    QList<qint64> warmPids() const;

    const ScriptsConfig &limits() const { return m_sandbox.limits(); }

private:
    struct Job;
    struct Waiting;
    struct Warm
    {
        QProcess *process = nullptr;
        std::optional<uint> uid;
        QString cgroup; // its pids cgroup, which the run it serves keeps
    };
    // A uid and a pids cgroup for one sandbox from the SandboxStatus, taken together where the
    // sandbox is spawned and given back together (releaseSandbox) wherever it ends.
    enum class Acquired { Ok, NoUid, NoCgroup };
    Acquired acquireSandbox(int keepFree, std::optional<uint> *uid, QString *cgroup);
    void releaseSandbox(const std::optional<uint> &uid, const QString &cgroup);

    void startRun(const ScriptRequest &request, Callback done);
    void granted(quint64 waitingId);
    void refill();
    void scheduleRefill(int delayMs);
    void warmEnded(QProcess *process);
    QProcess *spawn(std::optional<uint> uid, const QString &cgroup);
    Job *findJob(quint64 id) const;
    void deliverLater(Callback done, ScriptResult result);
    void readOutput(Job *job);
    void readErrorOutput(Job *job);
    void stop(Job *job);
    void finish(Job *job, int exitCode, bool crashed);
    void failToStart(Job *job);
    std::unique_ptr<Job> takeJob(Job *job);

    // Zygote mode.
    bool zygoteMode() const;
    ScriptZygote *newZygote(std::optional<uint> uid, const QString &cgroup);
    void zygoteFinished(ScriptZygote *zygote);
    void zygoteDiedIdle(ScriptZygote *zygote);
    void returnZygote(ScriptZygote *zygote);
    void trimIdle();
    void zygoteRunEnded(Job *job, int waitStatus);

    ScriptSandbox m_sandbox;
    SandboxStatus *m_status;
    std::vector<std::unique_ptr<Job>> m_jobs;
    std::vector<std::unique_ptr<Waiting>> m_waiting;
    std::vector<Warm> m_warm;
    std::vector<ScriptZygote *> m_zygotes; // every live zygote (idle, serving, retiring)
    std::vector<ScriptZygote *> m_idle;    // ready, the most recently used last
    QTimer *m_trim = nullptr;              // retires idle zygotes beyond warmPool
    QTimer *m_refill = nullptr;
    int m_refillBackoffMs = 0;  // grows while warm sandboxes die before they are used
    bool m_poolStarted = false; // the pool fills from the first run on
};

} // namespace depot
