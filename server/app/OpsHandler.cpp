#include "app/OpsHandler.h"

#include "config/Metrics.h"
#include "endpoints/scripts/SandboxStatus.h"
#include "store/Database.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>

namespace depot {

namespace {
const qint64 startedAt = QDateTime::currentSecsSinceEpoch();
}

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
    ex->respond(
        HttpResponse::bytes(200, "text/plain; version=0.0.4",
                            Metrics::render(QDateTime::currentSecsSinceEpoch() - startedAt)));
}

} // namespace depot
