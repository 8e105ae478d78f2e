#include "app/UsersCommand.h"

#include "accounts/AccountRules.h"
#include "accounts/UsersTable.h"
#include "app/AccountContent.h"
#include "crypto/PasswordHash.h"
#include "store/Schema.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <iostream>
#include <string>
#include <termios.h>
#include <unistd.h>

namespace depot {
namespace {

enum Exit { Ok = 0, Failed = 1, Usage = 2 };

int fail(int code, const QString &message)
{
    std::fprintf(stderr, "depot-server: error: %s\n",
                 message.simplified().toLocal8Bit().constData());
    return code;
}

void say(const QString &text)
{
    std::fputs(text.toLocal8Bit().constData(), stdout);
    std::fflush(stdout);
}

// One line from standard input; on a terminal prompted for on stderr and read without echo.
std::optional<QString> readLine(const QString &prompt, bool terminal)
{
    termios saved{};
    if (terminal) {
        std::fputs(prompt.toLocal8Bit().constData(), stderr);
        std::fflush(stderr);
        ::tcgetattr(STDIN_FILENO, &saved);
        termios silent = saved;
        silent.c_lflag &= ~tcflag_t(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
    }
    std::string line;
    const bool got = bool(std::getline(std::cin, line));
    if (terminal) {
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        std::fputs("\n", stderr);
    }
    if (!got && line.empty())
        return std::nullopt;
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    return QString::fromStdString(line);
}

// The new password (terminal: twice); nullopt after printing why not.
std::optional<QString> readNewPassword(const QString &username, int *exitCode)
{
    const bool terminal = ::isatty(STDIN_FILENO) == 1;
    const auto password =
        readLine(UsersCommand::tr("New password for %1: ").arg(username), terminal);
    if (!password) {
        *exitCode = fail(Usage, UsersCommand::tr("no password on standard input"));
        return std::nullopt;
    }
    if (const QString problem = AccountRules::passwordProblem(*password); !problem.isEmpty()) {
        *exitCode = fail(Usage, UsersCommand::tr("password %1").arg(problem));
        return std::nullopt;
    }
    if (terminal) {
        const auto again = readLine(UsersCommand::tr("Retype the new password: "), terminal);
        if (!again || *again != *password) {
            *exitCode = fail(Usage, UsersCommand::tr("the passwords do not match"));
            return std::nullopt;
        }
    }
    return password;
}

QString isoTime(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).toString(Qt::ISODate);
}

int list(UsersTable &users, bool json)
{
    const QList<UserRecord> all = users.all();
    if (json) {
        QJsonArray array;
        for (const UserRecord &user : all)
            array.append(QJsonObject{{QStringLiteral("username"), user.username},
                                     {QStringLiteral("plan"), user.plan},
                                     {QStringLiteral("created_at"), isoTime(user.createdAt)}});
        say(QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented)));
        return Ok;
    }
    int nameWidth = int(UsersCommand::tr("NAME").size());
    int planWidth = int(UsersCommand::tr("PLAN").size());
    for (const UserRecord &user : all) {
        nameWidth = qMax(nameWidth, int(user.username.size()));
        planWidth = qMax(planWidth, int(user.plan.size()));
    }
    auto row = [&](const QString &name, const QString &plan, const QString &created) {
        say(name.leftJustified(nameWidth) + QStringLiteral("  ") + plan.leftJustified(planWidth) +
            QStringLiteral("  ") + created + u'\n');
    };
    row(UsersCommand::tr("NAME"), UsersCommand::tr("PLAN"), UsersCommand::tr("CREATED"));
    for (const UserRecord &user : all)
        row(user.username, user.plan, isoTime(user.createdAt));
    return Ok;
}

} // namespace

