// Image dumps (seed 001, issue 5) end to end against real depot-server processes, on SQLite and
// PostgreSQL, fetching from a real local image server (ImageServer, in this process): the seed's
// XML and its JSON equivalent with 51 and 1,000 items, every failure cause with its status,
// hostile URLs refused before any connection, strict validation that costs no quota and fetches
// nothing, the answer's format, the database log, the hourly quota under concurrency (one
// instance and two sharing a database), tokens, a server that keeps answering during a slow
// batch, and a client that hangs up mid-batch.

#include "ImageServer.h"
#include "TestServer.h"

#include "codec/DumpCodec.h"
#include "store/Database.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <map>
#include <memory>

using namespace depot;
using namespace depot::test;

Q_DECLARE_METATYPE(depot::DumpFormat)

namespace {

constexpr int kBronzeLimit = 5;
constexpr int kFetchTimeoutMs = 1500;
constexpr qint64 kFetchMaxBytes = 1 << 20;

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

QString dataFile(const QString &name)
{
    return QStringLiteral(DEPOT_SOURCE_DIR "/tests/data/dumps/") + name;
}

quint16 closedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort(); // closed again when probe goes
}

QString uniqueName(const QString &prefix)
{
    static int n = 0;
    return QStringLiteral("%1%2x%3")
        .arg(prefix)
        .arg(QDateTime::currentMSecsSinceEpoch() % 100000000)
        .arg(++n);
}

DumpItem item(const QString &name, const QList<QUrl> &urls)
{
    DumpItem item;
    item.name = name;
    item.manufacturer = QStringLiteral("Cafe world");
    item.brand = QStringLiteral("Cafe");
    item.category = QStringLiteral("Food");
    for (const QUrl &url : urls) {
        DumpImage image;
        image.url = url.toString(QUrl::FullyEncoded);
        item.images.append(image);
    }
    return item;
}

QByteArray contentType(DumpFormat format)
{
    return format == DumpFormat::Xml ? "application/xml" : "application/json";
}

// The dump format of an answer's Content-Type; -1 if neither.
int formatOf(const QByteArray &type)
{
    const auto format = DumpCodec::formatForContentType(type);
    return format ? int(*format) : -1;
}

std::optional<DumpResult> resultOf(const HttpResult &r)
{
    const auto format = DumpCodec::formatForContentType(r.header("Content-Type"));
    if (!format)
        return std::nullopt;
    return *format == DumpFormat::Xml ? DumpCodec::resultFromXml(r.body)
                                      : DumpCodec::resultFromJson(r.body);
}

QString describe(const HttpResult &r)
{
    return QStringLiteral("HTTP %1 %2: %3")
        .arg(r.status)
        .arg(r.errorString, QString::fromUtf8(r.body.left(600)));
}

// A POST sent without waiting, so that several are in flight at once. Each has its own
// QNetworkAccessManager: one manager opens at most six connections per host and would queue
// the rest.
struct Flight
{
    std::unique_ptr<QNetworkAccessManager> manager;
    QNetworkReply *reply = nullptr;

    bool finished() const { return reply->isFinished(); }
    int status() const
    {
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    }
};

std::unique_ptr<Flight> send(const QUrl &url, const QString &token, const QByteArray &body,
                             const QByteArray &type)
{
    auto flight = std::make_unique<Flight>();
    flight->manager = std::make_unique<QNetworkAccessManager>();
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setTransferTimeout(0);
    request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
    request.setRawHeader("Content-Type", type);
    flight->reply = flight->manager->post(request, body);
    return flight;
}

// An HTTP answer read off a raw socket.
struct RawAnswer
{
    int status = 0;
    Headers headers;
    QByteArray body;

    QByteArray header(QByteArrayView name) const
    {
        for (const auto &h : headers) {
            if (QByteArrayView(h.first).compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
};

// Sends every request at the same moment: all connections are opened first, then the requests
// are written in one go, so that the server handles them as close together as it can (more
// contention than a client library, which connects and sends one by one).
QList<RawAnswer> burst(const QList<QPair<QUrl, QByteArray>> &requests)
{
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    QList<QByteArray> received(requests.size());
    for (qsizetype i = 0; i < requests.size(); ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        QTcpSocket *raw = socket.get();
        QObject::connect(raw, &QTcpSocket::readyRead, raw,
                         [raw, &received, i] { received[i] += raw->readAll(); });
        const QUrl &url = requests.at(i).first;
        socket->connectToHost(url.host(), quint16(url.port()));
        sockets.push_back(std::move(socket));
    }
    const bool connected = QTest::qWaitFor(
        [&] {
            return std::all_of(sockets.begin(), sockets.end(), [](const auto &s) {
                return s->state() == QAbstractSocket::ConnectedState;
            });
        },
        10000);
    if (!connected)
        return {};
    for (qsizetype i = 0; i < requests.size(); ++i)
        sockets[i]->write(requests.at(i).second);
    // Unanswered sockets show up below as status 0.
    [[maybe_unused]] const bool closed = QTest::qWaitFor(
        [&] {
            return std::all_of(sockets.begin(), sockets.end(), [](const auto &s) {
                return s->state() == QAbstractSocket::UnconnectedState;
            });
        },
        60000);
    QList<RawAnswer> answers;
    for (qsizetype i = 0; i < requests.size(); ++i) {
        const QByteArray bytes = received.at(i) + sockets[i]->readAll();
        RawAnswer answer;
        const qsizetype end = bytes.indexOf("\r\n\r\n");
        const QList<QByteArray> lines = bytes.left(end).split('\n');
        answer.status = lines.value(0).split(' ').value(1).toInt();
        for (const QByteArray &line : lines.mid(1)) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0)
                answer.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
        }
        answer.body = end < 0 ? QByteArray() : bytes.mid(end + 4);
        answers.append(answer);
    }
    return answers;
}

// A complete dump request as bytes, for burst(); the server closes the connection after it.
QPair<QUrl, QByteArray> dumpRequest(const QUrl &url, const QString &token, const QByteArray &body,
                                    const QByteArray &type)
{
    return {url, "POST " + url.path(QUrl::FullyEncoded).toLatin1() +
                     " HTTP/1.1\r\nHost: " + url.authority(QUrl::FullyEncoded).toLatin1() +
                     "\r\nAuthorization: Bearer " + token.toLatin1() + "\r\nContent-Type: " + type +
                     "\r\nContent-Length: " + QByteArray::number(body.size()) +
                     "\r\nConnection: close\r\n\r\n" + body};
}

} // namespace

class tst_Dumps : public QObject
{
    Q_OBJECT

private:
    ImageServer m_images;
    std::map<QString, std::unique_ptr<TestServer>> m_servers;

    QString backend() const
    {
        QFETCH_GLOBAL(QString, backend);
        return backend;
    }

    static QStringList serverArgs()
    {
        return {QStringLiteral("--fetch-allow"),
                QStringLiteral("127.0.0.0/8"),
                QStringLiteral("--fetch-timeout"),
                QString::number(kFetchTimeoutMs),
                QStringLiteral("--fetch-deadline"),
                QStringLiteral("60000"),
                QStringLiteral("--fetch-max-bytes"),
                QString::number(kFetchMaxBytes),
                QStringLiteral("--plans"),
                QStringLiteral("gold=100,silver=50,bronze=%1").arg(kBronzeLimit)};
    }

    TestServer::Options options() const
    {
        TestServer::Options options;
        options.backend = backend();
        options.extraArgs = serverArgs();
        return options;
    }

    // One server per backend, shared by the tests that need nothing special.
    TestServer &server()
    {
        auto &slot = m_servers[backend()];
        if (!slot || !slot->running()) {
            slot = std::make_unique<TestServer>();
            if (!slot->start(options()))
                qFatal("cannot start depot-server: %s", qPrintable(slot->errorString()));
        }
        return *slot;
    }

    // A fresh Bronze user (the quota is per user), logged in.
    QString newToken(TestServer &s, QString *username = nullptr)
    {
        const QString name = uniqueName(QStringLiteral("u"));
        if (username)
            *username = name;
        const QString token = s.signUpAndLogin(name);
        if (token.isEmpty())
            qFatal("cannot sign up %s", qPrintable(name));
        return token;
    }

    static HttpResult post(TestServer &s, const QString &token, const QByteArray &body,
                           const QByteArray &type, const Headers &extra = {})
    {
        Headers headers = TestHttp::bearer(token);
        headers.append({"Content-Type", type});
        headers += extra;
        return TestHttp::request("POST", s.url(QStringLiteral("/api/v1/dumps")), body, headers,
                                 120000);
    }

