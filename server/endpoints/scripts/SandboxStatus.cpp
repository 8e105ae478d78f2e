#include "endpoints/scripts/SandboxStatus.h"
#include "config/Log.h"

#include "endpoints/scripts/ScriptRunner.h"

#include <QDebug>

#include <QTimer>
#include <QtConcurrent>
#include <algorithm>

namespace depot {

SandboxStatus::SandboxStatus(const ScriptsConfig &config, QObject *parent)
    : QObject(parent), m_limits(config), m_uidInUse(size_t(qMax(1, config.uidCount)), false)
{
    m_retry = new QTimer(this);
    m_retry->setSingleShot(true);
    connect(m_retry, &QTimer::timeout, this, &SandboxStatus::recheck);
}

SandboxStatus::~SandboxStatus()
{
    m_check.waitForFinished();
}

QString SandboxStatus::problem() const
{
    QMutexLocker lock(&m_mutex);
    return m_problem;
}

void SandboxStatus::setProblem(const QString &problem)
{
    QString before;
    {
        QMutexLocker lock(&m_mutex);
        before = m_problem;
        m_problem = problem;
    }
    if (problem.isEmpty())
        QMetaObject::invokeMethod(
            this, [this] { m_retryDelayMs = 0; }, Qt::QueuedConnection);
    if (before == problem)
        return;
    if (problem.isEmpty())
        qCInfo(lcEndpoints).noquote() << tr("script sandbox works again");
    else
        qCWarning(lcEndpoints).noquote()
            << tr("script sandbox unavailable, script endpoints answer 503: %1").arg(problem);
}

QString SandboxStatus::runSelfTest()
{
    // The self-test runs as one of the range's uids, like a real run.
    const auto uid = acquireUid();
    if (!uid)
        return {}; // every uid is running a script: the sandbox evidently starts
    ScriptsConfig limits = m_limits;
    limits.sandboxUid = *uid;
    const QString problem = ScriptRunner::selfTest(limits);
    releaseUid(*uid);
    return problem;
}

QString SandboxStatus::checkNow()
{
    const QString found = runSelfTest();
    setProblem(found);
    if (!found.isEmpty())
        scheduleRetry();
    return found;
}

void SandboxStatus::recheck()
{
    {
        QMutexLocker lock(&m_mutex);
        if (m_checking)
            return;
        m_checking = true;
    }
    // Off every event loop: the self-test waits for a process. The pool thread lives until the
    // test finished, which --die-with-parent needs.
    m_check = QtConcurrent::run([this] {
        const QString found = runSelfTest();
        setProblem(found);
        {
            QMutexLocker lock(&m_mutex);
            m_checking = false;
        }
        if (!found.isEmpty())
            QMetaObject::invokeMethod(this, &SandboxStatus::scheduleRetry, Qt::QueuedConnection);
    });
}

void SandboxStatus::scheduleRetry()
{
    // Soon at first (a passing failure, e.g. a moment without free processes, should not keep
    // scripts at 503 for long), then less and less often, up to the configured interval.
    if (m_retry->isActive())
        return;
    m_retryDelayMs = m_retryDelayMs == 0 ? qMin(500, m_limits.recheckMs)
                                         : qMin(m_retryDelayMs * 2, m_limits.recheckMs);
    m_retry->start(m_retryDelayMs);
}

std::optional<uint> SandboxStatus::acquireUid(int keepFree)
{
    QMutexLocker lock(&m_mutex);
    if (keepFree > 0 &&
        std::count(m_uidInUse.begin(), m_uidInUse.end(), false) <= std::ptrdiff_t(keepFree))
        return std::nullopt;
    for (size_t i = 0; i < m_uidInUse.size(); ++i) {
        if (!m_uidInUse[i]) {
            m_uidInUse[i] = true;
            return m_limits.sandboxUid + uint(i);
        }
    }
    return std::nullopt;
}

void SandboxStatus::releaseUid(uint uid)
{
    QMutexLocker lock(&m_mutex);
    const size_t i = uid - m_limits.sandboxUid;
    if (uid >= m_limits.sandboxUid && i < m_uidInUse.size())
        m_uidInUse[i] = false;
}

} // namespace depot
