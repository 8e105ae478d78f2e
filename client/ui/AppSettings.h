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

private:
    mutable QSettings m_settings;
};

} // namespace depot