    static HttpResult get(TestServer &s, const QString &token, const QString &path,
                          const Headers &extra = {})
    {
        return TestHttp::get(s.url(path), TestHttp::bearer(token) + extra);
    }

    static QJsonObject quota(TestServer &s, const QString &token)
    {
        return get(s, token, QStringLiteral("/api/v1/me"))
            .json()
            .value(QStringLiteral("quota"))
            .toObject();
    }

    // A path of the image server no other test uses, so that its hit count is this test's.
    QUrl image(const QString &kind, const QString &name)
    {
        return m_images.url(QStringLiteral("/%1/%2-%3").arg(kind, backend(), name));
    }
    int hits(const QString &kind, const QString &name) const
    {
        QFETCH_GLOBAL(QString, backend);
        return m_images.hits(QStringLiteral("/%1/%2-%3").arg(kind, backend, name));
    }

    // The seed's document (its own layout and values, the placeholders dropped) with `count`
    // items, the seed's two image URLs of each pointing at the image server.
    QByteArray seedXml(int count, const QString &tag)
    {
        const QString seed =
            QString::fromUtf8(readFile(dataFile(QStringLiteral("seed-verbatim.xml"))));
        const qsizetype start = seed.indexOf(QLatin1String("<item>"));
        const qsizetype end = seed.indexOf(QLatin1String("</item>"), start) + 7;
        QString block = seed.mid(start, end - start);
        block.remove(QRegularExpression(QStringLiteral("\\n\\s*\\.\\.\\.\\.(?=\\n)")));
        QStringList blocks;
        for (int i = 0; i < count; ++i) {
            QString b = block;
            if (i > 0)
                b.replace(QLatin1String("Tomato Soup"),
                          QStringLiteral("Tomato Soup %1").arg(i + 1));
            b.replace(QLatin1String("https://dummyimages/test.png"),
                      image(QStringLiteral("png"), QStringLiteral("%1-%2/test.png").arg(tag).arg(i))
                          .toString());
            b.replace(
                QLatin1String("https://dummyimages/test1.png"),
                image(QStringLiteral("png"), QStringLiteral("%1-%2/test1.png").arg(tag).arg(i))
                    .toString());
            blocks.append(b);
        }
        return (seed.left(start) + blocks.join(QLatin1Char('\n')) + QStringLiteral("\n</items>\n"))
            .toUtf8();
    }

    // Runs `sql` on the server's own database (SQLite file or PostgreSQL).
    static QList<Row> sql(TestServer &s, const QString &statement, const QVariantList &binds = {})
    {
        static int n = 0;
        QString error;
        const auto settings = Database::parseUrl(
            s.databaseUrl(), s.dataDir() + QStringLiteral("/depot.sqlite"), &error);
        Database db(*settings, QStringLiteral("tst_dumps_%1").arg(++n));
        if (!db.open(&error))
            qFatal("cannot open the test database: %s", qPrintable(error));
        return db.select(statement, binds);
    }

    // Files stored for a request: <files>/images/<user>/<requestId>/<imageId>.<ext>
    static QStringList storedFiles(TestServer &s, qint64 requestId)
    {
        QStringList files;
        QDirIterator it(s.dataDir() + QStringLiteral("/files/images"),
                        QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (path.section(QLatin1Char('/'), -2, -2) == QString::number(requestId))
                files.append(path.section(QLatin1Char('/'), -1));
        }
        files.sort();
        return files;
    }

    // The id of the user's newest request once it is no longer PENDING; 0 before.
    static qint64 newestFinished(TestServer &s, const QString &token)
    {
        const QJsonArray list = get(s, token, QStringLiteral("/api/v1/dumps"))
                                    .json()
                                    .value(QStringLiteral("items"))
                                    .toArray();
        if (list.isEmpty() ||
            list.at(0)[QStringLiteral("status")].toString() == QLatin1String("PENDING"))
            return 0;
        return list.at(0)[QStringLiteral("requestId")].toInteger();
    }

    // Sends a dump with an image of /slow, hangs up once that image is being fetched, and
    // returns the request's id once it is stored (no longer PENDING); 0 if that did not happen.
    qint64 hangUpWhileSlow(TestServer &s, const QString &token, const QByteArray &body,
                           const QByteArray &type)
    {
        const int slowBefore = m_images.hits(QStringLiteral("/slow"));
        auto flight = send(s.url(QStringLiteral("/api/v1/dumps")), token, body, type);
        if (!QTest::qWaitFor([&] { return m_images.hits(QStringLiteral("/slow")) > slowBefore; },
                             20000))
            return 0;
        flight->reply->abort();
        qint64 id = 0;
        QTest::qWaitFor([&] { return (id = newestFinished(s, token)) > 0; }, 30000);
        return id;
    }

    void checkAllSucceeded(const DumpResult &result, int items, int imagesPerItem);

private Q_SLOTS:
    void initTestCase_data()
    {
        QTest::addColumn<QString>("backend");
        for (const QString &b : TestServer::backends())
            QTest::newRow(qPrintable(b)) << b;
    }
    void initTestCase() { QVERIFY(m_images.start()); }

    void seedVerbatimRefused();
    void seed51_data();
    void seed51();
    void thousandItems_data();
    void thousandItems();
    void failureCauses();
    void answerFollowsRequestFormatUnlessAccept();
    void requestIsLogged();
    void refused_data();
    void refused();
    void bodyOverLimitRefusedBeforeBuffering();
    void quotaIsAtomic();
    void quotaIsAtomicAcrossInstances();
    void tokenExpiry();
    void reloginInvalidatesOldToken();
    void listAndOwnership();
    void serverAnswersDuringSlowBatch();
    void clientHangsUpMidBatch();
    void shutdownMidBatchStoresWhatWasDone();
    void killedMidBatchIsFailedNotPendingForever();
    void largeDumpStoredWholeAfterClientLeft();
    void killedWhileStoringLeavesNoRows();
};

void tst_Dumps::checkAllSucceeded(const DumpResult &result, int items, int imagesPerItem)
{
    QCOMPARE(int(result.items.size()), items);
    QCOMPARE(result.status(), DumpStatus::Success);
    qint64 imageId = 0;
    for (int i = 0; i < items; ++i) {
        const DumpItem &item = result.items.at(i);
        QCOMPARE(item.itemId, qint64(i + 1));
        QCOMPARE(item.processStatus(), DumpStatus::Success);
        QCOMPARE(int(item.images.size()), imagesPerItem);
        for (const DumpImage &image : item.images) {
            QCOMPARE(image.imageId, ++imageId);
            QVERIFY2(image.status == DumpStatus::Success,
                     qPrintable(image.url + QStringLiteral(": ") + image.error));
            QCOMPARE(image.contentType, QStringLiteral("image/png"));
        }
    }
}

// The seed's XML exactly as printed: its "...." placeholders are text where only <url>
// elements may be, so it is refused, naming where, and nothing is fetched or counted.
void tst_Dumps::seedVerbatimRefused()
{
    TestServer &s = server();
    const QString token = newToken(s);
    const int before = m_images.totalHits();
    const HttpResult r =
        post(s, token, readFile(dataFile(QStringLiteral("seed-verbatim.xml"))), "application/xml");
    QCOMPARE(r.status, 422);
    QCOMPARE(r.json().value(QStringLiteral("field")).toString(), QStringLiteral("items[0].images"));
    QVERIFY2(r.json()
                 .value(QStringLiteral("detail"))
                 .toString()
                 .contains(QLatin1String("unexpected text")),
             r.body.constData());
    QCOMPARE(m_images.totalHits(), before);
    QCOMPARE(quota(s, token).value(QStringLiteral("used")).toInt(), 0);
}

void tst_Dumps::seed51_data()
{
    QTest::addColumn<DumpFormat>("format");
    QTest::newRow("xml") << DumpFormat::Xml;
    QTest::newRow("json") << DumpFormat::Json;
}

