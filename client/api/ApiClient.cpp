#include "api/ApiClient.h"

#include "api/EndpointFields.h"
#include "api/FileDownload.h"
#include "api/JsonFields.h"
#include "api/ReplyWatchdog.h"
#include "api/Session.h"
#include "api/ShareUpload.h"
#include "api/TlsTrust.h"
#include "api/UploadForm.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHttpMultiPart>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace depot {

namespace {

int statusOf(QNetworkReply *reply)
{
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

QJsonObject credentials(const QString &username, const QString &password)
{
    return QJsonObject{{QStringLiteral("username"), username},
                       {QStringLiteral("password"), password}};
}

// Calls a callback later with an error, so that callers see the same order as for a real call.
template <typename T>
void failLater(QObject *context, ApiCallback<T> done, const RequestError &error)
{
    QTimer::singleShot(0, context ? context : QCoreApplication::instance(),
                       [done, error] { done(error); });
}

} // namespace

ApiClient::ApiClient(Session *session, QObject *parent)
    : QObject(parent), m_session(session), m_network(new QNetworkAccessManager(this)),
      m_tlsTrust(new TlsTrust(m_network, this))
{
    m_network->setTransferTimeout(0);
}

QNetworkRequest ApiClient::jsonRequest(const QUrl &url, bool authenticated) const
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Accept", "application/json");
    if (authenticated)
        m_session->authorize(request);
    return request;
}

QNetworkReply *ApiClient::sendJson(const QByteArray &verb, const QUrl &url,
                                   const QJsonDocument &body, bool authenticated)
{
    const QNetworkRequest request = jsonRequest(url, authenticated);
    const QByteArray data = body.isNull() ? QByteArray() : body.toJson(QJsonDocument::Compact);
    return m_network->sendCustomRequest(request, verb, data);
}

void ApiClient::watch(QNetworkReply *reply, QObject *context, int timeoutMs)
{
    new ReplyWatchdog(reply, timeoutMs < 0 ? m_timeoutMs : timeoutMs);
    reply->setProperty("depotContext", QVariant::fromValue(static_cast<void *>(context)));
}

void ApiClient::cancel(QObject *context)
{
    const QList<QNetworkReply *> replies = m_network->findChildren<QNetworkReply *>();
    for (QNetworkReply *reply : replies) {
        if (reply->property("depotContext").value<void *>() != static_cast<void *>(context))
            continue;
        if (ReplyWatchdog *watchdog = ReplyWatchdog::of(reply))
            watchdog->cancel();
    }
}

void ApiClient::handleReply(QNetworkReply *reply, QObject *context, bool authenticated,
                            RawHandler handler)
{
    if (!ReplyWatchdog::of(reply))
        watch(reply, context);
    connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
    connect(reply, &QNetworkReply::finished, context ? context : this,
            [this, reply, authenticated, handler] {
                const QByteArray body = reply->readAll();
                const int status = statusOf(reply);
                RequestError error;
                if (status < 200 || status >= 300)
                    error = RequestError::fromReply(reply, body);
                if (authenticated && status == 401)
                    m_session->invalidate();
                handler(reply, body, error);
            });
}

void ApiClient::signUp(const QUrl &serverUrl, const QString &username, const QString &password,
                       QObject *context, ApiCallback<QJsonObject> done)
{
    m_session->setServerUrl(serverUrl);
    QNetworkReply *reply = sendJson("POST", m_session->apiUrl(QStringLiteral("/api/v1/users")),
                                    QJsonDocument(credentials(username, password)), false);
    handleReply(reply, context, false,
                [done](QNetworkReply *, const QByteArray &body, const RequestError &error) {
                    if (!error.isNull())
                        return done(error);
                    done(QJsonDocument::fromJson(body).object());
                });
}

void ApiClient::login(const QUrl &serverUrl, const QString &username, const QString &password,
                      QObject *context, ApiCallback<TokenInfo> done)
{
    m_session->setServerUrl(serverUrl);
    QNetworkReply *reply = sendJson("POST", m_session->apiUrl(QStringLiteral("/api/v1/auth/token")),
                                    QJsonDocument(credentials(username, password)), false);
    handleReply(reply, context, false,
                [this, serverUrl, username, done](QNetworkReply *reply, const QByteArray &body,
                                                  const RequestError &error) {
                    if (!error.isNull())
                        return done(error);
                    const auto token = TokenInfo::fromJson(QJsonDocument::fromJson(body).object());
                    if (!token)
                        return done(RequestError::invalidResponse(statusOf(reply), tr("no token")));
                    m_session->start(serverUrl, username, token->token, token->expiresAt);
                    done(*token);
                });
}

