#pragma once

#include "api/AccountInfo.h"

#include <QWidget>

class QLabel;
class QProgressBar;

namespace depot {

// The plan's hourly quota: a bar of used / limit, the numbers, and when it resets.
class QuotaWidget : public QWidget
{
    Q_OBJECT
public:
    explicit QuotaWidget(QWidget *parent = nullptr);

    void setQuota(const QuotaInfo &quota);
    void clear();

private:
    QProgressBar *m_bar;
    QLabel *m_usageLabel;
    QLabel *m_resetLabel;
};

} // namespace depot