// 51 items ("more than 50") in the seed's shape; XML in → XML out, JSON in → JSON out; every
// image stored under images/<user>/<requestId>/<imageId>.png and downloadable by its owner.
void tst_Dumps::seed51()
{
    QFETCH(DumpFormat, format);
    TestServer &s = server();
    const QString token = newToken(s);
    const QString tag = uniqueName(QStringLiteral("seed"));
    QByteArray body = seedXml(51, tag);
    if (format == DumpFormat::Json) {
        // The JSON equivalent of the same document.
        const DumpParseResult parsed = DumpCodec::parseXml(body);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error.toString()));
        body = DumpCodec::requestToJson(parsed.items);
    }
    const HttpResult r = post(s, token, body, contentType(format));
    QVERIFY2(r.status == 201, qPrintable(describe(r)));
    QCOMPARE(formatOf(r.header("Content-Type")), int(format));
    const std::optional<DumpResult> result = resultOf(r);
    QVERIFY2(result, r.body.left(300).constData());
    QCOMPARE(result->dataformat, format);
    QVERIFY(result->requestId > 0);
    checkAllSucceeded(*result, 51, 2);
    QCOMPARE(result->items.at(0).name, QStringLiteral("Tomato Soup"));
    QCOMPARE(result->items.at(0).manufacturer, QStringLiteral("Cafe world"));
    QCOMPARE(result->items.at(50).name, QStringLiteral("Tomato Soup 51"));
    QVERIFY(result->items.at(50).images.at(1).url.endsWith(QLatin1String("-50/test1.png")));
    QCOMPARE(hits(QStringLiteral("png"), tag + QStringLiteral("-50/test1.png")), 1);
    QCOMPARE(r.header("X-RateLimit-Limit"), QByteArray::number(kBronzeLimit));
    QCOMPARE(r.header("X-RateLimit-Remaining"), QByteArray::number(kBronzeLimit - 1));
    QCOMPARE(r.header("Location"), "/api/v1/dumps/" + QByteArray::number(result->requestId));

    QStringList expected;
    for (int i = 1; i <= 102; ++i)
        expected << QStringLiteral("%1.png").arg(i);
    expected.sort();
    QCOMPARE(storedFiles(s, result->requestId), expected);

    const QString base = QStringLiteral("/api/v1/dumps/%1").arg(result->requestId);
    const HttpResult png = get(s, token, base + QStringLiteral("/images/102"));
    QCOMPARE(png.status, 200);
    QCOMPARE(png.body, ImageServer::pngImage());
    QCOMPARE(png.header("Content-Type"), "image/png");
    QCOMPARE(png.header("X-Content-Type-Options"), "nosniff");

    // The stored result is the answer.
    const HttpResult again = get(s, token, base);
    QCOMPARE(again.status, 200);
    QVERIFY(resultOf(again) == result);
}

void tst_Dumps::thousandItems_data()
{
    QTest::addColumn<int>("imagesPerItem");
    QTest::newRow("1,000 x 1") << 1;
    // The issue's full size (20,000 images, both configurable limits); slower, so on request.
    if (qEnvironmentVariableIntValue("DEPOT_TEST_HEAVY") == 1)
        QTest::newRow("1,000 x 20") << 20;
}

// 1,000 items against the local image server finish in seconds, XML in and out.
void tst_Dumps::thousandItems()
{
    QFETCH(int, imagesPerItem);
    TestServer &s = server();
    const QString token = newToken(s);
    const QString tag = uniqueName(QStringLiteral("k"));
    QList<DumpItem> items;
    for (int i = 0; i < 1000; ++i) {
        QList<QUrl> urls;
        for (int j = 0; j < imagesPerItem; ++j)
            urls.append(
                image(QStringLiteral("png"), QStringLiteral("%1-%2-%3").arg(tag).arg(i).arg(j)));
        items.append(item(QStringLiteral("Product %1").arg(i + 1), urls));
    }
    QElapsedTimer clock;
    clock.start();
    const HttpResult r = post(s, token, DumpCodec::requestToXml(items), "application/xml");
    const qint64 elapsed = clock.elapsed();
    QVERIFY2(r.status == 201, qPrintable(describe(r)));
    const int images = 1000 * imagesPerItem;
    qInfo("1,000 items, %d images: answered in %lld ms", images, elapsed);
    QVERIFY2(elapsed < 60000 * imagesPerItem, qPrintable(QString::number(elapsed)));
    const std::optional<DumpResult> result = resultOf(r);
    QVERIFY(result);
    QCOMPARE(result->dataformat, DumpFormat::Xml);
    checkAllSucceeded(*result, 1000, imagesPerItem);
    QCOMPARE(int(storedFiles(s, result->requestId).size()), images);
    QCOMPARE(
        sql(s,
            QStringLiteral(
                "SELECT COUNT(*) FROM dump_images WHERE request_id = ? AND status = 'SUCCESS'"),
            {result->requestId})
            .value(0)
            .value(0)
            .toInt(),
        images);
    QCOMPARE(get(s, token, QStringLiteral("/api/v1/dumps/%1").arg(result->requestId)).status, 200);
}

// Every way an image can fail, each with its own status; blocked targets are never contacted.
void tst_Dumps::failureCauses()
{
    TestServer &s = server();
    const QString token = newToken(s);
    const QString tag = uniqueName(QStringLiteral("f"));
    const quint16 port = m_images.port();
    auto redirectTo = [this](const QString &target) {
        QUrl url = m_images.url(QStringLiteral("/redirect"));
        url.setQuery(QStringLiteral("to=") + QString::fromLatin1(QUrl::toPercentEncoding(target)));
        return url;
    };
    const QString neverPath = QStringLiteral("/png/%1-never").arg(tag);
    const QString directPath = QStringLiteral("/png/%1-zero").arg(tag);

    struct Case
    {
        QString name;
        QUrl url;
        DumpStatus status;
        int httpCode = 0;
        QString error = {};
    };
    const QList<Case> cases{
        {QStringLiteral("png"), image(QStringLiteral("png"), tag), DumpStatus::Success},
        {QStringLiteral("jpeg"), image(QStringLiteral("jpeg"), tag), DumpStatus::Success},
        {QStringLiteral("redirect"), redirectTo(QStringLiteral("/png/%1-hop").arg(tag)),
         DumpStatus::Success},
        {QStringLiteral("404"), m_images.url(QStringLiteral("/status/404")), DumpStatus::Failure,
         404},
        {QStringLiteral("500"), m_images.url(QStringLiteral("/status/500")), DumpStatus::Failure,
         500},
        {QStringLiteral("slow"), m_images.url(QStringLiteral("/slow")), DumpStatus::Failure, 0,
         QStringLiteral("timeout")},
        {QStringLiteral("endless"), m_images.url(QStringLiteral("/endless")), DumpStatus::Failure,
         0, QStringLiteral("too large")},
        {QStringLiteral("huge"), m_images.url(QStringLiteral("/huge")), DumpStatus::Failure, 0,
         QStringLiteral("too large")},
        {QStringLiteral("html"), m_images.url(QStringLiteral("/html")), DumpStatus::Failure, 0,
         QStringLiteral("not an image")},
        {QStringLiteral("fake-png"), m_images.url(QStringLiteral("/fake-png")), DumpStatus::Failure,
         0, QStringLiteral("not an image")},
        {QStringLiteral("redirect to metadata"), m_images.url(QStringLiteral("/redirect-blocked")),
         DumpStatus::Failure, 0, QStringLiteral("blocked address")},
        {QStringLiteral("redirect to 10/8"), m_images.url(QStringLiteral("/redirect-private")),
         DumpStatus::Failure, 0, QStringLiteral("blocked address")},
        {QStringLiteral("redirect to 0.0.0.0"),
         redirectTo(QStringLiteral("http://0.0.0.0:%1%2").arg(port).arg(neverPath)),
         DumpStatus::Failure, 0, QStringLiteral("blocked address")},
        {QStringLiteral("0.0.0.0"),
         QUrl(QStringLiteral("http://0.0.0.0:%1%2").arg(port).arg(directPath)), DumpStatus::Failure,
         0, QStringLiteral("blocked address")},
        {QStringLiteral("metadata"),
         QUrl(QStringLiteral("http://169.254.169.254/latest/meta-data/")), DumpStatus::Failure, 0,
         QStringLiteral("blocked address")},
        {QStringLiteral("::1"), QUrl(QStringLiteral("http://[::1]:%1/png").arg(port)),
         DumpStatus::Failure, 0, QStringLiteral("blocked address")},
        {QStringLiteral("4 redirects"), m_images.url(QStringLiteral("/chain/4")),
         DumpStatus::Failure, 0, QStringLiteral("too many redirects")},
        {QStringLiteral("refused"),
         QUrl(QStringLiteral("http://127.0.0.1:%1/png").arg(closedPort())), DumpStatus::Failure, 0,
         QStringLiteral("connection refused")},
        {QStringLiteral("dns"), QUrl(QStringLiteral("http://no-such-host.invalid/x.png")),
         DumpStatus::Failure, 0, QStringLiteral("dns")},
    };
    QList<DumpItem> items;
    for (const Case &c : cases)
        items.append(item(c.name, {c.url}));
    // One item with a success and a failure.
    items.append(
        item(QStringLiteral("mixed"), {image(QStringLiteral("png"), tag + QStringLiteral("-mixed")),
                                       m_images.url(QStringLiteral("/status/404"))}));

    const HttpResult r = post(s, token, DumpCodec::requestToJson(items), "application/json");
    QVERIFY2(r.status == 201, qPrintable(describe(r)));
    const std::optional<DumpResult> result = resultOf(r);
    QVERIFY(result);
    QCOMPARE(result->items.size(), cases.size() + 1);
    for (int i = 0; i < cases.size(); ++i) {
        const Case &c = cases.at(i);
        const DumpItem &item = result->items.at(i);
        const DumpImage &img = item.images.value(0);
        const QString what =
            c.name + QStringLiteral(": ") +
            QString::fromUtf8(QJsonDocument(img.toJson()).toJson(QJsonDocument::Compact));
        QVERIFY2(img.status == c.status, qPrintable(what));
        QVERIFY2(img.httpCode == c.httpCode, qPrintable(what));
        QVERIFY2(img.error == c.error, qPrintable(what));
        QCOMPARE(item.processStatus(), c.status);
    }
    QCOMPARE(result->items.last().processStatus(), DumpStatus::Partial);
    QCOMPARE(result->status(), DumpStatus::Partial);
    QCOMPARE(result->items.at(1).images.at(0).contentType, QStringLiteral("image/jpeg"));
    // The blocked targets were served by the image server itself, yet it never saw them.
    QCOMPARE(m_images.hits(neverPath), 0);
    QCOMPARE(m_images.hits(directPath), 0);
    QCOMPARE(m_images.hits(QStringLiteral("/png/%1-hop").arg(tag)), 1);

    // Only the successes left files: 1.png (png), 2.jpg, 3.png (redirect), and the mixed item's.
    QStringList expected{QStringLiteral("1.png"), QStringLiteral("2.jpg"), QStringLiteral("3.png"),
                         QStringLiteral("%1.png").arg(cases.size() + 1)};
    expected.sort();
    QCOMPARE(storedFiles(s, result->requestId), expected);
    // A failed image has nothing to download.
    QCOMPARE(
        get(s, token, QStringLiteral("/api/v1/dumps/%1/images/4").arg(result->requestId)).status,
        404);
    QCOMPARE(get(s, token, QStringLiteral("/api/v1/dumps/%1/images/2").arg(result->requestId))
                 .header("Content-Type"),
             "image/jpeg");
}

