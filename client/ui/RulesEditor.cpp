#include "ui/RulesEditor.h"

#include "model/MockRule.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace depot {
namespace {

QString compact(const QJsonValue &value)
{
    if (value.isUndefined() || value.isNull())
        return QString();
    const QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(text.mid(1, text.size() - 2));
}

// A text field's JSON; undefined for an empty text, nullopt when it does not parse.
std::optional<QJsonValue> parsed(const QString &text)
{
    if (text.trimmed().isEmpty())
        return QJsonValue(QJsonValue::Undefined);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson("[" + text.toUtf8() + "]", &error);
    if (error.error != QJsonParseError::NoError || doc.array().size() != 1)
        return std::nullopt;
    return doc.array().first();
}

QPlainTextEdit *conditionsEdit(const QString &name, const QString &placeholder, QWidget *parent)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setObjectName(name);
    edit->setPlaceholderText(placeholder);
    edit->setTabChangesFocus(true);
    edit->setMaximumHeight(60);
    return edit;
}

// What the form does not show (a text body, headers, latency, ...): kept as it is.
QJsonObject extraOf(QJsonObject rule)
{
    for (const char *shown : {"match", "status_code", "response", "fault"})
        rule.remove(QLatin1String(shown));
    return rule;
}

} // namespace

RulesEditor::RulesEditor(QWidget *parent)
    : QWidget(parent), m_list(new QListWidget(this)),
      m_addButton(new QPushButton(tr("&Add rule"), this)),
      m_removeButton(new QPushButton(tr("Remove"), this)),
      m_upButton(new QPushButton(tr("Up"), this)), m_downButton(new QPushButton(tr("Down"), this)),
      m_form(new QWidget(this)), m_methodEdit(new QLineEdit(m_form)),
      m_queryEdit(conditionsEdit(QStringLiteral("ruleQueryEdit"),
                                 tr("{\"id\": \"42\", \"q\": {\"regex\": \"^a\"}}"), m_form)),
      m_headersEdit(
          conditionsEdit(QStringLiteral("ruleHeadersEdit"), tr("{\"X-Env\": \"test\"}"), m_form)),
      m_jsonEdit(
          conditionsEdit(QStringLiteral("ruleJsonEdit"), tr("{\"user.role\": \"admin\"}"), m_form)),
      m_bodyContainsEdit(new QLineEdit(m_form)), m_statusSpin(new QSpinBox(m_form)),
      m_responseEdit(conditionsEdit(QStringLiteral("ruleResponseEdit"),
                                    tr("{\"error\": \"no such user\"}"), m_form)),
      m_faultCombo(new QComboBox(m_form))
{
    setObjectName(QStringLiteral("rulesEditor"));
    m_list->setObjectName(QStringLiteral("rulesList"));
    m_list->setMaximumHeight(90);
    m_addButton->setObjectName(QStringLiteral("addRuleButton"));
    m_removeButton->setObjectName(QStringLiteral("removeRuleButton"));
    m_upButton->setObjectName(QStringLiteral("moveRuleUpButton"));
    m_downButton->setObjectName(QStringLiteral("moveRuleDownButton"));
    m_methodEdit->setObjectName(QStringLiteral("ruleMethodEdit"));
    m_methodEdit->setPlaceholderText(tr("any, or e.g. GET,POST"));
    m_bodyContainsEdit->setObjectName(QStringLiteral("ruleBodyContainsEdit"));
    m_statusSpin->setObjectName(QStringLiteral("ruleStatusSpin"));
    m_statusSpin->setRange(200, 599);
    m_statusSpin->setValue(200);
    m_faultCombo->setObjectName(QStringLiteral("ruleFaultCombo"));
    m_faultCombo->addItem(tr("none"), QString());
    for (const QString &fault : MockSpec::faults())
        m_faultCombo->addItem(fault, fault);

    auto *form = new QFormLayout(m_form);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("When method is:"), m_methodEdit);
    form->addRow(tr("and query:"), m_queryEdit);
    form->addRow(tr("and headers:"), m_headersEdit);
    form->addRow(tr("and JSON body:"), m_jsonEdit);
    form->addRow(tr("and body contains:"), m_bodyContainsEdit);
    form->addRow(tr("answer status:"), m_statusSpin);
    form->addRow(tr("with JSON:"), m_responseEdit);
    form->addRow(tr("or fault:"), m_faultCombo);

    auto *buttons = new QVBoxLayout;
    for (QPushButton *b : {m_addButton, m_removeButton, m_upButton, m_downButton})
        buttons->addWidget(b);
    buttons->addStretch();
    auto *top = new QHBoxLayout;
    top->addWidget(m_list, 1);
    top->addLayout(buttons);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_form);

    connect(m_addButton, &QPushButton::clicked, this, &RulesEditor::addRule);
    connect(m_removeButton, &QPushButton::clicked, this, &RulesEditor::removeRule);
    connect(m_upButton, &QPushButton::clicked, this, [this] { moveRule(-1); });
    connect(m_downButton, &QPushButton::clicked, this, [this] { moveRule(1); });
    connect(m_list, &QListWidget::currentRowChanged, this, &RulesEditor::showRule);
    for (QLineEdit *edit : {m_methodEdit, m_bodyContainsEdit})
        connect(edit, &QLineEdit::textChanged, this, &RulesEditor::storeForm);
    for (QPlainTextEdit *edit : {m_queryEdit, m_headersEdit, m_jsonEdit, m_responseEdit})
        connect(edit, &QPlainTextEdit::textChanged, this, &RulesEditor::storeForm);
    connect(m_statusSpin, &QSpinBox::valueChanged, this, &RulesEditor::storeForm);
    connect(m_faultCombo, &QComboBox::currentIndexChanged, this, &RulesEditor::storeForm);
    showRule(-1);
}

