#include "crypto/PasswordHash.h"

#include "crypto/SecureRandom.h"

#include <QList>

#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace depot {
namespace {

constexpr int SaltBytes = 16;
constexpr int HashBytes = 32;
constexpr int MaxIterations = 10000000;

QByteArray derive(const QByteArray &password, const QByteArray &salt, int iterations)
{
    QByteArray out(HashBytes, Qt::Uninitialized);
    const QByteArray bounded = password.left(PasswordHash::MaxPasswordBytes);
    PKCS5_PBKDF2_HMAC(bounded.constData(), int(bounded.size()),
                      reinterpret_cast<const unsigned char *>(salt.constData()), int(salt.size()),
                      iterations, EVP_sha256(), HashBytes,
                      reinterpret_cast<unsigned char *>(out.data()));
    return out;
}

} // namespace

QString PasswordHash::hash(const QByteArray &password, int iterations)
{
    const QByteArray salt = SecureRandom::bytes(SaltBytes);
    return QStringLiteral("pbkdf2-sha256$%1$%2$%3")
        .arg(iterations)
        .arg(QString::fromLatin1(salt.toBase64()),
             QString::fromLatin1(derive(password, salt, iterations).toBase64()));
}

bool PasswordHash::verify(const QByteArray &password, const QString &stored)
{
    const QList<QStringView> parts = QStringView(stored).split(u'$');
    if (parts.size() != 4 || parts[0] != u"pbkdf2-sha256")
        return false;
    bool ok = false;
    const int iterations = parts[1].toInt(&ok);
    if (!ok || iterations < 1 || iterations > MaxIterations)
        return false;
    const auto salt = QByteArray::fromBase64Encoding(parts[2].toLatin1(),
                                                     QByteArray::AbortOnBase64DecodingErrors);
    const auto expected = QByteArray::fromBase64Encoding(parts[3].toLatin1(),
                                                         QByteArray::AbortOnBase64DecodingErrors);
    if (!salt || !expected || expected.decoded.size() != HashBytes)
        return false;
    const QByteArray actual = derive(password, salt.decoded, iterations);
    return CRYPTO_memcmp(actual.constData(), expected.decoded.constData(), HashBytes) == 0;
}

void PasswordHash::verifyDummy(const QByteArray &password, int iterations)
{
    static const QByteArray salt(SaltBytes, '\0');
    derive(password, salt, iterations);
}

} // namespace depot
