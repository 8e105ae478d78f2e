#include "api/ApiClient.h"
#include "api/Session.h"
#include "ui/AppSettings.h"
#include "ui/CommandLine.h"
#include "ui/DownloadPage.h"
#include "ui/MainWindow.h"
#include "ui/SharePage.h"
#include "ui/Translations.h"

#include <QApplication>
#include <QLocale>

#include <memory>

namespace {

void describe()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Depot"));
    QCoreApplication::setApplicationName(QStringLiteral("depot-client"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DEPOT_VERSION));
}

QLocale chosenLocale()
{
    const QString language = depot::AppSettings().language();
    return language.isEmpty() ? QLocale() : QLocale(language);
}

} // namespace

int main(int argc, char *argv[])
{
    // --help, --version and share/download on the terminal need no display.
    std::unique_ptr<QCoreApplication> app;
    if (depot::CommandLine::isHeadless(argc, argv))
        app = std::make_unique<QCoreApplication>(argc, argv);
    else
        app = std::make_unique<QApplication>(argc, argv);
    describe();
    depot::Translations::install(chosenLocale());

    depot::CommandLine::Request request;
    int exitCode = 0;
    if (!depot::CommandLine::parse(&request, &exitCode))
        return exitCode;
    if (!qobject_cast<QApplication *>(app.get()))
        return depot::CommandLine::runHeadless(request);

    depot::Session session;
    if (!request.server.isEmpty())
        session.setServerUrl(request.server);
    depot::ApiClient client(&session);
    client.setRequestTimeout(depot::AppSettings().timeoutSeconds() * 1000);
    depot::MainWindow window(&client);
    window.show();
    using Action = depot::CommandLine::Request::Action;
    if (request.action == Action::Share) {
        window.showPage(window.sharePage());
        window.sharePage()->setFile(request.files.first());
        window.sharePage()->share();
    } else if (request.action == Action::Download) {
        window.showPage(window.downloadPage());
        window.downloadPage()->setLink(request.link.toString());
        window.downloadPage()->download();
    } else {
        window.startSession();
    }
    return app->exec();
}
