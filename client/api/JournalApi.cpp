#include "api/JournalApi.h"

#include "api/ApiClient.h"
#include "api/Session.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrlQuery>

namespace depot::JournalApi {
namespace {

QUrl journalUrl(ApiClient *client, qint64 endpointId)
{
    return client->session()->apiUrl(
        endpointId > 0 ? QStringLiteral("/api/v1/endpoints/%1/requests").arg(endpointId)
                       : QStringLiteral("/api/v1/unmatched"));
}

void send(ApiClient *client, const QByteArray &verb, const QUrl &url, QObject *context,
          ApiClient::RawHandler handler)
{
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    client->session()->authorize(request);
    QNetworkReply *reply = client->network()->sendCustomRequest(request, verb);
    client->handleReply(reply, context, true, std::move(handler));
}

ApiClient::RawHandler noContent(ApiCallback<bool> done)
{
    return [done](QNetworkReply *, const QByteArray &, const RequestError &error) {
        if (!error.isNull())
            return done(error);
        done(true);
    };
}

} // namespace

void fetch(ApiClient *client, qint64 endpointId, int limit, QObject *context,
           ApiCallback<Page> done)
{
    QUrl url = journalUrl(client, endpointId);
    url.setQuery(QStringLiteral("limit=%1").arg(limit));
    send(client, "GET", url, context,
         [done](QNetworkReply *, const QByteArray &body, const RequestError &error) {
             if (!error.isNull())
                 return done(error);
             const QJsonObject object = QJsonDocument::fromJson(body).object();
             Page page;
             page.total = object.value(QLatin1String("total")).toInteger();
             for (const QJsonValue &item : object.value(QLatin1String("items")).toArray())
                 page.items.append(item.toObject());
             done(page);
         });
}

void clear(ApiClient *client, qint64 endpointId, QObject *context, ApiCallback<bool> done)
{
    send(client, "DELETE", journalUrl(client, endpointId), context, noContent(done));
}

void resetSequence(ApiClient *client, qint64 endpointId, QObject *context, ApiCallback<bool> done)
{
    send(client, "POST",
         client->session()->apiUrl(QStringLiteral("/api/v1/endpoints/%1/reset").arg(endpointId)),
         context, noContent(done));
}

} // namespace depot::JournalApi
