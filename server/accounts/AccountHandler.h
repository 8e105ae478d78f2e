#pragma once

#include "config/WorkerContext.h"
#include "http/HttpExchange.h"

#include <QJsonObject>

namespace depot {

struct QuotaUsage;

// GET /api/v1/me: who the token belongs to, the hourly dump quota and the account's settings;
// PATCH /api/v1/me changes the settings (cors_default).
class AccountHandler
{
    Q_DECLARE_TR_FUNCTIONS(AccountHandler)

public:
    explicit AccountHandler(const WorkerContext &context) : m_ctx(context) {}

    void me(const ExchangePtr &exchange);
    void update(const ExchangePtr &exchange);

    static QJsonObject quotaJson(const QuotaUsage &usage);

private:
    WorkerContext m_ctx;
};

} // namespace depot
