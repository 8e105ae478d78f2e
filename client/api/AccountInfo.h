#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace depot {

// The hourly request quota of the user's plan, as GET /api/v1/me reports it.
struct QuotaInfo
{
    int limit = 0;
    int used = 0;
    int remaining = 0;
    QDateTime resetAt;
};

// GET /api/v1/me: {username, plan, quota: {limit, used, remaining, reset_at}, cors_default}.
struct AccountInfo
{
    QString username;
    QString plan;
    QuotaInfo quota;
    // CORS for endpoints without their own setting; nullopt from a server without the setting.
    std::optional<bool> corsDefault;

    static std::optional<AccountInfo> fromJson(const QJsonObject &object);
};

// POST /api/v1/auth/token: {token, token_type, expires_at}.
struct TokenInfo
{
    QString token;
    QString tokenType;
    QDateTime expiresAt;

    static std::optional<TokenInfo> fromJson(const QJsonObject &object);
};

} // namespace depot
