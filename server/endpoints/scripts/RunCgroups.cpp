#include "endpoints/scripts/RunCgroups.h"

#include <QAbstractEventDispatcher>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QThread>
#include <QTimer>

#include <cerrno>
#include <csignal>
#include <sys/stat.h>
#include <unistd.h>

namespace depot {

namespace {

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &data, QString *error)
{
    QFile file(path);
    // Unbuffered: the kernel's answer to this one write() is the answer.
    if (file.open(QIODevice::WriteOnly | QIODevice::Unbuffered) && file.write(data) == data.size())
        return true;
    if (error)
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
    return false;
}

bool hasWord(const QByteArray &list, const QByteArray &word)
{
    return list.simplified().split(' ').contains(word);
}

// Where this process's cgroups are: the v2 path ("0::/x") and the v1 pids path ("n:pids:/x").
struct OwnCgroups
{
    QString v2Path;
    QString v1PidsPath;
    bool hasV1Pids = false;
};

OwnCgroups ownCgroups()
{
    OwnCgroups own;
    for (const QByteArray &line : readFile(QStringLiteral("/proc/self/cgroup")).split('\n')) {
        const QList<QByteArray> fields = line.split(':');
        if (fields.size() < 3)
            continue;
        const QString path = QString::fromUtf8(line.mid(fields[0].size() + fields[1].size() + 2));
        if (fields[0] == "0" && fields[1].isEmpty())
            own.v2Path = path;
        else if (fields[1].split(',').contains("pids")) {
            own.v1PidsPath = path;
            own.hasV1Pids = true;
        }
    }
    return own;
}

// Mount points from /proc/self/mountinfo: of the cgroup2 file system, and of the v1 hierarchy
// holding the pids controller.
struct Mounts
{
    QString v2;
    QString v1Pids;
};

Mounts cgroupMounts()
{
    Mounts mounts;
    for (const QByteArray &line : readFile(QStringLiteral("/proc/self/mountinfo")).split('\n')) {
        const qsizetype dash = line.indexOf(" - ");
        if (dash < 0)
            continue;
        const QList<QByteArray> before = line.left(dash).split(' ');
        const QList<QByteArray> after = line.mid(dash + 3).split(' ');
        if (before.size() < 5 || after.size() < 3 || before[3] != "/")
            continue; // a bind mount of a subtree does not show the hierarchy's paths
        // Mount points escape space, tab, newline and backslash as octal.
        QString point = QString::fromUtf8(before[4]);
        point.replace(QLatin1String("\\040"), QLatin1String(" "));
        if (after[0] == "cgroup2" && mounts.v2.isEmpty())
            mounts.v2 = point;
        else if (after[0] == "cgroup" && after[2].split(',').contains("pids"))
            mounts.v1Pids = point;
    }
    return mounts;
}

QString join(const QString &mount, const QString &path)
{
    return QDir::cleanPath(mount + QLatin1Char('/') + path);
}

void killMembers(const QString &dir, int version)
{
    if (version == 2 && QFileInfo::exists(dir + QStringLiteral("/cgroup.kill"))) {
        writeFile(dir + QStringLiteral("/cgroup.kill"), "1", nullptr);
        return;
    }
    for (const QByteArray &id : readFile(dir + QStringLiteral("/cgroup.procs")).split('\n')) {
        bool ok = false;
        const pid_t pid = pid_t(id.trimmed().toInt(&ok));
        if (ok && pid > 0)
            ::kill(pid, SIGKILL);
    }
}

bool removeDir(const QString &dir)
{
    return ::rmdir(QFile::encodeName(dir).constData()) == 0 || errno == ENOENT;
}

// A v2 cgroup the server may make run cgroups in: its pids controller enabled for children.
// Processes in it (the server itself, when it is the service's own cgroup) move to a leaf
// "server" first, as v2 requires.
bool prepareV2(const QString &dir, QString *problem)
{
    if (!hasWord(readFile(dir + QStringLiteral("/cgroup.controllers")), "pids")) {
        *problem = RunCgroups::tr("the pids controller is not available in %1 (with systemd: "
                                  "Delegate=yes in the unit)")
                       .arg(dir);
        return false;
    }
    if (hasWord(readFile(dir + QStringLiteral("/cgroup.subtree_control")), "pids"))
        return true;
    const QByteArray members = readFile(dir + QStringLiteral("/cgroup.procs")).trimmed();
    if (!members.isEmpty()) {
        const QString leaf = dir + QStringLiteral("/server");
        if (!QDir().mkpath(leaf)) {
            *problem = RunCgroups::tr("cannot create %1").arg(leaf);
            return false;
        }
        for (const QByteArray &pid : members.split('\n')) {
            if (!writeFile(leaf + QStringLiteral("/cgroup.procs"), pid.trimmed(), problem))
                return false;
        }
    }
    return writeFile(dir + QStringLiteral("/cgroup.subtree_control"), "+pids", problem);
}

void removeLater(const QString &dir, int version, int attempt)
{
    if (removeDir(dir))
        return;
    killMembers(dir, version);
    if (attempt < 50) // else given up: the cgroup stays, empty once its processes died
        QTimer::singleShot(100,
                           [dir, version, attempt] { removeLater(dir, version, attempt + 1); });
}

// Bases of servers that are gone (killed before they could clean up) and their runs.
void removeStaleBases(const QString &parent)
{
    const QStringList bases =
        QDir(parent).entryList({QStringLiteral("depot-*")}, QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &name : bases) {
        bool ok = false;
        const pid_t pid = pid_t(name.mid(6).toInt(&ok));
        if (!ok || pid <= 0 || ::kill(pid, 0) == 0 || errno != ESRCH)
            continue;
        const QString base = parent + u'/' + name;
        const QStringList runs = QDir(base).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        for (const QString &run : runs)
            removeDir(base + u'/' + run);
        removeDir(base);
    }
}

} // namespace

