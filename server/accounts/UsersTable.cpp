#include "accounts/UsersTable.h"

namespace depot {

std::optional<UserRecord> UsersTable::findByName(const QString &username)
{
    const auto row = m_db.selectOne(
        QStringLiteral("SELECT u.id, u.username, u.plan, u.created_at, a.passwordhash FROM users u "
                       "LEFT JOIN authentication a ON a.userid = u.id WHERE u.username = ?"),
        {username});
    if (!row)
        return std::nullopt;
    return UserRecord{row->at(0).toLongLong(), row->at(1).toString(), row->at(2).toString(),
                      row->at(3).toLongLong(), row->at(4).toString()};
}

qint64 UsersTable::create(const QString &username, const QString &plan, const QString &passwordHash)
{
    Database::Transaction tx(m_db);
    const qint64 id = m_db.insert(
        QStringLiteral(
            "INSERT INTO users (username, plan, created_at) VALUES (?, ?, ?) RETURNING id"),
        {username, plan, Database::now()});
    m_db.execute(QStringLiteral("INSERT INTO authentication (userid, passwordhash) VALUES (?, ?)"),
                 {id, passwordHash});
    tx.commit();
    return id;
}

void UsersTable::setPasswordHash(qint64 userId, const QString &passwordHash)
{
    m_db.execute(QStringLiteral("UPDATE authentication SET passwordhash = ? WHERE userid = ?"),
                 {passwordHash, userId});
}

void UsersTable::setPlan(qint64 userId, const QString &plan)
{
    m_db.execute(QStringLiteral("UPDATE users SET plan = ? WHERE id = ?"), {plan, userId});
}

bool UsersTable::corsDefault(qint64 userId)
{
    const auto row =
        m_db.selectOne(QStringLiteral("SELECT cors_default FROM users WHERE id = ?"), {userId});
    return row && row->at(0).toInt() != 0;
}

void UsersTable::setCorsDefault(qint64 userId, bool on)
{
    m_db.execute(QStringLiteral("UPDATE users SET cors_default = ? WHERE id = ?"),
                 {on ? 1 : 0, userId});
}

} // namespace depot
