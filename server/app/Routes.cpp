#include "app/Routes.h"

#include "app/AccountContent.h"

#include "config/ServerConfig.h"
#include "http/Router.h"

namespace depot {

Routes::Routes(const WorkerContext &context)
    : m_ctx(context), m_auth(context, accountRemoval()), m_account(context), m_ops(context),
      m_endpoints(context), m_hosted(context), m_journal(context), m_drop(context),
      m_dumps(context), m_web(context)
{
}

void Routes::install(Router &r)
{
    const ServerConfig &config = m_ctx.config;
    r.setDefaultBodyLimit(config.guard.maxBodyBytes);
    auto bind = [](auto *handler, auto method) {
        return [handler, method](const ExchangePtr &ex) { (handler->*method)(ex); };
    };

    // Operations
    r.add("GET", QStringLiteral("/healthz"), Access::Public, bind(&m_ops, &OpsHandler::health));
    r.add("GET", QStringLiteral("/readyz"), Access::Public, bind(&m_ops, &OpsHandler::ready));
    r.add("GET", QStringLiteral("/metrics"), Access::Public, bind(&m_ops, &OpsHandler::metrics));
    r.add("GET", QStringLiteral("/api/openapi.yaml"), Access::Public,
          bind(&m_ops, &OpsHandler::openapi));

    // Accounts and tokens
    r.add("POST", QStringLiteral("/api/v1/users"), Access::Public,
          bind(&m_auth, &AuthHandler::signUp), 64 * 1024);
    r.add("POST", QStringLiteral("/api/v1/auth/token"), Access::Public,
          bind(&m_auth, &AuthHandler::issueToken), 64 * 1024);
    r.add("GET", QStringLiteral("/api/v1/me"), Access::User, bind(&m_account, &AccountHandler::me));
    r.add("PATCH", QStringLiteral("/api/v1/me"), Access::User,
          bind(&m_account, &AccountHandler::update), 4 * 1024);
    r.add("DELETE", QStringLiteral("/api/v1/me"), Access::User,
          bind(&m_auth, &AuthHandler::deleteAccount), 64 * 1024);
    r.add("POST", QStringLiteral("/api/v1/ws-tickets"), Access::User,
          bind(&m_auth, &AuthHandler::issueTicket), 4 * 1024);
    r.add("PUT", QStringLiteral("/api/v1/me/password"), Access::User,
          bind(&m_auth, &AuthHandler::changePassword), 64 * 1024);

    // Hosted endpoints: the owner's management API, and the public URLs (every method; the
    // handler answers 405 with the endpoint's own method in Allow)
    const qint64 upload = EndpointAdminHandler::uploadBodyLimit(config);
    r.add("POST", QStringLiteral("/api/v1/endpoints"), Access::User,
          bind(&m_endpoints, &EndpointAdminHandler::create), upload);
    r.add("GET", QStringLiteral("/api/v1/endpoints"), Access::User,
          bind(&m_endpoints, &EndpointAdminHandler::list));
    r.add("GET", QStringLiteral("/api/v1/endpoints/{id}"), Access::User,
          bind(&m_endpoints, &EndpointAdminHandler::get));
    r.add("PUT", QStringLiteral("/api/v1/endpoints/{id}"), Access::User,
          bind(&m_endpoints, &EndpointAdminHandler::replace), upload);
    r.add("PATCH", QStringLiteral("/api/v1/endpoints/{id}"), Access::User,
          bind(&m_endpoints, &EndpointAdminHandler::patch));
    r.add("DELETE", QStringLiteral("/api/v1/endpoints/{id}"), Access::User,
          bind(&m_endpoints, &EndpointAdminHandler::remove));
    r.add("PUT", QStringLiteral("/api/v1/endpoints/{id}/content"), Access::User,
          bind(&m_endpoints, &EndpointAdminHandler::replaceContent), upload);
    r.add("GET", QStringLiteral("/api/v1/endpoints/{id}/content"), Access::User,
          bind(&m_endpoints, &EndpointAdminHandler::content));
    r.add("GET", QStringLiteral("/api/v1/endpoints/{id}/requests"), Access::User,
          bind(&m_journal, &JournalHandler::list));
    r.add("DELETE", QStringLiteral("/api/v1/endpoints/{id}/requests"), Access::User,
          bind(&m_journal, &JournalHandler::clear));
    r.addSocket(QStringLiteral("/api/v1/endpoints/{id}/requests/events"),
                [this](LiveSocket *socket) { m_journal.events(socket); });
    r.add("POST", QStringLiteral("/api/v1/endpoints/{id}/reset"), Access::User,
          bind(&m_journal, &JournalHandler::resetSequence));
    r.add("GET", QStringLiteral("/api/v1/unmatched"), Access::User,
          bind(&m_journal, &JournalHandler::listUnmatched));
    r.add("DELETE", QStringLiteral("/api/v1/unmatched"), Access::User,
          bind(&m_journal, &JournalHandler::clearUnmatched));
    for (const char *method : {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
        r.add(method, QStringLiteral("/u/{username}/{identifier...}"), Access::Public,
              bind(&m_hosted, &HostedHandler::serve));

    // Anonymous file drop (seed 002: a public contract)
    r.add("PUT", QStringLiteral("/api/v1.0/file"), Access::Public,
          bind(&m_drop, &DropHandler::upload), DropHandler::uploadBodyLimit(config));
    r.add("PUT", QStringLiteral("/api/v1.0/file/{name}"), Access::Public,
          bind(&m_drop, &DropHandler::upload), config.drop.maxBytes);
    r.add("GET", QStringLiteral("/api/v1.0/file/{id}"), Access::Public,
          bind(&m_drop, &DropHandler::download));
    r.add("POST", QStringLiteral("/api/v1.0/file/{id}"), Access::Public,
          bind(&m_drop, &DropHandler::downloadForm), 16 * 1024);
    r.add("DELETE", QStringLiteral("/api/v1.0/file/{id}"), Access::Public,
          bind(&m_drop, &DropHandler::remove));
    r.add("GET", QStringLiteral("/api/v1/drop/limits"), Access::Public,
          bind(&m_drop, &DropHandler::limits));

    // Image dumps (seed 001): the body limit is checked on the request head, before buffering
    r.add("POST", QStringLiteral("/api/v1/dumps"), Access::User,
          bind(&m_dumps, &DumpHandler::create), config.dumps.maxBodyBytes);
    r.add("GET", QStringLiteral("/api/v1/dumps"), Access::User, bind(&m_dumps, &DumpHandler::list));
    r.add("GET", QStringLiteral("/api/v1/dumps/{requestId}"), Access::User,
          bind(&m_dumps, &DumpHandler::get));
    r.add("GET", QStringLiteral("/api/v1/dumps/{requestId}/images/{imageId}"), Access::User,
          bind(&m_dumps, &DumpHandler::image));
    r.addSocket(QStringLiteral("/api/v1/dumps/{requestId}/events"),
                [this](LiveSocket *socket) { m_dumps.events(socket); });

    // The browser client (issue 14): pages and their assets from Qt resources
    r.add("GET", QStringLiteral("/"), Access::Public, bind(&m_web, &WebHandler::dropPage));
    r.add("GET", QStringLiteral("/console"), Access::Public, bind(&m_web, &WebHandler::console));
    r.add("GET", QStringLiteral("/static/{file}"), Access::Public,
          bind(&m_web, &WebHandler::asset));
}

} // namespace depot
