#pragma once

#include "endpoints/scripts/ScriptSandbox.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QProcess>
#include <QString>

#include <optional>

QT_BEGIN_NAMESPACE
class QSocketNotifier;
QT_END_NAMESPACE

namespace depot {

// One zygote sandbox (ScriptSandbox::prepareZygote): bubblewrap running a Python that clones
// each run into fresh namespaces of its own (docs/SECURITY.md, "Users' scripts"). It holds one
// uid and one pids cgroup for its whole life and serves one run at a time: run() creates the
// run's pipes here, hands the child ends to the zygote over the control socket (SCM_RIGHTS)
// and closes them here, writes the run's input with back-pressure and reads stdout and stderr
// as they come. No process is forked here per run. Owned and driven by ScriptRunner, on its
// thread.
class ScriptZygote : public QObject
{
    Q_OBJECT

public:
    ScriptZygote(const ScriptSandbox &sandbox, std::optional<uint> uid, const QString &cgroup,
                 QObject *parent = nullptr);
    // Kills the sandbox if it still runs and waits for it (briefly).
    ~ScriptZygote() override;

    // Starts bwrap; false if it could not be (see process()->errorString()).
    bool start();
    QProcess *process() const { return m_process; }
    qint64 pid() const { return m_pid; }
    bool isRunning() const;
    bool isBusy() const { return m_busy; }
    int runs() const { return m_runs; }
    qint64 idleMs() const { return m_idle.elapsed(); }
    const std::optional<uint> &uid() const { return m_uid; }
    const QString &cgroup() const { return m_cgroup; }

    // Starts one run, whose stdin gives `input` (the frame and the body) and then EOF. False if
    // it cannot be handed over (`error` says why): the zygote is then of no further use.
    bool run(const QByteArray &input, QString *error);
    // Output read so far, handed over once.
    QByteArray takeOutput();
    QByteArray takeErrorOutput();
    // Ends it once it is idle: it exits when its control socket closes.
    void retire();

    // The blocking self-test of the zygote path (ScriptRunner::selfTest): runs `input` in a new
    // zygote and returns its wait status, stdout and stderr, or the reason it did not run.
    struct TestRun
    {
        std::optional<int> waitStatus;
        QByteArray output;
        QByteArray errorOutput;
        QString problem;
    };
    static TestRun runOnce(const ScriptSandbox &sandbox, const QString &cgroup,
                           const QByteArray &input, int timeoutMs);

signals:
    void outputReady();
    void errorOutputReady();
    // The run has ended, every process of it gone; its stdout and stderr are read to the end.
    void runEnded(int waitStatus);
    // The zygote could not clone the run (errno).
    void runFailed(int error);
    // The sandbox process ended (retired, killed or died).
    void finished(int exitCode, QProcess::ExitStatus status);

private:
    void readControl();
    void writeInput();
    bool readPipe(int &fd, QSocketNotifier *&notifier, QByteArray &into);
    void closeRunPipes();
    void closeControl();

    QProcess *m_process = nullptr;
    const ScriptSandbox m_sandbox;
    std::optional<uint> m_uid;
    QString m_cgroup;
    qint64 m_pid = 0;
    int m_control = -1;
    QSocketNotifier *m_controlNotifier = nullptr;
    QByteArray m_controlBuffer;
    bool m_busy = false;
    int m_runs = 0;
    QElapsedTimer m_idle;

    // The current run's ends of its pipes, -1 when closed.
    int m_input = -1;
    int m_output = -1;
    int m_errorOutput = -1;
    QSocketNotifier *m_inputNotifier = nullptr;
    QSocketNotifier *m_outputNotifier = nullptr;
    QSocketNotifier *m_errorNotifier = nullptr;
    QByteArray m_pending;
    qsizetype m_written = 0;
    QByteArray m_outputData;
    QByteArray m_errorData;
};

} // namespace depot
