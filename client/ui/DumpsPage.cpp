#include "ui/DumpsPage.h"

#include "api/ApiClient.h"
#include "api/Session.h"
#include "ui/Feedback.h"

#include <QCoreApplication>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMimeData>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QVBoxLayout>

namespace depot {

namespace {

constexpr int ThumbnailSide = 40;
constexpr int MaxThumbnails = 100;

// The server's stable cause words ("timeout", "blocked address", ..., docs/API.md) in the
// user's language; anything else as the server says it.
QString imageError(const QString &cause)
{
    static const struct
    {
        const char *cause;
        const char *text;
    } causes[] = {
        {"timeout", QT_TRANSLATE_NOOP("depot::DumpsPage", "the site did not answer in time")},
        {"dns", QT_TRANSLATE_NOOP("depot::DumpsPage", "the site's name was not found")},
        {"connection refused",
         QT_TRANSLATE_NOOP("depot::DumpsPage", "the site refused the connection")},
        {"too large", QT_TRANSLATE_NOOP("depot::DumpsPage", "the image is too large")},
        {"not an image", QT_TRANSLATE_NOOP("depot::DumpsPage", "not an image")},
        {"blocked address",
         QT_TRANSLATE_NOOP("depot::DumpsPage", "the address is not allowed (private or local)")},
        {"too many redirects", QT_TRANSLATE_NOOP("depot::DumpsPage", "too many redirects")},
        {"bad redirect",
         QT_TRANSLATE_NOOP("depot::DumpsPage", "a redirect that cannot be followed")},
        {"bad url", QT_TRANSLATE_NOOP("depot::DumpsPage", "not a usable URL")},
        {"deadline exceeded", QT_TRANSLATE_NOOP("depot::DumpsPage", "the request's time ran out")},
        {"cancelled", QT_TRANSLATE_NOOP("depot::DumpsPage", "cancelled")},
        {"network error", QT_TRANSLATE_NOOP("depot::DumpsPage", "network error")},
    };
    const QString head = cause.section(QLatin1Char(':'), 0, 0).trimmed();
    for (const auto &entry : causes) {
        if (head == QLatin1String(entry.cause))
            return QCoreApplication::translate("depot::DumpsPage", entry.text);
    }
    return cause;
}

QString imageDetail(const DumpImage &image)
{
    if (image.httpCode > 0 && !image.error.isEmpty())
        return QStringLiteral("HTTP %1: %2").arg(image.httpCode).arg(imageError(image.error));
    if (image.httpCode > 0)
        return QStringLiteral("HTTP %1").arg(image.httpCode);
    return imageError(image.error);
}

} // namespace

DumpsPage::DumpsPage(ApiClient *client, QWidget *parent)
    : QWidget(parent), m_client(client), m_fileEdit(new QLineEdit(this)),
      m_sendButton(new QPushButton(tr("Se&nd"), this)), m_progress(new QProgressBar(this)),
      m_messageLabel(new QLabel(this)), m_resultTree(new QTreeWidget(this)),
      m_historyTable(new QTableWidget(0, 4, this)),
      m_refreshButton(new QPushButton(tr("&Refresh"), this)),
      m_exportButton(new QPushButton(tr("E&xport…"), this)), m_quotaTimer(new QTimer(this))
{
    setAcceptDrops(true);
    m_exportButton->setObjectName(QStringLiteral("exportDumpButton"));
    m_exportButton->setEnabled(false);
    m_quotaTimer->setSingleShot(true);
    connect(m_quotaTimer, &QTimer::timeout, this, [this] {
        // The hour turned: the quota is back.
        onSessionChanged();
        emit quotaUsed();
    });
    setObjectName(QStringLiteral("dumpsPage"));
    m_fileEdit->setObjectName(QStringLiteral("dumpFileEdit"));
    m_fileEdit->setPlaceholderText(tr("An .xml or .json batch of items"));
    auto *chooseButton = new QPushButton(tr("Ch&oose…"), this);
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
    m_resultTree->setTextElideMode(Qt::ElideMiddle);
    m_resultTree->setIconSize(QSize(ThumbnailSide, ThumbnailSide));
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
    fileRow->addWidget(m_exportButton);
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
    connect(m_client->session(), &Session::changed, this, &DumpsPage::onSessionChanged);
    connect(m_exportButton, &QPushButton::clicked, this, &DumpsPage::exportReport);
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

void DumpsPage::onSessionChanged()
{
    const bool loggedIn = m_client->session()->isLoggedIn();
    m_sendButton->setEnabled(loggedIn && !m_quotaTimer->isActive());
    m_refreshButton->setEnabled(loggedIn);
    // The message follows the session: no "Log in" while logged in.
    const QString loginHint = tr("Log in to send image dumps.");
    if (!loggedIn)
        Feedback::show(m_messageLabel, loginHint);
    else if (m_messageLabel->text() == loginHint)
        Feedback::show(m_messageLabel, QString());
}

void DumpsPage::clear()
{
    m_resultTree->clear();
    m_shown.reset();
    m_exportButton->setEnabled(false);
    showHistory({});
    onSessionChanged();
}

QString DumpsPage::statusLabel(DumpStatus status)
{
    switch (status) {
    case DumpStatus::Pending:
        return tr("Pending");
    case DumpStatus::Success:
        return tr("Succeeded");
    case DumpStatus::Partial:
        return tr("Partly succeeded");
    case DumpStatus::Failure:
        return tr("Failed");
    }
    return QString();
}

QString DumpsPage::statusLabel(const QString &serverName)
{
    const auto status = dumpStatusFromName(serverName);
    return status ? statusLabel(*status) : serverName;
}

void DumpsPage::quotaExhausted(int retryAfterSeconds)
{
    const int seconds = retryAfterSeconds > 0 ? retryAfterSeconds : 3600;
    const QDateTime reset = QDateTime::currentDateTime().addSecs(seconds);
    const int minutes = qMax(1, (seconds + 59) / 60);
    Feedback::show(m_messageLabel,
                   tr("The hourly quota of your plan is used up. You can send again at %1 "
                      "(in %n minute(s)).",
                      nullptr, minutes)
                       .arg(QLocale().toString(reset.time(), QLocale::ShortFormat)),
                   Feedback::Tone::Error);
    m_sendButton->setEnabled(false);
    m_quotaTimer->start(seconds * 1000);
}

void DumpsPage::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.first().isLocalFile())
        event->acceptProposedAction();
}

