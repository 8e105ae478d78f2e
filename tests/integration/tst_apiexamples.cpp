// docs/API.md's examples, run as written against a real depot-server: every ```sh (or bash,
// shell) block of the file, in document order, in one bash with `set -e -o pipefail`, from a
// copy of docs/examples/, with BASE the test server (the documented http://localhost:8080 is
// replaced by it). Every curl reports its status through a curlrc write-out on stderr: a 4xx,
// 5xx or no answer (000) that its block does not name (e.g. "# → 410") fails the test, as
// does a non-zero exit (curl 26: a file the example names does not ship). Blocks whose info
// string says "norun" are skipped. Nothing here knows the examples: sections other people add
// to docs/API.md are run the same way.

#include "TestServer.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace depot::test;

namespace {

struct Block
{
    int line = 0; // where it starts in the file (1-based)
    QString text;
};

QList<Block> shellBlocks(const QString &markdown)
{
    QList<Block> blocks;
    const QStringList lines = markdown.split(u'\n');
    static const QRegularExpression fence(QStringLiteral("^\\s*```\\s*([A-Za-z0-9_-]*)(.*)$"));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const auto open = fence.match(lines[i]);
        if (!open.hasMatch())
            continue;
        const QString info = open.captured(1).toLower();
        const bool run = (info == u"sh" || info == u"bash" || info == u"shell") &&
                         !open.captured(2).contains(QStringLiteral("norun"));
        Block block;
        block.line = int(i) + 2;
        for (++i; i < lines.size() && !lines[i].trimmed().startsWith(QStringLiteral("```")); ++i)
            block.text += lines[i] + u'\n';
        if (run)
            blocks.append(block);
    }
    return blocks;
}

// The status codes a block names in its comments ("# → 410", "# 204, no body"; "# 000" for a
// connection the server resets or closes on purpose, as fault mocks do).
QSet<int> namedStatuses(const QString &text)
{
    QSet<int> codes;
    static const QRegularExpression number(QStringLiteral("\\b(000|[1-5][0-9][0-9])\\b"));
    for (const QString &line : text.split(u'\n')) {
        const qsizetype hash = line.indexOf(u'#');
        if (hash < 0)
            continue;
        auto it = number.globalMatch(line.mid(hash));
        while (it.hasNext())
            codes.insert(it.next().captured(1).toInt());
    }
    return codes;
}

} // namespace

