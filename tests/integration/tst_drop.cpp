// The anonymous file drop (seed 002) end to end against real depot-server processes, on SQLite
// and PostgreSQL: the seed's API and status codes with bodies built byte for byte as Python
// requests and curl build them (and with the real curl and, when installed, the seed's own
// Python example), round trips, hostile file names, one-time claims under concurrency (also
// across two processes), limits, interrupted uploads, a full disk, browsers and previewers,
// passwords and their throttle, delete links, expiry and crash recovery.

#include "TestServer.h"

#include "store/Database.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <map>
#include <memory>
#include <unistd.h>

using namespace depot;
using namespace depot::test;

namespace {

const QByteArray RequestsBoundary = "9ca63b51f30f38dfdfd0cd5bc228a500"; // uuid4().hex, as urllib3
const QByteArray CurlBoundary = "------------------------03580cfc4ac00367";
constexpr qint64 MaxBytes = 16LL << 20;

struct Field
{
    QByteArray name;
    QByteArray value;
};

// The body Python requests (urllib3 2.x) sends for requests.put(url, files={'file': (name,
// data)}, data=fields): data fields first, no Content-Type on the file part.
QByteArray requestsBody(const QList<Field> &fields, const QByteArray &fileName,
                        const QByteArray &data, const QByteArray &boundary = RequestsBoundary)
{
    QByteArray body;
    for (const Field &f : fields)
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.name +
                "\"\r\n\r\n" + f.value + "\r\n";
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" +
            fileName + "\"\r\n\r\n" + data + "\r\n";
    body += "--" + boundary + "--\r\n";
    return body;
}

// The body curl -F file=@name -F field=value builds: the file first, with a Content-Type.
QByteArray curlBody(const QByteArray &fileName, const QByteArray &data,
                    const QList<Field> &fields = {})
{
    QByteArray body = "--" + CurlBoundary +
                      "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName +
                      "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + data + "\r\n";
    for (const Field &f : fields)
        body += "--" + CurlBoundary + "\r\nContent-Disposition: form-data; name=\"" + f.name +
                "\"\r\n\r\n" + f.value + "\r\n";
    body += "--" + CurlBoundary + "--\r\n";
    return body;
}

Headers multipart(const QByteArray &boundary = RequestsBoundary)
{
    return {{"Content-Type", "multipart/form-data; boundary=" + boundary}};
}

QByteArray randomBytes(qsizetype size)
{
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(data.data()), size / 4);
    for (qsizetype i = size / 4 * 4; i < size; ++i)
        data[i] = char(i);
    return data;
}

// Sends every request on its own connection at the same time and collects the answers.
QList<RawResponse> parallel(const QList<QPair<QUrl, QByteArray>> &requests, int timeoutMs = 60000)
{
    QList<QByteArray> received(requests.size());
    int closed = 0;
    // Declared after what the slots write to, so the sockets (and any signal their destruction
    // emits) are gone before those are.
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (qsizetype i = 0; i < requests.size(); ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        QTcpSocket *s = socket.get();
        const QByteArray bytes = requests[i].second;
        QObject::connect(s, &QTcpSocket::connected, s, [s, bytes] { s->write(bytes); });
        QObject::connect(s, &QTcpSocket::readyRead, s,
                         [s, &received, i] { received[i] += s->readAll(); });
        QObject::connect(s, &QTcpSocket::disconnected, s, [&closed] { ++closed; });
        QObject::connect(s, &QTcpSocket::errorOccurred, s,
                         [s, &closed](QAbstractSocket::SocketError e) {
                             if (e != QAbstractSocket::RemoteHostClosedError &&
                                 s->state() == QAbstractSocket::UnconnectedState)
                                 ++closed;
                         });
        s->connectToHost(requests[i].first.host(), quint16(requests[i].first.port()));
        sockets.push_back(std::move(socket));
    }
    QTest::qWaitFor([&] { return closed >= requests.size(); }, timeoutMs);
    QList<RawResponse> out;
    for (qsizetype i = 0; i < requests.size(); ++i) {
        received[i] += sockets[size_t(i)]->readAll();
        out.append(RawResponse::parse(received[i]));
    }
    return out;
}

QByteArray getRequest(const QUrl &url, const QByteArray &extraHeaders = {})
{
    return "GET " + url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority) +
           " HTTP/1.1\r\nHost: " + url.host().toLatin1() + ':' + QByteArray::number(url.port()) +
           "\r\n" + extraHeaders + "Connection: close\r\n\r\n";
}

// The RFC 8187 value of Content-Disposition's filename*, decoded.
QString extFileName(const QByteArray &disposition)
{
    const qsizetype at = disposition.indexOf("filename*=UTF-8''");
    if (at < 0)
        return {};
    QByteArray value = disposition.mid(at + 17);
    if (value.contains(';'))
        value.truncate(value.indexOf(';'));
    return QString::fromUtf8(QByteArray::fromPercentEncoding(value.trimmed()));
}

struct Curl
{
    int exitCode = -1;
    int status = 0;
    QByteArray body;
    QByteArray stderrText;
};

Curl runCurl(QStringList args, const QByteArray &stdinData = {})
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("out"));
    args.prepend(QStringLiteral("--max-time"));
    args.insert(1, QStringLiteral("60"));
    args << QStringLiteral("-sS") << QStringLiteral("-o") << out << QStringLiteral("-w")
         << QStringLiteral("%{http_code}");
    QProcess curl;
    curl.start(QStringLiteral("/usr/bin/curl"), args);
    if (!curl.waitForStarted(10000))
        return {};
    if (!stdinData.isNull()) {
        curl.write(stdinData);
        curl.closeWriteChannel();
    }
    curl.waitForFinished(90000);
    Curl result;
    result.exitCode = curl.exitCode();
    result.status = curl.readAllStandardOutput().toInt();
    result.stderrText = curl.readAllStandardError();
    QFile file(out);
    if (file.open(QIODevice::ReadOnly))
        result.body = file.readAll();
    return result;
}

} // namespace

class TestDrop : public QObject
{
    Q_OBJECT

    std::map<QString, std::unique_ptr<TestServer>> m_servers;
    QTemporaryDir m_files;

    static QStringList serverArgs()
    {
        return {QStringLiteral("--reaper-interval"), QStringLiteral("200"),
                QStringLiteral("--drop-password-max-failures"), QStringLiteral("3")};
    }

    QString backend() const
    {
        QFETCH_GLOBAL(QString, backend);
        return backend;
    }

    // One server per backend, shared by the tests that need nothing special.
    TestServer &server()
    {
        auto &slot = m_servers[backend()];
        if (!slot || !slot->running()) {
            slot = std::make_unique<TestServer>();
            TestServer::Options options;
            options.backend = backend();
            options.extraArgs = serverArgs();
            if (!slot->start(options))
                qFatal("cannot start depot-server: %s", qPrintable(slot->errorString()));
        }
        return *slot;
    }

