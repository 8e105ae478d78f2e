#include "endpoints/scripts/ScriptSandbox.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>

#include <cerrno>
#include <climits>
#include <csignal>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

namespace depot {

namespace {

// The name the script runs under inside the sandbox (its __file__, sys.argv[0], tracebacks).
constexpr char kSandboxScript[] = "/sandbox/script.py";
// The frame a sandbox reads from stdin before anything of the script runs.
constexpr char kFrameMagic[] = "DPT1";

// Runs as `python3 -I -S -B -u -c`, as the sandbox's pid 1, before the request is known: reads
// the frame (magic, script length, variables length as 32-bit little-endian numbers, the
// script, NUL-separated NAME=value variables) straight from descriptor 0 (so the body behind it
// stays unread for the script), sets the variables, and runs the script as __main__ in a clean
// module namespace. A broken frame exits like a failed sandbox set-up. It uses the built-in
// `posix` module, which Python has loaded already, not `os` (importing os costs ~1 ms of CPU per
// run here, paid only by scripts that import it themselves): a variable set in posix.environ
// (the dict os.environ wraps when imported) and with putenv is what os.environb[name] = value
// sets, for the script and for the processes it starts.
constexpr char kBootstrap[] = R"PY(def _depot_boot():
    import builtins, posix, sys  # locals: the module namespace is emptied for the script
    def take(n):
        parts = []
        while n > 0:
            part = posix.read(0, n)
            if not part:
                posix.write(2, b"depot-sandbox: the request frame is incomplete\n")
                posix._exit(125)
            parts.append(part)
            n -= len(part)
        return b"".join(parts)
    head = take(12)
    if head[:4] != b"DPT1":
        posix.write(2, b"depot-sandbox: no request frame\n")
        posix._exit(125)
    source = take(int.from_bytes(head[4:8], "little"))
    for item in take(int.from_bytes(head[8:12], "little")).split(b"\0"):
        if item:
            name, _, value = item.partition(b"=")
            posix.putenv(name, value)
            posix.environ[name] = value
    path = "/sandbox/script.py"
    code = compile(source, path, "exec")
    main = sys.modules["__main__"].__dict__
    main.clear()
    main.update(__name__="__main__", __file__=path, __builtins__=builtins, __doc__=None,
                __loader__=None, __spec__=None, __package__=None, __cached__=None)
    sys.argv[:] = [path]
    exec(code, main)
_depot_boot()
)PY";
// Exit status of a child whose set-up failed before exec (like env(1) and timeout(1) use 125).
constexpr int kSetupFailedExit = 125;

// Everything the child modifier needs, computed in the parent: between fork and exec only
// async-signal-safe calls are allowed, so no allocation, no Qt, no locks.
struct ChildSetup
{
    rlimit cpu;
    rlimit addressSpace;
    rlimit fileSize;
    rlimit openFiles;
    rlimit processes;
    bool limitProcesses;
    bool dropPrivileges;
    // "<cgroup>/cgroup.procs", NUL-terminated; empty for none.
    char cgroupProcs[PATH_MAX];
    uid_t uid;
    gid_t gid;
};

template <size_t N> [[noreturn]] void failChild(const char (&message)[N])
{
    // The message goes to the captured stderr, where selfTest() and the owner's diagnostics see it.
    static constexpr char prefix[] = "depot-sandbox: ";
    (void)!::write(STDERR_FILENO, prefix, sizeof(prefix) - 1);
    (void)!::write(STDERR_FILENO, message, N - 1);
    _exit(kSetupFailedExit);
}

void markCloseOnExec(unsigned first, unsigned last)
{
    if (first > last)
        return;
    if (::syscall(SYS_close_range, first, last, CLOSE_RANGE_CLOEXEC) == 0)
        return;
    // Kernels before 5.11: walk the descriptors one by one.
    rlimit current;
    unsigned end = 65536;
    if (::getrlimit(RLIMIT_NOFILE, &current) == 0 && current.rlim_cur < end)
        end = unsigned(current.rlim_cur);
    for (unsigned fd = first; fd <= last && fd < end; ++fd)
        ::fcntl(int(fd), F_SETFD, FD_CLOEXEC);
}

void applyChildSetup(const ChildSetup &setup) noexcept
{
    // First, while still privileged: everything this process starts is counted in its cgroup.
    // "0" is the writing process itself.
    if (setup.cgroupProcs[0] != '\0') {
        const int fd = ::open(setup.cgroupProcs, O_WRONLY | O_CLOEXEC);
        if (fd < 0 || ::write(fd, "0", 1) != 1)
            failChild("cannot join the run's cgroup\n");
        ::close(fd);
    }

    // A new session and process group: the sandbox can be killed as a group and does not get the
    // server's terminal signals.
    if (::setsid() < 0)
        failChild("setsid failed\n");

    // Ignored signals and the blocked mask survive exec; the script starts with defaults.
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    for (int sig = 1; sig < NSIG; ++sig) {
        if (sig != SIGKILL && sig != SIGSTOP)
            ::signal(sig, SIG_DFL);
    }

    // Only stdio reaches bwrap, whatever the server forgot to mark CLOEXEC.
    markCloseOnExec(3, ~0U);

    const rlimit noCore = {0, 0};
    if (::setrlimit(RLIMIT_CORE, &noCore) != 0 || ::setrlimit(RLIMIT_CPU, &setup.cpu) != 0 ||
        ::setrlimit(RLIMIT_AS, &setup.addressSpace) != 0 ||
        ::setrlimit(RLIMIT_FSIZE, &setup.fileSize) != 0 ||
        ::setrlimit(RLIMIT_NOFILE, &setup.openFiles) != 0)
        failChild("setrlimit failed\n");

    if (setup.dropPrivileges) {
        // RLIMIT_NPROC is ignored for root, and counts every process of the real uid: it only
        // means something for the dedicated sandbox uid.
        if (setup.limitProcesses && ::setrlimit(RLIMIT_NPROC, &setup.processes) != 0)
            failChild("setrlimit(RLIMIT_NPROC) failed\n");
        // Raw syscalls: glibc's wrappers broadcast to all threads of the (parent's) process.
        if (::syscall(SYS_setgroups, 0, nullptr) != 0)
            failChild("setgroups failed\n");
        if (::syscall(SYS_setresgid, setup.gid, setup.gid, setup.gid) != 0)
            failChild("setresgid failed\n");
        if (::syscall(SYS_setresuid, setup.uid, setup.uid, setup.uid) != 0)
            failChild("setresuid failed\n");
        if (::getuid() != setup.uid || ::geteuid() != setup.uid || ::getgid() != setup.gid ||
            ::getegid() != setup.gid)
            failChild("privileges were not dropped\n");
    }

    if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        failChild("PR_SET_NO_NEW_PRIVS failed\n");
    // Set after the uid change, which clears it. bwrap --die-with-parent covers the sandbox.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
}

rlimit limitOf(qint64 value)
{
    const rlim_t v = value < 0 ? 0 : rlim_t(value);
    return rlimit{v, v};
}

// Parent pid from /proc/<pid>/status ("PPid:" line; the name line is escaped, so it cannot fake
// it), or -1.
qint64 parentOf(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("PPid:")) {
            bool ok = false;
            const qint64 ppid = line.mid(5).trimmed().toLongLong(&ok);
            return ok ? ppid : -1;
        }
    }
    return -1;
}