void ApiClient::fetchAccount(QObject *context, ApiCallback<AccountInfo> done)
{
    expectAccount(
        m_network->get(jsonRequest(m_session->apiUrl(QStringLiteral("/api/v1/me")), true)), context,
        done);
}

void ApiClient::updateAccount(const QJsonObject &changes, QObject *context,
                              ApiCallback<AccountInfo> done)
{
    expectAccount(sendJson("PATCH", m_session->apiUrl(QStringLiteral("/api/v1/me")),
                           QJsonDocument(changes), true),
                  context, done);
}

void ApiClient::expectAccount(QNetworkReply *reply, QObject *context, ApiCallback<AccountInfo> done)
{
    handleReply(
        reply, context, true,
        [done](QNetworkReply *reply, const QByteArray &body, const RequestError &error) {
            if (!error.isNull())
                return done(error);
            const auto account = AccountInfo::fromJson(QJsonDocument::fromJson(body).object());
            if (!account)
                return done(RequestError::invalidResponse(statusOf(reply), tr("no username")));
            done(*account);
        });
}

namespace {

// The items of a list answer ({"items": [...]} or a bare array); entries that do not parse are
// skipped.
template <typename T> QList<T> itemsOf(const QByteArray &body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    const QJsonArray array = JsonFields::list(document.isArray() ? QJsonValue(document.array())
                                                                 : QJsonValue(document.object()));
    QList<T> items;
    for (const QJsonValue &value : array) {
        if (const auto item = T::fromJson(value.toObject()))
            items.append(*item);
    }
    return items;
}

} // namespace

void ApiClient::listEndpoints(QObject *context, ApiCallback<QList<Endpoint>> done)
{
    QNetworkReply *reply = m_network->get(
        jsonRequest(m_session->apiUrl(QStringLiteral("/api/v1/endpoints?limit=500")), true));
    handleReply(reply, context, true,
                [done](QNetworkReply *, const QByteArray &body, const RequestError &error) {
                    if (!error.isNull())
                        return done(error);
                    done(itemsOf<Endpoint>(body));
                });
}

void ApiClient::expectEndpoint(QNetworkReply *reply, QObject *context, ApiCallback<Endpoint> done)
{
    handleReply(reply, context, true,
                [done](QNetworkReply *reply, const QByteArray &body, const RequestError &error) {
                    if (!error.isNull())
                        return done(error);
                    QJsonObject object = QJsonDocument::fromJson(body).object();
                    if (object.value(QLatin1String("endpoint")).isObject())
                        object = object.value(QLatin1String("endpoint")).toObject();
                    QString why;
                    const auto endpoint = Endpoint::fromJson(object, &why);
                    if (!endpoint)
                        return done(RequestError::invalidResponse(statusOf(reply), why));
                    done(*endpoint);
                });
}

static QString endpointPath(qint64 id, const QString &suffix = QString())
{
    return QStringLiteral("/api/v1/endpoints/") + QString::number(id) + suffix;
}

void ApiClient::fetchEndpoint(qint64 id, QObject *context, ApiCallback<Endpoint> done)
{
    expectEndpoint(m_network->get(jsonRequest(m_session->apiUrl(endpointPath(id)), true)), context,
                   done);
}

void ApiClient::createEndpoint(const Endpoint &endpoint, const QString &filePath, QObject *context,
                               ApiCallback<Endpoint> done)
{
    const QUrl url = m_session->apiUrl(QStringLiteral("/api/v1/endpoints"));
    if (endpoint.kind == Endpoint::Kind::Json || filePath.isEmpty()) {
        expectEndpoint(sendJson("POST", url, QJsonDocument(EndpointFields::toJson(endpoint)), true),
                       context, done);
        return;
    }
    QString error;
    QHttpMultiPart *form =
        UploadForm::create(EndpointFields::toFormFields(endpoint), filePath, &error);
    if (!form)
        return failLater(context, done, RequestError::local(error));
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    m_session->authorize(request);
    QNetworkReply *reply = m_network->post(request, form);
    form->setParent(reply);
    expectEndpoint(reply, context, done);
}

