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

    // /metrics as text (shared with the --metrics-listen listener) and its token check.
    static constexpr const char *kMetricsType = "text/plain; version=0.0.4; charset=utf-8";
    static QByteArray metricsText();
    static bool metricsAllowed(const QString &token, const QByteArray &authorization);

private:
    WorkerContext m_ctx;
};

} // namespace depot
