#include "endpoints/JournalHandler.h"

#include "endpoints/EndpointsTable.h"
#include "endpoints/JournalTable.h"
#include "http/Pagination.h"

#include <QJsonArray>

namespace depot {
namespace {

constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 1000;

void noContent(const ExchangePtr &ex)
{
    HttpResponse response;
    response.status = 204;
    ex->respond(response);
}

} // namespace

std::optional<qint64> JournalHandler::ownEndpoint(const ExchangePtr &ex)
{
    bool ok = false;
    const qint64 id = ex->param(QStringLiteral("id")).toLongLong(&ok);
    if (ok && id > 0 && EndpointsTable(m_ctx.db).find(ex->user->id, id))
        return id;
    ex->fail(ApiError::notFound(tr("no such endpoint")));
    return std::nullopt;
}

void JournalHandler::answerList(const ExchangePtr &ex, qint64 endpointId)
{
    const auto page = Page::fromQuery(ex, kDefaultPageSize, kMaxPageSize);
    if (!page)
        return;
    JournalTable table(m_ctx.db);
    QJsonArray items;
    for (const JournalEntry &entry :
         table.list(ex->user->id, endpointId, page->limit, page->offset))
        items.append(entry.toJson());
    ex->respondJson(200, page->envelope(items, table.count(ex->user->id, endpointId)));
}

void JournalHandler::answerClear(const ExchangePtr &ex, qint64 endpointId)
{
    JournalTable(m_ctx.db).clear(ex->user->id, endpointId);
    noContent(ex);
}

void JournalHandler::list(const ExchangePtr &ex)
{
    if (const auto id = ownEndpoint(ex))
        answerList(ex, *id);
}

void JournalHandler::clear(const ExchangePtr &ex)
{
    if (const auto id = ownEndpoint(ex))
        answerClear(ex, *id);
}

void JournalHandler::listUnmatched(const ExchangePtr &ex)
{
    answerList(ex, 0);
}

void JournalHandler::clearUnmatched(const ExchangePtr &ex)
{
    answerClear(ex, 0);
}

void JournalHandler::resetSequence(const ExchangePtr &ex)
{
    if (const auto id = ownEndpoint(ex)) {
        SequenceTable(m_ctx.db).reset(*id);
        noContent(ex);
    }
}

} // namespace depot
