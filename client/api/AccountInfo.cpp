#include "api/AccountInfo.h"

#include "api/JsonFields.h"

namespace depot {

std::optional<AccountInfo> AccountInfo::fromJson(const QJsonObject &object)
{
    AccountInfo info;
    info.username = object.value(QLatin1String("username")).toString();
    if (info.username.isEmpty())
        return std::nullopt;
    info.plan = object.value(QLatin1String("plan")).toString();
    const QJsonObject quota = object.value(QLatin1String("quota")).toObject();
    info.quota.limit = JsonFields::integer(quota.value(QLatin1String("limit")));
    info.quota.used = JsonFields::integer(quota.value(QLatin1String("used")));
    info.quota.remaining = JsonFields::integer(quota.value(QLatin1String("remaining")),
                                               qMax(0, info.quota.limit - info.quota.used));
    info.quota.resetAt = JsonFields::dateTime(quota.value(QLatin1String("reset_at")));
    const QJsonValue cors = object.value(QLatin1String("cors_default"));
    if (cors.isBool())
        info.corsDefault = cors.toBool();
    return info;
}

std::optional<TokenInfo> TokenInfo::fromJson(const QJsonObject &object)
{
    TokenInfo info;
    info.token = object.value(QLatin1String("token")).toString();
    if (info.token.isEmpty())
        return std::nullopt;
    info.tokenType = object.value(QLatin1String("token_type")).toString();
    info.expiresAt = JsonFields::dateTime(object.value(QLatin1String("expires_at")));
    return info;
}

} // namespace depot
