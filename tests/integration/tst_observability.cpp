// /metrics read by a real Prometheus parser (Debian's python3-prometheus-client), its token and
// separate address, and the JSON log lines (--log-format json) parsed one by one.
#include "HostedTestSupport.h"
#include "TestServer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace depot::test;

namespace {

struct Sample
{
    QString name;
    QJsonObject labels;
    double value = 0;
};

struct Parsed
{
    QString error;
    QHash<QString, QString> types; // family → counter, gauge, histogram, ...
    QList<Sample> samples;

    // Sum of the samples called `name` whose labels include `labels`.
    double value(const QString &name, const QJsonObject &labels = {}) const
    {
        double sum = 0;
        for (const Sample &s : samples) {
            if (s.name != name)
                continue;
            bool match = true;
            for (auto it = labels.begin(); it != labels.end(); ++it)
                match &= s.labels.value(it.key()) == it.value();
            if (match)
                sum += s.value;
        }
        return sum;
    }
    QSet<QString> labelValues(const QString &name, const QString &label) const
    {
        QSet<QString> values;
        for (const Sample &s : samples) {
            if (s.name == name)
                values.insert(s.labels.value(label).toString());
        }
        return values;
    }
};

// The exposition text through prometheus_client.parser: it raises on anything malformed.
Parsed parseWithPrometheus(const QByteArray &text)
{
    static const char *script = R"(
import json, sys
from prometheus_client.parser import text_string_to_metric_families
out = {"types": {}, "samples": []}
for family in text_string_to_metric_families(sys.stdin.read()):
    out["types"][family.name] = family.type
    for s in family.samples:
        out["samples"].append([s.name, s.labels, s.value])
print(json.dumps(out))
)";
    Parsed parsed;
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), QLatin1String(script)});
    if (!python.waitForStarted()) {
        parsed.error = python.errorString();
        return parsed;
    }
    python.write(text);
    python.closeWriteChannel();
    python.waitForFinished(30000);
    if (python.exitCode() != 0) {
        parsed.error = QString::fromUtf8(python.readAllStandardError());
        return parsed;
    }
    const QJsonObject out = QJsonDocument::fromJson(python.readAllStandardOutput()).object();
    const QJsonObject types = out.value(QStringLiteral("types")).toObject();
    for (auto it = types.begin(); it != types.end(); ++it)
        parsed.types.insert(it.key(), it.value().toString());
    for (const QJsonValue &v : out.value(QStringLiteral("samples")).toArray()) {
        const QJsonArray a = v.toArray();
        parsed.samples.append({a[0].toString(), a[1].toObject(), a[2].toDouble()});
    }
    return parsed;
}

QList<QJsonObject> jsonLines(const QByteArray &log, QString *problem)
{
    QList<QJsonObject> lines;
    for (const QByteArray &line : log.split('\n')) {
        if (line.isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject()) {
            *problem = QStringLiteral("not a JSON object: ") + QString::fromUtf8(line);
            return {};
        }
        lines.append(doc.object());
    }
    return lines;
}

QByteArray tooManyHeaders()
{
    QByteArray request = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
    for (int i = 0; i < 100; ++i)
        request += "X-Filler-" + QByteArray::number(i) + ": v\r\n";
    return request + "\r\n";
}

} // namespace

class tst_Observability : public QObject
{
    Q_OBJECT

private slots:
    void metricsParseAndCount();
    void metricsToken();
    void metricsOnSeparateAddress();
    void jsonLogLines();
    void categoriesSwitchOff();
};

