// Ordinary faults and local attackers: a busy port is refused, files at rest belong to the server
// alone, and the database alone cannot mint tokens. On SQLite and PostgreSQL.
#include "TestServer.h"

#include "crypto/Jwt.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QMessageAuthenticationCode>
#include <QProcess>
#include <QTcpServer>
#include <QTest>

#include <sys/stat.h>

using namespace depot;
using namespace depot::test;

namespace {

int modeOf(const QString &path)
{
    struct stat info;
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? int(info.st_mode & 0777) : -1;
}

// depot-server run to its end: (exit code, stderr)
QPair<int, QByteArray> runServer(const QStringList &args)
{
    QProcess process;
    process.setProcessEnvironment(TestServer::cleanEnvironment());
    process.start(qEnvironmentVariable("DEPOT_SERVER_BIN"), args);
    if (!process.waitForFinished(20000)) {
        process.kill();
        process.waitForFinished();
        return {-1, process.readAllStandardError()};
    }
    return {process.exitCode(), process.readAllStandardError()};
}

} // namespace

class TestFaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data()
    {
        QTest::addColumn<QString>("backend");
        for (const QString &backend : TestServer::backends())
            QTest::newRow(qPrintable(backend)) << backend;
    }

    void busyPortIsRefused_data()
    {
        QTest::addColumn<bool>("otherIsDepot");
        QTest::newRow("another depot-server") << true;
        QTest::newRow("another program") << false;
    }

    void busyPortIsRefused()
    {
        QFETCH_GLOBAL(QString, backend);
        QFETCH(bool, otherIsDepot);
        TestServer first;
        QTcpServer plain;
        quint16 port = 0;
        if (otherIsDepot) {
            TestServer::Options options;
            options.backend = backend;
            QVERIFY2(first.start(options), qPrintable(first.errorString()));
            port = quint16(first.baseUrl().port());
        } else {
            QVERIFY(plain.listen(QHostAddress::LocalHost));
            port = plain.serverPort();
        }
        QTemporaryDir dir;
        const auto [code, errors] =
            runServer({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port),
                       QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("data")),
                       QStringLiteral("--workers"), QStringLiteral("2")});
        QCOMPARE(code, 1);
        const QByteArray message = errors.trimmed();
        QVERIFY2(message.contains("address already in use"), message.constData());
        QVERIFY2(!message.contains('\n'), message.constData()); // one line, nothing before it
        if (otherIsDepot)                                       // the first one still serves, alone
            QCOMPARE(TestHttp::get(first.url(QStringLiteral("/readyz"))).status, 200);
    }

    void filesAtRestAreTheServersAlone()
    {
        QFETCH_GLOBAL(QString, backend);
        TestServer server;
        TestServer::Options options;
        options.backend = backend;
        QVERIFY2(server.start(options), qPrintable(server.errorString()));
        const HttpResult drop = TestHttp::request(
            "PUT", server.url(QStringLiteral("/api/v1.0/file/a.txt")), "some bytes");
        QCOMPARE(drop.status, 201);
        const QDir data(server.dataDir());
        QCOMPARE(modeOf(data.path()), 0700);
        QCOMPARE(modeOf(data.filePath(QStringLiteral("files"))), 0700);
        QCOMPARE(modeOf(data.filePath(QStringLiteral("server.key"))), 0600);
        QCOMPARE(QFileInfo(data.filePath(QStringLiteral("server.key"))).size(), 32);
        if (backend == u"sqlite")
            QCOMPARE(modeOf(data.filePath(QStringLiteral("depot.sqlite"))), 0600);
        const QStringList drops =
            QDir(data.filePath(QStringLiteral("files/drops"))).entryList(QDir::Files);
        QCOMPARE(drops.size(), 1);
        QCOMPARE(modeOf(data.filePath(QStringLiteral("files/drops/")) + drops.first()), 0600);
        QVERIFY(!server.log().contains("accessible to other users"));

        // A data directory made wider by hand is reported at the next start (a second instance
        // here: stopping the first would drop its PostgreSQL database).
        QVERIFY(QFile::setPermissions(
            data.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                             QFileDevice::ReadOther | QFileDevice::ExeOther));
        TestServer again;
        QVERIFY2(again.startSharing(server, options), qPrintable(again.errorString()));
        QVERIFY2(again.log().contains("accessible to other users (mode 705)"),
                 again.log().constData());
    }

    void theDatabaseAloneCannotMintTokens()
    {
        QFETCH_GLOBAL(QString, backend);
        TestServer server;
        TestServer::Options options;
        options.backend = backend;
        QVERIFY2(server.start(options), qPrintable(server.errorString()));
        const QString token = server.signUpAndLogin(QStringLiteral("alice"));
        QVERIFY(!token.isEmpty());
        const QUrl me = server.url(QStringLiteral("/api/v1/me"));
        QCOMPARE(TestHttp::get(me, TestHttp::bearer(token)).status, 200);

        // What a leaked database (or a world-readable SQLite file) gives an attacker.
        const QByteArray userSecret =
            server
                .sql(QStringLiteral("SELECT t.user_secret FROM tokens t JOIN users u ON "
                                    "u.id = t.userid WHERE u.username = 'alice'"))
                .value(0)
                .value(0)
                .toByteArray();
        QCOMPARE(userSecret.size(), 32);
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        const JwtClaims claims{QStringLiteral("alice"), now, now + 600};
        const QByteArray forged = Jwt::sign(claims, userSecret);
        QCOMPARE(TestHttp::get(me, TestHttp::bearer(QString::fromLatin1(forged))).status, 401);

        // With the server key as well it would work: the key is what protects the tokens.
        QFile keyFile(QDir(server.dataDir()).filePath(QStringLiteral("server.key")));
        QVERIFY(keyFile.open(QIODevice::ReadOnly));
        const QByteArray signingKey = QMessageAuthenticationCode::hash(
            userSecret, keyFile.readAll(), QCryptographicHash::Sha256);
        QCOMPARE(
            TestHttp::get(me, TestHttp::bearer(QString::fromLatin1(Jwt::sign(claims, signingKey))))
                .status,
            200);

        // A second instance sharing the data directory shares the key: the token works there.
        TestServer second;
        QVERIFY2(second.startSharing(server, options), qPrintable(second.errorString()));
        QCOMPARE(
            TestHttp::get(second.url(QStringLiteral("/api/v1/me")), TestHttp::bearer(token)).status,
            200);
    }

    void secretFileIsSharedOrRefused()
    {
        QFETCH_GLOBAL(QString, backend);
        QTemporaryDir dir;
        const QString keyPath = dir.filePath(QStringLiteral("depot.key"));
        TestServer::Options options;
        options.backend = backend;
        options.extraArgs = {QStringLiteral("--secret-file"), keyPath};
        TestServer server;
        // a missing secret file is an error, never silently a new key
        QVERIFY(!server.start(options));
        QVERIFY2(server.errorString().contains(u"depot.key"), qPrintable(server.errorString()));
        QFile key(keyPath);
        QVERIFY(key.open(QIODevice::WriteOnly));
        key.write(QByteArray(40, 'z'));
        key.close();
        QVERIFY2(server.start(options), qPrintable(server.errorString()));
        const QString token = server.signUpAndLogin(QStringLiteral("bob"));
        QVERIFY(!token.isEmpty());
        QVERIFY(!QFile::exists(QDir(server.dataDir()).filePath(QStringLiteral("server.key"))));
        QCOMPARE(
            TestHttp::get(server.url(QStringLiteral("/api/v1/me")), TestHttp::bearer(token)).status,
            200);
    }
};

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
