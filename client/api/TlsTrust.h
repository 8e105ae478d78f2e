#pragma once

#include <QObject>
#include <QSslError>
#include <QStringList>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace depot {

// Trust in servers whose certificate no authority vouches for (a self-signed one): the user
// accepts it once by its SHA-256 fingerprint, remembered per host:port (QSettings); a later
// certificate of that server with another fingerprint is refused again, with a warning.
//
// Watches a QNetworkAccessManager's sslErrors: a remembered certificate is let through; any
// other failed check leaves the reply to fail, with what was wrong in words and the certificate
// on the reply for RequestError (problems(), certificatePem(), changed()).
class TlsTrust : public QObject
{
    Q_OBJECT

public:
    explicit TlsTrust(QNetworkAccessManager *network, QObject *parent = nullptr);

    // "AB:CD:…": SHA-256 of the DER certificate, as `openssl x509 -fingerprint -sha256` says it.
    static QString fingerprint(const QByteArray &certificatePem);
    // One translated sentence per problem.
    static QString describe(const QSslError &error);
    // "host:port" (the scheme's default port when the URL has none).
    static QString serverKey(const QUrl &url);

    // The remembered fingerprint for `url`'s server, empty when none.
    static QString trustedFingerprint(const QUrl &url);
    static void trust(const QUrl &url, const QByteArray &certificatePem);
    static void forget(const QUrl &url);

    // What sslErrors left on a failed reply.
    static QStringList problems(const QNetworkReply *reply);
    static QByteArray certificatePem(const QNetworkReply *reply);
    static bool changed(const QNetworkReply *reply);

private:
    void check(QNetworkReply *reply, const QList<QSslError> &errors);
};

} // namespace depot
