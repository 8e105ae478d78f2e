// The clients people use, each against a real depot-server for the routes it would use: curl
// (HTTP/1.0 and 1.1, -T with 100-continue, ranges), wget, ApacheBench with and without -k,
// h2load --h1, Python requests running seed 002's own example code, Node's fetch and its http
// keep-alive agent. Every row is a bash script (tests/data/clients/<row>.sh, after prelude.sh) run
// with BASE set, from a directory holding docs/examples/; it passes when the script exits 0 (each
// says what it checks). All clients are
// Debian packages (scripts/setup.sh): curl, wget, apache2-utils, nghttp2-client,
// python3-requests, nodejs.

#include "TestServer.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace depot::test;

namespace {

const QString kScripts = QStringLiteral(DEPOT_SOURCE_DIR "/tests/data/clients/");

QString readScript(const QString &name)
{
    QFile file(kScripts + name);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

} // namespace

class tst_ClientMatrix : public QObject
{
    Q_OBJECT

    TestServer m_server;
    QTemporaryDir m_work;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        QVERIFY(m_work.isValid());
        const QDir examples(QStringLiteral(DEPOT_SOURCE_DIR "/docs/examples"));
        for (const QString &name : examples.entryList(QDir::Files))
            QVERIFY(QFile::copy(examples.filePath(name), m_work.filePath(name)));
    }
    void cleanupTestCase() { m_server.stop(); }

    void client_data()
    {
        QTest::addColumn<QString>("program"); // must be installed
        QTest::addColumn<QString>("script");  // in tests/data/clients/
        QTest::newRow("curl HTTP/1.1") << "curl"
                                       << "curl-http-1-1.sh";
        QTest::newRow("curl HTTP/1.0") << "curl"
                                       << "curl-http-1-0.sh";
        QTest::newRow("curl -T with 100-continue") << "curl"
                                                   << "curl-t-with-100-continue.sh";
        QTest::newRow("curl ranges") << "curl"
                                     << "curl-ranges.sh";
        QTest::newRow("wget") << "wget"
                              << "wget.sh";
        QTest::newRow("ab") << "ab"
                            << "ab.sh";
        QTest::newRow("ab -k") << "ab"
                               << "ab-k.sh";
        QTest::newRow("h2load --h1") << "h2load"
                                     << "h2load-h1.sh";
        QTest::newRow("python requests (seed 002)") << "/usr/bin/python3"
                                                    << "python-requests-seed-002.sh";
        QTest::newRow("node fetch") << "node"
                                    << "node-fetch.sh";
        QTest::newRow("node http keep-alive agent") << "node"
                                                    << "node-http-keep-alive-agent.sh";
    }

    void client()
    {
        QFETCH(QString, program);
        QFETCH(QString, script);
        if (QStandardPaths::findExecutable(program).isEmpty() && !QFile::exists(program))
            QFAIL(qPrintable(program + QStringLiteral(" is not installed (scripts/setup.sh)")));
        QTemporaryDir dir;
        for (const QString &name : QDir(m_work.path()).entryList(QDir::Files))
            QVERIFY(QFile::copy(m_work.filePath(name), dir.filePath(name)));
        QProcess bash;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("BASE"), m_server.baseUrl().toString(QUrl::StripTrailingSlash));
        bash.setProcessEnvironment(env);
        bash.setWorkingDirectory(dir.path());
        const QString text = readScript(QStringLiteral("prelude.sh")) + u'\n' + readScript(script);
        QVERIFY2(text.size() > 100, qPrintable(kScripts + script));
        bash.start(QStringLiteral("/bin/bash"), {QStringLiteral("-c"), text});
        QVERIFY(bash.waitForStarted());
        if (!bash.waitForFinished(60000)) {
            bash.kill();
            bash.waitForFinished();
        }
        const QByteArray err = bash.readAllStandardError();
        QVERIFY2(bash.exitStatus() == QProcess::NormalExit && bash.exitCode() == 0,
                 qPrintable(QStringLiteral("exit %1\n%2\n%3")
                                .arg(bash.exitCode())
                                .arg(QString::fromUtf8(err.right(2000)),
                                     QString::fromUtf8(bash.readAllStandardOutput().right(2000)))));
    }
};

QTEST_GUILESS_MAIN(tst_ClientMatrix)
#include "tst_clientmatrix.moc"
