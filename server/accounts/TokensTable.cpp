#include "accounts/TokensTable.h"

#include "config/ServerKey.h"
#include "crypto/SecureRandom.h"

namespace depot {

QByteArray TokensTable::rotate(qint64 userId)
{
    const QByteArray secret = SecureRandom::bytes(32);
    m_db.execute(
        QStringLiteral("INSERT INTO tokens (userid, user_secret, last_updated) VALUES (?, ?, ?) "
                       "ON CONFLICT (userid) DO UPDATE SET user_secret = excluded.user_secret, "
                       "last_updated = excluded.last_updated"),
        {userId, secret, Database::now()});
    m_db.changed(ChangeTopic::Accounts); // tokens signed with the old secret stop verifying
    return ServerKey::signingKey(m_serverKey, secret);
}

std::optional<TokenOwner> TokensTable::ownerByName(const QString &username)
{
    const auto row =
        m_db.selectOne(QStringLiteral("SELECT u.id, u.username, u.plan, t.user_secret FROM users u "
                                      "JOIN tokens t ON t.userid = u.id WHERE u.username = ?"),
                       {username});
    if (!row)
        return std::nullopt;
    return TokenOwner{row->at(0).toLongLong(), row->at(1).toString(), row->at(2).toString(),
                      ServerKey::signingKey(m_serverKey, row->at(3).toByteArray())};
}

} // namespace depot