QList<qint64> childrenOf(qint64 pid)
{
    QList<qint64> result;
    QFile file(QStringLiteral("/proc/%1/task/%1/children").arg(pid));
    if (file.open(QIODevice::ReadOnly)) {
        const QList<QByteArray> ids = file.readAll().simplified().split(' ');
        for (const QByteArray &id : ids) {
            bool ok = false;
            const qint64 child = id.toLongLong(&ok);
            if (ok && child > 0)
                result.append(child);
        }
        return result;
    }
    // Kernels without CONFIG_PROC_CHILDREN: scan every process's parent.
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &entry : entries) {
        bool ok = false;
        const qint64 candidate = entry.toLongLong(&ok);
        if (ok && parentOf(candidate) == pid)
            result.append(candidate);
    }
    return result;
}

// SIGKILL child only if it still is a child of parent: a pidfd pins the process, so a recycled pid
// cannot make us kill a stranger.
bool killChildOf(qint64 parent, qint64 child)
{
    const int pidfd = int(::syscall(SYS_pidfd_open, pid_t(child), 0));
    if (pidfd < 0) {
        if (errno != ENOSYS)
            return false; // already gone
        return ::kill(pid_t(child), SIGKILL) == 0;
    }
    bool signalled = false;
    if (parentOf(child) == parent)
        signalled = ::syscall(SYS_pidfd_send_signal, pidfd, SIGKILL, nullptr, 0) == 0;
    ::close(pidfd);
    return signalled;
}

} // namespace

