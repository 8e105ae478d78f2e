#include "net/ApiClient.h"
#include "net/Session.h"
#include "ui/MainWindow.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Depot"));
    QApplication::setApplicationName(QStringLiteral("depot-client"));
    QApplication::setApplicationVersion(QStringLiteral(DEPOT_VERSION));

    depot::Session session;
    depot::ApiClient client(&session);
    depot::MainWindow window(&client);
    window.show();
    window.showLoginDialog();
    return app.exec();
}
