// Schema migrations and the table classes against real SQLite and PostgreSQL databases.
#include "TestDatabase.h"
#include "TestServer.h"

#include "accounts/AccountRules.h"
#include "accounts/QuotaTable.h"
#include "accounts/ThrottleTable.h"
#include "accounts/TokensTable.h"
#include "accounts/UsersTable.h"
#include "model/Endpoint.h"
#include "store/ChangeBus.h"
#include "store/Database.h"
#include "store/Schema.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace depot;
using namespace depot::test;

class TestStore : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestPgDatabase> m_pg;
    std::unique_ptr<Database> m_db;
    int m_counter = 0;

    std::unique_ptr<Database> openFresh(const QString &backend)
    {
        Database::Settings settings;
        if (backend == u"postgresql") {
            m_pg = std::make_unique<TestPgDatabase>();
            QString error;
            if (!m_pg->create(&error))
                qFatal("%s", qPrintable(error));
            settings = m_pg->settings();
        } else {
            m_dir = std::make_unique<QTemporaryDir>();
            settings.sqliteFile = m_dir->filePath(QStringLiteral("test.sqlite"));
        }
        auto db = std::make_unique<Database>(settings, QStringLiteral("store-%1").arg(++m_counter));
        QString error;
        if (!db->open(&error))
            qFatal("%s", qPrintable(error));
        return db;
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
        m_db = openFresh(backend);
        QString error;
        QVERIFY2(Schema::migrate(*m_db, &error), qPrintable(error));
    }

    void cleanup()
    {
        m_db.reset();
        m_pg.reset();
        m_dir.reset();
    }

    void migratesToLatestAndIsIdempotent()
    {
        QCOMPARE(Schema::currentVersion(*m_db), Schema::latestVersion());
        for (const char *table : {"users", "authentication", "tokens", "requests", "throttle"})
            QVERIFY(m_db->select(QStringLiteral("SELECT COUNT(*) FROM ") + QLatin1String(table))
                        .size() == 1);
        QString error;
        QVERIFY2(Schema::migrate(*m_db, &error), qPrintable(error));
        QCOMPARE(m_db->selectOne(QStringLiteral("SELECT COUNT(*) FROM schema_migrations"))
                     ->at(0)
                     .toInt(),
                 int(Schema::migrations().size()));
    }

    // Migration 7: stored mocks said "cors":false whether it was set or not; from now on those
    // follow the account's default, while a rule's own JSON further on is left as it is.
    void corsMigrationUnsetsStoredFalse()
    {
        QFETCH_GLOBAL(QString, backend);
        m_db.reset();
        m_db = openFresh(backend);
        m_db->execute(Schema::translate(
            QStringLiteral("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT "
                           "NOT NULL, applied_at %BIGINT% NOT NULL)"),
            m_db->dialect()));
        for (const Migration &m : Schema::migrations()) {
            if (m.version >= 7)
                continue;
            for (const QString &statement : m.statements)
                m_db->execute(Schema::translate(statement, m_db->dialect()));
            m_db->execute(QStringLiteral("INSERT INTO schema_migrations (version, name, "
                                         "applied_at) VALUES (?, ?, 0)"),
                          {m.version, QString::fromLatin1(m.name)});
        }
        // The text the server wrote before: the mock fields in Qt's sorted compact JSON.
        Endpoint e;
        e.cors = false;
        e.rules = QJsonArray{QJsonObject{
            {QStringLiteral("response"), QJsonObject{{QStringLiteral("cors"), false}}}}};
        QJsonObject mock = e.mockJson();
        mock.insert(QStringLiteral("latency_max"), 0);
        const QString before =
            QString::fromUtf8(QJsonDocument(mock).toJson(QJsonDocument::Compact));
        QVERIFY2(before.startsWith(QStringLiteral(
                     "{\"after_last\":\"repeat_last\",\"bytes_per_second\":null,\"cors\":false,")),
                 qPrintable(before));
        QString cycled = before;
        cycled.replace(QStringLiteral("repeat_last"), QStringLiteral("cycle"));
        QString explicitOn = before;
        explicitOn.replace(QStringLiteral("\"cors\":false,\"fault\""),
                           QStringLiteral("\"cors\":true,\"fault\""));
        QString paced = before;
        paced.replace(QStringLiteral("\"bytes_per_second\":null"),
                      QStringLiteral("\"bytes_per_second\":100"));
        const qint64 user = m_db->insert(
            QStringLiteral("INSERT INTO users (username, plan, created_at) VALUES ('old', "
                           "'bronze', 0) RETURNING id"));
        const QStringList stored{before, cycled, explicitOn, paced};
        for (int i = 0; i < stored.size(); ++i)
            m_db->execute(
                QStringLiteral("INSERT INTO endpoints (userid, identifier, method, kind, latency, "
                               "headers, status_code, size, content_time, created_at, "
                               "updated_at, expires_at, mock) VALUES (?, ?, 'GET', 'json', 0, "
                               "'{}', 200, 0, 0, 0, 0, 0, ?)"),
                {user, QStringLiteral("e%1").arg(i), stored.at(i)});

        QString error;
        QVERIFY2(Schema::migrate(*m_db, &error), qPrintable(error));
        const QList<Row> rows =
            m_db->select(QStringLiteral("SELECT mock FROM endpoints ORDER BY identifier"));
        QCOMPARE(rows.size(), 4);
        QString expected = before;
        expected.replace(QStringLiteral("\"cors\":false,\"fault\""),
                         QStringLiteral("\"cors\":null,\"fault\""));
        QCOMPARE(rows.at(0).at(0).toString(), expected);
        QVERIFY(expected.contains(QStringLiteral("\"response\":{\"cors\":false}")));
        Endpoint read;
        read.setMockJson(QJsonDocument::fromJson(expected.toUtf8()).object());
        QVERIFY(!read.cors.has_value());
        QString expectedCycle = cycled;
        expectedCycle.replace(QStringLiteral("\"cors\":false,\"fault\""),
                              QStringLiteral("\"cors\":null,\"fault\""));
        QCOMPARE(rows.at(1).at(0).toString(), expectedCycle);
        QCOMPARE(rows.at(2).at(0).toString(), explicitOn);
        QCOMPARE(rows.at(3).at(0).toString(), paced);
        QCOMPARE(m_db->selectOne(QStringLiteral("SELECT cors_default FROM users"))->at(0).toInt(),
                 0);
    }

    void refusesNewerSchema()
    {
        m_db->execute(QStringLiteral(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)"));
        QString error;
        QVERIFY(!Schema::migrate(*m_db, &error));
        QVERIFY2(error.contains(QStringLiteral("999")) && error.contains(QStringLiteral("upgrade")),
                 qPrintable(error));
    }

    void transactionRollsBackUnlessCommitted()
    {
        {
            Database::Transaction tx(*m_db);
            m_db->insert(QStringLiteral("INSERT INTO users (username, plan, created_at) VALUES "
                                        "('ghost', 'gold', 0) RETURNING id"));
        }
        QVERIFY(!UsersTable(*m_db).findByName(QStringLiteral("ghost")));
        {
            Database::Transaction tx(*m_db);
            m_db->insert(QStringLiteral("INSERT INTO users (username, plan, created_at) VALUES "
                                        "('real', 'gold', 0) RETURNING id"));
            tx.commit();
        }
        QVERIFY(UsersTable(*m_db).findByName(QStringLiteral("real")));
    }

    void usernamesStoredVerbatim_data()
    {
        QTest::addColumn<QString>("username");
        QTest::newRow("quote and comment") << QStringLiteral("o'brien;--");
        QTest::newRow("classic injection") << QStringLiteral("x'or'1'='1");
        QTest::newRow("parentheses") << QStringLiteral("a();drop*");
    }

    void usernamesStoredVerbatim()
    {
        QFETCH(QString, username);
        QVERIFY(AccountRules::isValidUsername(username));
        UsersTable users(*m_db);
        const qint64 id = users.create(username, QStringLiteral("bronze"), QStringLiteral("hash"));
        const auto found = users.findByName(username);
        QVERIFY(found);
        QCOMPARE(found->id, id);
        QCOMPARE(found->username, username);
        QCOMPARE(m_db->selectOne(QStringLiteral("SELECT COUNT(*) FROM users"))->at(0).toInt(), 1);
    }

    void duplicateUsernameIsUniqueViolation()
    {
        UsersTable users(*m_db);
        users.create(QStringLiteral("dup"), QStringLiteral("gold"), QStringLiteral("h"));
        try {
            users.create(QStringLiteral("dup"), QStringLiteral("gold"), QStringLiteral("h"));
            QFAIL("a second user with the same name was created");
        } catch (const DbError &e) {
            QVERIFY2(Database::isUniqueViolation(e), e.what());
        }
        // The failed creation left no orphan authentication row.
        QCOMPARE(
            m_db->selectOne(QStringLiteral("SELECT COUNT(*) FROM authentication"))->at(0).toInt(),
            1);
    }

    // SQLite: however many caches a request asks (token, quota, cors_default: one ChangeWatch
    // each), PRAGMA data_version is read once per request scope, and the counter rows once per
    // change; a commit by another connection is still seen by the next request.
    void changesAreCheckedOncePerRequest()
    {
        QFETCH_GLOBAL(QString, backend);
        if (backend != u"sqlite")
            QSKIP("SQLite's data_version; PostgreSQL's changes arrive as notifications");
        Database other(m_db->settings(), QStringLiteral("store-other"));
        QString error;
        QVERIFY2(other.open(&error), qPrintable(error));
        UsersTable(*m_db).create(QStringLiteral("elsewhere"), QStringLiteral("gold"),
                                 QStringLiteral("h"));
        ChangeWatch token(*m_db), quota(*m_db), cors(*m_db);
        qint64 reads = m_db->dataVersionReads();
        // Outside a request every look reads.
        token.generation(ChangeTopic::Accounts);
        quota.generation(ChangeTopic::Quota);
        QCOMPARE(m_db->dataVersionReads(), reads + 2);
        quint64 accounts = 0;
        {
            const ChangeWatch::RequestScope request;
            reads = m_db->dataVersionReads();
            accounts = token.generation(ChangeTopic::Accounts);
            quota.generation(ChangeTopic::Quota);
            // As another process would (plain SQL: no Database::changed in this process).
            other.execute(QStringLiteral("UPDATE users SET plan = 'silver' WHERE username = ?"),
                          {QStringLiteral("elsewhere")});
            QCOMPARE(cors.generation(ChangeTopic::Accounts), accounts); // the same request
            QCOMPARE(m_db->dataVersionReads(), reads + 1);
        }
        {
            const ChangeWatch::RequestScope request;
            reads = m_db->dataVersionReads();
            const quint64 next = cors.generation(ChangeTopic::Accounts); // the next request
            QVERIFY(next != accounts);
            QCOMPARE(token.generation(ChangeTopic::Accounts), next);
            QCOMPARE(m_db->dataVersionReads(), reads + 1);
        }
    }

    void tokenSecretRotates()
    {
        const qint64 id = UsersTable(*m_db).create(QStringLiteral("tok"), QStringLiteral("gold"),
                                                   QStringLiteral("h"));
        TokensTable tokens(*m_db, QByteArray(32, 'k'));
        const QByteArray first = tokens.rotate(id);
        QCOMPARE(first.size(), 32);
        QCOMPARE(tokens.ownerByName(QStringLiteral("tok"))->secret, first);
        const QByteArray second = tokens.rotate(id);
        QVERIFY(second != first);
        QCOMPARE(tokens.ownerByName(QStringLiteral("tok"))->secret, second);
        QVERIFY(!tokens.ownerByName(QStringLiteral("nobody")));
    }

    void throttleReservesAttempts()
    {
        ThrottleTable throttle(*m_db);
        const QString key = QStringLiteral("login:user:x");
        QCOMPARE(throttle.blockedFor(key, 3, 60), 0);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(throttle.reserve(key, 3, 60), 0);
        // the fourth attempt is refused and not counted
        const qint64 wait = throttle.reserve(key, 3, 60);
        QVERIFY2(wait > 0 && wait <= 60, qPrintable(QString::number(wait)));
        QVERIFY(throttle.blockedFor(key, 3, 60) > 0);
        QCOMPARE(throttle.blockedFor(key, 4, 60), 0);
        // a good attempt gives its reservation back
        throttle.release(key);
        QCOMPARE(throttle.blockedFor(key, 3, 60), 0);
        QCOMPARE(throttle.reserve(key, 3, 60), 0);
        QVERIFY(throttle.reserve(key, 3, 60) > 0);
        throttle.clear(key);
        QCOMPARE(throttle.blockedFor(key, 3, 60), 0);
        // an old window starts afresh
        QCOMPARE(throttle.reserve(key, 1, 0), 0);
        QCOMPARE(throttle.reserve(key, 1, 0), 0);
    }

    void quotaReservationStopsAtLimit()
    {
        const qint64 id = UsersTable(*m_db).create(QStringLiteral("q"), QStringLiteral("bronze"),
                                                   QStringLiteral("h"));
        QuotaTable requests(*m_db);
        QuotaUsage usage;
        for (int i = 0; i < 3; ++i)
            QVERIFY(requests.reserve(id, 3, QStringLiteral("json"), "{}", &usage));
        QCOMPARE(usage.used, 3);
        QCOMPARE(usage.remaining(), 0);
        QVERIFY(!requests.reserve(id, 3, QStringLiteral("json"), "{}", &usage));
        QCOMPARE(requests.usage(id, 3).used, 3);
        QVERIFY(requests.usage(id, 3).resetAt > Database::now());
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
