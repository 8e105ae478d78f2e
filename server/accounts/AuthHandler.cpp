#include "accounts/AuthHandler.h"
#include "config/Log.h"
#include "config/Metrics.h"

#include "accounts/AccountRules.h"
#include "accounts/ThrottleTable.h"
#include "accounts/TicketsTable.h"
#include "accounts/TokensTable.h"
#include "accounts/UsersTable.h"
#include "config/OffThread.h"
#include "config/ServerConfig.h"
#include "crypto/Jwt.h"
#include "crypto/PasswordHash.h"
#include "http/Guarded.h"
#include "http/JsonBody.h"

#include <QDateTime>
#include <QDebug>
#include <QJsonObject>

namespace depot {
namespace {

// The three counters a login attempt is reserved in (see docs/API.md, "Login throttling"):
// per user and address (the lockout a guesser meets), per user (a higher ceiling, so guessing
// from many addresses stops too, while one address alone cannot lock a known user out), and per
// address (spraying many users from one address).
struct LoginThrottle
{
    QString pairKey, userKey, addressKey;

    static LoginThrottle forAttempt(const QString &user, const QString &address)
    {
        return {QStringLiteral("login:user-ip:") + user + u'|' + address,
                QStringLiteral("login:user:") + user, QStringLiteral("login:ip:") + address};
    }

    // 0 when the attempt is counted in all three, else seconds to wait (and nothing counted).
    qint64 reserve(Database &db, const ServerConfig &config) const
    {
        ThrottleTable table(db);
        const int window = config.accounts.loginWindowSeconds;
        if (const qint64 wait = table.reserve(pairKey, config.accounts.loginMaxFailures, window))
            return wait;
        if (const qint64 wait =
                table.reserve(userKey, config.accounts.loginMaxFailuresPerUser, window)) {
            table.release(pairKey);
            return wait;
        }
        if (const qint64 wait =
                table.reserve(addressKey, config.accounts.loginMaxFailures * 5, window)) {
            table.release(pairKey);
            table.release(userKey);
            return wait;
        }
        return 0;
    }

    // The right password: the attempt was no failure (failures already counted stay counted,
    // so a burst cannot get more than the limit's worth of guesses around one good login).
    void succeeded(Database &db) const
    {
        ThrottleTable table(db);
        table.release(pairKey);
        table.release(userKey);
        table.release(addressKey);
    }
};

QString isoTime(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).toString(Qt::ISODate);
}

} // namespace

void AuthHandler::signUp(const ExchangePtr &ex)
{
    const auto body = jsonObjectBody(ex);
    if (!body)
        return;
    QJsonObject problems;
    const QJsonValue username = body->value(QStringLiteral("username"));
    const QJsonValue password = body->value(QStringLiteral("password"));
    if (!username.isString())
        problems.insert(QStringLiteral("username"), tr("required, a string"));
    else if (const QString problem = AccountRules::usernameProblem(username.toString());
             !problem.isEmpty())
        problems.insert(QStringLiteral("username"), problem);
    if (!password.isString())
        problems.insert(QStringLiteral("password"), tr("required, a string"));
    else if (const QString problem = AccountRules::passwordProblem(password.toString());
             !problem.isEmpty())
        problems.insert(QStringLiteral("password"), problem);
    if (!problems.isEmpty()) {
        ex->fail(ApiError::invalidFields(problems));
        return;
    }
    const QString name = username.toString();
    if (UsersTable(m_ctx.db).findByName(name)) {
        ex->fail(ApiError::conflict(tr("the username is taken")));
        return;
    }
    const QByteArray secret = password.toString().toUtf8();
    const int iterations = m_ctx.config.accounts.kdfIterations;
    const WorkerContext ctx = m_ctx;
    runOffThread(
        m_ctx.thread, [secret, iterations] { return PasswordHash::hash(secret, iterations); },
        [ex, ctx, name](const QString &hash) {
            guarded(ex, [&] {
                try {
                    UsersTable(ctx.db).create(name, ctx.config.accounts.defaultPlan, hash);
                } catch (const DbError &e) {
                    if (!Database::isUniqueViolation(e))
                        throw;
                    ex->fail(ApiError::conflict(tr("the username is taken")));
                    return;
                }
                ex->respondJson(
                    201, QJsonObject{{QStringLiteral("username"), name},
                                     {QStringLiteral("plan"), ctx.config.accounts.defaultPlan}});
            });
        });
}

