#include "endpoints/scripts/ScriptSandbox.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>

#include <cerrno>
#include <climits>
#include <csignal>
#include <cstddef>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
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

// Python source shared by the bootstrap and the zygote: _depot_run() reads the frame (magic,
// script length, variables length as 32-bit little-endian numbers, the script, NUL-separated
// NAME=value variables) straight from descriptor 0 (so the body behind it stays unread for the
// script), sets the variables, runs the script as __main__ in a clean module namespace and ends
// the process. A broken frame exits like a failed sandbox set-up. It uses the built-in `posix`
// module, which Python has loaded already, not `os` (importing os costs ~1 ms of CPU per run
// here, paid only by scripts that import it themselves): a variable set in posix.environ (the
// dict os.environ wraps when imported) and with putenv is what os.environb[name] = value sets,
// for the script and for the processes it starts.
//
// The end is what Py_FinalizeEx does that a script can see, without the rest of it (~1 ms of
// CPU per run): an uncaught exception goes through sys.excepthook (exit status 1), SystemExit's
// code becomes the status as Python maps it (None: 0, an int: itself, anything else: printed to
// stderr, 1), non-daemon threads are waited for, atexit callbacks run, stdout and stderr are
// flushed (120 if stdout cannot be), then posix._exit.
constexpr char kRunSource[] = R"PY(def _depot_run():
    import builtins, posix, sys  # locals: the module namespace is emptied for the script
    own_code = sys._getframe().f_code
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
    main = sys.modules["__main__"].__dict__
    main.clear()
    main.update(__name__="__main__", __file__=path, __builtins__=builtins, __doc__=None,
                __loader__=None, __spec__=None, __package__=None, __cached__=None)
    sys.argv[:] = [path]
    status = 0
    def uncaught(error):
        # As Python reports it: through sys.excepthook, without this function's own frame.
        tb = error.__traceback__
        if tb is not None and tb.tb_frame.f_code is own_code:
            tb = tb.tb_next
            error.__traceback__ = tb  # what Python's excepthook prints
        try:
            sys.excepthook(type(error), error, tb)
        except BaseException:
            posix.write(2, b"Error in sys.excepthook\n")
    def exit_status(error):
        code = error.code
        if code is None:
            return 0
        if isinstance(code, int):
            return code & 0xff
        try:
            print(code, file=sys.stderr)
        except BaseException:
            posix.write(2, str(code).encode(errors="replace") + b"\n")
        return 1
    try:
        exec(compile(source, path, "exec"), main)
    except SystemExit as error:
        status = exit_status(error)
    except BaseException as error:
        uncaught(error)
        status = 1
    threading = sys.modules.get("threading")
    if threading is not None:
        try:
            threading._shutdown()
        except SystemExit as error:
            status = exit_status(error)
        except BaseException as error:
            uncaught(error)
    import atexit
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except BaseException:
            if stream is sys.stdout:
                status = 120
    posix._exit(status)
)PY";

// Runs as `python3 -I -S -B -u -c`, as the sandbox's pid 1, before the request is known: the
// classic sandbox, which serves one run.
constexpr char kBootstrapCall[] = "_depot_run()\n";

