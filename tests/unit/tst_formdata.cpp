#include "codec/FormData.h"

#include <QTest>

using namespace depot;

class tst_FormData : public QObject
{
    Q_OBJECT

private slots:
    void value_data()
    {
        QTest::addColumn<QByteArray>("encoded");
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("found");
        QTest::addColumn<QString>("value");
        QTest::newRow("plain") << QByteArray("a=1&b=2") << QStringLiteral("b") << true
                               << QStringLiteral("2");
        QTest::newRow("plus is a space") << QByteArray("q=a+b") << QStringLiteral("q") << true
                                         << QStringLiteral("a b");
        QTest::newRow("encoded plus stays") << QByteArray("q=a%2Bb") << QStringLiteral("q") << true
                                            << QStringLiteral("a+b");
        QTest::newRow("encoded name") << QByteArray("pass%77ord=x") << QStringLiteral("password")
                                      << true << QStringLiteral("x");
        QTest::newRow("utf-8") << QByteArray("n=%C3%A4") << QStringLiteral("n") << true
                               << QStringLiteral("ä");
        QTest::newRow("first wins") << QByteArray("a=1&a=2") << QStringLiteral("a") << true
                                    << QStringLiteral("1");
        QTest::newRow("no value") << QByteArray("flag&a=1") << QStringLiteral("flag") << true
                                  << QString();
        QTest::newRow("empty value") << QByteArray("a=") << QStringLiteral("a") << true
                                     << QString();
        QTest::newRow("value holds =") << QByteArray("a=b=c") << QStringLiteral("a") << true
                                       << QStringLiteral("b=c");
        QTest::newRow("absent") << QByteArray("a=1") << QStringLiteral("b") << false << QString();
        QTest::newRow("empty input") << QByteArray() << QStringLiteral("a") << false << QString();
    }

    void value()
    {
        QFETCH(QByteArray, encoded);
        QFETCH(QString, name);
        QFETCH(bool, found);
        QFETCH(QString, value);
        const auto result = FormData::value(encoded, name);
        QCOMPARE(result.has_value(), found);
        if (found)
            QCOMPARE(*result, value);
    }

    void maskValues_data()
    {
        QTest::addColumn<QByteArray>("encoded");
        QTest::addColumn<QByteArray>("masked");
        QTest::newRow("secrets") << QByteArray("password=hunter2&delete_token=abc")
                                 << QByteArray("password=*&delete_token=*");
        QTest::newRow("flag kept") << QByteArray("download&x=1") << QByteArray("download&x=*");
        QTest::newRow("names stay encoded") << QByteArray("a%20b=1") << QByteArray("a%20b=*");
    }

    void maskValues()
    {
        QFETCH(QByteArray, encoded);
        QFETCH(QByteArray, masked);
        QCOMPARE(FormData::maskValues(encoded), masked);
    }
};

QTEST_GUILESS_MAIN(tst_FormData)
#include "tst_formdata.moc"
