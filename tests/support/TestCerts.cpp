#include "TestCerts.h"

#include <QFile>
#include <QProcess>

namespace depot::test {

bool TestCerts::openssl(const QStringList &arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral("openssl"), arguments);
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        m_error = QStringLiteral("openssl %1: %2")
                      .arg(arguments.join(u' '), QString::fromLocal8Bit(process.readAll()));
        return false;
    }
    return true;
}

bool TestCerts::makeCa(const QString &name)
{
    return openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                    QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                    QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
                    QStringLiteral("-keyout"), key(name), QStringLiteral("-out"), cert(name),
                    QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                    QStringLiteral("/CN=Depot test CA ") + name, QStringLiteral("-addext"),
                    QStringLiteral("basicConstraints=critical,CA:TRUE"), QStringLiteral("-addext"),
                    QStringLiteral("keyUsage=critical,keyCertSign,cRLSign")});
}

bool TestCerts::makeServer(const QString &name, const QString &commonName, const QStringList &sans,
                           const QString &ca)
{
    const QString extensions = m_dir + u'/' + name + QStringLiteral(".ext");
    QFile ext(extensions);
    if (!ext.open(QIODevice::WriteOnly)) {
        m_error = ext.errorString();
        return false;
    }
    ext.write("basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n"
              "extendedKeyUsage=serverAuth\nsubjectAltName=" +
              sans.join(u',').toLatin1() + '\n');
    ext.close();
    const QString csr = m_dir + u'/' + name + QStringLiteral(".csr");
    if (!openssl({QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                  QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"),
                  QStringLiteral("-nodes"), QStringLiteral("-keyout"), key(name),
                  QStringLiteral("-out"), csr, QStringLiteral("-subj"),
                  QStringLiteral("/CN=") + commonName}))
        return false;
    QStringList sign{QStringLiteral("x509"),     QStringLiteral("-req"),
                     QStringLiteral("-in"),      csr,
                     QStringLiteral("-out"),     cert(name),
                     QStringLiteral("-days"),    QStringLiteral("2"),
                     QStringLiteral("-extfile"), extensions};
    if (ca.isEmpty())
        sign << QStringLiteral("-key") << key(name);
    else
        sign << QStringLiteral("-CA") << cert(ca) << QStringLiteral("-CAkey") << key(ca)
             << QStringLiteral("-CAcreateserial");
    return openssl(sign);
}

} // namespace depot::test
