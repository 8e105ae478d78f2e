#pragma once

#include "store/Database.h"

namespace depot {

struct UserRecord
{
    qint64 id = 0;
    QString username;
    QString plan;
    qint64 createdAt = 0;
    QString passwordHash; // from the authentication table
};

// users + authentication (the seed's tables): one user row and its password hash.
class UsersTable
{
public:
    explicit UsersTable(Database &db) : m_db(db) {}

    std::optional<UserRecord> findByName(const QString &username);
    // Throws DbError; Database::isUniqueViolation(e) when the name is taken.
    qint64 create(const QString &username, const QString &plan, const QString &passwordHash);
    void setPlan(qint64 userId, const QString &plan);
    // A new password hash, and every token of the user revoked (its signing secret deleted: the
    // next log-in makes a new one), in one transaction. PUT /me/password, `users passwd` and a
    // changed users file all set passwords here.
    void setPassword(qint64 userId, const QString &passwordHash);
    // Every user, by name.
    QList<UserRecord> all();
    // The account's CORS default for endpoints that do not set `cors` themselves.
    bool corsDefault(qint64 userId);
    void setCorsDefault(qint64 userId, bool on);

private:
    Database &m_db;
};

} // namespace depot