// Runs as `python3 -I -S -B -u -c <source> CONTROL TMP_BYTES CPU_SOFT CPU_HARD SYS_CLONE
// SYS_CAPSET`, as pid 1 of a bubblewrap sandbox that has CAP_SYS_ADMIN, CAP_SETPCAP and
// CAP_NET_ADMIN in its own user namespace, and serves one run after the other: it receives on the
// control socket CONTROL a command with the run's stdin, stdout and stderr (SCM_RIGHTS) and never
// reads anything of the request itself. Each run is a clone() into new mount, pid, network, IPC and
// UTS namespaces (one process, pid 1 of its own pid namespace) that puts the run's descriptors
// on 0, 1 and 2 and closes every other one, mounts a fresh /tmp (sized) and /proc, brings the
// loopback interface of its network namespace up, sets the
// run's CPU limit (its CPU time starts at 0), drops every capability (bounding set, effective,
// permitted, inheritable, ambient), keeps no_new_privs and then runs _depot_run(). It answers
// b"S" + pid when the run is started, b"F" + errno if the clone failed, b"E" + wait status
// when the run has ended (every process of it: its pid namespace is gone), then takes the next
// command; it exits when the server closes the control socket. Nothing a run starts outlives
// it, and nothing of one run is in the zygote, which the next run is cloned from.
constexpr char kZygoteSource[] = R"PY(def _depot_zygote():
    import _socket, ctypes, posix, resource, sys  # not socket: 1 MB more to copy per run
    control, tmp_bytes, cpu_soft, cpu_hard, sys_clone, sys_capset = map(int, sys.argv[1:7])
    del sys.argv[1:]
    control = _socket.socket(fileno=control)
    fds_space = _socket.CMSG_SPACE(3 * 4)
    libc = ctypes.CDLL(None, use_errno=True)
    syscall = libc.syscall
    syscall.restype = ctypes.c_long
    mount = libc.mount
    mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong,
                      ctypes.c_char_p]
    prctl = libc.prctl
    prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong,
                      ctypes.c_ulong]
    before_fork = ctypes.pythonapi.PyOS_BeforeFork
    after_fork_parent = ctypes.pythonapi.PyOS_AfterFork_Parent
    after_fork_child = ctypes.pythonapi.PyOS_AfterFork_Child
    with open("/proc/sys/kernel/cap_last_cap") as f:
        last_cap = int(f.read())
    cap_header = (ctypes.c_uint32 * 2)(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3
    cap_none = (ctypes.c_uint32 * 6)()
    long = ctypes.c_long
    # CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWPID | CLONE_NEWNET | SIGCHLD
    clone_flags = 0x20000 | 0x4000000 | 0x8000000 | 0x20000000 | 0x40000000 | 17
    MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
    MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
    tmp_options = b"mode=0755,size=%d" % tmp_bytes
    ioctl = libc.ioctl
    ioctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_char_p]
    lo_up = ctypes.create_string_buffer(b"lo", 40)  # struct ifreq: name, then the flags
    lo_up[16:18] = (1 | 0x40).to_bytes(2, "little")  # IFF_UP | IFF_RUNNING

    def fail(what):
        posix.write(2, b"depot-sandbox: %s: %s\n" % (what, posix.strerror(ctypes.get_errno()).encode()))
        posix._exit(125)

    def child(fds):
        after_fork_child()
        for target, fd in enumerate(fds):
            posix.dup2(fd, target)
        posix.closerange(3, 1 << 20)  # the control socket and anything else
        if mount(None, b"/", None, MS_REC | MS_PRIVATE, None):
            fail(b"private mounts")
        if mount(b"tmpfs", b"/tmp", b"tmpfs", MS_NOSUID | MS_NODEV, tmp_options):
            fail(b"mount /tmp")
        if mount(b"proc", b"/proc", b"proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, None):
            fail(b"mount /proc")
        # The loopback interface up (the kernel gives it 127.0.0.1 and ::1), as bubblewrap does.
        s = _socket.socket(_socket.AF_INET, _socket.SOCK_DGRAM)
        if ioctl(s.fileno(), 0x8914, lo_up):  # SIOCSIFFLAGS
            fail(b"loopback")
        s.close()
        # What bubblewrap's --proc covers: read-only where it would be writable.
        for sub in (b"/proc/sys", b"/proc/sysrq-trigger", b"/proc/irq", b"/proc/bus"):
            if posix.access(sub, posix.W_OK):
                if (mount(sub, sub, None, MS_BIND | MS_REC, None) or
                        mount(None, sub, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID |
                              MS_NODEV, None)):
                    fail(b"cover " + sub)
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_soft, cpu_hard))
        for cap in range(last_cap + 1):
            if prctl(24, cap, 0, 0, 0):  # PR_CAPBSET_DROP
                fail(b"drop the capability bounding set")
        if syscall(long(sys_capset), cap_header, cap_none):
            fail(b"capset")
        if prctl(47, 4, 0, 0, 0) or prctl(38, 1, 0, 0, 0):  # ambient clear all, no_new_privs
            fail(b"prctl")
        posix.chdir("/tmp")
        _depot_run()

    # What is here now stays out of the collector's way: a run's collections do not touch (and
    # so do not copy) the zygote's objects.
    import gc
    gc.collect()
    gc.freeze()
    while True:
        message, ancillary, message_flags, _ = control.recvmsg(16, fds_space)
        if not message:
            posix._exit(0)
        fds = []
        for level, kind, data in ancillary:
            if level == _socket.SOL_SOCKET and kind == _socket.SCM_RIGHTS:
                fds += [int.from_bytes(data[i:i + 4], sys.byteorder, signed=True)
                        for i in range(0, len(data) - 3, 4)]
        if message != b"R" or len(fds) != 3 or message_flags & _socket.MSG_CTRUNC:
            posix.write(2, b"depot-sandbox: bad command\n")
            posix._exit(2)
        before_fork()
        pid = syscall(long(sys_clone), long(clone_flags), long(0), long(0), long(0), long(0))
        if pid == 0:
            try:
                child(fds)
            except BaseException as error:
                posix.write(2, b"depot-sandbox: %r\n" % error)
            posix._exit(125)
        error = ctypes.get_errno()
        after_fork_parent()
        for fd in fds:
            posix.close(fd)
        if pid < 0:
            control.sendall(b"F" + error.to_bytes(4, "little"))
            continue
        control.sendall(b"S" + pid.to_bytes(4, "little"))
        status = posix.waitpid(pid, 0)[1]
        try:
            while posix.waitpid(-1, posix.WNOHANG)[0] > 0:
                pass
        except ChildProcessError:
            pass
        control.sendall(b"E" + status.to_bytes(4, "little"))
