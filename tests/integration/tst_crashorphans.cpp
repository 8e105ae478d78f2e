// kill -9 at the worst moments of an upload (48 MiB endpoint files, drops), then a restart:
// nothing is left behind, no file without its row and no row without its file, also while a
// second instance shares the data directory and keeps serving. The server's crash points
// (DEPOTTEST_CRASH_AT) make the kill land exactly between "file written" and "row committed",
// and between "row committed" and "file named". kill -9 during a dump, then a restart of that
// one instance: the request ends FAILURE rather than PENDING forever, no image of it is served,
// and the images stored before the kill (whose rows never came) are removed.
// On SQLite and PostgreSQL.
#include "HostedTestSupport.h"
#include "ImageServer.h"

#include <QDir>
#include <QDirIterator>
#include <QJsonArray>
#include <QTest>

using namespace depot;
using namespace depot::test;

namespace {

constexpr qint64 kBig = 48LL << 20;

QSet<QString> filesIn(const QString &dir)
{
    const QStringList names =
        QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    return QSet<QString>(names.begin(), names.end());
}

// Files in `dir` and below, as paths relative to the files directory ("images/1/2/3.png").
QSet<QString> filesUnder(const QString &dir)
{
    QSet<QString> out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    const QDir files(dir + QStringLiteral("/.."));
    while (it.hasNext())
        out.insert(files.relativeFilePath(it.next()));
    return out;
}

} // namespace

class TestCrashOrphans : public QObject
{
    Q_OBJECT

    // Endpoint and drop files on disk must be exactly those the rows name.
    static void expectConsistent(TestServer &s)
    {
        QSet<QString> endpointRows, dropRows;
        for (const QVariantList &row :
             s.sql(QStringLiteral("SELECT file_path FROM endpoints WHERE file_path <> ''")))
            endpointRows.insert(row.value(0).toString().section(u'/', -1));
        for (const QVariantList &row :
             s.sql(QStringLiteral("SELECT blob FROM shares WHERE state <> 'gone'")))
            dropRows.insert(row.value(0).toString());
        QCOMPARE(filesIn(s.dataDir() + QStringLiteral("/files/endpoints")), endpointRows);
        QCOMPARE(filesIn(s.dataDir() + QStringLiteral("/files/drops")), dropRows);
    }

private Q_SLOTS:
    void initTestCase_data()
    {
        QTest::addColumn<QString>("backend");
        for (const QString &backend : TestServer::backends())
            QTest::newRow(qPrintable(backend)) << backend;
    }

    void killedMidUploadLeavesNothing_data()
    {
        QTest::addColumn<QByteArray>("crashAt");
        QTest::newRow("endpoint: file written, no row yet") << QByteArray("endpoint-file-staged");
        QTest::newRow("endpoint: row committed, file not named")
            << QByteArray("endpoint-row-committed");
        QTest::newRow("drop: file written, no row yet") << QByteArray("drop-file-staged");
        QTest::newRow("drop: row committed, file not named") << QByteArray("drop-row-committed");
    }

    void killedMidUploadLeavesNothing()
    {
        QFETCH_GLOBAL(QString, backend);
        QFETCH(QByteArray, crashAt);
        const QStringList args{QStringLiteral("--drop-max-bytes"), QString::number(kBig + 1024)};

        // Instance A keeps serving throughout; instance B shares its data and dies mid-upload.
        TestServer a;
        TestServer::Options options;
        options.backend = backend;
        options.extraArgs = args;
        QVERIFY2(a.start(options), qPrintable(a.errorString()));
        const HostedUser u{QStringLiteral("uploader"),
                           a.signUpAndLogin(QStringLiteral("uploader"))};
        TestServer b;
        TestServer::Options crashing = options;
        crashing.env.insert(QStringLiteral("DEPOTTEST_CRASH_AT"), QString::fromLatin1(crashAt));
        QVERIFY2(b.startSharing(a, crashing), qPrintable(b.errorString()));

        const QByteArray big(kBig, 'x');
        const bool endpoint = crashAt.startsWith("endpoint");
        HttpResult r;
        if (endpoint) {
            const Form form = Form().field("identifier", "big").file(big, "; filename=\"big.bin\"");
            r = TestHttp::request("POST", b.url(QStringLiteral("/api/v1/endpoints")), form.body(),
                                  form.headers(u.auth()), 60000);
        } else {
            r = TestHttp::request("PUT", b.url(QStringLiteral("/api/v1.0/file/big.bin")), big, {},
                                  60000);
        }
        QCOMPARE(r.status, 0); // no answer: the process died
        QTRY_VERIFY_WITH_TIMEOUT(!b.running(), 10000);

        // A is untouched and still stores files meanwhile.
        const Form small = Form().field("identifier", "small").file("tiny", "; filename=\"t\"");
        QCOMPARE(TestHttp::request("POST", a.url(QStringLiteral("/api/v1/endpoints")), small.body(),
                                   small.headers(u.auth()))
                     .status,
                 201);
        QCOMPARE(
            TestHttp::request("PUT", a.url(QStringLiteral("/api/v1.0/file/s.txt")), "small").status,
            201);

        // The restart happens later than the few seconds a row may wait for its file's name.
        a.sql(QStringLiteral("UPDATE endpoints SET updated_at = updated_at - 60"));
        a.sql(QStringLiteral("UPDATE shares SET created_at = created_at - 60"));
        TestServer restarted;
        QVERIFY2(restarted.startSharing(a, options), qPrintable(restarted.errorString()));
        expectConsistent(a);
        QCOMPARE(a.sql(QStringLiteral("SELECT COUNT(*) FROM endpoints WHERE identifier = 'big'"))
                     .value(0)
                     .value(0)
                     .toInt(),
                 0);
        QCOMPARE(TestHttp::get(restarted.url(QStringLiteral("/u/uploader/small"))).body,
                 QByteArray("tiny"));
        QCOMPARE(filesIn(a.dataDir() + QStringLiteral("/files/endpoints")).size(), 1);
        QCOMPARE(filesIn(a.dataDir() + QStringLiteral("/files/drops")).size(), 1);
    }

