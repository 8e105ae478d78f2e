#include "accounts/AccountRules.h"

#include "crypto/PasswordHash.h"

#include <QRegularExpression>

namespace depot {

bool AccountRules::isValidUsername(const QString &username)
{
    static const QRegularExpression pattern(
        QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._~'();=*-]{2,31}$"));
    return pattern.match(username).hasMatch();
}

QString AccountRules::usernameProblem(const QString &username)
{
    if (isValidUsername(username))
        return {};
    return tr("3-32 characters: letters, digits and . _ ~ - ' ; = ( ) *, starting with a letter "
              "or digit");
}

QString AccountRules::planProblem(const QString &plan, const QStringList &plans)
{
    if (plans.contains(plan))
        return {};
    return tr("unknown plan '%1' (known: %2)").arg(plan, plans.join(QStringLiteral(", ")));
}

QString AccountRules::passwordProblem(const QString &password)
{
    const qsizetype bytes = password.toUtf8().size();
    if (bytes < 8)
        return tr("must be at least 8 characters");
    if (bytes > PasswordHash::MaxPasswordBytes)
        return tr("must be at most %1 bytes").arg(PasswordHash::MaxPasswordBytes);
    return {};
}

} // namespace depot
