#pragma once

#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>

namespace depot {

// Passwords in the system keychain (QtKeychain: Secret Service, KWallet, macOS Keychain,
// Windows Credential Store), one per server and username. Never written anywhere else: without
// a keychain (no QtKeychain at build time, or no keychain daemon, as offscreen and in CI) every
// call reports failure and the client simply asks for the password.
class CredentialStore : public QObject
{
    Q_OBJECT
public:
    explicit CredentialStore(QObject *parent = nullptr);

    static bool isCompiledIn();
    // done(ok, password); ok is false when there is none or no keychain answers.
    void read(const QUrl &server, const QString &username,
              std::function<void(bool ok, const QString &password)> done);
    void write(const QUrl &server, const QString &username, const QString &password,
               std::function<void(bool ok)> done = {});
    void remove(const QUrl &server, const QString &username);

    static QString key(const QUrl &server, const QString &username);
};

} // namespace depot
