#include "api/ShareInfo.h"

#include "api/JsonFields.h"

namespace depot {

std::optional<ShareInfo> ShareInfo::fromJson(const QJsonObject &object)
{
    ShareInfo info;
    info.url = QUrl(object.value(QLatin1String("url")).toString(), QUrl::StrictMode);
    if (!info.url.isValid() || info.url.isRelative())
        return std::nullopt;
    info.status = object.value(QLatin1String("status")).toString();
    info.expiresAt = JsonFields::dateTime(object.value(QLatin1String("expires_at")));
    info.deleteUrl = QUrl(object.value(QLatin1String("delete_url")).toString());
    return info;
}

} // namespace depot
