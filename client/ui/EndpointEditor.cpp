#include "ui/EndpointEditor.h"

#include "api/ApiClient.h"
#include "ui/EndpointTexts.h"
#include "ui/JsonHighlighter.h"
#include "ui/MockOptions.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace depot {

namespace {

QPlainTextEdit *jsonEdit(const QString &name, const QString &placeholder, QWidget *parent)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setObjectName(name);
    edit->setPlaceholderText(placeholder);
    edit->setTabChangesFocus(true);
    QFont font = edit->font();
    font.setFamily(QStringLiteral("monospace"));
    font.setStyleHint(QFont::Monospace);
    edit->setFont(font);
    return edit;
}

QString jsonText(const QJsonValue &value)
{
    if (value.isNull() || value.isUndefined())
        return QString();
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Indented);
    // Strip the array brackets and one level of indentation added by the wrapper.
    QString text = QString::fromUtf8(wrapped).trimmed();
    text = text.mid(1, text.size() - 2).trimmed();
    return text.replace(QStringLiteral("\n    "), QStringLiteral("\n"));
}

} // namespace

EndpointEditor::EndpointEditor(ApiClient *client, QWidget *parent)
    : QDialog(parent), m_client(client), m_form(new QFormLayout),
      m_identifierEdit(new QLineEdit(this)), m_kindCombo(new QComboBox(this)),
      m_methodCombo(new QComboBox(this)), m_statusSpin(new QSpinBox(this)),
      m_latencySpin(new QSpinBox(this)),
      m_headersEdit(
          jsonEdit(QStringLiteral("headersEdit"), tr("{\"X-Example\": \"value\"}"), this)),
      m_bodyEdit(jsonEdit(QStringLiteral("expectedBodyEdit"),
                          tr("Optional: requests must send exactly this JSON"), this)),
      m_responseEdit(jsonEdit(QStringLiteral("responseEdit"), tr("{\"hello\": \"world\"}"), this)),
      m_mockOptions(new MockOptions(this)), m_contentRow(new QWidget(this)),
      m_contentEdit(new QLineEdit(m_contentRow)),
      m_expiresCheck(new QCheckBox(tr("Expires at"), this)), m_expiresEdit(new QDateTimeEdit(this)),
      m_errorLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("endpointEditor"));
    setWindowTitle(tr("New endpoint"));
    setMinimumWidth(520);
    m_identifierEdit->setObjectName(QStringLiteral("identifierEdit"));
    m_identifierEdit->setPlaceholderText(tr("for example api/users"));
    m_kindCombo->setObjectName(QStringLiteral("kindCombo"));
    for (const Endpoint::Kind kind :
         {Endpoint::Kind::Json, Endpoint::Kind::File, Endpoint::Kind::Script})
        m_kindCombo->addItem(EndpointTexts::kindLabel(kind), Endpoint::kindName(kind));
    m_methodCombo->setObjectName(QStringLiteral("methodCombo"));
    m_methodCombo->addItems(Endpoint::methods());
    m_methodCombo->addItem(QStringLiteral("ANY"));
    m_methodCombo->setEditable(true); // also a list: GET,POST
    m_statusSpin->setObjectName(QStringLiteral("statusCodeSpin"));
    m_statusSpin->setRange(100, 599);
    m_statusSpin->setValue(200);
    m_latencySpin->setObjectName(QStringLiteral("latencySpin"));
    m_latencySpin->setRange(0, 600000);
    m_latencySpin->setSuffix(tr(" ms"));
    m_contentEdit->setObjectName(QStringLiteral("contentFileEdit"));
    m_contentEdit->setPlaceholderText(tr("The file to serve or the script to run"));
    auto *browseButton = new QPushButton(tr("Bro&wse…"), m_contentRow);
    browseButton->setObjectName(QStringLiteral("browseContentButton"));
    auto *contentLayout = new QHBoxLayout(m_contentRow);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addWidget(m_contentEdit);
    contentLayout->addWidget(browseButton);
    m_expiresCheck->setObjectName(QStringLiteral("expiresCheck"));
    m_expiresEdit->setObjectName(QStringLiteral("expiresEdit"));
    m_expiresEdit->setCalendarPopup(true);
    m_expiresEdit->setDateTime(QDateTime::currentDateTime().addDays(7));
    m_expiresEdit->setEnabled(false);
    auto *expiresRow = new QHBoxLayout;
    expiresRow->addWidget(m_expiresCheck);
    expiresRow->addWidget(m_expiresEdit, 1);
    m_errorLabel->setObjectName(QStringLiteral("editorErrorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_errorLabel->hide();

    m_form->addRow(tr("&Path:"), m_identifierEdit);
    m_form->addRow(tr("&Kind:"), m_kindCombo);
    m_form->addRow(tr("&Method:"), m_methodCombo);
    m_form->addRow(tr("S&tatus code:"), m_statusSpin);
    m_form->addRow(tr("&Latency:"), m_latencySpin);
    m_form->addRow(tr("&Headers:"), m_headersEdit);
    m_form->addRow(tr("Expected &body:"), m_bodyEdit);
    m_form->addRow(tr("&Response:"), m_responseEdit);
    m_form->addRow(tr("Mock:"), m_mockOptions);
    auto *contentLabel = new QLabel(tr("&Content:"), this);
    contentLabel->setBuddy(m_contentEdit);
    m_form->addRow(contentLabel, m_contentRow);
    m_scriptEdit = jsonEdit(QStringLiteral("scriptEdit"),
                            tr("Or write the script here; it replaces the file."), this);
    m_scriptEdit->setMinimumHeight(160);
    auto *scriptLabel = new QLabel(tr("Scr&ipt:"), this);
    scriptLabel->setBuddy(m_scriptEdit);
    m_form->addRow(scriptLabel, m_scriptEdit);
    m_form->addRow(tr("Expiry:"), expiresRow);

    auto *buttons = new QDialogButtonBox(this);
    // JSON: coloured, formatted on request, errors with line and column.
    m_formatButton = buttons->addButton(tr("F&ormat JSON"), QDialogButtonBox::ActionRole);
    QPushButton *formatButton = m_formatButton;
    formatButton->setObjectName(QStringLiteral("formatJsonButton"));
    for (QPlainTextEdit *edit : {m_headersEdit, m_bodyEdit, m_responseEdit})
        new JsonHighlighter(edit->document());
    connect(formatButton, &QPushButton::clicked, this, [this] {
        QJsonObject problems;
        for (const auto &[field, edit] : jsonEdits()) {
            QString problem;
            if (edit->isVisible() && !JsonHighlighter::format(edit, &problem))
                problems.insert(field, problem);
        }
        if (!problems.isEmpty())
            showProblems(problems);
    });
    m_saveButton = buttons->addButton(QDialogButtonBox::Save);
    m_saveButton->setObjectName(QStringLiteral("saveEndpointButton"));
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelEndpointButton"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addWidget(m_errorLabel);
    layout->addWidget(buttons);

    connect(m_kindCombo, &QComboBox::currentIndexChanged, this, &EndpointEditor::updateKind);
    connect(browseButton, &QPushButton::clicked, this, &EndpointEditor::browseContent);
    connect(m_expiresCheck, &QCheckBox::toggled, m_expiresEdit, &QWidget::setEnabled);
    connect(m_saveButton, &QPushButton::clicked, this, &EndpointEditor::save);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    // An error stays only as long as the form it describes: any edit hides it.
    for (QLineEdit *edit : {m_identifierEdit, m_contentEdit})
        connect(edit, &QLineEdit::textEdited, m_errorLabel, &QWidget::hide);
    for (QPlainTextEdit *edit : {m_headersEdit, m_bodyEdit, m_responseEdit, m_scriptEdit})
        connect(edit, &QPlainTextEdit::textChanged, m_errorLabel, &QWidget::hide);
    updateKind();
}

void EndpointEditor::setTemplate(const Endpoint &endpoint)
{
    setEndpoint(endpoint);
    m_original.reset();
    setWindowTitle(tr("New endpoint"));
    m_identifierEdit->setText(endpoint.identifier + QStringLiteral("-copy"));
    m_kindCombo->setEnabled(true);
    m_contentEdit->setPlaceholderText(tr("The file to serve or the script to run"));
    m_errorLabel->hide();
}

void EndpointEditor::setEndpoint(const Endpoint &endpoint)
{
    m_original = endpoint;
    setWindowTitle(tr("Edit %1").arg(endpoint.identifier));
    m_identifierEdit->setText(endpoint.identifier);
    m_kindCombo->setCurrentIndex(qMax(0, m_kindCombo->findData(Endpoint::kindName(endpoint.kind))));
    m_kindCombo->setEnabled(false); // the kind is the content's nature; make a new endpoint
    m_methodCombo->setCurrentText(endpoint.method);
    m_statusSpin->setValue(endpoint.statusCode);
    m_latencySpin->setValue(endpoint.latency);
    m_headersEdit->setPlainText(endpoint.headers.isEmpty() ? QString()
                                                           : jsonText(endpoint.headers));
    m_bodyEdit->setPlainText(jsonText(endpoint.body));
    m_responseEdit->setPlainText(jsonText(endpoint.response));
    m_mockOptions->setEndpoint(endpoint);
    m_contentEdit->clear();
    m_contentEdit->setPlaceholderText(endpoint.fileName.isEmpty()
                                          ? tr("Keep the current content")
                                          : tr("Keep %1").arg(endpoint.fileName));
    m_loadedScript.reset();
    m_scriptEdit->clear();
    m_scriptEdit->setReadOnly(false);
    ++m_scriptLoad;
    if (endpoint.kind == Endpoint::Kind::Script)
        loadScript(endpoint.id);
    m_expiresCheck->setChecked(endpoint.expiresAt.isValid());
    if (endpoint.expiresAt.isValid())
        m_expiresEdit->setDateTime(endpoint.expiresAt.toLocalTime());
}

Endpoint::Kind EndpointEditor::kind() const
{
    return Endpoint::kindFromName(m_kindCombo->currentData().toString())
        .value_or(Endpoint::Kind::Json);
}

void EndpointEditor::updateKind()
{
    const bool json = kind() == Endpoint::Kind::Json;
    const bool script = kind() == Endpoint::Kind::Script;
    m_form->setRowVisible(m_responseEdit, json);
    m_form->setRowVisible(m_mockOptions, json);
    m_form->setRowVisible(m_contentRow, !json);
    m_form->setRowVisible(m_scriptEdit, script);
    // A script answers with its own status and headers.
    m_form->setRowVisible(m_statusSpin, !script);
    m_form->setRowVisible(m_headersEdit, !script);
    m_form->setRowVisible(m_bodyEdit, json);
    if (m_formatButton)
        m_formatButton->setVisible(!script);
    m_errorLabel->hide();
    // No empty area where hidden rows were.
    if (isVisible())
        resize(width(), sizeHint().height());
}

void EndpointEditor::browseContent()
{
    const QString filter = kind() == Endpoint::Kind::Script
                               ? tr("Python scripts (*.py);;All files (*)")
                               : tr("All files (*)");
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Choose the content"), m_contentEdit->text(), filter);
    if (!path.isEmpty())
        m_contentEdit->setText(path);
}

std::optional<Endpoint> EndpointEditor::readForm(QJsonObject *problems) const
{
    // The form is read as the server reads a multipart form (Endpoint::fieldsFromText) and
    // checked with the same rules, so both agree on what is valid and say it the same way.
    const Endpoint::Kind kind = this->kind();
    const bool json = kind == Endpoint::Kind::Json;
    QList<QPair<QByteArray, QByteArray>> text{
        {"identifier", m_identifierEdit->text().trimmed().toUtf8()},
        {"kind", Endpoint::kindName(kind).toUtf8()},
        {"method", m_methodCombo->currentText().trimmed().toUtf8()},
        {"status_code", QByteArray::number(m_statusSpin->value())},
        {"latency", QByteArray::number(m_latencySpin->value())},
        {"headers", m_headersEdit->toPlainText().toUtf8()},
        {"body", json ? m_bodyEdit->toPlainText().toUtf8() : QByteArray()},
    };
    if (json)
        text.append({"response", m_responseEdit->toPlainText().toUtf8()});
    if (m_expiresCheck->isChecked())
        text.append(
            {"expires_at", m_expiresEdit->dateTime().toUTC().toString(Qt::ISODate).toUtf8()});

    Endpoint endpoint = m_original.value_or(Endpoint());
    QJsonObject input = Endpoint::fieldsFromText(text, problems);
    if (json)
        m_mockOptions->addFields(&input, m_latencySpin->value(), problems);
    // The client does not know the server's configured limits: it checks against the defaults,
    // and the server's own answer still decides.
    endpoint.applyFields(input, Endpoint::Rules(), problems);
    endpoint.checkConsistency(problems);
    endpoint.checkMock(Endpoint::Rules(), problems);
    const bool typedScript = kind == Endpoint::Kind::Script && scriptChanged();
    if (!json && !m_original && m_contentEdit->text().trimmed().isEmpty() && !typedScript)
        problems->insert(QStringLiteral("file"),
                         tr("Choose the file to serve or the script to run."));
    if (!problems->isEmpty())
        return std::nullopt;
    if (!m_expiresCheck->isChecked())
        endpoint.expiresAt = QDateTime(); // not sent: the current (or the default) expiry stays
    return endpoint;
}

void EndpointEditor::save()
{
    QJsonObject problems;
    const std::optional<Endpoint> endpoint = readForm(&problems);
    if (!endpoint) {
        // Where the JSON breaks, not only that it does.
        for (const auto &[field, edit] : jsonEdits()) {
            const QString where = JsonHighlighter::problem(edit->toPlainText());
            if (problems.contains(field) && !where.isEmpty())
                problems.insert(field, QString(problems.value(field).toString() +
                                               QStringLiteral(" (") + where + QLatin1Char(')')));
        }
        return showProblems(problems);
    }
    QString contentPath =
        endpoint->kind == Endpoint::Kind::Json ? QString() : m_contentEdit->text().trimmed();
    if (endpoint->kind == Endpoint::Kind::Script && contentPath.isEmpty() && scriptChanged()) {
        contentPath = scriptFile();
        if (contentPath.isEmpty())
            return showError(tr("Could not write the script to a temporary file."));
    }
    setBusy(true);
    auto done = [this, contentPath](const ApiResult<Endpoint> &result) {
        finishSave(result, contentPath);
    };
    if (m_original)
        m_client->updateEndpoint(m_original->id, *endpoint, this, done);
    else
        m_client->createEndpoint(
            *endpoint, contentPath, this,
            [this](const ApiResult<Endpoint> &result) { finishSave(result, QString()); });
}

void EndpointEditor::finishSave(const ApiResult<Endpoint> &result, const QString &contentPath)
{
    if (!result.ok()) {
        setBusy(false);
        const RequestError &error = result.error();
        if (error.status() == 409)
            return showError(tr("You already have an endpoint at this path and method."));
        if (error.status() == 422 && !error.fields().isEmpty())
            return showProblems(error.fields());
        showError(error.status() == 422 && !error.detail().isEmpty()
                      ? tr("Please correct:\n%1").arg(error.detail())
                      : error.message());
        m_errorLabel->setToolTip(error.technicalDetail());
        return;
    }
    if (!contentPath.isEmpty()) {
        // An edited file or script endpoint got new content: upload it after the fields.
        m_client->replaceEndpointContent(
            result.value().id, contentPath, this,
            [this](const ApiResult<Endpoint> &replaced) { finishSave(replaced, QString()); });
        return;
    }
    setBusy(false);
    emit saved(result.value());
    accept();
}

void EndpointEditor::loadScript(qint64 id)
{
    // Read-only until the stored source is there, so that nothing typed is overwritten; the
    // request times out (and says so) like every other.
    m_scriptEdit->setReadOnly(true);
    m_scriptEdit->setPlaceholderText(tr("Loading the current script…"));
    const int load = ++m_scriptLoad;
    m_client->fetchEndpointContent(id, this, [this, load](const ApiResult<QByteArray> &result) {
        if (load != m_scriptLoad) // the editor moved on to another endpoint
            return;
        m_scriptEdit->setReadOnly(false);
        m_scriptEdit->setPlaceholderText(tr("Or write the script here; it replaces the file."));
        if (!result.ok()) {
            showError(tr("Could not load the current script: %1 The stored script stays unless "
                         "you write or choose a new one.")
                          .arg(result.error().message()));
            m_errorLabel->setToolTip(result.error().technicalDetail());
            return;
        }
        const QString text = QString::fromUtf8(result.value());
        m_scriptEdit->setPlainText(text);
        m_loadedScript = text;
    });
}

bool EndpointEditor::scriptChanged() const
{
    // A copy (Duplicate) needs the loaded source uploaded; an edited endpoint only a new one.
    const QString text = m_scriptEdit->toPlainText();
    if (m_loadedScript && m_original && text == *m_loadedScript)
        return false;
    return !text.trimmed().isEmpty();
}

QList<QPair<QString, QPlainTextEdit *>> EndpointEditor::jsonEdits() const
{
    return {{QStringLiteral("headers"), m_headersEdit},
            {QStringLiteral("body"), m_bodyEdit},
            {QStringLiteral("response"), m_responseEdit}};
}

QString EndpointEditor::scriptFile()
{
    m_scriptDir = std::make_unique<QTemporaryDir>();
    if (!m_scriptDir->isValid())
        return QString();
    QString name = m_identifierEdit->text().trimmed().section(QLatin1Char('/'), -1);
    if (!name.endsWith(QLatin1String(".py")))
        name = QStringLiteral("script.py");
    const QString path = m_scriptDir->filePath(name);
    QFile file(path);
    const QByteArray text = m_scriptEdit->toPlainText().toUtf8();
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size())
        return QString();
    return path;
}

void EndpointEditor::setBusy(bool busy)
{
    if (busy)
        m_errorLabel->hide();
    m_saveButton->setEnabled(!busy);
    m_saveButton->setText(busy ? tr("Saving…") : tr("&Save"));
}

void EndpointEditor::showProblems(const QJsonObject &problems)
{
    // One line per field, named as the form names it: the same text for the client's checks and
    // for the server's 422 answers.
    QStringList lines;
    for (auto it = problems.begin(); it != problems.end(); ++it)
        lines << tr("%1: %2").arg(EndpointTexts::fieldLabel(it.key()), it.value().toString());
    showError(tr("Please correct:\n%1").arg(lines.join(u'\n')));
}

void EndpointEditor::showError(const QString &message)
{
    m_errorLabel->setText(message);
    m_errorLabel->show();
}

} // namespace depot
