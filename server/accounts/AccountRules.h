#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace depot {

// What makes a username or a password acceptable: sign-up, the users file and the admin
// commands all ask here.
class AccountRules
{
    Q_DECLARE_TR_FUNCTIONS(AccountRules)

public:
    // Letters, digits and . _ ~ - ' ; = ( ) *, 3–32 characters, starting with a letter or digit:
    // safe in a URL path segment, and SQL metacharacters are stored verbatim.
    static bool isValidUsername(const QString &username);
    // Why `username` is not acceptable (the rule above in words); empty when it is.
    static QString usernameProblem(const QString &username);
    // Why `password` is not acceptable; empty when it is.
    static QString passwordProblem(const QString &password);
    // Why `plan` is not one of `plans` (lower case); empty when it is.
    static QString planProblem(const QString &plan, const QStringList &plans);
};

} // namespace depot
