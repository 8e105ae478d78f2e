#include "ui/SettingsDialog.h"

#include "api/CredentialStore.h"
#include "api/Session.h"
#include "ui/AppSettings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace depot {

SettingsDialog::SettingsDialog(AppSettings *settings, QWidget *parent)
    : QDialog(parent), m_settings(settings), m_serverEdit(new QLineEdit(this)),
      m_languageCombo(new QComboBox(this)), m_folderEdit(new QLineEdit(this)),
      m_keychainCheck(new QCheckBox(tr("Offer to remember &logins in the system keychain"), this)),
      m_copyCheck(new QCheckBox(tr("&Copy a new link to the clipboard"), this)),
      m_dropCheck(new QCheckBox(tr("Share a dropped file at o&nce"), this)),
      m_timeoutSpin(new QSpinBox(this))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    m_serverEdit->setObjectName(QStringLiteral("settingsServerEdit"));
    m_serverEdit->setText(settings->serverUrl().toString());
    m_serverEdit->setPlaceholderText(QStringLiteral("http://localhost:8080"));
    m_languageCombo->setObjectName(QStringLiteral("settingsLanguageCombo"));
    m_languageCombo->addItem(tr("System language"), QString());
    m_languageCombo->addItem(QStringLiteral("English"), QStringLiteral("en_US"));
    m_languageCombo->addItem(QStringLiteral("Deutsch"), QStringLiteral("de_DE"));
    m_languageCombo->addItem(QStringLiteral("Français"), QStringLiteral("fr_FR"));
    m_languageCombo->setCurrentIndex(qMax(0, m_languageCombo->findData(settings->language())));
    m_folderEdit->setObjectName(QStringLiteral("settingsFolderEdit"));
    m_folderEdit->setText(settings->downloadFolder());
    m_folderEdit->setPlaceholderText(tr("The folder used last"));
    auto *browse = new QPushButton(tr("Bro&wse…"), this);
    browse->setObjectName(QStringLiteral("settingsBrowseButton"));
    m_keychainCheck->setObjectName(QStringLiteral("settingsKeychainCheck"));
    m_keychainCheck->setChecked(settings->useKeychain() && CredentialStore::isCompiledIn());
    m_keychainCheck->setEnabled(CredentialStore::isCompiledIn());
    m_copyCheck->setObjectName(QStringLiteral("settingsCopyCheck"));
    m_copyCheck->setChecked(settings->copyLinks());
    m_dropCheck->setObjectName(QStringLiteral("settingsDropCheck"));
    m_dropCheck->setChecked(settings->shareOnDrop());
    m_timeoutSpin->setObjectName(QStringLiteral("settingsTimeoutSpin"));
    m_timeoutSpin->setRange(5, 600);
    m_timeoutSpin->setSuffix(tr(" s"));
    m_timeoutSpin->setValue(settings->timeoutSeconds());

    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folderEdit);
    folderRow->addWidget(browse);
    auto *form = new QFormLayout;
    form->addRow(tr("&Server:"), m_serverEdit);
    form->addRow(tr("L&anguage:"), m_languageCombo);
    auto *folderLabel = new QLabel(tr("&Download folder:"), this);
    folderLabel->setBuddy(m_folderEdit);
    form->addRow(folderLabel, folderRow);
    form->addRow(tr("&Timeout:"), m_timeoutSpin);
    form->addRow(QString(), m_keychainCheck);
    form->addRow(QString(), m_copyCheck);
    form->addRow(QString(), m_dropCheck);
    auto *note = new QLabel(tr("A new language applies at the next start."), this);
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString folder =
            QFileDialog::getExistingDirectory(this, tr("Download folder"), m_folderEdit->text());
        if (!folder.isEmpty())
            m_folderEdit->setText(folder);
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void SettingsDialog::save()
{
    const QUrl server = Session::normalizeServerUrl(m_serverEdit->text());
    if (!server.isEmpty())
        m_settings->setServerUrl(server);
    m_settings->setLanguage(m_languageCombo->currentData().toString());
    m_settings->setDownloadFolder(m_folderEdit->text().trimmed());
    m_settings->setUseKeychain(m_keychainCheck->isChecked());
    m_settings->setCopyLinks(m_copyCheck->isChecked());
    m_settings->setShareOnDrop(m_dropCheck->isChecked());
    m_settings->setTimeoutSeconds(m_timeoutSpin->value());
    accept();
}

} // namespace depot
