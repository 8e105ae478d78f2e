#include "accounts/AuthHandler.h"

#include "accounts/AccountRules.h"
#include "config/OffThread.h"
#include "config/ServerConfig.h"
#include "crypto/Jwt.h"
#include "crypto/PasswordHash.h"
#include "http/Guarded.h"
#include "http/JsonBody.h"
#include "accounts/ThrottleTable.h"
#include "accounts/TokensTable.h"
#include "accounts/UsersTable.h"

#include <QDateTime>
#include <QDebug>
#include <QJsonObject>

namespace depot {
namespace {

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
    else if (!AccountRules::isValidUsername(username.toString()))
        problems.insert(QStringLiteral("username"),
                        tr("3-32 characters: letters, digits and . _ ~ - ' ; = ( ) *, starting "
                           "with a letter or digit"));
    if (!password.isString())
        problems.insert(QStringLiteral("password"), tr("required, a string"));
    else if (const QString problem = AccountRules::passwordProblem(password.toString()); !problem.isEmpty())
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
                ex->respondJson(201, QJsonObject{{QStringLiteral("username"), name},
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
    const QString userKey = QStringLiteral("login:user:") + name;
    const QString addressKey = QStringLiteral("login:ip:") + ex->remoteAddress().toString();
    const ServerConfig &config = m_ctx.config;
    ThrottleTable throttle(m_ctx.db);
    const qint64 wait = qMax(
        throttle.blockedFor(userKey, config.accounts.loginMaxFailures, config.accounts.loginWindowSeconds),
        throttle.blockedFor(addressKey, config.accounts.loginMaxFailures * 5, config.accounts.loginWindowSeconds));
    if (wait > 0) {
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
    runOffThread(m_ctx.thread, verify, [ex, ctx, user, userKey, addressKey](bool ok) {
        guarded(ex, [&] {
            ThrottleTable throttle(ctx.db);
            if (!ok) {
                throttle.recordFailure(userKey, ctx.config.accounts.loginWindowSeconds);
                throttle.recordFailure(addressKey, ctx.config.accounts.loginWindowSeconds);
                ex->fail(ApiError::unauthorized(tr("invalid username or password")));
                return;
            }
            throttle.clear(userKey);
            const QByteArray signingSecret = TokensTable(ctx.db).rotate(user->id);
            const qint64 now = QDateTime::currentSecsSinceEpoch();
            const JwtClaims claims{user->username, now, now + ctx.config.accounts.tokenExpirySeconds};
            ex->respondJson(
                200, QJsonObject{
                         {QStringLiteral("token"),
                          QString::fromLatin1(Jwt::sign(claims, signingSecret))},
                         {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                         {QStringLiteral("expires_at"), isoTime(claims.expiresAt)},
                         {QStringLiteral("expires_in"), double(ctx.config.accounts.tokenExpirySeconds)},
                     });
        });
    });
}

} // namespace depot
