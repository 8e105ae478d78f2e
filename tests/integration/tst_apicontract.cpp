// docs/openapi.yaml against the server: the route table and the document describe the same
// routes; the document is sound (references resolve, examples match their schemas); the server
// serves it; and one condition gets one status and one error shape on every route of the table
// (every answer is also checked against the document by TestHttp, see OpenApi).

#include "OpenApi.h"
#include "TestServer.h"

#include "app/Routes.h"
#include "config/ServerConfig.h"
#include "endpoints/scripts/SandboxStatus.h"
#include "http/Router.h"
#include "store/Database.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

using namespace depot;
using namespace depot::test;

namespace {

// The server's route table, built the way a worker builds it (nothing is opened or served).
QList<QPair<QByteArray, QString>> routeTable()
{
    static const QList<QPair<QByteArray, QString>> table = [] {
        QTemporaryDir dir;
        ServerConfig config;
        config.dataDir = dir.path();
        Database::Settings settings;
        settings.sqliteFile = dir.filePath(QStringLiteral("unused.sqlite"));
        Database db(settings, QStringLiteral("tst_apicontract"));
        QObject thread;
        QNetworkAccessManager network;
        const QByteArray serverKey("unused");
        SandboxStatus sandbox(config.scripts);
        Routes routes(WorkerContext{config, db, &thread, &network, 0, serverKey, &sandbox});
        Router router(nullptr);
        routes.install(router);
        return router.routes();
    }();
    return table;
}

QSet<QString> normalized(const QList<QPair<QByteArray, QString>> &operations)
{
    QSet<QString> set;
    for (const auto &[method, pattern] : operations)
        set.insert(QString::fromLatin1(method) + u' ' + normalizedPattern(pattern));
    return set;
}

// A concrete path for a pattern: every parameter becomes `value`.
QString concrete(const QString &pattern, const QString &value)
{
    QStringList out;
    for (const QString &segment : pattern.split(u'/'))
        out.append(segment.startsWith(u'{') ? value : segment);
    return out.join(u'/');
}

// Every object with an "example" next to a "schema" (media types) or inside a schema.
void collectExamples(const QJsonValue &node, const QString &where,
                     QList<std::tuple<QString, QJsonValue, QJsonValue>> *out)
{
    if (node.isArray()) {
        const QJsonArray array = node.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            collectExamples(array.at(i), where + QStringLiteral("[%1]").arg(i), out);
        return;
    }
    if (!node.isObject())
        return;
    const QJsonObject object = node.toObject();
    if (object.contains(QLatin1String("example"))) {
        if (object.contains(QLatin1String("schema")))
            out->append({where, object.value(QLatin1String("example")),
                         object.value(QLatin1String("schema"))});
        else if (object.contains(QLatin1String("type")) ||
                 object.contains(QLatin1String("properties")))
            out->append({where, object.value(QLatin1String("example")), object});
    }
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() != u"example")
            collectExamples(it.value(), where + u'/' + it.key(), out);
    }
}

void collectRefs(const QJsonValue &node, QStringList *out)
{
    if (node.isArray()) {
        for (const QJsonValue &v : node.toArray())
            collectRefs(v, out);
    } else if (node.isObject()) {
        const QJsonObject object = node.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.key() == u"$ref")
                out->append(it.value().toString());
            else
                collectRefs(it.value(), out);
        }
    }
}

} // namespace

class tst_ApiContract : public QObject
{
    Q_OBJECT

    TestServer m_server;
    QString m_token;

    const OpenApi &api()
    {
        QString error;
        const OpenApi *api = OpenApi::shared(&error);
        if (!api)
            qFatal("%s", qPrintable(error));
        return *api;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        m_token = m_server.signUpAndLogin(QStringLiteral("contract"));
        QVERIFY(!m_token.isEmpty());
    }
    void cleanupTestCase() { m_server.stop(); }

