#include "accounts/UsersFile.h"

#include "accounts/AccountRules.h"
#include "accounts/UsersTable.h"
#include "crypto/PasswordHash.h"

namespace depot {

UsersFile::Parsed UsersFile::parse(const QByteArray &content, const QStringList &plans)
{
    Parsed parsed;
    const QList<QByteArray> lines = content.split('\n');
    QStringList seen;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const int number = int(i + 1);
        QString line = QString::fromUtf8(lines[i]);
        if (const qsizetype hash = line.indexOf(u'#'); hash >= 0)
            line.truncate(hash);
        const QStringList fields = line.simplified().split(u' ', Qt::SkipEmptyParts);
        if (fields.isEmpty())
            continue;
        auto error = [&](const QString &text) {
            parsed.errors.append(tr("line %1: %2").arg(number).arg(text));
        };
        if (fields.size() != 3) {
            error(tr("expected 'username password plan', found %n field(s)", nullptr,
                     int(fields.size())));
            continue;
        }
        const Entry entry{number, fields[0], fields[1], fields[2].toLower()};
        if (!AccountRules::isValidUsername(entry.username))
            error(tr("invalid username '%1'").arg(entry.username));
        else if (seen.contains(entry.username))
            error(tr("duplicate username '%1'").arg(entry.username));
        else if (const QString problem = AccountRules::planProblem(entry.plan, plans);
                 !problem.isEmpty())
            error(problem);
        else if (const QString problem = AccountRules::passwordProblem(entry.password);
                 !problem.isEmpty())
            error(tr("password %1").arg(problem));
        else {
            seen.append(entry.username);
            parsed.entries.append(entry);
        }
    }
    return parsed;
}

UsersFile::Imported UsersFile::import(Database &db, const Parsed &parsed, int kdfIterations)
{
    UsersTable users(db);
    Imported imported;
    for (const Entry &entry : parsed.entries) {
        const QByteArray secret = entry.password.toUtf8();
        if (const auto existing = users.findByName(entry.username)) {
            if (existing->plan != entry.plan) {
                users.setPlan(existing->id, entry.plan);
                ++imported.plansChanged;
            }
            if (!PasswordHash::verify(secret, existing->passwordHash)) {
                users.setPassword(existing->id, PasswordHash::hash(secret, kdfIterations));
                ++imported.passwordsChanged;
            }
            continue;
        }
        users.create(entry.username, entry.plan, PasswordHash::hash(secret, kdfIterations));
        ++imported.created;
    }
    return imported;
}

} // namespace depot
