#pragma once

#include "store/Database.h"

#include <optional>

namespace depot {

// One-time WebSocket tickets (POST /api/v1/ws-tickets): a browser cannot set an Authorization
// header on a WebSocket, and a token in a URL ends up in logs. A ticket is 256 random bits,
// stored hashed, valid for seconds and redeemable once by any instance (one DELETE decides).
class TicketsTable
{
public:
    explicit TicketsTable(Database &db) : m_db(db) {}

    struct Owner
    {
        qint64 userId = 0;
        QString username;
        QString plan;
    };

    // A new ticket for `userId`, valid for `lifetimeSeconds`.
    QString issue(qint64 userId, int lifetimeSeconds);
    // The ticket's owner if it exists, has not expired and was not redeemed before; it is gone
    // afterwards either way.
    std::optional<Owner> redeem(const QString &ticket);
    // Expired tickets (the Reaper's job).
    int purgeExpired(qint64 now);

private:
    static QByteArray hash(const QString &ticket);
    Database &m_db;
};

} // namespace depot
