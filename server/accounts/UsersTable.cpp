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
    m_db.changed(ChangeTopic::Accounts);
    m_db.changed(ChangeTopic::Endpoints); // an unmatched request's owner now exists
    tx.commit();
    return id;
}

void UsersTable::setPassword(qint64 userId, const QString &passwordHash)
{
    Database::Transaction tx(m_db);
    m_db.execute(QStringLiteral("UPDATE authentication SET passwordhash = ? WHERE userid = ?"),
                 {passwordHash, userId});
    m_db.execute(QStringLiteral("DELETE FROM tokens WHERE userid = ?"), {userId});
    tx.commit();
}

QList<UserRecord> UsersTable::all()
{
    QList<UserRecord> users;
    const QList<Row> rows = m_db.select(
        QStringLiteral("SELECT id, username, plan, created_at FROM users ORDER BY username"));
    for (const Row &row : rows)
        users.append(UserRecord{row.at(0).toLongLong(), row.at(1).toString(), row.at(2).toString(),
                                row.at(3).toLongLong(), QString()});
    return users;
}

void UsersTable::setPlan(qint64 userId, const QString &plan)
{
    m_db.execute(QStringLiteral("UPDATE users SET plan = ? WHERE id = ?"), {plan, userId});
    m_db.changed(ChangeTopic::Accounts);
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
    m_db.changed(ChangeTopic::Endpoints); // endpoints without their own cors follow it
    m_db.changed(ChangeTopic::Accounts);
}

} // namespace depot
