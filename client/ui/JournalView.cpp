#include "ui/JournalView.h"

#include "api/ApiClient.h"
#include "api/JournalApi.h"

#include <QCheckBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace depot {
namespace {

constexpr int kPageSize = 200;

} // namespace

JournalView::JournalView(ApiClient *client, QWidget *parent)
    : QWidget(parent), m_client(client), m_titleLabel(new QLabel(this)),
      m_table(new QTableWidget(0, 6, this)), m_detail(new QPlainTextEdit(this)),
      m_statusLabel(new QLabel(this)), m_refreshButton(new QPushButton(tr("&Refresh"), this)),
      m_clearButton(new QPushButton(tr("&Clear journal"), this)),
      m_resetButton(new QPushButton(tr("Restart &sequence"), this)),
      m_pollCheck(new QCheckBox(tr("&Live"), this))
{
    setObjectName(QStringLiteral("journalView"));
    m_table->setObjectName(QStringLiteral("journalTable"));
    m_table->setHorizontalHeaderLabels(
        {tr("Time"), tr("Method"), tr("Path"), tr("Answered by"), tr("Status"), tr("ms")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_detail->setObjectName(QStringLiteral("journalDetail"));
    m_detail->setReadOnly(true);
    m_statusLabel->setObjectName(QStringLiteral("journalStatusLabel"));
    m_refreshButton->setObjectName(QStringLiteral("refreshJournalButton"));
    m_clearButton->setObjectName(QStringLiteral("clearJournalButton"));
    m_resetButton->setObjectName(QStringLiteral("resetSequenceButton"));
    m_pollCheck->setObjectName(QStringLiteral("pollJournalCheck"));
    m_poll.setInterval(PollIntervalMs);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_refreshButton);
    buttons->addWidget(m_pollCheck);
    buttons->addStretch();
    buttons->addWidget(m_resetButton);
    buttons->addWidget(m_clearButton);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_detail);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_titleLabel);
    layout->addLayout(buttons);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_statusLabel);

    connect(m_refreshButton, &QPushButton::clicked, this, &JournalView::refresh);
    connect(m_clearButton, &QPushButton::clicked, this, &JournalView::clearJournal);
    connect(m_resetButton, &QPushButton::clicked, this, &JournalView::resetSequence);
    connect(m_pollCheck, &QCheckBox::toggled, this, &JournalView::setPolling);
    connect(&m_poll, &QTimer::timeout, this, &JournalView::refresh);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &JournalView::showDetail);
}

void JournalView::setEndpoint(qint64 endpointId, const QString &title)
{
    m_endpointId = endpointId;
    m_titleLabel->setText(endpointId > 0 ? tr("Requests to %1").arg(title)
                                         : tr("Requests that matched no endpoint"));
    m_resetButton->setVisible(endpointId > 0);
    refresh();
}

void JournalView::setPolling(bool on)
{
    if (m_pollCheck->isChecked() != on)
        m_pollCheck->setChecked(on);
    if (on)
        m_poll.start();
    else
        m_poll.stop();
}

void JournalView::refresh()
{
    if (m_busy)
        return; // a slow server never piles up polls
    m_busy = true;
    JournalApi::fetch(
        m_client, m_endpointId, kPageSize, this, [this](const ApiResult<JournalApi::Page> &result) {
            m_busy = false;
            if (!result.ok()) {
                m_statusLabel->setText(
                    tr("Could not load the journal: %1").arg(result.error().message()));
                return;
            }
            showEntries(result.value().items, result.value().total);
            emit refreshed();
        });
}

void JournalView::clearJournal()
{
    JournalApi::clear(m_client, m_endpointId, this, [this](const ApiResult<bool> &result) {
        if (!result.ok())
            return m_statusLabel->setText(result.error().message());
        refresh();
    });
}

void JournalView::resetSequence()
{
    JournalApi::resetSequence(m_client, m_endpointId, this, [this](const ApiResult<bool> &result) {
        m_statusLabel->setText(result.ok() ? tr("The sequence starts again.")
                                           : result.error().message());
    });
}

