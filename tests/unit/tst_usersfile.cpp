#include "accounts/UsersFile.h"

#include <QFile>
#include <QTest>

using namespace depot;

class TestUsersFile : public QObject
{
    Q_OBJECT

    const QStringList plans{QStringLiteral("gold"), QStringLiteral("silver"),
                            QStringLiteral("bronze")};

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QStringList>("usernames");
        QTest::addColumn<QStringList>("errors");
        QTest::newRow("empty") << QByteArray() << QStringList() << QStringList();
        QTest::newRow("comments and blanks")
            << QByteArray("# header\n\n   \nann secret-123 gold # trailing\n")
            << QStringList{QStringLiteral("ann")} << QStringList();
        QTest::newRow("tabs and case") << QByteArray("bob\tsecret-123\tSilver\r\n")
                                       << QStringList{QStringLiteral("bob")} << QStringList();
        QTest::newRow("too few fields")
            << QByteArray("ann secret-123 gold\nbob secret-123\n")
            << QStringList{QStringLiteral("ann")} << QStringList{QStringLiteral("line 2:")};
        QTest::newRow("too many fields") << QByteArray("ann secret-123 gold extra\n")
                                         << QStringList() << QStringList{QStringLiteral("line 1:")};
        QTest::newRow("unknown plan")
            << QByteArray("\n\nann secret-123 platinum\n") << QStringList()
            << QStringList{QStringLiteral("line 3: unknown plan")};
        QTest::newRow("bad username") << QByteArray("a/b secret-123 gold\n") << QStringList()
                                      << QStringList{QStringLiteral("line 1: invalid username")};
        QTest::newRow("short password") << QByteArray("ann short gold\n") << QStringList()
                                        << QStringList{QStringLiteral("line 1: password")};
        QTest::newRow("duplicate") << QByteArray("ann secret-123 gold\nann secret-456 bronze\n")
                                   << QStringList{QStringLiteral("ann")}
                                   << QStringList{QStringLiteral("line 2: duplicate")};
        QTest::newRow("sql metacharacters kept")
            << QByteArray("o'brien;-- secret-123 gold\n")
            << QStringList{QStringLiteral("o'brien;--")} << QStringList();
    }

    void parse()
    {
        QFETCH(QByteArray, content);
        QFETCH(QStringList, usernames);
        QFETCH(QStringList, errors);
        const UsersFile::Parsed parsed = UsersFile::parse(content, plans);
        QStringList names;
        for (const auto &e : parsed.entries)
            names.append(e.username);
        QCOMPARE(names, usernames);
        QCOMPARE(parsed.errors.size(), errors.size());
        for (qsizetype i = 0; i < errors.size(); ++i)
            QVERIFY2(parsed.errors[i].startsWith(errors[i]), qPrintable(parsed.errors[i]));
    }

    void shippedFileHasOneUserPerPlan()
    {
        QFile file(QStringLiteral(DEPOT_SOURCE_DIR "/resources/users.txt"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const UsersFile::Parsed parsed = UsersFile::parse(file.readAll(), plans);
        QVERIFY2(parsed.errors.isEmpty(), qPrintable(parsed.errors.join(u'\n')));
        QStringList seen;
        for (const auto &e : parsed.entries)
            seen.append(e.plan);
        seen.sort();
        QCOMPARE(seen, (QStringList{QStringLiteral("bronze"), QStringLiteral("gold"),
                                    QStringLiteral("silver")}));
    }
};

QTEST_GUILESS_MAIN(TestUsersFile)
#include "tst_usersfile.moc"
