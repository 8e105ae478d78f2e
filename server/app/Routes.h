#pragma once

#include "accounts/AccountHandler.h"
#include "accounts/AuthHandler.h"
#include "app/OpsHandler.h"
#include "config/WorkerContext.h"
#include "drop/DropHandler.h"
#include "dumps/DumpHandler.h"
#include "endpoints/EndpointAdminHandler.h"
#include "endpoints/HostedHandler.h"
#include "endpoints/JournalHandler.h"
#include "web/WebHandler.h"

namespace depot {

class Router;

// The handlers of one worker and the one route table (Routes.cpp) that maps URLs to them.
class Routes
{
public:
    explicit Routes(const WorkerContext &context);
    void install(Router &router);

private:
    WorkerContext m_ctx;
    AuthHandler m_auth;
    AccountHandler m_account;
    OpsHandler m_ops;
    EndpointAdminHandler m_endpoints;
    HostedHandler m_hosted;
    JournalHandler m_journal;
    DropHandler m_drop;
    DumpHandler m_dumps;
    WebHandler m_web;
};

} // namespace depot
