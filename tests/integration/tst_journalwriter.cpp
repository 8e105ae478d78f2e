// The journal's writer in process against real SQLite and PostgreSQL: entries are written in
// batches after the answers, trimmed per journal, announced through JournalHub (the hook a live
// view subscribes to), and secrets are redacted before anything is stored.
#include "TestDatabase.h"
#include "TestServer.h"

#include "endpoints/Journal.h"
#include "store/Database.h"
#include "store/Schema.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace depot;
using namespace depot::test;

class TestJournalWriter : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestPgDatabase> m_pg;
    std::unique_ptr<Database> m_db;
    qint64 m_user = 0, m_endpoint = 0, m_other = 0;

    qint64 endpoint(const QString &identifier)
    {
        return m_db->insert(
            QStringLiteral("INSERT INTO endpoints (userid, identifier, method, kind, latency, "
                           "headers, status_code, size, content_time, created_at, updated_at, "
                           "expires_at) VALUES (?, ?, 'GET', 'json', 0, '{}', 200, 0, 0, 0, 0, "
                           "4000000000) RETURNING id"),
            {m_user, identifier});
    }

    JournalEntry entry(qint64 endpointId, const QString &path)
    {
        JournalEntry e;
        e.userId = m_user;
        e.endpointId = endpointId;
        e.atUs = 1;
        e.method = QStringLiteral("GET");
        e.path = path;
        e.remote = QStringLiteral("127.0.0.1");
        e.answeredBy = QStringLiteral("endpoint");
        e.status = 200;
        return e;
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
        Database::Settings settings;
        if (backend == u"postgresql") {
            m_pg = std::make_unique<TestPgDatabase>();
            QString error;
            QVERIFY2(m_pg->create(&error), qPrintable(error));
            settings = m_pg->settings();
        } else {
            m_dir = std::make_unique<QTemporaryDir>();
            settings.sqliteFile = m_dir->filePath(QStringLiteral("test.sqlite"));
        }
        m_db = std::make_unique<Database>(settings, QStringLiteral("journal-test"));
        QString error;
        QVERIFY2(m_db->open(&error), qPrintable(error));
        QVERIFY2(Schema::migrate(*m_db, &error), qPrintable(error));
        m_user = m_db->insert(QStringLiteral("INSERT INTO users (username, plan, created_at) "
                                             "VALUES ('ada', 'gold', 0) RETURNING id"));
        m_endpoint = endpoint(QStringLiteral("a"));
        m_other = endpoint(QStringLiteral("b"));
    }

    void cleanup()
    {
        m_db.reset();
        m_pg.reset();
        m_dir.reset();
    }

    void batchesTrimsAndAnnounces()
    {
        QObject thread;
        auto writer = std::make_shared<JournalWriter>(*m_db, &thread, 3);
        QSignalSpy added(JournalHub::instance(), &JournalHub::entryAdded);
        for (int i = 0; i < 5; ++i)
            writer->add(entry(m_endpoint, QStringLiteral("/a/%1").arg(i)));
        writer->add(entry(m_other, QStringLiteral("/b")));
        writer->add(entry(0, QStringLiteral("/unmatched")));
        // Nothing is written while the answers are still going out.
        QCOMPARE(JournalTable(*m_db).count(m_user, m_endpoint), 0);
        // Only what the trim keeps is written and announced: the newest 3 of the first journal
        // (the 2 older ones would be deleted in the same transaction), and the other two.
        QTRY_COMPARE(added.size(), 5);
        QTest::qWait(3 * JournalWriter::FlushDelayMs);
        QCOMPARE(added.size(), 5);
        QCOMPARE(added.at(0).at(0).toLongLong(), m_user);
        QCOMPARE(added.at(0).at(1).toLongLong(), m_endpoint);
        QCOMPARE(added.at(4).at(1).toLongLong(), 0); // unmatched
        // Trimmed to 3 per journal, the newest kept, each journal on its own.
        JournalTable table(*m_db);
        QCOMPARE(table.count(m_user, m_endpoint), 3);
        const QList<JournalEntry> kept = table.list(m_user, m_endpoint, 10, 0);
        QCOMPARE(kept.first().path, QStringLiteral("/a/4"));
        QCOMPARE(kept.last().path, QStringLiteral("/a/2"));
        QCOMPARE(kept.first().id, added.at(2).at(2).toLongLong());
        QCOMPARE(kept.last().id, added.at(0).at(2).toLongLong());
        QCOMPARE(table.count(m_user, m_other), 1);
        QCOMPARE(table.count(m_user, 0), 1);
    }

    // A batch goes in multi-row INSERTs of 100 rows: 500 entries of two journals queued at once
    // are all stored, each with the id of its own row, ids rising in the order they came, and
    // announced in that order.
    void aLargeBatchKeepsOrderAndIds()
    {
        QObject thread;
        auto writer = std::make_shared<JournalWriter>(*m_db, &thread, 1000);
        QSignalSpy added(JournalHub::instance(), &JournalHub::entryAdded);
        constexpr int Count = 500;
        for (int i = 0; i < Count; ++i)
            writer->add(entry(i % 3 == 0 ? m_other : m_endpoint, QStringLiteral("/%1").arg(i)));
        QTRY_COMPARE(added.size(), Count);
        JournalTable table(*m_db);
        QHash<qint64, QString> paths;
        for (const qint64 journal : {m_endpoint, m_other}) {
            for (const JournalEntry &e : table.list(m_user, journal, Count, 0))
                paths.insert(e.id, e.path);
        }
        QCOMPARE(paths.size(), Count);
        qint64 previous = 0;
        for (int i = 0; i < Count; ++i) {
            const qint64 id = added.at(i).at(2).toLongLong();
            QVERIFY2(id > previous, qPrintable(QStringLiteral("entry %1").arg(i)));
            previous = id;
            QCOMPARE(added.at(i).at(1).toLongLong(), i % 3 == 0 ? m_other : m_endpoint);
            QCOMPARE(paths.value(id), QStringLiteral("/%1").arg(i));
        }
    }

    void anEndpointDeletedMeanwhileLosesOnlyItsEntries()
    {
        QObject thread;
        auto writer = std::make_shared<JournalWriter>(*m_db, &thread, 10);
        QSignalSpy added(JournalHub::instance(), &JournalHub::entryAdded);
        writer->add(entry(m_endpoint, QStringLiteral("/a")));
        writer->add(entry(m_other, QStringLiteral("/b")));
        m_db->execute(QStringLiteral("DELETE FROM endpoints WHERE id = ?"), {m_endpoint});
        QTRY_COMPARE(added.size(), 1);
        QCOMPARE(added.at(0).at(1).toLongLong(), m_other);
        QCOMPARE(JournalTable(*m_db).count(m_user, m_other), 1);
    }

    void bodiesAreCutAndSecretsRedacted()
    {
        const auto headers = JournalWriter::redactedHeaders({{"authorization", "Bearer abc"},
                                                             {"Cookie", "s=1"},
                                                             {"Proxy-Authorization", "x"},
                                                             {"X-Other", "kept"}});
        QCOMPARE(headers.size(), 4);
        QCOMPARE(headers.at(0).second, QStringLiteral("[redacted]"));
        QCOMPARE(headers.at(1).second, QStringLiteral("[redacted]"));
        QCOMPARE(headers.at(2).second, QStringLiteral("[redacted]"));
        QCOMPARE(headers.at(3).second, QStringLiteral("kept"));

        QObject thread;
        auto writer = std::make_shared<JournalWriter>(*m_db, &thread, 10);
        QSignalSpy added(JournalHub::instance(), &JournalHub::entryAdded);
        JournalEntry big = entry(m_endpoint, QStringLiteral("/big"));
        big.body = QByteArray(JournalWriter::MaxBodyBytes + 10, 'x');
        big.bodySize = big.body.size();
        writer->add(big);
        QTRY_COMPARE(added.size(), 1);
        const JournalEntry stored = JournalTable(*m_db).list(m_user, m_endpoint, 1, 0).first();
        QCOMPARE(stored.body.size(), JournalWriter::MaxBodyBytes);
        QVERIFY(stored.bodyTruncated);
        QCOMPARE(stored.bodySize, JournalWriter::MaxBodyBytes + 10);
    }

    void disabledWritesNothing()
    {
        QObject thread;
        auto writer = std::make_shared<JournalWriter>(*m_db, &thread, 0);
        QSignalSpy added(JournalHub::instance(), &JournalHub::entryAdded);
        writer->add(entry(m_endpoint, QStringLiteral("/a")));
        QTest::qWait(3 * JournalWriter::FlushDelayMs);
        QCOMPARE(added.size(), 0);
        QCOMPARE(JournalTable(*m_db).count(m_user, m_endpoint), 0);
    }
};

QTEST_GUILESS_MAIN(TestJournalWriter)
#include "tst_journalwriter.moc"
