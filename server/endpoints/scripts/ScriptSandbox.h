#pragma once

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

// Limits and switches for running users' scripts. Defaults follow docs/SECURITY.md.
struct ScriptLimits
{
    int timeoutMs = 5000;            // wall clock, then SIGKILL (→ 504)
    qint64 maxOutputBytes = 1 << 20; // stdout cap, then SIGKILL (→ 502)
    int maxConcurrent = 8;           // process-wide bound on running sandboxes (→ 503)
    qint64 memoryBytes = 256 << 20;  // RLIMIT_AS
    int cpuSeconds = 5;              // RLIMIT_CPU
    int maxProcesses = 32;           // RLIMIT_NPROC of the sandbox uid (only when root drops to it)
    int maxOpenFiles = 64;           // RLIMIT_NOFILE
    qint64 maxFileBytes = 16 << 20;  // RLIMIT_FSIZE
    qint64 tmpBytes = 16 << 20;      // size of the private /tmp
    qint64 maxScriptBytes = 1 << 20; // larger script files are refused before starting anything
    uint sandboxUid = 65534;         // uid/gid the server (when root) drops to before bwrap
    uint sandboxGid = 65534;
    bool unsafeNoSandbox = false; // development only: python without bwrap (rlimits still apply)
    QString python = QStringLiteral("/usr/bin/python3");
    QString bwrap = QStringLiteral("/usr/bin/bwrap");
};

// Sets up the child process for one script run: the bwrap command line, the environment, and a
// child-process modifier that applies rlimits and drops privileges between fork and exec.
class ScriptSandbox
{
    Q_DECLARE_TR_FUNCTIONS(depot::ScriptSandbox)

public:
    explicit ScriptSandbox(const ScriptLimits &limits);

    // Problems visible without starting anything (missing executables, uid 0); empty if none.
    QString checkConfiguration() const;

    // A sealed memfd holding the script, so that bwrap (running as the sandbox uid) never needs to
    // open the root-only data directory. The caller closes it once QProcess::start() returned.
    static int createScriptFd(const QByteArray &content, QString *error);

    // Program, arguments, environment (the given variables plus PATH, LANG, HOME and nothing
    // of the server's own) and the child modifier. scriptFd must stay open until start().
    // `uid`: the uid and gid this run drops to when root (default: limits().sandboxUid).
    void prepare(QProcess &process, int scriptFd, const QProcessEnvironment &variables,
                 std::optional<uint> uid = std::nullopt) const;

    // SIGKILLs the sandboxed processes of a running process started with prepare(). With bwrap it
    // kills bwrap's child (pid 1 of the sandbox's pid namespace, which takes every process inside
    // with it) and lets bwrap reap it and exit: killing bwrap first would orphan that child, and
    // an init that does not reap (containers) would keep it as a zombie counted against
    // RLIMIT_NPROC. Returns false if nothing could be signalled yet (bwrap has not forked).
    bool killSandboxed(qint64 pid) const;
    // Last resort: SIGKILL the whole process group the child modifier created.
    static void killGroup(qint64 pid);

    const ScriptLimits &limits() const { return m_limits; }

private:
    QStringList bwrapArguments(int scriptFd) const;

    ScriptLimits m_limits;
};

} // namespace depot
