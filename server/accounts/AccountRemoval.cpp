#include "accounts/AccountRemoval.h"

#include "accounts/UsersTable.h"

#include <QDir>
#include <QFileInfo>

namespace depot {

bool AccountRemoval::removeRows(Database &db, const UserRecord &user, QStringList *paths) const
{
    Database::Transaction tx(db);
    // The user row first in PostgreSQL's lock order: a concurrent quota reservation (SELECT ...
    // FOR UPDATE on it) waits for us and then finds no user.
    if (db.dialect() == Database::Dialect::Postgres)
        db.select(QStringLiteral("SELECT id FROM users WHERE id = ? FOR UPDATE"), {user.id});
    if (!db.selectOne(QStringLiteral("SELECT id FROM users WHERE id = ?"), {user.id}))
        return false;
    for (const UserContentSource &source : m_sources)
        source.removeForUser(db, user.id, paths);
    db.execute(QStringLiteral("DELETE FROM ws_tickets WHERE user_id = ?"), {user.id});
    db.execute(QStringLiteral("DELETE FROM tokens WHERE userid = ?"), {user.id});
    db.execute(QStringLiteral("DELETE FROM requests WHERE userid = ?"), {user.id}); // quota rows
    // Login throttles are keyed by name ("login:user:NAME", "login:user-ip:NAME|ADDRESS"): a new
    // account of the same name starts without the old one's failures.
    const QString userKey = QStringLiteral("login:user:") + user.username;
    const QString pairPrefix = QStringLiteral("login:user-ip:") + user.username + u'|';
    db.execute(QStringLiteral("DELETE FROM throttle WHERE key = ? OR substr(key, 1, ?) = ?"),
               {userKey, int(pairPrefix.size()), pairPrefix});
    db.execute(QStringLiteral("DELETE FROM authentication WHERE userid = ?"), {user.id});
    db.execute(QStringLiteral("DELETE FROM users WHERE id = ?"), {user.id});
    // Every worker's copies of this account, its endpoints and its quota go with it.
    db.changed(ChangeTopic::Endpoints);
    db.changed(ChangeTopic::Accounts);
    db.changed(ChangeTopic::Quota);
    tx.commit();
    return true;
}

bool AccountRemoval::removeFiles(const QString &filesDir, const QStringList &paths)
{
    bool ok = true;
    const QDir root(filesDir);
    for (const QString &path : paths) {
        const QString clean = QDir::cleanPath(path);
        // Paths come from our own rows; anything outside the files directory is never touched.
        if (clean.isEmpty() || QDir::isAbsolutePath(clean) || clean == u".." ||
            clean.startsWith(u"../") || clean == u".") {
            ok = false;
            continue;
        }
        const QString full = root.filePath(clean);
        const QFileInfo info(full);
        if (info.isDir() && !info.isSymLink())
            ok = QDir(full).removeRecursively() && ok;
        else if (info.exists() || info.isSymLink())
            ok = QFile::remove(full) && ok;
    }
    return ok;
}

} // namespace depot
