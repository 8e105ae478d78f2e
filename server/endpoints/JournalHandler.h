#pragma once

#include "config/WorkerContext.h"
#include "http/HttpExchange.h"
#include "http/LiveSocket.h"

namespace depot {

// The owner's view of what their endpoints received, and the sequence reset.
class JournalHandler
{
    Q_DECLARE_TR_FUNCTIONS(JournalHandler)

public:
    explicit JournalHandler(const WorkerContext &context) : m_ctx(context) {}

    void list(const ExchangePtr &exchange);           // GET    /api/v1/endpoints/{id}/requests
    void clear(const ExchangePtr &exchange);          // DELETE /api/v1/endpoints/{id}/requests
    void listUnmatched(const ExchangePtr &exchange);  // GET    /api/v1/unmatched
    void clearUnmatched(const ExchangePtr &exchange); // DELETE /api/v1/unmatched
    void resetSequence(const ExchangePtr &exchange);  // POST   /api/v1/endpoints/{id}/reset
    // WebSocket /api/v1/endpoints/{id}/requests/events: each new entry as it is stored.
    void events(LiveSocket *socket);

private:
    // The endpoint id of the URL when it is the caller's; answers 404 otherwise.
    std::optional<qint64> ownEndpoint(const ExchangePtr &ex);
    void answerList(const ExchangePtr &ex, qint64 endpointId);
    void answerClear(const ExchangePtr &ex, qint64 endpointId);

    WorkerContext m_ctx;
};

} // namespace depot
