#include "accounts/TokenAuth.h"

#include "config/ServerConfig.h"
#include "crypto/Jwt.h"
#include "accounts/TokensTable.h"

namespace depot {

bool TokenAuth::authenticate(const ExchangePtr &ex)
{
    const QByteArray header = ex->header("Authorization");
    if (header.isEmpty()) {
        ex->fail(
            ApiError::unauthorized(tr("an Authorization header with a Bearer token is required")));
        return false;
    }
    const auto [token, basicUser] = BearerCredentials::parse(header);
    const auto subject = Jwt::unverifiedSubject(token);
    if (!subject || (!basicUser.isEmpty() && basicUser != *subject)) {
        ex->fail(ApiError::unauthorized(tr("the token is malformed")));
        return false;
    }
    const auto owner = TokensTable(m_db).ownerByName(*subject);
    JwtClaims claims;
    const Jwt::Error error =
        owner ? Jwt::verify(token, owner->secret, QDateTime::currentSecsSinceEpoch(),
                            m_config.accounts.tokenExpirySeconds, &claims)
              : Jwt::Error::BadSignature;
    if (error == Jwt::Error::Expired) {
        ex->fail(ApiError::unauthorized(tr("the token has expired: log in again")));
        return false;
    }
    if (error != Jwt::Error::None) {
        ex->fail(ApiError::unauthorized(tr("the token is not valid")));
        return false;
    }
    ex->user = AuthUser{owner->userId, owner->username, owner->plan};
    return true;
}

} // namespace depot
