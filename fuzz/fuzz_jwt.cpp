// JWT: a token we sign verifies with its secret and no other, any other bytes never verify,
// and reading the subject of arbitrary bytes never crashes.
#include "FuzzCheck.h"

#include "crypto/Jwt.h"

using namespace depot;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzInput in(data, size);
    size_t subjectLength = 0, secretLength = 0, tokenLength = 0;
    const char *subject = in.take(64, &subjectLength);
    const char *secret = in.take(64, &secretLength);
    const char *token = in.rest(&tokenLength);
    const QByteArray key = QByteArray(secret, qsizetype(secretLength)) + "depot-fuzz-key";
    const QByteArray arbitrary(token, qsizetype(tokenLength));
    const qint64 now = 1700000000;

    Jwt::unverifiedSubject(arbitrary);
    JwtClaims claims;
    if (Jwt::verify(arbitrary, key, now, 3600, &claims) == Jwt::Error::None) {
        // Only a correctly signed token verifies: re-signing its claims gives the same bytes.
        FUZZ_CHECK(Jwt::sign(claims, key) == arbitrary);
    }

    JwtClaims signedClaims;
    // A subject is never empty (verify refuses that); any other text must survive the trip.
    signedClaims.subject = u'u' + QString::fromUtf8(subject, qsizetype(subjectLength));
    signedClaims.issuedAt = now;
    signedClaims.expiresAt = now + 600;
    const QByteArray jwt = Jwt::sign(signedClaims, key);
    JwtClaims read;
    FUZZ_CHECK(Jwt::verify(jwt, key, now, 3600, &read) == Jwt::Error::None);
    FUZZ_CHECK(read.subject == signedClaims.subject);
    FUZZ_CHECK(Jwt::verify(jwt, key + 'x', now, 3600) == Jwt::Error::BadSignature);
    FUZZ_CHECK(Jwt::verify(jwt, key, now + 7200, 3600) == Jwt::Error::Expired);
    return 0;
}
