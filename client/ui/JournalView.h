#pragma once

#include "model/Endpoint.h"

#include <QJsonObject>
#include <QList>
#include <QTimer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace depot {

class ApiClient;

// What an endpoint received (GET /api/v1/endpoints/{id}/requests), newest first: refreshed on
// demand or every two seconds while "Live" is on; the selected request's headers and body and
// which rule, sequence step or answer served it. Endpoint id 0 shows the unmatched requests.
class JournalView : public QWidget
{
    Q_OBJECT
public:
    explicit JournalView(ApiClient *client, QWidget *parent = nullptr);

    void setEndpoint(qint64 endpointId, const QString &title);
    void refresh();
    void clearJournal();
    void resetSequence();
    void setPolling(bool on);
    QList<QJsonObject> entries() const { return m_entries; }

    static constexpr int PollIntervalMs = 2000;

signals:
    void refreshed();

private:
    void showEntries(const QList<QJsonObject> &entries, qint64 total);
    void showDetail();
    static QString answeredBy(const QJsonObject &entry);

    ApiClient *m_client;
    qint64 m_endpointId = 0;
    QList<QJsonObject> m_entries;
    QLabel *m_titleLabel;
    QTableWidget *m_table;
    QPlainTextEdit *m_detail;
    QLabel *m_statusLabel;
    QPushButton *m_refreshButton, *m_clearButton, *m_resetButton;
    QCheckBox *m_pollCheck;
    QTimer m_poll;
    bool m_busy = false;
};

} // namespace depot