ScriptSandbox::ScriptSandbox(const ScriptsConfig &limits) : m_limits(limits) {}

QString ScriptSandbox::checkConfiguration() const
{
    const QFileInfo python(m_limits.python);
    if (!python.isAbsolute() || !python.isExecutable())
        return tr("Python interpreter %1 is not an executable file").arg(m_limits.python);
    if (::geteuid() == 0 && (m_limits.sandboxUid == 0))
        return tr("the sandbox uid and gid must not be 0");
    if (m_limits.unsafeNoSandbox)
        return {};
    if (!QFileInfo(m_limits.bwrap).isExecutable())
        return tr("bubblewrap %1 is not an executable file").arg(m_limits.bwrap);
    // Only /usr is mounted in the sandbox.
    if (!m_limits.python.startsWith(QLatin1String("/usr/")))
        return tr("Python interpreter %1 is not under /usr, which is all the sandbox sees")
            .arg(m_limits.python);
    return {};
}

QByteArray ScriptSandbox::frame(const QByteArray &script, const QProcessEnvironment &variables)
{
    QByteArray names;
    for (const QString &item : variables.toStringList())
        names += item.toUtf8() + '\0';
    const auto le32 = [](quint32 v) {
        const char bytes[4] = {char(v & 0xff), char((v >> 8) & 0xff), char((v >> 16) & 0xff),
                               char((v >> 24) & 0xff)};
        return QByteArray(bytes, 4);
    };
    return QByteArray(kFrameMagic) + le32(quint32(script.size())) + le32(quint32(names.size())) +
           script + names;
}

QStringList ScriptSandbox::pythonArguments() const
{
    return {QStringLiteral("-I"), QStringLiteral("-S"), QStringLiteral("-B"),
            QStringLiteral("-u"), QStringLiteral("-c"), QLatin1String(kBootstrap)};
}

