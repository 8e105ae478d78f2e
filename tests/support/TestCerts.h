#pragma once

#include <QString>
#include <QStringList>

namespace depot::test {

// Certificates made by the `openssl` command at test time, in a directory of the test's:
// a CA, and server certificates (P-256 keys, PEM) signed by it or self-signed.
// Files: <dir>/<name>.crt and <dir>/<name>.key.
class TestCerts
{
public:
    explicit TestCerts(const QString &dir) : m_dir(dir) {}

    bool makeCa(const QString &name);
    // `sans` like {"DNS:localhost", "IP:127.0.0.1"}; `ca` empty: self-signed.
    bool makeServer(const QString &name, const QString &commonName, const QStringList &sans,
                    const QString &ca);

    QString cert(const QString &name) const { return m_dir + u'/' + name + QStringLiteral(".crt"); }
    QString key(const QString &name) const { return m_dir + u'/' + name + QStringLiteral(".key"); }
    QString errorString() const { return m_error; }

private:
    bool openssl(const QStringList &arguments);

    QString m_dir;
    QString m_error;
};

} // namespace depot::test
