// Accounts and tokens end to end over HTTP against a real depot-server, on SQLite and PostgreSQL.
#include "TestServer.h"

#include <QJsonObject>
#include <QTest>

using namespace depot::test;

namespace {

QJsonObject credentials(const QString &username, const QString &password)
{
    return {{QStringLiteral("username"), username}, {QStringLiteral("password"), password}};
}

QByteArray b64url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace

class TestAuth : public QObject
{
    Q_OBJECT

    TestServer m_server;

    HttpResult me(const Headers &headers)
    {
        return TestHttp::get(m_server.url(QStringLiteral("/api/v1/me")), headers);
    }
    HttpResult login(const QString &user, const QString &password)
    {
        return TestHttp::postJson(m_server.url(QStringLiteral("/api/v1/auth/token")),
                                  credentials(user, password));
    }

private Q_SLOTS:
    void initTestCase_data()
    {
        QTest::addColumn<QString>("backend");
        for (const QString &backend : TestServer::backends())
            QTest::newRow(qPrintable(backend)) << backend;
    }

    void init()
    {
        QFETCH_GLOBAL(QString, backend);
        TestServer::Options options;
        options.backend = backend;
        options.extraArgs = QStringList{
            QStringLiteral("--users-file"), QStringLiteral(DEPOT_SOURCE_DIR "/resources/users.txt"),
            QStringLiteral("--login-max-failures"), QStringLiteral("4")};
        QVERIFY2(m_server.start(options), qPrintable(m_server.errorString()));
    }

    void cleanup() { m_server.stop(); }

    void signUp_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("field");
        QTest::newRow("valid") << QByteArray(
                                      "{\"username\":\"newbie\",\"password\":\"long-enough\"}")
                               << 201 << QString();
        QTest::newRow("sql metacharacters")
            << QByteArray("{\"username\":\"o'brien;--\",\"password\":\"long-enough\"}") << 201
            << QString();
        QTest::newRow("short username")
            << QByteArray("{\"username\":\"ab\",\"password\":\"long-enough\"}") << 422
            << QStringLiteral("username");
        QTest::newRow("33-char username")
            << QByteArray("{\"username\":\"abcdefghijabcdefghijabcdefghijabc\",\"password\":\"long-"
                          "enough\"}")
            << 422 << QStringLiteral("username");
        QTest::newRow("slash in username")
            << QByteArray("{\"username\":\"a/b/c\",\"password\":\"long-enough\"}") << 422
            << QStringLiteral("username");
        QTest::newRow("space in username")
            << QByteArray("{\"username\":\"x' OR 1=1\",\"password\":\"long-enough\"}") << 422
            << QStringLiteral("username");
        QTest::newRow("short password")
            << QByteArray("{\"username\":\"newbie\",\"password\":\"short\"}") << 422
            << QStringLiteral("password");
        QTest::newRow("password not a string")
            << QByteArray("{\"username\":\"newbie\",\"password\":12345678}") << 422
            << QStringLiteral("password");
        QTest::newRow("missing fields") << QByteArray("{}") << 422 << QStringLiteral("username");
        QTest::newRow("not json") << QByteArray("username=newbie") << 400 << QString();
        QTest::newRow("json array") << QByteArray("[1]") << 400 << QString();
    }