QStringList ScriptSandbox::bwrapArguments() const
{
    // The command line of docs/SECURITY.md, with two changes:
    // - --as-pid-1: without it bwrap's own init stays pid 1 and outlives the monitoring bwrap,
    //   which exits without reaping it, so every run left a zombie behind where init does not reap;
    // - no --clearenv/--setenv: QProcess passes an environment built from scratch instead, so
    //   query strings and cookies do not show in every local user's `ps`.
    return QStringList{
               QStringLiteral("--unshare-all"), QStringLiteral("--unshare-user"),
               QStringLiteral("--disable-userns"), QStringLiteral("--uid"), QStringLiteral("65534"),
               QStringLiteral("--gid"), QStringLiteral("65534"),
               QStringLiteral("--die-with-parent"), QStringLiteral("--new-session"),
               QStringLiteral("--cap-drop"), QStringLiteral("ALL"), QStringLiteral("--as-pid-1"),
               QStringLiteral("--ro-bind"), QStringLiteral("/usr"), QStringLiteral("/usr"),
               QStringLiteral("--symlink"), QStringLiteral("usr/lib"), QStringLiteral("/lib"),
               QStringLiteral("--symlink"), QStringLiteral("usr/lib64"), QStringLiteral("/lib64"),
               QStringLiteral("--symlink"), QStringLiteral("usr/bin"), QStringLiteral("/bin"),
               QStringLiteral("--proc"), QStringLiteral("/proc"), QStringLiteral("--dev"),
               QStringLiteral("/dev"), QStringLiteral("--size"), QString::number(m_limits.tmpBytes),
               QStringLiteral("--tmpfs"), QStringLiteral("/tmp"),
               // The root and /dev are tmpfs bwrap makes: read-only, so that /tmp (--size) is the
               // only place a script can fill.
               QStringLiteral("--remount-ro"), QStringLiteral("/dev"),
               QStringLiteral("--remount-ro"), QStringLiteral("/"), QStringLiteral("--chdir"),
               QStringLiteral("/tmp"), m_limits.python} +
           pythonArguments();
}

void ScriptSandbox::prepare(QProcess &process, std::optional<uint> uid, const QString &cgroup) const
{
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin:/bin"));
    environment.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    if (m_limits.unsafeNoSandbox) {
        environment.insert(QStringLiteral("HOME"), QDir::tempPath());
        process.setProgram(m_limits.python);
        process.setArguments(pythonArguments());
        process.setWorkingDirectory(QDir::tempPath());
    } else {
        environment.insert(QStringLiteral("HOME"), QStringLiteral("/tmp"));
        process.setProgram(m_limits.bwrap);
        process.setArguments(bwrapArguments());
        // Not the server's own directory, which the sandbox uid may not be allowed to enter.
        process.setWorkingDirectory(QStringLiteral("/"));
    }
    process.setProcessEnvironment(environment);

    ChildSetup setup;
    // SIGXCPU at the soft limit, SIGKILL one second later if the script catches it.
    setup.cpu = rlimit{rlim_t(m_limits.cpuSeconds()), rlim_t(m_limits.cpuSeconds() + 1)};
    setup.addressSpace = limitOf(m_limits.memoryBytes);
    setup.fileSize = limitOf(m_limits.maxFileBytes);
    setup.openFiles = limitOf(m_limits.maxOpenFiles);
    setup.processes = limitOf(m_limits.maxProcesses);
    setup.dropPrivileges = ::geteuid() == 0;
    setup.limitProcesses = m_limits.perRunUids || cgroup.isEmpty();
    setup.cgroupProcs[0] = '\0';
    if (!cgroup.isEmpty()) {
        const QByteArray path = QFile::encodeName(cgroup + QStringLiteral("/cgroup.procs"));
        // A path that does not fit fails the run (the child cannot open the cut one), closed.
        qstrncpy(setup.cgroupProcs, path.constData(), sizeof(setup.cgroupProcs));
    }
    setup.uid = uid.value_or(m_limits.sandboxUid);
    setup.gid = uid.value_or(m_limits.sandboxUid);
    process.setChildProcessModifier([setup] { applyChildSetup(setup); });
}

bool ScriptSandbox::killSandboxed(qint64 pid) const
{
    if (pid <= 0)
        return false;
    if (m_limits.unsafeNoSandbox) {
        // No pid namespace: the group is all there is (a script that calls setsid() escapes it;
        // that is why this mode is for development only).
        killGroup(pid);
        return true;
    }
    bool signalled = false;
    const QList<qint64> children = childrenOf(pid);
    for (qint64 child : children)
        signalled = killChildOf(pid, child) || signalled;
    return signalled;
}

void ScriptSandbox::killGroup(qint64 pid)
{
    // The caller guarantees pid is an unreaped child, so its group id cannot have been recycled.
    if (pid > 0)
        ::kill(-pid_t(pid), SIGKILL);
}

} // namespace depot
