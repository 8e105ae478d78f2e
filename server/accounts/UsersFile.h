#pragma once

#include <QCoreApplication>
#include <QList>
#include <QStringList>

namespace depot {

class Database;

// The seed's users.txt: "username password plan" per line, '#' comments, blank lines ignored.
class UsersFile
{
    Q_DECLARE_TR_FUNCTIONS(UsersFile)

public:
    struct Entry
    {
        int line = 0;
        QString username, password, plan;
    };
    struct Parsed
    {
        QList<Entry> entries;
        QStringList errors; // "line N: ..."
    };

    static Parsed parse(const QByteArray &content, const QStringList &plans);
    struct Imported
    {
        int created = 0, passwordsChanged = 0, plansChanged = 0;
    };
    // Creates missing users and brings existing ones in line with the file: a changed plan is
    // set, a password that no longer matches is replaced (UsersTable::setPassword: the user's
    // tokens are revoked). Checking costs one KDF per listed user that exists.
    static Imported import(Database &db, const Parsed &parsed, int kdfIterations);
};

} // namespace depot
