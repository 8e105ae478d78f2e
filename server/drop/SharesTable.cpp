#include "drop/SharesTable.h"

namespace depot {

const QString SharesTable::Available = QStringLiteral("available");
const QString SharesTable::Claimed = QStringLiteral("claimed");
const QString SharesTable::Gone = QStringLiteral("gone");

namespace {

const QString Columns = QStringLiteral(
    "id, blob, filename, content_type, size, password_hash, delete_token_hash, max_downloads, "
    "downloads, state, created_at, expires_at");

// A tombstone keeps only what answering 410 needs: the name and the password are forgotten.
const QString RetireSet =
    QStringLiteral("UPDATE shares SET state = 'gone', filename = '', content_type = '', "
                   "password_hash = NULL ");

QVariant nullableText(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

} // namespace

bool Share::downloadable(qint64 now) const
{
    return state == SharesTable::Available && downloads < maxDownloads && expiresAt > now;
}

void SharesTable::create(const Share &s)
{
    m_db.execute(QStringLiteral("INSERT INTO shares (") + Columns +
                     QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                 {s.id, s.blob, s.fileName, s.contentType, s.size, nullableText(s.passwordHash),
                  s.deleteTokenHash, s.maxDownloads, s.downloads, Available, s.createdAt,
                  s.expiresAt});
}

std::optional<Share> SharesTable::find(const QString &id)
{
    const auto row = m_db.selectOne(
        QStringLiteral("SELECT ") + Columns + QStringLiteral(" FROM shares WHERE id = ?"), {id});
    if (!row)
        return std::nullopt;
    Share s;
    s.id = row->at(0).toString();
    s.blob = row->at(1).toString();
    s.fileName = row->at(2).toString();
    s.contentType = row->at(3).toString();
    s.size = row->at(4).toLongLong();
    s.passwordHash = row->at(5).toString();
    s.deleteTokenHash = row->at(6).toString();
    s.maxDownloads = row->at(7).toInt();
    s.downloads = row->at(8).toInt();
    s.state = row->at(9).toString();
    s.createdAt = row->at(10).toLongLong();
    s.expiresAt = row->at(11).toLongLong();
    return s;
}

std::optional<SharesTable::Claim> SharesTable::claim(const QString &id, qint64 now)
{
    // The one statement that decides who downloads: the WHERE clause re-checks everything the
    // caller saw earlier, and the row lock (PostgreSQL) or the write lock (SQLite) makes
    // concurrent claims take turns, so `downloads` never passes `max_downloads`.
    const auto row = m_db.selectOne(
        QStringLiteral(
            "UPDATE shares SET downloads = downloads + 1, "
            "state = CASE WHEN downloads + 1 >= max_downloads THEN 'claimed' ELSE state END, "
            "claimed_at = CASE WHEN downloads + 1 >= max_downloads THEN ? ELSE claimed_at END "
            "WHERE id = ? AND state = 'available' AND downloads < max_downloads AND expires_at > ? "
            "RETURNING blob, filename, content_type, size, state"),
        {now, id, now});
    if (!row)
        return std::nullopt;
    Claim c;
    c.blob = row->at(0).toString();
    c.fileName = row->at(1).toString();
    c.contentType = row->at(2).toString();
    c.size = row->at(3).toLongLong();
    c.last = row->at(4).toString() == Claimed;
    return c;
}

bool SharesTable::retireOne(const QString &id, const QString &state)
{
    return m_db.execute(RetireSet + QStringLiteral("WHERE id = ? AND state = ?"), {id, state}) == 1;
}

bool SharesTable::finishClaim(const QString &id)
{
    return retireOne(id, Claimed);
}

std::optional<QString> SharesTable::retire(const QString &id)
{
    const auto row = m_db.selectOne(QStringLiteral("SELECT blob FROM shares WHERE id = ?"), {id});
    if (!row || !retireOne(id, Available))
        return std::nullopt;
    return row->at(0).toString();
}

QList<SharesTable::Retired> SharesTable::retireWhere(const QString &condition, QVariantList binds,
                                                     int limit, int *found)
{
    QList<Retired> retired;
    binds.append(limit);
    const QList<Row> rows =
        m_db.select(QStringLiteral("SELECT id, blob, state FROM shares WHERE ") + condition +
                        QStringLiteral(" LIMIT ?"),
                    binds);
    *found += int(rows.size());
    for (const Row &row : rows) {
        // Each one on its own, conditioned on the state just read: another instance sweeping
        // at the same time retires a share once, never twice.
        if (retireOne(row.at(0).toString(), row.at(2).toString()))
            retired.append({row.at(0).toString(), row.at(1).toString()});
    }
    return retired;
}

QList<SharesTable::Retired> SharesTable::retireExpired(qint64 now, int limit, int *found)
{
    return retireWhere(QStringLiteral("state = 'available' AND expires_at <= ?"), {now}, limit,
                       found);
}

QList<SharesTable::Retired> SharesTable::retireStaleClaims(qint64 claimedBefore, int limit,
                                                           int *found)
{
    return retireWhere(QStringLiteral("state = 'claimed' AND COALESCE(claimed_at, 0) < ?"),
                       {claimedBefore}, limit, found);
}

bool SharesTable::retireBlob(const QString &blob, qint64 createdBefore)
{
    return m_db.execute(RetireSet +
                            QStringLiteral("WHERE blob = ? AND state <> 'gone' AND created_at < ?"),
                        {blob, createdBefore}) > 0;
}

int SharesTable::purgeTombstones(qint64 before)
{
    return m_db.execute(
        QStringLiteral("DELETE FROM shares WHERE state = 'gone' AND expires_at < ?"), {before});
}

QSet<QString> SharesTable::liveBlobs()
{
    QSet<QString> blobs;
    const QList<Row> rows =
        m_db.select(QStringLiteral("SELECT blob FROM shares WHERE state <> 'gone'"));
    for (const Row &row : rows)
        blobs.insert(row.at(0).toString());
    return blobs;
}

} // namespace depot
