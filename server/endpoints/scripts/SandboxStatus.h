#pragma once

#include "config/ServerConfig.h"

#include <QFuture>
#include <QMutex>
#include <QObject>
#include <QString>

#include <optional>
#include <vector>

class QTimer;

namespace depot {

// What the workers' script runners share about the sandbox, thread-safe, owned by ServerApp:
//
// - whether it works (the self-test's problem, empty when it does). A run that fails to set the
//   sandbox up re-checks it; while it is broken it is re-checked (after 0.5 s, then less often,
//   at most every `recheckMs`), so scripts
//   recover by themselves once the cause is gone, and /readyz reports scripts as degraded;
// - the uids of concurrent runs: each run gets its own uid from the configured range, so
//   RLIMIT_NPROC (counted per uid) confines one tenant's fork bomb to that tenant's own run.
//   See docs/SECURITY.md, "Script tenants".
class SandboxStatus : public QObject
{
    Q_OBJECT

public:
    // Uids config.sandboxUid .. + config.uidCount - 1 (switched to only when running as root),
    // re-checked every config.recheckMs while broken.
    explicit SandboxStatus(const ScriptsConfig &config, QObject *parent = nullptr);
    ~SandboxStatus() override;

    QString problem() const;
    void setProblem(const QString &problem);

    // Runs the self-test now, blocking (start-up); returns the problem found.
    QString checkNow();
    // Re-checks on the thread pool unless a check is running already. Any thread.
    void recheck();

    // A free uid for one run, or nullopt when every uid of the range is running a script (or,
    // with `keepFree`, when no more than that many would be left free).
    std::optional<uint> acquireUid(int keepFree = 0);
    void releaseUid(uint uid);

private:
    QString runSelfTest();
    void scheduleRetry();

    const ScriptsConfig m_limits;
    mutable QMutex m_mutex;
    QString m_problem;
    bool m_checking = false;
    std::vector<bool> m_uidInUse;
    QTimer *m_retry = nullptr;
    int m_retryDelayMs = 0; // main thread only
    QFuture<void> m_check;
};

} // namespace depot
