#pragma once

#include "config/WorkerContext.h"
#include "http/HttpExchange.h"

#include <QJsonObject>

namespace depot {

struct QuotaUsage;

// GET /api/v1/me: who the token belongs to and the hourly dump quota.
class AccountHandler
{
public:
    explicit AccountHandler(const WorkerContext &context) : m_ctx(context) {}

    void me(const ExchangePtr &exchange);

    static QJsonObject quotaJson(const QuotaUsage &usage);

private:
    WorkerContext m_ctx;
};

} // namespace depot