QString JournalView::answeredBy(const QJsonObject &e)
{
    const QString by = e.value(QLatin1String("answered_by")).toString();
    QString text;
    if (by == u"rule")
        text = tr("rule %1").arg(e.value(QLatin1String("rule")).toInt() + 1);
    else if (by == u"sequence")
        text = tr("sequence step %1").arg(e.value(QLatin1String("sequence_index")).toInt() + 1);
    else if (by == u"endpoint")
        text = tr("endpoint");
    else if (by == u"preflight")
        text = tr("preflight");
    else if (by == u"none")
        text = tr("no endpoint");
    else
        text = tr("error");
    const QString fault = e.value(QLatin1String("fault")).toString();
    return fault.isEmpty() ? text : tr("%1 (fault: %2)").arg(text, fault);
}

void JournalView::showEntries(const QList<QJsonObject> &entries, qint64 total)
{
    const qint64 selectedId =
        m_table->currentRow() >= 0 && m_table->currentRow() < m_entries.size()
            ? m_entries.at(m_table->currentRow()).value(QLatin1String("id")).toInteger()
            : 0;
    m_entries = entries;
    m_table->setRowCount(int(entries.size()));
    int reselect = -1;
    for (int row = 0; row < entries.size(); ++row) {
        const QJsonObject &e = entries.at(row);
        const QDateTime time =
            QDateTime::fromString(e.value(QLatin1String("time")).toString(), Qt::ISODateWithMs);
        const QString query = e.value(QLatin1String("query")).toString();
        const int status = e.value(QLatin1String("status")).toInt();
        const QStringList cells{
            QLocale().toString(time.toLocalTime().time(), QStringLiteral("HH:mm:ss.zzz")),
            e.value(QLatin1String("method")).toString(),
            e.value(QLatin1String("path")).toString() +
                (query.isEmpty() ? QString() : u'?' + query),
            answeredBy(e),
            status == 0 ? tr("none") : QString::number(status),
            QString::number(e.value(QLatin1String("duration_ms")).toDouble(), 'f', 1)};
        for (int column = 0; column < cells.size(); ++column)
            m_table->setItem(row, column, new QTableWidgetItem(cells.at(column)));
        if (e.value(QLatin1String("id")).toInteger() == selectedId)
            reselect = row;
    }
    m_table->resizeColumnsToContents();
    if (reselect >= 0)
        m_table->selectRow(reselect);
    else
        m_detail->clear();
    m_statusLabel->setText(tr("%n request(s) kept", nullptr, int(total)));
}

void JournalView::showDetail()
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_entries.size())
        return m_detail->clear();
    const QJsonObject &e = m_entries.at(row);
    QStringList lines;
    const QString query = e.value(QLatin1String("query")).toString();
    lines << QStringLiteral("%1 %2%3").arg(e.value(QLatin1String("method")).toString(),
                                           e.value(QLatin1String("path")).toString(),
                                           query.isEmpty() ? QString() : u'?' + query);
    for (const QJsonValue &pair : e.value(QLatin1String("headers")).toArray())
        lines << QStringLiteral("%1: %2").arg(pair[0].toString(), pair[1].toString());
    lines << QString();
    lines << e.value(QLatin1String("body")).toString();
    if (e.value(QLatin1String("body_truncated")).toBool())
        lines << tr("[… cut: %n bytes in all]", nullptr,
                    int(e.value(QLatin1String("body_size")).toInteger()));
    lines << QString()
          << tr("From %1, answered by %2 with %3 in %4 ms")
                 .arg(e.value(QLatin1String("remote_address")).toString(), answeredBy(e),
                      QString::number(e.value(QLatin1String("status")).toInt()),
                      QString::number(e.value(QLatin1String("duration_ms")).toDouble(), 'f', 2));
    m_detail->setPlainText(lines.join(u'\n'));
}

} // namespace depot
