#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace depot {

// The server's own secret (32 random bytes). Token signing keys are HMAC-SHA256(server key,
// per-user secret), so the database alone (a dump, a copied SQLite file) cannot mint tokens:
// see docs/SECURITY.md, "Tokens". Several instances must share it: they find it in the shared
// data directory, or all name the same --secret-file.
class ServerKey
{
    Q_DECLARE_TR_FUNCTIONS(ServerKey)

public:
    static constexpr int Bytes = 32;
    static constexpr const char *FileName = "server.key";

    // `secretFile` empty: <dataDir>/server.key, created (0600, atomically, so instances starting
    // together agree) at first start. Otherwise that file must exist and hold at least 32 bytes.
    // Empty on failure, with `error` set.
    static QByteArray load(const QString &dataDir, const QString &secretFile, QString *error);

    // The key a user's tokens are signed with.
    static QByteArray signingKey(const QByteArray &serverKey, const QByteArray &userSecret);
};

} // namespace depot
