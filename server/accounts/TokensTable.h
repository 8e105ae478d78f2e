#pragma once

#include "store/Database.h"

namespace depot {

struct TokenOwner
{
    qint64 userId = 0;
    QString username;
    QString plan;
    QByteArray secret;
};

// tokens (the seed's table): each user's JWT signing secret, replaced at every login so that
// tokens issued before it stop verifying, on every instance sharing the database.
class TokensTable
{
public:
    explicit TokensTable(Database &db) : m_db(db) {}

    QByteArray rotate(qint64 userId);
    std::optional<TokenOwner> ownerByName(const QString &username);

private:
    Database &m_db;
};

} // namespace depot
