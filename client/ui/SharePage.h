#pragma once

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QMimeData;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace depot {

class ApiClient;
class ShareUpload;

// The anonymous file drop: drop or pick a file, optional password, download count and expiry,
// then a one-time link with a Copy button.
class SharePage : public QWidget
{
    Q_OBJECT
public:
    explicit SharePage(ApiClient *client, QWidget *parent = nullptr);

    void setFile(const QString &path);
    QString file() const;
    void share();
    QString link() const;

    // The first local file of a drag, empty when there is none.
    static QString localFile(const QMimeData *mime);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void chooseFile();
    void copyLink();
    void onFinished();

    ApiClient *m_client;
    QPointer<ShareUpload> m_upload;
    QLabel *m_dropLabel;
    QLineEdit *m_fileEdit;
    QLineEdit *m_passwordEdit;
    QSpinBox *m_maxDownloadsSpin;
    QComboBox *m_expiryCombo;
    QPushButton *m_shareButton;
    QProgressBar *m_progress;
    QLineEdit *m_linkEdit;
    QPushButton *m_copyButton;
    QLabel *m_messageLabel;
};

} // namespace depot