void DumpsPage::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() != 1 || !urls.first().isLocalFile())
        return;
    event->acceptProposedAction();
    setFile(urls.first().toLocalFile());
}

void DumpsPage::exportReport()
{
    if (!m_shown)
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the result"),
                                                      m_shown->requestId + QStringLiteral(".json"),
                                                      tr("JSON files (*.json)"));
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    QJsonObject object = m_shown->result.toJson();
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(QJsonDocument(object).toJson(QJsonDocument::Indented)) < 0 || !file.commit()) {
        Feedback::show(m_messageLabel, tr("Could not write %1: %2").arg(path, file.errorString()),
                       Feedback::Tone::Error);
        return;
    }
    Feedback::show(m_messageLabel, tr("Exported to %1.").arg(QDir::toNativeSeparators(path)),
                   Feedback::Tone::Success);
}

void DumpsPage::send()
{
    const QString path = QDir::fromNativeSeparators(m_fileEdit->text().trimmed());
    if (path.isEmpty() || !QFileInfo(path).isFile()) {
        Feedback::show(m_messageLabel, tr("Choose an .xml or .json file first."),
                       Feedback::Tone::Error);
        return;
    }
    m_sendButton->setEnabled(false);
    m_progress->show();
    m_resultTree->clear();
    Feedback::show(m_messageLabel, tr("Sending %1; the server answers once every image is fetched…")
                                       .arg(QFileInfo(path).fileName()));
    m_client->sendDump(path, this, [this](const ApiResult<DumpReport> &result) {
        m_sendButton->setEnabled(m_client->session()->isLoggedIn());
        m_progress->hide();
        if (!result.ok()) {
            const RequestError &error = result.error();
            if (error.status() == 429)
                quotaExhausted(error.retryAfter());
            else
                Feedback::showError(m_messageLabel, tr("The dump was refused."), error);
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
    m_shown = report;
    m_exportButton->setEnabled(true);
    int succeeded = 0;
    int thumbnails = 0;
    const QList<DumpItem> &items = report.result.items;
    for (const DumpItem &item : items) {
        const QString status = statusLabel(item.processStatus());
        auto *itemRow = new QTreeWidgetItem(
            m_resultTree, {item.name.isEmpty() ? QString::number(item.itemId) : item.name, status,
                           tr("%n image(s)", nullptr, int(item.images.size()))});
        if (item.processStatus() == DumpStatus::Success)
            ++succeeded;
        itemRow->setToolTip(0, itemRow->text(0));
        for (const DumpImage &image : item.images) {
            auto *imageRow = new QTreeWidgetItem(
                itemRow, {image.url, statusLabel(image.status), imageDetail(image)});
            imageRow->setToolTip(0, image.url);
            imageRow->setToolTip(2, image.error); // the server's own word
            if (image.status == DumpStatus::Success && image.imageId > 0 &&
                ++thumbnails <= MaxThumbnails) {
                // A thumbnail of the stored image; the row may be gone when it arrives.
                QPointer<QTreeWidget> tree = m_resultTree;
                const quintptr row = reinterpret_cast<quintptr>(imageRow);
                m_client->fetchDumpImage(
                    report.requestId, image.imageId, ThumbnailSide, this,
                    [this, tree, row](const ApiResult<QImage> &result) {
                        if (!result.ok() || !tree)
                            return;
                        for (QTreeWidgetItemIterator it(tree); *it; ++it) {
                            if (reinterpret_cast<quintptr>(*it) == row)
                                (*it)->setIcon(0, QIcon(QPixmap::fromImage(result.value())));
                        }
                    });
            }
        }
    }
    m_resultTree->expandAll();
    // Names and URLs get the room they need (the columns scroll), not a fixed 100 px.
    for (int column = 0; column < m_resultTree->columnCount(); ++column)
        m_resultTree->resizeColumnToContents(column);
    QString text = tr("Request %1: %2 of %n item(s) succeeded.", nullptr, int(items.size()))
                       .arg(report.requestId)
                       .arg(succeeded);
    const Feedback::Tone tone =
        succeeded == items.size() ? Feedback::Tone::Success : Feedback::Tone::Info;
    if (report.rateLimit >= 0 && report.rateRemaining >= 0) {
        text +=
            QLatin1Char(' ') + tr("%1 of %n request(s) left this hour.", nullptr, report.rateLimit)
                                   .arg(report.rateRemaining);
    }
    Feedback::show(m_messageLabel, text, tone);
}

void DumpsPage::refresh()
{
    if (!m_client->session()->isLoggedIn())
        return clear();
    onSessionChanged();
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
        const QStringList cells{report.requestId, report.dataFormat.toUpper(),
                                statusLabel(report.status), sent};
        for (int column = 0; column < cells.size(); ++column)
            m_historyTable->setItem(row, column, new QTableWidgetItem(cells.at(column)));
    }
    m_historyTable->resizeColumnsToContents();
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
            Feedback::showError(m_messageLabel, tr("Could not load the request."), result.error());
    });
}

} // namespace depot
