#include "ui/EndpointsPage.h"

#include "api/ApiClient.h"
#include "api/Session.h"
#include "ui/EndpointEditor.h"
#include "ui/MockTools.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace depot {

EndpointsPage::EndpointsPage(ApiClient *client, QWidget *parent)
    : QWidget(parent), m_client(client), m_table(new QTableWidget(0, ColumnCount, this)),
      m_messageLabel(new QLabel(this)), m_newButton(new QPushButton(tr("&New…"), this)),
      m_editButton(new QPushButton(tr("&Edit…"), this)),
      m_deleteButton(new QPushButton(tr("&Delete"), this)),
      m_copyButton(new QPushButton(tr("&Copy URL"), this)),
      m_refreshButton(new QPushButton(tr("&Refresh"), this))
{
    setObjectName(QStringLiteral("endpointsPage"));
    m_table->setObjectName(QStringLiteral("endpointsTable"));
    m_table->setHorizontalHeaderLabels(
        {tr("Path"), tr("Kind"), tr("Method"), tr("Status"), tr("Expires"), tr("URL")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_messageLabel->setObjectName(QStringLiteral("endpointsMessageLabel"));
    m_messageLabel->setWordWrap(true);
    m_newButton->setObjectName(QStringLiteral("newEndpointButton"));
    m_editButton->setObjectName(QStringLiteral("editEndpointButton"));
    m_deleteButton->setObjectName(QStringLiteral("deleteEndpointButton"));
    m_copyButton->setObjectName(QStringLiteral("copyEndpointUrlButton"));
    m_refreshButton->setObjectName(QStringLiteral("refreshEndpointsButton"));

    auto *buttons = new QHBoxLayout;
    for (QPushButton *button : {m_newButton, m_editButton, m_deleteButton, m_copyButton})
        buttons->addWidget(button);
    // The journal of the selected endpoint and a panel to call it (ui/MockTools.h).
    auto *journalButton = new QPushButton(tr("&Journal…"), this);
    journalButton->setObjectName(QStringLiteral("journalButton"));
    auto *tryItButton = new QPushButton(tr("&Try it…"), this);
    tryItButton->setObjectName(QStringLiteral("tryItButton"));
    buttons->addWidget(journalButton);
    buttons->addWidget(tryItButton);
    connect(journalButton, &QPushButton::clicked, this, [this] {
        if (selectedIndex() >= 0)
            MockTools::openJournal(this, m_client, m_endpoints.at(selectedIndex()));
    });
    connect(tryItButton, &QPushButton::clicked, this, [this] {
        if (selectedIndex() >= 0)
            MockTools::openTryIt(this, m_client, m_endpoints.at(selectedIndex()));
    });
    buttons->addStretch();
    buttons->addWidget(m_refreshButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_table);
    layout->addWidget(m_messageLabel);

    connect(m_newButton, &QPushButton::clicked, this, &EndpointsPage::newEndpoint);
    connect(m_editButton, &QPushButton::clicked, this, &EndpointsPage::editSelected);
    connect(m_deleteButton, &QPushButton::clicked, this, &EndpointsPage::deleteSelected);
    connect(m_copyButton, &QPushButton::clicked, this, &EndpointsPage::copySelectedUrl);
    connect(m_refreshButton, &QPushButton::clicked, this, &EndpointsPage::refresh);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &EndpointsPage::updateButtons);
    connect(m_client->session(), &Session::changed, this, &EndpointsPage::updateButtons);
    connect(m_table, &QTableWidget::cellDoubleClicked, this, &EndpointsPage::editSelected);
    clear();
}

void EndpointsPage::clear()
{
    showEndpoints({});
    m_messageLabel->setText(m_client->session()->isLoggedIn()
                                ? QString()
                                : tr("Log in to publish mocks, files and scripts."));
}

void EndpointsPage::refresh()
{
    if (!m_client->session()->isLoggedIn())
        return clear();
    m_refreshButton->setEnabled(false);
    m_client->listEndpoints(this, [this](const ApiResult<QList<Endpoint>> &result) {
        updateButtons();
        if (!result.ok()) {
            m_messageLabel->setText(
                tr("Could not load the endpoints: %1").arg(result.error().message()));
            return;
        }
        showEndpoints(result.value());
        m_messageLabel->setText(result.value().isEmpty()
                                    ? tr("No endpoints yet. Create one with New.")
                                    : tr("%n endpoint(s)", nullptr, int(result.value().size())));
    });
}

void EndpointsPage::showEndpoints(const QList<Endpoint> &endpoints)
{
    m_endpoints = endpoints;
    m_table->setRowCount(int(endpoints.size()));
    for (int row = 0; row < endpoints.size(); ++row) {
        const Endpoint &endpoint = endpoints.at(row);
        const QString expires =
            endpoint.expiresAt.isValid()
                ? QLocale().toString(endpoint.expiresAt.toLocalTime(), QLocale::ShortFormat)
                : QString();
        const QStringList cells{endpoint.identifier,
                                Endpoint::kindName(endpoint.kind),
                                endpoint.method,
                                QString::number(endpoint.statusCode),
                                expires,
                                endpoint.url};
        for (int column = 0; column < ColumnCount; ++column)
            m_table->setItem(row, column, new QTableWidgetItem(cells.at(column)));
    }
    m_table->resizeColumnsToContents();
    updateButtons();
}

int EndpointsPage::selectedIndex() const
{
    const QList<QTableWidgetItem *> selected = m_table->selectedItems();
    return selected.isEmpty() ? -1 : selected.first()->row();
}

void EndpointsPage::updateButtons()
{
    const bool loggedIn = m_client->session()->isLoggedIn();
    const bool selected = selectedIndex() >= 0;
    m_newButton->setEnabled(loggedIn);
    m_refreshButton->setEnabled(loggedIn);
    m_editButton->setEnabled(loggedIn && selected);
    m_deleteButton->setEnabled(loggedIn && selected);
    m_copyButton->setEnabled(selected);
}

void EndpointsPage::newEndpoint()
{
    openEditor(nullptr);
}

void EndpointsPage::editSelected()
{
    const int index = selectedIndex();
    if (index >= 0)
        openEditor(&m_endpoints.at(index));
}

void EndpointsPage::openEditor(const Endpoint *endpoint)
{
    auto *editor = new EndpointEditor(m_client, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    if (endpoint)
        editor->setEndpoint(*endpoint);
    connect(editor, &EndpointEditor::saved, this, [this](const Endpoint &saved) {
        m_messageLabel->setText(tr("Saved: %1").arg(saved.url));
        refresh();
    });
    editor->open();
}

void EndpointsPage::deleteSelected()
{
    const int index = selectedIndex();
    if (index < 0)
        return;
    const Endpoint endpoint = m_endpoints.at(index);
    auto *box =
        new QMessageBox(QMessageBox::Question, tr("Delete endpoint"),
                        tr("Delete %1? Its URL stops working at once.").arg(endpoint.identifier),
                        QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName(QStringLiteral("confirmDeleteBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, endpoint] {
        if (box->standardButton(box->clickedButton()) != QMessageBox::Yes)
            return;
        m_client->deleteEndpoint(
            endpoint.id, this, [this, endpoint](const ApiResult<bool> &result) {
                if (!result.ok()) {
                    m_messageLabel->setText(
                        tr("Could not delete %1: %2")
                            .arg(endpoint.identifier, result.error().message()));
                    return;
                }
                m_messageLabel->setText(tr("Deleted %1.").arg(endpoint.identifier));
                refresh();
            });
    });
    box->open();
}

void EndpointsPage::copySelectedUrl()
{
    const int index = selectedIndex();
    if (index < 0)
        return;
    QGuiApplication::clipboard()->setText(m_endpoints.at(index).url);
    m_messageLabel->setText(tr("Copied %1").arg(m_endpoints.at(index).url));
}

} // namespace depot
