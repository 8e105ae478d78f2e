#pragma once

#include "http/HttpExchange.h"

#include <QByteArray>
#include <QString>

namespace depot {

// The access check the router runs before an Access::User route's handler: sets
// exchange->user, or answers 401 and returns false. The accounts wing implements it
// (accounts/TokenAuth); the router knows nothing about tokens or tables.
class Authenticator
{
public:
    virtual ~Authenticator() = default;
    virtual bool authenticate(const ExchangePtr &exchange) = 0;
    // For a WebSocket's first message (http/LiveSocket): the user a bare token belongs to, or
    // nullopt with *problem (the 401 detail).
    virtual std::optional<AuthUser> verifyToken(const QByteArray &token, QString *problem,
                                                const QString &basicUser = {}) = 0;
    // The owner of a one-time WebSocket ticket (POST /api/v1/ws-tickets), used up by this call.
    virtual std::optional<AuthUser> redeemTicket(const QString &ticket) = 0;
};

// What an Authorization header carries: "Bearer <token>", or the seed's basic-auth token
// "Basic base64(username:<token>)" (basicUser set). Empty token: neither form.
struct BearerCredentials
{
    QByteArray token;
    QString basicUser;

    static BearerCredentials parse(QByteArrayView authorization);
};

} // namespace depot