void tst_Dumps::answerFollowsRequestFormatUnlessAccept()
{
    TestServer &s = server();
    const QString token = newToken(s);
    const QList<DumpItem> items{item(
        QStringLiteral("Soup"), {image(QStringLiteral("png"), uniqueName(QStringLiteral("a")))})};

    const HttpResult jsonAsXml = post(s, token, DumpCodec::requestToJson(items), "application/json",
                                      {{"Accept", "application/xml"}});
    QVERIFY2(jsonAsXml.status == 201, qPrintable(describe(jsonAsXml)));
    QCOMPARE(formatOf(jsonAsXml.header("Content-Type")), int(DumpFormat::Xml));
    const auto fromXml = DumpCodec::resultFromXml(jsonAsXml.body);
    QVERIFY2(fromXml, jsonAsXml.body.constData());
    QCOMPARE(fromXml->dataformat, DumpFormat::Json); // what was sent

    const HttpResult xmlAsJson = post(s, token, DumpCodec::requestToXml(items), "application/xml",
                                      {{"Accept", "text/html;q=0.9, application/json"}});
    QVERIFY2(xmlAsJson.status == 201, qPrintable(describe(xmlAsJson)));
    QCOMPARE(formatOf(xmlAsJson.header("Content-Type")), int(DumpFormat::Json));
    const auto fromJson = DumpCodec::resultFromJson(xmlAsJson.body);
    QVERIFY(fromJson);
    QCOMPARE(fromJson->dataformat, DumpFormat::Xml);

    // Stored results: the request's format by default, Accept when it asks.
    const QString path = QStringLiteral("/api/v1/dumps/%1").arg(fromJson->requestId);
    QCOMPARE(formatOf(get(s, token, path).header("Content-Type")), int(DumpFormat::Xml));
    QCOMPARE(formatOf(get(s, token, path, {{"Accept", "application/json"}}).header("Content-Type")),
             int(DumpFormat::Json));
    QCOMPARE(formatOf(get(s, token, path, {{"Accept", "*/*"}}).header("Content-Type")),
             int(DumpFormat::Xml));
}

// The seed's log: the request (user, id, dataformat, data, status) and each item and image
// with its id and status.
void tst_Dumps::requestIsLogged()
{
    TestServer &s = server();
    QString username;
    const QString token = newToken(s, &username);
    const QString tag = uniqueName(QStringLiteral("l"));
    const QList<DumpItem> items{
        item(QStringLiteral("One"),
             {image(QStringLiteral("png"), tag), m_images.url(QStringLiteral("/status/404"))}),
        item(QStringLiteral("Two"), {m_images.url(QStringLiteral("/html"))})};
    const QByteArray body = DumpCodec::requestToXml(items);
    const HttpResult r = post(s, token, body, "application/xml");
    QVERIFY2(r.status == 201, qPrintable(describe(r)));
    const qint64 id = resultOf(r)->requestId;

    const QList<Row> request =
        sql(s,
            QStringLiteral(
                "SELECT u.username, r.dataformat, r.data, r.status, r.item_count, r.image_count, "
                "r.finished_at FROM requests r JOIN users u ON u.id = r.userid WHERE r.id = ?"),
            {id});
    QCOMPARE(request.size(), 1);
    QCOMPARE(request.at(0).at(0).toString(), username);
    QCOMPARE(request.at(0).at(1).toString(), QStringLiteral("xml"));
    QCOMPARE(request.at(0).at(2).toByteArray(), body);
    QCOMPARE(request.at(0).at(3).toString(), QStringLiteral("PARTIAL"));
    QCOMPARE(request.at(0).at(4).toInt(), 2);
    QCOMPARE(request.at(0).at(5).toInt(), 3);
    QVERIFY(request.at(0).at(6).toLongLong() > 0);

    const QList<Row> itemRows =
        sql(s,
            QStringLiteral("SELECT item_id, name, process_status FROM dump_items WHERE request_id "
                           "= ? ORDER BY item_id"),
            {id});
    QCOMPARE(itemRows.size(), 2);
    QCOMPARE(itemRows.at(0).at(0).toInt(), 1);
    QCOMPARE(itemRows.at(0).at(1).toString(), QStringLiteral("One"));
    QCOMPARE(itemRows.at(0).at(2).toString(), QStringLiteral("PARTIAL"));
    QCOMPARE(itemRows.at(1).at(2).toString(), QStringLiteral("FAILURE"));

    const QList<Row> imageRows = sql(
        s,
        QStringLiteral(
            "SELECT image_id, item_id, url, status, http_code, error, file_path FROM dump_images "
            "WHERE request_id = ? ORDER BY image_id"),
        {id});
    QCOMPARE(imageRows.size(), 3);
    QCOMPARE(imageRows.at(0).at(3).toString(), QStringLiteral("SUCCESS"));
    QVERIFY(imageRows.at(0).at(6).toString().endsWith(QStringLiteral("/%1/1.png").arg(id)));
    QCOMPARE(imageRows.at(1).at(1).toInt(), 1);
    QCOMPARE(imageRows.at(1).at(3).toString(), QStringLiteral("FAILURE"));
    QCOMPARE(imageRows.at(1).at(4).toInt(), 404);
    QCOMPARE(imageRows.at(2).at(1).toInt(), 2);
    QCOMPARE(imageRows.at(2).at(2).toString(), m_images.url(QStringLiteral("/html")).toString());
    QCOMPARE(imageRows.at(2).at(5).toString(), QStringLiteral("not an image"));
}

