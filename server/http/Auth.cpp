#include "http/Auth.h"

#include "config/ServerConfig.h"
#include "crypto/Jwt.h"
#include "accounts/TokensTable.h"

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
