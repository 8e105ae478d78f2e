#include "ui/DownloadPage.h"

#include "api/ApiClient.h"
#include "api/FileDownload.h"
#include "ui/Feedback.h"

#include <QApplication>
#include <QDesktopServices>
#include <QDir>
#include <QDrag>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMimeData>
#include <QMouseEvent>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace depot {

namespace {

// The saved file's name, to drag into a file manager or another application.
class FileDragLabel : public QLabel
{
public:
    explicit FileDragLabel(QWidget *parent) : QLabel(parent)
    {
        setObjectName(QStringLiteral("downloadedFileDrag"));
        setCursor(Qt::OpenHandCursor);
        setFrameShape(QFrame::StyledPanel);
        setMargin(4);
    }
    void setFile(const QString &path)
    {
        m_path = path;
        setText(QStringLiteral("⇲ ") + QFileInfo(path).fileName());
        setToolTip(DownloadPage::tr("Drag the file to another application or folder."));
    }

protected:
    void mousePressEvent(QMouseEvent *event) override { m_pressed = event->position().toPoint(); }
    void mouseMoveEvent(QMouseEvent *event) override
    {
        if (m_path.isEmpty() || !(event->buttons() & Qt::LeftButton) ||
            (event->position().toPoint() - m_pressed).manhattanLength() <
                QApplication::startDragDistance())
            return;
        auto *drag = new QDrag(this);
        auto *mime = new QMimeData;
        mime->setUrls({QUrl::fromLocalFile(m_path)});
        drag->setMimeData(mime);
        drag->exec(Qt::CopyAction);
    }

private:
    QString m_path;
    QPoint m_pressed;
};

} // namespace

DownloadPage::DownloadPage(ApiClient *client, QWidget *parent)
    : QWidget(parent), m_client(client), m_linkEdit(new QLineEdit(this)),
      m_downloadButton(new QPushButton(tr("&Download"), this)),
      m_cancelButton(new QPushButton(tr("&Cancel"), this)), m_progress(new QProgressBar(this)),
      m_messageLabel(new QLabel(this)), m_openFileButton(new QPushButton(tr("&Open file"), this)),
      m_showFolderButton(new QPushButton(tr("Show in folde&r"), this)),
      m_dragLabel(new FileDragLabel(this))
{
    m_dragLabel->hide();
    setObjectName(QStringLiteral("downloadPage"));
    m_linkEdit->setObjectName(QStringLiteral("downloadLinkEdit"));
    m_linkEdit->setPlaceholderText(tr("Paste a link, e.g. https://depot.example/api/v1.0/file/…"));
    m_linkEdit->setClearButtonEnabled(true);
    m_downloadButton->setObjectName(QStringLiteral("downloadButton"));
    m_downloadButton->setIcon(QIcon(QStringLiteral(":/icons/download.svg")));
    m_cancelButton->setObjectName(QStringLiteral("cancelDownloadButton"));
    m_cancelButton->hide();
    m_progress->setObjectName(QStringLiteral("downloadProgress"));
    m_progress->hide();
    m_messageLabel->setObjectName(QStringLiteral("downloadMessageLabel"));
    m_messageLabel->setWordWrap(true);
    m_messageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_openFileButton->setObjectName(QStringLiteral("openDownloadedFileButton"));
    m_openFileButton->hide();
    m_showFolderButton->setObjectName(QStringLiteral("showDownloadFolderButton"));
    m_showFolderButton->hide();

    auto *row = new QHBoxLayout;
    row->addWidget(m_linkEdit);
    row->addWidget(m_downloadButton);
    row->addWidget(m_cancelButton);
    auto *doneRow = new QHBoxLayout;
    doneRow->addWidget(m_openFileButton);
    doneRow->addWidget(m_showFolderButton);
    doneRow->addWidget(m_dragLabel);
    doneRow->addStretch();
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Depot checks the link first and asks where to save before it "
                                "downloads: a shared link may work only once."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addLayout(row);
    layout->addWidget(m_progress);
    layout->addWidget(m_messageLabel);
    layout->addLayout(doneRow);
    layout->addStretch();

    connect(m_linkEdit, &QLineEdit::returnPressed, this, &DownloadPage::download);
    connect(m_downloadButton, &QPushButton::clicked, this, &DownloadPage::download);
    connect(m_cancelButton, &QPushButton::clicked, this, &DownloadPage::cancel);
    connect(m_openFileButton, &QPushButton::clicked, this,
            [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(m_savedPath)); });
    connect(m_showFolderButton, &QPushButton::clicked, this, [this] {
        QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(m_savedPath).absolutePath()));
    });
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
    if (m_download || m_probing)
        return;
    const QUrl link(m_linkEdit->text().trimmed(), QUrl::StrictMode);
    if (!link.isValid() || link.host().isEmpty() ||
        (link.scheme() != QLatin1String("http") && link.scheme() != QLatin1String("https"))) {
        showMessage(tr("This is not a link: paste the whole http:// or https:// address."), true);
        return;
    }
    m_link = link;
    m_savedPath.clear();
    m_openFileButton->hide();
    m_showFolderButton->hide();
    m_dragLabel->hide();
    probe(QString());
}

