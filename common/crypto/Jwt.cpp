#include "crypto/Jwt.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QList>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cmath>

namespace depot {
namespace {

constexpr auto Base64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

bool isBase64UrlSegment(QByteArrayView segment)
{
    if (segment.isEmpty())
        return false;
    for (char c : segment) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok)
            return false;
    }
    return true;
}

struct Parts
{
    QByteArrayView header, payload, signature, signingInput;
};

std::optional<Parts> split(QByteArrayView token)
{
    if (token.size() > Jwt::MaxTokenBytes)
        return std::nullopt;
    const qsizetype first = token.indexOf('.');
    if (first < 0)
        return std::nullopt;
    const qsizetype second = token.sliced(first + 1).indexOf('.');
    if (second < 0)
        return std::nullopt;
    Parts parts;
    parts.header = token.first(first);
    parts.payload = token.sliced(first + 1, second);
    parts.signature = token.sliced(first + 1 + second + 1);
    parts.signingInput = token.first(first + 1 + second);
    if (!isBase64UrlSegment(parts.header) || !isBase64UrlSegment(parts.payload) ||
        !isBase64UrlSegment(parts.signature))
        return std::nullopt;
    return parts;
}

std::optional<QJsonObject> decodeObject(QByteArrayView segment)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        segment.toByteArray(), Base64Url | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(decoded.decoded, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    return doc.object();
}

QByteArray hmacSha256(QByteArrayView data, const QByteArray &key)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), key.constData(), int(key.size()),
         reinterpret_cast<const unsigned char *>(data.data()), size_t(data.size()), out, &length);
    return QByteArray(reinterpret_cast<const char *>(out), int(length));
}

std::optional<qint64> integralClaim(const QJsonObject &payload, QLatin1String name)
{
    const QJsonValue value = payload.value(name);
    if (!value.isDouble())
        return std::nullopt;
    const double d = value.toDouble();
    if (!std::isfinite(d) || d != std::floor(d) || std::fabs(d) > 1e15)
        return std::nullopt;
    return qint64(d);
}

} // namespace

QByteArray Jwt::sign(const JwtClaims &claims, const QByteArray &secret)
{
    static const QByteArray header =
        QByteArrayLiteral(R"({"alg":"HS256","typ":"JWT"})").toBase64(Base64Url);
    const QJsonObject payload{{QStringLiteral("sub"), claims.subject},
                              {QStringLiteral("iat"), double(claims.issuedAt)},
                              {QStringLiteral("exp"), double(claims.expiresAt)}};
    const QByteArray signingInput =
        header + '.' + QJsonDocument(payload).toJson(QJsonDocument::Compact).toBase64(Base64Url);
    return signingInput + '.' + hmacSha256(signingInput, secret).toBase64(Base64Url);
}

std::optional<QString> Jwt::unverifiedSubject(QByteArrayView token)
{
    const auto parts = split(token);
    if (!parts)
        return std::nullopt;
    const auto payload = decodeObject(parts->payload);
    if (!payload)
        return std::nullopt;
    const QString subject = payload->value(QLatin1String("sub")).toString();
    if (subject.isEmpty())
        return std::nullopt;
    return subject;
}

Jwt::Error Jwt::verify(QByteArrayView token, const QByteArray &secret, qint64 now,
                       qint64 maxLifetimeSeconds, JwtClaims *claims)
{
    const auto parts = split(token);
    if (!parts)
        return Error::Malformed;
    const auto header = decodeObject(parts->header);
    if (!header)
        return Error::Malformed;
    // Exactly HS256; anything that lets the token choose its own key or semantics is refused.
    if (header->value(QLatin1String("alg")).toString() != QLatin1String("HS256"))
        return Error::UnsupportedHeader;
    for (const char *forbidden : {"crit", "jku", "jwk", "x5u", "x5c", "kid"}) {
        if (header->contains(QLatin1String(forbidden)))
            return Error::UnsupportedHeader;
    }
    if (header->contains(QLatin1String("typ")) &&
        header->value(QLatin1String("typ")).toString() != QLatin1String("JWT"))
        return Error::UnsupportedHeader;

    const QByteArray expected = hmacSha256(parts->signingInput, secret).toBase64(Base64Url);
    if (expected.size() != parts->signature.size() ||
        CRYPTO_memcmp(expected.constData(), parts->signature.data(), size_t(expected.size())) != 0)
        return Error::BadSignature;

    const auto payload = decodeObject(parts->payload);
    if (!payload)
        return Error::Malformed;
    const auto exp = integralClaim(*payload, QLatin1String("exp"));
    const auto iat = integralClaim(*payload, QLatin1String("iat"));
    const QString subject = payload->value(QLatin1String("sub")).toString();
    if (!exp || !iat || subject.isEmpty())
        return Error::Malformed;
    if (*iat > now + ClockSkewSeconds || *exp <= *iat || *exp - *iat > maxLifetimeSeconds)
        return Error::BadLifetime;
    if (*exp <= now)
        return Error::Expired;
    if (claims)
        *claims = JwtClaims{subject, *iat, *exp};
    return Error::None;
}

} // namespace depot
