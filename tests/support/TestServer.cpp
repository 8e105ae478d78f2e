#include "TestServer.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUrlQuery>

#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

namespace depot::test {

TestServer::~TestServer()
{
    stop();
}

QStringList TestServer::backends()
{
    QStringList list{QStringLiteral("sqlite")};
    if (!qEnvironmentVariableIsEmpty("DEPOT_TEST_PG_URL"))
        list.append(QStringLiteral("postgresql"));
    else if (qEnvironmentVariableIntValue("DEPOT_REQUIRE_PG") == 1)
        qFatal("DEPOT_REQUIRE_PG=1 but DEPOT_TEST_PG_URL is not set");
    return list;
}

QUrl TestServer::url(const QString &path) const
{
    QUrl u = m_baseUrl;
    const qsizetype q = path.indexOf(u'?');
    u.setPath(q < 0 ? path : path.left(q), QUrl::TolerantMode);
    if (q >= 0)
        u.setQuery(path.mid(q + 1), QUrl::TolerantMode);
    return u;
}

bool TestServer::start(const Options &options)
{
    m_tempDir = std::make_unique<QTemporaryDir>();
    m_dataDir = m_tempDir->filePath(QStringLiteral("data"));
    m_databaseUrl = options.databaseUrl;
    if (options.databaseUrl.isEmpty() && options.backend == u"postgresql") {
        m_pg = std::make_unique<TestPgDatabase>();
        if (!m_pg->create(&m_error))
            return false;
        m_databaseUrl = m_pg->url();
    }
    return launch(options);
}

bool TestServer::startSharing(const TestServer &other, const Options &options)
{
    m_tempDir = std::make_unique<QTemporaryDir>(); // only for this instance's log
    m_dataDir = other.m_dataDir;
    m_databaseUrl = other.m_databaseUrl;
    return launch(options);
}

QProcessEnvironment TestServer::cleanEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &key : env.keys()) {
        if (key.startsWith(QStringLiteral("DEPOT_")) || key == u"TOKEN_EXPIRY")
            env.remove(key);
    }
    return env;
}

bool TestServer::launch(const Options &options)
{
    const QString binary = qEnvironmentVariable("DEPOT_SERVER_BIN");
    if (binary.isEmpty()) {
        m_error = QStringLiteral("DEPOT_SERVER_BIN is not set (run the tests through ctest)");
        return false;
    }
    m_logFile = m_tempDir->filePath(
        QStringLiteral("server-%1.log").arg(QRandomGenerator::global()->generate()));
    const QString outFile = m_logFile + QStringLiteral(".out");
    QStringList args{QStringLiteral("--listen"),         QStringLiteral("127.0.0.1:0"),
                     QStringLiteral("--data-dir"),       m_dataDir,
                     QStringLiteral("--kdf-iterations"), QStringLiteral("1000"),
                     QStringLiteral("--workers"),        QString::number(options.workers)};
    if (!m_databaseUrl.isEmpty())
        args << QStringLiteral("--database") << m_databaseUrl;
    args << options.extraArgs;
    m_process = std::make_unique<QProcess>();
    m_process->setProcessEnvironment(options.env);
    m_process->setStandardErrorFile(m_logFile);
    m_process->setStandardOutputFile(outFile);
    // A test that aborts (a failed QVERIFY in a helper, a sanitizer report, a timeout) never runs
    // stop(): its servers die with it instead of grinding on beside the next tests.
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0); });
    if (options.runAsUid) {
        const QByteArray dir = QFile::encodeName(m_tempDir->path());
        if (::chown(dir.constData(), *options.runAsUid, *options.runAsUid) != 0) {
            m_error = QStringLiteral("cannot give %1 to uid %2")
                          .arg(m_tempDir->path())
                          .arg(*options.runAsUid);
            return false;
        }
        const QString id = QString::number(*options.runAsUid);
        m_process->start(
            QStringLiteral("/usr/bin/setpriv"),
            QStringList{QStringLiteral("--reuid=") + id, QStringLiteral("--regid=") + id,
                        QStringLiteral("--clear-groups"), QStringLiteral("--"), binary} +
                args);
    } else {
        m_process->start(binary, args);
    }
    if (!m_process->waitForStarted(10000)) {
        m_error = QStringLiteral("cannot start %1: %2").arg(binary, m_process->errorString());
        return false;
    }
    static const QRegularExpression listening(QStringLiteral("listening on (https?://[^ ]+)"));
    QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired()) {
        QFile out(outFile);
        if (out.open(QIODevice::ReadOnly)) {
            const auto match = listening.match(QString::fromUtf8(out.readAll()));
            if (match.hasMatch()) {
                m_baseUrl = QUrl(match.captured(1));
                TestHttp::checkContractOf(m_baseUrl); // its answers are checked against the spec
                return true;
            }
        }
        if (m_process->state() != QProcess::Running) {
            m_error = QStringLiteral("depot-server exited (%1): %2")
                          .arg(m_process->exitCode())
                          .arg(QString::fromUtf8(log()));
            return false;
        }
        m_process->waitForFinished(20);
    }
    m_error = QStringLiteral("depot-server did not say it listens: ") + QString::fromUtf8(log());
    return false;
}