void tst_Observability::metricsParseAndCount()
{
    TestServer server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    QCOMPARE(TestHttp::get(server.url(QStringLiteral("/healthz"))).status, 200);
    QCOMPARE(TestHttp::get(server.url(QStringLiteral("/no/such/path?token=x"))).status, 404);
    QCOMPARE(TestHttp::get(server.url(QStringLiteral("/u/nobody/secret-name"))).status, 404);
    const QString token = server.signUpAndLogin(QStringLiteral("metrics-user"));
    QVERIFY(!token.isEmpty());
    const QJsonObject wrong{{QStringLiteral("username"), QStringLiteral("metrics-user")},
                            {QStringLiteral("password"), QStringLiteral("wrong-password")}};
    QCOMPARE(TestHttp::postJson(server.url(QStringLiteral("/api/v1/auth/token")), wrong).status,
             401);
    QVERIFY(TestHttp::raw(server.baseUrl(), tooManyHeaders()).startsWith("HTTP/1.1 431"));

    // A drop, created and claimed.
    const HttpResult drop =
        TestHttp::request("PUT", server.url(QStringLiteral("/api/v1.0/file/a.txt")), "hello");
    QCOMPARE(drop.status, 201);
    const QUrl dropUrl(drop.json().value(QStringLiteral("url")).toString());
    QCOMPARE(TestHttp::get(dropUrl).status, 200);

    // A script run.
    Form form;
    form.field("identifier", "m.py").field("kind", "script").field("method", "GET");
    form.file("print('Content-Type: text/plain')\nprint()\nprint('hi')\n", "; filename=\"m.py\"");
    QCOMPARE(TestHttp::request("POST", server.url(QStringLiteral("/api/v1/endpoints")), form.body(),
                               form.headers(TestHttp::bearer(token)))
                 .status,
             201);
    const HttpResult script = TestHttp::get(server.url(QStringLiteral("/u/metrics-user/m.py")));

    const HttpResult metrics = TestHttp::get(server.url(QStringLiteral("/metrics")));
    QCOMPARE(metrics.status, 200);
    QVERIFY(metrics.header("Content-Type").startsWith("text/plain; version=0.0.4"));
    const Parsed m = parseWithPrometheus(metrics.body);
    QVERIFY2(m.error.isEmpty(), qPrintable(m.error));

    QCOMPARE(m.types.value(QStringLiteral("depot_http_request_duration_seconds")),
             QStringLiteral("histogram"));
    const QJsonObject health{{QStringLiteral("route"), QStringLiteral("/healthz")},
                             {QStringLiteral("method"), QStringLiteral("GET")},
                             {QStringLiteral("status"), QStringLiteral("2xx")}};
    QCOMPARE(m.value(QStringLiteral("depot_http_request_duration_seconds_count"), health), 1.0);
    QJsonObject inf = health;
    inf.insert(QStringLiteral("le"), QStringLiteral("+Inf"));
    QCOMPARE(m.value(QStringLiteral("depot_http_request_duration_seconds_bucket"), inf), 1.0);
    // Route labels are the table's patterns, never raw paths.
    const QSet<QString> routes = m.labelValues(
        QStringLiteral("depot_http_request_duration_seconds_count"), QStringLiteral("route"));
    QVERIFY(routes.contains(QStringLiteral("unmatched")));
    QVERIFY(routes.contains(QStringLiteral("/u/{username}/{identifier...}")));
    QVERIFY(routes.contains(QStringLiteral("/api/v1.0/file/{id}")));
    for (const QString &route : routes)
        QVERIFY2(!route.contains(u"nobody") && !route.contains(u"such") &&
                     !route.contains(u"a.txt"),
                 qPrintable(route));
    QCOMPARE(m.value(QStringLiteral("depot_http_request_duration_seconds_count"),
                     {{QStringLiteral("route"), QStringLiteral("unmatched")}}),
             1.0);

    // Process and build.
    QVERIFY(m.value(QStringLiteral("process_resident_memory_bytes")) > 1e6);
    QVERIFY(m.value(QStringLiteral("process_open_fds")) >= 3);
    QVERIFY(m.value(QStringLiteral("process_max_fds")) >=
            m.value(QStringLiteral("process_open_fds")));
    QVERIFY(m.value(QStringLiteral("process_cpu_seconds_total")) >= 0);
    const double started = m.value(QStringLiteral("process_start_time_seconds"));
    const double now = QDateTime::currentMSecsSinceEpoch() / 1000.0;
    QVERIFY2(started > now - 300 && started <= now, qPrintable(QString::number(started)));
    QCOMPARE(m.value(QStringLiteral("depot_build_info"),
                     {{QStringLiteral("version"), QStringLiteral(DEPOT_VERSION)}}),
             1.0);

    // Counters of events.
    QCOMPARE(m.value(QStringLiteral("depot_logins_total"),
                     {{QStringLiteral("result"), QStringLiteral("success")}}),
             1.0);
    QCOMPARE(m.value(QStringLiteral("depot_logins_total"),
                     {{QStringLiteral("result"), QStringLiteral("failure")}}),
             1.0);
    QCOMPARE(m.value(QStringLiteral("depot_guard_refusals_total"),
                     {{QStringLiteral("reason"), QStringLiteral("head_too_large")}}),
             1.0);
    QCOMPARE(m.value(QStringLiteral("depot_drops_total"),
                     {{QStringLiteral("event"), QStringLiteral("created")}}),
             1.0);
    QCOMPARE(m.value(QStringLiteral("depot_drops_total"),
                     {{QStringLiteral("event"), QStringLiteral("claimed")}}),
             1.0);
    const QString scriptResult =
        script.status == 200 ? QStringLiteral("ok") : QStringLiteral("sandbox_unavailable");
    QCOMPARE(m.value(QStringLiteral("depot_script_runs_total"),
                     {{QStringLiteral("result"), scriptResult}}),
             1.0);
    QCOMPARE(m.value(QStringLiteral("depot_script_runs_total")), 1.0);
    QCOMPARE(m.types.value(QStringLiteral("depot_image_fetches")), QStringLiteral("counter"));
    QCOMPARE(m.value(QStringLiteral("depot_database_errors_total")), 0.0);
    QCOMPARE(m.types.value(QStringLiteral("depot_database_reconnects")), QStringLiteral("counter"));
    QCOMPARE(server.stop(), 0);
}

