#pragma once

#include "endpoints/EndpointsTable.h"
#include "http/FileHandle.h"
#include "http/HttpResponse.h"
#include "store/ChangeBus.h"

#include <QHash>

#include <functional>
#include <list>
#include <memory>

namespace depot {

// One hosted endpoint as a worker keeps it: the row parsed once, what every request asks of it,
// and for an answer that never varies (plain JSON) the whole answer serialised.
struct CachedEndpoint
{
    EndpointRow row;
    QStringList methods; // Endpoint::acceptedMethods()
    QByteArray allow;    // the Allow header: methods, HEAD with GET, OPTIONS
    std::optional<PreparedResponse> answer;
    // A file endpoint's content, opened once: uploads write a new file and change the row, so
    // an entry never outlives its file's name (in-flight bodies keep the handle they took).
    std::shared_ptr<FileHandle> file;
};

// What serves /u/<username>/<path>.
struct EndpointLookup
{
    std::shared_ptr<const CachedEndpoint> endpoint; // null: nothing serves the path
    QString rest;       // below a wildcard identifier (EndpointsTable::findServing)
    qint64 ownerId = 0; // without an endpoint: the user's id (unmatched journal), 0: no such user
};

// A worker's hosted endpoints in memory, least recently used first out beyond a byte budget.
// Exact, never a guess: every lookup asks the worker's ChangeWatch for the Endpoints generation
// (changes through this process at once, other instances by PostgreSQL notification or SQLite's
// counter) and starts empty when it moved. Time is not cached: expiry is checked per request on
// the endpoint's expires_at, and the reaper's delete is a change like any other. Misses are
// kept too (a scanner's random paths cost the database once per path and change); names no
// endpoint can have (AccountRules, Endpoint::isValidIdentifier) find nothing, unasked.
class EndpointCache
{
public:
    // `prepare` fills in what the handler derives from a row (the pre-serialised answer).
    using Prepare = std::function<void(CachedEndpoint &)>;
    EndpointCache(Database &db, qint64 budgetBytes, Prepare prepare);

    EndpointLookup find(const QString &username, const QString &path);

    qint64 bytes() const { return m_bytes; }
    int size() const { return int(m_index.size()); }

private:
    struct Entry
    {
        QString key;
        EndpointLookup lookup;
        qint64 bytes = 0;
    };
    EndpointLookup load(const QString &username, const QString &path);
    void clear();

    Database &m_db;
    ChangeWatch m_watch;
    qint64 m_budget;
    Prepare m_prepare;
    quint64 m_generation = 0;
    bool m_filled = false;  // m_generation is valid
    std::list<Entry> m_lru; // most recently used first
    QHash<QString, std::list<Entry>::iterator> m_index;
    // The last hit, found again without building its key (a load test asks for one path).
    QString m_lastUser, m_lastPath;
    std::list<Entry>::iterator m_last;
    bool m_haveLast = false;
    qint64 m_bytes = 0;
};

} // namespace depot
