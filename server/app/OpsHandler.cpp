#include "app/OpsHandler.h"

#include "config/Metrics.h"
#include "config/ServerConfig.h"
#include "store/Database.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>

#include <openssl/crypto.h>

namespace depot {

void OpsHandler::health(const ExchangePtr &ex)
{
    ex->respondJson(200, QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}});
}

void OpsHandler::ready(const ExchangePtr &ex)
{
    if (!m_ctx.db.ping()) {
        ex->fail(ApiError::unavailable(tr("the database does not answer"), 5));
        return;
    }
    ex->respondJson(200, QJsonObject{{QStringLiteral("status"), QStringLiteral("ready")}});
}

void OpsHandler::metrics(const ExchangePtr &ex)
{
    if (m_ctx.config.ops.metricsSeparate) { // served on --metrics-listen only
        ex->fail(ApiError::notFound());
        return;
    }
    if (!metricsAllowed(m_ctx.config.ops.metricsToken, ex->header("Authorization"))) {
        ex->fail(ApiError::unauthorized(tr("/metrics needs its token")));
        return;
    }
    ex->respond(HttpResponse::bytes(200, kMetricsType, metricsText()));
}

QByteArray OpsHandler::metricsText()
{
    QByteArray database;
    Metrics::renderCounter(database, "depot_database_errors_total",
                           "Database statements that failed.", Database::errorCount());
    Metrics::renderCounter(database, "depot_database_reconnects_total",
                           "Dropped database connections reopened.", Database::reconnectCount());
    return Metrics::render(database);
}

bool OpsHandler::metricsAllowed(const QString &token, const QByteArray &authorization)
{
    if (token.isEmpty())
        return true;
    const QByteArray expected = "Bearer " + token.toUtf8();
    return authorization.size() == expected.size() &&
           CRYPTO_memcmp(authorization.constData(), expected.constData(),
                         size_t(expected.size())) == 0;
}

} // namespace depot
