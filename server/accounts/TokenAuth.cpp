#include "accounts/TokenAuth.h"

#include "accounts/TicketsTable.h"
#include "accounts/TokensTable.h"
#include "config/ServerConfig.h"
#include "crypto/Jwt.h"

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
    QString problem;
    bool expired = false;
    const auto user = check(token, basicUser, &problem, &expired);
    if (!user) {
        // Basic: one answer whether the user is unknown, the password is not a token or the
        // token is someone else's, so a caller learns nothing about which accounts exist.
        ex->fail(ApiError::invalidToken(
            basic && !expired
                ? tr("Basic credentials must be a known username and a valid token from "
                     "POST /api/v1/auth/token (base64 of username:token)")
                : problem));
        return false;
    }
    ex->user = *user;
    return true;
}

std::optional<AuthUser> TokenAuth::verifyToken(const QByteArray &token, QString *problem,
                                               const QString &basicUser)
{
    return check(token, basicUser, problem, nullptr);
}

std::optional<TokenOwner> TokenAuth::owner(const QString &username, bool reread, bool *wasRead)
{
    // The generation before the row: a change committed after the read moves it again.
    const quint64 generation = m_watch.generation(ChangeTopic::Accounts);
    if (!m_filled || generation != m_generation || m_owners.size() >= 10000) {
        m_owners.clear();
        m_generation = generation;
        m_filled = true;
    }
    auto it = m_owners.constFind(username);
    const bool read = reread || it == m_owners.constEnd();
    if (read)
        it = m_owners.insert(username, TokensTable(m_db, m_serverKey).ownerByName(username));
    if (wasRead)
        *wasRead = read;
    return *it;
}

std::optional<AuthUser> TokenAuth::check(const QByteArray &token, const QString &basicUser,
                                         QString *problem, bool *expired)
{
    const auto subject = Jwt::unverifiedSubject(token);
    if (!subject || (!basicUser.isEmpty() && basicUser != *subject)) {
        *problem = tr("the token is malformed");
        return std::nullopt;
    }
    bool read = false;
    auto owner = this->owner(*subject, false, &read);
    JwtClaims claims;
    const auto verify = [&] {
        return owner ? Jwt::verify(token, owner->secret, QDateTime::currentSecsSinceEpoch(),
                                   m_config.accounts.tokenExpirySeconds, &claims)
                     : Jwt::Error::BadSignature;
    };
    Jwt::Error error = verify();
    // A key from memory that does not fit may be older than the token: a login or sign-up on
    // another instance whose notification is still on its way. The row is read again before
    // the token is refused (a refusal costs the database read it cost before the cache).
    if (error == Jwt::Error::BadSignature && !read) {
        owner = this->owner(*subject, true, nullptr);
        error = verify();
    }
    if (error == Jwt::Error::Expired) {
        if (expired)
            *expired = true;
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
