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

    // A sealed memfd holding the script, so that bwrap (running as the sandbox uid) never needs to
    // open the root-only data directory. The caller closes it once QProcess::start() returned.
    static int createScriptFd(const QByteArray &content, QString *error);

    // Program, arguments, environment (the given variables plus PATH, LANG, HOME and nothing
    // of the server's own) and the child modifier. scriptFd must stay open until start().
    // `uid`: the uid and gid this run drops to when root (default: limits().sandboxUid).
    // `cgroup`: a directory (RunCgroups) the child joins before anything else, or "" for none.
    // RLIMIT_NPROC (root only) is set unless the run shares its uid and has a cgroup: on a
    // shared uid that limit is shared too, and one run could use it up for all.
    void prepare(QProcess &process, int scriptFd, const QProcessEnvironment &variables,
                 std::optional<uint> uid = std::nullopt, const QString &cgroup = {}) const;

    // SIGKILLs the sandboxed processes of a running process started with prepare(). With bwrap it
    // kills bwrap's child (pid 1 of the sandbox's pid namespace, which takes every process inside
    // with it) and lets bwrap reap it and exit: killing bwrap first would orphan that child, and
    // an init that does not reap (containers) would keep it as a zombie counted against
    // RLIMIT_NPROC. Returns false if nothing could be signalled yet (bwrap has not forked).
    bool killSandboxed(qint64 pid) const;
    // Last resort: SIGKILL the whole process group the child modifier created.
    static void killGroup(qint64 pid);

    const ScriptsConfig &limits() const { return m_limits; }

private:
    QStringList bwrapArguments(int scriptFd) const;

    ScriptsConfig m_limits;
};

} // namespace depot
