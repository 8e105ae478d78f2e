#pragma once

// Helpers shared by the client tests (header-only: tests/client/tst_*.cpp are the executables).

#include "TestServer.h"
#include "api/ApiClient.h"
#include "api/Session.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QLineEdit>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUuid>
#include <QWidget>

#include <optional>

// Runs a helper that verifies, and stops the test when it failed.
#define CHECKED(call)                                                                              \
    do {                                                                                           \
        call;                                                                                      \
        if (QTest::currentTestFailed())                                                            \
            return;                                                                                \
    } while (false)

namespace depot::clienttest {

// Waits (running the event loop) for an ApiClient call made as call(context, callback).
template <typename T, typename Call>
std::optional<ApiResult<T>> await(Call call, int timeoutMs = 30000)
{
    std::optional<ApiResult<T>> result;
    QEventLoop loop;
    call(&loop, [&result, &loop](const ApiResult<T> &answer) {
        result = answer;
        loop.quit();
    });
    if (!result) {
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return result;
}

// A username the server accepts (letters, digits, 3–32 characters) and no other test uses.
inline QString uniqueUsername(const QString &prefix = QStringLiteral("user"))
{
    return prefix + QUuid::createUuid().toString(QUuid::Id128).left(12);
}

inline QString defaultPassword()
{
    return QStringLiteral("correct-horse-battery-staple-42");
}

// Signs a new user up and logs in through the client; returns an error text, empty on success.
inline QString signUpAndLogIn(ApiClient &client, const QUrl &server, const QString &username,
                              const QString &password = defaultPassword())
{
    const auto created = await<QJsonObject>([&](QObject *context, auto done) {
        client.signUp(server, username, password, context, done);
    });
    if (!created)
        return QStringLiteral("sign-up timed out");
    if (!created->ok())
        return QStringLiteral("sign-up failed: ") + created->error().message();
    const auto token = await<TokenInfo>([&](QObject *context, auto done) {
        client.login(server, username, password, context, done);
    });
    if (!token)
        return QStringLiteral("login timed out");
    if (!token->ok())
        return QStringLiteral("login failed: ") + token->error().message();
    return QString();
}

// Writes a file into dir; returns its path, empty when it could not be written.
inline QString writeTestFile(const QTemporaryDir &dir, const QString &name,
                             const QByteArray &content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        return QString();
    return path;
}

// Keeps the tests' QSettings away from the user's: call before any QSettings is created.
inline void isolateSettings(const QTemporaryDir &dir)
{
    QCoreApplication::setOrganizationName(QStringLiteral("DepotTests"));
    QCoreApplication::setApplicationName(QStringLiteral("depot-client-tests"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir.path());
}

// The visible child of parent with this object name (dialogs opened with open() are children).
template <typename T> T *findVisible(QObject *parent, const QString &name)
{
    const QList<T *> candidates = parent->findChildren<T *>(name);
    for (T *candidate : candidates) {
        if (candidate->isVisible())
            return candidate;
    }
    return nullptr;
}

// Types server, username and password into a LoginDialog's fields (found by object name).
inline void fillLoginForm(QWidget *dialog, const QString &server, const QString &username,
                          const QString &password)
{
    auto *serverEdit = dialog->findChild<QLineEdit *>(QStringLiteral("serverEdit"));
    auto *usernameEdit = dialog->findChild<QLineEdit *>(QStringLiteral("usernameEdit"));
    auto *passwordEdit = dialog->findChild<QLineEdit *>(QStringLiteral("passwordEdit"));
    QVERIFY(serverEdit && usernameEdit && passwordEdit);
    serverEdit->clear();
    QTest::keyClicks(serverEdit, server);
    usernameEdit->clear();
    QTest::keyClicks(usernameEdit, username);
    passwordEdit->clear();
    QTest::keyClicks(passwordEdit, password);
}

} // namespace depot::clienttest
