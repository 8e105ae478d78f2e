#!/usr/bin/python3
"""Where the CPU time of one sandboxed script run goes, piece by piece (issue 11).

Runs each command line N times one after another and prints the CPU time (user + system of the
process and everything it waited for) per run. Run as root on an otherwise quiet machine:

    bench/sandbox-costs.py [N]

Rows: a bare exec, Python with the server's flags, bwrap with the server's command line (as
ScriptSandbox::bwrapArguments builds it) and without one piece at a time, a whole run (bwrap,
Python, the bootstrap, a hello script), "zygote": the server's zygote path (--script-zygote,
the default): bwrap and the zygote program of ScriptSandbox.cpp started once, then each run
handed to it as the server does (three pipes over the control socket) and cloned by it into
fresh namespaces; the CPU is the zygote's and its runs' (the driving side, the server's part, is
not in it), and "zygote probe": what a run would cost if a
pre-initialised Python cloned each run into fresh mount, pid, net, ipc, uts and cgroup namespaces and
built its sandbox itself (a tmpfs root with /usr read-only, /proc, a minimal /dev, a sized /tmp,
pivot_root, the run's own uid, then a user namespace mapping it to 65534). The probe is a
measurement only: it is not what the server runs, and it lacks parts of bwrap's set-up (capability
bounding set, --disable-userns, PR_SET_NO_NEW_PRIVS, rlimits, die-with-parent). The kernel's
deferred clean-up of each network namespace (a kworker, ~0.6 ms here) is in no row.
"""
import ctypes
import os
import re
import resource
import signal
import socket
import struct
import subprocess
import sys
import time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 100
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PY = "/usr/bin/python3"
PY_FLAGS = ["-I", "-S", "-B", "-u"]

SOURCE = open(os.path.join(ROOT, "server/endpoints/scripts/ScriptSandbox.cpp")).read()
RUN = re.search(r'kRunSource\[\] = R"PY\((.*?)\)PY"', SOURCE, re.S).group(1)
ZYGOTE = re.search(r'kZygoteSource\[\] = R"PY\((.*?)\)PY"', SOURCE, re.S).group(1)
BOOT = RUN + "_depot_run()\n"
HELLO = (b'import os\nprint("Content-Type: text/plain")\nprint()\n'
         b'print("hello", os.environ.get("QUERY_STRING", ""))\n')
VARS = b"QUERY_STRING=a=1\0REQUEST_METHOD=GET\0"
FRAME = (b"DPT1" + len(HELLO).to_bytes(4, "little") + len(VARS).to_bytes(4, "little") + HELLO +
         VARS)

BWRAP = ["bwrap", "--unshare-all", "--unshare-user", "--disable-userns", "--uid", "65534",
         "--gid", "65534", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
         "--as-pid-1", "--ro-bind", "/usr", "/usr", "--symlink", "usr/lib", "/lib", "--symlink",
         "usr/lib64", "/lib64", "--symlink", "usr/bin", "/bin", "--proc", "/proc", "--dev", "/dev",
         "--size", "16777216", "--tmpfs", "/tmp", "--remount-ro", "/dev", "--remount-ro", "/",
         "--chdir", "/tmp"]


def seccomp_program():
    """ScriptSandbox.cpp's seccompProgram() (x86_64): keyctl, add_key, request_key -> EPERM."""
    ins = [(0x20, 0, 0, 4), (0x15, 1, 0, 0xC000003E), (0x06, 0, 0, 0x80000000), (0x20, 0, 0, 0),
           (0x54, 0, 0, 0xBFFFFFFF), (0x15, 3, 0, 250), (0x15, 2, 0, 248), (0x15, 1, 0, 249),
           (0x06, 0, 0, 0x7FFF0000), (0x06, 0, 0, 0x00050001)]
    return b"".join(struct.pack("HBBI", *i) for i in ins)


