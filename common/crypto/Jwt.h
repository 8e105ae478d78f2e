#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace depot {

struct JwtClaims
{
    QString subject;
    qint64 issuedAt = 0;  // seconds since the epoch
    qint64 expiresAt = 0; // seconds since the epoch
};

// HS256 JSON Web Tokens following RFC 8725: exactly one algorithm, no header-supplied keys,
// the encoded signature compared in constant time, lifetime bounded by configuration.
class Jwt
{
public:
    static constexpr int MaxTokenBytes = 4096;
    static constexpr qint64 ClockSkewSeconds = 30;

    enum class Error { None, Malformed, UnsupportedHeader, BadSignature, Expired, BadLifetime };

    static QByteArray sign(const JwtClaims &claims, const QByteArray &secret);

    // Structural checks and the `sub` claim, read only to find whose secret verifies the token.
    static std::optional<QString> unverifiedSubject(QByteArrayView token);

    static Error verify(QByteArrayView token, const QByteArray &secret, qint64 now,
                        qint64 maxLifetimeSeconds, JwtClaims *claims = nullptr);
};

} // namespace depot
