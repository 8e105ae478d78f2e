#include "http/Routes.h"

#include "app/ServerConfig.h"
#include "http/Router.h"

namespace depot {

Routes::Routes(const WorkerContext &context)
    : m_ctx(context), m_auth(context), m_account(context), m_ops(context), m_dumps(context)
{}

void Routes::install(Router &r)
{
    const ServerConfig &config = m_ctx.config;
    r.setDefaultBodyLimit(config.maxBodyBytes);
    auto bind = [](auto *handler, auto method) {
        return [handler, method](const ExchangePtr &ex) { (handler->*method)(ex); };
    };

    // Operations
    r.add("GET", QStringLiteral("/healthz"), Access::Public, bind(&m_ops, &OpsHandler::health));
    r.add("GET", QStringLiteral("/readyz"), Access::Public, bind(&m_ops, &OpsHandler::ready));
    r.add("GET", QStringLiteral("/metrics"), Access::Public, bind(&m_ops, &OpsHandler::metrics));

    // Accounts and tokens
    r.add("POST", QStringLiteral("/api/v1/users"), Access::Public, bind(&m_auth, &AuthHandler::signUp), 64 * 1024);
    r.add("POST", QStringLiteral("/api/v1/auth/token"), Access::Public, bind(&m_auth, &AuthHandler::issueToken), 64 * 1024);
    r.add("GET", QStringLiteral("/api/v1/me"), Access::User, bind(&m_account, &AccountHandler::me));

    // Image dumps (seed 001): the body limit is checked on the request head, before buffering
    r.add("POST", QStringLiteral("/api/v1/dumps"), Access::User, bind(&m_dumps, &DumpHandler::create), config.dumpMaxBodyBytes);
    r.add("GET", QStringLiteral("/api/v1/dumps"), Access::User, bind(&m_dumps, &DumpHandler::list));
    r.add("GET", QStringLiteral("/api/v1/dumps/{requestId}"), Access::User, bind(&m_dumps, &DumpHandler::get));
    r.add("GET", QStringLiteral("/api/v1/dumps/{requestId}/images/{imageId}"), Access::User, bind(&m_dumps, &DumpHandler::image));
}

} // namespace depot
