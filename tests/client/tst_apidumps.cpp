// ApiClient's image dumps against a real server fetching from a local image server.

#include "ClientTestSupport.h"
#include "ImageServer.h"

#include <QtTest>

using namespace depot;
using namespace depot::clienttest;
using depot::test::TestServer;

class TestApiDumps : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void sendReportsEveryImage_data();
    void sendReportsEveryImage();
    void historyListsRequests();
    void malformedBatchRefused();

private:
    QString writeFile(const QString &name, const QByteArray &content);
    QByteArray jsonBatch() const;
    QByteArray xmlBatch() const;

    QTemporaryDir m_files;
    ImageServer m_images;
    TestServer m_server;
    Session m_session;
    ApiClient m_client{&m_session};
    QStringList m_sentIds;
};

void TestApiDumps::initTestCase()
{
    QVERIFY(m_files.isValid());
    QVERIFY(m_images.start());
    TestServer::Options options;
    options.extraArgs << QStringLiteral("--fetch-allow") << QStringLiteral("127.0.0.0/8");
    QVERIFY2(m_server.start(options), qPrintable(m_server.errorString()));
    QCOMPARE(signUpAndLogIn(m_client, m_server.baseUrl(), uniqueUsername()), QString());
}

QString TestApiDumps::writeFile(const QString &name, const QByteArray &content)
{
    QFile file(m_files.filePath(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        return QString();
    return file.fileName();
}

QByteArray TestApiDumps::jsonBatch() const
{
    auto item = [this](const QString &name, const QStringList &paths) {
        QJsonArray images;
        for (const QString &path : paths)
            images.append(m_images.url(path).toString());
        return QJsonObject{{QStringLiteral("name"), name},
                           {QStringLiteral("manufacturer"), QStringLiteral("Acme")},
                           {QStringLiteral("brand"), QStringLiteral("Acme Home")},
                           {QStringLiteral("category"), QStringLiteral("Lighting")},
                           {QStringLiteral("images"), images}};
    };
    const QJsonArray items{
        item(QStringLiteral("Lamp"), {QStringLiteral("/png/1"), QStringLiteral("/jpeg/2")}),
        item(QStringLiteral("Chair"), {QStringLiteral("/png/3"), QStringLiteral("/status/404")}),
        item(QStringLiteral("Table"), {QStringLiteral("/html")})};
    return QJsonDocument(QJsonObject{{QStringLiteral("items"), items}}).toJson();
}

QByteArray TestApiDumps::xmlBatch() const
{
    QByteArray xml = "<items>";
    const QList<QPair<QByteArray, QStringList>> items{
        {"Lamp", {QStringLiteral("/png/1"), QStringLiteral("/jpeg/2")}},
        {"Chair", {QStringLiteral("/png/3"), QStringLiteral("/status/404")}},
        {"Table", {QStringLiteral("/html")}}};
    for (const auto &item : items) {
        xml += "<item><name>" + item.first +
               "</name><manufacturer>Acme</manufacturer>"
               "<brand>Acme Home</brand><category>Lighting</category><images>";
        for (const QString &path : item.second)
            xml += "<url>" + m_images.url(path).toEncoded().replace("&", "&amp;") + "</url>";
        xml += "</images></item>";
    }
    return xml + "</items>";
}

void TestApiDumps::sendReportsEveryImage_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::newRow("json") << QStringLiteral("batch.json");
    QTest::newRow("xml") << QStringLiteral("batch.xml");
}

void TestApiDumps::sendReportsEveryImage()
{
    QFETCH(QString, fileName);
    const QString path =
        writeFile(fileName, fileName.endsWith(QLatin1String(".xml")) ? xmlBatch() : jsonBatch());
    const auto sent = await<DumpReport>(
        [&](QObject *context, auto done) { m_client.sendDump(path, context, done); }, 60000);
    QVERIFY(sent);
    QVERIFY2(sent->ok(), qPrintable(sent->error().message()));
    const DumpReport &report = sent->value();
    m_sentIds << report.requestId;
    QCOMPARE(report.dataFormat, fileName.section(QLatin1Char('.'), -1));
    const QList<DumpItem> &items = report.result.items;
    QCOMPARE(items.size(), 3);
    QCOMPARE(items.at(0).name, QStringLiteral("Lamp"));
    QCOMPARE(items.at(0).processStatus(), DumpStatus::Success);
    QCOMPARE(items.at(0).images.size(), 2);
    QCOMPARE(items.at(1).images.at(1).status, DumpStatus::Failure);
    QCOMPARE(items.at(1).images.at(1).httpCode, 404);
    QVERIFY(items.at(1).processStatus() != DumpStatus::Success);
    QCOMPARE(items.at(2).processStatus(), DumpStatus::Failure);
    QVERIFY(!items.at(2).images.at(0).error.isEmpty()); // not an image
    QCOMPARE(report.rateLimit, 25);
    QCOMPARE(report.rateRemaining, 25 - int(m_sentIds.size()));

    const auto account = await<AccountInfo>(
        [&](QObject *context, auto done) { m_client.fetchAccount(context, done); });
    QVERIFY(account && account->ok());
    QCOMPARE(account->value().quota.used, int(m_sentIds.size()));
    QVERIFY(account->value().quota.resetAt.isValid());
}

void TestApiDumps::historyListsRequests()
{
    const auto listed = await<QList<DumpReport>>(
        [&](QObject *context, auto done) { m_client.listDumps(context, done); });
    QVERIFY(listed);
    QVERIFY2(listed->ok(), qPrintable(listed->error().message()));
    QStringList ids;
    for (const DumpReport &report : listed->value())
        ids << report.requestId;
    for (const QString &id : std::as_const(m_sentIds))
        QVERIFY2(ids.contains(id), qPrintable(id));

    const auto fetched = await<DumpReport>(
        [&](QObject *context, auto done) { m_client.fetchDump(m_sentIds.first(), context, done); });
    QVERIFY(fetched && fetched->ok());
    QCOMPARE(fetched->value().result.items.size(), 3);
}

void TestApiDumps::malformedBatchRefused()
{
    const QString path = writeFile(QStringLiteral("broken.json"), QByteArray("{\"items\": [{]"));
    const auto sent = await<DumpReport>(
        [&](QObject *context, auto done) { m_client.sendDump(path, context, done); });
    QVERIFY(sent);
    QVERIFY(!sent->ok());
    QVERIFY2(sent->error().status() == 400 || sent->error().status() == 422,
             qPrintable(QString::number(sent->error().status())));
}

QTEST_GUILESS_MAIN(TestApiDumps)
#include "tst_apidumps.moc"