void AuthHandler::issueToken(const ExchangePtr &ex)
{
    const auto body = jsonObjectBody(ex);
    if (!body)
        return;
    const QJsonValue username = body->value(QStringLiteral("username"));
    const QJsonValue password = body->value(QStringLiteral("password"));
    if (!username.isString() || !password.isString()) {
        QJsonObject problems;
        if (!username.isString())
            problems.insert(QStringLiteral("username"), tr("required, a string"));
        if (!password.isString())
            problems.insert(QStringLiteral("password"), tr("required, a string"));
        ex->fail(ApiError::invalidFields(problems));
        return;
    }
    const QString name = username.toString().left(64);
    const ServerConfig &config = m_ctx.config;
    const LoginThrottle throttle = LoginThrottle::forAttempt(name, ex->remoteAddress().toString());
    if (const qint64 wait = throttle.reserve(m_ctx.db, config); wait > 0) {
        Metrics::logins.add("throttled");
        ex->fail(ApiError::tooManyRequests(wait, tr("too many failed logins: try again later")));
        return;
    }
    const auto user = UsersTable(m_ctx.db).findByName(name);
    const QByteArray secret = password.toString().toUtf8();
    const QString stored = user ? user->passwordHash : QString();
    const int iterations = config.accounts.kdfIterations;
    const WorkerContext ctx = m_ctx;
    auto verify = [secret, stored, iterations] {
        if (stored.isEmpty()) { // same work for unknown users: timing does not reveal them
            PasswordHash::verifyDummy(secret, iterations);
            return false;
        }
        return PasswordHash::verify(secret, stored);
    };
    runOffThread(m_ctx.thread, verify, [ex, ctx, user, throttle](bool ok) {
        guarded(ex, [&] {
            if (!ok) { // the reserved attempts stay counted as failures
                Metrics::logins.add("failure");
                ex->fail(ApiError::unauthorized(tr("invalid username or password")));
                return;
            }
            throttle.succeeded(ctx.db);
            Metrics::logins.add("success");
            respondWithNewToken(ex, ctx, user->id, user->username);
        });
    });
}