int RulesEditor::count() const
{
    return m_list->count();
}

QJsonObject RulesEditor::formOf(const QJsonObject &rule)
{
    const QJsonObject match = rule.value(QLatin1String("match")).toObject();
    const QJsonValue method = match.value(QLatin1String("method"));
    QStringList methods;
    for (const QJsonValue &m : method.isArray() ? method.toArray() : QJsonArray{method})
        if (!m.toString().isEmpty())
            methods.append(m.toString());
    return {{QStringLiteral("method"), methods.join(u',')},
            {QStringLiteral("query"), compact(match.value(QLatin1String("query")))},
            {QStringLiteral("headers"), compact(match.value(QLatin1String("headers")))},
            {QStringLiteral("json"), compact(match.value(QLatin1String("json")))},
            {QStringLiteral("body_contains"), match.value(QLatin1String("body_contains"))},
            {QStringLiteral("status_code"), rule.value(QLatin1String("status_code")).toInt(200)},
            {QStringLiteral("response"), compact(rule.value(QLatin1String("response")))},
            {QStringLiteral("fault"), rule.value(QLatin1String("fault")).toString()},
            {QStringLiteral("extra"), extraOf(rule)}};
}

QString RulesEditor::summary(const QJsonObject &form, int index)
{
    QStringList parts;
    for (const char *key : {"method", "query", "headers", "json", "body_contains"}) {
        const QString text = form.value(QLatin1String(key)).toString();
        if (!text.isEmpty())
            parts.append(QStringLiteral("%1 %2").arg(QLatin1String(key), text.left(40)));
    }
    const QString fault = form.value(QLatin1String("fault")).toString();
    return tr("%1. %2 → %3")
        .arg(index + 1)
        .arg(parts.isEmpty() ? tr("always") : parts.join(QStringLiteral(", ")))
        .arg(fault.isEmpty() ? QString::number(form.value(QLatin1String("status_code")).toInt())
                             : fault);
}

void RulesEditor::setRules(const QJsonArray &rules)
{
    m_list->clear();
    for (int i = 0; i < rules.size(); ++i) {
        const QJsonObject form = formOf(rules.at(i).toObject());
        auto *item = new QListWidgetItem(summary(form, i), m_list);
        item->setData(Qt::UserRole, form);
    }
    m_list->setCurrentRow(rules.isEmpty() ? -1 : 0);
    showRule(m_list->currentRow());
}

