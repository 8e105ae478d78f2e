// ApiClient and Session against a real depot-server: sign-up, tokens, /api/v1/me and 401s.

#include "ClientTestSupport.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QtTest>

using namespace depot;
using namespace depot::clienttest;
using depot::test::TestServer;

class TestApiAccount : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void signUpLogInAndAccount();
    void signUpTwiceIsConflict();
    void signUpRejectsBadFields_data();
    void signUpRejectsBadFields();
    void wrongPasswordIsUnauthorized();
    void badTokenAsksForLogin();
    void loginElsewhereInvalidatesToken();
    void unreachableServer();

private:
    TestServer m_server;
};

void TestApiAccount::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
}

void TestApiAccount::signUpLogInAndAccount()
{
    Session session;
    ApiClient client(&session);
    const QString username = uniqueUsername();
    const auto created = await<QJsonObject>([&](QObject *context, auto done) {
        client.signUp(m_server.baseUrl(), username, defaultPassword(), context, done);
    });
    QVERIFY(created);
    QVERIFY2(created->ok(), qPrintable(created->error().message()));
    QCOMPARE(created->value().value(QStringLiteral("username")).toString(), username);

    const auto token = await<TokenInfo>([&](QObject *context, auto done) {
        client.login(m_server.baseUrl(), username, defaultPassword(), context, done);
    });
    QVERIFY(token);
    QVERIFY2(token->ok(), qPrintable(token->error().message()));
    QCOMPARE(token->value().tokenType, QStringLiteral("Bearer"));
    QVERIFY(token->value().expiresAt > QDateTime::currentDateTimeUtc());
    QVERIFY(session.isLoggedIn());
    QCOMPARE(session.username(), username);
    QCOMPARE(session.token(), token->value().token);

    const auto account = await<AccountInfo>(
        [&](QObject *context, auto done) { client.fetchAccount(context, done); });
    QVERIFY(account);
    QVERIFY2(account->ok(), qPrintable(account->error().message()));
    QCOMPARE(account->value().username, username);
    QCOMPARE(account->value().plan.toLower(), QStringLiteral("bronze"));
    QCOMPARE(account->value().quota.limit, 25);
    QCOMPARE(account->value().quota.used, 0);
    QCOMPARE(account->value().quota.remaining, 25);
}

void TestApiAccount::signUpTwiceIsConflict()
{
    Session session;
    ApiClient client(&session);
    const QString username = uniqueUsername();
    QCOMPARE(signUpAndLogIn(client, m_server.baseUrl(), username), QString());
    const auto again = await<QJsonObject>([&](QObject *context, auto done) {
        client.signUp(m_server.baseUrl(), username, defaultPassword(), context, done);
    });
    QVERIFY(again);
    QVERIFY(!again->ok());
    QCOMPARE(again->error().status(), 409);
}

void TestApiAccount::signUpRejectsBadFields_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("field");
    QTest::newRow("short username")
        << QStringLiteral("ab") << defaultPassword() << QStringLiteral("username");
    QTest::newRow("slash in username")
        << QStringLiteral("ann/../x") << defaultPassword() << QStringLiteral("username");
    QTest::newRow("short password")
        << uniqueUsername() << QStringLiteral("short") << QStringLiteral("password");
}

void TestApiAccount::signUpRejectsBadFields()
{
    QFETCH(QString, username);
    QFETCH(QString, password);
    QFETCH(QString, field);
    Session session;
    ApiClient client(&session);
    const auto created = await<QJsonObject>([&](QObject *context, auto done) {
        client.signUp(m_server.baseUrl(), username, password, context, done);
    });
    QVERIFY(created);
    QVERIFY(!created->ok());
    QVERIFY2(created->error().status() == 400 || created->error().status() == 422,
             qPrintable(QString::number(created->error().status())));
    // The field is named in the answer; the sentence for the user is the client's own.
    QVERIFY2(created->error().fields().contains(field) ||
                 created->error().technicalDetail().contains(field),
             qPrintable(created->error().technicalDetail()));
}

void TestApiAccount::wrongPasswordIsUnauthorized()
{
    Session session;
    ApiClient client(&session);
    const QString username = uniqueUsername();
    QCOMPARE(signUpAndLogIn(client, m_server.baseUrl(), username), QString());
    session.logout();
    const auto token = await<TokenInfo>([&](QObject *context, auto done) {
        client.login(m_server.baseUrl(), username, QStringLiteral("not-the-password"), context,
                     done);
    });
    QVERIFY(token);
    QVERIFY(!token->ok());
    QCOMPARE(token->error().status(), 401);
    QVERIFY(!session.isLoggedIn());
}

void TestApiAccount::badTokenAsksForLogin()
{
    Session session;
    ApiClient client(&session);
    session.start(m_server.baseUrl(), QStringLiteral("nobody"), QStringLiteral("not.a.jwt"),
                  QDateTime());
    QSignalSpy required(&session, &Session::authenticationRequired);
    const auto account = await<AccountInfo>(
        [&](QObject *context, auto done) { client.fetchAccount(context, done); });
    QVERIFY(account);
    QCOMPARE(account->error().status(), 401);
    QCOMPARE(required.count(), 1);
    QVERIFY(!session.isLoggedIn());
}

void TestApiAccount::loginElsewhereInvalidatesToken()
{
    const QString username = uniqueUsername();
    Session first;
    ApiClient firstClient(&first);
    QCOMPARE(signUpAndLogIn(firstClient, m_server.baseUrl(), username), QString());

    // A second login regenerates the user's secret: the first token stops working.
    Session second;
    ApiClient secondClient(&second);
    const auto token = await<TokenInfo>([&](QObject *context, auto done) {
        secondClient.login(m_server.baseUrl(), username, defaultPassword(), context, done);
    });
    QVERIFY(token && token->ok());

    QSignalSpy required(&first, &Session::authenticationRequired);
    const auto stale = await<AccountInfo>(
        [&](QObject *context, auto done) { firstClient.fetchAccount(context, done); });
    QVERIFY(stale);
    QCOMPARE(stale->error().status(), 401);
    QCOMPARE(required.count(), 1);

    const auto fresh = await<AccountInfo>(
        [&](QObject *context, auto done) { secondClient.fetchAccount(context, done); });
    QVERIFY(fresh && fresh->ok());
}

void TestApiAccount::unreachableServer()
{
    // A port that was free a moment ago: nothing listens there.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(probe.serverPort());
    probe.close();

    Session session;
    ApiClient client(&session);
    const auto token = await<TokenInfo>([&](QObject *context, auto done) {
        client.login(url, QStringLiteral("ann"), defaultPassword(), context, done);
    });
    QVERIFY(token);
    QVERIFY(!token->ok());
    QCOMPARE(token->error().status(), 0);
    QCOMPARE(token->error().networkError(), QNetworkReply::ConnectionRefusedError);
    QVERIFY(!token->error().message().isEmpty());
}

QTEST_GUILESS_MAIN(TestApiAccount)
#include "tst_apiaccount.moc"
