#pragma once

#include "accounts/AccountRemoval.h"
#include "model/Endpoint.h"
#include "store/Database.h"
#include "store/Reaper.h"

#include <QPair>

namespace depot {

// One row of `endpoints` with what the API does not show.
struct EndpointRow
{
    Endpoint endpoint;
    qint64 userId = 0;
    QString username;
    QString filePath; // relative to the files directory ("endpoints/<random>"), empty for json
    QString etag;     // strong validator of the stored content, quoted
    qint64 contentTime = 0;        // when the content last changed (Last-Modified)
    QString mockText;              // the stored mock column as it is (a cache key); empty: plain
    QByteArray responseJson;       // the stored response column: jsonText(endpoint.response)
    bool ownerCorsDefault = false; // users.cors_default: for endpoints without their own cors
};

// endpoints: the seed's `Url` table. Identifiers are unique per user (a constraint, so two
// concurrent creations cannot both win). Every statement names the owner, so one user's id
// never reaches another user's row.
class EndpointsTable
{
public:
    explicit EndpointsTable(Database &db) : m_db(db) {}

    // For the Reaper: expired endpoints and their files (under "endpoints/").
    static ReaperSource reaperSource();
    // A deleted account's endpoints, their state and journal (also unmatched requests) and files.
    static UserContentSource userContentSource();

    std::optional<EndpointRow> find(qint64 userId, qint64 id);
    // The endpoint served at /u/<username>/<identifier>, expired or not.
    std::optional<EndpointRow> findPublic(const QString &username, const QString &identifier);
    // The endpoint that answers /u/<username>/<path>: the one with that identifier, else the
    // wildcard ("prefix/*") with the longest prefix above it; *rest is the path below that
    // prefix ("" for an exact match).
    std::optional<EndpointRow> findServing(const QString &username, const QString &path,
                                           QString *rest);
    QList<EndpointRow> list(qint64 userId, int limit, int offset);
    int count(qint64 userId);

    // Throws DbError; Database::isUniqueViolation(e) when the identifier is taken.
    qint64 insert(const EndpointRow &row);
    // Writes every field of row (by id and owner). Returns false if the row is gone; otherwise
    // *previousFile is the file the row referenced before, for the caller to remove when it
    // differs from the new one. Throws DbError (unique violation on a taken identifier).
    bool update(const EndpointRow &row, QString *previousFile);
    // Deletes the row; returns its file path ("" for json), nullopt if there was no such row.
    std::optional<QString> remove(qint64 userId, qint64 id);

    // For the reaper: expired rows (id, file path), oldest first.
    QList<QPair<qint64, QString>> expired(qint64 now, int limit);
    // Deletes the row if it is still expired (another instance may have extended or removed it).
    bool removeExpired(qint64 id, qint64 now);
    // Every row with a file: (id, file path).
    QList<QPair<qint64, QString>> withFiles();
    // Deletes the row if it still references `filePath` and was last changed before
    // `changedBefore` (a younger row's file may be about to be named, see BlobStore).
    bool removeIfFile(qint64 id, const QString &filePath, qint64 changedBefore);

    // Any JSON value as text and back (QJsonDocument holds only objects and arrays).
    static QString jsonText(const QJsonValue &value);
    static QJsonValue parseJsonText(const QString &text);

private:
    static QVariant mockText(const Endpoint &endpoint);
    static QString columns();
    static EndpointRow fromRow(const Row &row);
    QVariantList binds(const EndpointRow &row) const;

    Database &m_db;
};

} // namespace depot