void ApiClient::updateEndpoint(qint64 id, const Endpoint &endpoint, QObject *context,
                               ApiCallback<Endpoint> done)
{
    expectEndpoint(sendJson("PUT", m_session->apiUrl(endpointPath(id)),
                            QJsonDocument(EndpointFields::toJson(endpoint)), true),
                   context, done);
}

void ApiClient::patchEndpoint(qint64 id, const QJsonObject &changes, QObject *context,
                              ApiCallback<Endpoint> done)
{
    expectEndpoint(
        sendJson("PATCH", m_session->apiUrl(endpointPath(id)), QJsonDocument(changes), true),
        context, done);
}

void ApiClient::replaceEndpointContent(qint64 id, const QString &filePath, QObject *context,
                                       ApiCallback<Endpoint> done)
{
    QString error;
    QHttpMultiPart *form = UploadForm::create({}, filePath, &error);
    if (!form)
        return failLater(context, done, RequestError::local(error));
    QNetworkRequest request(m_session->apiUrl(endpointPath(id, QStringLiteral("/content"))));
    request.setRawHeader("Accept", "application/json");
    m_session->authorize(request);
    QNetworkReply *reply = m_network->put(request, form);
    form->setParent(reply);
    expectEndpoint(reply, context, done);
}

void ApiClient::fetchEndpointContent(qint64 id, QObject *context, ApiCallback<QByteArray> done)
{
    QNetworkRequest request(m_session->apiUrl(endpointPath(id, QStringLiteral("/content"))));
    request.setRawHeader("Accept", "*/*");
    m_session->authorize(request);
    handleReply(m_network->get(request), context, true,
                [done](QNetworkReply *, const QByteArray &body, const RequestError &error) {
                    if (!error.isNull())
                        return done(error);
                    done(body);
                });
}

void ApiClient::deleteEndpoint(qint64 id, QObject *context, ApiCallback<bool> done)
{
    QNetworkReply *reply =
        m_network->deleteResource(jsonRequest(m_session->apiUrl(endpointPath(id)), true));
    handleReply(reply, context, true,
                [done](QNetworkReply *, const QByteArray &, const RequestError &error) {
                    if (!error.isNull())
                        return done(error);
                    done(true);
                });
}

void ApiClient::sendDump(const QString &filePath, QObject *context, ApiCallback<DumpReport> done,
                         DumpMode mode)
{
    auto *file = new QFile(filePath);
    if (!file->open(QIODevice::ReadOnly)) {
        const RequestError error = RequestError::local(
            tr("Cannot read %1: %2").arg(QFileInfo(filePath).fileName(), file->errorString()));
        delete file;
        return failLater(context, done, error);
    }
    const bool xml = filePath.endsWith(QLatin1String(".xml"), Qt::CaseInsensitive);
    QNetworkRequest request = jsonRequest(m_session->apiUrl(QStringLiteral("/api/v1/dumps")), true);
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      xml ? QByteArrayLiteral("application/xml")
                          : QByteArrayLiteral("application/json"));
    if (mode == DumpMode::Async)
        request.setRawHeader("Prefer", "respond-async");
    QNetworkReply *reply = m_network->post(request, file);
    file->setParent(reply);
    // Image fetching may take a while: the server answers when every image is done.
    watch(reply, context, qMax(m_timeoutMs, 10 * 60 * 1000));
    expectDump(reply, context, done);
}

void ApiClient::requestWsTicket(QObject *context, ApiCallback<QString> done)
{
    QNetworkReply *reply = sendJson("POST", m_session->apiUrl(QStringLiteral("/api/v1/ws-tickets")),
                                    QJsonDocument(QJsonObject()), true);
    handleReply(
        reply, context, true,
        [done](QNetworkReply *reply, const QByteArray &body, const RequestError &error) {
            if (!error.isNull())
                return done(error);
            const QString ticket =
                QJsonDocument::fromJson(body).object().value(QLatin1String("ticket")).toString();
            if (ticket.isEmpty())
                return done(RequestError::invalidResponse(statusOf(reply), tr("no ticket")));
            done(ticket);
        });
}

