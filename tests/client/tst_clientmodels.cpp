// The client's parsing and validation, without a server.

#include "api/AccountInfo.h"
#include "api/DumpReport.h"
#include "api/EndpointFields.h"
#include "api/FileDownload.h"
#include "api/Session.h"
#include "api/ShareInfo.h"
#include "api/UploadForm.h"
#include "ui/EndpointEditor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QtTest>

using namespace depot;

class TestClientModels : public QObject
{
    Q_OBJECT
private slots:
    void contentDispositionFileName_data();
    void contentDispositionFileName();
    void safeFileName_data();
    void safeFileName();
    void normalizeServerUrl_data();
    void normalizeServerUrl();
    void apiUrl();
    void authorizeAddsBearer();
    void quotedFileName_data();
    void quotedFileName();
    void accountFromJson();
    void tokenFromJson();
    void endpointRoundTrip();
    void endpointFormFields();
    void shareFromJson();
    void dumpReportFromJson();
};

void TestClientModels::contentDispositionFileName_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("expected");

    QTest::newRow("quoted") << QByteArray("attachment; filename=\"report.pdf\"")
                            << QStringLiteral("report.pdf");
    QTest::newRow("token") << QByteArray("attachment; filename=report.pdf")
                           << QStringLiteral("report.pdf");
    QTest::newRow("extended preferred")
        << QByteArray("attachment; filename=\"_.txt\"; filename*=UTF-8''%C3%BCber%20uns.txt")
        << QStringLiteral("über uns.txt");
    QTest::newRow("extended first")
        << QByteArray("attachment; filename*=utf-8''a%20b.txt; filename=\"x.txt\"")
        << QStringLiteral("a b.txt");
    QTest::newRow("escaped quote") << QByteArray("attachment; filename=\"say \\\"hi\\\".txt\"")
                                   << QStringLiteral("say \"hi\".txt");
    QTest::newRow("path stripped")
        << QByteArray("attachment; filename=\"../../etc/passwd\"") << QStringLiteral("passwd");
    QTest::newRow("backslash path") << QByteArray("attachment; filename*=UTF-8''..%5C..%5Cboot.ini")
                                    << QStringLiteral("boot.ini");
    QTest::newRow("latin1 extended")
        << QByteArray("attachment; filename*=ISO-8859-1''%E9t%E9.txt") << QStringLiteral("été.txt");
    QTest::newRow("none") << QByteArray("attachment") << QString();
    QTest::newRow("empty") << QByteArray() << QString();
    QTest::newRow("dot dot") << QByteArray("attachment; filename=\"..\"")
                             << QStringLiteral("download");
}

void TestClientModels::contentDispositionFileName()
{
    QFETCH(QByteArray, header);
    QFETCH(QString, expected);
    QCOMPARE(FileDownload::fileNameFromContentDisposition(header), expected);
}

void TestClientModels::safeFileName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << QStringLiteral("a.txt") << QStringLiteral("a.txt");
    QTest::newRow("url path") << QStringLiteral("/api/v1.0/file/abc") << QStringLiteral("abc");
    QTest::newRow("control chars") << QStringLiteral("a\r\nb.txt") << QStringLiteral("ab.txt");
    QTest::newRow("trailing slash") << QStringLiteral("dir/") << QStringLiteral("download");
    QTest::newRow("blank") << QStringLiteral("  ") << QStringLiteral("download");
}

void TestClientModels::safeFileName()
{
    QFETCH(QString, name);
    QFETCH(QString, expected);
    QCOMPARE(FileDownload::safeFileName(name), expected);
}

