#include "app/OpsHandler.h"

#include "config/Metrics.h"
#include "config/ServerConfig.h"
#include "endpoints/scripts/SandboxStatus.h"
#include "store/Database.h"
#include "store/DbListener.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonObject>

#include <openssl/crypto.h>

// A resource in a static library is linked only when something refers to it.
static void initServerResources()
{
    Q_INIT_RESOURCE(server);
}

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
    // Scripts that cannot run make the server degraded, not unready: everything else serves.
    QJsonObject answer{{QStringLiteral("status"), QStringLiteral("ready")},
                       {QStringLiteral("database"), QStringLiteral("ok")},
                       {QStringLiteral("scripts"), QStringLiteral("ok")}};
    if (const QString problem = m_ctx.sandbox ? m_ctx.sandbox->problem() : QString();
        !problem.isEmpty()) {
        answer.insert(QStringLiteral("status"), QStringLiteral("degraded"));
        answer.insert(QStringLiteral("scripts"), QStringLiteral("degraded"));
        answer.insert(QStringLiteral("scripts_problem"), problem);
    }
    ex->respondJson(200, answer);
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
    // PostgreSQL's LISTEN connection (store/DbListener); 0 on SQLite, which has none.
    Metrics::renderGauge(
        database, "depot_database_listening",
        "1 while PostgreSQL notifications flow (else caches refresh every second).",
        DbListener::up() ? 1 : 0);
    Metrics::renderCounter(database, "depot_database_notifications_total",
                           "PostgreSQL notifications received from the database.",
                           DbListener::notificationCount());
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

void OpsHandler::openapi(const ExchangePtr &ex)
{
    static const QByteArray document = [] {
        initServerResources();
        QFile file(QStringLiteral(":/depot/openapi.yaml"));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }();
    if (document.isEmpty()) {
        ex->fail(ApiError::internal(tr("the API description is not built in")));
        return;
    }
    HttpResponse response = HttpResponse::bytes(200, "application/yaml; charset=utf-8", document);
    response.setHeader("Cache-Control", "public, max-age=300");
    ex->respond(response);
}

} // namespace depot
