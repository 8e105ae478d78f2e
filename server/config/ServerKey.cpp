#include "config/ServerKey.h"

#include "crypto/SecureRandom.h"

#include <QDir>
#include <QFile>
#include <QMessageAuthenticationCode>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace depot {
namespace {

QByteArray readKey(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = ServerKey::tr("cannot read the secret file %1: %2").arg(path, file.errorString());
        return {};
    }
    const QByteArray key = file.read(4096);
    if (key.size() < ServerKey::Bytes) {
        *error = ServerKey::tr("the secret file %1 holds fewer than %2 bytes")
                     .arg(path)
                     .arg(ServerKey::Bytes);
        return {};
    }
    return key;
}

} // namespace

QByteArray ServerKey::load(const QString &dataDir, const QString &secretFile, QString *error)
{
    if (!secretFile.isEmpty())
        return readKey(secretFile, error);
    const QString path = QDir(dataDir).filePath(QLatin1String(FileName));
    if (!QFile::exists(path)) {
        // Written under a private name, then linked: link() fails if another instance made the
        // key first, and nobody ever reads a half-written key.
        const QString temporary =
            path + QStringLiteral(".%1.tmp").arg(QCoreApplication::applicationPid());
        const QByteArray key = SecureRandom::bytes(Bytes);
        const QByteArray tmp = QFile::encodeName(temporary);
        const int fd = ::open(tmp.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0) {
            *error = tr("cannot create %1: %2").arg(temporary, qt_error_string(errno));
            return {};
        }
        const bool written =
            ::write(fd, key.constData(), size_t(key.size())) == key.size() && ::fsync(fd) == 0;
        const int writeError = errno;
        ::close(fd);
        if (!written) {
            ::unlink(tmp.constData());
            *error = tr("cannot write %1: %2").arg(temporary, qt_error_string(writeError));
            return {};
        }
        const bool linked = ::link(tmp.constData(), QFile::encodeName(path).constData()) == 0;
        const int linkError = errno;
        ::unlink(tmp.constData());
        if (!linked && linkError != EEXIST) {
            *error = tr("cannot create %1: %2").arg(path, qt_error_string(linkError));
            return {};
        }
    }
    return readKey(path, error);
}

QByteArray ServerKey::signingKey(const QByteArray &serverKey, const QByteArray &userSecret)
{
    return QMessageAuthenticationCode::hash(userSecret, serverKey, QCryptographicHash::Sha256);
}

} // namespace depot
