#pragma once

#include "api/AccountInfo.h"
#include "api/ApiResult.h"
#include "api/DumpReport.h"
#include "api/ShareInfo.h"
#include "model/Endpoint.h"

#include <QImage>
#include <QJsonDocument>
#include <QList>
#include <QObject>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace depot {

// What HEAD says about a file-drop link.
struct DownloadProbe
{
    QString fileName;
    qint64 size = -1;
};

class FileDownload;
class Session;
class ShareUpload;
class TlsTrust;

// The server's public HTTP API, asynchronous. Each call takes a context object: when it is
// destroyed before the answer arrives, the callback is not called.
class ApiClient : public QObject
{
    Q_OBJECT
public:
    explicit ApiClient(Session *session, QObject *parent = nullptr);

    Session *session() const { return m_session; }
    QNetworkAccessManager *network() const { return m_network; }
    // Every call's certificate checks (https servers, self-signed ones trusted by fingerprint).
    TlsTrust *tlsTrust() const { return m_tlsTrust; }

    // Accounts (POST /api/v1/users, POST /api/v1/auth/token, GET /api/v1/me).
    void signUp(const QUrl &serverUrl, const QString &username, const QString &password,
                QObject *context, ApiCallback<QJsonObject> done);
    // On success the session holds the new token.
    void login(const QUrl &serverUrl, const QString &username, const QString &password,
               QObject *context, ApiCallback<TokenInfo> done);
    void fetchAccount(QObject *context, ApiCallback<AccountInfo> done);
    // PATCH /api/v1/me: account settings ({"cors_default": true}); answers the account.
    void updateAccount(const QJsonObject &changes, QObject *context, ApiCallback<AccountInfo> done);

    // Hosted endpoints (/api/v1/endpoints). filePath is the content of file and script endpoints.
    void listEndpoints(QObject *context, ApiCallback<QList<Endpoint>> done);
    void fetchEndpoint(qint64 id, QObject *context, ApiCallback<Endpoint> done);
    void createEndpoint(const Endpoint &endpoint, const QString &filePath, QObject *context,
                        ApiCallback<Endpoint> done);
    void updateEndpoint(qint64 id, const Endpoint &endpoint, QObject *context,
                        ApiCallback<Endpoint> done);
    void patchEndpoint(qint64 id, const QJsonObject &changes, QObject *context,
                       ApiCallback<Endpoint> done);
    void replaceEndpointContent(qint64 id, const QString &filePath, QObject *context,
                                ApiCallback<Endpoint> done);
    // GET /api/v1/endpoints/{id}/content: the stored script, file or response JSON as bytes.
    void fetchEndpointContent(qint64 id, QObject *context, ApiCallback<QByteArray> done);
    void deleteEndpoint(qint64 id, QObject *context, ApiCallback<bool> done);

    // Image dumps (/api/v1/dumps): an .xml or .json file sent as it is, the report asked as JSON.
    // Wait: the answer comes when every image is fetched (the seed's form). Async: `Prefer:
    // respond-async`, answered at once with a PENDING summary (requestId, imageCount) whose
    // progress is on its events WebSocket (DumpEvents); a server that ignores the preference
    // answers with the full report.
    enum class DumpMode { Wait, Async };
    void sendDump(const QString &filePath, QObject *context, ApiCallback<DumpReport> done,
                  DumpMode mode = DumpMode::Wait);
    void listDumps(QObject *context, ApiCallback<QList<DumpReport>> done);
    void fetchDump(const QString &requestId, QObject *context, ApiCallback<DumpReport> done);
    // A stored image of a dump (GET /api/v1/dumps/{requestId}/images/{imageId}), scaled to fit
    // maxSide for a thumbnail.
    void fetchDumpImage(const QString &requestId, qint64 imageId, int maxSide, QObject *context,
                        ApiCallback<QImage> done);

    // A one-time ticket (POST /api/v1/ws-tickets) for a WebSocket's first message.
    void requestWsTicket(QObject *context, ApiCallback<QString> done);
    // The server's URL for a WebSocket path (ws:// or wss://).
    QUrl webSocketUrl(const QString &path) const;

    // HEAD on a file-drop link: name and size without using the link up (401 asks for the
    // password, 404 unknown, 410 used up).
    void probeDownload(const QUrl &link, const QString &password, QObject *context,
                       ApiCallback<DownloadProbe> done);

    // Anonymous file drop. The jobs belong to this client and delete themselves after finished().
    ShareUpload *shareFile(const ShareOptions &options);
    FileDownload *download(const QUrl &link, const QString &password = QString());

    // Silence (nothing sent or received) after which a call gives up with a timeout error.
    int requestTimeout() const { return m_timeoutMs; }
    void setRequestTimeout(int milliseconds) { m_timeoutMs = milliseconds; }
    // Aborts the running calls made with this context; their callbacks get a "cancelled" error.
    void cancel(QObject *context);
    // Every request goes through here: timeout watchdog and the context for cancel().
    void watch(QNetworkReply *reply, QObject *context, int timeoutMs = -1);

    // The shared behaviour of every call: status, JSON errors, 401 → session invalidated.
    using RawHandler = std::function<void(QNetworkReply *reply, const QByteArray &body,
                                          const RequestError &error)>;
    void handleReply(QNetworkReply *reply, QObject *context, bool authenticated,
                     RawHandler handler);

private:
    QNetworkRequest jsonRequest(const QUrl &url, bool authenticated) const;
    QNetworkReply *sendJson(const QByteArray &verb, const QUrl &url, const QJsonDocument &body,
                            bool authenticated);
    void expectEndpoint(QNetworkReply *reply, QObject *context, ApiCallback<Endpoint> done);
    void expectAccount(QNetworkReply *reply, QObject *context, ApiCallback<AccountInfo> done);
    void expectDump(QNetworkReply *reply, QObject *context, ApiCallback<DumpReport> done);

    Session *m_session;
    QNetworkAccessManager *m_network;
    TlsTrust *m_tlsTrust;
    int m_timeoutMs = 30000;
};

} // namespace depot
