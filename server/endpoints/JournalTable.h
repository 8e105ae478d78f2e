#pragma once

#include "store/Database.h"

#include "codec/HttpGrammar.h"

#include <QHostAddress>
#include <QJsonObject>

#include <optional>

namespace depot {

// One request to a hosted endpoint as the journal keeps it.
struct JournalEntry
{
    qint64 id = 0;
    qint64 userId = 0;
    qint64 endpointId = 0; // 0: matched no endpoint (the user's unmatched journal)
    qint64 atUs = 0;       // arrival, microseconds since the epoch (the journal's order)
    QString method, path, query;
    QList<QPair<QString, QString>> headers; // secrets already redacted
    QByteArray body;                        // the first bytes only
    qint64 bodySize = 0;
    bool bodyTruncated = false;
    QString remote;
    QString answeredBy; // "rule", "sequence", "endpoint", "preflight", "error", "none"
    int rule = -1;      // index of the rule that answered
    int sequenceIndex = -1;
    int status = 0; // 0: no HTTP answer (fault)
    QString fault;
    qint64 durationUs = 0;

    // What a request handler takes instead of method, path, query, headers and remote, which
    // would cost a dozen allocations per request (shared copies here cost none): the writer
    // derives them (complete()) on its own thread, for the entries it writes.
    struct Captured
    {
        QByteArray method;
        QByteArray target; // raw, percent-encoded path and query
        HeaderList headers;
        QHostAddress remote;
    };
    std::optional<Captured> captured;
    void complete(); // fills in the fields above from `captured` (defined in Journal.cpp)

    QJsonObject toJson() const;
};

// endpoint_requests: the last N requests per endpoint (and per user for unmatched ones).
class JournalTable
{
public:
    explicit JournalTable(Database &db) : m_db(db) {}

    qint64 insert(const JournalEntry &entry);
    // All of `entries` in multi-row INSERTs (100 rows a statement); sets each entry's id, in
    // order. Call it inside a transaction: a failing statement leaves earlier chunks written.
    void insertAll(QList<JournalEntry> &entries);
    // Keeps the newest `keep` rows of the endpoint (endpointId 0: the user's unmatched rows).
    void trim(qint64 userId, qint64 endpointId, int keep);
    QList<JournalEntry> list(qint64 userId, qint64 endpointId, int limit, int offset);
    // Entries with an id above `afterId`, oldest first (the live journal's catch-up).
    QList<JournalEntry> after(qint64 userId, qint64 endpointId, qint64 afterId, int limit);
    qint64 lastId(qint64 userId, qint64 endpointId); // 0 when the journal is empty
    // PostgreSQL: NOTIFY NotifyChannel "userId:endpointId", so other instances' live journals
    // read their new entries at once (nothing on SQLite).
    void notify(qint64 userId, qint64 endpointId);
    static constexpr const char *NotifyChannel = "depot_journal";
    int count(qint64 userId, qint64 endpointId);
    int clear(qint64 userId, qint64 endpointId);

private:
    static QString scope(qint64 endpointId);
    static QVariantList scopeBinds(qint64 userId, qint64 endpointId);
    Database &m_db;
};

// endpoint_state: where each sequence stands, shared by every instance through the database.
class SequenceTable
{
public:
    explicit SequenceTable(Database &db) : m_db(db) {}
    // The number of answers given before this one (0 for the first), counted atomically.
    qint64 advance(qint64 endpointId);
    void reset(qint64 endpointId);

private:
    Database &m_db;
};

} // namespace depot
