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

private:
    WorkerContext m_ctx;
};

} // namespace depot