    void killedMidDumpThenRestart()
    {
        QFETCH_GLOBAL(QString, backend);
        ImageServer images;
        QVERIFY(images.start());
        TestServer::Options options;
        options.backend = backend;
        options.extraArgs =
            QStringList{QStringLiteral("--fetch-allow"), QStringLiteral("127.0.0.0/8")};
        TestServer a;
        QVERIFY2(a.start(options), qPrintable(a.errorString()));
        const QString token = a.signUpAndLogin(QStringLiteral("dumper"));
        QVERIFY(!token.isEmpty());

        // One image arrives at once, the other dribbles for far longer than the test.
        const auto itemJson = [&](const char *name, const QString &path) {
            return QJsonObject{{QStringLiteral("name"), QLatin1String(name)},
                               {QStringLiteral("manufacturer"), QStringLiteral("m")},
                               {QStringLiteral("brand"), QStringLiteral("b")},
                               {QStringLiteral("category"), QStringLiteral("c")},
                               {QStringLiteral("images"), QJsonArray{images.url(path).toString()}}};
        };
        const QByteArray body =
            QJsonDocument(QJsonObject{{QStringLiteral("items"),
                                       QJsonArray{itemJson("fast", QStringLiteral("/png")),
                                                  itemJson("slow", QStringLiteral("/slow"))}}})
                .toJson(QJsonDocument::Compact);
        QTcpSocket client;
        client.connectToHost(a.baseUrl().host(), quint16(a.baseUrl().port()));
        QVERIFY(client.waitForConnected(5000));
        client.write("POST /api/v1/dumps HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     "Authorization: Bearer " +
                     token.toLatin1() + "\r\nContent-Length: " + QByteArray::number(body.size()) +
                     "\r\n\r\n" + body);
        QVERIFY(client.waitForBytesWritten(5000));
        QTRY_VERIFY_WITH_TIMEOUT(images.hits(QStringLiteral("/slow")) > 0 &&
                                     images.hits(QStringLiteral("/png")) > 0,
                                 10000);
        // Until the fast image is stored (named on disk; its row comes only with the result),
        // then the kill.
        const QString imagesDir = a.dataDir() + QStringLiteral("/files/images");
        QTRY_VERIFY_WITH_TIMEOUT(!filesUnder(imagesDir).isEmpty(), 10000);
        QVERIFY(a.running());
        a.kill();
        QVERIFY(!a.running());

        // The same instance again (its data directory and database), with a short fetch deadline
        // so that the reaper may give the request up soon.
        TestServer restarted;
        TestServer::Options again = options;
        again.extraArgs << QStringLiteral("--fetch-deadline") << QStringLiteral("1000")
                        << QStringLiteral("--reaper-interval") << QStringLiteral("200");
        QVERIFY2(restarted.startSharing(a, again), qPrintable(restarted.errorString()));
        const QString token2 = restarted.signUpAndLogin(QStringLiteral("dumper"));
        const Headers auth = TestHttp::bearer(token2);
        const auto listed = [&] {
            const QJsonArray list =
                TestHttp::get(restarted.url(QStringLiteral("/api/v1/dumps")), auth)
                    .json()
                    .value(QStringLiteral("items"))
                    .toArray();
            return list.size() == 1 ? list.at(0).toObject() : QJsonObject();
        };
        QTRY_COMPARE_WITH_TIMEOUT(listed().value(QStringLiteral("status")).toString(),
                                  QStringLiteral("FAILURE"), 20000);
        const qint64 requestId = listed().value(QStringLiteral("requestId")).toInteger();
        const HttpResult stored =
            TestHttp::get(restarted.url(QStringLiteral("/api/v1/dumps/%1").arg(requestId)), auth);
        QCOMPARE(stored.status, 200);
        // No image is served: a stored image is served whole or not at all, and none of this
        // request's was recorded.
        int served = 0;
        for (const QJsonValue &item : stored.json().value(QStringLiteral("items")).toArray()) {
            for (const QJsonValue &image : item[QStringLiteral("images")].toArray()) {
                const HttpResult bytes = TestHttp::get(
                    restarted.url(QStringLiteral("/api/v1/dumps/%1/images/%2")
                                      .arg(requestId)
                                      .arg(image[QStringLiteral("imageId")].toInteger())),
                    auth);
                if (image[QStringLiteral("status")].toString() == u"SUCCESS") {
                    QCOMPARE(bytes.status, 200);
                    QCOMPARE(bytes.body, ImageServer::pngImage());
                    ++served;
                } else {
                    QCOMPARE(bytes.status, 404);
                }
            }
        }
        QCOMPARE(served, 0);
        // On disk: exactly the images whose rows name them (none: the rows never came, and
        // the reaper removed what the dead instance had stored for the request).
        QSet<QString> named;
        for (const QVariantList &row :
             a.sql(QStringLiteral("SELECT file_path FROM dump_images WHERE file_path <> ''")))
            named.insert(row.value(0).toString());
        QTRY_COMPARE_WITH_TIMEOUT(filesUnder(imagesDir), named, 5000);
    }
};

QTEST_GUILESS_MAIN(TestCrashOrphans)
#include "tst_crashorphans.moc"