void TestClientModels::normalizeServerUrl_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QUrl>("expected");
    QTest::newRow("host and port")
        << QStringLiteral("localhost:8080") << QUrl(QStringLiteral("http://localhost:8080"));
    QTest::newRow("trailing slash") << QStringLiteral(" http://127.0.0.1:9000/ ")
                                    << QUrl(QStringLiteral("http://127.0.0.1:9000"));
    QTest::newRow("https with path") << QStringLiteral("https://example.org/depot/")
                                     << QUrl(QStringLiteral("https://example.org/depot"));
    QTest::newRow("query dropped")
        << QStringLiteral("http://h:1/?x=1#y") << QUrl(QStringLiteral("http://h:1"));
    QTest::newRow("ftp refused") << QStringLiteral("ftp://example.org") << QUrl();
    QTest::newRow("empty") << QString() << QUrl();
    QTest::newRow("no host") << QStringLiteral("http://") << QUrl();
}

void TestClientModels::normalizeServerUrl()
{
    QFETCH(QString, text);
    QFETCH(QUrl, expected);
    QCOMPARE(Session::normalizeServerUrl(text), expected);
}

void TestClientModels::apiUrl()
{
    Session session;
    session.setServerUrl(QUrl(QStringLiteral("https://example.org/depot")));
    QCOMPARE(session.apiUrl(QStringLiteral("/api/v1/me")),
             QUrl(QStringLiteral("https://example.org/depot/api/v1/me")));
    QCOMPARE(session.apiUrl(QStringLiteral("/api/v1/endpoints?limit=5")),
             QUrl(QStringLiteral("https://example.org/depot/api/v1/endpoints?limit=5")));
}

void TestClientModels::authorizeAddsBearer()
{
    Session session;
    QSignalSpy changed(&session, &Session::changed);
    QSignalSpy required(&session, &Session::authenticationRequired);
    QNetworkRequest anonymous;
    session.authorize(anonymous);
    QVERIFY(!anonymous.hasRawHeader("Authorization"));

    session.start(QUrl(QStringLiteral("http://h")), QStringLiteral("ann"), QStringLiteral("t0k"),
                  QDateTime());
    QNetworkRequest request;
    session.authorize(request);
    QCOMPARE(request.rawHeader("Authorization"), QByteArray("Bearer t0k"));
    QCOMPARE(changed.count(), 1);

    session.invalidate();
    session.invalidate(); // several failing calls ask for one login only
    QVERIFY(!session.isLoggedIn());
    QCOMPARE(required.count(), 1);
    QCOMPARE(session.username(), QStringLiteral("ann"));
}

void TestClientModels::quotedFileName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("plain") << QStringLiteral("a b.txt") << QByteArray("\"a b.txt\"");
    QTest::newRow("quote") << QStringLiteral("a\"b") << QByteArray("\"a\\\"b\"");
    QTest::newRow("crlf dropped") << QStringLiteral("a\r\nb") << QByteArray("\"ab\"");
    QTest::newRow("utf8") << QStringLiteral("ü") << QByteArray("\"\xc3\xbc\"");
}

void TestClientModels::quotedFileName()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, expected);
    QCOMPARE(UploadForm::quotedFileName(name), expected);
}

void TestClientModels::accountFromJson()
{
    const QJsonObject json = QJsonDocument::fromJson(R"({"username": "ann", "plan": "gold",
        "quota": {"limit": 100, "used": 3, "remaining": 97, "reset_at": "2030-01-01T10:00:00Z"}})")
                                 .object();
    const auto account = AccountInfo::fromJson(json);
    QVERIFY(account);
    QCOMPARE(account->username, QStringLiteral("ann"));
    QCOMPARE(account->plan, QStringLiteral("gold"));
    QCOMPARE(account->quota.limit, 100);
    QCOMPARE(account->quota.used, 3);
    QCOMPARE(account->quota.remaining, 97);
    QCOMPARE(account->quota.resetAt, QDateTime(QDate(2030, 1, 1), QTime(10, 0), Qt::UTC));
    QVERIFY(!AccountInfo::fromJson(QJsonObject()));
}

