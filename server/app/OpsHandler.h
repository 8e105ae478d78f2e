#pragma once

#include "config/WorkerContext.h"
#include "http/HttpExchange.h"

namespace depot {

// GET /healthz (the process answers), /readyz (its database answers), /metrics (Prometheus),
// /api/openapi.yaml (docs/openapi.yaml, compiled in as a Qt resource).
class OpsHandler
{
    Q_DECLARE_TR_FUNCTIONS(OpsHandler)

public:
    explicit OpsHandler(const WorkerContext &context) : m_ctx(context) {}

    void health(const ExchangePtr &exchange);
    void ready(const ExchangePtr &exchange);
    void metrics(const ExchangePtr &exchange);
    void openapi(const ExchangePtr &exchange);

private:
    WorkerContext m_ctx;
};

} // namespace depot
