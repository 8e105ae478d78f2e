#include "ui/ShareHistory.h"

#include "api/ApiClient.h"
#include "ui/Feedback.h"

#include <QAction>
#include <QClipboard>
#include <QDesktopServices>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QSettings>
#include <QTableWidget>
#include <QVBoxLayout>

namespace depot {

namespace {

enum Column { FileColumn, StateColumn, CreatedColumn, ExpiresColumn, LinkColumn, ColumnCount };
constexpr int MaxEntries = 200;

} // namespace

ShareHistory::ShareHistory(ApiClient *client, QWidget *parent)
    : QWidget(parent), m_client(client), m_table(new QTableWidget(0, ColumnCount, this)),
      m_messageLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("shareHistory"));
    m_table->setObjectName(QStringLiteral("shareHistoryTable"));
    m_table->setHorizontalHeaderLabels(
        {tr("File"), tr("State"), tr("Shared"), tr("Expires"), tr("Link")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_messageLabel->setObjectName(QStringLiteral("shareHistoryMessageLabel"));
    m_messageLabel->setWordWrap(true);

    auto *copyButton = new QPushButton(tr("Cop&y link"), this);
    copyButton->setObjectName(QStringLiteral("copyHistoryLinkButton"));
    auto *openButton = new QPushButton(tr("Open in &browser"), this);
    openButton->setObjectName(QStringLiteral("openHistoryLinkButton"));
    auto *revokeButton = new QPushButton(tr("Re&voke…"), this);
    revokeButton->setObjectName(QStringLiteral("revokeHistoryLinkButton"));
    revokeButton->setIcon(QIcon(QStringLiteral(":/icons/delete.svg")));
    auto *checkButton = new QPushButton(tr("Chec&k states"), this);
    checkButton->setObjectName(QStringLiteral("checkHistoryButton"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(new QLabel(tr("My shared links"), this));
    buttons->addStretch();
    for (QPushButton *button : {copyButton, openButton, revokeButton, checkButton})
        buttons->addWidget(button);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(m_table);
    layout->addWidget(m_messageLabel);

    auto current = [this] {
        const QList<QTableWidgetItem *> selected = m_table->selectedItems();
        return selected.isEmpty() ? -1 : selected.first()->row();
    };
    connect(copyButton, &QPushButton::clicked, this, [this, current] { copy(current()); });
    connect(openButton, &QPushButton::clicked, this, [this, current] { open(current()); });
    connect(revokeButton, &QPushButton::clicked, this, [this, current] { revoke(current()); });
    connect(checkButton, &QPushButton::clicked, this, &ShareHistory::refreshStates);
    load();
    fill();
}

void ShareHistory::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // The states of links from earlier sessions, asked once when the list is first seen.
    if (!m_checked && !m_entries.isEmpty()) {
        m_checked = true;
        refreshStates();
    }
}

void ShareHistory::add(const QString &fileName, const QUrl &url, const QUrl &deleteUrl,
                       const QDateTime &expiresAt, int downloads)
{
    Entry entry{fileName,  url,       deleteUrl, QDateTime::currentDateTimeUtc(),
                expiresAt, downloads, false,     tr("Available")};
    m_entries.prepend(entry);
    while (m_entries.size() > MaxEntries)
        m_entries.removeLast();
    save();
    fill();
}

void ShareHistory::load()
{
    QSettings settings;
    const int count = settings.beginReadArray(QStringLiteral("shares"));
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        Entry entry;
        entry.fileName = settings.value(QStringLiteral("fileName")).toString();
        entry.url = settings.value(QStringLiteral("url")).toUrl();
        entry.deleteUrl = settings.value(QStringLiteral("deleteUrl")).toUrl();
        entry.createdAt = settings.value(QStringLiteral("createdAt")).toDateTime();
        entry.expiresAt = settings.value(QStringLiteral("expiresAt")).toDateTime();
        entry.downloads = settings.value(QStringLiteral("downloads"), 1).toInt();
        entry.revoked = settings.value(QStringLiteral("revoked"), false).toBool();
        entry.state = entry.revoked ? tr("Revoked") : tr("Not checked");
        if (entry.url.isValid())
            m_entries.append(entry);
    }
    settings.endArray();
}

void ShareHistory::save() const
{
    QSettings settings;
    settings.remove(QStringLiteral("shares"));
    settings.beginWriteArray(QStringLiteral("shares"), int(m_entries.size()));
    for (int i = 0; i < m_entries.size(); ++i) {
        const Entry &entry = m_entries.at(i);
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("fileName"), entry.fileName);
        settings.setValue(QStringLiteral("url"), entry.url);
        settings.setValue(QStringLiteral("deleteUrl"), entry.deleteUrl);
        settings.setValue(QStringLiteral("createdAt"), entry.createdAt);
        settings.setValue(QStringLiteral("expiresAt"), entry.expiresAt);
        settings.setValue(QStringLiteral("downloads"), entry.downloads);
        settings.setValue(QStringLiteral("revoked"), entry.revoked);
    }
    settings.endArray();
}