def measure_zygote():
    """The zygote path: one bwrap + zygote, N runs through its control socket."""
    ours, theirs = socket.socketpair()
    seccomp = os.memfd_create("seccomp")
    os.write(seccomp, seccomp_program())
    os.lseek(seccomp, 0, 0)
    i = BWRAP.index("--cap-drop")
    command = (BWRAP[:i + 2] + ["--cap-add", "CAP_SYS_ADMIN", "--cap-add", "CAP_SETPCAP",
                                "--cap-add", "CAP_NET_ADMIN", "--seccomp", str(seccomp)] +
               BWRAP[i + 2:] + [PY, *PY_FLAGS, "-c", RUN + ZYGOTE, str(theirs.fileno()),
                                "16777216", "5", "6", "56", "126"])
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    # As the server starts it when root: as a sandbox uid (bwrap run by root itself is
    # privileged, and its sandbox cannot mount a proc of its own).
    zygote = subprocess.Popen(command, pass_fds=[theirs.fileno(), seccomp],
                              stdin=subprocess.DEVNULL, cwd="/", user=1000000100,
                              group=1000000100, extra_groups=[])
    theirs.close()
    os.close(seccomp)
    started = None
    for n in range(N + 1):  # the first run includes the zygote's start
        if n == 1:
            started = time.monotonic()
        stdin_r, stdin_w = os.pipe()
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        socket.send_fds(ours, [b"R"], [stdin_r, out_w, err_w])
        for fd in (stdin_r, out_w, err_w):
            os.close(fd)
        os.write(stdin_w, FRAME)
        os.close(stdin_w)
        messages = b""
        while len(messages) < 10:
            messages += ours.recv(10 - len(messages))
        output = os.read(out_r, 65536)
        errors = os.read(err_r, 65536)
        os.close(out_r)
        os.close(err_r)
        if messages[5:] != b"E\0\0\0\0" or b"hello" not in output:
            sys.exit(f"zygote run failed: {messages!r} {output!r} {errors!r}")
    wall = time.monotonic() - started
    ours.close()
    zygote.wait()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000 / N
    print(f"| zygote (the server's default): bwrap + zygote started once, then {N} runs of the "
          f"hello script, each cloned into fresh namespaces (incl. the start, /{N}) "
          f"| {cpu:.2f} | {wall * 1000 / N:.2f} |", flush=True)


def without(args, *pieces):
    """args without each piece (a list of consecutive arguments)."""
    args = list(args)
    for piece in pieces:
        for i in range(len(args) - len(piece) + 1):
            if args[i:i + len(piece)] == list(piece):
                del args[i:i + len(piece)]
                break
    return args


def measure(label, command, stdin=b""):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    for _ in range(N):
        subprocess.run(command, input=stdin, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=True)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000 / N
    print(f"| {label} | {cpu:.2f} | {wall * 1000 / N:.2f} |", flush=True)
    return cpu


# --- the zygote probe
libc = ctypes.CDLL(None, use_errno=True)
CLONE_NEWNS, CLONE_NEWCGROUP, CLONE_NEWUTS, CLONE_NEWIPC = 0x20000, 0x2000000, 0x4000000, 0x8000000
CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x10000000, 0x20000000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
SYS_PIVOT_ROOT, SYS_CLONE = 155, 56


def check(result, what):
    if result != 0:
        os.write(2, f"{what}: {os.strerror(ctypes.get_errno())}\n".encode())
        os._exit(125)


def mount(source, target, fstype, flags, data=None):
    check(libc.mount(source and source.encode(), target.encode(), fstype and fstype.encode(),
                     flags, data and data.encode()), "mount " + target)


