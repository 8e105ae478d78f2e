#pragma once

#include <QSettings>
#include <QString>
#include <QUrl>

namespace depot {

// The client's remembered choices (QSettings): last server, last username, last folders.
class AppSettings
{
public:
    AppSettings() = default;

    QUrl serverUrl() const;
    void setServerUrl(const QUrl &url);
    QString username() const;
    void setUsername(const QString &username);
    QString lastDirectory() const;
    void setLastDirectory(const QString &directory);
    // The settings page: a fixed download folder (empty: the last one used), the language
    // ("": the system's), the keychain, copying new links, the request timeout.
    QString downloadFolder() const;
    void setDownloadFolder(const QString &folder);
    // Where the Save dialog starts: the fixed folder, else the last one used.
    QString downloadDirectory() const;
    QString language() const;
    void setLanguage(const QString &language);
    bool useKeychain() const;
    void setUseKeychain(bool use);
    bool copyLinks() const;
    void setCopyLinks(bool copy);
    // Share a dropped file at once (no Share click).
    bool shareOnDrop() const;
    void setShareOnDrop(bool share);
    int timeoutSeconds() const;
    void setTimeoutSeconds(int seconds);

private:
    mutable QSettings m_settings;
};

} // namespace depot
