#include "endpoints/scripts/ScriptZygote.h"

#include <QDeadlineTimer>
#include <QSocketNotifier>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace depot {

namespace {

constexpr int kKillWaitMs = 1000;
constexpr qsizetype kReadChunk = 64 * 1024;

void closeFd(int &fd)
{
    if (fd >= 0)
        ::close(fd);
    fd = -1;
}

// Hands the run's three descriptors to the zygote: the command "R" with SCM_RIGHTS.
bool sendRun(int control, int input, int output, int errorOutput)
{
    const int fds[3] = {input, output, errorOutput};
    char command = 'R';
    iovec iov{&command, 1};
    alignas(cmsghdr) char space[CMSG_SPACE(sizeof(fds))] = {};
    msghdr message{};
    message.msg_iov = &iov;
    message.msg_iovlen = 1;
    message.msg_control = space;
    message.msg_controllen = sizeof(space);
    cmsghdr *header = CMSG_FIRSTHDR(&message);
    header->cmsg_level = SOL_SOCKET;
    header->cmsg_type = SCM_RIGHTS;
    header->cmsg_len = CMSG_LEN(sizeof(fds));
    std::memcpy(CMSG_DATA(header), fds, sizeof(fds));
    ssize_t sent;
    do {
        sent = ::sendmsg(control, &message, MSG_NOSIGNAL);
    } while (sent < 0 && errno == EINTR);
    return sent == 1;
}

// A run's three pipes: [0] its stdin (we write [1]), [1] its stdout, [2] its stderr (we read
// [0]). Ours are non-blocking; all are CLOEXEC (the zygote receives its ends).
struct RunPipes
{
    int fds[3][2] = {{-1, -1}, {-1, -1}, {-1, -1}};
    bool open(QString *error)
    {
        for (auto &pair : fds) {
            if (::pipe2(pair, O_CLOEXEC) != 0) {
                *error = QString::fromLocal8Bit(std::strerror(errno));
                return false;
            }
        }
        ::fcntl(fds[0][1], F_SETFL, O_NONBLOCK);
        ::fcntl(fds[1][0], F_SETFL, O_NONBLOCK);
        ::fcntl(fds[2][0], F_SETFL, O_NONBLOCK);
        return true;
    }
    void closeChildEnds()
    {
        closeFd(fds[0][0]);
        closeFd(fds[1][1]);
        closeFd(fds[2][1]);
    }
    ~RunPipes()
    {
        for (auto &pair : fds) {
            closeFd(pair[0]);
            closeFd(pair[1]);
        }
    }
};

// Complete messages of the zygote in buffer: ('S'|'F'|'E', 32-bit little-endian value).
bool nextMessage(QByteArray &buffer, char *kind, int *value)
{
    if (buffer.size() < 5)
        return false;
    *kind = buffer.at(0);
    const auto byte = [&](int i) { return quint32(quint8(buffer.at(i))); };
    *value = int(byte(1) | byte(2) << 8 | byte(3) << 16 | byte(4) << 24);
    buffer.remove(0, 5);
    return true;
}

} // namespace

ScriptZygote::ScriptZygote(const ScriptSandbox &sandbox, std::optional<uint> uid,
                           const QString &cgroup, QObject *parent)
    : QObject(parent), m_sandbox(sandbox), m_uid(uid), m_cgroup(cgroup)
{
    m_process = new QProcess(this);
    m_idle.start();
}

ScriptZygote::~ScriptZygote()
{
    closeRunPipes();
    closeFd(m_control);
    QObject::disconnect(m_process, nullptr, this, nullptr);
    m_sandbox.killAndWait(*m_process, kKillWaitMs);
}

bool ScriptZygote::start()
{
    int pair[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0)
        return false;
    m_control = pair[0];
    m_sandbox.prepareZygote(*m_process, pair[1], m_uid, m_cgroup);
    connect(m_process, &QProcess::finished, this,
            [this](int exitCode, QProcess::ExitStatus status) {
                closeControl();
                emit finished(exitCode, status);
            });
    ScriptSandbox::start(*m_process);
    if (m_process->state() == QProcess::NotRunning) {
        closeFd(m_control);
        return false;
    }
    m_pid = m_process->processId();
    ::fcntl(m_control, F_SETFL, O_NONBLOCK);
    m_controlNotifier = new QSocketNotifier(qintptr(m_control), QSocketNotifier::Read, this);
    connect(m_controlNotifier, &QSocketNotifier::activated, this, &ScriptZygote::readControl);
    return true;
}

bool ScriptZygote::isRunning() const
{
    return m_process->state() != QProcess::NotRunning && m_control >= 0;
}