void tst_Dumps::refused_data()
{
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("field");  // the "field" the answer names
    QTest::addColumn<QString>("detail"); // a part of its detail

    // Every URL points at the image server, so a fetch would show in its counters.
    const QString png = m_images.url(QStringLiteral("/png/refused")).toString();
    auto items = [&](int count) {
        QList<DumpItem> list;
        for (int i = 0; i < count; ++i)
            list.append(item(QStringLiteral("P%1").arg(i), {QUrl(png)}));
        return list;
    };
    QList<DumpItem> badUrl = items(3);
    badUrl[1].images.append(DumpImage());
    badUrl[1].images[1].url = QStringLiteral("ftp://127.0.0.1/x.png");
    QList<DumpItem> script = items(2);
    script[1].images[0].url = QStringLiteral("javascript:alert(1)");
    QList<DumpItem> userInfo = items(2);
    userInfo[0].images[0].url = m_images.url(QStringLiteral("/png"))
                                    .toString()
                                    .replace(QLatin1String("//"), QLatin1String("//user:pw@"));
    QList<DumpItem> manyImages = items(2);
    for (int i = 0; i < 20; ++i)
        manyImages[1].images.append(manyImages[1].images.first());
    QList<DumpItem> emptyName = items(2);
    emptyName[1].name.clear();

    QByteArray missingBrand = DumpCodec::requestToJson(items(3));
    missingBrand.replace("\"brand\":\"Cafe\",", "");
    QVERIFY(!missingBrand.contains("brand")); // all three lost it: the first is named
    QByteArray wrongElement = DumpCodec::requestToXml(items(3));
    wrongElement.replace("<name>P1</name>", "<nam>P1</nam>");
    QByteArray wrongRoot = DumpCodec::requestToXml(items(1));
    wrongRoot.replace("<items>", "<products>").replace("</items>", "</products>");
    QByteArray noImages = DumpCodec::requestToJson(items(2));
    noImages.replace(QByteArray(",\"images\":[\"" + png.toUtf8() + "\"]"), "");
    QByteArray extraKey = DumpCodec::requestToJson(items(2));
    extraKey.replace("\"name\":\"P1\"", "\"name\":\"P1\",\"price\":3");

    // Over 1 MiB, so parsed on the thread pool, with the problem in its last item.
    QList<DumpItem> large = items(1000);
    for (DumpItem &i : large)
        i.category = QString(1020, QLatin1Char('c'));
    large.last().images.first().url = QStringLiteral("file:///etc/passwd");
    const QByteArray largeBody = DumpCodec::requestToJson(large);
    QVERIFY(largeBody.size() > (1 << 20));

    QTest::newRow("malformed xml")
        << QByteArray("application/xml") << QByteArray("<items><item><name>x</name>") << 400
        << QString() << QStringLiteral("malformed XML");
    QTest::newRow("malformed json")
        << QByteArray("application/json") << QByteArray("{\"items\": [{]") << 400 << QString()
        << QStringLiteral("malformed JSON");
    QTest::newRow("empty body") << QByteArray("application/json") << QByteArray() << 400
                                << QString() << QStringLiteral("malformed JSON");
    QTest::newRow("wrong root element") << QByteArray("application/xml") << wrongRoot << 422
                                        << QString() << QStringLiteral("<items>");
    QTest::newRow("wrong element name") << QByteArray("application/xml") << wrongElement << 422
                                        << QStringLiteral("items[1]") << QStringLiteral("<nam>");
    QTest::newRow("unknown key") << QByteArray("application/json") << extraKey << 422
                                 << QStringLiteral("items[1].price")
                                 << QStringLiteral("unknown field");
    QTest::newRow("missing field") << QByteArray("application/json") << missingBrand << 422
                                   << QStringLiteral("items[0].brand") << QStringLiteral("missing");
    QTest::newRow("missing images")
        << QByteArray("application/json") << noImages << 422 << QStringLiteral("items[0].images")
        << QStringLiteral("missing");
    QTest::newRow("empty name") << QByteArray("application/xml")
                                << DumpCodec::requestToXml(emptyName) << 422
                                << QStringLiteral("items[1].name") << QStringLiteral("empty");
    QTest::newRow("ftp url") << QByteArray("application/xml") << DumpCodec::requestToXml(badUrl)
                             << 422 << QStringLiteral("items[1].images[1]")
                             << QStringLiteral("http(s)");
    QTest::newRow("javascript url")
        << QByteArray("application/json") << DumpCodec::requestToJson(script) << 422
        << QStringLiteral("items[1].images[0]") << QString();
    QTest::newRow("url with userinfo")
        << QByteArray("application/json") << DumpCodec::requestToJson(userInfo) << 422
        << QStringLiteral("items[0].images[0]") << QStringLiteral("user information");
    QTest::newRow("billion laughs")
        << QByteArray("application/xml") << readFile(dataFile(QStringLiteral("billion-laughs.xml")))
        << 400 << QString() << QStringLiteral("DOCTYPE");
    QTest::newRow("external entity") << QByteArray("application/xml")
                                     << readFile(dataFile(QStringLiteral("external-entity.xml")))
                                     << 400 << QString() << QStringLiteral("DOCTYPE");
    QTest::newRow("text/plain") << QByteArray("text/plain") << DumpCodec::requestToJson(items(1))
                                << 415 << QString() << QStringLiteral("application/json");
    // curl -d sends application/x-www-form-urlencoded: the body's first character decides
    QTest::newRow("curl -d xml") << QByteArray("application/x-www-form-urlencoded")
                                 << DumpCodec::requestToXml(userInfo) << 422
                                 << QStringLiteral("items[0].images[0]")
                                 << QStringLiteral("user information");
    QTest::newRow("curl -d json") << QByteArray("application/x-www-form-urlencoded")
                                  << DumpCodec::requestToJson(userInfo) << 422
                                  << QStringLiteral("items[0].images[0]")
                                  << QStringLiteral("user information");
    QTest::newRow("curl -d neither")
        << QByteArray("application/x-www-form-urlencoded") << QByteArray("items=1") << 415
        << QString() << QStringLiteral("application/json");
    QTest::newRow("1,001 items") << QByteArray("application/json")
                                 << DumpCodec::requestToJson(items(1001)) << 413
                                 << QStringLiteral("items") << QStringLiteral("limit 1000");
    QTest::newRow("21 images") << QByteArray("application/xml")
                               << DumpCodec::requestToXml(manyImages) << 413
                               << QStringLiteral("items[1].images") << QStringLiteral("limit 20");
    QTest::newRow("large, last item bad")
        << QByteArray("application/json") << largeBody << 422
        << QStringLiteral("items[999].images[0]") << QStringLiteral("http(s)");
}

// A refused request names where the problem is, fetches nothing and costs no quota.
void tst_Dumps::refused()
{
    QFETCH(QByteArray, type);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, field);
    QFETCH(QString, detail);
    TestServer &s = server();
    static std::map<QString, QString> tokens; // one user per backend for all rows
    QString &token = tokens[backend()];
    if (token.isEmpty())
        token = newToken(s);
    const int before = m_images.totalHits();
    const int used = quota(s, token).value(QStringLiteral("used")).toInt();

    const HttpResult r = post(s, token, body, type);
    QVERIFY2(r.status == status, qPrintable(describe(r)));
    const QJsonObject answer = r.json();
    QVERIFY2(answer.value(QStringLiteral("detail")).toString().contains(detail),
             r.body.constData());
    if (!field.isEmpty()) {
        QCOMPARE(answer.value(QStringLiteral("field")).toString(), field);
        if (status == 422)
            QVERIFY2(answer.value(QStringLiteral("fields")).toObject().contains(field),
                     r.body.constData());
    }
    if (status == 413)
        QVERIFY(answer.value(QStringLiteral("limit")).toInt() > 0);
    QCOMPARE(r.header("X-RateLimit-Limit"), QByteArray::number(kBronzeLimit));
    QCOMPARE(r.header("X-RateLimit-Remaining"), QByteArray::number(kBronzeLimit - used));
    QCOMPARE(m_images.totalHits(), before);
    QCOMPARE(quota(s, token).value(QStringLiteral("used")).toInt(), used);
    QCOMPARE(used, 0);
}

// The route's body limit (--dump-max-body, default 32 MiB) is enforced on the request head.
void tst_Dumps::bodyOverLimitRefusedBeforeBuffering()
{
    TestServer &s = server();
    const QString token = newToken(s);
    const QByteArray head =
        "POST /api/v1/dumps HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token.toLatin1() +
        "\r\nContent-Type: application/json\r\nContent-Length: 40000000\r\n\r\n";
    const QByteArray answer = TestHttp::raw(s.baseUrl(), head, 5000);
    QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.left(200).constData());
    QCOMPARE(quota(s, token).value(QStringLiteral("used")).toInt(), 0);
}