void tst_Observability::metricsToken()
{
    TestServer server;
    TestServer::Options options;
    options.extraArgs << QStringLiteral("--metrics-token") << QStringLiteral("s3cret-token");
    QVERIFY2(server.start(options), qPrintable(server.errorString()));
    const QUrl url = server.url(QStringLiteral("/metrics"));
    QCOMPARE(TestHttp::get(url).status, 401);
    QCOMPARE(TestHttp::get(url, {{"Authorization", "Bearer s3cret-tokem"}}).status, 401);
    QCOMPARE(TestHttp::get(url, {{"Authorization", "Bearer s3cret-token-longer"}}).status, 401);
    const HttpResult ok = TestHttp::get(url, {{"Authorization", "Bearer s3cret-token"}});
    QCOMPARE(ok.status, 200);
    QVERIFY(parseWithPrometheus(ok.body).error.isEmpty());
    QCOMPARE(server.stop(), 0);
}

void tst_Observability::metricsOnSeparateAddress()
{
    TestServer server;
    TestServer::Options options;
    options.extraArgs << QStringLiteral("--metrics-listen") << QStringLiteral("127.0.0.1:0");
    QVERIFY2(server.start(options), qPrintable(server.errorString()));
    const QRegularExpression line(QStringLiteral("metrics on (http://[^ \\n]+)"));
    const auto match = line.match(QString::fromUtf8(server.output()));
    QVERIFY2(match.hasMatch(), server.output().constData());
    const QUrl metricsUrl(match.captured(1));

    QCOMPARE(TestHttp::get(server.url(QStringLiteral("/metrics"))).status, 404);
    const HttpResult side = TestHttp::get(metricsUrl);
    QCOMPARE(side.status, 200);
    const Parsed m = parseWithPrometheus(side.body);
    QVERIFY2(m.error.isEmpty(), qPrintable(m.error));
    QVERIFY(m.types.contains(QStringLiteral("process_resident_memory_bytes")));
    QUrl other = metricsUrl;
    other.setPath(QStringLiteral("/api/v1/me"));
    QCOMPARE(TestHttp::get(other).status, 404);
    QCOMPARE(server.stop(), 0);
}