void TestClientModels::tokenFromJson()
{
    const auto iso = TokenInfo::fromJson(
        QJsonDocument::fromJson(
            R"({"token": "a.b.c", "token_type": "Bearer", "expires_at": "2030-01-01T00:20:00Z"})")
            .object());
    QVERIFY(iso);
    QCOMPARE(iso->token, QStringLiteral("a.b.c"));
    QVERIFY(iso->expiresAt.isValid());
    const auto epoch = TokenInfo::fromJson(
        QJsonDocument::fromJson(R"({"token": "x", "expires_at": 1893456000})").object());
    QVERIFY(epoch);
    QCOMPARE(epoch->expiresAt.toSecsSinceEpoch(), 1893456000);
    QVERIFY(!TokenInfo::fromJson(QJsonObject()));
}

void TestClientModels::endpointRoundTrip()
{
    Endpoint endpoint;
    endpoint.identifier = QStringLiteral("api/users");
    endpoint.method = QStringLiteral("POST");
    endpoint.response = QJsonArray{1, 2};
    endpoint.body = QJsonObject{{QStringLiteral("q"), 1}};
    endpoint.headers = QJsonObject{{QStringLiteral("X-A"), QStringLiteral("b")}};
    endpoint.statusCode = 201;
    endpoint.latency = 250;

    // What the client sends: only writable fields, no expiry when none was chosen, and nothing
    // the server's rules reject.
    const QJsonObject sent = EndpointFields::toJson(endpoint);
    QVERIFY(!sent.contains(QStringLiteral("expires_at")));
    QVERIFY(!sent.contains(QStringLiteral("id")));
    QVERIFY(!sent.contains(QStringLiteral("url")));
    Endpoint applied;
    QJsonObject problems;
    applied.applyFields(sent, Endpoint::Rules(), &problems);
    QCOMPARE(problems, QJsonObject());
    QCOMPARE(applied.identifier, endpoint.identifier);
    QCOMPARE(applied.method, endpoint.method);
    QCOMPARE(applied.response, endpoint.response);
    QCOMPARE(applied.body, endpoint.body);
    QCOMPARE(applied.headers, endpoint.headers);
    QCOMPARE(applied.statusCode, 201);
    QCOMPARE(applied.latency, 250);

    // What the server answers is read back with the shared Endpoint::fromJson().
    endpoint.id = 7;
    endpoint.url = QStringLiteral("http://h/u/ann/api/users");
    endpoint.expiresAt = QDateTime(QDate(2030, 1, 31), QTime(12, 0), Qt::UTC);
    const auto parsed = Endpoint::fromJson(endpoint.toJson());
    QVERIFY(parsed);
    QCOMPARE(parsed->id, 7);
    QCOMPARE(parsed->identifier, endpoint.identifier);
    QCOMPARE(parsed->method, endpoint.method);
    QCOMPARE(parsed->response, endpoint.response);
    QCOMPARE(parsed->body, endpoint.body);
    QCOMPARE(parsed->headers, endpoint.headers);
    QCOMPARE(parsed->statusCode, 201);
    QCOMPARE(parsed->latency, 250);
    QCOMPARE(parsed->expiresAt, endpoint.expiresAt);
    QCOMPARE(parsed->url, QStringLiteral("http://h/u/ann/api/users"));
    QCOMPARE(EndpointFields::toJson(*parsed).value(QStringLiteral("expires_at")).toString(),
             QStringLiteral("2030-01-31T12:00:00Z"));

    QString error;
    QVERIFY(!Endpoint::fromJson(QJsonObject{{QStringLiteral("identifier"), QStringLiteral("x")}},
                                &error));
    QVERIFY(!error.isEmpty());
}

