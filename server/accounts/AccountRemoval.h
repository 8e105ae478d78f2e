#pragma once

#include "store/Database.h"

#include <QCoreApplication>
#include <QStringList>

#include <functional>

namespace depot {

struct UserRecord;

// What a feature stores for a user (hosted endpoints, dumps...). A feature describes it with one
// of these; app/ hands the list to AccountRemoval, so accounts never includes a feature.
struct UserContentSource
{
    QString name; // for the log, e.g. "endpoints"
    // Deletes every row of the user's content (inside the caller's transaction) and appends the
    // files and directories it leaves behind, relative to the files directory, to *paths.
    std::function<void(Database &db, qint64 userId, QStringList *paths)> removeForUser;
};

// Deleting an account, for DELETE /api/v1/me and `depot-server users delete` alike: the
// features' content, then tickets, tokens, quota rows, login throttles, password and user row,
// in one transaction; the files afterwards (a crash in between leaves files that the reaper's
// orphan sweep removes, never a row without its file).
class AccountRemoval
{
    Q_DECLARE_TR_FUNCTIONS(AccountRemoval)

public:
    explicit AccountRemoval(QList<UserContentSource> sources) : m_sources(std::move(sources)) {}

    // Removes the rows; returns the paths (relative to the files directory) to removeFiles()
    // after it. False when the user was already gone. Throws DbError (then nothing is removed).
    bool removeRows(Database &db, const UserRecord &user, QStringList *paths) const;
    // Removes files and directory trees under `filesDir`; paths leaving it are never followed.
    // True when every one is gone.
    static bool removeFiles(const QString &filesDir, const QStringList &paths);

private:
    QList<UserContentSource> m_sources;
};

} // namespace depot
