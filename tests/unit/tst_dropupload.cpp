// DropUpload, the thread-pool half of PUT /api/v1.0/file, without a server: multipart bodies
// streamed into the BlobStore, the byte-exact size limit, option validation, and that every
// refusal leaves the directory empty.
#include "crypto/PasswordHash.h"
#include "drop/DropUpload.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace depot;

namespace {

const QByteArray Boundary = "9ca63b51f30f38dfdfd0cd5bc228a500";

QByteArray part(const QByteArray &disposition, const QByteArray &data, const QByteArray &extra = {})
{
    return "--" + Boundary + "\r\nContent-Disposition: form-data; " + disposition + "\r\n" + extra +
           "\r\n" + data + "\r\n";
}

QByteArray form(const QList<QByteArray> &parts)
{
    QByteArray body;
    for (const QByteArray &p : parts)
        body += p;
    return body + "--" + Boundary + "--\r\n";
}

QByteArray filePart(const QByteArray &data, const QByteArray &name = "a.bin")
{
    return part("name=\"file\"; filename=\"" + name + "\"", data);
}

QByteArray field(const QByteArray &name, const QByteArray &value)
{
    return part("name=\"" + name + "\"", value);
}

} // namespace

class TestDropUpload : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    DropUploadJob job(const QByteArray &body, bool multipart = true) const
    {
        DropUploadJob j;
        j.body = body;
        j.boundary = multipart ? Boundary : QByteArray();
        j.blobDirectory = m_dir.path() + QStringLiteral("/drops");
        j.blob = BlobStore::newName();
        j.maxBytes = 1000;
        j.maxDownloadsLimit = 100;
        j.defaultExpirySeconds = 86400;
        j.maxExpirySeconds = 7 * 86400;
        j.kdfIterations = 1000;
        j.now = 1700000000;
        return j;
    }

    QStringList files() const
    {
        return QDir(m_dir.path() + QStringLiteral("/drops")).entryList(QDir::Files | QDir::Hidden);
    }

    QByteArray stored(const QString &blob) const
    {
        QFile f(m_dir.path() + QStringLiteral("/drops/") + blob);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
    }

