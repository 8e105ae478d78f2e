#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;

namespace depot {

class AppSettings;

// The client's settings: server, language, download folder, keychain, copying new links,
// request timeout. Saved on OK.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    SettingsDialog(AppSettings *settings, QWidget *parent = nullptr);

private:
    void save();

    AppSettings *m_settings;
    QLineEdit *m_serverEdit;
    QComboBox *m_languageCombo;
    QLineEdit *m_folderEdit;
    QCheckBox *m_keychainCheck;
    QCheckBox *m_copyCheck;
    QCheckBox *m_dropCheck;
    QSpinBox *m_timeoutSpin;
};

} // namespace depot
