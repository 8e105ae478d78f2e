#pragma once

#include "net/ApiResult.h"
#include "net/EndpointInfo.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace depot {

class ApiClient;

// Creates or edits one hosted endpoint (a JSON mock, a file or a Python script) and saves it
// on the server itself: the dialog stays open with the server's field errors until it is saved.
class EndpointEditor : public QDialog
{
    Q_OBJECT
public:
    explicit EndpointEditor(ApiClient *client, QWidget *parent = nullptr);

    // Switches to editing an existing endpoint.
    void setEndpoint(const EndpointInfo &endpoint);
    std::optional<EndpointInfo> editedEndpoint() const { return m_saved; }

    // Parses JSON text including bare scalars ("42", "\"text\""); nullopt when invalid.
    static std::optional<QJsonValue> parseJsonValue(const QString &text);

signals:
    void saved(const EndpointInfo &endpoint);

private:
    void updateKind();
    void browseContent();
    void save();
    std::optional<EndpointInfo> readForm(QString *error) const;
    void finishSave(const ApiResult<EndpointInfo> &result, const QString &contentPath);
    void setBusy(bool busy);
    void showError(const QString &message);
    QString kind() const;

    ApiClient *m_client;
    std::optional<EndpointInfo> m_original;
    std::optional<EndpointInfo> m_saved;
    QFormLayout *m_form;
    QLineEdit *m_identifierEdit;
    QComboBox *m_kindCombo;
    QComboBox *m_methodCombo;
    QSpinBox *m_statusSpin;
    QSpinBox *m_latencySpin;
    QPlainTextEdit *m_headersEdit;
    QPlainTextEdit *m_bodyEdit;
    QPlainTextEdit *m_responseEdit;
    QWidget *m_contentRow;
    QLineEdit *m_contentEdit;
    QCheckBox *m_expiresCheck;
    QDateTimeEdit *m_expiresEdit;
    QLabel *m_errorLabel;
    QPushButton *m_saveButton;
};

} // namespace depot
