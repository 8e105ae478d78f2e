#include "crypto/SecureRandom.h"

#include <openssl/rand.h>

#include <stdexcept>

namespace depot {

QByteArray SecureRandom::bytes(int count)
{
    QByteArray out(count, Qt::Uninitialized);
    if (count > 0 && RAND_bytes(reinterpret_cast<unsigned char *>(out.data()), count) != 1)
        throw std::runtime_error("RAND_bytes failed: the system has no usable entropy source");
    return out;
}

QString SecureRandom::urlSafeId(int byteCount)
{
    return QString::fromLatin1(
        bytes(byteCount).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

bool SecureRandom::isUrlSafeId(QStringView id, int byteCount)
{
    const qsizetype expected = (byteCount * 4 + 2) / 3;
    return id.size() == expected && isUrlSafeText(id);
}

bool SecureRandom::isUrlSafeText(QStringView text)
{
    for (QChar c : text) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') ||
                        (u >= u'0' && u <= u'9') || u == u'-' || u == u'_';
        if (!ok)
            return false;
    }
    return true;
}

} // namespace depot
