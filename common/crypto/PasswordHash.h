#pragma once

#include <QByteArray>
#include <QString>

namespace depot {

// PBKDF2-HMAC-SHA256 password hashes stored with their parameters:
// "pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>" (OpenSSL 3.0 has no Argon2).
class PasswordHash
{
public:
    static constexpr int DefaultIterations = 600000; // OWASP 2023
    static constexpr int MaxPasswordBytes = 1024;    // bounds the KDF's work per attempt

    static QString hash(const QByteArray &password, int iterations = DefaultIterations);
    // Constant-time comparison; false for malformed stored values.
    static bool verify(const QByteArray &password, const QString &stored);
    // Burns the same time as a real verification, so unknown users are not revealed by timing.
    static void verifyDummy(const QByteArray &password, int iterations);
};

} // namespace depot
