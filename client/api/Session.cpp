#include "api/Session.h"

#include <QNetworkRequest>

namespace depot {

Session::Session(QObject *parent) : QObject(parent) {}

void Session::setServerUrl(const QUrl &url)
{
    if (url == m_serverUrl)
        return;
    m_serverUrl = url;
    emit changed();
}

void Session::start(const QUrl &serverUrl, const QString &username, const QString &token,
                    const QDateTime &expiresAt)
{
    m_serverUrl = serverUrl;
    m_username = username;
    m_token = token;
    m_expiresAt = expiresAt;
    emit changed();
}

void Session::logout()
{
    m_token.clear();
    m_expiresAt = QDateTime();
    emit changed();
}

void Session::invalidate()
{
    const bool wasLoggedIn = isLoggedIn();
    logout();
    // Several calls may fail at once; ask for one new login only.
    if (wasLoggedIn)
        emit authenticationRequired();
}

QUrl Session::apiUrl(const QString &path) const
{
    QUrl url = m_serverUrl;
    QString base = url.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    const int query = path.indexOf(QLatin1Char('?'));
    url.setPath(base + (query < 0 ? path : path.left(query)));
    if (query >= 0)
        url.setQuery(path.mid(query + 1));
    return url;
}

void Session::authorize(QNetworkRequest &request) const
{
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
}

QUrl Session::normalizeServerUrl(const QString &text)
{
    QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return QUrl();
    if (!trimmed.contains(QLatin1String("://")))
        trimmed.prepend(QLatin1String("http://"));
    QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return QUrl();
    if (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        return QUrl();
    url.setQuery(QString());
    url.setFragment(QString());
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path);
    return url;
}

} // namespace depot
