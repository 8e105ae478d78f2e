#pragma once

#include "http/HttpExchange.h"

namespace depot {

class Database;
struct ServerConfig;

// The per-route token check (the router runs it for Access::User routes). Accepts
// "Authorization: Bearer <jwt>" and the seed's basic-auth token "Basic base64(username:<jwt>)".
// Cheap: one indexed lookup and one HMAC; the password KDF never runs here.
class Auth
{
    Q_DECLARE_TR_FUNCTIONS(Auth)

public:
    Auth(Database &db, const ServerConfig &config, const QByteArray &serverKey)
        : m_db(db), m_config(config), m_serverKey(serverKey)
    {
    }

    // Sets exchange->user, or answers 401 and returns false.
    bool authenticate(const ExchangePtr &exchange);

private:
    Database &m_db;
    const ServerConfig &m_config;
    const QByteArray &m_serverKey;
};

} // namespace depot
