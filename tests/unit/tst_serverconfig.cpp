#include "config/ServerConfig.h"

#include <QTemporaryFile>
#include <QTest>

using namespace depot;

using Env = QMap<QString, QString>;

class TestServerConfig : public QObject
{
    Q_OBJECT

    std::optional<ServerConfig> parse(const QStringList &args, const Env &env,
                                      QString *message = nullptr, int *code = nullptr)
    {
        QString m;
        int c = 0;
        auto config = ServerConfig::fromArguments(
            QStringList{QStringLiteral("depot-server")} + args, env, &m, &c);
        if (message)
            *message = m;
        if (code)
            *code = c;
        return config;
    }

private Q_SLOTS:
    void defaults()
    {
        const auto config = parse({}, {});
        QVERIFY(config);
        QCOMPARE(config->listenAddress, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(config->listenPort, quint16(8080));
        QCOMPARE(config->dataDir, QStringLiteral("./data"));
        QCOMPARE(config->databaseFile(), QStringLiteral("./data/depot.sqlite"));
        QCOMPARE(config->accounts.tokenExpirySeconds, 1200);
        QCOMPARE(config->accounts.kdfIterations, 600000);
        QCOMPARE(config->accounts.planLimit(QStringLiteral("gold")), 100);
        QCOMPARE(config->accounts.planLimit(QStringLiteral("Silver")), 50);
        QCOMPARE(config->accounts.planLimit(QStringLiteral("bronze")), 25);
        QCOMPARE(config->drop.maxBytes, 16LL << 20);
    }

    // default < INI < environment < command line, for each layer present
    void precedence_data()
    {
        QTest::addColumn<bool>("ini");
        QTest::addColumn<bool>("env");
        QTest::addColumn<bool>("cli");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("default only") << false << false << false << qint64(1200);
        QTest::newRow("ini") << true << false << false << qint64(111);
        QTest::newRow("env beats ini") << true << true << false << qint64(222);
        QTest::newRow("cli beats env and ini") << true << true << true << qint64(333);
        QTest::newRow("cli beats ini") << true << false << true << qint64(333);
        QTest::newRow("env alone") << false << true << false << qint64(222);
    }

    void precedence()
    {
        QFETCH(bool, ini);
        QFETCH(bool, env);
        QFETCH(bool, cli);
        QFETCH(qint64, expected);
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write("token-expiry = 111\nworkers = 3\n");
        file.flush();
        QStringList args;
        if (ini)
            args << QStringLiteral("--config") << file.fileName();
        if (cli)
            args << QStringLiteral("--token-expiry") << QStringLiteral("333");
        Env environment;
        if (env)
            environment.insert(QStringLiteral("TOKEN_EXPIRY"), QStringLiteral("222"));
        const auto config = parse(args, environment);
        QVERIFY(config);
        QCOMPARE(config->accounts.tokenExpirySeconds, expected);
        QCOMPARE(config->workers, ini ? 3 : 0);
    }

    void depotEnvironmentBeatsSeedName()
    {
        const auto config =
            parse({}, {{QStringLiteral("TOKEN_EXPIRY"), QStringLiteral("5")},
                       {QStringLiteral("DEPOT_TOKEN_EXPIRY"), QStringLiteral("7")}});
        QVERIFY(config);
        QCOMPARE(config->accounts.tokenExpirySeconds, 7);
    }

    void values_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("listen ipv4")
            << QStringList{QStringLiteral("--listen"), QStringLiteral("0.0.0.0:9000")} << true
            << QString();
        QTest::newRow("listen ipv6")
            << QStringList{QStringLiteral("--listen"), QStringLiteral("[::1]:9000")} << true
            << QString();
        QTest::newRow("listen no port")
            << QStringList{QStringLiteral("--listen"), QStringLiteral("localhost")} << false
            << QStringLiteral("--listen");
        QTest::newRow("listen port too big")
            << QStringList{QStringLiteral("--listen"), QStringLiteral("1.2.3.4:70000")} << false
            << QStringLiteral("--listen");
        QTest::newRow("workers not a number")
            << QStringList{QStringLiteral("--workers"), QStringLiteral("abc")} << false
            << QStringLiteral("--workers");
        QTest::newRow("negative expiry")
            << QStringList{QStringLiteral("--token-expiry"), QStringLiteral("-1")} << false
            << QStringLiteral("--token-expiry");
        QTest::newRow("plans") << QStringList{QStringLiteral("--plans"),
                                              QStringLiteral("gold=5,bronze=1")}
                               << true << QString();
        QTest::newRow("duplicate plan")
            << QStringList{QStringLiteral("--plans"), QStringLiteral("gold=5,Gold=7")} << false
            << QStringLiteral("--plans");
        QTest::newRow("bad plans") << QStringList{QStringLiteral("--plans"), QStringLiteral("gold")}
                                   << false << QStringLiteral("--plans");
        QTest::newRow("default plan unknown")
            << QStringList{QStringLiteral("--default-plan"), QStringLiteral("platinum")} << false
            << QStringLiteral("platinum");
        QTest::newRow("fetch-allow cidr")
            << QStringList{QStringLiteral("--fetch-allow"), QStringLiteral("127.0.0.0/8,::1/128")}
            << true << QString();
        QTest::newRow("fetch-allow garbage")
            << QStringList{QStringLiteral("--fetch-allow"), QStringLiteral("localhost")} << false
            << QStringLiteral("--fetch-allow");
        QTest::newRow("unknown option")
            << QStringList{QStringLiteral("--frobnicate")} << false << QStringLiteral("frobnicate");
        QTest::newRow("positional")
            << QStringList{QStringLiteral("extra")} << false << QStringLiteral("extra");
        QTest::newRow("missing config file")
            << QStringList{QStringLiteral("--config"), QStringLiteral("/nonexistent.ini")} << false
            << QStringLiteral("/nonexistent.ini");
    }