void AuthHandler::respondWithNewToken(const ExchangePtr &ex, const WorkerContext &ctx,
                                      qint64 userId, const QString &username)
{
    // A new per-user secret: every token issued before stops verifying, on every instance.
    const QByteArray signingKey = TokensTable(ctx.db, ctx.serverKey).rotate(userId);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const JwtClaims claims{username, now, now + ctx.config.accounts.tokenExpirySeconds};
    ex->respondJson(
        200, QJsonObject{
                 {QStringLiteral("token"), QString::fromLatin1(Jwt::sign(claims, signingKey))},
                 {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                 {QStringLiteral("expires_at"), isoTime(claims.expiresAt)},
                 {QStringLiteral("expires_in"), double(ctx.config.accounts.tokenExpirySeconds)},
             });
}

void AuthHandler::withCurrentPassword(const ExchangePtr &ex, const QString &current,
                                      const QString &newPassword,
                                      std::function<void(const QString &newHash)> next)
{
    // A stolen token must not become a way around the login throttle to guess the password.
    const ServerConfig &config = m_ctx.config;
    const AuthUser who = *ex->user;
    const LoginThrottle throttle =
        LoginThrottle::forAttempt(who.username, ex->remoteAddress().toString());
    if (const qint64 wait = throttle.reserve(m_ctx.db, config); wait > 0) {
        ex->fail(ApiError::tooManyRequests(wait, tr("too many failed logins: try again later")));
        return;
    }
    const auto user = UsersTable(m_ctx.db).findByName(who.username);
    const QByteArray currentSecret = current.toUtf8();
    const QByteArray newSecret = newPassword.toUtf8();
    const QString stored = user ? user->passwordHash : QString();
    const int iterations = config.accounts.kdfIterations;
    const WorkerContext ctx = m_ctx;
    // Both KDFs (check and new hash) on the thread pool; nullopt: the password is wrong.
    auto work = [currentSecret, newSecret, stored, iterations]() -> std::optional<QString> {
        if (stored.isEmpty() || !PasswordHash::verify(currentSecret, stored))
            return std::nullopt;
        return newSecret.isEmpty() ? QString() : PasswordHash::hash(newSecret, iterations);
    };
    runOffThread(m_ctx.thread, work,
                 [ex, ctx, throttle, next = std::move(next)](const std::optional<QString> &hash) {
                     guarded(ex, [&] {
                         if (!hash) {
                             ex->fail(ApiError::make(403, tr("the current password is wrong")));
                             return;
                         }
                         throttle.succeeded(ctx.db);
                         next(*hash);
                     });
                 });
}

void AuthHandler::changePassword(const ExchangePtr &ex)
{
    const auto body = jsonObjectBody(ex);
    if (!body)
        return;
    const QJsonValue current = body->value(QStringLiteral("current_password"));
    const QJsonValue next = body->value(QStringLiteral("new_password"));
    QJsonObject problems;
    if (!current.isString())
        problems.insert(QStringLiteral("current_password"), tr("required, a string"));
    if (!next.isString())
        problems.insert(QStringLiteral("new_password"), tr("required, a string"));
    else if (const QString problem = AccountRules::passwordProblem(next.toString());
             !problem.isEmpty())
        problems.insert(QStringLiteral("new_password"), problem);
    if (!problems.isEmpty()) {
        ex->fail(ApiError::invalidFields(problems));
        return;
    }
    const AuthUser who = *ex->user;
    const WorkerContext ctx = m_ctx;
    withCurrentPassword(ex, current.toString(), next.toString(),
                        [ex, ctx, who](const QString &hash) {
                            UsersTable(ctx.db).setPassword(who.id, hash);
                            respondWithNewToken(ex, ctx, who.id, who.username);
                        });
}

void AuthHandler::deleteAccount(const ExchangePtr &ex)
{
    const auto body = jsonObjectBody(ex);
    if (!body)
        return;
    const QJsonValue password = body->value(QStringLiteral("password"));
    if (!password.isString()) {
        ex->fail(ApiError::invalidField(QStringLiteral("password"), tr("required, a string")));
        return;
    }
    const AuthUser who = *ex->user;
    const WorkerContext ctx = m_ctx;
    const AccountRemoval removal = m_removal;
    withCurrentPassword(ex, password.toString(), {}, [ex, ctx, who, removal](const QString &) {
        const auto user = UsersTable(ctx.db).findByName(who.username);
        QStringList paths;
        if (!user || user->id != who.id || !removal.removeRows(ctx.db, *user, &paths)) {
            ex->fail(ApiError::invalidToken(tr("the account no longer exists")));
            return;
        }
        qCInfo(lcAccounts).noquote() << tr("account %1 deleted by its owner").arg(who.username);
        // The rows are gone, so nothing can reach the files any more; they are removed on the
        // thread pool and the answer waits for them, so 204 means everything is gone.
        const QString filesDir = ctx.config.filesDir();
        runOffThread(
            ctx.thread, [filesDir, paths] { return AccountRemoval::removeFiles(filesDir, paths); },
            [ex, who](bool removed) {
                if (!removed)
                    qCWarning(lcAccounts).noquote()
                        << tr("account %1: some files could not be removed (the reaper's sweep "
                              "retries)")
                               .arg(who.username);
                HttpResponse response;
                response.status = 204;
                ex->respond(response);
            });
    });
}

void AuthHandler::issueTicket(const ExchangePtr &ex)
{
    const QString ticket = TicketsTable(m_ctx.db).issue(ex->user->id, TicketSeconds);
    ex->respondJson(
        201,
        QJsonObject{{QStringLiteral("ticket"), ticket},
                    {QStringLiteral("expires_in"), TicketSeconds},
                    {QStringLiteral("expires_at"), isoTime(Database::now() + TicketSeconds)}},
        {{"Cache-Control", "no-store"}});
}

} // namespace depot
