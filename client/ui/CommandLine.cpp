#include "ui/CommandLine.h"

#include "api/ApiClient.h"
#include "api/FileDownload.h"
#include "api/Session.h"
#include "api/ShareUpload.h"
#include "ui/AppSettings.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QTextStream>

#include <cstring>

namespace depot::CommandLine {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("depot::CommandLine", text);
}

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

} // namespace

bool isHeadless(int argc, char **argv)
{
    bool action = false;
    for (int i = 1; i < argc; ++i) {
        const char *arg = argv[i];
        if (!std::strcmp(arg, "--gui"))
            return false;
        if (!std::strcmp(arg, "--help") || !std::strcmp(arg, "-h") ||
            !std::strcmp(arg, "--help-all") || !std::strcmp(arg, "--version") ||
            !std::strcmp(arg, "-v"))
            return true;
        if (!std::strcmp(arg, "share") || !std::strcmp(arg, "download"))
            action = true;
    }
    return action;
}

bool parse(Request *request, int *exitCode)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Depot desktop client: hosted endpoints, one-time file drops and image dumps.\n\n"
           "Commands:\n"
           "  share FILE...     upload files to the anonymous drop and print their links\n"
           "  download URL      download a shared link (checked first; never used up by a "
           "cancelled save)\n"
           "Without a command the window opens."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption server(QStringList{QStringLiteral("s"), QStringLiteral("server")},
                                    tr("The Depot server, e.g. http://localhost:8080."), tr("URL"));
    const QCommandLineOption gui(QStringLiteral("gui"),
                                 tr("Run share or download in the window (for file managers)."));
    const QCommandLineOption output(QStringList{QStringLiteral("o"), QStringLiteral("output")},
                                    tr("download: the file or folder to save to (default: the "
                                       "current folder)."),
                                    tr("PATH"));
    const QCommandLineOption password(
        QStringLiteral("password"),
        tr("The link's password (better: the DEPOT_PASSWORD environment variable)."),
        tr("PASSWORD"));
    const QCommandLineOption downloads(QStringLiteral("downloads"),
                                       tr("share: how many downloads the link allows."), tr("N"));
    parser.addOptions({server, gui, output, password, downloads});
    parser.addPositionalArgument(QStringLiteral("command"), tr("share or download"),
                                 tr("[share FILE... | download URL]"));
    parser.process(QCoreApplication::arguments()); // exits itself on --help and --version

    auto fail = [exitCode](const QString &text) {
        err() << text << '\n';
        err().flush();
        *exitCode = 2;
        return false;
    };
    if (parser.isSet(server)) {
        request->server = Session::normalizeServerUrl(parser.value(server));
        if (request->server.isEmpty())
            return fail(tr("Not a server address: %1").arg(parser.value(server)));
    }
    request->gui = parser.isSet(gui);
    request->output = parser.value(output);
    request->password =
        parser.isSet(password)
            ? parser.value(password)
            : QProcessEnvironment::systemEnvironment().value(QStringLiteral("DEPOT_PASSWORD"));
    if (parser.isSet(downloads)) {
        bool ok = false;
        request->downloads = parser.value(downloads).toInt(&ok);
        if (!ok || request->downloads < 1)
            return fail(tr("--downloads takes a number from 1."));
    }
    QStringList args = parser.positionalArguments();
    if (args.isEmpty())
        return true;
    const QString command = args.takeFirst();
    if (command == QLatin1String("share")) {
        if (args.isEmpty())
            return fail(tr("share needs at least one file."));
        for (const QString &file : std::as_const(args)) {
            if (!QFileInfo(file).isFile())
                return fail(tr("Not a file: %1").arg(file));
            request->files << QFileInfo(file).absoluteFilePath();
        }
        request->action = Request::Action::Share;
        return true;
    }
    if (command == QLatin1String("download")) {
        if (args.size() != 1)
            return fail(tr("download needs exactly one link."));
        request->link = QUrl(args.first(), QUrl::StrictMode);
        if (!request->link.isValid() || request->link.host().isEmpty())
            return fail(tr("Not a link: %1").arg(args.first()));
        request->action = Request::Action::Download;
        return true;
    }
    return fail(tr("Unknown command: %1 (try --help)").arg(command));
}

int runHeadless(const Request &request)
{
    Session session;
    AppSettings settings;
    ApiClient client(&session);
    client.setRequestTimeout(settings.timeoutSeconds() * 1000);
    session.setServerUrl(request.server.isEmpty() ? settings.serverUrl() : request.server);
    QEventLoop loop;
    int failures = 0;

    if (request.action == Request::Action::Share) {
        if (session.serverUrl().isEmpty()) {
            err() << tr("No server: pass --server URL.") << '\n';
            return 2;
        }
        for (const QString &file : request.files) {
            ShareOptions options;
            options.filePath = file;
            options.password = request.password;
            options.maxDownloads = request.downloads;
            ShareUpload *upload = client.shareFile(options);
            QObject::connect(upload, &ShareUpload::finished, &loop, [&, upload, file] {
                if (upload->ok()) {
                    out() << upload->info().url.toString() << '\n';
                } else {
                    ++failures;
                    err() << QFileInfo(file).fileName() << ": " << upload->error().message()
                          << '\n';
                }
                loop.quit();
            });
            loop.exec();
        }
        out().flush();
        err().flush();
        return failures ? 1 : 0;
    }

    // download: HEAD first (name, password), then the file into a temporary file beside the
    // target, renamed at the end.
    std::optional<ApiResult<DownloadProbe>> probe;
    client.probeDownload(request.link, request.password, &loop,
                         [&](const ApiResult<DownloadProbe> &result) {
                             probe = result;
                             loop.quit();
                         });
    loop.exec();
    if (!probe || !probe->ok()) {
        err() << (probe ? probe->error().message() : tr("No answer.")) << '\n';
        return 1;
    }
    QString target = request.output.isEmpty() ? QDir::currentPath() : request.output;
    if (QFileInfo(target).isDir())
        target = QDir(target).filePath(probe->value().fileName);
    FileDownload *download = client.download(request.link, request.password);
    download->setTargetPath(target);
    QObject::connect(download, &FileDownload::finished, &loop, [&, download] {
        if (download->ok())
            out() << download->savedPath() << '\n';
        else {
            ++failures;
            err() << download->error().message() << '\n';
        }
        loop.quit();
    });
    loop.exec();
    out().flush();
    err().flush();
    return failures ? 1 : 0;
}

} // namespace depot::CommandLine