class tst_ApiExamples : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!qEnvironmentVariableIsEmpty("DEPOT_SERVER_BIN"),
                 "run through ctest: DEPOT_SERVER_BIN is not set");
        QVERIFY2(QFile::exists(QStringLiteral("/usr/bin/curl")), "curl is not installed");
    }

    void blocksAreFound()
    {
        const QList<Block> blocks = shellBlocks(
            QStringLiteral("text\n```sh\ncurl a\n```\n```json\n{}\n```\n```bash norun\nx\n```\n"
                           "```shell\ncurl b # → 404\n```\n"));
        QCOMPARE(blocks.size(), 2);
        QCOMPARE(blocks.at(0).text, QStringLiteral("curl a\n"));
        QCOMPARE(blocks.at(0).line, 3);
        QCOMPARE(namedStatuses(blocks.at(1).text), QSet<int>{404});
    }

    void apiMdExamplesRun()
    {
        QFile doc(QStringLiteral(DEPOT_SOURCE_DIR "/docs/API.md"));
        QVERIFY(doc.open(QIODevice::ReadOnly));
        const QList<Block> blocks = shellBlocks(QString::fromUtf8(doc.readAll()));
        QVERIFY2(blocks.size() >= 5, "docs/API.md has fewer examples than expected");

        TestServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const QString base = server.baseUrl().toString(QUrl::StripTrailingSlash);

        // The files the examples name, copied (symlinks followed) so downloads land elsewhere.
        QTemporaryDir work;
        QVERIFY(work.isValid());
        const QDir examples(QStringLiteral(DEPOT_SOURCE_DIR "/docs/examples"));
        for (const QString &name : examples.entryList(QDir::Files))
            QVERIFY(QFile::copy(examples.filePath(name), work.filePath(name)));
        QTemporaryDir home;
        QFile curlrc(home.filePath(QStringLiteral(".curlrc")));
        QVERIFY(curlrc.open(QIODevice::WriteOnly));
        curlrc.write("silent\nshow-error\nmax-time = 60\n"
                     "write-out = \"%{stderr}@@curl %{http_code} %{method} %{url}\\n\"\n");
        curlrc.close();

        QString script = QStringLiteral("set -e -o pipefail\n"
                                        "__block() { printf '\\n@@block %s\\n' \"$1\"; "
                                        "printf '@@block %s\\n' \"$1\" >&2; }\n");
        for (qsizetype i = 0; i < blocks.size(); ++i) {
            QString text = blocks[i].text;
            text.replace(QStringLiteral("http://localhost:8080"), base);
            script += QStringLiteral("__block %1\n").arg(i) + text + u'\n';
        }
        script += QStringLiteral("__block end\n");

        QProcess bash;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("BASE"), base);
        env.insert(QStringLiteral("CURL_HOME"), home.path());
        env.insert(QStringLiteral("HOME"), home.path());
        bash.setProcessEnvironment(env);
        bash.setWorkingDirectory(work.path());
        bash.start(QStringLiteral("/bin/bash"), {QStringLiteral("-c"), script});
        QVERIFY(bash.waitForStarted());
        QVERIFY2(bash.waitForFinished(120000), "the examples did not finish in 2 minutes");
        const QString out = QString::fromUtf8(bash.readAllStandardOutput());
        const QString err = QString::fromUtf8(bash.readAllStandardError());

        // Which block ran last, and what each curl answered, block by block.
        int current = -1;
        QList<QList<QPair<int, QString>>> statuses(blocks.size());
        for (const QString &line : err.split(u'\n')) {
            if (line.startsWith(QStringLiteral("@@block "))) {
                bool ok = false;
                const int n = line.mid(8).toInt(&ok);
                current = ok ? n : int(blocks.size());
            } else if (line.startsWith(QStringLiteral("@@curl ")) && current >= 0 &&
                       current < blocks.size()) {
                const QString rest = line.mid(7);
                statuses[current].append({rest.section(u' ', 0, 0).toInt(), rest.section(u' ', 1)});
            }
        }
        auto where = [&](int i) {
            return QStringLiteral("docs/API.md:%1:\n%2").arg(blocks[i].line).arg(blocks[i].text);
        };
        if (bash.exitStatus() != QProcess::NormalExit || bash.exitCode() != 0) {
            const QString at =
                current >= 0 && current < blocks.size() ? where(current) : QStringLiteral("?");
            QFAIL(qPrintable(QStringLiteral("an example exits with %1 at %2\nstderr:\n%3")
                                 .arg(bash.exitCode())
                                 .arg(at, err.right(3000))));
        }
        QVERIFY2(out.contains(QStringLiteral("@@block end")), qPrintable(out.right(2000)));
        int curls = 0;
        for (qsizetype i = 0; i < blocks.size(); ++i) {
            const QSet<int> named = namedStatuses(blocks[i].text);
            for (const auto &[status, request] : statuses[i]) {
                ++curls;
                // Anything else only where the block says so (a mock that answers 503 on
                // purpose, a link that is gone): the documentation states what a reader sees.
                const bool fine = (status >= 200 && status < 400) || named.contains(status);
                QVERIFY2(fine, qPrintable(QStringLiteral("%1 answered %2 in %3")
                                              .arg(request)
                                              .arg(status)
                                              .arg(where(int(i)))));
            }
        }
        QVERIFY2(curls >= 10, qPrintable(QStringLiteral("only %1 curl calls ran").arg(curls)));
        server.stop();
    }
};

QTEST_GUILESS_MAIN(tst_ApiExamples)
#include "tst_apiexamples.moc"
