#pragma once

#include "api/ApiResult.h"
#include "model/Endpoint.h"

#include <QDialog>

#include <QTemporaryDir>

#include <memory>
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
class MockOptions;

// Creates or edits one hosted endpoint (a JSON mock, a file or a Python script) and saves it
// on the server itself: the dialog stays open with the server's field errors until it is saved.
class EndpointEditor : public QDialog
{
    Q_OBJECT
public:
    explicit EndpointEditor(ApiClient *client, QWidget *parent = nullptr);

    // Switches to editing an existing endpoint.
    void setEndpoint(const Endpoint &endpoint);
    // A new endpoint that starts as a copy of this one (Duplicate).
    void setTemplate(const Endpoint &endpoint);

signals:
    void saved(const depot::Endpoint &endpoint);

private:
    void updateKind();
    void browseContent();
    void save();
    // The form as an endpoint, checked with the rules the server applies (Endpoint::applyFields,
    // checkConsistency); nullopt with one message per bad field (as in a 422 answer) otherwise.
    std::optional<Endpoint> readForm(QJsonObject *problems) const;
    void finishSave(const ApiResult<Endpoint> &result, const QString &contentPath);
    void setBusy(bool busy);
    void showError(const QString &message);
    void showProblems(const QJsonObject &problems);
    Endpoint::Kind kind() const;

    ApiClient *m_client;
    std::optional<Endpoint> m_original;
    QFormLayout *m_form;
    QLineEdit *m_identifierEdit;
    QComboBox *m_kindCombo;
    QComboBox *m_methodCombo;
    QSpinBox *m_statusSpin;
    QSpinBox *m_latencySpin;
    QPlainTextEdit *m_headersEdit;
    QPlainTextEdit *m_bodyEdit;
    QPlainTextEdit *m_responseEdit;
    MockOptions *m_mockOptions; // rules, templates, sequence, faults, CORS (json endpoints)
    QWidget *m_contentRow;
    QLineEdit *m_contentEdit;
    QCheckBox *m_expiresCheck;
    QDateTimeEdit *m_expiresEdit;
    QLabel *m_errorLabel;
    QPushButton *m_saveButton;
    QPushButton *m_formatButton = nullptr;
    // A script typed in the editor (instead of a file); uploaded from a temporary file. Editing
    // a script endpoint loads its stored source here; it is uploaded again only when changed.
    QPlainTextEdit *m_scriptEdit = nullptr;
    std::optional<QString> m_loadedScript; // the stored source, once loaded
    int m_scriptLoad = 0;                  // which setEndpoint() a loaded source belongs to
    void loadScript(qint64 id);
    bool scriptChanged() const;
    std::unique_ptr<QTemporaryDir> m_scriptDir;
    QString scriptFile();
    // The JSON fields and their editors (API field name → editor).
    QList<QPair<QString, QPlainTextEdit *>> jsonEdits() const;
};

} // namespace depot
