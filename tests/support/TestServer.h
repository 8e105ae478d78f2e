#pragma once

#include "TestDatabase.h"
#include "TestHttp.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

#include <QTemporaryDir>
#include <QUrl>
#include <optional>

#include <memory>

namespace depot::test {

// The AddressSanitizer build (scripts/test-sanitized.sh; the tests and the server they start are
// built alike). There the server runs a few times slower: a wall-clock bound that proves a
// property, not a speed, is multiplied by kSanitizerSlowdown.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
constexpr int kSanitizerSlowdown = kSanitized ? 3 : 1;

// A real depot-server process ($DEPOT_SERVER_BIN) on 127.0.0.1 with a free port, a temporary
// data directory and a fast KDF. With backend "postgresql" it gets a fresh database on the
// server named by $DEPOT_TEST_PG_URL (an admin URL), dropped again by stop().
class TestServer
{
public:
    struct Options
    {
        QString backend = QStringLiteral("sqlite");
        QStringList extraArgs;
        QProcessEnvironment env = cleanEnvironment();
        int workers = 2;
        QString databaseUrl; // a database of the test's own (backend is then ignored)
        // Run the server as this uid/gid (the test must be root): like the packaged service,
        // which is not root. Its temporary directory is given to that uid.
        std::optional<uint> runAsUid;
    };

    // This process's environment without any depot setting (DEPOT_*, TOKEN_EXPIRY: the test
    // harness's own DEPOT_SERVER_BIN and DEPOT_TEST_PG_URL would be unknown options), so only
    // what a test sets is in effect.
    static QProcessEnvironment cleanEnvironment();

    TestServer() = default;
    ~TestServer();
    TestServer(const TestServer &) = delete;
    TestServer &operator=(const TestServer &) = delete;

    // "sqlite", plus "postgresql" when $DEPOT_TEST_PG_URL is set. With $DEPOT_REQUIRE_PG=1 a
    // missing PostgreSQL is an error, so CI cannot skip it silently.
    static QStringList backends();

    bool start() { return start(Options()); }
    bool start(const Options &options);
    // A second instance sharing this one's database and data directory (scale-out tests).
    bool startSharing(const TestServer &other) { return startSharing(other, Options()); }
    bool startSharing(const TestServer &other, const Options &options);
    // SIGTERM, then waits; returns the exit code (-1 if it had to be killed).
    int stop();
    void kill();

    QUrl baseUrl() const { return m_baseUrl; }
    QUrl url(const QString &path) const;
    QString dataDir() const { return m_dataDir; }
    QString databaseUrl() const { return m_databaseUrl; }
    QString errorString() const { return m_error; }
    QByteArray log() const;    // the server's stderr so far
    QByteArray output() const; // its stdout so far (the "listening on" lines)
    qint64 pid() const { return m_process ? m_process->processId() : 0; }
    bool running() const { return m_process && m_process->state() == QProcess::Running; }
    // "running", "exited with code N" or "killed by signal N", for failure messages.
    QString state() const;

    // Runs one statement on this server's database (its own connection); SELECTs return rows.
    QList<QVariantList> sql(const QString &statement, const QVariantList &binds = {}) const;

    // A value from the Prometheus text of /metrics, -1 if missing.
    qint64 metric(const QByteArray &name) const;

    // Signs up (if needed) and logs in; returns the token or an empty string.
    QString signUpAndLogin(const QString &username,
                           const QString &password = QStringLiteral("password-123"));

private:
    bool launch(const Options &options);
    void failOnSanitizerReport() const;

    std::unique_ptr<QTemporaryDir> m_tempDir;
    std::unique_ptr<QProcess> m_process;
    QString m_dataDir;
    QString m_databaseUrl;
    std::unique_ptr<TestPgDatabase> m_pg; // owned database, dropped on stop
    QString m_logFile;
    QUrl m_baseUrl;
    QString m_error;
};

} // namespace depot::test
