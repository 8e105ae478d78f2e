#include "ui/AppSettings.h"

#include <QStandardPaths>

namespace depot {

namespace {
const QString ServerKey = QStringLiteral("session/serverUrl");
const QString UsernameKey = QStringLiteral("session/username");
const QString DirectoryKey = QStringLiteral("files/lastDirectory");
} // namespace

QUrl AppSettings::serverUrl() const
{
    return m_settings.value(ServerKey).toUrl();
}

void AppSettings::setServerUrl(const QUrl &url)
{
    m_settings.setValue(ServerKey, url);
}

QString AppSettings::username() const
{
    return m_settings.value(UsernameKey).toString();
}

void AppSettings::setUsername(const QString &username)
{
    m_settings.setValue(UsernameKey, username);
}

QString AppSettings::lastDirectory() const
{
    const QString fallback = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    return m_settings.value(DirectoryKey, fallback).toString();
}

void AppSettings::setLastDirectory(const QString &directory)
{
    m_settings.setValue(DirectoryKey, directory);
}

} // namespace depot
