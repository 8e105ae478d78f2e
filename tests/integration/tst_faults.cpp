// Ordinary faults and local attackers: a busy port is refused, files at rest belong to the server
// alone, the database alone cannot mint tokens, a full disk under the whole data directory is a
// 507 without damage, and SIGTERM lets the requests in flight finish. On SQLite and PostgreSQL.
#include "ImageServer.h"
#include "TestServer.h"

#include "crypto/Jwt.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QMessageAuthenticationCode>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <csignal>
#include <sys/stat.h>
#include <unistd.h>

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

// A raw request on its own connection whose answer a test collects later.
struct Pending
{
    std::unique_ptr<QTcpSocket> socket = std::make_unique<QTcpSocket>();
    QByteArray received;

    bool open(const QUrl &base)
    {
        socket->connectToHost(base.host(), quint16(base.port()));
        return socket->waitForConnected(5000);
    }
    void send(const QByteArray &bytes)
    {
        socket->write(bytes);
        socket->flush();
    }
    // The complete answer (nullopt while incomplete); reads what has arrived.
    std::optional<RawResponse> answer()
    {
        received += socket->readAll();
        QByteArray copy = received;
        return RawResponse::take(copy);
    }
};

// Text that does not compress (a stored answer may be compressed).
QString randomText(int length)
{
    QString out(length, u' ');
    for (QChar &c : out)
        c = QChar(u'a' + QRandomGenerator::global()->bounded(26));
    return out;
}