void TestClientModels::endpointFormFields()
{
    Endpoint endpoint;
    endpoint.identifier = QStringLiteral("files/report");
    endpoint.kind = Endpoint::Kind::File;
    endpoint.headers = QJsonObject{{QStringLiteral("X-A"), QStringLiteral("b")}};
    const auto fields = EndpointFields::toFormFields(endpoint);
    QHash<QString, QString> byName;
    QList<QPair<QByteArray, QByteArray>> raw;
    for (const auto &field : fields) {
        byName.insert(field.first, field.second);
        raw.append({field.first.toUtf8(), field.second.toUtf8()});
    }
    QCOMPARE(byName.value(QStringLiteral("kind")), QStringLiteral("file"));
    QCOMPARE(byName.value(QStringLiteral("status_code")), QStringLiteral("200"));
    QCOMPARE(byName.value(QStringLiteral("headers")), QStringLiteral("{\"X-A\":\"b\"}"));
    QVERIFY(!byName.contains(QStringLiteral("response"))); // the file is the content

    // The server reads them back (Endpoint::fieldsFromText) into the same endpoint.
    QJsonObject problems;
    const QJsonObject input = Endpoint::fieldsFromText(raw, &problems);
    Endpoint applied;
    applied.applyFields(input, Endpoint::Rules(), &problems);
    applied.checkConsistency(&problems);
    QCOMPARE(problems, QJsonObject());
    QCOMPARE(applied.kind, Endpoint::Kind::File);
    QCOMPARE(applied.identifier, endpoint.identifier);
    QCOMPARE(applied.headers, endpoint.headers);
    QCOMPARE(applied.statusCode, 200);
}

void TestClientModels::shareFromJson()
{
    const auto share = ShareInfo::fromJson(
        QJsonDocument::fromJson(
            R"({"status": "File Uploaded Successfully", "url": "http://h/api/v1.0/file/abc",
            "expires_at": "2030-01-01T00:00:00Z", "delete_url": "http://h/api/v1.0/file/abc?d=1"})")
            .object());
    QVERIFY(share);
    QCOMPARE(share->url, QUrl(QStringLiteral("http://h/api/v1.0/file/abc")));
    QVERIFY(share->expiresAt.isValid());
    QVERIFY(!ShareInfo::fromJson(QJsonObject{{QStringLiteral("url"), QStringLiteral("/rel")}}));
}

void TestClientModels::dumpReportFromJson()
{
    const auto report = DumpReport::fromJson(QJsonDocument::fromJson(R"({
        "requestId": 41, "dataformat": "json", "items": [
          {"itemId": 1, "name": "Lamp", "processStatus": "PARTIAL", "images": [
            {"imageId": 1, "url": "http://a/1.png", "status": "SUCCESS"},
            {"imageId": 2, "url": "http://a/2.png", "status": "FAILURE", "httpCode": 404},
            {"imageId": 3, "url": "http://10.0.0.1/3.png", "status": "FAILURE", "error": "blocked"}
          ]}]})")
                                                 .object());
    QVERIFY(report);
    QVERIFY(report->hasItems);
    QCOMPARE(report->requestId, QStringLiteral("41"));
    QCOMPARE(report->dataFormat, QStringLiteral("json"));
    QCOMPARE(report->result.items.size(), 1);
    const DumpItem &item = report->result.items.first();
    QCOMPARE(item.itemId, 1);
    QCOMPARE(item.processStatus(), DumpStatus::Partial);
    QCOMPARE(item.images.size(), 3);
    QCOMPARE(item.images.at(1).httpCode, 404);
    QCOMPARE(item.images.at(2).error, QStringLiteral("blocked"));

    // A history entry may be a summary without items.
    const auto summary = DumpReport::fromJson(
        QJsonDocument::fromJson(R"({"requestId": 42, "dataformat": "xml", "status": "SUCCESS"})")
            .object());
    QVERIFY(summary);
    QVERIFY(!summary->hasItems);
    QCOMPARE(summary->requestId, QStringLiteral("42"));
    QCOMPARE(summary->dataFormat, QStringLiteral("xml"));
    QVERIFY(!DumpReport::fromJson(QJsonObject()));
}

QTEST_GUILESS_MAIN(TestClientModels)
#include "tst_clientmodels.moc"
