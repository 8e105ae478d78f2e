#include "crypto/PasswordHash.h"
#include "crypto/SecureRandom.h"

#include <QTest>

using namespace depot;

class TestPasswordHash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void storesParameters()
    {
        const QString stored = PasswordHash::hash("correct horse", 1000);
        const QStringList parts = stored.split(u'$');
        QCOMPARE(parts.size(), 4);
        QCOMPARE(parts[0], QStringLiteral("pbkdf2-sha256"));
        QCOMPARE(parts[1], QStringLiteral("1000"));
        QCOMPARE(QByteArray::fromBase64(parts[2].toLatin1()).size(), 16);
        QCOMPARE(QByteArray::fromBase64(parts[3].toLatin1()).size(), 32);
        QVERIFY(!stored.contains(QStringLiteral("correct horse")));
    }

    void saltsDiffer()
    {
        QVERIFY(PasswordHash::hash("same", 1000) != PasswordHash::hash("same", 1000));
    }

    void verify_data()
    {
        QTest::addColumn<QByteArray>("password");
        QTest::addColumn<QByteArray>("attempt");
        QTest::addColumn<bool>("expected");
        QTest::newRow("same") << QByteArray("s3cret-pass") << QByteArray("s3cret-pass") << true;
        QTest::newRow("different")
            << QByteArray("s3cret-pass") << QByteArray("s3cret-pasS") << false;
        QTest::newRow("prefix") << QByteArray("s3cret-pass") << QByteArray("s3cret") << false;
        QTest::newRow("empty attempt") << QByteArray("s3cret-pass") << QByteArray() << false;
        QTest::newRow("utf-8") << QString::fromUtf8("pässwörd-ß").toUtf8()
                               << QString::fromUtf8("pässwörd-ß").toUtf8() << true;
        QTest::newRow("nul inside")
            << QByteArray("a\0b-password", 12) << QByteArray("a\0c-password", 12) << false;
    }

    void verify()
    {
        QFETCH(QByteArray, password);
        QFETCH(QByteArray, attempt);
        QFETCH(bool, expected);
        QCOMPARE(PasswordHash::verify(attempt, PasswordHash::hash(password, 1000)), expected);
    }

    void malformedStored_data()
    {
        QTest::addColumn<QString>("stored");
        QTest::newRow("empty") << QString();
        QTest::newRow("other scheme") << QStringLiteral("bcrypt$10$abc$def");
        QTest::newRow("missing part") << QStringLiteral("pbkdf2-sha256$1000$c2FsdA==");
        QTest::newRow("zero iterations")
            << QStringLiteral("pbkdf2-sha256$0$c2FsdHNhbHRzYWx0c2FsdA==$AAAA");
        QTest::newRow("huge iterations") << QStringLiteral("pbkdf2-sha256$999999999$c2FsdA==$AAAA");
        QTest::newRow("bad base64") << QStringLiteral("pbkdf2-sha256$1000$!!!$???");
        QTest::newRow("short hash") << QStringLiteral("pbkdf2-sha256$1000$c2FsdA==$AAAA");
    }

    void malformedStored()
    {
        QFETCH(QString, stored);
        QVERIFY(!PasswordHash::verify("anything", stored));
    }

    void randomIds()
    {
        const QString id = SecureRandom::urlSafeId(16);
        QCOMPARE(id.size(), 22);
        QVERIFY(SecureRandom::isUrlSafeId(id));
        QVERIFY(id != SecureRandom::urlSafeId(16));
        QVERIFY(!SecureRandom::isUrlSafeId(QStringLiteral("../../etc/passwd....")));
        QVERIFY(!SecureRandom::isUrlSafeId(id.left(21)));
        QVERIFY(!SecureRandom::isUrlSafeId(QString(id.left(21) + u'%')));
    }
};

QTEST_APPLESS_MAIN(TestPasswordHash)
#include "tst_passwordhash.moc"
