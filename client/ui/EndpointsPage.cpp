#include "ui/EndpointsPage.h"

#include "api/ApiClient.h"
#include "api/Session.h"
#include "ui/EndpointEditor.h"
#include "ui/EndpointTexts.h"
#include "ui/Feedback.h"
#include "ui/MockTools.h"

#include <QAction>
#include <QClipboard>
#include <QDesktopServices>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>
#include <QTableWidget>
#include <QVBoxLayout>

namespace depot {

EndpointsPage::EndpointsPage(ApiClient *client, QWidget *parent)
    : QWidget(parent), m_client(client), m_table(new QTableWidget(0, ColumnCount, this)),
      m_messageLabel(new QLabel(this)), m_countLabel(new QLabel(this)),
      m_filterEdit(new QLineEdit(this)), m_newButton(new QPushButton(tr("&New…"), this)),
      m_editButton(new QPushButton(tr("Ed&it…"), this)),
      m_deleteButton(new QPushButton(tr("&Delete"), this)),
      m_copyButton(new QPushButton(tr("&Copy URL"), this)),
      m_refreshButton(new QPushButton(tr("&Refresh"), this))
{
    setObjectName(QStringLiteral("endpointsPage"));
    m_table->setObjectName(QStringLiteral("endpointsTable"));
    m_table->setHorizontalHeaderLabels({tr("Path"), tr("Kind"), tr("Method"), tr("Status"),
                                        tr("Latency"), tr("Headers"), tr("Expires"), tr("URL")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_messageLabel->setObjectName(QStringLiteral("endpointsMessageLabel"));
    m_messageLabel->setWordWrap(true);
    m_messageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_countLabel->setObjectName(QStringLiteral("endpointsCountLabel"));
    m_filterEdit->setObjectName(QStringLiteral("endpointsFilterEdit"));
    m_filterEdit->setPlaceholderText(tr("Filter by path, method or URL"));
    m_filterEdit->setClearButtonEnabled(true);
    m_newButton->setIcon(QIcon(QStringLiteral(":/icons/new.svg")));
    m_deleteButton->setIcon(QIcon(QStringLiteral(":/icons/delete.svg")));
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
    auto *tryItButton = new QPushButton(tr("Try it…"), this);
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
    buttons->addWidget(m_filterEdit);
    buttons->addWidget(m_refreshButton);
    auto *footer = new QHBoxLayout;
    footer->addWidget(m_messageLabel, 1);
    footer->addWidget(m_countLabel);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_table);
    layout->addLayout(footer);

    // The row's actions: context menu, Return (edit) and Delete on the table.
    const struct
    {
        QString text;
        void (EndpointsPage::*slot)();
        QString name;
    } actions[] = {
        {tr("Edit…"), &EndpointsPage::editSelected, QStringLiteral("editEndpointAction")},
        {tr("Duplicate…"), &EndpointsPage::duplicateSelected,
         QStringLiteral("duplicateEndpointAction")},
        {tr("Copy URL"), &EndpointsPage::copySelectedUrl, QStringLiteral("copyEndpointUrlAction")},
        {tr("Open in browser"), &EndpointsPage::openSelectedUrl,
         QStringLiteral("openEndpointUrlAction")},
        {tr("Delete"), &EndpointsPage::deleteSelected, QStringLiteral("deleteEndpointAction")},
    };
    for (const auto &entry : actions) {
        auto *action = new QAction(entry.text, m_table);
        action->setObjectName(entry.name);
        connect(action, &QAction::triggered, this, entry.slot);
        m_table->addAction(action);
    }
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    for (const QKeySequence &key : {QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)})
        connect(new QShortcut(key, m_table, nullptr, nullptr, Qt::WidgetShortcut),
                &QShortcut::activated, this, &EndpointsPage::editSelected);
    connect(new QShortcut(QKeySequence::Delete, m_table, nullptr, nullptr, Qt::WidgetShortcut),
            &QShortcut::activated, this, &EndpointsPage::deleteSelected);
    connect(m_filterEdit, &QLineEdit::textChanged, this, &EndpointsPage::applyFilter);

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
    m_countLabel->clear();
    Feedback::show(m_messageLabel, m_client->session()->isLoggedIn()
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
            Feedback::showError(m_messageLabel, tr("Could not load the endpoints."),
                                result.error());
            return;
        }
        showEndpoints(result.value());
        // The count has its own place: it never hides the message about the last action.
        m_countLabel->setText(result.value().isEmpty()
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
        const bool script = endpoint.kind == Endpoint::Kind::Script;
        QStringList headerNames = endpoint.headers.keys();
        const QStringList cells{endpoint.identifier,
                                EndpointTexts::kindLabel(endpoint.kind),
                                endpoint.method,
                                script ? tr("by script") : QString::number(endpoint.statusCode),
                                script ? QString() : tr("%1 ms").arg(endpoint.latency),
                                script ? QString() : headerNames.join(QStringLiteral(", ")),
                                expires,
                                endpoint.url};
        for (int column = 0; column < ColumnCount; ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            item->setData(Qt::UserRole, endpoint.id);
            m_table->setItem(row, column, item);
        }
        if (script)
            m_table->item(row, StatusColumn)
                ->setToolTip(tr("A script sets its own status code and headers."));
    }
    m_table->resizeColumnsToContents();
    applyFilter();
    selectEndpoint(m_selectAfterRefresh, m_fallbackRow);
    m_selectAfterRefresh = -1;
    m_fallbackRow = -1;
    updateButtons();
}

void EndpointsPage::applyFilter()
{
    const QString needle = m_filterEdit->text().trimmed();
    for (int row = 0; row < m_table->rowCount(); ++row) {
        bool match = needle.isEmpty();
        for (int column :
             {int(IdentifierColumn), int(MethodColumn), int(KindColumn), int(UrlColumn)}) {
            if (!match && m_table->item(row, column)->text().contains(needle, Qt::CaseInsensitive))
                match = true;
        }
        m_table->setRowHidden(row, !match);
    }
}

void EndpointsPage::selectEndpoint(qint64 id, int fallbackRow)
{
    int row = -1;
    for (int candidate = 0; candidate < m_endpoints.size(); ++candidate) {
        if (m_endpoints.at(candidate).id == id)
            row = candidate;
    }
    if (row < 0 && fallbackRow >= 0 && m_table->rowCount() > 0)
        row = qMin(fallbackRow, m_table->rowCount() - 1);
    if (row >= 0) {
        m_table->selectRow(row);
        m_table->setCurrentCell(row, 0);
    }
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
    const QList<QAction *> actions = m_table->actions();
    for (QAction *action : actions)
        action->setEnabled(selected && (loggedIn || action->objectName().contains(u"Url")));
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

void EndpointsPage::duplicateSelected()
{
    const int index = selectedIndex();
    if (index >= 0)
        openEditor(&m_endpoints.at(index), true);
}

void EndpointsPage::openEditor(const Endpoint *endpoint, bool duplicate)
{
    auto *editor = new EndpointEditor(m_client, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    if (endpoint && duplicate)
        editor->setTemplate(*endpoint);
    else if (endpoint)
        editor->setEndpoint(*endpoint);
    connect(editor, &EndpointEditor::saved, this, [this](const Endpoint &saved) {
        Feedback::show(m_messageLabel, tr("Saved %1.").arg(saved.url), Feedback::Tone::Success);
        m_selectAfterRefresh = saved.id;
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
    box->setDefaultButton(QMessageBox::No); // Enter must not destroy anything
    box->button(QMessageBox::Yes)->setText(tr("&Delete"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, endpoint] {
        if (box->standardButton(box->clickedButton()) != QMessageBox::Yes)
            return;
        m_client->deleteEndpoint(
            endpoint.id, this, [this, endpoint](const ApiResult<bool> &result) {
                if (!result.ok()) {
                    Feedback::showError(m_messageLabel,
                                        tr("Could not delete %1.").arg(endpoint.identifier),
                                        result.error());
                    return;
                }
                Feedback::show(m_messageLabel, tr("Deleted %1.").arg(endpoint.identifier),
                               Feedback::Tone::Success);
                // The row that takes the deleted one's place is selected.
                m_fallbackRow = selectedIndex();
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
    Feedback::show(m_messageLabel, tr("Copied %1.").arg(m_endpoints.at(index).url));
}

void EndpointsPage::openSelectedUrl()
{
    const int index = selectedIndex();
    if (index >= 0)
        QDesktopServices::openUrl(QUrl(m_endpoints.at(index).url));
}

} // namespace depot
