#pragma once

#include "model/Endpoint.h"

#include <QList>
#include <QWidget>

class QLabel;
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

private:
    enum Column {
        IdentifierColumn,
        KindColumn,
        MethodColumn,
        StatusColumn,
        ExpiresColumn,
        UrlColumn,
        ColumnCount
    };

    int selectedIndex() const;
    void showEndpoints(const QList<Endpoint> &endpoints);
    void openEditor(const Endpoint *endpoint);
    void updateButtons();

    ApiClient *m_client;
    QList<Endpoint> m_endpoints;
    QTableWidget *m_table;
    QLabel *m_messageLabel;
    QPushButton *m_newButton;
    QPushButton *m_editButton;
    QPushButton *m_deleteButton;
    QPushButton *m_copyButton;
    QPushButton *m_refreshButton;
};

} // namespace depot
