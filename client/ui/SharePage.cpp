#include "ui/SharePage.h"

#include "api/ApiClient.h"
#include "api/Session.h"
#include "api/ShareUpload.h"
#include "ui/Feedback.h"
#include "ui/ShareHistory.h"

#include <QClipboard>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace depot {

SharePage::SharePage(ApiClient *client, QWidget *parent)
    : QWidget(parent), m_client(client), m_dropLabel(new QLabel(this)),
      m_fileEdit(new QLineEdit(this)), m_passwordEdit(nullptr), m_maxDownloadsSpin(nullptr),
      m_expiryCombo(nullptr), m_shareButton(nullptr), m_progress(nullptr), m_linkEdit(nullptr),
      m_copyButton(nullptr), m_cancelButton(nullptr), m_messageLabel(nullptr), m_history(nullptr)
{
    // Created in the order of the form, which is the Tab order.
    auto *chooseButton = new QPushButton(tr("Ch&oose…"), this);
    m_passwordEdit = new QLineEdit(this);
    m_maxDownloadsSpin = new QSpinBox(this);
    m_expiryCombo = new QComboBox(this);
    m_shareButton = new QPushButton(tr("Sha&re"), this);
    m_cancelButton = new QPushButton(tr("Ca&ncel"), this);
    m_progress = new QProgressBar(this);
    m_linkEdit = new QLineEdit(this);
    m_copyButton = new QPushButton(tr("&Copy"), this);
    m_messageLabel = new QLabel(this);
    m_history = new ShareHistory(client, this);

    setObjectName(QStringLiteral("sharePage"));
    setAcceptDrops(true);
    m_dropLabel->setObjectName(QStringLiteral("shareDropLabel"));
    m_dropLabel->setAlignment(Qt::AlignCenter);
    m_dropLabel->setMinimumHeight(80);
    m_dropLabel->setFrameShape(QFrame::StyledPanel);
    m_dropLabel->setWordWrap(true);
    m_fileEdit->setObjectName(QStringLiteral("shareFileEdit"));
    m_fileEdit->setPlaceholderText(tr("The file to share"));
    chooseButton->setObjectName(QStringLiteral("chooseShareFileButton"));
    m_passwordEdit->setObjectName(QStringLiteral("sharePasswordEdit"));
    m_passwordEdit->setEchoMode(QLineEdit::Password);
    m_passwordEdit->setPlaceholderText(tr("Optional"));
    m_maxDownloadsSpin->setObjectName(QStringLiteral("shareMaxDownloadsSpin"));
    m_maxDownloadsSpin->setRange(1, MaxDownloads);
    m_maxDownloadsSpin->setValue(1);
    m_maxDownloadsSpin->setToolTip(
        tr("How many times the link can be downloaded (at most %1).").arg(MaxDownloads));
    m_expiryCombo->setObjectName(QStringLiteral("shareExpiryCombo"));
    m_expiryCombo->addItem(tr("Server default"), 0);
    m_expiryCombo->addItem(tr("1 hour"), 3600);
    m_expiryCombo->addItem(tr("1 day"), 86400);
    m_expiryCombo->addItem(tr("7 days"), 7 * 86400);
    m_shareButton->setObjectName(QStringLiteral("shareButton"));
    m_shareButton->setIcon(QIcon(QStringLiteral(":/icons/share.svg")));
    m_cancelButton->setObjectName(QStringLiteral("cancelShareButton"));
    m_cancelButton->hide();
    m_progress->setObjectName(QStringLiteral("shareProgress"));
    m_progress->hide();
    m_linkEdit->setObjectName(QStringLiteral("shareLinkEdit"));
    m_linkEdit->setReadOnly(true);
    m_copyButton->setObjectName(QStringLiteral("copyShareLinkButton"));
    m_copyButton->setEnabled(false);
    m_messageLabel->setObjectName(QStringLiteral("shareMessageLabel"));
    m_messageLabel->setWordWrap(true);
    m_messageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_fileEdit);
    fileRow->addWidget(chooseButton);
    auto *linkRow = new QHBoxLayout;
    linkRow->addWidget(m_linkEdit);
    linkRow->addWidget(m_copyButton);
    auto *buttonRow = new QHBoxLayout;
    buttonRow->addWidget(m_shareButton);
    buttonRow->addWidget(m_cancelButton);
    buttonRow->addStretch();
    auto *form = new QFormLayout;
    auto *fileLabel = new QLabel(tr("F&ile:"), this);
    fileLabel->setBuddy(m_fileEdit);
    form->addRow(fileLabel, fileRow);
    form->addRow(tr("&Password:"), m_passwordEdit);
    form->addRow(tr("&Downloads:"), m_maxDownloadsSpin);
    form->addRow(tr("E&xpires after:"), m_expiryCombo);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_dropLabel);
    layout->addLayout(form);
    layout->addLayout(buttonRow);
    layout->addWidget(m_progress);
    layout->addLayout(linkRow);
    layout->addWidget(m_messageLabel);
    layout->addWidget(m_history, 1);

    connect(this, &SharePage::shared, m_history, &ShareHistory::add);
    connect(chooseButton, &QPushButton::clicked, this, &SharePage::chooseFile);
    connect(m_shareButton, &QPushButton::clicked, this, &SharePage::share);
    connect(m_cancelButton, &QPushButton::clicked, this, &SharePage::cancel);
    connect(m_copyButton, &QPushButton::clicked, this, &SharePage::copyLink);
    connect(m_fileEdit, &QLineEdit::textChanged, this, &SharePage::updateDropLabel);
    connect(m_maxDownloadsSpin, &QSpinBox::valueChanged, this, &SharePage::updateDropLabel);
    updateDropLabel();
}