RunCgroups::RunCgroups(QString base, int version, bool ownsBase)
    : m_base(std::move(base)), m_version(version), m_ownsBase(ownsBase)
{
}

RunCgroups::~RunCgroups()
{
    if (!m_ownsBase)
        return;
    const QStringList runs = QDir(m_base).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &run : runs)
        removeDir(m_base + u'/' + run);
    removeDir(m_base);
}

std::unique_ptr<RunCgroups> RunCgroups::open(const QString &setting, QString *problem,
                                             QString *note)
{
    if (setting == u"off") {
        *note = tr("switched off");
        return nullptr;
    }
    if (setting != u"auto") {
        const QString dir = QDir::cleanPath(setting);
        if (QFileInfo::exists(dir + QStringLiteral("/cgroup.controllers"))) {
            if (!prepareV2(dir, problem))
                return nullptr;
            return std::unique_ptr<RunCgroups>(new RunCgroups(dir, 2, false));
        }
        if (!QFileInfo::exists(dir + QStringLiteral("/cgroup.procs")) ||
            !QFileInfo(dir).isWritable()) {
            *problem = tr("%1 is not a cgroup directory this process may write").arg(dir);
            return nullptr;
        }
        return std::unique_ptr<RunCgroups>(new RunCgroups(dir, 1, false));
    }

    const OwnCgroups own = ownCgroups();
    const Mounts mounts = cgroupMounts();
    if (own.hasV1Pids) {
        // The pids controller is bound to a v1 hierarchy (and then absent from v2).
        if (mounts.v1Pids.isEmpty()) {
            *note = tr("the cgroup v1 pids hierarchy is not mounted");
            return nullptr;
        }
        const QString parent = join(mounts.v1Pids, own.v1PidsPath);
        if (!QFileInfo(parent).isWritable()) {
            *note = tr("%1 is not writable").arg(parent);
            return nullptr;
        }
        removeStaleBases(parent);
        const QString base = parent + QStringLiteral("/depot-%1").arg(::getpid());
        if (!QDir().mkpath(base)) {
            *note = tr("cannot create %1").arg(base);
            return nullptr;
        }
        return std::unique_ptr<RunCgroups>(new RunCgroups(base, 1, true));
    }
    if (mounts.v2.isEmpty() || own.v2Path.isEmpty()) {
        *note = tr("no cgroup file system is mounted");
        return nullptr;
    }
    if (own.v2Path == u"/") {
        *note = tr("this process is in the root cgroup");
        return nullptr;
    }
    const QString dir = join(mounts.v2, own.v2Path);
    if (!QFileInfo(dir + QStringLiteral("/cgroup.subtree_control")).isWritable()) {
        *note = tr("%1 is not delegated to this process (with systemd: Delegate=yes in the unit)")
                    .arg(dir);
        return nullptr;
    }
    if (!prepareV2(dir, note))
        return nullptr;
    return std::unique_ptr<RunCgroups>(new RunCgroups(dir, 2, false));
}

QString RunCgroups::description() const
{
    return QStringLiteral("cgroup v%1 %2").arg(m_version).arg(m_base);
}

QString RunCgroups::create(int maxProcesses, QString *error)
{
    const quint64 n = m_next.fetch_add(1) + 1;
    const QString dir = m_base + (m_ownsBase ? QStringLiteral("/run-%1").arg(n)
                                             : QStringLiteral("/run-%1-%2").arg(::getpid()).arg(n));
    if (::mkdir(QFile::encodeName(dir).constData(), 0755) != 0) {
        *error = tr("cannot create the cgroup %1: %2").arg(dir, qt_error_string(errno));
        return {};
    }
    if (!writeFile(dir + QStringLiteral("/pids.max"), QByteArray::number(maxProcesses), error)) {
        removeDir(dir);
        return {};
    }
    return dir;
}

void RunCgroups::remove(const QString &dir) const
{
    if (dir.isEmpty() || removeDir(dir))
        return;
    // The sandbox's pid namespace ends with bwrap, but its processes may not all be gone yet.
    const int version = m_version;
    killMembers(dir, version);
    if (QThread::currentThread()->eventDispatcher()) {
        QTimer::singleShot(20, [dir, version] { removeLater(dir, version, 1); });
        return;
    }
    for (int attempt = 0; attempt < 50 && !removeDir(dir); ++attempt) {
        ::usleep(20000);
        killMembers(dir, version);
    }
}

} // namespace depot