_depot_zygote()
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
    // Descriptors that must reach bwrap (the seccomp program, a zygote's control socket), -1 none.
    int keepOpen[2];
};

// The zygote's own CPU limit (a run's is set in the run): it only clones and waits.
constexpr int kZygoteCpuSeconds = 600;

// The seccomp filter every sandbox gets (bwrap --seccomp): keyctl, add_key and request_key fail
// with EPERM. The kernel's keyrings are per user (namespace): runs that share a uid would share
// the user keyring, and runs of one zygote share bwrap's user namespace. Other architectures'
// system calls (i386 through int 0x80) kill the process; x32 calls are checked by their number.
QByteArray seccompProgram()
{
#if defined(__x86_64__)
    constexpr quint32 arch = AUDIT_ARCH_X86_64;
#elif defined(__aarch64__)
    constexpr quint32 arch = AUDIT_ARCH_AARCH64;
#else
#error "the seccomp filter needs this architecture's AUDIT_ARCH"
#endif
    constexpr quint32 x32Bit = 0x40000000;
    const sock_filter program[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, arch)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, arch, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)),
        BPF_STMT(BPF_ALU | BPF_AND | BPF_K, ~x32Bit),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_keyctl, 3, 0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_add_key, 2, 0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_request_key, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA)),
    };
    return QByteArray(reinterpret_cast<const char *>(program), sizeof(program));
}

// A descriptor the child inherits (CLOEXEC in this process, cleared in the child): closed when
// the QProcess drops its child modifier (ScriptSandbox::start).
struct InheritedFd
{
    explicit InheritedFd(int fd) : fd(fd) {}
    ~InheritedFd()
    {
        if (fd >= 0)
            ::close(fd);
    }
    InheritedFd(const InheritedFd &) = delete;
    InheritedFd &operator=(const InheritedFd &) = delete;
    int fd;
};