void SharePage::updateDropLabel()
{
    const int downloads = m_maxDownloadsSpin->value();
    const QString how =
        downloads == 1 ? tr("Drop a file here to share it for one download.")
                       : tr("Drop a file here to share it for %n download(s).", nullptr, downloads);
    const QFileInfo info(file());
    if (file().isEmpty() || !info.isFile()) {
        m_dropLabel->setText(how);
        return;
    }
    m_dropLabel->setText(
        tr("%1 (%2)").arg(info.fileName(), QLocale().formattedDataSize(info.size())));
}

void SharePage::showMessage(const QString &text, bool error, const QString &toolTip)
{
    Feedback::show(m_messageLabel, text, error ? Feedback::Tone::Error : Feedback::Tone::Info,
                   toolTip);
}

void SharePage::setFile(const QString &path)
{
    m_fileEdit->setText(QDir::toNativeSeparators(path));
    m_linkEdit->clear();
    m_copyButton->setEnabled(false);
    showMessage(QString());
}

QString SharePage::file() const
{
    return QDir::fromNativeSeparators(m_fileEdit->text().trimmed());
}

QString SharePage::link() const
{
    return m_linkEdit->text();
}

QString SharePage::localFile(const QMimeData *mime)
{
    if (!mime || !mime->hasUrls())
        return QString();
    const QList<QUrl> urls = mime->urls();
    for (const QUrl &url : urls) {
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isFile())
            return url.toLocalFile();
    }
    return QString();
}

