#include "endpoints/JournalHandler.h"

#include "config/ServerConfig.h"
#include "endpoints/EndpointsTable.h"
#include "endpoints/Journal.h"
#include "endpoints/JournalTable.h"
#include "http/LiveHub.h"
#include "http/Pagination.h"

#include <QDebug>
#include <QJsonArray>

#include <set>

namespace depot {
namespace {

constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 1000;
constexpr int kCatchUpBatch = 200;
constexpr size_t kRememberedIds = 4096;

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

void JournalHandler::events(LiveSocket *socket)
{
    const qint64 userId = socket->user->id;
    bool ok = false;
    const qint64 endpointId = socket->param(QStringLiteral("id")).toLongLong(&ok);
    if (!ok || endpointId <= 0 || !EndpointsTable(m_ctx.db).find(userId, endpointId)) {
        socket->fail(404, tr("no such endpoint"));
        return;
    }
    // Without "after" only entries stored from now on are sent; with it, those above that id
    // first (what a client missed between its GET of the journal and this socket).
    qint64 start = 0;
    const QJsonValue after = socket->hello.value(QStringLiteral("after"));
    if (after.isUndefined() || after.isNull()) {
        start = JournalTable(m_ctx.db).lastId(userId, endpointId);
    } else if (after.isDouble() && after.toDouble() >= 0 &&
               after.toDouble() == double(after.toInteger())) {
        start = after.toInteger();
    } else {
        socket->fail(400, tr("\"after\" must be an entry id (a whole number, 0 or more)"));
        return;
    }
    struct Seen
    {
        qint64 cursor = 0;     // the database catch-up reads entries above this id
        std::set<qint64> sent; // recent ids sent, live or caught up (each goes out once)
    };
    auto seen = std::make_shared<Seen>();
    seen->cursor = start;
    auto deliver = [socket, seen, start](const QJsonObject &entry) {
        const qint64 id = entry.value(QStringLiteral("id")).toInteger();
        if (id <= start || !seen->sent.insert(id).second)
            return;
        if (seen->sent.size() > kRememberedIds)
            seen->sent.erase(seen->sent.begin());
        socket->send(entry);
    };
    // Entries stored by this process arrive through the hub, queued to this socket's worker
    // from whichever worker stored them. The database is the truth for entries stored by
    // other instances sharing it (and before this socket subscribed): read above the cursor.
    auto catchUp = [this, socket, seen, deliver, userId, endpointId] {
        if (!EndpointsTable(m_ctx.db).find(userId, endpointId)) {
            socket->fail(404, tr("the endpoint was deleted"));
            return;
        }
        for (;;) {
            const QList<JournalEntry> batch =
                JournalTable(m_ctx.db).after(userId, endpointId, seen->cursor, kCatchUpBatch);
            for (const JournalEntry &entry : batch) {
                seen->cursor = entry.id;
                deliver(entry.toJson());
            }
            if (batch.size() < kCatchUpBatch)
                return;
        }
    };
    LiveHub::subscribe(JournalHub::topic(userId, endpointId), socket, deliver);
    // Another instance stored entries (its NOTIFY), or notifications may have been lost (the
    // listener's channel is down: once a second until it is back): read the database.
    const auto readNow = [catchUp](const QJsonObject &) {
        try {
            catchUp();
        } catch (const DbError &e) {
            qWarning().noquote() << "database error:" << e.what();
        }
    };
    LiveHub::subscribe(JournalHub::otherInstanceTopic(userId, endpointId), socket, readNow);
    LiveHub::subscribe(JournalHub::anyOtherInstanceTopic(), socket, readNow);
    catchUp();
    socket->every(m_ctx.config.web.wsPollIntervalMs, catchUp);
}

} // namespace depot
