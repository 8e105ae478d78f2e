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
    void prepare(QProcess &process, std::optional<uint> uid = std::nullopt) const;

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

    const ScriptsConfig &limits() const { return m_limits; }

private:
    QStringList bwrapArguments() const;
    QStringList pythonArguments() const;

    ScriptsConfig m_limits;
};

} // namespace depot