QJsonArray RulesEditor::rules(QJsonObject *problems) const
{
    QJsonArray out;
    for (int i = 0; i < m_list->count(); ++i) {
        const QJsonObject form = m_list->item(i)->data(Qt::UserRole).toJsonObject();
        const QString path = QStringLiteral("rules[%1]").arg(i);
        QJsonObject match;
        const QString method = form.value(QLatin1String("method")).toString().trimmed();
        if (!method.isEmpty())
            match.insert(QStringLiteral("method"),
                         method.contains(u',') ? QJsonValue(QJsonArray::fromStringList(
                                                     method.split(u',', Qt::SkipEmptyParts)))
                                               : QJsonValue(method));
        for (const char *key : {"query", "headers", "json"}) {
            const auto value = parsed(form.value(QLatin1String(key)).toString());
            if (!value)
                problems->insert(path + QStringLiteral(".match.") + QLatin1String(key),
                                 tr("not valid JSON"));
            else if (!value->isUndefined())
                match.insert(QLatin1String(key), *value);
        }
        const QString contains = form.value(QLatin1String("body_contains")).toString();
        if (!contains.isEmpty())
            match.insert(QStringLiteral("body_contains"), contains);
        QJsonObject rule = form.value(QLatin1String("extra")).toObject();
        rule.insert(QStringLiteral("match"), match);
        rule.insert(QStringLiteral("status_code"),
                    form.value(QLatin1String("status_code")).toInt(200));
        const auto response = parsed(form.value(QLatin1String("response")).toString());
        if (!response)
            problems->insert(path + QStringLiteral(".response"), tr("not valid JSON"));
        else if (!response->isUndefined())
            rule.insert(QStringLiteral("response"), *response);
        const QString fault = form.value(QLatin1String("fault")).toString();
        if (!fault.isEmpty())
            rule.insert(QStringLiteral("fault"), fault);
        out.append(rule);
    }
    return out;
}

void RulesEditor::addRule()
{
    const QJsonObject form = formOf({});
    auto *item = new QListWidgetItem(summary(form, m_list->count()), m_list);
    item->setData(Qt::UserRole, form);
    m_list->setCurrentItem(item);
    emit changed();
}

void RulesEditor::removeRule()
{
    const int row = m_list->currentRow();
    if (row < 0)
        return;
    delete m_list->takeItem(row);
    for (int i = 0; i < m_list->count(); ++i)
        m_list->item(i)->setText(summary(m_list->item(i)->data(Qt::UserRole).toJsonObject(), i));
    showRule(m_list->currentRow());
    emit changed();
}

void RulesEditor::moveRule(int delta)
{
    const int row = m_list->currentRow();
    const int target = row + delta;
    if (row < 0 || target < 0 || target >= m_list->count())
        return;
    QListWidgetItem *item = m_list->takeItem(row);
    m_list->insertItem(target, item);
    for (int i = 0; i < m_list->count(); ++i)
        m_list->item(i)->setText(summary(m_list->item(i)->data(Qt::UserRole).toJsonObject(), i));
    m_list->setCurrentRow(target);
    emit changed();
}

void RulesEditor::showRule(int row)
{
    m_loading = true;
    const QJsonObject form =
        row >= 0 ? m_list->item(row)->data(Qt::UserRole).toJsonObject() : formOf({});
    m_methodEdit->setText(form.value(QLatin1String("method")).toString());
    m_queryEdit->setPlainText(form.value(QLatin1String("query")).toString());
    m_headersEdit->setPlainText(form.value(QLatin1String("headers")).toString());
    m_jsonEdit->setPlainText(form.value(QLatin1String("json")).toString());
    m_bodyContainsEdit->setText(form.value(QLatin1String("body_contains")).toString());
    m_statusSpin->setValue(form.value(QLatin1String("status_code")).toInt(200));
    m_responseEdit->setPlainText(form.value(QLatin1String("response")).toString());
    m_faultCombo->setCurrentIndex(
        qMax(0, m_faultCombo->findData(form.value(QLatin1String("fault")).toString())));
    m_form->setEnabled(row >= 0);
    m_loading = false;
    updateButtons();
}

void RulesEditor::storeForm()
{
    const int row = m_list->currentRow();
    if (m_loading || row < 0)
        return;
    const QJsonObject form{
        {QStringLiteral("extra"),
         m_list->item(row)->data(Qt::UserRole).toJsonObject().value(QLatin1String("extra"))},
        {QStringLiteral("method"), m_methodEdit->text()},
        {QStringLiteral("query"), m_queryEdit->toPlainText()},
        {QStringLiteral("headers"), m_headersEdit->toPlainText()},
        {QStringLiteral("json"), m_jsonEdit->toPlainText()},
        {QStringLiteral("body_contains"), m_bodyContainsEdit->text()},
        {QStringLiteral("status_code"), m_statusSpin->value()},
        {QStringLiteral("response"), m_responseEdit->toPlainText()},
        {QStringLiteral("fault"), m_faultCombo->currentData().toString()}};
    m_list->item(row)->setData(Qt::UserRole, form);
    m_list->item(row)->setText(summary(form, row));
    emit changed();
}

void RulesEditor::updateButtons()
{
    const int row = m_list->currentRow();
    m_removeButton->setEnabled(row >= 0);
    m_upButton->setEnabled(row > 0);
    m_downButton->setEnabled(row >= 0 && row < m_list->count() - 1);
}

} // namespace depot
