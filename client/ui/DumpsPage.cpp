#include "ui/DumpsPage.h"

#include "api/ApiClient.h"
#include "api/Session.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace depot {

namespace {

QString imageDetail(const DumpImage &image)
{
    if (image.httpCode > 0 && !image.error.isEmpty())
        return QStringLiteral("HTTP %1: %2").arg(image.httpCode).arg(image.error);
    if (image.httpCode > 0)
        return QStringLiteral("HTTP %1").arg(image.httpCode);
    return image.error;
}

} // namespace

DumpsPage::DumpsPage(ApiClient *client, QWidget *parent)
    : QWidget(parent), m_client(client), m_fileEdit(new QLineEdit(this)),
      m_sendButton(new QPushButton(tr("&Send"), this)), m_progress(new QProgressBar(this)),
      m_messageLabel(new QLabel(this)), m_resultTree(new QTreeWidget(this)),
      m_historyTable(new QTableWidget(0, 4, this)),
      m_refreshButton(new QPushButton(tr("&Refresh"), this))
{
    setObjectName(QStringLiteral("dumpsPage"));
    m_fileEdit->setObjectName(QStringLiteral("dumpFileEdit"));
    m_fileEdit->setPlaceholderText(tr("An .xml or .json batch of items"));
    auto *chooseButton = new QPushButton(tr("C&hoose…"), this);
    chooseButton->setObjectName(QStringLiteral("chooseDumpFileButton"));
    m_sendButton->setObjectName(QStringLiteral("sendDumpButton"));
    m_progress->setObjectName(QStringLiteral("dumpProgress"));
    m_progress->setRange(0, 0);
    m_progress->hide();
    m_messageLabel->setObjectName(QStringLiteral("dumpMessageLabel"));
    m_messageLabel->setWordWrap(true);
    m_resultTree->setObjectName(QStringLiteral("dumpResultTree"));
    m_resultTree->setHeaderLabels({tr("Item / image"), tr("Status"), tr("Detail")});
    m_resultTree->setUniformRowHeights(true);
    m_historyTable->setObjectName(QStringLiteral("dumpHistoryTable"));
    m_historyTable->setHorizontalHeaderLabels(
        {tr("Request"), tr("Format"), tr("Status"), tr("Sent")});
    m_historyTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_historyTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_historyTable->horizontalHeader()->setStretchLastSection(true);
    m_historyTable->verticalHeader()->hide();
    m_refreshButton->setObjectName(QStringLiteral("refreshDumpsButton"));

    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_fileEdit);
    fileRow->addWidget(chooseButton);
    fileRow->addWidget(m_sendButton);
    auto *history = new QWidget(this);
    auto *historyLayout = new QVBoxLayout(history);
    historyLayout->setContentsMargins(0, 0, 0, 0);
    auto *historyHeader = new QHBoxLayout;
    historyHeader->addWidget(new QLabel(tr("Earlier requests"), history));
    historyHeader->addStretch();
    historyHeader->addWidget(m_refreshButton);
    historyLayout->addLayout(historyHeader);
    historyLayout->addWidget(m_historyTable);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_resultTree);
    splitter->addWidget(history);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(fileRow);
    layout->addWidget(m_progress);
    layout->addWidget(m_messageLabel);
    layout->addWidget(splitter, 1);

    connect(chooseButton, &QPushButton::clicked, this, &DumpsPage::chooseFile);
    connect(m_sendButton, &QPushButton::clicked, this, &DumpsPage::send);
    connect(m_refreshButton, &QPushButton::clicked, this, &DumpsPage::refresh);
    connect(m_client->session(), &Session::changed, this, [this] {
        const bool loggedIn = m_client->session()->isLoggedIn();
        m_sendButton->setEnabled(loggedIn);
        m_refreshButton->setEnabled(loggedIn);
    });
    connect(m_historyTable, &QTableWidget::cellActivated, this, &DumpsPage::openHistoryRow);
    connect(m_historyTable, &QTableWidget::cellClicked, this, &DumpsPage::openHistoryRow);
    clear();
}

QString DumpsPage::message() const
{
    return m_messageLabel->text();
}

void DumpsPage::setFile(const QString &path)
{
    m_fileEdit->setText(QDir::toNativeSeparators(path));
}

void DumpsPage::chooseFile()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Choose a batch of items"), m_fileEdit->text(),
                                     tr("Item batches (*.xml *.json);;All files (*)"));
    if (!path.isEmpty())
        setFile(path);
}

