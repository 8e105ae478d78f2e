#pragma once

#include "config/Log.h"
#include "http/HttpExchange.h"
#include "store/Database.h"

#include <QDebug>

namespace depot {

// The one mapping of a database failure to an answer: a lost connection is a 503 with
// Retry-After, a full disk under the database a 507 (as for files), anything else a 500. The
// details go to the log, never to the client.
inline ApiError answerFor(const DbError &e)
{
    if (e.connectionLost())
        return ApiError::unavailable(
            QCoreApplication::translate("Guarded", "the database is unavailable"), 5);
    if (e.diskFull())
        return ApiError::insufficientStorage(
            QCoreApplication::translate("Guarded", "the server's storage is full"));
    return ApiError::internal();
}

inline ApiError apiErrorFor(const DbError &e)
{
    qCWarning(lcHttp).noquote() << "database error:" << e.what();
    return answerFor(e);
}

// Runs handler code and turns what it throws into the answer: a lost database connection is a
// 503 with Retry-After, a full disk a 507, any other failure a 500 (details go to the log, never to the client).
// The router wraps every handler in it; deferred continuations (timers, thread-pool results,
// network replies) wrap themselves, since they run outside the router.
template <typename F> void guarded(const ExchangePtr &ex, F &&body)
{
    try {
        body();
    } catch (const DbError &e) {
        qCWarning(lcHttp).noquote().nospace()
            << "database error on " << ex->method() << ' ' << ex->rawPath()
            << " rid=" << ex->requestId() << ": " << e.what();
        ex->fail(answerFor(e));
    } catch (const std::exception &e) {
        qCWarning(lcHttp).noquote().nospace() << "error on " << ex->method() << ' ' << ex->rawPath()
                                              << " rid=" << ex->requestId() << ": " << e.what();
        ex->fail(ApiError::internal());
    }
}

} // namespace depot