QByteArray TestServer::output() const
{
    QFile file(m_logFile + QStringLiteral(".out"));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString TestServer::state() const
{
    if (!m_process)
        return QStringLiteral("not started");
    if (m_process->state() != QProcess::NotRunning)
        return QStringLiteral("running");
    // On Unix a crashed process's exit code is the signal that ended it.
    return m_process->exitStatus() == QProcess::CrashExit
               ? QStringLiteral("killed by signal %1").arg(m_process->exitCode())
               : QStringLiteral("exited with code %1").arg(m_process->exitCode());
}

QByteArray TestServer::log() const
{
    QFile file(m_logFile);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

int TestServer::stop()
{
    int code = -1;
    if (m_process && m_process->state() != QProcess::NotRunning) {
        ::kill(pid_t(m_process->processId()), SIGTERM);
        if (m_process->waitForFinished(20000))
            code = m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
        else
            kill();
    } else if (m_process) {
        code = m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
    }
    m_process.reset();
    m_pg.reset();
    TestHttp::checkContractOf(m_baseUrl, false);
    failOnSanitizerReport();
    return code;
}

void TestServer::failOnSanitizerReport() const
{
    // Under scripts/test-sanitized.sh the server is built with ASan+UBSan: a report (a memory
    // error, undefined behaviour, or a leak found at exit) fails the test process that started
    // it, whatever the test itself checked.
    if (m_logFile.isEmpty())
        return;
    const QByteArray text = log();
    for (const char *marker : {"ERROR: AddressSanitizer", "ERROR: LeakSanitizer",
                               ": runtime error: ", "WARNING: ThreadSanitizer"}) {
        const qsizetype at = text.indexOf(marker);
        if (at >= 0)
            qFatal("sanitizer report from depot-server (%s):\n%s", qPrintable(m_logFile),
                   text.mid(qMax<qsizetype>(0, at - 200), 12000).constData());
    }
}

void TestServer::kill()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
}

QList<QVariantList> TestServer::sql(const QString &statement, const QVariantList &binds) const
{
    static int n = 0;
    QString error;
    const auto settings = Database::parseUrl(
        m_databaseUrl, QDir(m_dataDir).filePath(QStringLiteral("depot.sqlite")), &error);
    Database db(*settings, QStringLiteral("test-server-sql-%1").arg(++n));
    if (!db.open(&error))
        qFatal("cannot open the test database: %s", qPrintable(error));
    if (statement.startsWith(u"SELECT"))
        return db.select(statement, binds);
    db.execute(statement, binds);
    return {};
}

qint64 TestServer::metric(const QByteArray &name) const
{
    const HttpResult r = TestHttp::get(url(QStringLiteral("/metrics")));
    for (const QByteArray &line : r.body.split('\n')) {
        if (line.startsWith(QByteArray(name + ' ')))
            return line.mid(name.size() + 1).toLongLong();
    }
    return -1;
}

QString TestServer::signUpAndLogin(const QString &username, const QString &password)
{
    const QJsonObject credentials{{QStringLiteral("username"), username},
                                  {QStringLiteral("password"), password}};
    TestHttp::postJson(url(QStringLiteral("/api/v1/users")), credentials);
    const HttpResult r = TestHttp::postJson(url(QStringLiteral("/api/v1/auth/token")), credentials);
    return r.status == 200 ? r.json().value(QStringLiteral("token")).toString() : QString();
}

} // namespace depot::test