// A Bronze user firing more requests than the plan allows, all at once: exactly the limit pass.
void tst_Dumps::quotaIsAtomic()
{
    TestServer &s = server();
    const QString token = newToken(s);
    const QString tag = uniqueName(QStringLiteral("q"));
    constexpr int kFired = 4 * kBronzeLimit;
    QList<QPair<QUrl, QByteArray>> requests;
    for (int i = 0; i < kFired; ++i) {
        const QList<DumpItem> items{
            item(QStringLiteral("P"),
                 {image(QStringLiteral("png"), QStringLiteral("%1-%2").arg(tag).arg(i))})};
        requests.append(dumpRequest(s.url(QStringLiteral("/api/v1/dumps")), token,
                                    DumpCodec::requestToJson(items), "application/json"));
    }
    const QList<RawAnswer> answers = burst(requests);
    QCOMPARE(answers.size(), kFired);
    int accepted = 0;
    int fetched = 0;
    QSet<int> remaining;
    QByteArray resetHeader;
    for (int i = 0; i < kFired; ++i) {
        const RawAnswer &a = answers.at(i);
        QVERIFY2(a.status == 201 || a.status == 429,
                 qPrintable(QString::number(a.status) + QString::fromUtf8(a.body)));
        QCOMPARE(a.header("X-RateLimit-Limit"), QByteArray::number(kBronzeLimit));
        QVERIFY(!a.header("X-RateLimit-Reset").isEmpty());
        if (resetHeader.isEmpty())
            resetHeader = a.header("X-RateLimit-Reset");
        if (a.status == 201) {
            ++accepted;
            remaining.insert(a.header("X-RateLimit-Remaining").toInt());
        } else {
            QCOMPARE(a.header("X-RateLimit-Remaining"), "0");
            const int retryAfter = a.header("Retry-After").toInt();
            QVERIFY2(retryAfter > 0 && retryAfter <= 3600, a.header("Retry-After").constData());
        }
        fetched += hits(QStringLiteral("png"), QStringLiteral("%1-%2").arg(tag).arg(i));
    }
    QCOMPARE(accepted, kBronzeLimit);
    QCOMPARE(fetched, kBronzeLimit); // refused requests fetched nothing
    // Each accepted request saw a different count: the reservations were serialised.
    QCOMPARE(remaining, (QSet<int>{0, 1, 2, 3, 4}));

    // /me shows the same numbers as the headers.
    const QJsonObject q = quota(s, token);
    QCOMPARE(q.value(QStringLiteral("limit")).toInt(), kBronzeLimit);
    QCOMPARE(q.value(QStringLiteral("used")).toInt(), kBronzeLimit);
    QCOMPARE(q.value(QStringLiteral("remaining")).toInt(), 0);
    const qint64 resetAt =
        QDateTime::fromString(q.value(QStringLiteral("reset_at")).toString(), Qt::ISODate)
            .toSecsSinceEpoch();
    QCOMPARE(QByteArray::number(resetAt), resetHeader);
    const HttpResult more = post(
        s, token,
        DumpCodec::requestToJson({item(QStringLiteral("P"), {image(QStringLiteral("png"), tag)})}),
        "application/json");
    QCOMPARE(more.status, 429);
    QCOMPARE(more.header("X-RateLimit-Reset"), QByteArray::number(resetAt));
    QVERIFY(more.header("Retry-After").toLongLong() >=
            resetAt - QDateTime::currentSecsSinceEpoch() - 1);
}

// The same with two server processes sharing the database (and data directory).
void tst_Dumps::quotaIsAtomicAcrossInstances()
{
    TestServer &a = server();
    TestServer b;
    QVERIFY2(b.startSharing(a, options()), qPrintable(b.errorString()));
    const QString token = newToken(a);
    const QString tag = uniqueName(QStringLiteral("i"));
    constexpr int kFired = 4 * kBronzeLimit; // half to each
    QList<QPair<QUrl, QByteArray>> requests;
    for (int i = 0; i < kFired; ++i) {
        const QList<DumpItem> items{
            item(QStringLiteral("P"),
                 {image(QStringLiteral("png"), QStringLiteral("%1-%2").arg(tag).arg(i))})};
        TestServer &target = i % 2 ? b : a;
        requests.append(dumpRequest(target.url(QStringLiteral("/api/v1/dumps")), token,
                                    DumpCodec::requestToXml(items), "application/xml"));
    }
    const QList<RawAnswer> answers = burst(requests);
    QCOMPARE(answers.size(), kFired);
    int accepted = 0;
    int perInstance[2] = {0, 0};
    QSet<int> remaining;
    for (int i = 0; i < kFired; ++i) {
        const RawAnswer &answer = answers.at(i);
        QVERIFY2(answer.status == 201 || answer.status == 429,
                 qPrintable(QString::number(answer.status) + QString::fromUtf8(answer.body)));
        if (answer.status == 201) {
            ++accepted;
            ++perInstance[i % 2];
            remaining.insert(answer.header("X-RateLimit-Remaining").toInt());
        }
    }
    qInfo("accepted by instance A: %d, by B: %d", perInstance[0], perInstance[1]);
    QCOMPARE(accepted, kBronzeLimit);
    QCOMPARE(remaining, (QSet<int>{0, 1, 2, 3, 4}));
    QCOMPARE(quota(b, token).value(QStringLiteral("used")).toInt(), kBronzeLimit);
    QCOMPARE(quota(a, token).value(QStringLiteral("remaining")).toInt(), 0);
}

// A token that expired (TOKEN_EXPIRY=2) is refused by the dump API, and nothing is fetched.
void tst_Dumps::tokenExpiry()
{
    TestServer s;
    TestServer::Options o = options();
    o.env.insert(QStringLiteral("TOKEN_EXPIRY"), QStringLiteral("2"));
    QVERIFY2(s.start(o), qPrintable(s.errorString()));
    QString username;
    const QString token = newToken(s, &username);
    const QString tag = uniqueName(QStringLiteral("e"));
    const QByteArray body =
        DumpCodec::requestToJson({item(QStringLiteral("P"), {image(QStringLiteral("png"), tag)})});
    const HttpResult first = post(s, token, body, "application/json");
    QVERIFY2(first.status == 201, qPrintable(describe(first)));
    QCOMPARE(hits(QStringLiteral("png"), tag), 1);

    QTRY_COMPARE_WITH_TIMEOUT(get(s, token, QStringLiteral("/api/v1/dumps")).status, 401, 10000);
    const HttpResult late = post(s, token, body, "application/json");
    QCOMPARE(late.status, 401);
    QVERIFY(!late.header("WWW-Authenticate").isEmpty());
    QCOMPARE(hits(QStringLiteral("png"), tag), 1);

    // Logging in again gives a working token.
    const QString fresh = s.signUpAndLogin(username);
    QVERIFY(!fresh.isEmpty());
    const HttpResult renewed = post(s, fresh, body, "application/json");
    QVERIFY2(renewed.status == 201, qPrintable(describe(renewed)));
    QCOMPARE(hits(QStringLiteral("png"), tag), 2);
}

// Logging in again replaces the user's secret: the old token stops working on this API.
void tst_Dumps::reloginInvalidatesOldToken()
{
    TestServer &s = server();
    QString username;
    const QString old = newToken(s, &username);
    const QString tag = uniqueName(QStringLiteral("r"));
    const QByteArray body =
        DumpCodec::requestToJson({item(QStringLiteral("P"), {image(QStringLiteral("png"), tag)})});
    QCOMPARE(post(s, old, body, "application/json").status, 201);
    const QString renewed = s.signUpAndLogin(username);
    QVERIFY(!renewed.isEmpty());
    QVERIFY(renewed != old);

    QCOMPARE(post(s, old, body, "application/json").status, 401);
    QCOMPARE(get(s, old, QStringLiteral("/api/v1/dumps")).status, 401);
    QCOMPARE(hits(QStringLiteral("png"), tag), 1);
    const HttpResult again = post(s, renewed, body, "application/json");
    QVERIFY2(again.status == 201, qPrintable(describe(again)));
    QCOMPARE(hits(QStringLiteral("png"), tag), 2);
    QCOMPARE(again.header("X-RateLimit-Remaining"), QByteArray::number(kBronzeLimit - 2));
}

