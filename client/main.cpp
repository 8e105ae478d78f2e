#include "api/ApiClient.h"
#include "api/Session.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Depot"));
    QApplication::setApplicationName(QStringLiteral("depot-client"));
    QApplication::setApplicationVersion(QStringLiteral(DEPOT_VERSION));

    // Qt's own strings (dialog buttons) and ours (embedded by translations/ under :/i18n).
    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("depot_client"), QStringLiteral("_"),
                        QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);

    depot::Session session;
    depot::ApiClient client(&session);
    depot::MainWindow window(&client);
    window.show();
    window.showLoginDialog();
    return app.exec();
}
