#include "accounts/TicketsTable.h"

#include "crypto/SecureRandom.h"

#include <QCryptographicHash>

namespace depot {

QByteArray TicketsTable::hash(const QString &ticket)
{
    return QCryptographicHash::hash(ticket.toUtf8(), QCryptographicHash::Sha256).toHex();
}

QString TicketsTable::issue(qint64 userId, int lifetimeSeconds)
{
    const QString ticket = SecureRandom::urlSafeId(32);
    const qint64 now = Database::now();
    m_db.execute(QStringLiteral("DELETE FROM ws_tickets WHERE expires_at < ?"), {now});
    m_db.execute(QStringLiteral(
                     "INSERT INTO ws_tickets (ticket_hash, user_id, expires_at) VALUES (?, ?, ?)"),
                 {QString::fromLatin1(hash(ticket)), userId, now + lifetimeSeconds});
    return ticket;
}

std::optional<TicketsTable::Owner> TicketsTable::redeem(const QString &ticket)
{
    if (ticket.isEmpty() || ticket.size() > 128)
        return std::nullopt;
    const QString key = QString::fromLatin1(hash(ticket));
    const auto row = m_db.selectOne(
        QStringLiteral("SELECT t.user_id, u.username, u.plan FROM ws_tickets t JOIN users u ON "
                       "u.id = t.user_id WHERE t.ticket_hash = ? AND t.expires_at >= ?"),
        {key, Database::now()});
    // Exactly one redeemer deletes the row; a second (or concurrent) use finds nothing.
    if (m_db.execute(QStringLiteral("DELETE FROM ws_tickets WHERE ticket_hash = ?"), {key}) != 1 ||
        !row)
        return std::nullopt;
    return Owner{row->at(0).toLongLong(), row->at(1).toString(), row->at(2).toString()};
}

int TicketsTable::purgeExpired(qint64 now)
{
    return m_db.execute(QStringLiteral("DELETE FROM ws_tickets WHERE expires_at < ?"), {now});
}

} // namespace depot