private Q_SLOTS:
    void cleanup()
    {
        for (const QString &f : files())
            QFile::remove(m_dir.path() + QStringLiteral("/drops/") + f);
    }

    // What DropHandler does: run on the pool, commit the row (not here), then name the file.
    static DropUploadResult runAndName(const DropUploadJob &j)
    {
        DropUploadResult r = DropUpload::run(j);
        if (r.pending && !r.pending->commit())
            qFatal("cannot name the staged file");
        return r;
    }

    void fileIsNamelessUntilCommitted()
    {
        const DropUploadJob j = job(form({filePart("content", "a.txt")}));
        DropUploadResult r = DropUpload::run(j);
        QVERIFY(!r.error);
        QVERIFY(r.pending);
        QCOMPARE(files(), QStringList()); // nothing under any name before the row exists
        QVERIFY(r.pending->commit());
        QCOMPARE(stored(j.blob), QByteArray("content"));
        // dropped without commit (the row could not be stored): nothing is left
        const DropUploadJob k = job(form({filePart("other", "b.txt")}));
        DropUpload::run(k).pending.reset();
        QCOMPARE(files(), QStringList{j.blob});
    }

    void storesFileAndOptions()
    {
        const DropUploadJob j =
            job(form({field("password", "hello world"), field("max_downloads", "3"),
                      field("expires_in", "60"), field("ignored", "x"),
                      filePart("content", "../report.xls")}));
        const DropUploadResult r = runAndName(j);
        QVERIFY2(!r.error, r.error ? qPrintable(r.error->detail) : "");
        QCOMPARE(stored(j.blob), QByteArray("content"));
        QCOMPARE(r.share.blob, j.blob);
        QCOMPARE(r.share.fileName, QStringLiteral("report.xls"));
        QCOMPARE(r.share.contentType, QStringLiteral("application/vnd.ms-excel"));
        QCOMPARE(r.share.size, 7);
        QCOMPARE(r.share.maxDownloads, 3);
        QCOMPARE(r.share.createdAt, j.now);
        QCOMPARE(r.share.expiresAt, j.now + 60);
        QVERIFY(PasswordHash::verify("hello world", r.share.passwordHash));
        QVERIFY(!r.share.passwordHash.contains(QStringLiteral("hello")));
        QCOMPARE(r.deleteToken.size(), 43); // 256 bits
        QCOMPARE(r.share.deleteTokenHash, DropUpload::hashToken(r.deleteToken));
        QVERIFY(!r.share.deleteTokenHash.contains(r.deleteToken));
    }

    void defaults()
    {
        const DropUploadJob j = job(form({filePart("x")}));
        const DropUploadResult r = runAndName(j);
        QVERIFY(!r.error);
        QCOMPARE(r.share.maxDownloads, 1);
        QCOMPARE(r.share.expiresAt, j.now + 86400);
        QVERIFY(r.share.passwordHash.isEmpty());
    }

    void optionsOutsideTheForm()
    {
        // query string / headers; a form field of the same name wins
        DropUploadJob j = job(form({field("max_downloads", "2"), filePart("x")}));
        j.password = QByteArray("from header");
        j.maxDownloads = QByteArray("5");
        j.expiresIn = QByteArray("10");
        const DropUploadResult r = runAndName(j);
        QVERIFY(!r.error);
        QCOMPARE(r.share.maxDownloads, 2);
        QCOMPARE(r.share.expiresAt, j.now + 10);
        QVERIFY(PasswordHash::verify("from header", r.share.passwordHash));
    }

    void sizeLimitIsExact()
    {
        const DropUploadResult atLimit =
            runAndName(job(form({filePart(QByteArray(1000, 'a'))})));
        QVERIFY(!atLimit.error);
        QCOMPARE(files().size(), 1);
        cleanup();
        // one byte more, split over the parser's 64 KiB feed boundaries or not
        for (const qsizetype prefix : {qsizetype(0), qsizetype(65536 - 100)}) {
            DropUploadJob j = job(field("pad", QByteArray(prefix, 'p')) +
                                  form({filePart(QByteArray(1001, 'a'))}));
            j.maxBytes = 1000;
            const DropUploadResult r = runAndName(j);
            QVERIFY(r.error);
            QCOMPARE(r.error->status, 413);
            QCOMPARE(files(), QStringList());
        }
        const DropUploadResult raw = runAndName(job(QByteArray(1001, 'r'), false));
        QCOMPARE(raw.error->status, 413);
        QCOMPARE(files(), QStringList());
    }

    void largeFileAcrossChunks()
    {
        QByteArray data(3 * 65536 + 17, Qt::Uninitialized);
        for (qsizetype i = 0; i < data.size(); ++i)
            data[i] = char(QRandomGenerator::global()->generate());
        // boundary look-alikes inside the data, across chunk edges
        data.replace(65536 - 10, 40, QByteArray("\r\n--" + Boundary + "X12"));
        DropUploadJob j = job(form({filePart(data)}));
        j.maxBytes = data.size();
        const DropUploadResult r = runAndName(j);
        QVERIFY2(!r.error, r.error ? qPrintable(r.error->detail) : "");
        QVERIFY(stored(j.blob) == data);
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::newRow("no file part") << form({field("password", "x")}) << 400;
        QTest::newRow("empty form") << form({}) << 400;
        QTest::newRow("browser: file input left empty")
            << form({part("name=\"file\"; filename=\"\"", "",
                          "Content-Type: application/octet-stream\r\n")})
            << 400;
        QTest::newRow("two files") << form({filePart("a"), filePart("b")}) << 400;
        QTest::newRow("truncated") << form({filePart("abc")}).chopped(10) << 400;
        QTest::newRow("not multipart") << QByteArray("hello") << 400;
        QTest::newRow("part without a name") << form({part("filename=\"a\"", "x")}) << 400;
        QTest::newRow("field too long")
            << form({field("password", QByteArray(5000, 'p')), filePart("x")}) << 400;
        QTest::newRow("password too long")
            << form({field("password", QByteArray(1025, 'p')), filePart("x")}) << 400;
        QTest::newRow("max_downloads 0")
            << form({field("max_downloads", "0"), filePart("x")}) << 400;
        QTest::newRow("max_downloads 101")
            << form({field("max_downloads", "101"), filePart("x")}) << 400;
        QTest::newRow("max_downloads hex")
            << form({field("max_downloads", "0x10"), filePart("x")}) << 400;
        QTest::newRow("expires_in huge")
            << form({field("expires_in", "99999999999999999999"), filePart("x")}) << 400;
        QTest::newRow("expires_in after the file")
            << form({filePart("x"), field("expires_in", "-5")}) << 400;
    }

    void refusals()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        const DropUploadResult r = runAndName(job(body));
        QVERIFY(r.error);
        QCOMPARE(r.error->status, status);
        QVERIFY(!r.error->detail.isEmpty());
        QCOMPARE(files(), QStringList()); // nothing left behind, even when the file came first
    }

    void fileFieldWithoutFileName()
    {
        // curl -F 'file=<x' sends the content as a plain field named "file": still the file
        const DropUploadJob j = job(form({field("file", "plain")}));
        const DropUploadResult r = runAndName(j);
        QVERIFY(!r.error);
        QCOMPARE(stored(j.blob), QByteArray("plain"));
        QCOMPARE(r.share.fileName, QStringLiteral("download"));
    }

    void rawBody()
    {
        DropUploadJob j = job(QByteArray("%PDF-1.7\n..."), false);
        j.rawFileName = QStringLiteral("C:\\docs\\report.bin");
        j.rawContentType = "text/html";
        const DropUploadResult r = runAndName(j);
        QVERIFY(!r.error);
        QCOMPARE(r.share.fileName, QStringLiteral("report.bin"));
        QCOMPARE(r.share.contentType, QStringLiteral("application/pdf"));
        QCOMPARE(stored(j.blob), QByteArray("%PDF-1.7\n..."));
    }

    void contentType_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("declared");
        QTest::addColumn<QString>("expected");
        const QByteArray png = QByteArray::fromHex("89504e470d0a1a0a0000000d49484452");
        QTest::newRow("magic beats name")
            << png << QStringLiteral("x.txt") << QByteArray("text/plain")
            << QStringLiteral("image/png");
        QTest::newRow("name beats claim")
            << QByteArray("a,b\n") << QStringLiteral("x.csv") << QByteArray("application/json")
            << QStringLiteral("text/csv");
        QTest::newRow("claim when nothing else")
            << QByteArray("\x01\x02") << QStringLiteral("x")
            << QByteArray("application/x-thing; a=b") << QStringLiteral("application/x-thing");
        QTest::newRow("html name") << QByteArray("<html>") << QStringLiteral("x.html")
                                   << QByteArray("text/html") << QStringLiteral("text/plain");
        QTest::newRow("svg") << QByteArray("<svg/>") << QStringLiteral("x.svg")
                             << QByteArray("image/svg+xml") << QStringLiteral("text/plain");
        QTest::newRow("binary html claim")
            << QByteArray("\x01\x02") << QStringLiteral("x") << QByteArray("text/html")
            << QStringLiteral("application/octet-stream");
        QTest::newRow("nothing") << QByteArray() << QStringLiteral("x") << QByteArray()
                                 << QStringLiteral("application/octet-stream");
    }

    void contentType()
    {
        QFETCH(QByteArray, head);
        QFETCH(QString, name);
        QFETCH(QByteArray, declared);
        QFETCH(QString, expected);
        QCOMPARE(DropUpload::chooseContentType(head, name, declared), expected);
    }
};

QTEST_GUILESS_MAIN(TestDropUpload)
#include "tst_dropupload.moc"
