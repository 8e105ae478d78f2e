#pragma once

#include "store/Database.h"

#include <QSet>

namespace depot {

// One anonymous file drop. `state` is "available" (downloadable while downloads < maxDownloads
// and before expiresAt), "claimed" (its last download has been won; the file is about to be
// removed) or "gone" (a tombstone: no file, no name, no password; answers 410 until purged).
struct Share
{
    QString id;   // public, SecureRandom::urlSafeId(16)
    QString blob; // the file's name in the BlobStore (not the id: knowing one gives nothing)
    QString fileName;
    QString contentType;
    qint64 size = 0;
    QString passwordHash;    // PasswordHash format; empty: no password
    QString deleteTokenHash; // hex SHA-256 of the secret delete token
    int maxDownloads = 1;
    int downloads = 0;
    QString state;
    qint64 createdAt = 0;
    qint64 expiresAt = 0;

    bool downloadable(qint64 now) const;
};

// shares: every rule that must hold across workers and instances is one SQL statement here
// (the claim, retirements), never a read followed by a write in process memory.
class SharesTable
{
public:
    static const QString Available, Claimed, Gone;

    explicit SharesTable(Database &db) : m_db(db) {}

    void create(const Share &share);
    std::optional<Share> find(const QString &id);

    struct Claim
    {
        QString blob;
        QString fileName;
        QString contentType;
        qint64 size = 0;
        bool last = false; // this download used up the share: the caller removes its file
    };
    // Counts one download in one atomic UPDATE; nullopt when the share is not (or no longer)
    // downloadable, so of any number of concurrent claims exactly the allowed number win.
    std::optional<Claim> claim(const QString &id, qint64 now);
    // After the last download's file is open: "claimed" → tombstone. False if not claimed.
    bool finishClaim(const QString &id);
    // DELETE with the token: an available share → tombstone; its blob, or nullopt if it was
    // not available.
    std::optional<QString> retire(const QString &id);

    struct Retired
    {
        QString id;
        QString blob;
    };
    // Maintenance (main thread): up to `limit` available shares past their expiry, or claimed
    // shares whose claim is older than `claimedBefore` (left by a crash), become tombstones.
    // *found counts the candidates seen (the caller asks again while a batch is full).
    QList<Retired> retireExpired(qint64 now, int limit, int *found);
    QList<Retired> retireStaleClaims(qint64 claimedBefore, int limit, int *found);
    // The share whose file is `blob` becomes a tombstone (its file is missing), if it was
    // created before `createdBefore` (a younger one's file may be about to be named).
    bool retireBlob(const QString &blob, qint64 createdBefore);
    // Removes tombstones that expired before `before`; returns how many.
    int purgeTombstones(qint64 before);
    // Blobs of every share that still has a file (for the orphan sweep).
    QSet<QString> liveBlobs();

private:
    QList<Retired> retireWhere(const QString &condition, QVariantList binds, int limit, int *found);
    bool retireOne(const QString &id, const QString &state);

    Database &m_db;
};

} // namespace depot
