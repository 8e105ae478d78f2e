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
constexpr int PollIntervalMs = 1000;
constexpr int ImageIdRole = Qt::UserRole;
constexpr int ImageStatusRole = Qt::UserRole + 1;

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
      m_exportButton(new QPushButton(tr("E&xport…"), this)), m_quotaTimer(new QTimer(this)),
      m_events(new DumpEvents(this)), m_pollTimer(new QTimer(this))
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
    connect(m_events, &DumpEvents::imageFinished, this, &DumpsPage::onImageFinished);
    connect(m_events, &DumpEvents::ended, this, &DumpsPage::fetchFinal);
    connect(m_events, &DumpEvents::failed, this, &DumpsPage::onEventsFailed);
    m_pollTimer->setInterval(PollIntervalMs);
    connect(m_pollTimer, &QTimer::timeout, this, &DumpsPage::fetchFinal);
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
    stopFollowing();
    m_progress->hide();
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
    stopFollowing();
    m_sendButton->setEnabled(false);
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->show();
    m_resultTree->clear();
    m_shown.reset();
    m_exportButton->setEnabled(false);
    Feedback::show(m_messageLabel, tr("Sending %1…").arg(QFileInfo(path).fileName()));
    // Live progress needs a ticket for the events socket; a server without tickets gets the
    // synchronous form.
    m_client->requestWsTicket(this, [this, path](const ApiResult<QString> &ticket) {
        if (!ticket.ok()) {
            if (ticket.error().status() == 401)
                return finishSend(std::nullopt, ticket.error());
            return sendAndWait(path);
        }
        m_client->sendDump(
            path, this,
            [this, ticket = ticket.value()](const ApiResult<DumpReport> &result) {
                if (!result.ok())
                    return finishSend(std::nullopt, result.error());
                if (result.value().hasItems) // the server answered synchronously after all
                    return finishSend(result.value());
                follow(result.value(), ticket);
            },
            ApiClient::DumpMode::Async);
    });
}

void DumpsPage::sendAndWait(const QString &path)
{
    Feedback::show(m_messageLabel, tr("Sending %1; the server answers once every image is fetched…")
                                       .arg(QFileInfo(path).fileName()));
    m_client->sendDump(path, this, [this](const ApiResult<DumpReport> &result) {
        if (result.ok())
            finishSend(result.value());
        else
            finishSend(std::nullopt, result.error());
    });
}

void DumpsPage::follow(const DumpReport &accepted, const QString &ticket)
{
    m_following = accepted;
    m_finishedImages.clear();
    emit quotaUsed();
    const int total = qMax(0, accepted.imageCount);
    m_progress->setRange(0, qMax(1, total));
    m_progress->setValue(0);
    m_progress->setFormat(tr("%v of %m images"));
    m_progress->setTextVisible(true);
    Feedback::show(
        m_messageLabel,
        tr("Request %1 accepted: fetching %n image(s)…", nullptr, total).arg(accepted.requestId));
    // The request's items with their images still pending, to be updated as events arrive.
    const QString requestId = accepted.requestId;
    m_client->fetchDump(requestId, this, [this, requestId](const ApiResult<DumpReport> &result) {
        if (result.ok() && m_following && m_following->requestId == requestId &&
            !m_shown.has_value())
            showReport(result.value(), false);
    });
    m_events->open(m_client->webSocketUrl(QStringLiteral("/api/v1/dumps/%1/events").arg(requestId)),
                   ticket);
}

void DumpsPage::onImageFinished(const DumpImageEvent &event)
{
    if (!m_following || event.image.imageId <= 0)
        return;
    m_finishedImages.insert(event.image.imageId, event.image);
    if (event.total > 0)
        m_progress->setMaximum(event.total);
    m_progress->setValue(int(m_finishedImages.size()));
    applyImage(event.image);
}

void DumpsPage::applyImage(const DumpImage &image)
{
    for (int i = 0; i < m_resultTree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *itemRow = m_resultTree->topLevelItem(i);
        DumpItem item; // the item's status is derived from its images' statuses
        bool found = false;
        for (int j = 0; j < itemRow->childCount(); ++j) {
            QTreeWidgetItem *imageRow = itemRow->child(j);
            if (imageRow->data(0, ImageIdRole).toLongLong() == image.imageId) {
                imageRow->setText(1, statusLabel(image.status));
                imageRow->setText(2, imageDetail(image));
                imageRow->setToolTip(2, image.error);
                imageRow->setData(0, ImageStatusRole, int(image.status));
                found = true;
            }
            DumpImage state;
            state.status = DumpStatus(imageRow->data(0, ImageStatusRole).toInt());
            item.images.append(state);
        }
        if (found) {
            itemRow->setText(1, statusLabel(item.processStatus()));
            return;
        }
    }
}

void DumpsPage::onEventsFailed(const QString &reason)
{
    if (!m_following)
        return;
    // The request runs on regardless: its state is polled until it ends.
    Feedback::show(m_messageLabel,
                   tr("Live progress is not available (%1); waiting for the result…").arg(reason));
    m_pollTimer->start();
}

void DumpsPage::fetchFinal()
{
    if (!m_following)
        return;
    const QString requestId = m_following->requestId;
    m_client->fetchDump(requestId, this, [this, requestId](const ApiResult<DumpReport> &result) {
        if (!m_following || m_following->requestId != requestId)
            return;
        if (!result.ok()) {
            if (!m_pollTimer->isActive()) // polling tries again
                finishSend(std::nullopt, result.error());
            return;
        }
        if (result.value().status == dumpStatusName(DumpStatus::Pending)) {
            m_pollTimer->start(); // the end was announced before it was stored: ask again
            return;
        }
        DumpReport report = result.value();
        if (report.rateLimit < 0) { // the quota as the acceptance reported it
            report.rateLimit = m_following->rateLimit;
            report.rateRemaining = m_following->rateRemaining;
        }
        finishSend(report);
    });
}

void DumpsPage::stopFollowing()
{
    m_following.reset();
    m_finishedImages.clear();
    m_pollTimer->stop();
    m_events->close();
}

void DumpsPage::finishSend(std::optional<DumpReport> report, const RequestError &error)
{
    const bool wasFollowing = m_following.has_value();
    stopFollowing();
    m_sendButton->setEnabled(m_client->session()->isLoggedIn() && !m_quotaTimer->isActive());
    m_progress->hide();
    if (!report) {
        if (error.status() == 429)
            quotaExhausted(error.retryAfter());
        else
            Feedback::showError(m_messageLabel, tr("The dump was refused."), error);
        emit quotaUsed();
        return;
    }
    m_shown.reset();
    showReport(*report);
    if (!wasFollowing)
        emit quotaUsed();
    refresh();
}

void DumpsPage::showReport(const DumpReport &report, bool final)
{
    m_resultTree->clear();
    if (final)
        m_shown = report;
    m_exportButton->setEnabled(final);
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
            imageRow->setData(0, ImageIdRole, image.imageId);
            imageRow->setData(0, ImageStatusRole, int(image.status));
            if (final && image.status == DumpStatus::Success && image.imageId > 0 &&
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
    if (!final) {
        // Images that finished before these rows arrived.
        for (const DumpImage &image : std::as_const(m_finishedImages))
            applyImage(image);
        return;
    }
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
