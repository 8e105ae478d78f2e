#pragma once

#include "config/WorkerContext.h"
#include "endpoints/EndpointCache.h"
#include "endpoints/EndpointsTable.h"
#include "endpoints/Journal.h"
#include "endpoints/MockResponder.h"
#include "endpoints/scripts/ScriptSandbox.h"
#include "http/HttpExchange.h"

#include <memory>

namespace depot {

class ScriptRunner;
struct ScriptResult;

// /u/{username}/{identifier...}: the public side of hosted endpoints, for every method. Nothing
// here blocks the worker: latency is a timer, files are streamed with back-pressure, scripts run
// in the worker's ScriptRunner (asynchronous QProcess in bubblewrap).
class HostedHandler
{
    Q_DECLARE_TR_FUNCTIONS(HostedHandler)

public:
    explicit HostedHandler(const WorkerContext &context);
    ~HostedHandler();

    void serve(const ExchangePtr &exchange);

private:
    // The journal entry of this request, written once the answer is out.
    std::shared_ptr<JournalEntry> journalFor(const ExchangePtr &ex, qint64 userId,
                                             qint64 endpointId);
    void serveUnmatched(const ExchangePtr &ex, qint64 ownerId);
    // `cors`: whether the endpoint answers CORS (its own cors, else its owner's default).
    void answerPreflight(const ExchangePtr &ex, const CachedEndpoint &c, bool cors);
    static void addCorsHeaders(const ExchangePtr &ex, bool cors);
    // The seed's expected-body check; answers 400 and returns false when it fails.
    static bool expectedBody(const ExchangePtr &ex, const Endpoint &e);
    // A plain JSON endpoint's answer, serialised once per stored version (EndpointCache).
    void prepare(CachedEndpoint &c) const;
    void serveJson(const ExchangePtr &ex, const CachedEndpoint &c);
    void serveFile(const ExchangePtr &ex, const CachedEndpoint &cached);
    void serveScript(const ExchangePtr &ex, const EndpointRow &row);
    void answerScript(const ExchangePtr &ex, const EndpointRow &row, const ScriptResult &result);
    // The owner's headers, without the origin-bound ones unless content has its own origin
    // (endpoints stored before, or a server restarted without --content-url).
    void addOwnerHeaders(HttpResponse &response, const Endpoint &endpoint) const;
    bool allowedFromOwner(const QByteArray &name) const;
    // With --content-url, /u/ on any other host is redirected there; true if it answered.
    bool redirectToContentOrigin(const ExchangePtr &exchange) const;

    WorkerContext m_ctx;
    std::shared_ptr<JournalWriter> m_journal;
    MockResponder m_mocks;
    EndpointCache m_cache;
    std::unique_ptr<ScriptRunner> m_scripts; // created in the worker thread, lives as long as it
};

} // namespace depot
