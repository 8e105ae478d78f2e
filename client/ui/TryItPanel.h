#pragma once

#include <QElapsedTimer>
#include <QPointer>
#include <QUrl>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QNetworkReply;
class QPlainTextEdit;
class QPushButton;

namespace depot {

// Sends one request to an endpoint's public URL (method, query, headers, body) and shows the
// answer: status, headers, body and how long it took. No token: the public URL needs none.
class TryItPanel : public QWidget
{
    Q_OBJECT
public:
    explicit TryItPanel(QNetworkAccessManager *network, QWidget *parent = nullptr);

    void setUrl(const QUrl &url, const QString &method);
    void send();
    qint64 lastElapsedMs() const { return m_lastMs; }

signals:
    void answered(int status);

private:
    void finished();

    QNetworkAccessManager *m_network;
    QComboBox *m_methodCombo;
    QLineEdit *m_urlEdit;
    QLineEdit *m_queryEdit;
    QPlainTextEdit *m_headersEdit;
    QPlainTextEdit *m_bodyEdit;
    QPushButton *m_sendButton;
    QLabel *m_statusLabel;
    QLabel *m_timingLabel;
    QPlainTextEdit *m_responseEdit;
    QPointer<QNetworkReply> m_reply;
    QElapsedTimer m_clock;
    qint64 m_lastMs = -1;
};

} // namespace depot
