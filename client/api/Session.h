#pragma once

#include <QDateTime>
#include <QObject>
#include <QUrl>

class QNetworkRequest;

namespace depot {

// Who the client talks to and as whom: the server URL, the username and the Bearer token.
class Session : public QObject
{
    Q_OBJECT
public:
    explicit Session(QObject *parent = nullptr);

    QUrl serverUrl() const { return m_serverUrl; }
    void setServerUrl(const QUrl &url);
    QString username() const { return m_username; }
    QString token() const { return m_token; }
    QDateTime expiresAt() const { return m_expiresAt; }
    bool isLoggedIn() const { return !m_token.isEmpty(); }

    void start(const QUrl &serverUrl, const QString &username, const QString &token,
               const QDateTime &expiresAt);
    void logout();
    // Called when an authenticated call answered 401: the token is no longer good.
    void invalidate();

    // The server URL joined with an API path ("/api/v1/me").
    QUrl apiUrl(const QString &path) const;
    void authorize(QNetworkRequest &request) const;

    // Accepts "host:port", "http://host:port/" and similar; empty when unusable.
    static QUrl normalizeServerUrl(const QString &text);

signals:
    void changed();
    // A call needs a new login (the token expired or was replaced by a login elsewhere).
    void authenticationRequired();

private:
    QUrl m_serverUrl;
    QString m_username;
    QString m_token;
    QDateTime m_expiresAt;
};

} // namespace depot