void DownloadPage::probe(const QString &password)
{
    m_password = password;
    m_probing = true;
    setBusy(true);
    showMessage(tr("Checking the link…"));
    m_client->probeDownload(m_link, password, this, [this](const ApiResult<DownloadProbe> &result) {
        m_probing = false;
        setBusy(false);
        if (result.ok())
            onProbed(result.value());
        else
            onProbeFailed(result.error());
    });
}

void DownloadPage::onProbed(const DownloadProbe &probe)
{
    askSaveLocation(probe);
}

void DownloadPage::onProbeFailed(const RequestError &error)
{
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
        showMessage(Feedback::sentence(tr("The link could not be checked."), error.message()), true,
                    error.technicalDetail());
    }
}

void DownloadPage::askSaveLocation(const DownloadProbe &probe)
{
    const QString directory = m_settings.downloadDirectory();
    auto *dialog = new QFileDialog(this, tr("Save %1").arg(probe.fileName),
                                   QDir(directory).filePath(probe.fileName));
    dialog->setObjectName(QStringLiteral("saveFileDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setFileMode(QFileDialog::AnyFile);
    const QString size = probe.size >= 0 ? QLocale().formattedDataSize(probe.size) : tr("unknown");
    showMessage(tr("%1 (%2) is ready. Choose where to save it. Nothing is downloaded before you "
                   "choose: a shared link may work only once, and a download that breaks off "
                   "cannot be repeated.")
                    .arg(probe.fileName, size));
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        m_settings.setLastDirectory(QFileInfo(path).absolutePath());
        start(path);
    });
    connect(dialog, &QFileDialog::rejected, this,
            [this] { showMessage(tr("Not downloaded. The link was not used and still works.")); });
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
    connect(dialog, &QInputDialog::textValueSelected, this, &DownloadPage::probe);
    connect(dialog, &QInputDialog::rejected, this,
            [this] { showMessage(tr("Not downloaded: this link needs its password."), true); });
    dialog->open();
}

void DownloadPage::start(const QString &targetPath)
{
    m_download = m_client->download(m_link, m_password);
    m_download->setTargetPath(targetPath);
    m_meter.start();
    setBusy(true);
    showMessage(tr("Connecting…"));
    connect(m_download, &FileDownload::progress, this, [this](qint64 received, qint64 total) {
        if (total > 0) {
            m_progress->setRange(0, 1000);
            m_progress->setValue(int(received * 1000 / total));
        }
        showMessage(tr("Downloading… %1").arg(m_meter.text(received, total)));
    });
    connect(m_download, &FileDownload::finished, this, &DownloadPage::onFinished);
}

void DownloadPage::cancel()
{
    if (m_download)
        m_download->abort();
    else if (m_probing)
        m_client->cancel(this);
}

void DownloadPage::onFinished()
{
    FileDownload *download = m_download;
    m_download = nullptr;
    setBusy(false);
    if (download->ok()) {
        m_savedPath = download->savedPath();
        Feedback::show(m_messageLabel,
                       tr("Saved %1 (%2).")
                           .arg(QDir::toNativeSeparators(m_savedPath),
                                QLocale().formattedDataSize(QFileInfo(m_savedPath).size())),
                       Feedback::Tone::Success);
        m_openFileButton->show();
        m_showFolderButton->show();
        static_cast<FileDragLabel *>(m_dragLabel)->setFile(m_savedPath);
        m_dragLabel->show();
        emit downloaded(m_savedPath);
        return;
    }
    const RequestError error = download->error();
    const int status = error.status();
    if (status == 401 || status == 404 || status == 410 || status == 429)
        return onProbeFailed(error);
    // Nothing half-written stays behind (QSaveFile), but the server may have counted it.
    const QString lost = download->started()
                             ? tr("The link is probably used up now: ask the sender for a new "
                                  "one.")
                             : QString();
    QString what;
    if (error.isCancelled())
        what = tr("The download was cancelled.");
    else if (download->started())
        what = tr("The download broke off after %1.")
                   .arg(QLocale().formattedDataSize(download->received()));
    else
        what = tr("The download failed.");
    const QString reason = error.isCancelled() ? QString() : error.message();
    showMessage(Feedback::sentence(Feedback::sentence(what, reason), lost).trimmed(), true,
                error.technicalDetail());
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

void DownloadPage::showMessage(const QString &text, bool error, const QString &toolTip)
{
    Feedback::show(m_messageLabel, text, error ? Feedback::Tone::Error : Feedback::Tone::Info,
                   toolTip);
}

} // namespace depot
