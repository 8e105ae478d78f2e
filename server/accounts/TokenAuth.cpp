#include "accounts/TokenAuth.h"

#include "accounts/TicketsTable.h"
#include "accounts/TokensTable.h"
#include "config/ServerConfig.h"
#include "crypto/Jwt.h"

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
    QString problem;
    const auto user = verifyToken(token, &problem, basicUser);
    if (!user) {
        ex->fail(ApiError::unauthorized(problem));
        return false;
    }
    ex->user = *user;
    return true;
}

std::optional<AuthUser> TokenAuth::verifyToken(const QByteArray &token, QString *problem,
                                               const QString &basicUser)
{
    const auto subject = Jwt::unverifiedSubject(token);
    if (!subject || (!basicUser.isEmpty() && basicUser != *subject)) {
        *problem = tr("the token is malformed");
        return std::nullopt;
    }
    const auto owner = TokensTable(m_db).ownerByName(*subject);
    JwtClaims claims;
    const Jwt::Error error =
        owner ? Jwt::verify(token, owner->secret, QDateTime::currentSecsSinceEpoch(),
                            m_config.accounts.tokenExpirySeconds, &claims)
              : Jwt::Error::BadSignature;
    if (error == Jwt::Error::Expired) {
        *problem = tr("the token has expired: log in again");
        return std::nullopt;
    }
    if (error != Jwt::Error::None) {
        *problem = tr("the token is not valid");
        return std::nullopt;
    }
    return AuthUser{owner->userId, owner->username, owner->plan};
}

std::optional<AuthUser> TokenAuth::redeemTicket(const QString &ticket)
{
    const auto owner = TicketsTable(m_db).redeem(ticket);
    if (!owner)
        return std::nullopt;
    return AuthUser{owner->userId, owner->username, owner->plan};
}

} // namespace depot
