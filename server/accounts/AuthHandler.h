#pragma once

#include "config/WorkerContext.h"
#include "http/HttpExchange.h"

namespace depot {

// POST /api/v1/users (sign-up) and POST /api/v1/auth/token (log in). The password KDF runs on
// the thread pool, never on the worker's event loop; the answer follows on the worker thread.
class AuthHandler
{
    Q_DECLARE_TR_FUNCTIONS(AuthHandler)

public:
    explicit AuthHandler(const WorkerContext &context) : m_ctx(context) {}

    void signUp(const ExchangePtr &exchange);
    void issueToken(const ExchangePtr &exchange);
    // POST /api/v1/ws-tickets: a one-time ticket for the first message of a WebSocket
    void issueTicket(const ExchangePtr &exchange);
    static constexpr int TicketSeconds = 30;
    // PUT /api/v1/me/password {"current_password","new_password"}: 200 with a new token; every
    // older token of the user stops working.
    void changePassword(const ExchangePtr &exchange);

private:
    static void respondWithNewToken(const ExchangePtr &ex, const WorkerContext &ctx, qint64 userId,
                                    const QString &username);

    WorkerContext m_ctx;
};

} // namespace depot
