#pragma once

#include "store/Database.h"

#include <QStringList>

namespace depot {

struct Migration
{
    int version;
    const char *name;
    // Portable DDL; %ID% (auto-increment primary key), %BLOB% and %BIGINT% are replaced per
    // dialect; a statement starting with "sqlite:" or "postgres:" runs on that dialect only.
    QStringList statements;
};

// The versioned schema: forward-only migrations recorded in schema_migrations.
class Schema
{
    Q_DECLARE_TR_FUNCTIONS(Schema)

public:
    static const QList<Migration> &migrations();
    static int latestVersion();
    static int currentVersion(Database &db);
    // Applies what is missing, each migration in its own transaction. Refuses (false + error)
    // when the database is newer than this binary.
    static bool migrate(Database &db, QString *error);
    static QString translate(const QString &statement, Database::Dialect dialect);
};

} // namespace depot