def probe_run(uid, script):
    """In a child made by clone() with new namespaces: pid 1 of its own pid namespace."""
    mount(None, "/", None, MS_REC | MS_PRIVATE)
    root = "/tmp"  # a tmpfs mounted over /tmp in this mount namespace only
    mount("tmpfs", root, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755,size=64k")
    for name in ("usr", "proc", "dev", "tmp", "old"):
        os.mkdir(f"{root}/{name}")
    for link, target in (("lib", "usr/lib"), ("lib64", "usr/lib64"), ("bin", "usr/bin")):
        os.symlink(target, f"{root}/{link}")
    mount("/usr", f"{root}/usr", None, MS_BIND | MS_REC)
    mount(None, f"{root}/usr", None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)
    mount("proc", f"{root}/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    mount("tmpfs", f"{root}/dev", "tmpfs", MS_NOSUID, "mode=0755,size=64k")
    for device in ("null", "zero", "urandom"):
        open(f"{root}/dev/{device}", "w").close()
        mount(f"/dev/{device}", f"{root}/dev/{device}", None, MS_BIND)
    os.mkdir(f"{root}/dev/shm")
    mount(None, f"{root}/dev", None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID)
    mount("tmpfs", f"{root}/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "size=16m")
    check(libc.syscall(SYS_PIVOT_ROOT, root.encode(), f"{root}/old".encode()), "pivot_root")
    os.chdir("/")
    check(libc.umount2(b"/old", 2), "umount")
    os.rmdir("/old")
    mount(None, "/", None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)
    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)
    libc.prctl(4, 1, 0, 0, 0)  # PR_SET_DUMPABLE, cleared by the uid change: /proc/self is ours
    check(libc.unshare(CLONE_NEWUSER), "unshare user")
    for name, text in (("setgroups", "deny"), ("uid_map", f"65534 {uid} 1"),
                       ("gid_map", f"65534 {uid} 1")):
        with open(f"/proc/self/{name}", "w") as f:
            f.write(text)
    os.setresgid(65534, 65534, 65534)
    os.setresuid(65534, 65534, 65534)
    os.chdir("/tmp")
    exec(compile(script, "/sandbox/script.py", "exec"), {"__name__": "__main__"})
    sys.stdout.flush()
    os._exit(0)


def measure_probe():
    null = os.open("/dev/null", os.O_WRONLY)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    own = resource.getrusage(resource.RUSAGE_SELF)
    start = time.monotonic()
    # clone() with the new namespaces, not fork() + unshare() + fork(): one process per run, pid 1
    # at once (one copy of the interpreter's page tables instead of two: ~4.7 ms -> ~3 ms here).
    # A raw clone skips CPython's after-fork hooks: fine for this single-threaded probe only.
    flags = (CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS |
             CLONE_NEWCGROUP | signal.SIGCHLD)
    for i in range(N):
        pid = libc.syscall(SYS_CLONE, flags, 0, 0, 0, 0)
        if pid < 0:
            sys.exit(f"clone: {os.strerror(ctypes.get_errno())}")
        if pid == 0:
            os.dup2(null, 1)
            try:
                probe_run(1000000100 + i % 8, HELLO)
            except BaseException as e:  # noqa: BLE001 - report and fail the child
                os.write(2, repr(e).encode() + b"\n")
                os._exit(126)
        status = os.waitpid(pid, 0)[1]
        if status:
            sys.exit(f"zygote probe failed: status {status}")
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    own_after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime +
           own_after.ru_utime - own.ru_utime + own_after.ru_stime - own.ru_stime) * 1000 / N
    print(f"| zygote probe: clone of a started Python, sandbox built in the child, hello script "
          f"| {cpu:.2f} | {wall * 1000 / N:.2f} |", flush=True)


if __name__ == "__main__":
    if os.geteuid() != 0:
        sys.exit("run as root (the probe and the per-run uid need it)")
    print(f"{N} runs each, load {open('/proc/loadavg').read().split()[0]}\n")
    print("| what | CPU ms per run | wall ms per run |\n|---|---|---|")
    measure("exec /usr/bin/true", ["/usr/bin/true"])
    measure("python3 -c pass", [PY, "-c", "pass"])
    measure("python3 -I -S -B -u -c pass (the server's flags)", [PY, *PY_FLAGS, "-c", "pass"])
    measure("python3 -I -S -B -u -c 'import os'", [PY, *PY_FLAGS, "-c", "import os"])
    full = BWRAP + ["/usr/bin/true"]
    measure("bwrap as the server runs it, /usr/bin/true", full)
    measure("  without a network namespace",
            ["bwrap", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup"] +
            without(full, ["bwrap", "--unshare-all"]))
    measure("  without --disable-userns", without(full, ["--disable-userns"]))
    measure("  without the two --remount-ro", without(full, ["--remount-ro", "/dev"],
                                                      ["--remount-ro", "/"]))
    i = full.index("--dev")
    measure("  with only /dev/null in /dev",
            without(full[:i] + ["--dir", "/dev", "--ro-bind", "/dev/null", "/dev/null"] +
                    full[i + 2:], ["--remount-ro", "/dev"]))
    measure("bwrap + python3 + bootstrap + hello script (one run's sandbox)",
            BWRAP + [PY, *PY_FLAGS, "-c", BOOT], FRAME)
    measure_zygote()
    measure_probe()
