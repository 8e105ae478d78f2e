#include "ui/AppSettings.h"

#include <QStandardPaths>

namespace depot {

namespace {
const QString ServerKey = QStringLiteral("session/serverUrl");
const QString UsernameKey = QStringLiteral("session/username");
const QString DirectoryKey = QStringLiteral("files/lastDirectory");
const QString DownloadFolderKey = QStringLiteral("files/downloadFolder");
const QString LanguageKey = QStringLiteral("ui/language");
const QString KeychainKey = QStringLiteral("session/useKeychain");
const QString CopyLinksKey = QStringLiteral("share/copyLinks");
const QString ShareOnDropKey = QStringLiteral("share/onDrop");
const QString TimeoutKey = QStringLiteral("network/timeoutSeconds");
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

QString AppSettings::downloadFolder() const
{
    return m_settings.value(DownloadFolderKey).toString();
}

void AppSettings::setDownloadFolder(const QString &folder)
{
    m_settings.setValue(DownloadFolderKey, folder);
}

QString AppSettings::downloadDirectory() const
{
    const QString fixed = downloadFolder();
    return fixed.isEmpty() ? lastDirectory() : fixed;
}

QString AppSettings::language() const
{
    return m_settings.value(LanguageKey).toString();
}

void AppSettings::setLanguage(const QString &language)
{
    m_settings.setValue(LanguageKey, language);
}

bool AppSettings::useKeychain() const
{
    return m_settings.value(KeychainKey, true).toBool();
}

void AppSettings::setUseKeychain(bool use)
{
    m_settings.setValue(KeychainKey, use);
}

bool AppSettings::copyLinks() const
{
    return m_settings.value(CopyLinksKey, true).toBool();
}

void AppSettings::setCopyLinks(bool copy)
{
    m_settings.setValue(CopyLinksKey, copy);
}

bool AppSettings::shareOnDrop() const
{
    return m_settings.value(ShareOnDropKey, false).toBool();
}

void AppSettings::setShareOnDrop(bool share)
{
    m_settings.setValue(ShareOnDropKey, share);
}

int AppSettings::timeoutSeconds() const
{
    return qBound(5, m_settings.value(TimeoutKey, 30).toInt(), 600);
}

void AppSettings::setTimeoutSeconds(int seconds)
{
    m_settings.setValue(TimeoutKey, seconds);
}

} // namespace depot
