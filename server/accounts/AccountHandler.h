#pragma once

#include "accounts/QuotaTable.h"
#include "config/WorkerContext.h"
#include "http/HttpExchange.h"

#include <QJsonObject>

namespace depot {

// GET /api/v1/me: who the token belongs to, the hourly dump quota and the account's settings;
// PATCH /api/v1/me changes the settings (cors_default).
class AccountHandler
{
    Q_DECLARE_TR_FUNCTIONS(AccountHandler)

public:
    explicit AccountHandler(const WorkerContext &context)
        : m_ctx(context), m_quota(context.db), m_watch(context.db)
    {
    }

    void me(const ExchangePtr &exchange);
    void update(const ExchangePtr &exchange);

    static QJsonObject quotaJson(const QuotaUsage &usage);

private:
    WorkerContext m_ctx;
    QuotaCache m_quota;
    // users.cors_default per user, kept while no account changed (ChangeTopic::Accounts).
    bool corsDefault(qint64 userId);
    ChangeWatch m_watch;
    quint64 m_accountsSeen = 0;
    QHash<qint64, bool> m_corsDefault;
};

} // namespace depot