void tst_Dumps::listAndOwnership()
{
    TestServer &s = server();
    const QString alice = newToken(s);
    const QString bob = newToken(s);
    const QString tag = uniqueName(QStringLiteral("o"));
    QList<qint64> ids; // JSON numbers, like itemId and imageId
    for (int i = 0; i < 3; ++i) {
        const HttpResult r = post(
            s, alice,
            DumpCodec::requestToXml(
                {item(QStringLiteral("P%1").arg(i),
                      {image(QStringLiteral("png"), QStringLiteral("%1-%2").arg(tag).arg(i))})}),
            "application/xml", {{"Accept", "application/json"}});
        QCOMPARE(r.status, 201);
        QVERIFY(r.json().value(QStringLiteral("requestId")).isDouble()); // a number, as itemId
        ids.prepend(r.json().value(QStringLiteral("requestId")).toInteger());
    }
    // Newest first, paginated with limit and offset.
    const HttpResult page1 = get(s, alice, QStringLiteral("/api/v1/dumps?limit=2"));
    QCOMPARE(page1.status, 200);
    QCOMPARE(page1.json().value(QStringLiteral("total")).toInt(), 3);
    QCOMPARE(page1.header("X-RateLimit-Remaining"), QByteArray::number(kBronzeLimit - 3));
    const QJsonArray first = page1.json().value(QStringLiteral("items")).toArray();
    QCOMPARE(first.size(), 2);
    QCOMPARE(first.at(0)[QStringLiteral("requestId")].toInteger(), ids.at(0));
    QCOMPARE(first.at(1)[QStringLiteral("requestId")].toInteger(), ids.at(1));
    QCOMPARE(first.at(0)[QStringLiteral("status")].toString(), QStringLiteral("SUCCESS"));
    QCOMPARE(first.at(0)[QStringLiteral("dataformat")].toString(), QStringLiteral("xml"));
    QCOMPARE(first.at(0)[QStringLiteral("item_count")].toInt(), 1);
    QCOMPARE(first.at(0)[QStringLiteral("images_succeeded")].toInt(), 1);
    QVERIFY(!first.at(0)[QStringLiteral("created_at")].toString().isEmpty());
    const QJsonArray second = get(s, alice, QStringLiteral("/api/v1/dumps?limit=2&offset=2"))
                                  .json()
                                  .value(QStringLiteral("items"))
                                  .toArray();
    QCOMPARE(second.size(), 1);
    QCOMPARE(second.at(0)[QStringLiteral("requestId")].toInteger(), ids.at(2));
    QCOMPARE(get(s, alice, QStringLiteral("/api/v1/dumps?limit=0")).status, 422);
    QCOMPARE(get(s, alice, QStringLiteral("/api/v1/dumps?offset=-1")).status, 422);

    // Someone else's request and its images do not exist for bob.
    QCOMPARE(
        get(s, bob, QStringLiteral("/api/v1/dumps")).json().value(QStringLiteral("total")).toInt(),
        0);
    QCOMPARE(get(s, bob, QStringLiteral("/api/v1/dumps/%1").arg(ids.at(0))).status, 404);
    QCOMPARE(get(s, bob, QStringLiteral("/api/v1/dumps/%1/images/1").arg(ids.at(0))).status, 404);
    QCOMPARE(get(s, alice, QStringLiteral("/api/v1/dumps/%1/images/1").arg(ids.at(0))).status, 200);
    QCOMPARE(get(s, alice, QStringLiteral("/api/v1/dumps/%1/images/2").arg(ids.at(0))).status, 404);
    QCOMPARE(get(s, alice, QStringLiteral("/api/v1/dumps/999999999")).status, 404);
    QCOMPARE(get(s, alice, QStringLiteral("/api/v1/dumps/abc")).status, 404);
    QCOMPARE(get(s, alice, QStringLiteral("/api/v1/dumps/%2e%2e")).status, 404);
    QCOMPARE(TestHttp::get(s.url(QStringLiteral("/api/v1/dumps"))).status, 401);
}

// A batch waiting for a slow image does not hold up the server.
void tst_Dumps::serverAnswersDuringSlowBatch()
{
    TestServer &s = server();
    const QString token = newToken(s);
    const QString tag = uniqueName(QStringLiteral("s"));
    const int slowBefore = m_images.hits(QStringLiteral("/slow"));
    const QList<DumpItem> items{item(QStringLiteral("Slow"), {m_images.url(QStringLiteral("/slow")),
                                                              image(QStringLiteral("png"), tag)})};
    auto flight = send(s.url(QStringLiteral("/api/v1/dumps")), token,
                       DumpCodec::requestToJson(items), "application/json");
    QTRY_VERIFY_WITH_TIMEOUT(m_images.hits(QStringLiteral("/slow")) > slowBefore, 10000);
    for (int i = 0; i < 5; ++i) {
        QElapsedTimer clock;
        clock.start();
        const HttpResult health =
            TestHttp::request("GET", s.url(QStringLiteral("/healthz")), {}, {}, 5000);
        QCOMPARE(health.status, 200);
        QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(get(s, token, QStringLiteral("/api/v1/me")).status, 200);
        if (i == 0) // answered while the slow image is still being fetched
            QVERIFY(!flight->finished());
    }
    QTRY_VERIFY_WITH_TIMEOUT(flight->finished(), 30000);
    QCOMPARE(flight->status(), 201);
    const auto result = DumpCodec::resultFromJson(flight->reply->readAll());
    QVERIFY(result);
    QCOMPARE(result->items.at(0).images.at(0).error, QStringLiteral("timeout"));
    QCOMPARE(result->items.at(0).images.at(1).status, DumpStatus::Success);
}

// The client hangs up while images are fetched: the server finishes the work, stores the
// result (visible later) and keeps serving.
void tst_Dumps::clientHangsUpMidBatch()
{
    TestServer &s = server();
    const QString token = newToken(s);
    const QString tag = uniqueName(QStringLiteral("h"));
    const QList<DumpItem> items{
        item(QStringLiteral("Quick"), {image(QStringLiteral("png"), tag)}),
        item(QStringLiteral("Slow"), {m_images.url(QStringLiteral("/slow"))})};
    // The request is listed at once (pending), then with its final status.
    const qint64 finished =
        hangUpWhileSlow(s, token, DumpCodec::requestToXml(items), "application/xml");
    QVERIFY(finished > 0);
    const QString id = QString::number(finished);
    const HttpResult stored = get(s, token, QStringLiteral("/api/v1/dumps/") + id);
    QCOMPARE(stored.status, 200);
    const auto result = resultOf(stored);
    QVERIFY(result);
    QCOMPARE(result->dataformat, DumpFormat::Xml);
    QCOMPARE(result->items.size(), 2);
    QCOMPARE(result->items.at(0).processStatus(), DumpStatus::Success);
    QCOMPARE(result->items.at(1).images.at(0).error, QStringLiteral("timeout"));
    QCOMPARE(result->status(), DumpStatus::Partial);
    QVERIFY(result->finishedAt.isValid());
    QCOMPARE(storedFiles(s, id.toLongLong()), QStringList{QStringLiteral("1.png")});
    QVERIFY(s.running());
    QCOMPARE(TestHttp::get(s.url(QStringLiteral("/healthz"))).status, 200);
}

