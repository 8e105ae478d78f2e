#pragma once

#include "store/Database.h"

namespace depot {

struct TokenOwner
{
    qint64 userId = 0;
    QString username;
    QString plan;
    QByteArray secret; // the signing key
};

// tokens (the seed's table): each user's JWT signing secret, replaced at every login so that
// tokens issued before it stop verifying, on every instance sharing the database.
class TokensTable
{
public:
    // Signing keys are derived from the server key and the stored per-user secret (ServerKey).
    TokensTable(Database &db, const QByteArray &serverKey) : m_db(db), m_serverKey(serverKey) {}

    // Stores a new per-user secret; returns the key to sign the user's tokens with.
    QByteArray rotate(qint64 userId);
    // `secret` of the result is the signing key, not the stored secret.
    std::optional<TokenOwner> ownerByName(const QString &username);

private:
    Database &m_db;
    QByteArray m_serverKey;
};

} // namespace depot
