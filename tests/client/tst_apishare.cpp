// ApiClient's anonymous file drop (ShareUpload, FileDownload) against a real server.

#include "ClientTestSupport.h"
#include "api/FileDownload.h"
#include "api/ShareUpload.h"

#include <QtTest>

using namespace depot;
using namespace depot::clienttest;
using depot::test::TestServer;

namespace {

struct Shared
{
    bool finished = false;
    bool ok = false;
    ShareInfo info;
    RequestError error;
};

struct Downloaded
{
    bool finished = false;
    bool ok = false;
    QString suggestedName;
    QString savedPath;
    qint64 progressed = 0;
    RequestError error;
};

} // namespace

class TestApiShare : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void roundTrip_data();
    void roundTrip();
    void passwordRequired();
    void unknownLinkIsNotFound();
    void severalDownloads();
    void cancelWhileChoosingWritesNothing();
    void missingFileFailsLocally();

private:
    Shared share(const ShareOptions &options);
    // targetEarly: the target path is set at once, otherwise when the server agreed to send.
    Downloaded download(const QUrl &link, const QString &password, const QString &target,
                        bool targetEarly = true);
    QString writeFile(const QString &name, const QByteArray &content);
    QByteArray readFile(const QString &path);

    QTemporaryDir m_files;
    TestServer m_server;
    Session m_session;
    ApiClient m_client{&m_session};
    int m_counter = 0;
};

void TestApiShare::initTestCase()
{
    QVERIFY(m_files.isValid());
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_session.setServerUrl(m_server.baseUrl());
}

QString TestApiShare::writeFile(const QString &name, const QByteArray &content)
{
    QFile file(m_files.filePath(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        return QString();
    return file.fileName();
}

QByteArray TestApiShare::readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

Shared TestApiShare::share(const ShareOptions &options)
{
    Shared result;
    QObject frame; // context of the slots below: they must not outlive `result`
    ShareUpload *upload = m_client.shareFile(options);
    QObject::connect(upload, &ShareUpload::finished, &frame, [&result, upload] {
        result.finished = true;
        result.ok = upload->ok();
        result.info = upload->info();
        result.error = upload->error();
    });
    QTest::qWaitFor([&result] { return result.finished; }, 30000);
    return result;
}

Downloaded TestApiShare::download(const QUrl &link, const QString &password, const QString &target,
                                  bool targetEarly)
{
    Downloaded result;
    QObject frame; // context of the slots below: they must not outlive `result`
    FileDownload *job = m_client.download(link, password);
    if (targetEarly)
        job->setTargetPath(target);
    QObject::connect(job, &FileDownload::saveLocationNeeded, &frame,
                     [&result, job, target](const QString &name) {
                         result.suggestedName = name;
                         job->setTargetPath(target);
                     });
    QObject::connect(job, &FileDownload::progress, &frame,
                     [&result](qint64 received) { result.progressed = received; });
    QObject::connect(job, &FileDownload::finished, &frame, [&result, job] {
        result.finished = true;
        result.ok = job->ok();
        result.savedPath = job->savedPath();
        result.error = job->error();
    });
    QTest::qWaitFor([&result] { return result.finished; }, 30000);
    return result;
}

void TestApiShare::roundTrip_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<bool>("targetEarly");
    QByteArray binary;
    for (int i = 0; i < 1 << 20; ++i)
        binary.append(char((i * 31) ^ (i >> 8)));
    QTest::newRow("text") << QStringLiteral("hello.txt") << QByteArray("hello\n") << true;
    QTest::newRow("empty") << QStringLiteral("empty.bin") << QByteArray() << true;
    QTest::newRow("binary 1 MiB, target chosen later")
        << QStringLiteral("data.bin") << binary << false;
    QTest::newRow("utf-8 name with spaces")
        << QStringLiteral("Grüße an alle.txt") << QByteArray("grüße") << false;
}

void TestApiShare::roundTrip()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(bool, targetEarly);
    const QString path = writeFile(name, content);
    QVERIFY(!path.isEmpty());
    const Shared shared = share(ShareOptions{path, QString(), 0, 0});
    QVERIFY2(shared.ok, qPrintable(shared.error.message()));
    QCOMPARE(shared.info.url.path().section(QLatin1Char('/'), 0, -2),
             QStringLiteral("/api/v1.0/file"));
    QCOMPARE(shared.info.url.host(), m_server.baseUrl().host());

    const QString target = m_files.filePath(QStringLiteral("out-%1").arg(++m_counter));
    const Downloaded first = download(shared.info.url, QString(), target, targetEarly);
    QVERIFY2(first.ok, qPrintable(first.error.message()));
    QCOMPARE(first.savedPath, target);
    QCOMPARE(readFile(target), content);
    if (!targetEarly)
        QCOMPARE(first.suggestedName, name);

    const QString again = m_files.filePath(QStringLiteral("again-%1").arg(m_counter));
    const Downloaded second = download(shared.info.url, QString(), again);
    QVERIFY(!second.ok);
    QCOMPARE(second.error.status(), 410);
    QVERIFY(!QFile::exists(again)); // nothing written for an error
}