void ShareHistory::fill()
{
    const QLocale locale;
    m_table->setRowCount(int(m_entries.size()));
    for (int row = 0; row < m_entries.size(); ++row) {
        const Entry &entry = m_entries.at(row);
        const auto when = [&locale](const QDateTime &time) {
            return time.isValid() ? locale.toString(time.toLocalTime(), QLocale::ShortFormat)
                                  : QString();
        };
        const QStringList cells{entry.fileName, entry.state, when(entry.createdAt),
                                when(entry.expiresAt), entry.url.toString()};
        for (int column = 0; column < ColumnCount; ++column)
            m_table->setItem(row, column, new QTableWidgetItem(cells.at(column)));
    }
    m_table->resizeColumnsToContents();
}

void ShareHistory::setState(int row, const QString &state)
{
    if (row < 0 || row >= m_entries.size())
        return;
    m_entries[row].state = state;
    if (QTableWidgetItem *item = m_table->item(row, StateColumn))
        item->setText(state);
}

void ShareHistory::refreshStates()
{
    for (int row = 0; row < m_entries.size(); ++row) {
        if (m_entries.at(row).revoked)
            continue;
        const QUrl url = m_entries.at(row).url;
        setState(row, tr("Checking…"));
        m_client->probeDownload(url, QString(), this,
                                [this, row, url](const ApiResult<DownloadProbe> &result) {
                                    if (row >= m_entries.size() || m_entries.at(row).url != url)
                                        return;
                                    const int status = result.ok() ? 200 : result.error().status();
                                    setState(row, status == 200   ? tr("Available")
                                                  : status == 401 ? tr("Available (password)")
                                                  : status == 404 ? tr("Revoked or removed")
                                                  : status == 410 ? tr("Used up or expired")
                                                                  : tr("Unknown"));
                                });
    }
}

void ShareHistory::copy(int row)
{
    if (row < 0 || row >= m_entries.size())
        return;
    QGuiApplication::clipboard()->setText(m_entries.at(row).url.toString());
    Feedback::show(m_messageLabel, tr("The link is on the clipboard."));
}

void ShareHistory::open(int row)
{
    if (row >= 0 && row < m_entries.size())
        QDesktopServices::openUrl(m_entries.at(row).url);
}

void ShareHistory::revoke(int row)
{
    if (row < 0 || row >= m_entries.size())
        return;
    const Entry entry = m_entries.at(row);
    auto *box = new QMessageBox(QMessageBox::Question, tr("Revoke link"),
                                tr("Revoke the link to %1? It stops working at once for "
                                   "everyone who has it.")
                                    .arg(entry.fileName),
                                QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName(QStringLiteral("confirmRevokeBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setDefaultButton(QMessageBox::No);
    box->button(QMessageBox::Yes)->setText(tr("&Revoke"));
    connect(box, &QMessageBox::finished, this, [this, box, entry] {
        if (box->standardButton(box->clickedButton()) != QMessageBox::Yes)
            return;
        QNetworkRequest request(entry.deleteUrl);
        request.setRawHeader("Accept", "application/json");
        QNetworkReply *reply = m_client->network()->deleteResource(request);
        m_client->handleReply(
            reply, this, false,
            [this, entry](QNetworkReply *, const QByteArray &, const RequestError &error) {
                int row = -1;
                for (int i = 0; i < m_entries.size(); ++i) {
                    if (m_entries.at(i).url == entry.url)
                        row = i;
                }
                if (!error.isNull() && error.status() != 404 && error.status() != 410) {
                    Feedback::showError(m_messageLabel,
                                        tr("Could not revoke the link to %1.").arg(entry.fileName),
                                        error);
                    return;
                }
                if (row >= 0)
                    m_entries[row].revoked = true;
                setState(row, tr("Revoked"));
                save();
                Feedback::show(m_messageLabel,
                               tr("The link to %1 no longer works.").arg(entry.fileName),
                               Feedback::Tone::Success);
            });
    });
    box->open();
}

} // namespace depot