    // A route in the table and not in the document, or the other way round, fails.
    void routesAndDocumentAgree()
    {
        const QSet<QString> routes = normalized(routeTable());
        const QSet<QString> documented = normalized(api().operations());
        QVERIFY(routes.size() > 20);
        QStringList undocumented = (routes - documented).values();
        QStringList unrouted = (documented - routes).values();
        undocumented.sort();
        unrouted.sort();
        QVERIFY2(undocumented.isEmpty(),
                 qPrintable(QStringLiteral("routes missing from docs/openapi.yaml: ") +
                            undocumented.join(QStringLiteral(", "))));
        QVERIFY2(unrouted.isEmpty(),
                 qPrintable(QStringLiteral("docs/openapi.yaml describes routes the server does "
                                           "not have: ") +
                            unrouted.join(QStringLiteral(", "))));
    }

    void documentIsSound()
    {
        const QJsonObject doc = api().document();
        QCOMPARE(doc.value(QStringLiteral("openapi")).toString(), QStringLiteral("3.1.0"));
        QStringList refs;
        collectRefs(doc, &refs);
        QVERIFY(refs.size() > 50);
        for (const QString &ref : refs) {
            QVERIFY2(api()
                         .validate(QJsonValue(), QJsonObject{{QStringLiteral("$ref"), ref}})
                         .filter(QStringLiteral("leads nowhere"))
                         .isEmpty(),
                     qPrintable(ref));
        }
        QList<std::tuple<QString, QJsonValue, QJsonValue>> examples;
        collectExamples(doc, QString(), &examples);
        QVERIFY(examples.size() > 10);
        for (const auto &[where, example, schema] : examples) {
            if (schema.toObject().value(QStringLiteral("type")).toString() == u"string")
                continue; // XML and text examples
            const QStringList problems = api().validate(example, schema);
            QVERIFY2(problems.isEmpty(),
                     qPrintable(where + QStringLiteral(": ") + problems.join(u'\n')));
        }
        // Every operation names its answers.
        for (const auto &[method, pattern] : api().operations())
            QVERIFY2(!pattern.isEmpty(), method.constData());
    }