void TestApiShare::passwordRequired()
{
    const QString path = writeFile(QStringLiteral("secret.txt"), QByteArray("top secret"));
    const Shared shared = share(ShareOptions{path, QStringLiteral("open sesame"), 0, 0});
    QVERIFY2(shared.ok, qPrintable(shared.error.message()));
    const QString target = m_files.filePath(QStringLiteral("secret-out.txt"));

    const Downloaded none = download(shared.info.url, QString(), target);
    QCOMPARE(none.error.status(), 401);
    const Downloaded wrong = download(shared.info.url, QStringLiteral("open barley"), target);
    QCOMPARE(wrong.error.status(), 401);
    QVERIFY(!QFile::exists(target));

    const Downloaded right = download(shared.info.url, QStringLiteral("open sesame"), target);
    QVERIFY2(right.ok, qPrintable(right.error.message()));
    QCOMPARE(readFile(target), QByteArray("top secret"));
}

void TestApiShare::unknownLinkIsNotFound()
{
    QUrl link = m_server.baseUrl();
    link.setPath(QStringLiteral("/api/v1.0/file/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
    const Downloaded result = download(link, QString(), m_files.filePath(QStringLiteral("x")));
    QCOMPARE(result.error.status(), 404);
}

void TestApiShare::severalDownloads()
{
    const QString path = writeFile(QStringLiteral("twice.txt"), QByteArray("twice"));
    const Shared shared = share(ShareOptions{path, QString(), 2, 3600});
    QVERIFY2(shared.ok, qPrintable(shared.error.message()));
    QVERIFY(shared.info.expiresAt.isValid());
    QVERIFY(shared.info.expiresAt <= QDateTime::currentDateTimeUtc().addSecs(3700));
    for (int i = 0; i < 2; ++i) {
        const Downloaded ok = download(shared.info.url, QString(),
                                       m_files.filePath(QStringLiteral("twice-%1").arg(i)));
        QVERIFY2(ok.ok, qPrintable(ok.error.message()));
    }
    const Downloaded third =
        download(shared.info.url, QString(), m_files.filePath(QStringLiteral("twice-3")));
    QCOMPARE(third.error.status(), 410);
}

void TestApiShare::cancelWhileChoosingWritesNothing()
{
    QByteArray big(4 << 20, 'x'); // more than the reply's read buffer: the transfer waits
    const QString path = writeFile(QStringLiteral("big.txt"), big);
    const Shared shared = share(ShareOptions{path, QString(), 0, 0});
    QVERIFY2(shared.ok, qPrintable(shared.error.message()));

    bool finished = false;
    RequestError error;
    QString suggested;
    QObject frame; // context of the slots below: they must not outlive the locals they write
    FileDownload *job = m_client.download(shared.info.url);
    QObject::connect(job, &FileDownload::saveLocationNeeded, &frame, [&, job](const QString &name) {
        suggested = name;
        job->abort();
    });
    QObject::connect(job, &FileDownload::finished, &frame, [&, job] {
        finished = true;
        error = job->error();
    });
    QTRY_VERIFY_WITH_TIMEOUT(finished, 30000);
    QCOMPARE(suggested, QStringLiteral("big.txt"));
    QCOMPARE(error.status(), 0);
    QVERIFY(error.isCancelled());
}

void TestApiShare::missingFileFailsLocally()
{
    const Shared shared =
        share(ShareOptions{m_files.filePath(QStringLiteral("does-not-exist")), QString(), 0, 0});
    QVERIFY(!shared.ok);
    QCOMPARE(shared.error.status(), 0);
    QVERIFY(shared.error.message().contains(QStringLiteral("does-not-exist")));
}

QTEST_GUILESS_MAIN(TestApiShare)
#include "tst_apishare.moc"