void tst_Observability::jsonLogLines()
{
    TestServer server;
    TestServer::Options options;
    options.extraArgs << QStringLiteral("--log-format") << QStringLiteral("json");
    QVERIFY2(server.start(options), qPrintable(server.errorString()));
    const QString token = server.signUpAndLogin(QStringLiteral("json-user"));
    QVERIFY(!token.isEmpty());
    Headers headers = TestHttp::bearer(token);
    headers.append(
        qMakePair(QByteArrayLiteral("X-Request-Id"), QByteArrayLiteral("json-log-test-1")));
    headers.append(
        qMakePair(QByteArrayLiteral("User-Agent"), QByteArrayLiteral("depot-log-test/1.0")));
    QCOMPARE(TestHttp::get(server.url(QStringLiteral("/api/v1/me")), headers).status, 200);
    QCOMPARE(TestHttp::get(server.url(QStringLiteral("/api/v1.0/file/nothing?password=hunter2")),
                           {{"X-Request-Id", "json-log-test-2"}})
                 .status,
             404);
    QVERIFY(TestHttp::raw(server.baseUrl(), tooManyHeaders()).startsWith("HTTP/1.1 431"));
    QCOMPARE(server.stop(), 0);

    const QByteArray log = server.log();
    QVERIFY2(!log.contains("hunter2"), log.constData());
    QString problem;
    const QList<QJsonObject> lines = jsonLines(log, &problem);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(lines.size() >= 5);
    QJsonObject me, masked, refusal, startup;
    for (const QJsonObject &l : lines) {
        for (const char *field : {"time", "level", "category", "message"})
            QVERIFY2(l.contains(QString::fromLatin1(field)), QJsonDocument(l).toJson().constData());
        QVERIFY(QDateTime::fromString(l.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs)
                    .isValid());
        const QString id = l.value(QStringLiteral("request_id")).toString();
        if (id == u"json-log-test-1")
            me = l;
        else if (id == u"json-log-test-2")
            masked = l;
        else if (l.value(QStringLiteral("category")).toString() == u"depot.guard")
            refusal = l;
        else if (l.value(QStringLiteral("message")).toString().contains(u"sandbox"))
            startup = l;
    }
    QCOMPARE(me.value(QStringLiteral("category")).toString(), QStringLiteral("depot.http"));
    QCOMPARE(me.value(QStringLiteral("level")).toString(), QStringLiteral("info"));
    QCOMPARE(me.value(QStringLiteral("method")).toString(), QStringLiteral("GET"));
    QCOMPARE(me.value(QStringLiteral("route")).toString(), QStringLiteral("/api/v1/me"));
    QCOMPARE(me.value(QStringLiteral("path")).toString(), QStringLiteral("/api/v1/me"));
    QCOMPARE(me.value(QStringLiteral("status")).toInt(), 200);
    QVERIFY(me.value(QStringLiteral("bytes")).toInt() > 0);
    QVERIFY(me.value(QStringLiteral("duration_ms")).isDouble());
    QCOMPARE(me.value(QStringLiteral("user")).toString(), QStringLiteral("json-user"));
    QCOMPARE(me.value(QStringLiteral("user_agent")).toString(),
             QStringLiteral("depot-log-test/1.0"));
    QCOMPARE(me.value(QStringLiteral("remote")).toString(), QStringLiteral("127.0.0.1"));

    QCOMPARE(masked.value(QStringLiteral("path")).toString(),
             QStringLiteral("/api/v1.0/file/nothing?password=*"));
    QCOMPARE(masked.value(QStringLiteral("route")).toString(),
             QStringLiteral("/api/v1.0/file/{id}"));
    QCOMPARE(masked.value(QStringLiteral("status")).toInt(), 404);
    QVERIFY(!masked.contains(QStringLiteral("user")));

    QVERIFY2(refusal.value(QStringLiteral("message")).toString().contains(u"431"), log.constData());
    QVERIFY2(!startup.isEmpty(), log.constData());
    QCOMPARE(startup.value(QStringLiteral("category")).toString(), QStringLiteral("depot.server"));
}

void tst_Observability::categoriesSwitchOff()
{
    TestServer server;
    TestServer::Options options;
    options.env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("depot.http.info=false"));
    QVERIFY2(server.start(options), qPrintable(server.errorString()));
    QCOMPARE(TestHttp::get(server.url(QStringLiteral("/healthz"))).status, 200);
    QVERIFY(TestHttp::raw(server.baseUrl(), tooManyHeaders()).startsWith("HTTP/1.1 431"));
    QCOMPARE(server.stop(), 0);
    const QByteArray log = server.log();
    QVERIFY2(!log.contains("depot.http"), log.constData());
    QVERIFY2(!log.contains("\"GET /healthz\""), log.constData());
    QVERIFY2(log.contains("INFO depot.guard refused"), log.constData()); // other categories stay
    QVERIFY2(log.contains("INFO depot.store database migrated"), log.constData());
}

QTEST_GUILESS_MAIN(tst_Observability)
#include "tst_observability.moc"