    void values()
    {
        QFETCH(QStringList, args);
        QFETCH(bool, ok);
        QFETCH(QString, mentions);
        QString message;
        int code = -1;
        const auto config = parse(args, {}, &message, &code);
        QCOMPARE(config.has_value(), ok);
        if (!ok) {
            QCOMPARE(code, 2);
            QVERIFY2(message.contains(mentions), qPrintable(message));
        }
    }

    // A typo must stop the start, naming what was not understood.
    void unknownNames_data()
    {
        QTest::addColumn<QByteArray>("ini");
        QTest::addColumn<QString>("envName");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("ini typo") << QByteArray("listn = 0.0.0.0:9000\n") << QString()
                                  << QStringLiteral("'listn'");
        QTest::newRow("ini section") << QByteArray("[server]\nlisten = 0.0.0.0:9000\n")
                                     << QString() << QStringLiteral("'server/listen'");
        QTest::newRow("env typo") << QByteArray() << QStringLiteral("DEPOT_LISTN")
                                  << QStringLiteral("DEPOT_LISTN");
        QTest::newRow("env dashes spelled") << QByteArray() << QStringLiteral("DEPOT_DATA-DIR")
                                            << QStringLiteral("DEPOT_DATA-DIR");
    }

    void unknownNames()
    {
        QFETCH(QByteArray, ini);
        QFETCH(QString, envName);
        QFETCH(QString, mentions);
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write(ini);
        file.flush();
        QStringList args;
        if (!ini.isEmpty())
            args << QStringLiteral("--config") << file.fileName();
        Env environment;
        if (!envName.isEmpty())
            environment.insert(envName, QStringLiteral("x"));
        QString message;
        int code = -1;
        QVERIFY(!parse(args, environment, &message, &code));
        QCOMPARE(code, 2);
        QVERIFY2(message.contains(mentions), qPrintable(message));
    }

