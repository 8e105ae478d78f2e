#include "app/Worker.h"

#include "accounts/TokenAuth.h"
#include "app/Routes.h"
#include "http/Router.h"
#include "net/ConnectionGuard.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerRouter>
#include <QHttpServerRouterRule>
#include <QNetworkAccessManager>
#include <QTimer>
#include <QWebSocket>

namespace depot {

Worker::Worker(const ServerConfig &config, const Database::Settings &database, int listenFd,
               int index, const QByteArray &serverKey, SandboxStatus *sandbox,
               std::shared_ptr<BodyBudget> bodyBudget)
    : m_config(config), m_databaseSettings(database), m_fd(listenFd), m_index(index),
      m_serverKey(serverKey), m_sandbox(sandbox), m_bodyBudget(std::move(bodyBudget))
{
}

Worker::~Worker() = default;

void Worker::setUp()
{
    m_db = std::make_unique<Database>(m_databaseSettings, QStringLiteral("worker-%1").arg(m_index));
    QString error;
    if (!m_db->open(&error)) {
        Q_EMIT ready(tr("worker %1 cannot open the database: %2").arg(m_index).arg(error));
        return;
    }
    m_network = new QNetworkAccessManager(this);
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    const WorkerContext context{m_config, *m_db, this, m_network, m_index, m_serverKey, m_sandbox};
    m_auth = std::make_unique<TokenAuth>(*m_db, m_config, m_serverKey);
    m_router = std::make_unique<Router>(m_auth.get());
    m_routes = std::make_unique<Routes>(context);
    m_routes->install(*m_router);

    GuardSettings guard;
    guard.framer.maxHeadBytes = m_config.guard.maxHeadBytes;
    guard.framer.maxHeaderFields = m_config.guard.maxHeaderFields;
    guard.headerTimeoutMs = m_config.guard.headerTimeoutMs;
    guard.bodyTimeoutMs = m_config.guard.bodyTimeoutMs;
    guard.idleTimeoutMs = m_config.guard.idleTimeoutMs;
    guard.logRequests = m_config.logRequests;
    guard.budget = m_bodyBudget;
    Router *router = m_router.get();
    m_guard = new ConnectionGuard(
        guard,
        [router](const RequestHead &head) { return router->bodyLimit(head.method, head.target); },
        m_config.guard.maxConnections, this);
    m_guard->setUpgradePolicy(
        [router](const RequestHead &head) { return router->hasSocketRoute(head.target); });
    m_guard->setTls(m_config.tls.enabled());
    if (m_config.guard.directDispatch)
        m_guard->setDirectDispatch([router, publicUrl = m_config.publicUrl,
                                    logRequests = m_config.logRequests](QTcpSocket *socket) {
            router->dispatch(std::make_shared<HttpExchange>(socket, publicUrl, logRequests));
        });
    if (!m_guard->setSocketDescriptor(m_fd)) {
        Q_EMIT ready(tr("worker %1 cannot use its listening socket: %2")
                         .arg(m_index)
                         .arg(m_guard->errorString()));
        return;
    }
    m_server = new QHttpServer(this);
    // No QHttpServer routes: every request reaches our router through the missing handler, which
    // gives us raw paths, 405 with Allow, HEAD without a body, and one place for logging.
    const QString publicUrl = m_config.publicUrl;
    const bool logRequests = m_config.logRequests;
    m_server->setMissingHandler([router, publicUrl, logRequests](const QHttpServerRequest &request,
                                                                 QHttpServerResponder &&responder) {
        router->dispatch(
            std::make_shared<HttpExchange>(request, responder.socket(), publicUrl, logRequests));
    });
    // QHttpServer 6.4 upgrades a WebSocket only when a rule of its own matched and wrote
    // nothing. One rule covers the event paths; a request there that is not an upgrade (the
    // guard let only upgrades to our socket routes through) goes to the router as usual.
    auto upgradeView = [](const QHttpServerRequest &, QHttpServerResponder &&) {};
    m_server->router()->addRule<decltype(upgradeView)>(std::make_unique<QHttpServerRouterRule>(
        QStringLiteral("^/api/v1/.+/events$"),
        [router, publicUrl, logRequests](const QRegularExpressionMatch &,
                                         const QHttpServerRequest &request, QTcpSocket *socket) {
            const bool upgrade =
                request.value("Upgrade").compare("websocket", Qt::CaseInsensitive) == 0;
            if (!upgrade)
                router->dispatch(
                    std::make_shared<HttpExchange>(request, socket, publicUrl, logRequests));
        }));
    // WebSockets: QHttpServer upgrades (the guard let only our socket routes through) and
    // hands over a QWebSocket; the router finds its route and LiveSocket applies the limits.
    m_liveSockets = new QObject(this);
    LiveLimits live;
    live.maxMessageBytes = m_config.web.wsMaxMessageBytes;
    live.messagesPerSecond = m_config.web.wsMessagesPerSecond;
    live.maxPerUser = m_config.web.wsMaxPerUser;
    live.idleTimeoutMs = m_config.web.wsIdleTimeoutMs;
    live.authTimeoutMs = qMin(10000, m_config.web.wsIdleTimeoutMs);
    connect(m_server, &QAbstractHttpServer::newWebSocketConnection, this, [this, router, live] {
        while (m_server->hasPendingWebSocketConnections()) {
            if (auto socket = m_server->nextPendingWebSocketConnection())
                router->dispatchSocket(std::move(socket), live, m_liveSockets);
        }
    });
    m_server->bind(m_guard);
    m_guard->attachAfterServer();
    Q_EMIT ready(QString());
}

void Worker::drain()
{
    if (!m_guard) {
        Q_EMIT drained();
        return;
    }
    m_guard->drain();
    for (LiveSocket *socket : m_liveSockets == nullptr ? QList<LiveSocket *>()
                                                       : m_liveSockets->findChildren<LiveSocket *>(
                                                             QString(), Qt::FindDirectChildrenOnly))
        socket->close(QWebSocketProtocol::CloseCodeGoingAway, tr("server shutting down"));
    auto *poll = new QTimer(this);
    connect(poll, &QTimer::timeout, this, [this, poll] {
        if (m_guard->openConnections() == 0) {
            poll->stop();
            Q_EMIT drained();
        }
    });
    poll->start(20);
}

} // namespace depot
