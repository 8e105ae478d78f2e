#include "ui/MockTools.h"

#include "api/ApiClient.h"
#include "ui/JournalView.h"
#include "ui/TryItPanel.h"

#include <QDialog>
#include <QVBoxLayout>

namespace depot::MockTools {
namespace {

QDialog *window(QWidget *parent, const QString &name, const QString &title, QWidget *content)
{
    auto *dialog = new QDialog(parent);
    dialog->setObjectName(name);
    dialog->setWindowTitle(title);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto *layout = new QVBoxLayout(dialog);
    content->setParent(dialog);
    layout->addWidget(content);
    dialog->resize(760, 520);
    dialog->show();
    return dialog;
}

} // namespace

QDialog *openJournal(QWidget *parent, ApiClient *client, const Endpoint &endpoint)
{
    auto *view = new JournalView(client);
    QDialog *dialog = window(
        parent, QStringLiteral("journalDialog"),
        QCoreApplication::translate("MockTools", "Journal of %1").arg(endpoint.identifier), view);
    view->setEndpoint(endpoint.id, endpoint.identifier);
    return dialog;
}

QDialog *openTryIt(QWidget *parent, ApiClient *client, const Endpoint &endpoint)
{
    auto *panel = new TryItPanel(client->network());
    panel->setUrl(QUrl(endpoint.url), endpoint.method);
    return window(parent, QStringLiteral("tryItDialog"),
                  QCoreApplication::translate("MockTools", "Try %1").arg(endpoint.identifier),
                  panel);
}

} // namespace depot::MockTools