    void knownNamesEverywhere()
    {
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write("drop-max-bytes = 1000\nplans = gold=1,bronze=2\n");
        file.flush();
        const auto config =
            parse({QStringLiteral("--config"), file.fileName()},
                  {{QStringLiteral("DEPOT_SCRIPT_TIMEOUT"), QStringLiteral("700")},
                   {QStringLiteral("HOME"), QStringLiteral("/root")}});
        QVERIFY(config);
        QCOMPARE(config->drop.maxBytes, 1000);
        QCOMPARE(config->accounts.planLimit(QStringLiteral("bronze")), 2);
        QCOMPARE(config->scripts.timeoutMs, 700);
        QCOMPARE(config->scripts.cpuSeconds(), 1);
    }

    void helpAndVersion()
    {
        QString message;
        int code = -1;
        QVERIFY(!parse({QStringLiteral("--help")}, {}, &message, &code));
        QCOMPARE(code, 0);
        QVERIFY(message.contains(QStringLiteral("--data-dir")));
        QVERIFY(message.contains(QStringLiteral("DEPOT_DATA_DIR")));
        // Defaults are generated from ServerConfig itself, never restated by hand.
        const QString help = message.simplified(); // --help wraps long lines
        QVERIFY2(help.contains(QStringLiteral("[default 16777216, env DEPOT_DROP_MAX_BYTES]")),
                 qPrintable(message));
        QVERIFY2(help.contains(QStringLiteral("[default 127.0.0.1:8080, env DEPOT_LISTEN]")),
                 qPrintable(message));
        QVERIFY(!parse({QStringLiteral("--version")}, {}, &message, &code));
        QCOMPARE(code, 0);
        QVERIFY(message.contains(QStringLiteral(DEPOT_VERSION)));
    }

    void command_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<Env>("env");
        QTest::addColumn<QStringList>("command");
        QTest::addColumn<QString>("dataDir");
        QTest::newRow("none") << QStringList{QStringLiteral("--data-dir"), QStringLiteral("/d")}
                              << Env{} << QStringList{} << QStringLiteral("/d");
        // everything after the first positional argument is the command's, options included
        QTest::newRow("users add")
            << QStringList{QStringLiteral("--data-dir"), QStringLiteral("/d"),
                           QStringLiteral("users"),      QStringLiteral("add"),
                           QStringLiteral("alice"),      QStringLiteral("--plan"),
                           QStringLiteral("gold"),       QStringLiteral("--data-dir")}
            << Env{}
            << QStringList{QStringLiteral("users"), QStringLiteral("add"), QStringLiteral("alice"),
                           QStringLiteral("--plan"), QStringLiteral("gold"),
                           QStringLiteral("--data-dir")}
            << QStringLiteral("/d");
        QTest::newRow("environment applies")
            << QStringList{QStringLiteral("users"), QStringLiteral("list"), QStringLiteral("--json")}
            << Env{{QStringLiteral("DEPOT_DATA_DIR"), QStringLiteral("/e")}}
            << QStringList{QStringLiteral("users"), QStringLiteral("list"), QStringLiteral("--json")}
            << QStringLiteral("/e");
    }

    void command()
    {
        QFETCH(QStringList, args);
        QFETCH(Env, env);
        QFETCH(QStringList, command);
        QFETCH(QString, dataDir);
        QString message;
        int code = -1;
        QStringList found{QStringLiteral("stale")};
        const auto config = ServerConfig::fromArguments(
            QStringList{QStringLiteral("depot-server")} + args, env, &message, &code, &found);
        QVERIFY2(config, qPrintable(message));
        QCOMPARE(found, command);
        QCOMPARE(config->dataDir, dataDir);
        // Without a place for a command, a positional argument is refused as before.
        if (!command.isEmpty()) {
            QVERIFY(!parse(args, env, &message, &code));
            QCOMPARE(code, 2);
        }
    }
};

QTEST_GUILESS_MAIN(TestServerConfig)
#include "tst_serverconfig.moc"