int UsersCommand::run(const ServerConfig &config, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Administers the accounts in the configured database (server options go before "
           "'users').\n\n"
           "  users list [--json]           name, plan and creation time of every user\n"
           "  users add NAME [--plan PLAN]  a new user; the password is read from the terminal\n"
           "                                or one line of standard input\n"
           "  users passwd NAME             a new password (read the same way); the user's\n"
           "                                tokens are revoked\n"
           "  users plan NAME PLAN          changes the plan\n"
           "  users delete NAME             the account, its endpoints, dumps and files"));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  tr("Displays this help."));
    const QCommandLineOption json(QStringLiteral("json"), tr("list: JSON instead of a table."));
    const QCommandLineOption plan(
        QStringLiteral("plan"), tr("add: the plan [default %1].").arg(config.accounts.defaultPlan),
        QStringLiteral("plan"));
    parser.addOptions({help, json, plan});
    parser.addPositionalArgument(QStringLiteral("command"),
                                 tr("list, add, passwd, plan or delete"));
    if (!parser.parse(QStringList{QStringLiteral("depot-server users")} + arguments))
        return fail(Usage, parser.errorText());
    if (parser.isSet(help)) {
        say(parser.helpText());
        return Ok;
    }
    const QStringList args = parser.positionalArguments();
    const QString command = args.value(0);
    static const QHash<QString, int> arity{{QStringLiteral("list"), 1},
                                           {QStringLiteral("add"), 2},
                                           {QStringLiteral("passwd"), 2},
                                           {QStringLiteral("plan"), 3},
                                           {QStringLiteral("delete"), 2}};
    if (!arity.contains(command))
        return fail(Usage, command.isEmpty()
                               ? tr("users: a command is missing (list, add, passwd, plan, delete)")
                               : tr("users: unknown command '%1'").arg(command));
    if (args.size() != arity.value(command))
        return fail(Usage, tr("users %1: expected %n argument(s) (see depot-server users --help)",
                              nullptr, arity.value(command) - 1)
                               .arg(command));
    if ((parser.isSet(json) && command != u"list") || (parser.isSet(plan) && command != u"add"))
        return fail(Usage, tr("users %1: --json belongs to list, --plan to add").arg(command));
    const QString username = args.value(1);
    const QStringList plans = config.accounts.plans.keys();
    const QString newPlan =
        command == u"plan" ? args.value(2).toLower() : parser.value(plan).toLower();
    if (command == u"add") {
        if (const QString problem = AccountRules::usernameProblem(username); !problem.isEmpty())
            return fail(Usage, tr("invalid username '%1': %2").arg(username, problem));
    }
    if (command == u"plan" || (command == u"add" && parser.isSet(plan))) {
        if (const QString problem = AccountRules::planProblem(newPlan, plans); !problem.isEmpty())
            return fail(Usage, problem);
    }

    QString error;
    const auto settings = Database::parseUrl(config.databaseUrl, config.databaseFile(), &error);
    if (!settings)
        return fail(Usage, error);
    if (settings->dialect == Database::Dialect::Sqlite && !QDir().mkpath(config.dataDir))
        return fail(Failed, tr("cannot create directory %1").arg(config.dataDir));
    Database db(*settings, QStringLiteral("users-command"));
    if (!db.open(&error))
        return fail(Failed, tr("cannot open the database: %1").arg(error));
    if (!Schema::migrate(db, &error))
        return fail(Failed, error);
    try {
        UsersTable users(db);
        if (command == u"list")
            return list(users, parser.isSet(json));
        const auto user = users.findByName(username);
        if (command == u"add") {
            if (user)
                return fail(Failed, tr("user '%1' exists").arg(username));
            int exitCode = Ok;
            const auto password = readNewPassword(username, &exitCode);
            if (!password)
                return exitCode;
            const QString chosen = parser.isSet(plan) ? newPlan : config.accounts.defaultPlan;
            try {
                users.create(username, chosen,
                             PasswordHash::hash(password->toUtf8(), config.accounts.kdfIterations));
            } catch (const DbError &e) {
                if (Database::isUniqueViolation(e))
                    return fail(Failed, tr("user '%1' exists").arg(username));
                throw;
            }
            say(tr("user %1 created (plan %2)\n").arg(username, chosen));
            return Ok;
        }
        if (!user)
            return fail(Failed, tr("no user '%1'").arg(username));
        if (command == u"passwd") {
            int exitCode = Ok;
            const auto password = readNewPassword(username, &exitCode);
            if (!password)
                return exitCode;
            users.setPassword(
                user->id, PasswordHash::hash(password->toUtf8(), config.accounts.kdfIterations));
            say(tr("password of %1 changed; their tokens are revoked\n").arg(username));
        } else if (command == u"plan") {
            users.setPlan(user->id, newPlan);
            say(tr("plan of %1: %2\n").arg(username, newPlan));
        } else { // delete
            QStringList paths;
            if (!accountRemoval().removeRows(db, *user, &paths))
                return fail(Failed, tr("no user '%1'").arg(username));
            if (!AccountRemoval::removeFiles(config.filesDir(), paths))
                return fail(Failed, tr("user %1 deleted, but some of their files could not be "
                                       "removed (the server's sweep retries)")
                                        .arg(username));
            say(tr("user %1 deleted with their endpoints, dumps and files\n").arg(username));
        }
        return Ok;
    } catch (const DbError &e) {
        return fail(Failed, tr("database: %1").arg(QString::fromUtf8(e.what())));
    }
}

} // namespace depot