    static QUrl dropUrl(TestServer &s, const QString &suffix = {})
    {
        return s.url(QStringLiteral("/api/v1.0/file") + suffix);
    }

    static HttpResult upload(TestServer &s, const QByteArray &data,
                             const QByteArray &name = "report.xls", const QList<Field> &fields = {})
    {
        return TestHttp::request("PUT", dropUrl(s), requestsBody(fields, name, data), multipart());
    }

    static QUrl link(const HttpResult &r)
    {
        return QUrl(r.json().value(QStringLiteral("url")).toString());
    }

    // HEAD on a raw connection (QNetworkAccessManager's custom verbs wait for a HEAD's body).
    static int head(const QUrl &url, const QByteArray &extraHeaders = {})
    {
        QByteArray request = getRequest(url, extraHeaders);
        request.replace(0, 3, "HEAD");
        return RawResponse::parse(TestHttp::raw(url, request)).status;
    }

    static QString idOf(const QUrl &url) { return url.path().section(u'/', -1); }
    // The name of a link's file under files/drops, from the database.
    static QString blobOf(TestServer &s, const QUrl &url)
    {
        return sql(s, QStringLiteral("SELECT blob FROM shares WHERE id = ?"), {idOf(url)})
            .value(0)
            .value(0)
            .toString();
    }
    static bool stored(TestServer &s, const QString &blob)
    {
        return !blob.isEmpty() && QFile::exists(dropsDir(s) + u'/' + blob);
    }

    static QString dropsDir(TestServer &s) { return s.dataDir() + QStringLiteral("/files/drops"); }
    static QStringList dropFiles(TestServer &s)
    {
        return QDir(dropsDir(s)).entryList(QDir::Files | QDir::Hidden | QDir::System);
    }

    // Runs `sql` on the server's own database (SQLite file or PostgreSQL).
    static QList<Row> sql(TestServer &s, const QString &statement, const QVariantList &binds = {})
    {
        return s.sql(statement, binds);
    }
    static int shareRows(TestServer &s)
    {
        return sql(s, QStringLiteral("SELECT COUNT(*) FROM shares")).value(0).value(0).toInt();
    }

private Q_SLOTS:
    void initTestCase_data()
    {
        QTest::addColumn<QString>("backend");
        for (const QString &b : TestServer::backends())
            QTest::newRow(qPrintable(b)) << b;
    }

    void cleanupTestCase() { m_servers.clear(); }

    // ------------------------------------------------------------------ the seed's contract

    void seedUploadAndDownload()
    {
        TestServer &s = server();
        // requests.put(url, files={'file': open('report.xls','rb')}, data={'password': 'hello
        // world'})
        const HttpResult up =
            upload(s, "spreadsheet bytes", "report.xls", {{"password", "hello world"}});
        QCOMPARE(up.status, 201);
        QCOMPARE(up.json().value(QStringLiteral("status")).toString(),
                 QStringLiteral("File Uploaded Successfully"));
        const QUrl url = link(up);
        QVERIFY2(
            url.toString().startsWith(s.baseUrl().toString() + QStringLiteral("/api/v1.0/file/")),
            qPrintable(url.toString()));
        QVERIFY(!up.json().value(QStringLiteral("expires_at")).toString().isEmpty());
        QVERIFY(
            up.json().value(QStringLiteral("delete_url")).toString().startsWith(url.toString()));
        QCOMPARE(up.header("Content-Type"), QByteArray("application/json"));
        const QString blob = blobOf(s, url);
        QVERIFY(stored(s, blob));

        // requests.get(url) without params: 401 with a JSON error
        const HttpResult none = TestHttp::get(url);
        QCOMPARE(none.status, 401);
        QCOMPARE(none.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("Unauthorized"));
        // requests.get(url, params={'password': 'hello world'}) sends ?password=hello+world
        QUrl withPassword = url;
        withPassword.setQuery(QStringLiteral("password=hello+world"));
        const HttpResult got = TestHttp::get(withPassword);
        QCOMPARE(got.status, 200);
        QCOMPARE(got.body, QByteArray("spreadsheet bytes"));
        QCOMPARE(got.header("Content-Type"), QByteArray("application/vnd.ms-excel"));
        QVERIFY(got.header("Content-Disposition").startsWith("attachment;"));
        QCOMPARE(extFileName(got.header("Content-Disposition")), QStringLiteral("report.xls"));
        // burnt after reading
        const HttpResult again = TestHttp::get(withPassword);
        QCOMPARE(again.status, 410);
        QCOMPARE(again.json().value(QStringLiteral("error")).toString(), QStringLiteral("Gone"));
        QTRY_VERIFY_WITH_TIMEOUT(!stored(s, blob), 5000); // removed off the request path
    }

    void seedStatusCodes()
    {
        TestServer &s = server();
        auto error = [](const HttpResult &r) {
            return r.json().value(QStringLiteral("error")).toString();
        };
        // 400: no file part (a form without files, a multipart form without 'file', nothing)
        const HttpResult form =
            TestHttp::request("PUT", dropUrl(s), "password=x",
                              {{"Content-Type", "application/x-www-form-urlencoded"}});
        QCOMPARE(form.status, 400);
        QCOMPARE(error(form), QStringLiteral("Bad Request"));
        const QByteArray noFile =
            "--" + RequestsBoundary +
            "\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\nx\r\n--" +
            RequestsBoundary + "--\r\n";
        QCOMPARE(TestHttp::request("PUT", dropUrl(s), noFile, multipart()).status, 400);
        const HttpResult empty = TestHttp::request("PUT", dropUrl(s));
        QCOMPARE(empty.status, 400);
        QCOMPARE(error(empty), QStringLiteral("Bad Request"));
        QCOMPARE(TestHttp::request("PUT", dropUrl(s), "garbage", multipart()).status, 400);
        QCOMPARE(
            TestHttp::request("PUT", dropUrl(s), "x", {{"Content-Type", "multipart/form-data"}})
                .status,
            400);
        // 405 with Allow for every other method on /api/v1.0/file
        for (const QByteArray method :
             {QByteArray("GET"), QByteArray("POST"), QByteArray("DELETE"), QByteArray("PATCH")}) {
            const HttpResult r = TestHttp::request(method, dropUrl(s));
            QCOMPARE(r.status, 405);
            QCOMPARE(error(r), QStringLiteral("Method not Allowed"));
            QCOMPARE(r.header("Allow"), QByteArray("PUT, OPTIONS"));
        }
        // 404: unknown ids, ids of the wrong shape, traversal attempts
        for (const QString &id :
             {QStringLiteral("AAAAAAAAAAAAAAAAAAAAAA"),
              QStringLiteral("d1c5b168e5782c80fe36f601a9df3b47"), QStringLiteral("nope"),
              QStringLiteral("%2e%2e"), QStringLiteral("..%5c..%5cetc"),
              QStringLiteral("AAAAAAAAAAAAAAAAAAAAA%27")}) {
            const HttpResult r = TestHttp::get(dropUrl(s, u'/' + id));
            QCOMPARE(r.status, 404);
            QCOMPARE(error(r), QStringLiteral("Not Found"));
        }
        // 410 once downloaded
        const QUrl url = link(upload(s, "once"));
        QCOMPARE(TestHttp::get(url).status, 200);
        const HttpResult gone = TestHttp::get(url);
        QCOMPARE(gone.status, 410);
        QCOMPARE(error(gone), QStringLiteral("Gone"));
        // 401 for a missing or wrong password, in the header or the query
        const QUrl locked = link(upload(s, "locked", "l.txt", {{"password", "pw"}}));
        QCOMPARE(TestHttp::get(locked).status, 401);
        QCOMPARE(TestHttp::get(locked, {{"X-Password", "PW"}}).status, 401);
        QCOMPARE(TestHttp::get(locked, {{"X-Password", "pw"}}).status, 200);
    }

