#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QUrl>

#include <optional>

namespace depot {

// What to upload to the anonymous file drop (PUT /api/v1.0/file).
struct ShareOptions
{
    QString filePath;
    QString password;     // empty: no password
    int maxDownloads = 0; // 0: the server's default (one download)
    qint64 expiresIn = 0; // seconds, 0: the server's default
};

// The drop's answer: 201 {status, url, expires_at, delete_url}.
struct ShareInfo
{
    QString status;
    QUrl url;
    QDateTime expiresAt;
    QUrl deleteUrl;

    static std::optional<ShareInfo> fromJson(const QJsonObject &object);
};

} // namespace depot
