#include "crypto/Jwt.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QTest>

using namespace depot;

namespace {

const QByteArray Secret = QByteArrayLiteral("0123456789abcdef0123456789abcdef");
constexpr qint64 Now = 1800000000;
constexpr qint64 Lifetime = 1200;

QByteArray b64(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// Signs any header and payload with HS256, so the tests can hand the verifier correctly
// signed tokens whose header or claims break a rule.
QByteArray craft(const QByteArray &header, const QByteArray &payload)
{
    const QByteArray input = b64(header) + '.' + b64(payload);
    return input + '.' +
           b64(QMessageAuthenticationCode::hash(input, Secret, QCryptographicHash::Sha256));
}

QByteArray payload(qint64 iat, qint64 exp, const char *sub = "alice")
{
    return QJsonDocument(QJsonObject{{QStringLiteral("sub"), QString::fromLatin1(sub)},
                                     {QStringLiteral("iat"), double(iat)},
                                     {QStringLiteral("exp"), double(exp)}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

class TestJwt : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip()
    {
        const QByteArray token = Jwt::sign({QStringLiteral("alice"), Now, Now + Lifetime}, Secret);
        QCOMPARE(token.count('.'), 2);
        JwtClaims claims;
        QCOMPARE(Jwt::verify(token, Secret, Now + 10, Lifetime, &claims), Jwt::Error::None);
        QCOMPARE(claims.subject, QStringLiteral("alice"));
        QCOMPARE(claims.expiresAt, Now + Lifetime);
        QCOMPARE(Jwt::unverifiedSubject(token), std::optional<QString>(QStringLiteral("alice")));
    }

    void verifyRules_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<int>("expected");
        const QByteArray good = Jwt::sign({QStringLiteral("alice"), Now, Now + Lifetime}, Secret);
        const QList<QByteArray> parts = good.split('.');
        const auto E = [](Jwt::Error e) { return int(e); };

        QTest::newRow("alg none, no signature")
            << (b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + '.' + parts[1] + '.')
            << E(Jwt::Error::Malformed);
        QTest::newRow("alg none with signature")
            << (b64("{\"alg\":\"none\"}") + '.' + parts[1] + '.' + parts[2])
            << E(Jwt::Error::UnsupportedHeader);
        QTest::newRow("alg HS512")
            << (b64("{\"alg\":\"HS512\",\"typ\":\"JWT\"}") + '.' + parts[1] + '.' + parts[2])
            << E(Jwt::Error::UnsupportedHeader);
        QTest::newRow("alg RS256")
            << (b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + '.' + parts[1] + '.' + parts[2])
            << E(Jwt::Error::UnsupportedHeader);
        QTest::newRow("alg lowercase hs256")
            << (b64("{\"alg\":\"hs256\"}") + '.' + parts[1] + '.' + parts[2])
            << E(Jwt::Error::UnsupportedHeader);
        for (const char *key : {"crit", "jku", "jwk", "x5u", "kid"}) {
            const QByteArray header = QByteArray("{\"alg\":\"HS256\",\"") + key + "\":\"x\"}";
            QTest::newRow(qPrintable(QStringLiteral("header %1").arg(QLatin1String(key))))
                << (b64(header) + '.' + parts[1] + '.' + parts[2])
                << E(Jwt::Error::UnsupportedHeader);
        }
        QTest::newRow("tampered payload")
            << (parts[0] + '.' + b64(payload(Now, Now + Lifetime, "mallory")) + '.' + parts[2])
            << E(Jwt::Error::BadSignature);
        QByteArray flipped = parts[2];
        flipped[5] = flipped[5] == 'A' ? 'B' : 'A';
        QTest::newRow("tampered signature")
            << (parts[0] + '.' + parts[1] + '.' + flipped) << E(Jwt::Error::BadSignature);
        // Qt's base64 decoder ignores the unused low bits of the last character; the encoded
        // signature is compared, so a non-canonical spelling is refused.
        QByteArray noncanonical = parts[2];
        const char last = noncanonical.back();
        noncanonical.back() = last == 'A' ? 'B' : char(last ^ 1);
        QTest::newRow("non-canonical signature")
            << (parts[0] + '.' + parts[1] + '.' + noncanonical) << E(Jwt::Error::BadSignature);
        QTest::newRow("signed with another secret")
            << Jwt::sign({QStringLiteral("alice"), Now, Now + Lifetime}, QByteArray(32, 'z'))
            << E(Jwt::Error::BadSignature);
        QTest::newRow("expired") << Jwt::sign({QStringLiteral("alice"), Now - 2000, Now - 800},
                                              Secret)
                                 << E(Jwt::Error::Expired);
        QTest::newRow("lifetime longer than configured")
            << Jwt::sign({QStringLiteral("alice"), Now, Now + Lifetime * 10}, Secret)
            << E(Jwt::Error::BadLifetime);
        QTest::newRow("issued in the future")
            << Jwt::sign({QStringLiteral("alice"), Now + 3600, Now + 3600 + 60}, Secret)
            << E(Jwt::Error::BadLifetime);
        QTest::newRow("empty") << QByteArray() << E(Jwt::Error::Malformed);
        QTest::newRow("garbage") << QByteArrayLiteral("not a token at all")
                                 << E(Jwt::Error::Malformed);
        QTest::newRow("two segments") << (parts[0] + '.' + parts[1]) << E(Jwt::Error::Malformed);
        QTest::newRow("four segments") << (good + ".x") << E(Jwt::Error::Malformed);
        QTest::newRow("padding in segment")
            << (parts[0] + "==." + parts[1] + '.' + parts[2]) << E(Jwt::Error::Malformed);
        QTest::newRow("1 MB token") << QByteArray(1 << 20, 'a') << E(Jwt::Error::Malformed);
        QTest::newRow("header not JSON")
            << (b64("nope") + '.' + parts[1] + '.' + parts[2]) << E(Jwt::Error::Malformed);
        const QByteArray claims = payload(Now, Now + Lifetime);
        QTest::newRow("crafted: correctly signed")
            << craft("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims) << E(Jwt::Error::None);
        QTest::newRow("crafted: HS512 header")
            << craft("{\"alg\":\"HS512\"}", claims) << E(Jwt::Error::UnsupportedHeader);
        QTest::newRow("crafted: none header")
            << craft("{\"alg\":\"none\"}", claims) << E(Jwt::Error::UnsupportedHeader);
        QTest::newRow("crafted: typ not JWT")
            << craft("{\"alg\":\"HS256\",\"typ\":\"JOSE+JSON\"}", claims)
            << E(Jwt::Error::UnsupportedHeader);
        QTest::newRow("crafted: exp a string")
            << craft("{\"alg\":\"HS256\"}",
                     "{\"sub\":\"alice\",\"iat\":1800000000,\"exp\":\"soon\"}")
            << E(Jwt::Error::Malformed);
        QTest::newRow("crafted: exp fractional")
            << craft("{\"alg\":\"HS256\"}",
                     "{\"sub\":\"alice\",\"iat\":1800000000,\"exp\":1800000100.5}")
            << E(Jwt::Error::Malformed);
        QTest::newRow("crafted: no sub")
            << craft("{\"alg\":\"HS256\"}", "{\"iat\":1800000000,\"exp\":1800000100}")
            << E(Jwt::Error::Malformed);
        QTest::newRow("crafted: no iat")
            << craft("{\"alg\":\"HS256\"}", "{\"sub\":\"alice\",\"exp\":1800000100}")
            << E(Jwt::Error::Malformed);
        QTest::newRow("crafted: payload an array")
            << craft("{\"alg\":\"HS256\"}", "[1,2]") << E(Jwt::Error::Malformed);
    }

    void verifyRules()
    {
        QFETCH(QByteArray, token);
        QFETCH(int, expected);
        QCOMPARE(int(Jwt::verify(token, Secret, Now + 10, Lifetime)), expected);
    }
};

QTEST_APPLESS_MAIN(TestJwt)
#include "tst_jwt.moc"
