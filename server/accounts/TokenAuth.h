#pragma once

#include "accounts/TokensTable.h"
#include "http/Auth.h"
#include "store/ChangeBus.h"

#include <QHash>

namespace depot {

class Database;
struct ServerConfig;

// The token check of Access::User routes: a JWT from "Authorization: Bearer <jwt>" or the
// seed's basic-auth token "Basic base64(username:<jwt>)", verified with its owner's secret.
// Cheap: one HMAC; the owner's signing key is kept per worker until an account changes
// (ChangeTopic::Accounts: a login rotating the secret, a plan, a new user), through this
// process or another instance, so rotation revokes old tokens everywhere (on other instances
// as soon as the notification arrives). A token the remembered key refuses is checked once more
// against the row, so a token issued by another instance a moment ago is accepted at once. The
// password KDF never runs here.
class TokenAuth : public Authenticator
{
    Q_DECLARE_TR_FUNCTIONS(TokenAuth)

public:
    // serverKey: see config/ServerKey.h; token keys derive from it and the user's secret.
    TokenAuth(Database &db, const ServerConfig &config, const QByteArray &serverKey)
        : m_db(db), m_config(config), m_serverKey(serverKey), m_watch(db)
    {
    }

    bool authenticate(const ExchangePtr &exchange) override;
    std::optional<AuthUser> verifyToken(const QByteArray &token, QString *problem,
                                        const QString &basicUser = {}) override;
    std::optional<AuthUser> redeemTicket(const QString &ticket) override;

private:
    // The one token check; *expired (when given) is set for an expired token.
    std::optional<AuthUser> check(const QByteArray &token, const QString &basicUser,
                                  QString *problem, bool *expired);

    // TokensTable::ownerByName, from memory while no account changed (or read again with
    // `reread`); *wasRead tells whether the row was read now.
    std::optional<TokenOwner> owner(const QString &username, bool reread, bool *wasRead);

    Database &m_db;
    const ServerConfig &m_config;
    const QByteArray &m_serverKey;
    ChangeWatch m_watch;
    quint64 m_generation = 0;
    bool m_filled = false;
    QHash<QString, std::optional<TokenOwner>> m_owners;
};

} // namespace depot
