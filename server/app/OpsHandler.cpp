#include "app/OpsHandler.h"

#include "config/Metrics.h"
#include "endpoints/scripts/SandboxStatus.h"
#include "store/Database.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonObject>

// A resource in a static library is linked only when something refers to it.
static void initServerResources()
{
    Q_INIT_RESOURCE(server);
}

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