// A server stopped while a batch runs (longer than its --shutdown-timeout) stores what was done
// and the rest as cancelled, instead of leaving the request pending. A second instance on the
// same database shows it.
void tst_Dumps::shutdownMidBatchStoresWhatWasDone()
{
    TestServer &a = server();
    TestServer b;
    TestServer::Options o = options();
    o.extraArgs << QStringLiteral("--shutdown-timeout") << QStringLiteral("200");
    QVERIFY2(b.startSharing(a, o), qPrintable(b.errorString()));
    const QString token = newToken(a);
    const QString tag = uniqueName(QStringLiteral("d"));
    const int slowBefore = m_images.hits(QStringLiteral("/slow"));
    const QList<DumpItem> items{
        item(QStringLiteral("Quick"), {image(QStringLiteral("png"), tag)}),
        item(QStringLiteral("Slow"), {m_images.url(QStringLiteral("/slow"))})};
    auto flight = send(b.url(QStringLiteral("/api/v1/dumps")), token,
                       DumpCodec::requestToJson(items), "application/json");
    QTRY_VERIFY_WITH_TIMEOUT(m_images.hits(QStringLiteral("/slow")) > slowBefore, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(hits(QStringLiteral("png"), tag), 1, 10000);
    QCOMPARE(b.stop(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(flight->finished(), 10000);

    const QJsonArray list = get(a, token, QStringLiteral("/api/v1/dumps"))
                                .json()
                                .value(QStringLiteral("items"))
                                .toArray();
    QCOMPARE(list.size(), 1);
    const HttpResult stored = get(a, token,
                                  QStringLiteral("/api/v1/dumps/%1")
                                      .arg(list.at(0)[QStringLiteral("requestId")].toInteger()));
    const auto result = resultOf(stored);
    QVERIFY2(result, stored.body.constData());
    QCOMPARE(result->status(), DumpStatus::Partial);
    QCOMPARE(result->items.at(0).processStatus(), DumpStatus::Success);
    QCOMPARE(result->items.at(1).images.at(0).error, QStringLiteral("cancelled"));
}

// A server killed while a batch runs cannot close its request. Once no live instance could still
// be working on it (twice the fetch deadline), the reaper of any instance marks it FAILURE, so
// nobody waits on a request that stays PENDING forever.
void tst_Dumps::killedMidBatchIsFailedNotPendingForever()
{
    TestServer &a = server();
    TestServer b;
    QVERIFY2(b.startSharing(a, options()), qPrintable(b.errorString()));
    const QString token = newToken(a);
    const int slowBefore = m_images.hits(QStringLiteral("/slow"));
    const QList<DumpItem> items{
        item(QStringLiteral("Slow"), {m_images.url(QStringLiteral("/slow"))})};
    auto flight = send(b.url(QStringLiteral("/api/v1/dumps")), token,
                       DumpCodec::requestToJson(items), "application/json");
    QTRY_VERIFY_WITH_TIMEOUT(m_images.hits(QStringLiteral("/slow")) > slowBefore, 10000);
    b.kill(); // SIGKILL: nothing closes the request

    const auto status = [&] {
        const QJsonArray list = get(a, token, QStringLiteral("/api/v1/dumps"))
                                    .json()
                                    .value(QStringLiteral("items"))
                                    .toArray();
        return list.size() == 1 ? list.at(0)[QStringLiteral("status")].toString() : QString();
    };
    QCOMPARE(status(), QStringLiteral("PENDING"));

    // An instance with a 1 s fetch deadline gives up on it 7 s after it was made.
    TestServer c;
    TestServer::Options o = options();
    o.extraArgs << QStringLiteral("--fetch-deadline") << QStringLiteral("1000")
                << QStringLiteral("--reaper-interval") << QStringLiteral("200");
    QVERIFY2(c.startSharing(a, o), qPrintable(c.errorString()));
    QTRY_COMPARE_WITH_TIMEOUT(status(), QStringLiteral("FAILURE"), 20000);
    QVERIFY(c.log().contains("abandoned dumps"));
    QTRY_VERIFY_WITH_TIMEOUT(flight->finished(), 10000); // the killed server's client saw it go
}

// A dump at the limits (1,000 items, ~20,000 images, written as ~100 multi-row INSERTs by the
// writer thread) whose client hangs up while the last image is fetched is stored whole: every
// item and image row once, each with its status, and the request closed with its counts.
void tst_Dumps::largeDumpStoredWholeAfterClientLeft()
{
    TestServer &s = server();
    const QString token = newToken(s);
    QList<DumpItem> items;
    for (int i = 0; i < 999; ++i) { // and one slow: the limits, 1,000 items
        QList<QUrl> urls;
        for (int j = 0; j < 20; ++j) // refused without a connection: the rows are the work
            urls.append(QUrl(
                QStringLiteral("http://169.254.169.254/catalogue/images/%1/%2.png").arg(i).arg(j)));
        items.append(item(QStringLiteral("Product %1").arg(i + 1), urls));
    }
    items.append(item(QStringLiteral("Slow"), {m_images.url(QStringLiteral("/slow"))}));
    const QByteArray body = DumpCodec::requestToJson(items);
    QVERIFY(body.size() > 1 << 20); // PostgreSQL: its request row is bound in binary
    const qint64 id = hangUpWhileSlow(s, token, body, "application/json");
    QVERIFY(id > 0);
    const QList<Row> request = sql(
        s,
        QStringLiteral("SELECT status, item_count, image_count, data FROM requests WHERE id = ?"),
        {id});
    QCOMPARE(request.size(), 1);
    QCOMPARE(request.at(0).at(0).toString(), QStringLiteral("FAILURE"));
    QCOMPARE(request.at(0).at(1).toInt(), 1000);
    QCOMPARE(request.at(0).at(2).toInt(), 19981);
    QVERIFY(request.at(0).at(3).toByteArray() == body); // the request as received
    // Rows numbered 1..count, each once, and how many have `outcome`.
    const auto check = [&](const QString &table, const QString &idColumn, const QString &outcome,
                           int count, int withOutcome) {
        const Row row = sql(s,
                            QStringLiteral("SELECT COUNT(*), COUNT(DISTINCT %2), MIN(%2), MAX(%2), "
                                           "SUM(CASE WHEN %3 THEN 1 ELSE 0 END) FROM %1 "
                                           "WHERE request_id = ?")
                                .arg(table, idColumn, outcome),
                            {id})
                            .value(0);
        QCOMPARE(row.at(0).toInt(), count);
        QCOMPARE(row.at(1).toInt(), count);
        QCOMPARE(row.at(2).toInt(), 1);
        QCOMPARE(row.at(3).toInt(), count);
        QCOMPARE(row.at(4).toInt(), withOutcome);
    };
    check(QStringLiteral("dump_items"), QStringLiteral("item_id"),
          QStringLiteral("process_status = 'FAILURE'"), 1000, 1000);
    if (QTest::currentTestFailed())
        return;
    check(QStringLiteral("dump_images"), QStringLiteral("image_id"),
          QStringLiteral("status = 'FAILURE' AND error = 'blocked address'"), 19981, 19980);
    if (QTest::currentTestFailed())
        return;

    // What GET answers is what was sent, in order, each image with its outcome.
    const HttpResult answer = get(s, token, QStringLiteral("/api/v1/dumps/%1").arg(id));
    const auto result = resultOf(answer);
    // (A server that died shows here: this GET once met a SIGBUS'd server, "Connection refused".)
    QVERIFY2(result, qPrintable(QStringLiteral("status %1 (%2), server %3")
                                    .arg(answer.status)
                                    .arg(answer.errorString, s.state())));
    QCOMPARE(result->items.size(), 1000);
    QCOMPARE(result->items.at(499).name, QStringLiteral("Product 500"));
    QCOMPARE(result->items.at(499).images.size(), 20);
    QCOMPARE(result->items.at(499).images.at(7).imageId, 499 * 20 + 8);
    QCOMPARE(result->items.at(499).images.at(7).url,
             QStringLiteral("http://169.254.169.254/catalogue/images/499/7.png"));
    QCOMPARE(result->items.at(999).images.at(0).error, QStringLiteral("timeout"));
    QCOMPARE(result->status(), DumpStatus::Failure);
}

// The result is stored in one transaction: a server killed inside it (every item and image row
// inserted, the request not yet closed nor committed) leaves not one row of the dump, and the
// request as it was before (PENDING, closed later by the reaper).
void tst_Dumps::killedWhileStoringLeavesNoRows()
{
    TestServer &a = server();
    TestServer b;
    TestServer::Options crashing = options();
    crashing.env.insert(QStringLiteral("DEPOTTEST_CRASH_AT"), QStringLiteral("dump-rows-written"));
    QVERIFY2(b.startSharing(a, crashing), qPrintable(b.errorString()));
    const QString token = newToken(a);
    const QString tag = uniqueName(QStringLiteral("w"));
    QList<DumpItem> items;
    for (int i = 0; i < 300; ++i) // more rows than one INSERT takes
        items.append(item(QStringLiteral("P%1").arg(i),
                          {QUrl(QStringLiteral("http://169.254.169.254/%1.png").arg(i)),
                           image(QStringLiteral("png"), QStringLiteral("%1-%2").arg(tag).arg(i))}));
    const HttpResult r = post(b, token, DumpCodec::requestToJson(items), "application/json");
    QCOMPARE(r.status, 0); // the server died before it answered
    QTRY_VERIFY_WITH_TIMEOUT(!b.running(), 10000);

    const QJsonArray list = get(a, token, QStringLiteral("/api/v1/dumps"))
                                .json()
                                .value(QStringLiteral("items"))
                                .toArray();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.at(0)[QStringLiteral("status")].toString(), QStringLiteral("PENDING"));
    const qint64 id = list.at(0)[QStringLiteral("requestId")].toInteger();
    QCOMPARE(hits(QStringLiteral("png"), tag + QStringLiteral("-299")), 1); // it did fetch
    for (const QString &table : {QStringLiteral("dump_items"), QStringLiteral("dump_images")})
        QCOMPARE(
            sql(a, QStringLiteral("SELECT COUNT(*) FROM %1 WHERE request_id = ?").arg(table), {id})
                .value(0)
                .value(0)
                .toInt(),
            0);
}

QTEST_GUILESS_MAIN(tst_Dumps)
#include "tst_dumps.moc"