QByteArray jsonBody(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
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

    // The whole data directory (SQLite database, server key, every stored file) on a small tmpfs:
    // writes that find no room answer 507 (never a 500, never half a row or half a file), reads
    // go on, and once there is room again everything works and the database is intact.
    void fullDataDir()
    {
        QFETCH_GLOBAL(QString, backend);
        if (backend != u"sqlite")
            QSKIP("the data directory holds the database with SQLite only (PostgreSQL's disk is "
                  "the database server's)");
        if (::geteuid() != 0)
            QSKIP("mounting a tmpfs needs root: run as root to test a full data directory");
        QTemporaryDir mountPoint;
        QVERIFY(mountPoint.isValid());
        const QString dir = mountPoint.path();
        if (QProcess::execute(QStringLiteral("mount"),
                              {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                               QStringLiteral("size=6m,mode=0700"), QStringLiteral("tmpfs"),
                               dir}) != 0)
            QSKIP("cannot mount a tmpfs here (no CAP_SYS_ADMIN in this container?)");
        struct Unmount
        {
            QString dir;
            ~Unmount() { QProcess::execute(QStringLiteral("umount"), {QStringLiteral("-l"), dir}); }
        } unmount{dir};
        const QString data = dir + QStringLiteral("/data");

        TestServer server;
        TestServer::Options options;
        options.extraArgs = {QStringLiteral("--data-dir"), data}; // the last --data-dir wins
        QVERIFY2(server.start(options), qPrintable(server.errorString()));
        const QString token = server.signUpAndLogin(QStringLiteral("filler"));
        QVERIFY(!token.isEmpty());
        const Headers auth = TestHttp::bearer(token);
        const QUrl endpoints = server.url(QStringLiteral("/api/v1/endpoints"));
        const auto mock = [&](int n, int bytes) {
            return TestHttp::request(
                "POST", endpoints,
                jsonBody({{QStringLiteral("identifier"), QStringLiteral("m%1").arg(n)},
                          {QStringLiteral("response"),
                           QJsonObject{{QStringLiteral("pad"), randomText(bytes)}}}}),
                auth + Headers{{"Content-Type", "application/json"}});
        };
        QCOMPARE(mock(0, 10).status, 201);
        const HttpResult drop =
            TestHttp::request("PUT", server.url(QStringLiteral("/api/v1.0/file/kept.txt")), "kept");
        QCOMPARE(drop.status, 201);
        const QUrl dropLink = QUrl(drop.json().value(QStringLiteral("url")).toString());

        // Fill the file system, leaving the server nothing.
        QFile filler(dir + QStringLiteral("/filler"));
        QVERIFY(filler.open(QIODevice::WriteOnly | QIODevice::Unbuffered));
        const QByteArray block(16 * 1024, 'f');
        while (filler.write(block) == block.size()) {
        }
        filler.close();

        // Files: 507 at once. Rows: 201 while SQLite still has free pages, then 507; never 500.
        const HttpResult fileRefused = TestHttp::request(
            "PUT", server.url(QStringLiteral("/api/v1.0/file/a.bin")), QByteArray(256 * 1024, 'a'));
        QCOMPARE(fileRefused.status, 507);
        QCOMPARE(fileRefused.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("Insufficient Storage"));
        int created = 1, refused = 0;
        for (int n = 1; n < 100 && refused == 0; ++n) {
            const HttpResult r = mock(n, 100 * 1024);
            QVERIFY2(r.status == 201 || r.status == 507, r.body.constData());
            (r.status == 201 ? created : refused) += 1;
        }
        QVERIFY2(refused > 0, qPrintable(QStringLiteral("the database never ran out of room (%1 "
                                                        "mocks stored)\n%2")
                                             .arg(created)
                                             .arg(QString::fromUtf8(server.log().right(3000)))));
        // Reads go on.
        QCOMPARE(TestHttp::get(server.url(QStringLiteral("/healthz"))).status, 200);
        QCOMPARE(TestHttp::get(server.url(QStringLiteral("/u/filler/m0"))).status, 200);
        const HttpResult list =
            TestHttp::get(server.url(QStringLiteral("/api/v1/endpoints?limit=100")), auth);
        QCOMPARE(list.status, 200);
        QCOMPARE(list.json().value(QStringLiteral("items")).toArray().size(), created);

        // Room again: everything works, nothing was damaged.
        QVERIFY(QFile::remove(filler.fileName()));
        QCOMPARE(mock(100, 10).status, 201);
        const HttpResult again =
            TestHttp::request("PUT", server.url(QStringLiteral("/api/v1.0/file/b.txt")), "room");
        QCOMPARE(again.status, 201);
        QCOMPARE(TestHttp::get(QUrl(again.json().value(QStringLiteral("url")).toString())).body,
                 QByteArray("room"));
        QCOMPARE(TestHttp::get(dropLink).body, QByteArray("kept"));
        QCOMPARE(TestHttp::get(server.url(QStringLiteral("/u/filler/m100"))).status, 200);
        QCOMPARE(server.stop(), 0);
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("fulldisk"));
            db.setDatabaseName(data + QStringLiteral("/depot.sqlite"));
            QVERIFY(db.open());
            QSqlQuery check(db);
            QVERIFY(check.exec(QStringLiteral("PRAGMA integrity_check")));
            QVERIFY(check.next());
            QCOMPARE(check.value(0).toString(), QStringLiteral("ok"));
            QVERIFY(check.exec(QStringLiteral("SELECT COUNT(*) FROM endpoints")));
            QVERIFY(check.next());
            QCOMPARE(check.value(0).toInt(), created + 1);
        }
        QSqlDatabase::removeDatabase(QStringLiteral("fulldisk"));
    }

    // SIGTERM while a slow mock, an upload half sent and a dump waiting for its image are in
    // flight: each finishes with its real answer (and the upload and the dump are stored), an idle
    // keep-alive connection is closed, and the server exits 0 before its shutdown timeout.
    void sigtermWithRequestsInFlight()
    {
        QFETCH_GLOBAL(QString, backend);
        ImageServer images;
        QVERIFY(images.start());
        TestServer server;
        TestServer::Options options;
        options.backend = backend;
        options.extraArgs = {QStringLiteral("--fetch-allow"), QStringLiteral("127.0.0.0/8"),
                             QStringLiteral("--shutdown-timeout"), QStringLiteral("15000")};
        QVERIFY2(server.start(options), qPrintable(server.errorString()));
        const QString token = server.signUpAndLogin(QStringLiteral("inflight"));
        QVERIFY(!token.isEmpty());
        const QByteArray bearer = "Authorization: Bearer " + token.toLatin1() + "\r\n";
        QCOMPARE(
            TestHttp::request(
                "POST", server.url(QStringLiteral("/api/v1/endpoints")),
                jsonBody({{QStringLiteral("identifier"), QStringLiteral("slow")},
                          {QStringLiteral("latency"), 1500},
                          {QStringLiteral("response"), QJsonObject{{QStringLiteral("ok"), true}}}}),
                TestHttp::bearer(token) + Headers{{"Content-Type", "application/json"}})
                .status,
            201);

        Pending slowMock, upload, dump, idle;
        for (Pending *p : {&slowMock, &upload, &dump, &idle})
            QVERIFY(p->open(server.baseUrl()));
        slowMock.send("GET /u/inflight/slow HTTP/1.1\r\nHost: x\r\n\r\n");
        const QByteArray content = QByteArray(200000, 'u');
        upload.send("PUT /api/v1.0/file/half.bin HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                    QByteArray::number(content.size()) + "\r\n\r\n" + content.left(1000));
        const QByteArray dumpBody = jsonBody(
            {{QStringLiteral("items"),
              QJsonArray{QJsonObject{
                  {QStringLiteral("name"), QStringLiteral("n")},
                  {QStringLiteral("manufacturer"), QStringLiteral("m")},
                  {QStringLiteral("brand"), QStringLiteral("b")},
                  {QStringLiteral("category"), QStringLiteral("c")},
                  {QStringLiteral("images"),
                   QJsonArray{images.url(QStringLiteral("/delay/2000/png")).toString()}}}}}});
        dump.send("POST /api/v1/dumps HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" +
                  bearer + "Content-Length: " + QByteArray::number(dumpBody.size()) + "\r\n\r\n" +
                  dumpBody);
        idle.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(idle.answer().has_value(), 5000); // now idle, kept alive
        QTRY_VERIFY_WITH_TIMEOUT(images.hits(QStringLiteral("/delay/2000/png")) > 0, 10000);

        ::kill(pid_t(server.pid()), SIGTERM);
        QTRY_VERIFY_WITH_TIMEOUT(server.log().contains("shutting down"), 5000);
        upload.send(content.mid(1000)); // the rest of the body after the signal

        for (Pending *p : {&slowMock, &upload, &dump})
            QTRY_VERIFY_WITH_TIMEOUT(p->answer().has_value(), 15000);
        const RawResponse mockAnswer = *slowMock.answer();
        QCOMPARE(mockAnswer.status, 200);
        QCOMPARE(mockAnswer.json().value(QStringLiteral("ok")).toBool(), true);
        const RawResponse uploadAnswer = *upload.answer();
        QCOMPARE(uploadAnswer.status, 201);
        const RawResponse dumpAnswer = *dump.answer();
        QCOMPARE(dumpAnswer.status, 201);
        QCOMPARE(dumpAnswer.json()
                     .value(QStringLiteral("items"))
                     .toArray()
                     .at(0)[QStringLiteral("processStatus")]
                     .toString(),
                 QStringLiteral("SUCCESS"));
        // The idle connection is closed without an answer to a request it never sent.
        QTRY_VERIFY_WITH_TIMEOUT(idle.socket->state() == QAbstractSocket::UnconnectedState, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!server.running(), 15000);
        QVERIFY2(!server.log().contains("shutdown timeout"), server.log().constData());

        // What was accepted is there after a restart.
        TestServer restarted;
        QVERIFY2(restarted.startSharing(server, options), qPrintable(restarted.errorString()));
        const QUrl link(uploadAnswer.json().value(QStringLiteral("url")).toString());
        QUrl local = restarted.baseUrl();
        local.setPath(link.path());
        QCOMPARE(TestHttp::get(local).body, content);
        const QString token2 = restarted.signUpAndLogin(QStringLiteral("inflight"));
        const HttpResult stored = TestHttp::get(
            restarted.url(
                QStringLiteral("/api/v1/dumps/%1")
                    .arg(dumpAnswer.json().value(QStringLiteral("requestId")).toInteger())),
            TestHttp::bearer(token2));
        QCOMPARE(stored.status, 200);
    }
};

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
