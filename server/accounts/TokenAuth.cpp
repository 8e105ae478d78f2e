#include "accounts/TokenAuth.h"

#include "config/ServerConfig.h"
#include "crypto/Jwt.h"
#include "accounts/TokensTable.h"

namespace depot {

bool TokenAuth::authenticate(const ExchangePtr &ex)
{
    const QByteArray header = ex->header("Authorization");
    const qsizetype space = header.indexOf(' ');
    const QByteArray scheme = header.left(space).toLower();
    const bool basic = scheme == "basic";
    // No credentials for a scheme we take: a plain challenge (RFC 6750 §3.1, no error code).
    if ((scheme != "bearer" && !basic) || space < 0 || header.mid(space + 1).trimmed().isEmpty()) {
        ex->fail(ApiError::unauthorized(
            header.isEmpty() ? tr("an Authorization header with a Bearer token is required")
                             : tr("the Authorization header must be \"Bearer <token>\" (or Basic "
                                  "with username:token)")));
        return false;
    }
    const auto [token, basicUser] = BearerCredentials::parse(header);
    // Basic: one answer whether the user is unknown, the password is not a token or the token is
    // someone else's, so a caller learns nothing about which accounts exist.
    const QString basicRefused =
        tr("Basic credentials must be a known username and a valid token from "
           "POST /api/v1/auth/token (base64 of username:token)");
    const auto subject = Jwt::unverifiedSubject(token);
    if (!subject || (!basicUser.isEmpty() && basicUser != *subject)) {
        ex->fail(ApiError::invalidToken(basic ? basicRefused : tr("the token is malformed")));
        return false;
    }
    const auto owner = TokensTable(m_db, m_serverKey).ownerByName(*subject);
    JwtClaims claims;
    const Jwt::Error error =
        owner ? Jwt::verify(token, owner->secret, QDateTime::currentSecsSinceEpoch(),
                            m_config.accounts.tokenExpirySeconds, &claims)
              : Jwt::Error::BadSignature;
    if (error == Jwt::Error::Expired) {
        ex->fail(ApiError::invalidToken(tr("the token has expired: log in again")));
        return false;
    }
    if (error != Jwt::Error::None) {
        ex->fail(ApiError::invalidToken(basic ? basicRefused : tr("the token is not valid")));
        return false;
    }
    ex->user = AuthUser{owner->userId, owner->username, owner->plan};
    return true;
}

} // namespace depot
