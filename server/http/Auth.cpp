#include "http/Auth.h"

#include "accounts/TicketsTable.h"
#include "accounts/TokensTable.h"
#include "config/ServerConfig.h"
#include "crypto/Jwt.h"

namespace depot {

bool Auth::authenticate(const ExchangePtr &ex)
{
    const QByteArray header = ex->header("Authorization");
    if (header.isEmpty()) {
        ex->fail(
            ApiError::unauthorized(tr("an Authorization header with a Bearer token is required")));
        return false;
    }
    QByteArray token;
    QString basicUser;
    const qsizetype space = header.indexOf(' ');
    const QByteArray scheme = header.left(space).toLower();
    const QByteArray credentials = space < 0 ? QByteArray() : header.mid(space + 1).trimmed();
    if (scheme == "bearer") {
        token = credentials;
    } else if (scheme == "basic") {
        const auto decoded =
            QByteArray::fromBase64Encoding(credentials, QByteArray::AbortOnBase64DecodingErrors);
        const qsizetype colon = decoded ? decoded.decoded.indexOf(':') : -1;
        if (colon > 0) {
            basicUser = QString::fromUtf8(decoded.decoded.left(colon));
            token = decoded.decoded.mid(colon + 1);
        }
    }
    QString problem;
    const auto user = verifyToken(token, &problem, basicUser);
    if (!user) {
        ex->fail(ApiError::unauthorized(problem));
        return false;
    }
    ex->user = *user;
    return true;
}

std::optional<AuthUser> Auth::verifyToken(const QByteArray &token, QString *problem,
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
                            m_config.tokenExpirySeconds, &claims)
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

std::optional<AuthUser> Auth::redeemTicket(const QString &ticket)
{
    const auto owner = TicketsTable(m_db).redeem(ticket);
    if (!owner)
        return std::nullopt;
    return AuthUser{owner->userId, owner->username, owner->plan};
}

} // namespace depot
