#include "accounts/AccountHandler.h"

#include "accounts/QuotaTable.h"
#include "accounts/UsersTable.h"
#include "config/ServerConfig.h"
#include "http/JsonBody.h"

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
                                     {QStringLiteral("quota"), quotaJson(usage)},
                                     {QStringLiteral("cors_default"), corsDefault(user.id)}});
}

bool AccountHandler::corsDefault(qint64 userId)
{
    if (m_watch.moved(ChangeTopic::Accounts, &m_accountsSeen) || m_corsDefault.size() >= 10000)
        m_corsDefault.clear();
    auto it = m_corsDefault.constFind(userId);
    if (it == m_corsDefault.constEnd())
        it = m_corsDefault.insert(userId, UsersTable(m_ctx.db).corsDefault(userId));
    return *it;
}

void AccountHandler::update(const ExchangePtr &ex)
{
    const auto body = jsonObjectBody(ex);
    if (!body)
        return;
    // Every field is checked before anything is stored: a bad one changes nothing.
    QJsonObject problems;
    for (auto it = body->begin(); it != body->end(); ++it) {
        if (it.key() != u"cors_default")
            problems.insert(it.key(), tr("unknown field"));
        else if (!it.value().isBool())
            problems.insert(it.key(), tr("true or false"));
    }
    if (!problems.isEmpty()) {
        ex->fail(ApiError::invalidFields(problems));
        return;
    }
    if (body->contains(QLatin1String("cors_default")))
        UsersTable(m_ctx.db).setCorsDefault(ex->user->id,
                                            body->value(QLatin1String("cors_default")).toBool());
    me(ex);
}

} // namespace depot