void SharePage::dragEnterEvent(QDragEnterEvent *event)
{
    if (!localFile(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void SharePage::dropEvent(QDropEvent *event)
{
    const QString path = localFile(event->mimeData());
    if (path.isEmpty())
        return;
    event->acceptProposedAction();
    dropFile(path);
}

void SharePage::dropFile(const QString &path)
{
    setFile(path);
    if (m_settings.shareOnDrop())
        share();
}

void SharePage::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose a file to share"), file());
    if (!path.isEmpty())
        setFile(path);
}

void SharePage::share()
{
    if (m_upload)
        return;
    const QString path = file();
    if (path.isEmpty() || !QFileInfo(path).isFile()) {
        showMessage(tr("Choose a file first, or drop one onto the window."), true);
        return;
    }
    if (m_client->session()->serverUrl().isEmpty()) {
        showMessage(tr("Choose a server first (File › Log in)."), true);
        return;
    }
    ShareOptions options;
    options.filePath = path;
    options.password = m_passwordEdit->text();
    options.maxDownloads = m_maxDownloadsSpin->value() == 1 ? 0 : m_maxDownloadsSpin->value();
    options.expiresIn = m_expiryCombo->currentData().toLongLong();
    m_upload = m_client->shareFile(options);
    m_shareButton->setEnabled(false);
    m_cancelButton->show();
    m_linkEdit->clear();
    m_copyButton->setEnabled(false);
    m_progress->setRange(0, 0);
    m_progress->show();
    m_meter.start();
    const QString name = QFileInfo(path).fileName();
    showMessage(tr("Uploading %1…").arg(name));
    connect(m_upload, &ShareUpload::progress, this, [this, name](qint64 sent, qint64 total) {
        if (total > 0) {
            m_progress->setRange(0, 1000);
            m_progress->setValue(int(sent * 1000 / total));
        }
        showMessage(tr("Uploading %1… %2").arg(name, m_meter.text(sent, total)));
    });
    connect(m_upload, &ShareUpload::finished, this, &SharePage::onFinished);
}

void SharePage::onFinished()
{
    ShareUpload *upload = m_upload;
    m_upload = nullptr;
    m_shareButton->setEnabled(true);
    m_cancelButton->hide();
    m_progress->hide();
    if (!upload->ok()) {
        const RequestError error = upload->error();
        if (error.isCancelled())
            return showMessage(tr("The upload was cancelled. Nothing was shared."));
        if (error.status() == 413) {
            const qint64 limit = error.numberInDetail();
            return showMessage(
                limit > 0 ? tr("The file is too large: this server accepts files up to %1.")
                                .arg(QLocale().formattedDataSize(limit))
                          : tr("The file is too large for this server."),
                true, error.technicalDetail());
        }
        return showMessage(Feedback::sentence(tr("Sharing failed."), error.message()), true,
                           error.technicalDetail());
    }
    const ShareInfo info = upload->info();
    m_linkEdit->setText(info.url.toString());
    m_copyButton->setEnabled(true);
    const int downloads = m_maxDownloadsSpin->value();
    QString message = downloads == 1 ? tr("The link works once.")
                                     : tr("The link works for %n download(s).", nullptr, downloads);
    message += QLatin1Char(' ') + (m_passwordEdit->text().isEmpty()
                                       ? tr("Anyone who has it can download the file.")
                                       : tr("It asks for the password."));
    if (info.expiresAt.isValid()) {
        message += QLatin1Char(' ') +
                   tr("It expires at %1.")
                       .arg(QLocale().toString(info.expiresAt.toLocalTime(), QLocale::ShortFormat));
    }
    m_description = message;
    if (m_settings.copyLinks()) {
        QGuiApplication::clipboard()->setText(m_linkEdit->text());
        message += QLatin1Char(' ') + tr("The link is on the clipboard.");
    }
    Feedback::show(m_messageLabel, message, Feedback::Tone::Success);
    emit shared(QFileInfo(file()).fileName(), info.url, info.deleteUrl, info.expiresAt, downloads);
}

void SharePage::cancel()
{
    if (m_upload)
        m_upload->abort();
}

void SharePage::copyLink()
{
    QGuiApplication::clipboard()->setText(m_linkEdit->text());
    // The link's description stays; the confirmation is added to it.
    Feedback::show(m_messageLabel,
                   m_description + QLatin1Char(' ') + tr("The link is on the clipboard."),
                   Feedback::Tone::Success);
}

} // namespace depot