    // The validator itself: a wrong answer is caught.
    void validatorCatchesDrift_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("schema");
        QTest::addColumn<QString>("problem");
        QTest::newRow("ok") << QByteArray(R"({"error":"Gone","detail":"x"})")
                            << QStringLiteral("Error") << QString();
        QTest::newRow("missing detail")
            << QByteArray(R"({"error":"Gone"})") << QStringLiteral("Error")
            << QStringLiteral("\"detail\" is missing");
        QTest::newRow("undocumented member")
            << QByteArray(R"({"error":"Gone","detail":"x","hint":1})") << QStringLiteral("Error")
            << QStringLiteral("$.hint: not in the documented schema");
        QTest::newRow("requestId as a string")
            << QByteArray(R"({"requestId":"7","dataformat":"json","status":"SUCCESS","items":[]})")
            << QStringLiteral("DumpResult") << QStringLiteral("$.requestId");
        QTest::newRow("bad enum")
            << QByteArray(R"({"requestId":7,"dataformat":"csv","status":"SUCCESS","items":[]})")
            << QStringLiteral("DumpResult") << QStringLiteral("is not one of");
        QTest::newRow("nested") << QByteArray(R"({"requestId":7,"dataformat":"json","status":)"
                                              R"("SUCCESS","items":[{"itemId":1.5,"name":"n",)"
                                              R"("processStatus":"SUCCESS","images":[]}]})")
                                << QStringLiteral("DumpResult")
                                << QStringLiteral("$.items[0].itemId");
        QTest::newRow("null where a string")
            << QByteArray(R"({"username":null,"plan":"gold"})") << QStringLiteral("User")
            << QStringLiteral("$.username");
    }
    void validatorCatchesDrift()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, schema);
        QFETCH(QString, problem);
        const QStringList problems = api().validate(
            QJsonDocument::fromJson(json).object(),
            QJsonObject{{QStringLiteral("$ref"),
                         QString(QStringLiteral("#/components/schemas/") + schema)}});
        if (problem.isEmpty())
            QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        else
            QVERIFY2(problems.join(u'\n').contains(problem), qPrintable(problems.join(u'\n')));
        // and check() catches an undocumented status of a documented operation
        QVERIFY(!api()
                     .check("GET", m_server.url(QStringLiteral("/api/v1/me")), 202,
                            "application/json", R"({"username":"a","plan":"gold"})")
                     .isEmpty());
        QVERIFY(!api()
                     .check("GET", m_server.url(QStringLiteral("/api/v1/nothing-here")), 200,
                            "application/json", "{}")
                     .isEmpty());
    }

    void servedByTheServer()
    {
        const HttpResult r = TestHttp::get(m_server.url(QStringLiteral("/api/openapi.yaml")));
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("Content-Type").startsWith("application/yaml"));
        QFile file(QStringLiteral(DEPOT_SOURCE_DIR "/docs/openapi.yaml"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(r.body, file.readAll());
    }

    // No token on any authenticated route of the table: 401, the Error shape, a challenge.
    void everyUserRouteWantsAToken()
    {
        int checked = 0;
        for (const auto &[method, pattern] : routeTable()) {
            const QString path = concrete(pattern, QStringLiteral("1"));
            if (pattern.startsWith(u"/u/") || pattern.startsWith(u"/api/v1.0/") ||
                !pattern.startsWith(u"/api/v1/") || pattern == u"/api/v1/users" ||
                pattern == u"/api/v1/auth/token" ||
                pattern == u"/api/v1/drop/limits") // public: the anonymous drop page reads it
                continue;
            const HttpResult r = TestHttp::request(method, m_server.url(path), "{}",
                                                   {{"Content-Type", "application/json"}});
            QVERIFY2(r.status == 401, qPrintable(QString::fromLatin1(method) + u' ' + path));
            QCOMPARE(r.header("WWW-Authenticate"), QByteArray("Bearer realm=\"depot\""));
            QCOMPARE(r.json().value(QStringLiteral("error")).toString(),
                     QStringLiteral("Unauthorized"));
            ++checked;
        }
        QVERIFY(checked >= 10);
    }

    // An id that is not the caller's (or not an id at all): 404 on every route with one.
    void unknownIdsAre404()
    {
        int checked = 0;
        for (const auto &[method, pattern] : routeTable()) {
            if (!pattern.contains(u'{') || pattern.startsWith(u"/u/") ||
                (method == "PUT" && pattern.startsWith(u"/api/v1.0/")))
                continue;
            for (const QString &id : {QStringLiteral("999999"), QStringLiteral("not-an-id")}) {
                const QString path = concrete(pattern, id);
                const HttpResult r = TestHttp::request(
                    method, m_server.url(path), method == "POST" ? QByteArray("download=1") : "{}",
                    {{"Authorization", "Bearer " + m_token.toLatin1()},
                     {"Content-Type",
                      method == "POST" ? "application/x-www-form-urlencoded" : "application/json"},
                     {"Accept", "application/json"}});
                QVERIFY2(r.status == 404,
                         qPrintable(QString::fromLatin1(method) + u' ' + path +
                                    QStringLiteral(" → ") + QString::number(r.status)));
                QVERIFY(!r.json().value(QStringLiteral("detail")).toString().isEmpty());
                ++checked;
            }
        }
        QVERIFY(checked >= 10);
    }

    // A body of a type the route does not take is 415, one that does not parse is 400.
    void bodyTypesAndSyntax_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::newRow("sign up") << QByteArray("POST") << QStringLiteral("/api/v1/users");
        QTest::newRow("log in") << QByteArray("POST") << QStringLiteral("/api/v1/auth/token");
        QTest::newRow("create endpoint")
            << QByteArray("POST") << QStringLiteral("/api/v1/endpoints");
        QTest::newRow("dump") << QByteArray("POST") << QStringLiteral("/api/v1/dumps");
    }
    void bodyTypesAndSyntax()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        const QByteArray auth = "Bearer " + m_token.toLatin1();
        const HttpResult wrongType =
            TestHttp::request(method, m_server.url(path), "{}",
                              {{"Authorization", auth}, {"Content-Type", "text/plain"}});
        QCOMPARE(wrongType.status, 415);
        const HttpResult broken = TestHttp::request(
            method, m_server.url(path),
            "{\"a\":", {{"Authorization", auth}, {"Content-Type", "application/json"}});
        QCOMPARE(broken.status, 400);
        QCOMPARE(broken.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("Bad Request"));
    }
};

QTEST_GUILESS_MAIN(tst_ApiContract)
#include "tst_apicontract.moc"
