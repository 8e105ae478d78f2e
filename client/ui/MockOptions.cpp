#include "ui/MockOptions.h"

#include "model/MockRule.h"
#include "model/MockTemplate.h"
#include "ui/RulesEditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace depot {

MockOptions::MockOptions(QWidget *parent)
    : QWidget(parent), m_rules(new RulesEditor(this)),
      m_templateCheck(new QCheckBox(tr("Template: placeholders in the answer"), this)),
      m_helpButton(new QPushButton(tr("Placeholders…"), this)),
      m_sequenceEdit(new QPlainTextEdit(this)), m_afterLastCombo(new QComboBox(this)),
      m_faultCombo(new QComboBox(this)), m_speedSpin(new QSpinBox(this)),
      m_latencyMaxSpin(new QSpinBox(this)), m_corsCombo(new QComboBox(this))
{
    setObjectName(QStringLiteral("mockOptions"));
    m_templateCheck->setObjectName(QStringLiteral("templateCheck"));
    m_helpButton->setObjectName(QStringLiteral("templateHelpButton"));
    m_sequenceEdit->setObjectName(QStringLiteral("sequenceEdit"));
    m_sequenceEdit->setPlaceholderText(
        tr("Answers in turn, e.g. [{\"status_code\": 503}, {\"response\": {\"ok\": true}}]"));
    m_sequenceEdit->setMaximumHeight(60);
    m_sequenceEdit->setTabChangesFocus(true);
    m_afterLastCombo->setObjectName(QStringLiteral("afterLastCombo"));
    m_afterLastCombo->addItem(tr("then repeat the last"), QStringLiteral("repeat_last"));
    m_afterLastCombo->addItem(tr("then start again"), QStringLiteral("cycle"));
    m_faultCombo->setObjectName(QStringLiteral("faultCombo"));
    m_faultCombo->addItem(tr("none"), QString());
    m_faultCombo->addItem(tr("reset the connection"), QStringLiteral("reset"));
    m_faultCombo->addItem(tr("close without an answer"), QStringLiteral("empty"));
    m_faultCombo->addItem(tr("send the body slowly"), QStringLiteral("slow_body"));
    m_speedSpin->setObjectName(QStringLiteral("bytesPerSecondSpin"));
    m_speedSpin->setRange(1, MockSpec::MaxBytesPerSecond);
    m_speedSpin->setValue(100);
    m_speedSpin->setSuffix(tr(" bytes/s"));
    m_latencyMaxSpin->setObjectName(QStringLiteral("latencyMaxSpin"));
    m_latencyMaxSpin->setRange(0, 600000);
    m_latencyMaxSpin->setSuffix(tr(" ms"));
    m_latencyMaxSpin->setSpecialValueText(tr("fixed"));
    m_corsCombo->setObjectName(QStringLiteral("corsCombo"));
    m_corsCombo->addItem(tr("as my account's default"), QVariant());
    m_corsCombo->addItem(tr("answer preflights and add CORS headers"), true);
    m_corsCombo->addItem(tr("no CORS"), false);
    m_corsCombo->setToolTip(tr("The account's default is set on the Account page."));

    auto *templateRow = new QHBoxLayout;
    templateRow->addWidget(m_templateCheck);
    templateRow->addWidget(m_helpButton);
    templateRow->addStretch();
    auto *sequenceRow = new QVBoxLayout;
    sequenceRow->addWidget(m_sequenceEdit);
    sequenceRow->addWidget(m_afterLastCombo);
    auto *faultRow = new QHBoxLayout;
    faultRow->addWidget(m_faultCombo, 1);
    faultRow->addWidget(m_speedSpin);
    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Rules:"), m_rules);
    form->addRow(QString(), templateRow);
    form->addRow(tr("Sequence:"), sequenceRow);
    form->addRow(tr("Fault:"), faultRow);
    form->addRow(tr("Latency up to:"), m_latencyMaxSpin);
    form->addRow(tr("CORS:"), m_corsCombo);

    connect(m_helpButton, &QPushButton::clicked, this, &MockOptions::showTemplateHelp);
    auto updateSpeed = [this] {
        m_speedSpin->setEnabled(m_faultCombo->currentData().toString() == u"slow_body");
    };
    connect(m_faultCombo, &QComboBox::currentIndexChanged, this, updateSpeed);
    updateSpeed();
}

