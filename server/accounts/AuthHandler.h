#pragma once

#include "accounts/AccountRemoval.h"
#include "config/WorkerContext.h"
#include "http/HttpExchange.h"

#include <functional>

namespace depot {

// POST /api/v1/users (sign-up) and POST /api/v1/auth/token (log in). The password KDF runs on
// the thread pool, never on the worker's event loop; the answer follows on the worker thread.
class AuthHandler
{
    Q_DECLARE_TR_FUNCTIONS(AuthHandler)

public:
    AuthHandler(const WorkerContext &context, AccountRemoval removal)
        : m_ctx(context), m_removal(std::move(removal))
    {
    }

    void signUp(const ExchangePtr &exchange);
    void issueToken(const ExchangePtr &exchange);
    // POST /api/v1/ws-tickets: a one-time ticket for the first message of a WebSocket
    void issueTicket(const ExchangePtr &exchange);
    static constexpr int TicketSeconds = 30;
    // PUT /api/v1/me/password {"current_password","new_password"}: 200 with a new token; every
    // older token of the user stops working.
    void changePassword(const ExchangePtr &exchange);
    // DELETE /api/v1/me {"password"}: 204 once the account, its content and files are gone
    // (AccountRemoval); its tokens stop working at once.
    void deleteAccount(const ExchangePtr &exchange);

private:
    // Checks `current` against the token owner's password (throttled like log-in; the KDFs on
    // the thread pool), then calls `next` on the worker with `newPassword` hashed (empty when
    // `newPassword` is). A wrong password is answered 403 here.
    void withCurrentPassword(const ExchangePtr &ex, const QString &current,
                             const QString &newPassword,
                             std::function<void(const QString &newHash)> next);
    static void respondWithNewToken(const ExchangePtr &ex, const WorkerContext &ctx, qint64 userId,
                                    const QString &username);

    WorkerContext m_ctx;
    AccountRemoval m_removal;
};

} // namespace depot