    void pythonRequestsExample()
    {
        // The seed README's Python example, run as it is written (only the URL differs).
        if (QProcess::execute(QStringLiteral("python3"),
                              {QStringLiteral("-c"), QStringLiteral("import requests")}) != 0)
            QSKIP("python3 with requests is not installed");
        TestServer &s = server();
        QTemporaryDir dir;
        QFile xls(dir.filePath(QStringLiteral("report.xls")));
        QVERIFY(xls.open(QIODevice::WriteOnly));
        const QByteArray content = randomBytes(100000);
        xls.write(content);
        xls.close();
        const QString script =
            QStringLiteral("import requests, sys\n"
                           "url = '%1'\n"
                           "files = {'file': open('report.xls', 'rb')}\n"
                           "data = {'password': 'hello world'}\n"
                           "res = requests.put(url, files=files, data=data)\n"
                           "assert res.status_code == 201, res.text\n"
                           "assert res.json()['status'] == 'File Uploaded Successfully'\n"
                           "url = res.json()['url']\n"
                           "params = {'password': 'hello world'}\n"
                           "res = requests.get(url, params=params)\n"
                           "assert res.status_code == 200, res.text\n"
                           "open('downloaded', 'wb').write(res.content)\n"
                           "res = requests.get(url, params=params)\n"
                           "assert res.status_code == 410 and res.json() == {'error': 'Gone', "
                           "'detail': res.json()['detail']}\n"
                           "assert requests.put(url.rsplit('/', 1)[0]).status_code == 400\n"
                           "assert requests.get(url.rsplit('/', 1)[0]).json()['error'] == 'Method "
                           "not Allowed'\n")
                .arg(dropUrl(s).toString());
        QProcess python;
        python.setWorkingDirectory(dir.path());
        python.start(QStringLiteral("python3"), {QStringLiteral("-c"), script});
        QVERIFY(python.waitForFinished(60000));
        QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
        QFile downloaded(dir.filePath(QStringLiteral("downloaded")));
        QVERIFY(downloaded.open(QIODevice::ReadOnly));
        QCOMPARE(downloaded.readAll(), content);
    }

    void baseUrlFromHostHeader()
    {
        TestServer &s = server();
        Headers headers = multipart();
        headers.append(qMakePair(QByteArray("Host"), QByteArray("files.example:8443")));
        const HttpResult r =
            TestHttp::request("PUT", dropUrl(s), requestsBody({}, "a.txt", "a"), headers);
        QCOMPARE(r.status, 201);
        QVERIFY2(r.json()
                     .value(QStringLiteral("url"))
                     .toString()
                     .startsWith(QStringLiteral("http://files.example:8443/api/v1.0/file/")),
                 r.body.constData());
        const QString id = r.json().value(QStringLiteral("url")).toString().section(u'/', -1);
        QCOMPARE(id.size(), 22); // 128 random bits, URL-safe base64
        QVERIFY(QRegularExpression(QStringLiteral("^[A-Za-z0-9_-]{22}$")).match(id).hasMatch());
    }

    // ------------------------------------------------------------------------- round trips