    void signUp()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, field);
        const HttpResult r =
            TestHttp::request("POST", m_server.url(QStringLiteral("/api/v1/users")), body,
                              {{"Content-Type", "application/json"}});
        QCOMPARE(r.status, status);
        QVERIFY(!r.json().value(QStringLiteral("error")).toString().isEmpty() || status == 201);
        if (!field.isEmpty())
            QVERIFY2(r.json().value(QStringLiteral("fields")).toObject().contains(field),
                     r.body.constData());
        if (status == 201) {
            const QString username =
                QJsonDocument::fromJson(body).object().value(QStringLiteral("username")).toString();
            QCOMPARE(r.json().value(QStringLiteral("plan")).toString(), QStringLiteral("bronze"));
            // Stored verbatim: the same name logs in and /me returns it unchanged.
            const HttpResult token = login(username, QStringLiteral("long-enough"));
            QCOMPARE(token.status, 200);
            const HttpResult who =
                me(TestHttp::bearer(token.json().value(QStringLiteral("token")).toString()));
            QCOMPARE(who.json().value(QStringLiteral("username")).toString(), username);
            // A second sign-up with the same name conflicts.
            QCOMPARE(TestHttp::request("POST", m_server.url(QStringLiteral("/api/v1/users")), body)
                         .status,
                     409);
        }
    }

    void loginAndMe()
    {
        const HttpResult r = login(QStringLiteral("gold-user"), QStringLiteral("gold-password-1"));
        QCOMPARE(r.status, 200);
        const QJsonObject json = r.json();
        QCOMPARE(json.value(QStringLiteral("token_type")).toString(), QStringLiteral("Bearer"));
        QVERIFY(json.value(QStringLiteral("expires_at")).toString().endsWith(u'Z'));
        QCOMPARE(json.value(QStringLiteral("expires_in")).toInt(), 1200);
        const QString token = json.value(QStringLiteral("token")).toString();

        const HttpResult bearer = me(TestHttp::bearer(token));
        QCOMPARE(bearer.status, 200);
        QCOMPARE(bearer.json().value(QStringLiteral("plan")).toString(), QStringLiteral("gold"));
        const QJsonObject quota = bearer.json().value(QStringLiteral("quota")).toObject();
        QCOMPARE(quota.value(QStringLiteral("limit")).toInt(), 100);
        QCOMPARE(quota.value(QStringLiteral("used")).toInt(), 0);
        QCOMPARE(quota.value(QStringLiteral("remaining")).toInt(), 100);

        // The seed's basic-auth token: username:<token>
        const QByteArray basic = "Basic " + QByteArray("gold-user:" + token.toLatin1()).toBase64();
        QCOMPARE(me({{"Authorization", basic}}).status, 200);
        // Basic with another user's name and this token is refused.
        const QByteArray wrongUser =
            "Basic " + QByteArray("silver-user:" + token.toLatin1()).toBase64();
        QCOMPARE(me({{"Authorization", wrongUser}}).status, 401);
    }

    void wrongCredentialsLookTheSame()
    {
        const HttpResult wrongPassword =
            login(QStringLiteral("gold-user"), QStringLiteral("not-the-password"));
        const HttpResult unknownUser =
            login(QStringLiteral("nobody-here"), QStringLiteral("not-the-password"));
        QCOMPARE(wrongPassword.status, 401);
        QCOMPARE(unknownUser.status, 401);
        QCOMPARE(wrongPassword.json().value(QStringLiteral("detail")),
                 unknownUser.json().value(QStringLiteral("detail")));
    }

    void reloginInvalidatesOldToken()
    {
        const QString first =
            login(QStringLiteral("silver-user"), QStringLiteral("silver-password-1"))
                .json()
                .value(QStringLiteral("token"))
                .toString();
        QCOMPARE(me(TestHttp::bearer(first)).status, 200);
        const QString second =
            login(QStringLiteral("silver-user"), QStringLiteral("silver-password-1"))
                .json()
                .value(QStringLiteral("token"))
                .toString();
        QCOMPARE(me(TestHttp::bearer(second)).status, 200);
        const HttpResult old = me(TestHttp::bearer(first));
        QCOMPARE(old.status, 401);
        QCOMPARE(old.header("WWW-Authenticate").left(6), QByteArray("Bearer"));
    }

    void hostileTokens_data()
    {
        QTest::addColumn<QByteArray>("authorization");
        // RFC 6750 §3.1: error="invalid_token" when credentials were sent and do not hold; a
        // plain challenge when none were sent (or in a scheme we do not take).
        QTest::addColumn<bool>("invalidToken");
        QTest::newRow("none") << QByteArray() << false;
        QTest::newRow("garbage") << QByteArray("Bearer !!!###") << true;
        QTest::newRow("unknown scheme") << QByteArray("Digest abc") << false;
        QTest::newRow("bearer empty") << QByteArray("Bearer ") << false;
        QTest::newRow("alg none") << QByteArray("ALG_NONE") << true;
        QTest::newRow("alg HS512") << QByteArray("ALG_HS512") << true;
        QTest::newRow("alg RS256") << QByteArray("ALG_RS256") << true;
        QTest::newRow("tampered payload") << QByteArray("TAMPER_PAYLOAD") << true;
        QTest::newRow("tampered signature") << QByteArray("TAMPER_SIGNATURE") << true;
        QTest::newRow("basic not base64") << QByteArray("Basic %%%%") << true;
        // curl -u user:password: an unknown user, or the account password instead of a token,
        // or another user's token: one answer, and none of them says "malformed".
        QTest::newRow("basic unknown user")
            << ("Basic " + QByteArray("nobody-here:password-123").toBase64()) << true;
        QTest::newRow("basic unknown user with a token") << QByteArray("BASIC_UNKNOWN") << true;
        QTest::newRow("basic account password")
            << ("Basic " + QByteArray("bronze-user:bronze-password-1").toBase64()) << true;
        QTest::newRow("basic other user's token") << QByteArray("BASIC_OTHER") << true;
        QTest::newRow("100 KB header") << QByteArray("Bearer " + QByteArray(100 * 1024, 'a'))
                                       << true; // refused by the guard, on the head
        QTest::newRow("1 MB header")
            << QByteArray("Bearer " + QByteArray(1024 * 1024, 'a')) << true;
    }

    void hostileTokens()
    {
        QFETCH(QByteArray, authorization);
        QFETCH(bool, invalidToken);
        const QString token =
            login(QStringLiteral("bronze-user"), QStringLiteral("bronze-password-1"))
                .json()
                .value(QStringLiteral("token"))
                .toString();
        const QList<QByteArray> parts = token.toLatin1().split('.');
        QCOMPARE(parts.size(), 3);
        const QByteArray forgedPayload =
            b64url("{\"sub\":\"gold-user\",\"iat\":1,\"exp\":99999999999}");
        if (authorization == "ALG_NONE")
            authorization =
                "Bearer " + b64url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + '.' + parts[1] + '.';
        else if (authorization == "ALG_HS512")
            authorization = "Bearer " + b64url("{\"alg\":\"HS512\",\"typ\":\"JWT\"}") + '.' +
                            parts[1] + '.' + parts[2];
        else if (authorization == "ALG_RS256")
            authorization = "Bearer " + b64url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + '.' +
                            parts[1] + '.' + parts[2];
        else if (authorization == "TAMPER_PAYLOAD")
            authorization = "Bearer " + parts[0] + '.' + forgedPayload + '.' + parts[2];
        else if (authorization == "TAMPER_SIGNATURE")
            authorization =
                "Bearer " + parts[0] + '.' + parts[1] + '.' + parts[2].chopped(2) + "AA";
        else if (authorization == "BASIC_UNKNOWN") // a well-formed token naming nobody
            authorization = "Basic " + QByteArray("nobody-here:" + parts[0] + '.' +
                                                  b64url("{\"sub\":\"nobody-here\",\"iat\":1,"
                                                         "\"exp\":2}") +
                                                  '.' + parts[2])
                                           .toBase64();
        else if (authorization == "BASIC_OTHER")
            authorization = "Basic " + QByteArray("gold-user:" + token.toLatin1()).toBase64();
        Headers headers;
        if (!authorization.isEmpty())
            headers.append({"Authorization", authorization});
        const HttpResult r = me(headers);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("Unauthorized"));
        const QByteArray challenge = r.header("WWW-Authenticate");
        QVERIFY2(challenge.startsWith("Bearer realm=\"depot\""), challenge.constData());
        QCOMPARE(challenge.contains("error=\"invalid_token\""), invalidToken);
        const QString detail = r.json().value(QStringLiteral("detail")).toString();
        QVERIFY(!detail.isEmpty());
        if (authorization.startsWith("Basic ")) {
            QVERIFY2(!detail.contains(QStringLiteral("malformed")), qPrintable(detail));
            QVERIFY2(detail.contains(QStringLiteral("username")), qPrintable(detail));
        }
        // The server is still fine and the real token still works, also as Basic.
        QCOMPARE(me(TestHttp::bearer(token)).status, 200);
        QCOMPARE(me({{"Authorization",
                      "Basic " + QByteArray("bronze-user:" + token.toLatin1()).toBase64()}})
                     .status,
                 200);
    }

    void changePassword_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::newRow("right current password")
            << QByteArray(R"({"current_password":"gold-password-1","new_password":"brand-new-pass"})")
            << 200;
        QTest::newRow("wrong current password")
            << QByteArray(R"({"current_password":"not-it","new_password":"brand-new-pass"})") << 403;
        QTest::newRow("new password too short")
            << QByteArray(R"({"current_password":"gold-password-1","new_password":"short"})") << 422;
        QTest::newRow("fields missing") << QByteArray("{}") << 422;
    }

    void changePassword()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        const QString old = login(QStringLiteral("gold-user"), QStringLiteral("gold-password-1"))
                                .json()
                                .value(QStringLiteral("token"))
                                .toString();
        QVERIFY(!old.isEmpty());
        const HttpResult r = TestHttp::request(
            "PUT", m_server.url(QStringLiteral("/api/v1/me/password")), body,
            TestHttp::bearer(old) + Headers{{"Content-Type", "application/json"}});
        QCOMPARE(r.status, status);
        const bool changed = status == 200;
        // the new password works instead of the old one
        QCOMPARE(login(QStringLiteral("gold-user"), QStringLiteral("brand-new-pass")).status,
                 changed ? 200 : 401);
        QCOMPARE(login(QStringLiteral("gold-user"), QStringLiteral("gold-password-1")).status,
                 changed ? 401 : 200);
        if (changed) { // the answer's token is fresh; the old one stopped working
            QCOMPARE(me(TestHttp::bearer(old)).status, 401);
            QVERIFY(!r.json().value(QStringLiteral("token")).toString().isEmpty());
        }
        // without a token: 401
        QCOMPARE(TestHttp::request("PUT", m_server.url(QStringLiteral("/api/v1/me/password")), body)
                     .status,
                 401);
    }

    void failedLoginsAreThrottled()
    {
        for (int i = 0; i < 4; ++i)
            QCOMPARE(login(QStringLiteral("gold-user"), QStringLiteral("wrong-password")).status,
                     401);
        const HttpResult blocked =
            login(QStringLiteral("gold-user"), QStringLiteral("gold-password-1"));
        QCOMPARE(blocked.status, 429);
        QVERIFY(blocked.header("Retry-After").toInt() > 0);
        // Another user is not affected.
        QCOMPARE(login(QStringLiteral("silver-user"), QStringLiteral("silver-password-1")).status,
                 200);
    }

    void tokenExpiry()
    {
        QFETCH_GLOBAL(QString, backend);
        TestServer shortLived;
        TestServer::Options options;
        options.backend = backend;
        options.env.insert(QStringLiteral("TOKEN_EXPIRY"), QStringLiteral("2"));
        QVERIFY2(shortLived.start(options), qPrintable(shortLived.errorString()));
        const QString token = shortLived.signUpAndLogin(QStringLiteral("brief"));
        QVERIFY(!token.isEmpty());
        const QUrl meUrl = shortLived.url(QStringLiteral("/api/v1/me"));
        QCOMPARE(TestHttp::get(meUrl, TestHttp::bearer(token)).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(TestHttp::get(meUrl, TestHttp::bearer(token)).status, 401, 6000);
        QVERIFY(TestHttp::get(meUrl, TestHttp::bearer(token))
                    .json()
                    .value(QStringLiteral("detail"))
                    .toString()
                    .contains(QStringLiteral("expired")));
        // RFC 6750 §3.1: the challenge names the error.
        QCOMPARE(TestHttp::get(meUrl, TestHttp::bearer(token)).header("WWW-Authenticate"),
                 QByteArray("Bearer realm=\"depot\", error=\"invalid_token\""));
    }
};

QTEST_GUILESS_MAIN(TestAuth)
#include "tst_auth.moc"
