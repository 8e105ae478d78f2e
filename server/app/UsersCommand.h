#pragma once

#include "config/ServerConfig.h"

#include <QCoreApplication>
#include <QStringList>

namespace depot {

// `depot-server [server options] users list|add|passwd|plan|delete ...`: account administration
// against the configured database, with the same options, INI file and DEPOT_* variables as the
// server. New passwords come from the terminal (without echo) or one line of standard input,
// never from the command line. Exit codes: 0 done, 1 runtime or database error (no such user,
// name taken), 2 usage (unknown command or option, invalid name, plan or password).
class UsersCommand
{
    Q_DECLARE_TR_FUNCTIONS(UsersCommand)

public:
    // `arguments`: everything after "users".
    static int run(const ServerConfig &config, const QStringList &arguments);
};

} // namespace depot
