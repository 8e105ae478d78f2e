#include "net/TlsCredentials.h"

#include <QDateTime>
#include <QFile>
#include <QMutex>
#include <QSslCertificate>
#include <QSslKey>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>

namespace depot {
namespace {

QMutex mutex;

// Guarded by mutex. Made on first use: a QSslConfiguration initialises Qt's TLS backend, which
// must not happen during static initialisation.
QSslConfiguration &current()
{
    static QSslConfiguration configuration;
    return configuration;
}

} // namespace

bool TlsCredentials::load(const QString &certFile, const QString &keyFile, QString *error)
{
    QFile certIn(certFile), keyIn(keyFile);
    if (!certIn.open(QIODevice::ReadOnly)) {
        *error = tr("cannot read TLS certificate %1: %2").arg(certFile, certIn.errorString());
        return false;
    }
    if (!keyIn.open(QIODevice::ReadOnly)) {
        *error = tr("cannot read TLS key %1: %2").arg(keyFile, keyIn.errorString());
        return false;
    }
    const QByteArray certPem = certIn.readAll(), keyPem = keyIn.readAll();
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certPem, QSsl::Pem);
    if (chain.isEmpty() || chain.first().isNull()) {
        *error = tr("%1 holds no PEM certificate").arg(certFile);
        return false;
    }

    // OpenSSL reads every PEM key form and checks that the key is the certificate's.
    std::unique_ptr<BIO, decltype(&BIO_free)> keyBio(
        BIO_new_mem_buf(keyPem.constData(), int(keyPem.size())), BIO_free);
    EVP_PKEY *pkey = PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, nullptr);
    if (!pkey) {
        *error = tr("%1 holds no unencrypted PEM private key").arg(keyFile);
        return false;
    }
    std::unique_ptr<BIO, decltype(&BIO_free)> certBio(
        BIO_new_mem_buf(certPem.constData(), int(certPem.size())), BIO_free);
    X509 *x509 = PEM_read_bio_X509(certBio.get(), nullptr, nullptr, nullptr);
    const bool matches = x509 && X509_check_private_key(x509, pkey) == 1;
    X509_free(x509);
    if (!matches) {
        EVP_PKEY_free(pkey);
        *error =
            tr("the key in %1 does not belong to the certificate in %2").arg(keyFile, certFile);
        return false;
    }
    const QSslKey key(Qt::HANDLE(pkey), QSsl::PrivateKey); // takes ownership of pkey
    if (key.isNull()) {
        *error = tr("the key in %1 cannot be used by Qt's TLS backend").arg(keyFile);
        return false;
    }

    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // no client certificates
    QMutexLocker lock(&mutex);
    current() = configuration;
    return true;
}

QSslConfiguration TlsCredentials::configuration()
{
    QMutexLocker lock(&mutex);
    return current();
}

QString TlsCredentials::describe()
{
    const QSslConfiguration configuration = TlsCredentials::configuration();
    const QSslCertificate certificate = configuration.localCertificate();
    if (certificate.isNull())
        return QString();
    const QString subject =
        certificate.subjectInfo(QSslCertificate::CommonName).join(QStringLiteral(", "));
    const QString fingerprint =
        QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':'));
    QString text =
        tr("TLS certificate CN=%1 SHA-256 %2, valid until %3")
            .arg(subject, fingerprint, certificate.expiryDate().toUTC().toString(Qt::ISODate));
    if (certificate.expiryDate() < QDateTime::currentDateTimeUtc())
        text += u' ' + tr("(EXPIRED)");
    else if (certificate.expiryDate() < QDateTime::currentDateTimeUtc().addDays(14))
        text += u' ' + tr("(expires within 14 days)");
    return text;
}

} // namespace depot
