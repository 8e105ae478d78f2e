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
    // Creates missing users and updates plans of existing ones; existing passwords are kept.
    // Returns the number of users created.
    static int import(Database &db, const Parsed &parsed, int kdfIterations);
};

} // namespace depot
