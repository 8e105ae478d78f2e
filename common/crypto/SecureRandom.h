#pragma once

#include <QByteArray>
#include <QString>

namespace depot {

// Cryptographically secure randomness (OpenSSL RAND_bytes): secrets, salts and public ids.
class SecureRandom
{
public:
    static QByteArray bytes(int count);
    // URL-safe, unpadded base64 of `byteCount` random bytes (16 bytes = 128 bits → 22 characters).
    static QString urlSafeId(int byteCount = 16);
    // True when `id` looks like something urlSafeId(byteCount) could have produced.
    static bool isUrlSafeId(QStringView id, int byteCount = 16);
    // Only base64url characters (A-Z a-z 0-9 - _), of any length.
    static bool isUrlSafeText(QStringView text);
};

} // namespace depot
