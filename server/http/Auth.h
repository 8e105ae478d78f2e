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
