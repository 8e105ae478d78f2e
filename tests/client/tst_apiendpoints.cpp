// ApiClient's hosted-endpoint calls against a real server, checked through the public URLs.

#include "ClientTestSupport.h"

#include <QtTest>

using namespace depot;
using namespace depot::clienttest;
using depot::test::HttpResult;
using depot::test::TestHttp;
using depot::test::TestServer;

class TestApiEndpoints : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void createListFetchDelete();
    void createFileEndpointAndReplaceContent();
    void updateAndPatch();
    void invalidFieldsNamed();
    void otherUsersEndpointIsNotFound();

private:
    QString writeFile(const QString &name, const QByteArray &content);

    QTemporaryDir m_files;
    TestServer m_server;
    Session m_session;
    ApiClient m_client{&m_session};
};

void TestApiEndpoints::initTestCase()
{
    QVERIFY(m_files.isValid());
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    QCOMPARE(signUpAndLogIn(m_client, m_server.baseUrl(), uniqueUsername()), QString());
}

QString TestApiEndpoints::writeFile(const QString &name, const QByteArray &content)
{
    QFile file(m_files.filePath(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        return QString();
    return file.fileName();
}

void TestApiEndpoints::createListFetchDelete()
{
    Endpoint endpoint;
    endpoint.identifier = QStringLiteral("api/users");
    endpoint.method = QStringLiteral("GET");
    endpoint.statusCode = 201;
    endpoint.headers = QJsonObject{{QStringLiteral("X-Mock"), QStringLiteral("yes")}};
    endpoint.response = QJsonObject{{QStringLiteral("users"), QJsonArray{QStringLiteral("ann")}}};
    const auto created = await<Endpoint>([&](QObject *context, auto done) {
        m_client.createEndpoint(endpoint, QString(), context, done);
    });
    QVERIFY(created);
    QVERIFY2(created->ok(), qPrintable(created->error().message()));
    const Endpoint saved = created->value();
    QVERIFY(saved.id > 0);
    QCOMPARE(saved.identifier, endpoint.identifier);
    QVERIFY(saved.url.endsWith(QStringLiteral("/u/") + m_session.username() +
                               QStringLiteral("/api/users")));
    QVERIFY(saved.expiresAt.isValid()); // the server's default expiry

    const auto listed = await<QList<Endpoint>>(
        [&](QObject *context, auto done) { m_client.listEndpoints(context, done); });
    QVERIFY(listed && listed->ok());
    QVERIFY(std::any_of(listed->value().cbegin(), listed->value().cend(),
                        [&](const Endpoint &e) { return e.id == saved.id; }));

    const HttpResult hit = TestHttp::get(QUrl(saved.url));
    QCOMPARE(hit.status, 201);
    QCOMPARE(hit.header("X-Mock"), QByteArray("yes"));
    QCOMPARE(QJsonDocument::fromJson(hit.body).object(), endpoint.response.toObject());

    const auto fetched = await<Endpoint>(
        [&](QObject *context, auto done) { m_client.fetchEndpoint(saved.id, context, done); });
    QVERIFY(fetched && fetched->ok());
    QCOMPARE(fetched->value().headers, endpoint.headers);

    const auto deleted = await<bool>(
        [&](QObject *context, auto done) { m_client.deleteEndpoint(saved.id, context, done); });
    QVERIFY(deleted);
    QVERIFY2(deleted->ok(), qPrintable(deleted->error().message()));
    const int afterDelete = TestHttp::get(QUrl(saved.url)).status;
    QVERIFY2(afterDelete == 404 || afterDelete == 410, qPrintable(QString::number(afterDelete)));
    const auto again = await<bool>(
        [&](QObject *context, auto done) { m_client.deleteEndpoint(saved.id, context, done); });
    QCOMPARE(again->error().status(), 404);
}

void TestApiEndpoints::createFileEndpointAndReplaceContent()
{
    const QByteArray first("%PDF-1.4 not really a pdf\n");
    const QString path = writeFile(QStringLiteral("first.pdf"), first);
    Endpoint endpoint;
    endpoint.identifier = QStringLiteral("files/report.pdf");
    endpoint.kind = Endpoint::Kind::File;
    const auto created = await<Endpoint>([&](QObject *context, auto done) {
        m_client.createEndpoint(endpoint, path, context, done);
    });
    QVERIFY(created);
    QVERIFY2(created->ok(), qPrintable(created->error().message()));
    QCOMPARE(Endpoint::kindName(created->value().kind), QStringLiteral("file"));
    QCOMPARE(created->value().fileName, QStringLiteral("first.pdf"));
    HttpResult hit = TestHttp::get(QUrl(created->value().url));
    QCOMPARE(hit.status, 200);
    QCOMPARE(hit.body, first);

    const QByteArray second("second content, longer than the first one\n");
    const QString secondPath = writeFile(QStringLiteral("second.txt"), second);
    const auto replaced = await<Endpoint>([&](QObject *context, auto done) {
        m_client.replaceEndpointContent(created->value().id, secondPath, context, done);
    });
    QVERIFY(replaced);
    QVERIFY2(replaced->ok(), qPrintable(replaced->error().message()));
    hit = TestHttp::get(QUrl(created->value().url));
    QCOMPARE(hit.status, 200);
    QCOMPARE(hit.body, second);
}

void TestApiEndpoints::updateAndPatch()
{
    Endpoint endpoint;
    endpoint.identifier = QStringLiteral("orders");
    endpoint.method = QStringLiteral("POST");
    endpoint.response = QJsonArray{1, 2, 3};
    const auto created = await<Endpoint>([&](QObject *context, auto done) {
        m_client.createEndpoint(endpoint, QString(), context, done);
    });
    QVERIFY(created && created->ok());

    Endpoint changed = created->value();
    changed.statusCode = 202;
    changed.response = QJsonObject{{QStringLiteral("accepted"), true}};
    const auto updated = await<Endpoint>([&](QObject *context, auto done) {
        m_client.updateEndpoint(changed.id, changed, context, done);
    });
    QVERIFY(updated);
    QVERIFY2(updated->ok(), qPrintable(updated->error().message()));
    QCOMPARE(updated->value().statusCode, 202);
    HttpResult hit = TestHttp::request("POST", QUrl(changed.url));
    QCOMPARE(hit.status, 202);
    QCOMPARE(QJsonDocument::fromJson(hit.body).object(), changed.response.toObject());

    const auto patched = await<Endpoint>([&](QObject *context, auto done) {
        m_client.patchEndpoint(changed.id, QJsonObject{{QStringLiteral("status_code"), 418}},
                               context, done);
    });
    QVERIFY(patched && patched->ok());
    QCOMPARE(TestHttp::request("POST", QUrl(changed.url)).status, 418);
}

void TestApiEndpoints::invalidFieldsNamed()
{
    Endpoint endpoint;
    endpoint.identifier = QStringLiteral("../escape");
    endpoint.latency = -5;
    endpoint.response = QJsonObject();
    const auto created = await<Endpoint>([&](QObject *context, auto done) {
        m_client.createEndpoint(endpoint, QString(), context, done);
    });
    QVERIFY(created);
    QCOMPARE(created->error().status(), 422);
    QVERIFY(created->error().fields().contains(QStringLiteral("identifier")));
    QVERIFY(created->error().fields().contains(QStringLiteral("latency")));
    QVERIFY(created->error().technicalDetail().contains(QStringLiteral("identifier")));
}

void TestApiEndpoints::otherUsersEndpointIsNotFound()
{
    Endpoint endpoint;
    endpoint.identifier = QStringLiteral("private");
    endpoint.response = QJsonObject();
    const auto created = await<Endpoint>([&](QObject *context, auto done) {
        m_client.createEndpoint(endpoint, QString(), context, done);
    });
    QVERIFY(created && created->ok());

    Session otherSession;
    ApiClient other(&otherSession);
    QCOMPARE(signUpAndLogIn(other, m_server.baseUrl(), uniqueUsername()), QString());
    const auto stolen = await<bool>([&](QObject *context, auto done) {
        other.deleteEndpoint(created->value().id, context, done);
    });
    QCOMPARE(stolen->error().status(), 404);
    QCOMPARE(TestHttp::get(QUrl(created->value().url)).status, 200);
}

QTEST_GUILESS_MAIN(TestApiEndpoints)
#include "tst_apiendpoints.moc"
