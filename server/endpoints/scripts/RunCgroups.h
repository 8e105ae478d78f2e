#pragma once

#include <QCoreApplication>
#include <QString>

#include <atomic>
#include <memory>

namespace depot {

// A pids cgroup per script run (docs/SECURITY.md, "Script tenants"): each run's processes are
// counted and capped (pids.max) on their own, so a fork bomb exhausts its own run, not the
// processes of the service or of another tenant's run, also when every run has the same uid
// (a service that is not root cannot give runs uids of their own).
//
// Where the runs' cgroups are made:
// - cgroup v2 (systemd with Delegate=yes): the service's own cgroup is delegated to it. The
//   server moves itself into a leaf "<own>/server" (v2 allows processes only in leaves once
//   controllers are enabled), enables the pids controller for its children and makes each run
//   "<own>/run-<pid>-<n>";
// - cgroup v1 with a pids hierarchy this process may write (root, no systemd): the runs go to
//   "<pids>/<own>/depot-<pid>/run-<n>";
// - an explicit directory (--script-cgroup DIR): a v2 cgroup whose pids controller may be
//   enabled for its children, or a v1 pids cgroup.
// A run joins its cgroup in the child before bwrap is executed: nothing it starts escapes it.
class RunCgroups
{
    Q_DECLARE_TR_FUNCTIONS(depot::RunCgroups)

public:
    // setting: "off", "auto" or a directory. nullptr when off or, with "auto", when nothing
    // usable was found (`note` says why); with an explicit directory that cannot be used,
    // nullptr and `problem` says why.
    static std::unique_ptr<RunCgroups> open(const QString &setting, QString *problem,
                                            QString *note);
    ~RunCgroups();
    RunCgroups(const RunCgroups &) = delete;
    RunCgroups &operator=(const RunCgroups &) = delete;

    // "cgroup v2 /sys/fs/cgroup/system.slice/depot.service"
    QString description() const;

    // A new cgroup for one run whose processes may number at most maxProcesses: its
    // directory, or an empty string and `error`. Any thread.
    QString create(int maxProcesses, QString *error);
    // After a run: kills whatever is left in its cgroup and removes it. With an event loop on
    // this thread, a cgroup still busy is tried again a few times later; without one, waits
    // up to a second.
    void remove(const QString &dir) const;

private:
    RunCgroups(QString base, int version, bool ownsBase);

    QString m_base; // the runs' cgroups are made in here
    int m_version;  // 1 or 2
    bool m_ownsBase;
    std::atomic<quint64> m_next{0};
};

} // namespace depot