QUrl ApiClient::webSocketUrl(const QString &path) const
{
    QUrl url = m_session->apiUrl(path);
    url.setScheme(url.scheme() == QLatin1String("https") ? QStringLiteral("wss")
                                                         : QStringLiteral("ws"));
    return url;
}

void ApiClient::fetchDump(const QString &requestId, QObject *context, ApiCallback<DumpReport> done)
{
    const QString path =
        QStringLiteral("/api/v1/dumps/") + QString::fromLatin1(QUrl::toPercentEncoding(requestId));
    expectDump(m_network->get(jsonRequest(m_session->apiUrl(path), true)), context, done);
}

void ApiClient::fetchDumpImage(const QString &requestId, qint64 imageId, int maxSide,
                               QObject *context, ApiCallback<QImage> done)
{
    const QString path = QStringLiteral("/api/v1/dumps/") +
                         QString::fromLatin1(QUrl::toPercentEncoding(requestId)) +
                         QStringLiteral("/images/") + QString::number(imageId);
    QNetworkRequest request(m_session->apiUrl(path));
    request.setRawHeader("Accept", "image/*");
    m_session->authorize(request);
    handleReply(
        m_network->get(request), context, true,
        [done, maxSide](QNetworkReply *reply, const QByteArray &body, const RequestError &error) {
            if (!error.isNull())
                return done(error);
            QImage image;
            if (!image.loadFromData(body))
                return done(RequestError::invalidResponse(statusOf(reply), tr("not an image")));
            done(image.scaled(maxSide, maxSide, Qt::KeepAspectRatio, Qt::SmoothTransformation));
        });
}

void ApiClient::expectDump(QNetworkReply *reply, QObject *context, ApiCallback<DumpReport> done)
{
    handleReply(reply, context, true,
                [done](QNetworkReply *reply, const QByteArray &body, const RequestError &error) {
                    if (!error.isNull())
                        return done(error);
                    auto report = DumpReport::fromJson(QJsonDocument::fromJson(body).object());
                    if (!report)
                        return done(
                            RequestError::invalidResponse(statusOf(reply), tr("no requestId")));
                    bool ok = false;
                    report->rateLimit = reply->rawHeader("X-RateLimit-Limit").toInt(&ok);
                    if (!ok)
                        report->rateLimit = -1;
                    report->rateRemaining = reply->rawHeader("X-RateLimit-Remaining").toInt(&ok);
                    if (!ok)
                        report->rateRemaining = -1;
                    done(*report);
                });
}

void ApiClient::listDumps(QObject *context, ApiCallback<QList<DumpReport>> done)
{
    QNetworkReply *reply =
        m_network->get(jsonRequest(m_session->apiUrl(QStringLiteral("/api/v1/dumps")), true));
    handleReply(reply, context, true,
                [done](QNetworkReply *, const QByteArray &body, const RequestError &error) {
                    if (!error.isNull())
                        return done(error);
                    done(itemsOf<DumpReport>(body));
                });
}

void ApiClient::probeDownload(const QUrl &link, const QString &password, QObject *context,
                              ApiCallback<DownloadProbe> done)
{
    QNetworkRequest request(link);
    request.setRawHeader("Accept", "*/*");
    if (!password.isEmpty())
        request.setRawHeader("X-Password", password.toUtf8());
    QNetworkReply *reply = m_network->head(request);
    handleReply(reply, context, false,
                [link, done](QNetworkReply *reply, const QByteArray &, const RequestError &error) {
                    if (!error.isNull())
                        return done(error);
                    DownloadProbe probe;
                    const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
                    probe.size = length.isValid() ? length.toLongLong() : -1;
                    probe.fileName = FileDownload::fileNameFromContentDisposition(
                        reply->rawHeader("Content-Disposition"));
                    if (probe.fileName.isEmpty())
                        probe.fileName = FileDownload::safeFileName(link.path());
                    done(probe);
                });
}

ShareUpload *ApiClient::shareFile(const ShareOptions &options)
{
    return new ShareUpload(m_network, m_session->apiUrl(QStringLiteral("/api/v1.0/file")), options,
                           m_timeoutMs, this);
}

FileDownload *ApiClient::download(const QUrl &link, const QString &password)
{
    return new FileDownload(m_network, link, password, m_timeoutMs, this);
}

} // namespace depot
