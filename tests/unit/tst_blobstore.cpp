// BlobStore: atomic writes that leave nothing behind on failure, names that cannot leave the
// directory, deletions off the calling thread and the orphan sweep's grace period.
#include "store/BlobStore.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace depot;

class TestBlobStore : public QObject
{
    Q_OBJECT

    static QStringList entries(const QString &dir)
    {
        return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::System, QDir::Name);
    }

    static void makeFile(const QString &path, const QDateTime &modified = {})
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("x");
        f.flush();
        if (modified.isValid())
            QVERIFY(f.setFileTime(modified, QFileDevice::FileModificationTime));
    }

private Q_SLOTS:
    void names_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::newRow("generated") << BlobStore::newName() << true;
        QTest::newRow("url-safe") << QStringLiteral("Ab-_09") << true;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("dot dot") << QStringLiteral("..") << false;
        QTest::newRow("traversal") << QStringLiteral("../etc") << false;
        QTest::newRow("slash") << QStringLiteral("a/b") << false;
        QTest::newRow("backslash") << QStringLiteral("a\\b") << false;
        QTest::newRow("hidden") << QStringLiteral(".x") << false;
        QTest::newRow("NUL") << QStringLiteral("a") + QChar(0) << false;
        QTest::newRow("non-ASCII") << QStringLiteral("é") << false;
        QTest::newRow("128") << QString(128, u'a') << true;
        QTest::newRow("129") << QString(129, u'a') << false;
    }

    void names()
    {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        QTemporaryDir dir;
        const BlobStore store(dir.path() + QStringLiteral("/drops"));
        QCOMPARE(BlobStore::isValidName(name), valid);
        QCOMPARE(store.path(name).isEmpty(), !valid);
        QCOMPARE(store.create(name) != nullptr, valid);
        if (valid)
            QCOMPARE(QFileInfo(store.path(name)).dir().absolutePath(),
                     QDir(dir.path() + QStringLiteral("/drops")).absolutePath());
    }

    void newNamesAreRandom()
    {
        QSet<QString> names;
        for (int i = 0; i < 1000; ++i)
            names.insert(BlobStore::newName());
        QCOMPARE(names.size(), 1000);
        QCOMPARE(BlobStore::newName().size(), 22); // 128 bits
    }

    void writeIsAtomic()
    {
        QTemporaryDir dir;
        const QString root = dir.path() + QStringLiteral("/files/drops"); // created on demand
        const BlobStore store(root);
        const QString name = BlobStore::newName();
        {
            const auto writer = store.create(name);
            QVERIFY(writer->open());
            QVERIFY(writer->write("hello "));
            QVERIFY(!QFile::exists(store.path(name))); // nothing under the final name yet
            QVERIFY(writer->write("world"));
            QCOMPARE(writer->size(), 11);
            QVERIFY(writer->commit());
            QCOMPARE(writer->status(), BlobStore::Status::Ok);
        }
        QFile f(store.path(name));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("hello world"));
        QCOMPARE(entries(root), QStringList{name}); // no temporary left over

        QString error;
        QCOMPARE(store.write(QStringLiteral("second"), QByteArray(100000, 'z'), &error),
                 BlobStore::Status::Ok);
        QCOMPARE(QFileInfo(store.path(QStringLiteral("second"))).size(), 100000);
        QCOMPARE(store.write(QStringLiteral("../escape"), "x", &error), BlobStore::Status::IoError);
        QVERIFY(!QFile::exists(dir.path() + QStringLiteral("/files/escape")));
    }

    void abandonedWritesLeaveNothing()
    {
        QTemporaryDir dir;
        const BlobStore store(dir.path());
        {
            const auto writer = store.create(QStringLiteral("dropped"));
            QVERIFY(writer->open());
            QVERIFY(writer->write(QByteArray(1 << 20, 'a')));
        } // destroyed without commit(): e.g. the request failed half-way
        {
            const auto writer = store.create(QStringLiteral("cancelled"));
            QVERIFY(writer->open());
            QVERIFY(writer->write("abc"));
            writer->cancel();
            QVERIFY(!writer->commit());
        }
        QCOMPARE(entries(dir.path()), QStringList());
    }

    void replaceKeepsOldContentUntilCommit()
    {
        QTemporaryDir dir;
        const BlobStore store(dir.path());
        QCOMPARE(store.write(QStringLiteral("f"), "old"), BlobStore::Status::Ok);
        const auto writer = store.create(QStringLiteral("f"));
        QVERIFY(writer->open());
        QVERIFY(writer->write("new"));
        QFile before(store.path(QStringLiteral("f")));
        QVERIFY(before.open(QIODevice::ReadOnly));
        QCOMPARE(before.readAll(), QByteArray("old"));
        QVERIFY(writer->commit());
        QFile after(store.path(QStringLiteral("f")));
        QVERIFY(after.open(QIODevice::ReadOnly));
        QCOMPARE(after.readAll(), QByteArray("new"));
    }

    void remove()
    {
        QTemporaryDir dir;
        const BlobStore store(dir.path());
        QCOMPARE(store.write(QStringLiteral("a"), "a"), BlobStore::Status::Ok);
        QCOMPARE(store.write(QStringLiteral("b"), "b"), BlobStore::Status::Ok);
        QCOMPARE(store.write(QStringLiteral("c"), "c"), BlobStore::Status::Ok);
        makeFile(dir.path() + QStringLiteral("/../outside-") + QFileInfo(dir.path()).fileName());
        // a missing file counts as removed; invalid names are never followed
        QVERIFY(store.remove({QStringLiteral("a"), QStringLiteral("missing"),
                              QStringLiteral("../outside-") + QFileInfo(dir.path()).fileName()}));
        QVERIFY(QFile::exists(dir.path() + QStringLiteral("/../outside-") +
                              QFileInfo(dir.path()).fileName()));
        QFile::remove(dir.path() + QStringLiteral("/../outside-") +
                      QFileInfo(dir.path()).fileName());
        QCOMPARE(entries(dir.path()), (QStringList{QStringLiteral("b"), QStringLiteral("c")}));
        store.removeLater({QStringLiteral("b"), QStringLiteral("c")}); // on the thread pool
        QTRY_COMPARE_WITH_TIMEOUT(entries(dir.path()), QStringList(), 5000);
    }

    void sweepOrphans()
    {
        QTemporaryDir dir;
        const BlobStore store(dir.path());
        const QDateTime old = QDateTime::currentDateTime().addSecs(-3600);
        makeFile(store.path(QStringLiteral("referenced")), old);
        makeFile(store.path(QStringLiteral("oldOrphan")), old);
        // A name is given only after the row is committed: unreferenced, it is an orphan however
        // young it is...
        makeFile(store.path(QStringLiteral("freshOrphan")));
        makeFile(dir.path() + QStringLiteral("/x.ab12Cd"), old); // a QSaveFile temporary
        makeFile(dir.path() + QStringLiteral("/.hidden"), old);
        makeFile(dir.path() + QStringLiteral("/y.Zz9876")); // a temporary still being written
        const QSet<QString> listed = store.names();
        QCOMPARE(listed.size(), 3);
        // ...unless it was named after the listing (its row may be newer than the rows read)
        makeFile(store.path(QStringLiteral("namedMeanwhile")));
        QCOMPARE(store.sweepOrphans(listed, {QStringLiteral("referenced")}, 600), 4);
        QCOMPARE(entries(dir.path()),
                 (QStringList{QStringLiteral("namedMeanwhile"), QStringLiteral("referenced"),
                              QStringLiteral("y.Zz9876")}));
        QFile fresh(dir.path() + QStringLiteral("/y.Zz9876"));
        QVERIFY(fresh.open(QIODevice::ReadWrite)); // setFileTime() needs an open file
        QVERIFY(fresh.setFileTime(QDateTime::currentDateTime().addSecs(-120),
                                  QFileDevice::FileModificationTime));
        fresh.close();
        QCOMPARE(store.sweepOrphans(store.names(), {QStringLiteral("referenced")}, 60), 2);
        QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("referenced")});
        // a directory that does not exist yet has nothing to sweep
        QCOMPARE(BlobStore(dir.path() + QStringLiteral("/none")).sweepOrphans({}, {}, 0), 0);
    }
};

QTEST_GUILESS_MAIN(TestBlobStore)
#include "tst_blobstore.moc"
