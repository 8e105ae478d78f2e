#include "ui/QuotaWidget.h"

#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QVBoxLayout>

namespace depot {

QuotaWidget::QuotaWidget(QWidget *parent)
    : QWidget(parent), m_bar(new QProgressBar(this)), m_usageLabel(new QLabel(this)),
      m_resetLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("quotaWidget"));
    m_bar->setObjectName(QStringLiteral("quotaBar"));
    m_usageLabel->setObjectName(QStringLiteral("quotaUsageLabel"));
    m_resetLabel->setObjectName(QStringLiteral("quotaResetLabel"));
    m_bar->setTextVisible(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_bar);
    layout->addWidget(m_usageLabel);
    layout->addWidget(m_resetLabel);
    clear();
}

void QuotaWidget::setQuota(const QuotaInfo &quota)
{
    m_bar->setRange(0, qMax(1, quota.limit));
    m_bar->setValue(qBound(0, quota.used, qMax(1, quota.limit)));
    m_bar->setFormat(tr("%1 / %2").arg(quota.used).arg(quota.limit));
    m_usageLabel->setText(tr("%1 of %2 requests used this hour, %3 remaining")
                              .arg(quota.used)
                              .arg(quota.limit)
                              .arg(quota.remaining));
    if (quota.resetAt.isValid()) {
        m_resetLabel->setText(
            tr("Resets at %1")
                .arg(QLocale().toString(quota.resetAt.toLocalTime(), QLocale::ShortFormat)));
    } else {
        m_resetLabel->setText(tr("No requests counted yet"));
    }
}

void QuotaWidget::clear()
{
    m_bar->setRange(0, 1);
    m_bar->setValue(0);
    m_bar->setFormat(QString());
    m_usageLabel->setText(tr("Quota unknown"));
    m_resetLabel->clear();
}

} // namespace depot
