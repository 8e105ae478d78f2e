#pragma once

#include <QDateTime>
#include <QList>
#include <QUrl>
#include <QWidget>

class QLabel;
class QTableWidget;

namespace depot {

class ApiClient;

// The links this client made (kept in the settings, with their delete links: whoever reads the
// settings file can revoke them, as the uploader could), with their state as the server's HEAD
// reports it (HEAD never uses a link up), Copy, Open (the browser gets the download page, which
// does not use the link up either) and Revoke (DELETE on the delete link).
class ShareHistory : public QWidget
{
    Q_OBJECT
public:
    struct Entry
    {
        QString fileName;
        QUrl url;
        QUrl deleteUrl;
        QDateTime createdAt;
        QDateTime expiresAt;
        int downloads = 1;
        bool revoked = false; // revoked from here: the server cannot tell it from "used up"
        QString state;        // translated, from the last check
    };

    explicit ShareHistory(ApiClient *client, QWidget *parent = nullptr);

    void add(const QString &fileName, const QUrl &url, const QUrl &deleteUrl,
             const QDateTime &expiresAt, int downloads);
    QList<Entry> entries() const { return m_entries; }
    // Asks the server (HEAD) for every link's state.
    void refreshStates();
    void copy(int row);
    void open(int row);
    void revoke(int row);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void load();
    void save() const;
    void fill();
    void setState(int row, const QString &state);

    ApiClient *m_client;
    QList<Entry> m_entries;
    QTableWidget *m_table;
    QLabel *m_messageLabel;
    bool m_checked = false;
};

} // namespace depot