void DumpsPage::clear()
{
    m_resultTree->clear();
    showHistory({});
    const bool loggedIn = m_client->session()->isLoggedIn();
    m_sendButton->setEnabled(loggedIn);
    m_refreshButton->setEnabled(loggedIn);
    m_messageLabel->setText(loggedIn ? QString() : tr("Log in to send image dumps."));
}

void DumpsPage::send()
{
    const QString path = QDir::fromNativeSeparators(m_fileEdit->text().trimmed());
    if (path.isEmpty() || !QFileInfo(path).isFile()) {
        m_messageLabel->setText(tr("Choose an .xml or .json file first."));
        return;
    }
    m_sendButton->setEnabled(false);
    m_progress->show();
    m_resultTree->clear();
    m_messageLabel->setText(tr("Sending %1; the server answers once every image is fetched…")
                                .arg(QFileInfo(path).fileName()));
    m_client->sendDump(path, this, [this](const ApiResult<DumpReport> &result) {
        m_sendButton->setEnabled(m_client->session()->isLoggedIn());
        m_progress->hide();
        if (!result.ok()) {
            const RequestError &error = result.error();
            if (error.status() == 429)
                m_messageLabel->setText(
                    tr("The hourly quota of your plan is used up. %1").arg(error.detail()));
            else
                m_messageLabel->setText(tr("The dump was refused: %1").arg(error.message()));
            emit quotaUsed();
            return;
        }
        showReport(result.value());
        emit quotaUsed();
        refresh();
    });
}

void DumpsPage::showReport(const DumpReport &report)
{
    m_resultTree->clear();
    int succeeded = 0;
    const QList<DumpItem> &items = report.result.items;
    for (const DumpItem &item : items) {
        const QString status = dumpStatusName(item.processStatus());
        auto *itemRow = new QTreeWidgetItem(
            m_resultTree, {item.name.isEmpty() ? QString::number(item.itemId) : item.name, status,
                           tr("%n image(s)", nullptr, int(item.images.size()))});
        if (item.processStatus() == DumpStatus::Success)
            ++succeeded;
        for (const DumpImage &image : item.images)
            new QTreeWidgetItem(itemRow,
                                {image.url, dumpStatusName(image.status), imageDetail(image)});
    }
    m_resultTree->resizeColumnToContents(1);
    QString text = tr("Request %1: %2 of %n item(s) succeeded.", nullptr, int(items.size()))
                       .arg(report.requestId)
                       .arg(succeeded);
    if (report.rateLimit >= 0 && report.rateRemaining >= 0) {
        text +=
            QLatin1Char(' ') +
            tr("%1 of %2 requests left this hour.").arg(report.rateRemaining).arg(report.rateLimit);
    }
    m_messageLabel->setText(text);
}

void DumpsPage::refresh()
{
    if (!m_client->session()->isLoggedIn())
        return clear();
    m_sendButton->setEnabled(true);
    m_refreshButton->setEnabled(true);
    m_client->listDumps(this, [this](const ApiResult<QList<DumpReport>> &result) {
        if (!result.ok()) {
            // The history is secondary: keep the message about the last send.
            showHistory({});
            return;
        }
        showHistory(result.value());
    });
}

void DumpsPage::showHistory(const QList<DumpReport> &reports)
{
    m_history = reports;
    m_historyTable->setRowCount(int(reports.size()));
    for (int row = 0; row < reports.size(); ++row) {
        const DumpReport &report = reports.at(row);
        const QString sent =
            report.createdAt.isValid()
                ? QLocale().toString(report.createdAt.toLocalTime(), QLocale::ShortFormat)
                : QString();
        const QStringList cells{report.requestId, report.dataFormat, report.status, sent};
        for (int column = 0; column < cells.size(); ++column)
            m_historyTable->setItem(row, column, new QTableWidgetItem(cells.at(column)));
    }
}

void DumpsPage::openHistoryRow(int row)
{
    if (row < 0 || row >= m_history.size())
        return;
    const DumpReport summary = m_history.at(row);
    if (summary.hasItems)
        return showReport(summary);
    m_client->fetchDump(summary.requestId, this, [this](const ApiResult<DumpReport> &result) {
        if (result.ok())
            showReport(result.value());
        else
            m_messageLabel->setText(
                tr("Could not load the request: %1").arg(result.error().message()));
    });
}

} // namespace depot
