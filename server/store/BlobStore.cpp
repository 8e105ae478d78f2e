#include "store/BlobStore.h"
#include "store/StoreLog.h"

#include "crypto/SecureRandom.h"

#include <QDateTime>
#include <QDebug>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QtConcurrent>

#include <cerrno>
#include <unistd.h>

namespace depot {
namespace {

bool isDiskFullErrno(int error)
{
    return error == ENOSPC || error == EDQUOT;
}

} // namespace

BlobStore::Writer::Writer(const QString &path, const QString &directory)
    : m_file(path), m_directory(directory)
{
    // Never write in place: a crash must not leave a half file under the final name.
    m_file.setDirectWriteFallback(false);
}

bool BlobStore::Writer::failed()
{
    // errno first: Qt's error text formatting must not be what we look at.
    const int error = errno;
    if (m_status == Status::Ok) {
        m_status = isDiskFullErrno(error) || m_file.error() == QFileDevice::ResourceError
                       ? Status::DiskFull
                       : Status::IoError;
        m_error = m_file.errorString();
    }
    m_file.cancelWriting();
    return false;
}

bool BlobStore::Writer::open()
{
    errno = 0;
    if (!QDir().mkpath(m_directory))
        return failed();
    // Unbuffered: a full disk shows up at the write() that hit it, not later at commit().
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return failed();
    return true;
}

bool BlobStore::Writer::write(QByteArrayView data)
{
    if (m_status != Status::Ok)
        return false;
    errno = 0;
    if (m_file.write(data.data(), data.size()) != data.size())
        return failed();
    m_size += data.size();
    return true;
}

bool BlobStore::Writer::stage()
{
    if (m_status != Status::Ok)
        return false;
    errno = 0;
    if (!m_file.flush() || ::fdatasync(int(m_file.handle())) != 0)
        return failed();
    return true;
}

bool BlobStore::Writer::commit()
{
    if (m_status != Status::Ok)
        return false;
    errno = 0;
    if (!m_file.commit()) {
        const int error = errno;
        m_status = isDiskFullErrno(error) || m_file.error() == QFileDevice::ResourceError
                       ? Status::DiskFull
                       : Status::IoError;
        m_error = m_file.errorString();
        return false;
    }
    return true;
}

void BlobStore::Writer::cancel()
{
    m_file.cancelWriting();
    if (m_file.isOpen())
        m_file.commit(); // after cancelWriting() this only closes and discards the temporary
}

BlobStore::BlobStore(const QString &directory) : m_directory(QDir::cleanPath(directory)) {}

QString BlobStore::newName()
{
    return SecureRandom::urlSafeId(16);
}

bool BlobStore::isValidName(QStringView name)
{
    return !name.isEmpty() && name.size() <= 128 && SecureRandom::isUrlSafeText(name);
}

QString BlobStore::path(const QString &name) const
{
    return isValidName(name) ? m_directory + u'/' + name : QString();
}

std::unique_ptr<BlobStore::Writer> BlobStore::create(const QString &name) const
{
    if (!isValidName(name))
        return nullptr;
    return std::make_unique<Writer>(path(name), m_directory);
}

BlobStore::Status BlobStore::write(const QString &name, QByteArrayView data, QString *error) const
{
    const auto writer = create(name);
    if (!writer) {
        if (error)
            *error = tr("invalid file name");
        return Status::IoError;
    }
    if (writer->open() && writer->write(data) && writer->commit())
        return Status::Ok;
    if (error)
        *error = writer->errorString();
    return writer->status();
}

bool BlobStore::remove(const QStringList &names) const
{
    bool ok = true;
    for (const QString &name : names) {
        const QString file = path(name);
        if (file.isEmpty())
            continue;
        QFile f(file);
        if (!f.remove() && f.exists()) {
            qCWarning(lcStore).noquote() << tr("cannot remove %1: %2").arg(file, f.errorString());
            ok = false;
        }
    }
    return ok;
}

void BlobStore::removeLater(const QStringList &names) const
{
    if (names.isEmpty())
        return;
    const BlobStore store = *this;
    // Fire and forget: a failure is logged, and the orphan sweep retries later.
    (void)QtConcurrent::run([store, names] { store.remove(names); });
}

QSet<QString> BlobStore::names() const
{
    QSet<QString> names;
    QDirIterator it(m_directory, QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    while (it.hasNext()) {
        it.next();
        if (isValidName(it.fileName()))
            names.insert(it.fileName());
    }
    return names;
}

int BlobStore::sweepOrphans(const QSet<QString> &listed, const QSet<QString> &referenced,
                            qint64 temporaryGraceSeconds) const
{
    const QDateTime cutoff = QDateTime::currentDateTime().addSecs(-temporaryGraceSeconds);
    int removed = 0;
    QDirIterator it(m_directory, QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    while (it.hasNext()) {
        it.next();
        const QFileInfo info = it.fileInfo();
        const QString name = info.fileName();
        if (referenced.contains(name))
            continue;
        if (isValidName(name)) {
            // Named after `listed` was taken: its row may have been committed after the rows
            // were read. The next sweep decides.
            if (!listed.contains(name))
                continue;
        } else if (info.lastModified() > cutoff) {
            continue; // a temporary (QSaveFile "name.XXXXXX"): maybe an upload in progress
        }
        if (QFile::remove(info.filePath()))
            ++removed;
        else
            qCWarning(lcStore).noquote()
                << tr("cannot remove orphaned file %1").arg(info.filePath());
    }
    return removed;
}

} // namespace depot
