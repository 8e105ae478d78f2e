#include "accounts/AccountHandler.h"

#include "config/ServerConfig.h"
#include "accounts/QuotaTable.h"

#include <QDateTime>

namespace depot {

QJsonObject AccountHandler::quotaJson(const QuotaUsage &usage)
{
    return QJsonObject{
        {QStringLiteral("limit"), usage.limit},
        {QStringLiteral("used"), usage.used},
        {QStringLiteral("remaining"), usage.remaining()},
        {QStringLiteral("window_seconds"), QuotaTable::WindowSeconds},
        {QStringLiteral("reset_at"),
         usage.resetAt > 0
             ? QJsonValue(
                   QDateTime::fromSecsSinceEpoch(usage.resetAt, Qt::UTC).toString(Qt::ISODate))
             : QJsonValue(QJsonValue::Null)},
    };
}

void AccountHandler::me(const ExchangePtr &ex)
{
    const AuthUser &user = *ex->user;
    const QuotaUsage usage = m_quota.usage(user.id, m_ctx.config.accounts.planLimit(user.plan));
    ex->respondJson(200, QJsonObject{{QStringLiteral("username"), user.username},
                                     {QStringLiteral("plan"), user.plan},
                                     {QStringLiteral("quota"), quotaJson(usage)}});
}

} // namespace depot
