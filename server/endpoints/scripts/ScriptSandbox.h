#pragma once

#include "config/ServerConfig.h"

#include <QCoreApplication>
#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>

QT_BEGIN_NAMESPACE
class QProcess;
QT_END_NAMESPACE

namespace depot {

// Sets up the child process for one script run: the bwrap command line, the environment, and a
// child-process modifier that applies rlimits and drops privileges between fork and exec.
class ScriptSandbox
{
    Q_DECLARE_TR_FUNCTIONS(depot::ScriptSandbox)

public:
    explicit ScriptSandbox(const ScriptsConfig &limits);

    // Problems visible without starting anything (missing executables, uid 0); empty if none.
    QString checkConfiguration() const;

    // Program, arguments, environment (PATH, LANG, HOME and nothing of the server's own) and
    // the child modifier of a sandbox that starts Python and waits, before any script code
    // runs, for one request frame on its stdin (see frame()): a sandbox can be started ahead of
    // time and is given its script when a request arrives. It serves exactly one run.
    // `uid`: the uid and gid this run drops to when root (default: limits().sandboxUid).
    // `cgroup`: a directory (RunCgroups) the child joins before anything else, or "" for none;
    // a warm sandbox is in its cgroup from its start, so the run it serves is too.
    // RLIMIT_NPROC (root only) is set unless the run shares its uid and has a cgroup: on a
    // shared uid that limit is shared too, and one run could use it up for all.
    void prepare(QProcess &process, std::optional<uint> uid = std::nullopt,
                 const QString &cgroup = {}) const;
    // The same sandbox (command line, limits, uid, cgroup) running the zygote instead, which
    // serves one run after the other through `control` (one end of a SOCK_CLOEXEC unix
    // socketpair, taken over: closed by start()). See ScriptZygote and docs/SECURITY.md.
    void prepareZygote(QProcess &process, int control, std::optional<uint> uid = std::nullopt,
                       const QString &cgroup = {}) const;
    // Starts a prepared process and closes this process's copies of what the child inherits.
    static void start(QProcess &process);

    // What a prepared sandbox reads first from stdin: the script and the CGI variables. The
    // request body follows it on stdin, and is what the script's stdin then gives.
    static QByteArray frame(const QByteArray &script, const QProcessEnvironment &variables);

    // SIGKILLs the sandboxed processes of a running process started with prepare(). With bwrap it
    // kills bwrap's child (pid 1 of the sandbox's pid namespace, which takes every process inside
    // with it) and lets bwrap reap it and exit: killing bwrap first would orphan that child, and
    // an init that does not reap (containers) would keep it as a zombie counted against
    // RLIMIT_NPROC. Returns false if nothing could be signalled yet (bwrap has not forked).
    bool killSandboxed(qint64 pid) const;
    // Last resort: SIGKILL the whole process group the child modifier created.
    static void killGroup(qint64 pid);
    // Blocking: kills a running prepared process (killSandboxed, then killGroup if it does not
    // end within `waitMs`) and waits for it. For destructors and the self-test.
    void killAndWait(QProcess &process, int waitMs = 1000) const;

    const ScriptsConfig &limits() const { return m_limits; }

private:
    void prepareProcess(QProcess &process, std::optional<uint> uid, const QString &cgroup,
                        int zygoteControl) const;
    QStringList bwrapArguments(int seccomp, int zygoteControl) const;
    QStringList pythonArguments(int zygoteControl) const;

    ScriptsConfig m_limits;
};

} // namespace depot