// A memfd holding the seccomp program, read by bwrap from its start (one per process: the file
// offset is shared), or -1.
int seccompFd()
{
    static const QByteArray program = seccompProgram();
    const int fd = int(::syscall(SYS_memfd_create, "depot-seccomp", MFD_CLOEXEC));
    if (fd < 0)
        return -1;
    if (::write(fd, program.constData(), size_t(program.size())) != program.size() ||
        ::lseek(fd, 0, SEEK_SET) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

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

    // Only stdio (and what bwrap is given on purpose) reaches bwrap, whatever the server forgot
    // to mark CLOEXEC.
    markCloseOnExec(3, ~0U);
    for (int fd : setup.keepOpen) {
        if (fd >= 0 && ::fcntl(fd, F_SETFD, 0) != 0)
            failChild("cannot pass a descriptor to bwrap\n");
    }

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

QStringList ScriptSandbox::pythonArguments(int zygoteControl) const
{
    const QStringList flags = {QStringLiteral("-I"), QStringLiteral("-S"), QStringLiteral("-B"),
                               QStringLiteral("-u"), QStringLiteral("-c")};
    if (zygoteControl < 0)
        return flags + QStringList{QLatin1String(kRunSource) + QLatin1String(kBootstrapCall)};
    return flags + QStringList{QLatin1String(kRunSource) + QLatin1String(kZygoteSource),
                               QString::number(zygoteControl),
                               QString::number(m_limits.tmpBytes),
                               QString::number(m_limits.cpuSeconds()),
                               QString::number(m_limits.cpuSeconds() + 1),
                               QString::number(SYS_clone),
                               QString::number(SYS_capset)};
}

QStringList ScriptSandbox::bwrapArguments(int seccomp, int zygoteControl) const
{
    // The command line of docs/SECURITY.md, with two changes:
    // - --as-pid-1: without it bwrap's own init stays pid 1 and outlives the monitoring bwrap,
    //   which exits without reaping it, so every run left a zombie behind where init does not reap;
    // - no --clearenv/--setenv: QProcess passes an environment built from scratch instead, so
    //   query strings and cookies do not show in every local user's `ps`;
    // - --seccomp: no kernel keyrings (seccompProgram);
    // - a zygote keeps CAP_SYS_ADMIN, CAP_SETPCAP and CAP_NET_ADMIN in bwrap's user namespace
    //   (none outside it) to build each run's namespaces, bring its loopback interface up and
    //   drop every capability in the run.
    const QStringList capabilities =
        zygoteControl < 0
            ? QStringList{QStringLiteral("--cap-drop"), QStringLiteral("ALL")}
            : QStringList{QStringLiteral("--cap-drop"), QStringLiteral("ALL"),
                          QStringLiteral("--cap-add"),  QStringLiteral("CAP_SYS_ADMIN"),
                          QStringLiteral("--cap-add"),  QStringLiteral("CAP_SETPCAP"),
                          QStringLiteral("--cap-add"),  QStringLiteral("CAP_NET_ADMIN")};
    return QStringList{QStringLiteral("--unshare-all"),
                       QStringLiteral("--unshare-user"),
                       QStringLiteral("--disable-userns"),
                       QStringLiteral("--uid"),
                       QStringLiteral("65534"),
                       QStringLiteral("--gid"),
                       QStringLiteral("65534"),
                       QStringLiteral("--die-with-parent"),
                       QStringLiteral("--new-session")} +
           capabilities +
           QStringList{
               QStringLiteral("--seccomp"), QString::number(seccomp), QStringLiteral("--as-pid-1"),
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
           pythonArguments(zygoteControl);
}

void ScriptSandbox::prepare(QProcess &process, std::optional<uint> uid, const QString &cgroup) const
{
    prepareProcess(process, uid, cgroup, -1);
}

void ScriptSandbox::prepareZygote(QProcess &process, int control, std::optional<uint> uid,
                                  const QString &cgroup) const
{
    Q_ASSERT(!m_limits.unsafeNoSandbox);
    // Its stdio stays QProcess's pipes, though it reads and writes nothing there but why it
    // failed: Python makes sys.stdin and sys.stdout once, in the zygote, and what they remember
    // of their descriptor (seekable or not) must be true of a run's pipes too.
    prepareProcess(process, uid, cgroup, control);
}

void ScriptSandbox::start(QProcess &process)
{
    process.start();
    // Closes this process's copies of the descriptors the child inherited (InheritedFd).
    process.setChildProcessModifier({});
}

void ScriptSandbox::prepareProcess(QProcess &process, std::optional<uint> uid,
                                   const QString &cgroup, int zygoteControl) const
{
    const auto control = std::make_shared<InheritedFd>(zygoteControl);
    const auto seccomp = std::make_shared<InheritedFd>(-1);
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin:/bin"));
    environment.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    if (m_limits.unsafeNoSandbox) {
        environment.insert(QStringLiteral("HOME"), QDir::tempPath());
        process.setProgram(m_limits.python);
        process.setArguments(pythonArguments(-1));
        process.setWorkingDirectory(QDir::tempPath());
    } else {
        environment.insert(QStringLiteral("HOME"), QStringLiteral("/tmp"));
        seccomp->fd = seccompFd(); // -1 fails in bwrap: closed
        process.setProgram(m_limits.bwrap);
        process.setArguments(bwrapArguments(seccomp->fd, zygoteControl));
        // Not the server's own directory, which the sandbox uid may not be allowed to enter.
        process.setWorkingDirectory(QStringLiteral("/"));
    }
    process.setProcessEnvironment(environment);

    ChildSetup setup;
    // SIGXCPU at the soft limit, SIGKILL one second later if the script catches it.
    setup.cpu = rlimit{rlim_t(m_limits.cpuSeconds()), rlim_t(m_limits.cpuSeconds() + 1)};
    if (zygoteControl >= 0) // each run sets its own, from 0
        setup.cpu = rlimit{rlim_t(kZygoteCpuSeconds), rlim_t(kZygoteCpuSeconds)};
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
    setup.keepOpen[0] = seccomp->fd;
    setup.keepOpen[1] = control->fd;
    process.setChildProcessModifier([setup, control, seccomp] { applyChildSetup(setup); });
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

void ScriptSandbox::killAndWait(QProcess &process, int waitMs) const
{
    const qint64 pid = process.processId();
    if (process.state() == QProcess::NotRunning)
        return;
    // Not QProcess's own kill(), which would orphan bwrap's child (see killSandboxed).
    if (!killSandboxed(pid) || !process.waitForFinished(waitMs))
        killGroup(pid);
    process.waitForFinished(waitMs);
}

void ScriptSandbox::killGroup(qint64 pid)
{
    // The caller guarantees pid is an unreaped child, so its group id cannot have been recycled.
    if (pid > 0)
        ::kill(-pid_t(pid), SIGKILL);
}

} // namespace depot
