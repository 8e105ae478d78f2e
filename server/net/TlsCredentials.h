#pragma once

#include <QCoreApplication>
#include <QSslConfiguration>
#include <QString>

namespace depot {

// The certificate chain and private key HTTPS is served with, shared by every worker. load()
// reads PEM files (the first certificate is the server's, the rest its chain; the key in any
// PEM form OpenSSL reads: PKCS#8, RSA, EC) and checks that key and certificate belong together;
// only then does it replace what new connections get, so a bad reload (SIGHUP) keeps the old
// credentials. TLS 1.2 or later, Qt's default ciphers.
class TlsCredentials
{
    Q_DECLARE_TR_FUNCTIONS(TlsCredentials)

public:
    static bool load(const QString &certFile, const QString &keyFile, QString *error);
    static QSslConfiguration configuration(); // a null configuration before load()
    // One line for the log: subject, SHA-256 fingerprint and expiry of the served certificate.
    static QString describe();
};

} // namespace depot
