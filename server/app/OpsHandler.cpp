#include "app/OpsHandler.h"

#include "config/Metrics.h"
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
    ex->respondJson(200, QJsonObject{{QStringLiteral("status"), QStringLiteral("ready")}});
}

void OpsHandler::metrics(const ExchangePtr &ex)
{
    ex->respond(
        HttpResponse::bytes(200, "text/plain; version=0.0.4",
                            Metrics::render(QDateTime::currentSecsSinceEpoch() - startedAt)));
}

} // namespace depot
