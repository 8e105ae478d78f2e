#include "ui/DownloadPage.h"

#include "api/ApiClient.h"
#include "api/FileDownload.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace depot {

DownloadPage::DownloadPage(ApiClient *client, QWidget *parent)
    : QWidget(parent), m_client(client), m_linkEdit(new QLineEdit(this)),
      m_downloadButton(new QPushButton(tr("&Download"), this)),
      m_cancelButton(new QPushButton(tr("&Cancel"), this)), m_progress(new QProgressBar(this)),
      m_messageLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("downloadPage"));
    m_linkEdit->setObjectName(QStringLiteral("downloadLinkEdit"));
    m_linkEdit->setPlaceholderText(tr("Paste a link, e.g. https://depot.example/api/v1.0/file/…"));
    m_linkEdit->setClearButtonEnabled(true);
    m_downloadButton->setObjectName(QStringLiteral("downloadButton"));
    m_cancelButton->setObjectName(QStringLiteral("cancelDownloadButton"));
    m_cancelButton->hide();
    m_progress->setObjectName(QStringLiteral("downloadProgress"));
    m_progress->hide();
    m_messageLabel->setObjectName(QStringLiteral("downloadMessageLabel"));
    m_messageLabel->setWordWrap(true);
    m_messageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *row = new QHBoxLayout;
    row->addWidget(m_linkEdit);
    row->addWidget(m_downloadButton);
    row->addWidget(m_cancelButton);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("A shared link is used up by its download."), this));
    layout->addLayout(row);
    layout->addWidget(m_progress);
    layout->addWidget(m_messageLabel);
    layout->addStretch();

    connect(m_linkEdit, &QLineEdit::returnPressed, this, &DownloadPage::download);
    connect(m_downloadButton, &QPushButton::clicked, this, &DownloadPage::download);
    connect(m_cancelButton, &QPushButton::clicked, this, &DownloadPage::cancel);
}

void DownloadPage::setLink(const QString &link)
{
    m_linkEdit->setText(link);
}

QString DownloadPage::message() const
{
    return m_messageLabel->text();
}

void DownloadPage::download()
{
    if (m_download)
        return;
    const QUrl link(m_linkEdit->text().trimmed(), QUrl::StrictMode);
    if (!link.isValid() || link.host().isEmpty() ||
        (link.scheme() != QLatin1String("http") && link.scheme() != QLatin1String("https"))) {
        showMessage(tr("This is not a link: paste the whole http:// or https:// address."), true);
        return;
    }
    m_link = link;
    begin(QString());
}

void DownloadPage::begin(const QString &password)
{
    m_password = password;
    m_download = m_client->download(m_link, password);
    setBusy(true);
    showMessage(tr("Connecting…"));
    connect(m_download, &FileDownload::saveLocationNeeded, this, &DownloadPage::askSaveLocation);
    connect(m_download, &FileDownload::progress, this, [this](qint64 received, qint64 total) {
        if (total > 0) {
            m_progress->setRange(0, 1000);
            m_progress->setValue(int(received * 1000 / total));
        }
        showMessage(tr("Downloading… %1").arg(QLocale().formattedDataSize(received)));
    });
    connect(m_download, &FileDownload::finished, this, &DownloadPage::onFinished);
}

void DownloadPage::askSaveLocation(const QString &suggestedName)
{
    const QString directory = m_settings.lastDirectory();
    auto *dialog = new QFileDialog(this, tr("Save the downloaded file"),
                                   QDir(directory).filePath(suggestedName));
    dialog->setObjectName(QStringLiteral("saveFileDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setFileMode(QFileDialog::AnyFile);
    showMessage(tr("Choose where to save %1.").arg(suggestedName));
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        m_settings.setLastDirectory(QFileInfo(path).absolutePath());
        if (m_download)
            m_download->setTargetPath(path);
    });
    connect(dialog, &QFileDialog::rejected, this, &DownloadPage::cancel);
    dialog->open();
}

void DownloadPage::askPassword(bool wrongPassword)
{
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(QStringLiteral("passwordDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Password required"));
    dialog->setLabelText(wrongPassword ? tr("Wrong password. Enter the password again:")
                                       : tr("This file is protected. Enter its password:"));
    dialog->setTextEchoMode(QLineEdit::Password);
    dialog->setInputMode(QInputDialog::TextInput);
    connect(dialog, &QInputDialog::textValueSelected, this, &DownloadPage::begin);
    connect(dialog, &QInputDialog::rejected, this,
            [this] { showMessage(tr("Not downloaded: this link needs its password."), true); });
    dialog->open();
}

void DownloadPage::cancel()
{
    if (m_download)
        m_download->abort();
}

void DownloadPage::onFinished()
{
    FileDownload *download = m_download;
    m_download = nullptr;
    setBusy(false);
    if (download->ok()) {
        showMessage(tr("Saved %1 (%2).")
                        .arg(QDir::toNativeSeparators(download->savedPath()),
                             QLocale().formattedDataSize(QFileInfo(download->savedPath()).size())));
        emit downloaded(download->savedPath());
        return;
    }
    const RequestError error = download->error();
    switch (error.status()) {
    case 401:
        showMessage(tr("This file is protected by a password."));
        askPassword(!m_password.isEmpty());
        return;
    case 404:
        showMessage(tr("This link does not exist. Check that it was copied completely."), true);
        return;
    case 410:
        showMessage(tr("This file is gone: it was already downloaded or it has expired."), true);
        return;
    case 429:
        showMessage(tr("Too many attempts on this link. Wait a moment and try again."), true);
        return;
    default:
        showMessage(error.status() == 0 ? error.message()
                                        : tr("The download failed: %1").arg(error.message()),
                    true);
    }
}

void DownloadPage::setBusy(bool busy)
{
    m_downloadButton->setEnabled(!busy);
    m_linkEdit->setReadOnly(busy);
    m_cancelButton->setVisible(busy);
    m_progress->setVisible(busy);
    if (busy) {
        m_progress->setRange(0, 0);
        m_progress->setValue(0);
    }
}

void DownloadPage::showMessage(const QString &text, bool error)
{
    m_messageLabel->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
    m_messageLabel->setText(text);
}

} // namespace depot
