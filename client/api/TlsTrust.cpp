#include "api/TlsTrust.h"

#include <QCryptographicHash>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSettings>
#include <QSslCertificate>
#include <QSslConfiguration>

namespace depot {
namespace {

const char *const ProblemsProperty = "depotTlsProblems";
const char *const CertificateProperty = "depotTlsCertificate";
const char *const ChangedProperty = "depotTlsChanged";

QString settingsKey(const QUrl &url)
{
    return QStringLiteral("trustedCertificates/") + TlsTrust::serverKey(url);
}

} // namespace

TlsTrust::TlsTrust(QNetworkAccessManager *network, QObject *parent) : QObject(parent)
{
    connect(network, &QNetworkAccessManager::sslErrors, this, &TlsTrust::check);
}

QString TlsTrust::fingerprint(const QByteArray &certificatePem)
{
    const QSslCertificate certificate(certificatePem, QSsl::Pem);
    if (certificate.isNull())
        return QString();
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

QString TlsTrust::serverKey(const QUrl &url)
{
    const int port = url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
    return url.host().toLower() + u':' + QString::number(port);
}

QString TlsTrust::trustedFingerprint(const QUrl &url)
{
    return QSettings().value(settingsKey(url)).toString();
}

void TlsTrust::trust(const QUrl &url, const QByteArray &certificatePem)
{
    QSettings().setValue(settingsKey(url), fingerprint(certificatePem));
}

void TlsTrust::forget(const QUrl &url)
{
    QSettings().remove(settingsKey(url));
}

QString TlsTrust::describe(const QSslError &error)
{
    const QSslCertificate certificate = error.certificate();
    const QLocale locale;
    switch (error.error()) {
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
        return tr("The certificate is self-signed: no certificate authority vouches for it.");
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::CertificateUntrusted:
    case QSslError::InvalidCaCertificate:
        return tr("The certificate was issued by an authority this computer does not trust.");
    case QSslError::HostNameMismatch: {
        const QStringList names = certificate.subjectInfo(QSslCertificate::CommonName);
        return names.isEmpty() ? tr("The certificate was made for another server name.")
                               : tr("The certificate was made for %1, not for this server's name.")
                                     .arg(names.join(QStringLiteral(", ")));
    }
    case QSslError::CertificateExpired:
        return tr("The certificate expired on %1.")
            .arg(locale.toString(certificate.expiryDate(), QLocale::ShortFormat));
    case QSslError::CertificateNotYetValid:
        return tr("The certificate is not valid before %1.")
            .arg(locale.toString(certificate.effectiveDate(), QLocale::ShortFormat));
    case QSslError::CertificateRevoked:
        return tr("The certificate has been revoked.");
    case QSslError::CertificateSignatureFailed:
    case QSslError::CertificateRejected:
        return tr("The certificate's signature is not valid.");
    case QSslError::NoPeerCertificate:
        return tr("The server sent no certificate.");
    default:
        return tr("The certificate was refused (%1).").arg(error.errorString());
    }
}

QStringList TlsTrust::problems(const QNetworkReply *reply)
{
    return reply->property(ProblemsProperty).toStringList();
}

QByteArray TlsTrust::certificatePem(const QNetworkReply *reply)
{
    return reply->property(CertificateProperty).toByteArray();
}

bool TlsTrust::changed(const QNetworkReply *reply)
{
    return reply->property(ChangedProperty).toBool();
}

void TlsTrust::check(QNetworkReply *reply, const QList<QSslError> &errors)
{
    QSslCertificate certificate = reply->sslConfiguration().peerCertificate();
    if (certificate.isNull() && !errors.isEmpty())
        certificate = errors.first().certificate();
    const QByteArray pem = certificate.toPem();
    const QString trusted = trustedFingerprint(reply->url());
    if (!certificate.isNull() && !trusted.isEmpty() && trusted == fingerprint(pem)) {
        reply->ignoreSslErrors(errors); // the very certificate the user accepted
        return;
    }
    QStringList texts;
    for (const QSslError &error : errors)
        texts << describe(error);
    texts.removeDuplicates();
    reply->setProperty(ProblemsProperty, texts);
    reply->setProperty(CertificateProperty, pem);
    reply->setProperty(ChangedProperty, !trusted.isEmpty());
}

} // namespace depot