    void roundTrip_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QByteArray>("type");
        QByteArray binary;
        for (int i = 0; i < 256; ++i)
            binary.append(char(i));
        // "CRLF--boundary" followed by anything but "--", LWSP or CRLF is data, not a delimiter
        binary += "\r\n--" + RequestsBoundary + "X\r\n" + randomBytes(100000);
        QByteArray png =
            QByteArray::fromHex("89504e470d0a1a0a0000000d49484452") + randomBytes(1000);
        QTest::newRow("empty") << QByteArray() << QByteArray("empty.bin")
                               << QByteArray("application/octet-stream");
        QTest::newRow("binary") << binary << QByteArray("blob.bin")
                                << QByteArray("application/octet-stream");
        QTest::newRow("png sniffed despite the name")
            << png << QByteArray("picture.txt") << QByteArray("image/png");
        QTest::newRow("html served as an attachment, never active")
            << QByteArray("<script>alert(1)</script>") << QByteArray("x.html")
            << QByteArray("text/plain");
        QTest::newRow("16 MiB exactly") << randomBytes(MaxBytes) << QByteArray("big.bin")
                                        << QByteArray("application/octet-stream");
    }

    void roundTrip()
    {
        QFETCH(QByteArray, content);
        QFETCH(QByteArray, name);
        QFETCH(QByteArray, type);
        TestServer &s = server();
        // multipart as requests sends it
        const HttpResult up = upload(s, content, name);
        QCOMPARE(up.status, 201);
        QCOMPARE(up.json().value(QStringLiteral("size")).toInteger(), content.size());
        const RawResponse head = RawResponse::parse(TestHttp::raw(
            s.baseUrl(), getRequest(link(up)).replace(0, 3, "HEAD"))); // HEAD never burns
        QCOMPARE(head.status, 200);
        QCOMPARE(head.header("Content-Length").toLongLong(), content.size());
        const HttpResult got = TestHttp::get(link(up));
        QCOMPARE(got.status, 200);
        QCOMPARE(got.body.size(), content.size());
        QVERIFY(got.body == content);
        QCOMPARE(got.header("Content-Type"), type);
        QCOMPARE(got.header("X-Content-Type-Options"), QByteArray("nosniff"));
        QVERIFY(got.header("Content-Disposition").startsWith("attachment;"));
        // and raw, as curl -T sends it
        const HttpResult raw =
            TestHttp::request("PUT", dropUrl(s, u'/' + QString::fromUtf8(name)), content);
        QCOMPARE(raw.status, 201);
        const HttpResult rawGot = TestHttp::get(link(raw));
        QCOMPARE(rawGot.status, 200);
        QVERIFY(rawGot.body == content);
        QCOMPARE(extFileName(rawGot.header("Content-Disposition")), QString::fromUtf8(name));
    }

    void fileNames_data()
    {
        QTest::addColumn<QByteArray>(
            "disposition"); // the file part's Content-Disposition parameters
        QTest::addColumn<QString>("expected");
        QTest::newRow("spaces") << QByteArray("filename=\"my report 2024.txt\"")
                                << QStringLiteral("my report 2024.txt");
        QTest::newRow("utf-8, raw as browsers send it")
            << QByteArray("filename=\"Gr\xc3\xbc\xc3\x9f"
                          "e \xe2\x82\xac \xe6\x97\xa5\xe6\x9c\xac.txt\"")
            << QStringLiteral("Grüße € 日本.txt");
        QTest::newRow("utf-8, RFC 8187")
            << QByteArray("filename=\"x.txt\"; filename*=UTF-8''%E2%82%AC%20rates.txt")
            << QStringLiteral("€ rates.txt");
        QTest::newRow("escaped quotes")
            << QByteArray("filename=\"say \\\"hi\\\".txt\"") << QStringLiteral("say _hi_.txt");
        QTest::newRow("quotes as requests encodes them")
            << QByteArray("filename=\"say %22hi%22.txt\"") << QStringLiteral("say %22hi%22.txt");
        QTest::newRow("apostrophe and ampersand")
            << QByteArray("filename=\"Tom & Jerry's.txt\"") << QStringLiteral("Tom & Jerry's.txt");
        QTest::newRow("../ traversal")
            << QByteArray("filename=\"../../etc/passwd\"") << QStringLiteral("passwd");
        QTest::newRow("windows path")
            << QByteArray("filename=\"C:\\Users\\me\\notes.txt\"") << QStringLiteral("notes.txt");
        QTest::newRow("CR LF header injection")
            << QByteArray(
                   "filename=\"a.txt\"; filename*=UTF-8''evil%0D%0ASet-Cookie%3A%20a%3Db.txt")
            << QStringLiteral("evil__Set-Cookie_ a=b.txt");
        QTest::newRow("only dots") << QByteArray("filename=\"..\"") << QStringLiteral("download");
    }

    void fileNames()
    {
        QFETCH(QByteArray, disposition);
        QFETCH(QString, expected);
        TestServer &s = server();
        const QByteArray body = "--" + RequestsBoundary +
                                "\r\nContent-Disposition: form-data; name=\"file\"; " +
                                disposition + "\r\n\r\ncontent\r\n--" + RequestsBoundary + "--\r\n";
        const HttpResult up = TestHttp::request("PUT", dropUrl(s), body, multipart());
        QCOMPARE(up.status, 201);
        QCOMPARE(up.json().value(QStringLiteral("filename")).toString(), expected);
        // raw socket: see every header line exactly as sent
        const RawResponse got = RawResponse::parse(TestHttp::raw(s.baseUrl(), getRequest(link(up))));
        QCOMPARE(got.status, 200);
        QCOMPARE(got.body, QByteArray("content"));
        const QByteArray cd = got.header("Content-Disposition");
        // one header per line: the CR LF in the name did not start a header of its own
        QVERIFY2(got.header("Set-Cookie").isEmpty() && !got.head.contains("\nSet-Cookie"),
                 got.head.constData());
        for (char c : cd)
            QVERIFY2(uchar(c) >= 0x20 && uchar(c) < 0x7f,
                     cd.constData()); // ASCII only: no CR, LF, raw UTF-8
        QVERIFY(cd.startsWith("attachment; filename=\""));
        QCOMPARE(extFileName(cd), expected);
        QByteArray fallback = cd.mid(cd.indexOf("filename=\"") + 10);
        fallback = fallback.left(fallback.indexOf('"'));
        QVERIFY2(!fallback.contains('\\') && !fallback.contains('/') && !fallback.contains('%'),
                 cd.constData());
    }

    // --------------------------------------------------------------------------------- curl

    void curlUploads()
    {
        TestServer &s = server();
        const QString path = m_files.filePath(QStringLiteral("curl report.bin"));
        const QByteArray content = randomBytes(3 << 20); // > 1 MB: curl sends Expect: 100-continue
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
        file.close();
        const QString base = dropUrl(s).toString();

        // curl -F file=@x -F password=pw -X PUT <base>/api/v1.0/file
        const Curl form = runCurl({QStringLiteral("-F"), QStringLiteral("file=@") + path,
                                   QStringLiteral("-F"), QStringLiteral("password=open sesame"),
                                   QStringLiteral("-X"), QStringLiteral("PUT"), base});
        QVERIFY2(form.status == 201, QByteArray(form.body + form.stderrText).constData());
        const QString formLink =
            QJsonDocument::fromJson(form.body).object().value(QStringLiteral("url")).toString();
        QCOMPARE(runCurl({formLink}).status, 401);
        const Curl formGot =
            runCurl({QStringLiteral("-H"), QStringLiteral("X-Password: open sesame"), formLink});
        QCOMPARE(formGot.status, 200);
        QVERIFY(formGot.body == content);
        QCOMPARE(runCurl({formLink}).status, 410);

        // curl -T x <base>/api/v1.0/file/ (curl appends the file name to the URL)
        const Curl put = runCurl({QStringLiteral("-T"), path, base + u'/'});
        QVERIFY2(put.status == 201, QByteArray(put.body + put.stderrText).constData());
        const QJsonObject putJson = QJsonDocument::fromJson(put.body).object();
        QCOMPARE(putJson.value(QStringLiteral("filename")).toString(),
                 QStringLiteral("curl report.bin"));
        const Curl putGot = runCurl({QStringLiteral("-D"), QStringLiteral("/dev/stderr"),
                                     putJson.value(QStringLiteral("url")).toString()});
        QCOMPARE(putGot.status, 200);
        QVERIFY(putGot.body == content);
        QVERIFY2(putGot.stderrText.contains("filename*=UTF-8''curl%20report.bin"),
                 putGot.stderrText.constData());

        // curl -T x <base>/api/v1.0/file with the name and options in headers
        const Curl named = runCurl({QStringLiteral("-T"), path, QStringLiteral("-H"),
                                    QStringLiteral("X-Filename: named.bin"), QStringLiteral("-H"),
                                    QStringLiteral("X-Max-Downloads: 2"), base});
        QVERIFY2(named.status == 201, QByteArray(named.body + named.stderrText).constData());
        const QJsonObject namedJson = QJsonDocument::fromJson(named.body).object();
        QCOMPARE(namedJson.value(QStringLiteral("filename")).toString(),
                 QStringLiteral("named.bin"));
        QCOMPARE(namedJson.value(QStringLiteral("max_downloads")).toInt(), 2);

        // curl -T - (stdin: chunked transfer coding)
        const Curl piped = runCurl(
            {QStringLiteral("-T"), QStringLiteral("-"), base + QStringLiteral("/piped.txt")},
            "from a pipe\n");
        QVERIFY2(piped.status == 201, QByteArray(piped.body + piped.stderrText).constData());
        const HttpResult pipedGot = TestHttp::get(QUrl(
            QJsonDocument::fromJson(piped.body).object().value(QStringLiteral("url")).toString()));
        QCOMPARE(pipedGot.body, QByteArray("from a pipe\n"));

        // too large: refused before the body is sent
        const QString big = m_files.filePath(QStringLiteral("big"));
        QFile bigFile(big);
        QVERIFY(bigFile.open(QIODevice::WriteOnly));
        QVERIFY(bigFile.resize(MaxBytes + 1));
        bigFile.close();
        const int before = shareRows(s);
        QCOMPARE(runCurl({QStringLiteral("-T"), big, base + u'/'}).status, 413);
        QCOMPARE(runCurl({QStringLiteral("-F"), QStringLiteral("file=@") + big,
                          QStringLiteral("-X"), QStringLiteral("PUT"), base})
                     .status,
                 413);
        QCOMPARE(shareRows(s), before);
    }

    void curlMultipartBytes()
    {
        // curl -F's exact bytes (file part first, with a Content-Type), without curl.
        TestServer &s = server();
        const HttpResult up = TestHttp::request("PUT", dropUrl(s),
                                                curlBody("report.xls", "abc", {{"password", "pw"}}),
                                                multipart(CurlBoundary));
        QCOMPARE(up.status, 201);
        QCOMPARE(up.json().value(QStringLiteral("password_protected")).toBool(), true);
        QCOMPARE(TestHttp::get(link(up), {{"X-Password", "pw"}}).body, QByteArray("abc"));
    }

    // ------------------------------------------------------------------- one-time, at scale

    void concurrentDownloads()
    {
        TestServer &s = server();
        const QByteArray content = randomBytes(1 << 20);
        const QUrl url = link(upload(s, content, "race.bin"));
        const QString blob = blobOf(s, url);
        QList<QPair<QUrl, QByteArray>> requests;
        for (int i = 0; i < 20; ++i)
            requests.append({url, getRequest(url)});
        const QList<RawResponse> answers = parallel(requests);
        int ok = 0, gone = 0;
        for (const RawResponse &r : answers) {
            if (r.status == 200 && r.body == content)
                ++ok;
            else if (r.status == 410)
                ++gone;
        }
        QCOMPARE(ok, 1);
        QCOMPARE(gone, 19);
        QTRY_VERIFY_WITH_TIMEOUT(!stored(s, blob), 5000);
    }

    void concurrentDownloadsTwoProcesses()
    {
        TestServer a;
        TestServer::Options options;
        options.backend = backend();
        options.extraArgs = serverArgs();
        QVERIFY2(a.start(options), qPrintable(a.errorString()));
        TestServer b;
        QVERIFY2(b.startSharing(a, options), qPrintable(b.errorString()));
        for (int round = 0; round < 3; ++round) {
            const QByteArray content = randomBytes(512 * 1024);
            const QUrl onA = link(upload(a, content, "race.bin", {{"password", "pw"}}));
            QUrl onB = onA;
            onB.setPort(b.baseUrl().port());
            QList<QPair<QUrl, QByteArray>> requests;
            for (int i = 0; i < 20; ++i) {
                const QUrl target = i % 2 ? onA : onB;
                requests.append({target, getRequest(target, "X-Password: pw\r\n")});
            }
            int ok = 0, gone = 0, throttled = 0;
            for (const RawResponse &r : parallel(requests)) {
                ok += r.status == 200 && r.body == content;
                gone += r.status == 410;
                // password checks in flight count against the link's throttle (docs/API.md)
                throttled += r.status == 429;
            }
            QCOMPARE(ok, 1);
            QCOMPARE(gone + throttled, 19);
        }
        QTRY_VERIFY_WITH_TIMEOUT(dropFiles(a).isEmpty(), 5000);
    }

    void maxDownloads()
    {
        TestServer &s = server();
        const HttpResult up = upload(s, "thrice", "t.txt", {{"max_downloads", "3"}});
        QCOMPARE(up.status, 201);
        QCOMPARE(up.json().value(QStringLiteral("max_downloads")).toInt(), 3);
        const QString blob = blobOf(s, link(up));
        QList<QPair<QUrl, QByteArray>> requests;
        for (int i = 0; i < 10; ++i)
            requests.append({link(up), getRequest(link(up))});
        int ok = 0;
        for (const RawResponse &r : parallel(requests))
            ok += r.status == 200 && r.body == "thrice";
        QCOMPARE(ok, 3);
        QCOMPARE(TestHttp::get(link(up)).status, 410);
        QTRY_VERIFY_WITH_TIMEOUT(!stored(s, blob), 5000);
    }

    void invalidOptions_data()
    {
        QTest::addColumn<QByteArray>("field");
        QTest::addColumn<QByteArray>("value");
        QTest::newRow("max_downloads 0") << QByteArray("max_downloads") << QByteArray("0");
        QTest::newRow("max_downloads too many") << QByteArray("max_downloads") << QByteArray("101");
        QTest::newRow("max_downloads text") << QByteArray("max_downloads") << QByteArray("two");
        QTest::newRow("max_downloads negative") << QByteArray("max_downloads") << QByteArray("-1");
        QTest::newRow("expires_in 0") << QByteArray("expires_in") << QByteArray("0");
        QTest::newRow("expires_in over 7 days") << QByteArray("expires_in") << QByteArray("604801");
        QTest::newRow("expires_in fraction") << QByteArray("expires_in") << QByteArray("1.5");
        QTest::newRow("password over 1024 bytes")
            << QByteArray("password") << QByteArray(1025, 'p');
    }

    void invalidOptions()
    {
        QFETCH(QByteArray, field);
        QFETCH(QByteArray, value);
        TestServer &s = server();
        const int rows = shareRows(s);
        const HttpResult r = upload(s, "x", "x.txt", {{field, value}});
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json().value(QStringLiteral("error")).toString(), QStringLiteral("Bad Request"));
        QVERIFY2(r.json()
                     .value(QStringLiteral("detail"))
                     .toString()
                     .contains(QString::fromLatin1(field)),
                 r.body.constData());
        QCOMPARE(shareRows(s), rows);
    }

    void expiry()
    {
        TestServer &s = server();
        const HttpResult up = upload(s, "short-lived", "s.txt", {{"expires_in", "1"}});
        QCOMPARE(up.status, 201);
        const QDateTime expiresAt = QDateTime::fromString(
            up.json().value(QStringLiteral("expires_at")).toString(), Qt::ISODate);
        QVERIFY(expiresAt <= QDateTime::currentDateTimeUtc().addSecs(2));
        const QString blob = blobOf(s, link(up));
        QCOMPARE(head(link(up)), 200); // HEAD does not burn
        QTRY_COMPARE_WITH_TIMEOUT(head(link(up)), 410, 5000);
        QCOMPARE(TestHttp::get(link(up)).status, 410);
        // the reaper (every 200 ms here) removes the file; the link stays 410, not 404
        QTRY_VERIFY_WITH_TIMEOUT(!stored(s, blob), 5000);
        QCOMPARE(TestHttp::get(link(up)).status, 410);
        // the default lifetime is 24 h
        const HttpResult normal = upload(s, "x");
        const QDateTime normalExpiry = QDateTime::fromString(
            normal.json().value(QStringLiteral("expires_at")).toString(), Qt::ISODate);
        QVERIFY(qAbs(normalExpiry.secsTo(QDateTime::currentDateTimeUtc().addSecs(24 * 3600))) < 10);
    }

    // --------------------------------------------------------------------- limits and disks

    void tooLarge()
    {
        TestServer &s = server();
        const int rows = shareRows(s);
        const QStringList files = dropFiles(s);
        // 16 MiB + 1 in a multipart body: within the framing allowance, refused by the exact check
        const HttpResult multi = upload(s, QByteArray(MaxBytes + 1, 'x'), "big.bin");
        QCOMPARE(multi.status, 413);
        QCOMPARE(multi.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("Request Entity Too Large"));
        // raw 16 MiB + 1: refused from the head alone
        const HttpResult raw = TestHttp::request("PUT", dropUrl(s, QStringLiteral("/big.bin")),
                                                 QByteArray(MaxBytes + 1, 'x'));
        QCOMPARE(raw.status, 413);
        // a head announcing 10 GB gets its 413 before a single body byte is sent
        const RawResponse announced = RawResponse::parse(
            TestHttp::raw(s.baseUrl(), "PUT /api/v1.0/file HTTP/1.1\r\nHost: x\r\nContent-Type: "
                                       "multipart/form-data; boundary=b\r\n"
                                       "Content-Length: 10000000000\r\n\r\n"));
        QCOMPARE(announced.status, 413);
        QCOMPARE(QJsonDocument::fromJson(announced.body)
                     .object()
                     .value(QStringLiteral("error"))
                     .toString(),
                 QStringLiteral("Request Entity Too Large"));
        QCOMPARE(shareRows(s), rows);
        QCOMPARE(dropFiles(s), files);
    }

    void tooLargeKeepsMemoryFlat()
    {
        TestServer s;
        TestServer::Options options;
        options.backend = backend();
        QVERIFY2(s.start(options), qPrintable(s.errorString()));
        auto rssKb = [&s] {
            QFile status(QStringLiteral("/proc/%1/status").arg(s.pid()));
            if (!status.open(QIODevice::ReadOnly))
                return qint64(-1);
            for (const QByteArray &line : status.readAll().split('\n')) {
                if (line.startsWith("VmRSS:"))
                    return line.mid(6).trimmed().split(' ').first().toLongLong();
            }
            return qint64(-1);
        };
        const qint64 before = rssKb();
        // 64 MiB offered after a head that already says too much: none of it is kept.
        QTcpSocket socket;
        socket.connectToHost(s.baseUrl().host(), quint16(s.baseUrl().port()));
        QVERIFY(socket.waitForConnected(5000));
        socket.write(
            "PUT /api/v1.0/file/x.bin HTTP/1.1\r\nHost: x\r\nContent-Length: 67108864\r\n\r\n");
        const QByteArray chunk(1 << 20, 'z');
        for (int i = 0; i < 64 && socket.state() == QAbstractSocket::ConnectedState; ++i) {
            socket.write(chunk);
            socket.waitForBytesWritten(2000);
        }
        QTRY_VERIFY_WITH_TIMEOUT(
            socket.bytesAvailable() > 0 || socket.state() != QAbstractSocket::ConnectedState, 5000);
        QVERIFY2(socket.readAll().startsWith("HTTP/1.1 413"), "expected 413");
        const qint64 after = rssKb();
        QVERIFY2(after - before < 16 * 1024,
                 qPrintable(QStringLiteral("RSS grew from %1 to %2 kB").arg(before).arg(after)));
        QCOMPARE(TestHttp::get(s.url(QStringLiteral("/healthz"))).status, 200);
        QVERIFY(dropFiles(s).isEmpty());
    }

    void cutOffUpload()
    {
        TestServer &s = server();
        const int rows = shareRows(s);
        const QStringList files = dropFiles(s);
        const QByteArray body = requestsBody({}, "half.bin", randomBytes(2 << 20));
        for (const bool multipartBody : {true, false}) {
            QTcpSocket socket;
            socket.connectToHost(s.baseUrl().host(), quint16(s.baseUrl().port()));
            QVERIFY(socket.waitForConnected(5000));
            const QByteArray head =
                multipartBody
                    ? QByteArray("PUT /api/v1.0/file HTTP/1.1\r\nHost: x\r\nContent-Type: "
                                 "multipart/form-data; boundary=" +
                                 RequestsBoundary + "\r\nContent-Length: " +
                                 QByteArray::number(body.size()) + "\r\n\r\n")
                    : QByteArray(
                          "PUT /api/v1.0/file/half.bin HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                          QByteArray::number(body.size()) + "\r\n\r\n");
            socket.write(head + body.left(body.size() / 2));
            QVERIFY(socket.waitForBytesWritten(5000));
            socket.abort(); // the client dies half-way
        }
        // The server keeps serving, and nothing of the two uploads exists.
        QCOMPARE(TestHttp::get(s.url(QStringLiteral("/healthz"))).status, 200);
        QCOMPARE(upload(s, "after").status, 201);
        QCOMPARE(shareRows(s), rows + 1);
        QCOMPARE(dropFiles(s).size(), files.size() + 1);
    }

    void fullDisk()
    {
        if (::geteuid() != 0)
            QSKIP("mounting a tmpfs needs root");
        TestServer s;
        TestServer::Options options;
        options.backend = backend();
        QVERIFY2(s.start(options), qPrintable(s.errorString()));
        const QString dir = dropsDir(s);
        QVERIFY(QDir().mkpath(dir));
        if (QProcess::execute(QStringLiteral("mount"),
                              {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                               QStringLiteral("size=1m"), QStringLiteral("tmpfs"), dir}) != 0)
            QSKIP("cannot mount a tmpfs here");
        struct Unmount
        {
            QString dir;
            ~Unmount() { QProcess::execute(QStringLiteral("umount"), {QStringLiteral("-l"), dir}); }
        } unmount{dir};

        // larger than the file system: 507, no file, no row
        const HttpResult big = upload(s, randomBytes(2 << 20), "big.bin");
        QCOMPARE(big.status, 507);
        QCOMPARE(big.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("Insufficient Storage"));
        QCOMPARE(dropFiles(s), QStringList());
        QCOMPARE(shareRows(s), 0);
        const HttpResult rawBig =
            TestHttp::request("PUT", dropUrl(s, QStringLiteral("/big.bin")), randomBytes(2 << 20));
        QCOMPARE(rawBig.status, 507);
        QCOMPARE(dropFiles(s), QStringList());

        // a full file system: even a small upload gets 507, and the server keeps serving
        QFile filler(dir + QStringLiteral("/filler"));
        QVERIFY(filler.open(QIODevice::WriteOnly | QIODevice::Unbuffered));
        const QByteArray block(64 * 1024, 'f');
        while (filler.write(block) == block.size()) {
        }
        filler.close();
        QCOMPARE(upload(s, "small", "small.txt").status, 507);
        QCOMPARE(dropFiles(s), QStringList{QStringLiteral("filler")});
        QCOMPARE(TestHttp::get(s.url(QStringLiteral("/healthz"))).status, 200);

        // room again: uploads work
        QVERIFY(QFile::remove(filler.fileName()));
        const HttpResult ok = upload(s, "small", "small.txt");
        QCOMPARE(ok.status, 201);
        QCOMPARE(TestHttp::get(link(ok)).body, QByteArray("small"));
        QCOMPARE(shareRows(s), 1);
    }

    // ------------------------------------------------------------- browsers and previewers

    void browserPage()
    {
        TestServer &s = server();
        const HttpResult up =
            upload(s, "page content", "Tom & Jerry's <b>.txt", {{"password", "pw"}});
        QCOMPARE(up.status, 201);
        const QUrl url = link(up);
        const Headers browser{
            {"Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}};
        for (int i = 0; i < 3; ++i) {
            const HttpResult page = TestHttp::get(url, browser);
            QCOMPARE(page.status, 200);
            QVERIFY(page.header("Content-Type").startsWith("text/html"));
            QVERIFY(page.header("Content-Security-Policy").contains("default-src 'none'"));
            QVERIFY2(page.body.contains("Tom &amp; Jerry&#39;s _b_.txt"), page.body.constData());
            QVERIFY(page.body.contains("12 bytes"));
            QVERIFY(page.body.contains("type=\"password\""));
            QVERIFY(page.body.contains("name=\"download\" value=\"1\""));
            QVERIFY(!page.body.contains("page content"));
        }
        // link previewers that accept anything see the page too
        const HttpResult bot = TestHttp::get(
            url, {{"User-Agent", "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)"}});
        QCOMPARE(bot.status, 200);
        QVERIFY(bot.header("Content-Type").startsWith("text/html"));
        QCOMPARE(head(url, "X-Password: pw\r\n"), 200);

        // the Download button: a form POST to the link
        const Headers form{{"Content-Type", "application/x-www-form-urlencoded"}, browser.first()};
        const HttpResult wrong = TestHttp::request("POST", url, "download=1&password=nope", form);
        QCOMPARE(wrong.status, 401);
        QVERIFY(wrong.header("Content-Type").startsWith("text/html"));
        QVERIFY(wrong.body.contains("Wrong password."));
        const HttpResult got = TestHttp::request("POST", url, "download=1&password=pw", form);
        QCOMPARE(got.status, 200);
        QCOMPARE(got.body, QByteArray("page content"));
        QVERIFY(got.header("Content-Disposition").startsWith("attachment;"));
        const HttpResult gone = TestHttp::get(url, browser);
        QCOMPARE(gone.status, 410);
        QVERIFY(gone.header("Content-Type").startsWith("text/html"));

        // without a password, ?download=1 is the real download for a browser as well
        const QUrl open = link(upload(s, "open", "open.txt"));
        QUrl direct = open;
        direct.setQuery(QStringLiteral("download=1"));
        QCOMPARE(TestHttp::get(open, browser).status, 200);
        QCOMPARE(TestHttp::get(direct, browser).body, QByteArray("open"));
        QCOMPARE(TestHttp::get(open).status, 410);
    }

    // ----------------------------------------------------------------- passwords and delete

    // The Download button's POST, used by a program that asks for JSON: JSON errors, the page's
    // facts as JSON, and the file itself with download=1.
    void formAsJson()
    {
        TestServer &s = server();
        auto error = [](const HttpResult &r) {
            return r.json().value(QStringLiteral("error")).toString();
        };
        const QUrl url = link(upload(s, "form content", "f.txt", {{"password", "pw"}}));
        const Headers form{{"Content-Type", "application/x-www-form-urlencoded"},
                           {"Accept", "application/json"}};
        const HttpResult facts = TestHttp::request("POST", url, "password=pw", form);
        QCOMPARE(facts.status, 200);
        QVERIFY(facts.header("Content-Type").startsWith("application/json"));
        const QJsonObject info = facts.json();
        QCOMPARE(info.value(QStringLiteral("id")).toString(), idOf(url));
        QCOMPARE(info.value(QStringLiteral("filename")).toString(), QStringLiteral("f.txt"));
        QCOMPARE(info.value(QStringLiteral("size")).toInt(), 12);
        QCOMPARE(info.value(QStringLiteral("password_protected")).toBool(), true);
        QCOMPARE(info.value(QStringLiteral("downloads_left")).toInt(), 1);
        QVERIFY(!info.value(QStringLiteral("expires_at")).toString().isEmpty());

        const HttpResult wrong = TestHttp::request("POST", url, "download=1&password=nope", form);
        QCOMPARE(wrong.status, 401);
        QVERIFY(wrong.header("Content-Type").startsWith("application/json"));
        QCOMPARE(error(wrong), QStringLiteral("Unauthorized"));
        const HttpResult got = TestHttp::request("POST", url, "download=1&password=pw", form);
        QCOMPARE(got.status, 200);
        QCOMPARE(got.body, QByteArray("form content"));
        const HttpResult gone = TestHttp::request("POST", url, "download=1&password=pw", form);
        QCOMPARE(gone.status, 410);
        QCOMPARE(error(gone), QStringLiteral("Gone"));
        const HttpResult missing = TestHttp::request(
            "POST", dropUrl(s, QStringLiteral("/AAAAAAAAAAAAAAAAAAAAAA")), "download=1", form);
        QCOMPARE(missing.status, 404);
        QCOMPARE(error(missing), QStringLiteral("Not Found"));
        // without Accept, the form still answers the browser's page
        const QUrl other = link(upload(s, "other", "o.txt"));
        const HttpResult page = TestHttp::request(
            "POST", other, "", {{"Content-Type", "application/x-www-form-urlencoded"}});
        QCOMPARE(page.status, 200);
        QVERIFY(page.header("Content-Type").startsWith("text/html"));
    }

    void passwordsAndThrottle()
    {
        TestServer &s = server();
        const QUrl url = link(upload(s, "guarded", "g.txt", {{"password", "correct horse"}}));
        // wrong or missing passwords never burn the link, and neither does HEAD
        QCOMPARE(TestHttp::get(url, {{"X-Password", "wrong"}}).status, 401);
        QCOMPARE(TestHttp::get(url).status, 401);
        QCOMPARE(head(url), 401);
        QCOMPARE(head(url, "X-Password: correct horse\r\n"), 200);
        const HttpResult got = TestHttp::get(url, {{"X-Password", "correct horse"}});
        QCOMPARE(got.status, 200);
        QCOMPARE(got.body, QByteArray("guarded"));

        // the password in the query as requests' params encodes it ('+' for spaces), and UTF-8
        const QUrl spaced =
            link(upload(s, "spaced", "s.txt", {{"password", "p@ss w\xc3\xb6rd+1"}}));
        QUrl query = spaced;
        query.setQuery(QStringLiteral("password=p%40ss+w%C3%B6rd%2B1"));
        QCOMPARE(TestHttp::get(query).status, 200);
        const QUrl header =
            link(upload(s, "header", "h.txt", {{"password", "p@ss w\xc3\xb6rd+1"}}));
        QCOMPARE(TestHttp::get(header, {{"X-Password", "p@ss w\xc3\xb6rd+1"}}).status, 200);

        // the throttle (3 failures per link here): then 429, even for the right password
        const QUrl target = link(upload(s, "target", "t.txt", {{"password", "secret"}}));
        for (int i = 0; i < 3; ++i)
            QCOMPARE(TestHttp::get(target, {{"X-Password", "guess"}}).status, 401);
        const HttpResult blocked = TestHttp::get(target, {{"X-Password", "secret"}});
        QCOMPARE(blocked.status, 429);
        QVERIFY(blocked.header("Retry-After").toInt() > 0);
        QCOMPARE(blocked.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("Too Many Requests"));
        // per link: another link with the same password is not affected
        const QUrl other = link(upload(s, "other", "o.txt", {{"password", "secret"}}));
        QCOMPARE(TestHttp::get(other, {{"X-Password", "secret"}}).status, 200);
        // and the throttled one was not burnt
        const QString id = target.path().section(u'/', -1);
        QCOMPARE(sql(s, QStringLiteral("SELECT downloads, state FROM shares WHERE id = ?"), {id})
                     .value(0),
                 (Row{0, QStringLiteral("available")}));
        // stored with the KDF, never in plain text
        const QString stored =
            sql(s, QStringLiteral("SELECT password_hash FROM shares WHERE id = ?"), {id})
                .value(0)
                .value(0)
                .toString();
        QVERIFY2(stored.startsWith(QStringLiteral("pbkdf2-sha256$")), qPrintable(stored));
        QVERIFY(!stored.contains(QStringLiteral("secret")));
    }

    void deleteLink()
    {
        TestServer &s = server();
        const HttpResult up = upload(s, "delete me", "d.txt");
        const QUrl url = link(up);
        const QUrl deleteUrl(up.json().value(QStringLiteral("delete_url")).toString());
        QVERIFY(QUrlQuery(deleteUrl).hasQueryItem(QStringLiteral("delete_token")));
        const QString blob = blobOf(s, url);
        QVERIFY(stored(s, blob));
        QUrl wrong = url;
        wrong.setQuery(QStringLiteral("delete_token=") + QString(43, u'A'));
        QCOMPARE(TestHttp::request("DELETE", wrong).status, 403);
        QCOMPARE(TestHttp::request("DELETE", url).status, 403);
        QCOMPARE(head(url), 200); // still there
        const HttpResult deleted = TestHttp::request("DELETE", deleteUrl);
        QCOMPARE(deleted.status, 204); // docs/API.md: no body, like DELETE /api/v1/endpoints/{id}
        QVERIFY(deleted.body.isEmpty());
        QCOMPARE(TestHttp::get(url).status, 410);
        QCOMPARE(TestHttp::request("DELETE", deleteUrl).status, 410);
        QTRY_VERIFY_WITH_TIMEOUT(!stored(s, blob), 5000);
        // the token also works as a header
        const HttpResult second = upload(s, "again", "d.txt");
        const QString token =
            QUrlQuery(QUrl(second.json().value(QStringLiteral("delete_url")).toString()))
                .queryItemValue(QStringLiteral("delete_token"));
        QCOMPARE(
            TestHttp::request("DELETE", link(second), {}, {{"X-Delete-Token", token.toLatin1()}})
                .status,
            204);
    }

    // -------------------------------------------------------------------------- crashes

    void crashRecovery()
    {
        TestServer a;
        TestServer::Options options;
        options.backend = backend();
        options.extraArgs = serverArgs();
        QVERIFY2(a.start(options), qPrintable(a.errorString()));
        const QUrl claimed = link(upload(a, "claimed when the server died"));
        const QUrl kept = link(upload(a, "still here"));
        QCOMPARE(dropFiles(a).size(), 2);
        // A download that won its claim but never finished (the process died): fail closed.
        sql(a,
            QStringLiteral(
                "UPDATE shares SET state = 'claimed', downloads = 1, claimed_at = ? WHERE id = ?"),
            {QDateTime::currentSecsSinceEpoch() - 3600, claimed.path().section(u'/', -1)});
        // Files without rows: old and young ones under a final name (orphans whatever their age:
        // a name is given only after the row exists) and a temporary still being written.
        for (const QString &name : {QStringLiteral("oldorphan"), QStringLiteral("freshorphan"),
                                    QStringLiteral("fresh.Ab12Cd")}) {
            QFile f(dropsDir(a) + u'/' + name);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("orphan");
            f.flush(); // before the time is set: a later flush would set it to now
            if (name == u"oldorphan")
                QVERIFY(f.setFileTime(QDateTime::currentDateTime().addDays(-1),
                                      QFileDevice::FileModificationTime));
        }
        a.kill(); // SIGKILL: no clean shutdown

        TestServer b;
        QVERIFY2(b.startSharing(a, options), qPrintable(b.errorString()));
        QUrl claimedOnB = claimed;
        claimedOnB.setPort(b.baseUrl().port());
        QCOMPARE(TestHttp::get(claimedOnB).status, 410);
        QTRY_COMPARE_WITH_TIMEOUT(dropFiles(a).size(), 2, 5000); // `kept` and the temporary
        QVERIFY(dropFiles(a).contains(QStringLiteral("fresh.Ab12Cd")));
        QVERIFY(!dropFiles(a).contains(QStringLiteral("freshorphan")));
        QVERIFY(!dropFiles(a).contains(QStringLiteral("oldorphan")));
        QUrl keptOnB = kept;
        keptOnB.setPort(b.baseUrl().port());
        QCOMPARE(TestHttp::get(keptOnB).body, QByteArray("still here"));
    }
};

QTEST_GUILESS_MAIN(TestDrop)
#include "tst_drop.moc"
