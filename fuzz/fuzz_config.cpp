// The server's INI configuration (--config): any file either starts the server with a
// configuration or is refused with exit code 2 and a message naming the problem, and what a
// configuration shows of itself (ServerConfig::settings, the values --help prints) can be given
// back, as environment variables, to get exactly the same configuration.
#include "FuzzCheck.h"

#include "config/ServerConfig.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

using namespace depot;

namespace {

QString environmentName(const QString &option)
{
    return QStringLiteral("DEPOT_") + option.toUpper().replace(u'-', u'_');
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static QTemporaryDir dir;
    static quint64 counter = 0;
    // A new name each time: QSettings caches files by name and modification time.
    const QString file = dir.filePath(QStringLiteral("c%1.ini").arg(++counter));
    {
        QFile f(file);
        FUZZ_CHECK(f.open(QIODevice::WriteOnly));
        f.write(reinterpret_cast<const char *>(data), qint64(size));
    }
    QString message;
    int exitCode = -1;
    const std::optional<ServerConfig> config = ServerConfig::fromArguments(
        {QStringLiteral("depot-server"), QStringLiteral("--config"), file}, {}, &message,
        &exitCode);
    QFile::remove(file);
    if (!config) {
        FUZZ_CHECK(exitCode == 2);
        FUZZ_CHECK(!message.isEmpty());
        return 0;
    }
    FUZZ_CHECK(config->accounts.plans.contains(config->accounts.defaultPlan));
    FUZZ_CHECK(config->effectiveWorkers() >= 1);

    const QList<QPair<QString, QString>> shown = config->settings();
    QMap<QString, QString> environment;
    for (const auto &[name, value] : shown)
        environment.insert(environmentName(name), value);
    const std::optional<ServerConfig> again = ServerConfig::fromArguments(
        {QStringLiteral("depot-server")}, environment, &message, &exitCode);
    if (!again)
        std::fprintf(stderr, "%s\n", qPrintable(message));
    FUZZ_CHECK(again.has_value());
    const QList<QPair<QString, QString>> shownAgain = again->settings();
    for (qsizetype i = 0; i < shown.size(); ++i) {
        if (shown[i] != shownAgain[i])
            std::fprintf(stderr, "%s: '%s' became '%s'\n", qPrintable(shown[i].first),
                         qPrintable(shown[i].second), qPrintable(shownAgain[i].second));
    }
    FUZZ_CHECK(shown == shownAgain);
    return 0;
}
