#pragma once

#include "model/Endpoint.h"

#include <QList>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace depot {

class ApiClient;

// The user's hosted endpoints: a table, and buttons to create, edit, delete and copy the URL.
class EndpointsPage : public QWidget
{
    Q_OBJECT
public:
    explicit EndpointsPage(ApiClient *client, QWidget *parent = nullptr);

    void refresh();
    void clear();
    QList<Endpoint> endpoints() const { return m_endpoints; }

    void newEndpoint();
    void editSelected();
    void deleteSelected();
    void copySelectedUrl();
    void openSelectedUrl();
    void duplicateSelected();

private:
    enum Column {
        IdentifierColumn,
        KindColumn,
        MethodColumn,
        StatusColumn,
        LatencyColumn,
        HeadersColumn,
        ExpiresColumn,
        UrlColumn,
        ColumnCount
    };

    int selectedIndex() const;
    void showEndpoints(const QList<Endpoint> &endpoints);
    void openEditor(const Endpoint *endpoint, bool duplicate = false);
    void updateButtons();
    void applyFilter();
    void selectEndpoint(qint64 id, int fallbackRow);

    ApiClient *m_client;
    QList<Endpoint> m_endpoints;
    QTableWidget *m_table;
    QLabel *m_messageLabel;
    QLabel *m_countLabel;
    QLineEdit *m_filterEdit;
    qint64 m_selectAfterRefresh = -1;
    int m_fallbackRow = -1;
    QPushButton *m_newButton;
    QPushButton *m_editButton;
    QPushButton *m_deleteButton;
    QPushButton *m_copyButton;
    QPushButton *m_refreshButton;
};

} // namespace depot
