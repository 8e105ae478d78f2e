#pragma once

#include "accounts/QuotaTable.h"
#include "config/WorkerContext.h"
#include "http/HttpExchange.h"

#include <QJsonObject>

namespace depot {

// GET /api/v1/me: who the token belongs to and the hourly dump quota.
class AccountHandler
{
public:
    explicit AccountHandler(const WorkerContext &context) : m_ctx(context), m_quota(context.db) {}

    void me(const ExchangePtr &exchange);

    static QJsonObject quotaJson(const QuotaUsage &usage);

private:
    WorkerContext m_ctx;
    QuotaCache m_quota;
};

} // namespace depot