void MockOptions::setEndpoint(const Endpoint &e)
{
    m_rules->setRules(e.rules);
    m_templateCheck->setChecked(e.templated);
    m_sequenceEdit->setPlainText(
        e.sequence.isEmpty()
            ? QString()
            : QString::fromUtf8(QJsonDocument(e.sequence).toJson(QJsonDocument::Compact)));
    m_afterLastCombo->setCurrentIndex(qMax(0, m_afterLastCombo->findData(e.afterLast)));
    m_faultCombo->setCurrentIndex(qMax(0, m_faultCombo->findData(e.fault)));
    if (e.bytesPerSecond > 0)
        m_speedSpin->setValue(e.bytesPerSecond);
    m_latencyMaxSpin->setValue(e.latencyMax > e.latency ? e.latencyMax : 0);
    m_corsCombo->setCurrentIndex(!e.cors ? 0 : *e.cors ? 1 : 2);
}

void MockOptions::addFields(QJsonObject *input, int latencyMs, QJsonObject *problems) const
{
    input->insert(QStringLiteral("rules"), m_rules->rules(problems));
    const QString sequence = m_sequenceEdit->toPlainText().trimmed();
    if (sequence.isEmpty()) {
        input->insert(QStringLiteral("sequence"), QJsonArray());
    } else {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(sequence.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError || !doc.isArray())
            problems->insert(QStringLiteral("sequence"), tr("a JSON list of answers"));
        else
            input->insert(QStringLiteral("sequence"), doc.array());
    }
    input->insert(QStringLiteral("after_last"), m_afterLastCombo->currentData().toString());
    input->insert(QStringLiteral("template"), m_templateCheck->isChecked());
    const QVariant cors = m_corsCombo->currentData();
    input->insert(QStringLiteral("cors"),
                  cors.isValid() ? QJsonValue(cors.toBool()) : QJsonValue());
    const QString fault = m_faultCombo->currentData().toString();
    input->insert(QStringLiteral("fault"), fault.isEmpty() ? QJsonValue() : QJsonValue(fault));
    input->insert(QStringLiteral("bytes_per_second"),
                  fault == u"slow_body" ? QJsonValue(m_speedSpin->value()) : QJsonValue());
    if (m_latencyMaxSpin->value() > latencyMs)
        input->insert(QStringLiteral("latency"),
                      QJsonObject{{QStringLiteral("min"), latencyMs},
                                  {QStringLiteral("max"), m_latencyMaxSpin->value()}});
}

void MockOptions::showTemplateHelp()
{
    if (!m_help) {
        m_help = new QDialog(this);
        m_help->setObjectName(QStringLiteral("templateHelpDialog"));
        m_help->setWindowTitle(tr("Template placeholders"));
        const auto help = MockTemplate::help();
        auto *table = new QTableWidget(int(help.size()), 2, m_help);
        table->setObjectName(QStringLiteral("placeholderTable"));
        table->setHorizontalHeaderLabels({tr("Placeholder"), tr("Value")});
        table->setEditTriggers(QAbstractItemView::NoEditTriggers);
        table->verticalHeader()->hide();
        table->horizontalHeader()->setStretchLastSection(true);
        for (int row = 0; row < help.size(); ++row) {
            table->setItem(row, 0, new QTableWidgetItem(help.at(row).first));
            table->setItem(row, 1, new QTableWidgetItem(help.at(row).second));
        }
        table->resizeColumnsToContents();
        auto *note = new QLabel(tr("Values are JSON-escaped inside JSON answers. A placeholder "
                                   "that is not in this list is refused when you save."),
                                m_help);
        note->setWordWrap(true);
        auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, m_help);
        connect(buttons, &QDialogButtonBox::rejected, m_help, &QDialog::hide);
        auto *layout = new QVBoxLayout(m_help);
        layout->addWidget(table);
        layout->addWidget(note);
        layout->addWidget(buttons);
        m_help->resize(560, 420);
    }
    m_help->show();
    m_help->raise();
}

} // namespace depot