bool ScriptZygote::run(const QByteArray &input, QString *error)
{
    Q_ASSERT(!m_busy);
    if (!isRunning()) {
        *error = tr("the sandbox has ended");
        return false;
    }
    RunPipes pipes;
    if (!pipes.open(error))
        return false;
    if (!sendRun(m_control, pipes.fds[0][0], pipes.fds[1][1], pipes.fds[2][1])) {
        *error = QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    // Only the zygote (then the run) holds the child ends now: EOF comes when the run ends.
    pipes.closeChildEnds();
    m_busy = true;
    ++m_runs;
    m_controlBuffer.clear();
    std::swap(m_input, pipes.fds[0][1]);
    std::swap(m_output, pipes.fds[1][0]);
    std::swap(m_errorOutput, pipes.fds[2][0]);
    m_outputNotifier = new QSocketNotifier(qintptr(m_output), QSocketNotifier::Read, this);
    connect(m_outputNotifier, &QSocketNotifier::activated, this, [this] {
        if (readPipe(m_output, m_outputNotifier, m_outputData))
            emit outputReady();
    });
    m_errorNotifier = new QSocketNotifier(qintptr(m_errorOutput), QSocketNotifier::Read, this);
    connect(m_errorNotifier, &QSocketNotifier::activated, this, [this] {
        if (readPipe(m_errorOutput, m_errorNotifier, m_errorData))
            emit errorOutputReady();
    });
    m_pending = input;
    m_written = 0;
    writeInput();
    return true;
}

void ScriptZygote::writeInput()
{
    while (m_input >= 0 && m_written < m_pending.size()) {
        const ssize_t n = ::write(m_input, m_pending.constData() + m_written,
                                  size_t(m_pending.size() - m_written));
        if (n > 0) {
            m_written += n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (!m_inputNotifier) {
                m_inputNotifier =
                    new QSocketNotifier(qintptr(m_input), QSocketNotifier::Write, this);
                connect(m_inputNotifier, &QSocketNotifier::activated, this,
                        &ScriptZygote::writeInput);
            }
            m_inputNotifier->setEnabled(true);
            return;
        }
        break; // EPIPE: the script does not read its stdin (any more)
    }
    // All written (or nobody reads): EOF for the script.
    if (m_inputNotifier) {
        m_inputNotifier->setEnabled(false);
        m_inputNotifier->deleteLater();
        m_inputNotifier = nullptr;
    }
    closeFd(m_input);
    m_pending.clear();
}

bool ScriptZygote::readPipe(int &fd, QSocketNotifier *&notifier, QByteArray &into)
{
    bool got = false;
    while (fd >= 0) {
        const qsizetype before = into.size();
        into.resize(before + kReadChunk);
        const ssize_t n = ::read(fd, into.data() + before, size_t(kReadChunk));
        into.resize(before + qMax<ssize_t>(n, 0));
        if (n > 0) {
            got = true;
            if (n < kReadChunk)
                break; // most likely empty now: the notifier says when there is more
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        // EOF (or an error): every writer is gone.
        notifier->setEnabled(false);
        notifier->deleteLater();
        notifier = nullptr;
        closeFd(fd);
    }
    return got;
}

QByteArray ScriptZygote::takeOutput()
{
    return std::exchange(m_outputData, {});
}

QByteArray ScriptZygote::takeErrorOutput()
{
    return std::exchange(m_errorData, {});
}

void ScriptZygote::closeRunPipes()
{
    for (QSocketNotifier *notifier : {m_inputNotifier, m_outputNotifier, m_errorNotifier}) {
        if (notifier) {
            notifier->setEnabled(false);
            notifier->deleteLater();
        }
    }
    m_inputNotifier = m_outputNotifier = m_errorNotifier = nullptr;
    closeFd(m_input);
    closeFd(m_output);
    closeFd(m_errorOutput);
    m_pending.clear();
}

void ScriptZygote::readControl()
{
    char chunk[64];
    for (;;) {
        const ssize_t n = ::recv(m_control, chunk, sizeof(chunk), 0);
        if (n > 0) {
            m_controlBuffer.append(chunk, n);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        // EOF: the zygote is gone; QProcess::finished follows.
        m_controlNotifier->setEnabled(false);
        break;
    }
    char kind = 0;
    int value = 0;
    while (nextMessage(m_controlBuffer, &kind, &value)) {
        if (kind == 'S')
            continue;
        if (!m_busy)
            continue; // nothing to report to
        if (kind == 'F') {
            m_busy = false;
            closeRunPipes();
            m_idle.start();
            emit runFailed(value);
        } else if (kind == 'E') {
            // Every writer of the pipes is gone with the run: read them to their end.
            m_busy = false;
            if (readPipe(m_output, m_outputNotifier, m_outputData))
                emit outputReady();
            if (readPipe(m_errorOutput, m_errorNotifier, m_errorData))
                emit errorOutputReady();
            closeRunPipes();
            m_idle.start();
            emit runEnded(value);
        }
    }
}

void ScriptZygote::retire()
{
    closeRunPipes();
    closeControl(); // EOF for the zygote, which exits
}

void ScriptZygote::closeControl()
{
    if (m_controlNotifier)
        m_controlNotifier->setEnabled(false);
    closeFd(m_control);
}

ScriptZygote::TestRun ScriptZygote::runOnce(const ScriptSandbox &sandbox, const QString &cgroup,
                                            const QByteArray &input, int timeoutMs)
{
    TestRun result;
    QProcess process;
    int pair[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) {
        result.problem = QString::fromLocal8Bit(std::strerror(errno));
        return result;
    }
    int control = pair[0];
    sandbox.prepareZygote(process, pair[1], std::nullopt, cgroup);
    ScriptSandbox::start(process);
    if (!process.waitForStarted()) {
        ::close(control);
        result.problem = tr("cannot start %1: %2").arg(process.program(), process.errorString());
        return result;
    }
    RunPipes pipes;
    QString error;
    QDeadlineTimer deadline(timeoutMs);
    // A zygote that cannot be given the run has ended: its stderr says why (below).
    const bool sent =
        pipes.open(&error) && sendRun(control, pipes.fds[0][0], pipes.fds[1][1], pipes.fds[2][1]);
    pipes.closeChildEnds();
    if (sent) {
        QByteArray messages;
        qsizetype written = 0;
        bool ended = false;
        while (!ended && !deadline.hasExpired()) {
            pollfd fds[4] = {{pipes.fds[1][0], POLLIN, 0},
                             {pipes.fds[2][0], POLLIN, 0},
                             {control, POLLIN, 0},
                             {pipes.fds[0][1], POLLOUT, 0}};
            if (::poll(fds, 4, int(qMin<qint64>(deadline.remainingTime(), 100))) < 0 &&
                errno != EINTR)
                break;
            char buffer[16384];
            for (int i = 0; i < 2; ++i) {
                if (fds[i].revents == 0)
                    continue;
                const ssize_t n = ::read(fds[i].fd, buffer, sizeof(buffer));
                if (n > 0)
                    (i == 0 ? result.output : result.errorOutput).append(buffer, n);
                else if (n == 0 || errno != EAGAIN)
                    closeFd(pipes.fds[i + 1][0]);
            }
            if (fds[3].revents != 0) {
                const ssize_t n = ::write(pipes.fds[0][1], input.constData() + written,
                                          size_t(input.size() - written));
                if (n > 0)
                    written += n;
                if (n < 0 && errno != EAGAIN)
                    closeFd(pipes.fds[0][1]);
                if (written == input.size())
                    closeFd(pipes.fds[0][1]);
            }
            if (fds[2].revents != 0) {
                const ssize_t n = ::recv(control, buffer, sizeof(buffer), 0);
                if (n <= 0 && !(n < 0 && errno == EAGAIN))
                    break; // the zygote is gone
                messages.append(buffer, n);
                char kind = 0;
                int value = 0;
                while (nextMessage(messages, &kind, &value)) {
                    if (kind == 'E') {
                        result.waitStatus = value;
                        ended = true;
                    } else if (kind == 'F') {
                        error = tr("the sandbox could not start the run: %1")
                                    .arg(QString::fromLocal8Bit(std::strerror(value)));
                        ended = true;
                    }
                }
            }
        }
        if (result.waitStatus) { // the run is gone: what is left in the pipes is all there is
            for (int i = 0; i < 2; ++i) {
                char buffer[16384];
                ssize_t n;
                while (pipes.fds[i + 1][0] >= 0 &&
                       (n = ::read(pipes.fds[i + 1][0], buffer, sizeof(buffer))) > 0)
                    (i == 0 ? result.output : result.errorOutput).append(buffer, n);
            }
        } else if (error.isEmpty() && deadline.hasExpired()) {
            error = tr("the sandbox self-test did not finish within %1 ms").arg(timeoutMs);
        }
    }
    ::close(control); // the zygote exits
    if (!process.waitForFinished(kKillWaitMs))
        sandbox.killAndWait(process, kKillWaitMs);
    if (!result.waitStatus && error.isEmpty()) {
        // Gone before the run ended: bwrap's or the zygote's reason.
        const QByteArray firstLine = process.readAllStandardError().trimmed().split('\n').value(0);
        error = firstLine.isEmpty()
                    ? tr("the sandbox ended with exit status %1").arg(process.exitCode())
                    : QString::fromUtf8(firstLine.left(300));
    }
    result.problem = error;
    return result;
}

} // namespace depot
