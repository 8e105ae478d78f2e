#pragma once

#include "model/Endpoint.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDialog;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace depot {

class RulesEditor;

// The mock part of a json endpoint's editor: matching rules, templates (with a help popup
// listing the placeholders), the sequence, the endpoint's own fault, a latency range and CORS.
class MockOptions : public QWidget
{
    Q_OBJECT
public:
    explicit MockOptions(QWidget *parent = nullptr);

    void setEndpoint(const Endpoint &endpoint);
    // Adds the mock fields to `input` as the API takes them (Endpoint::applyFields); a text
    // that is not JSON becomes a problem. `latencyMs` is the editor's fixed latency.
    void addFields(QJsonObject *input, int latencyMs, QJsonObject *problems) const;

    RulesEditor *rulesEditor() const { return m_rules; }
    void showTemplateHelp();

private:
    RulesEditor *m_rules;
    QCheckBox *m_templateCheck;
    QPushButton *m_helpButton;
    QPlainTextEdit *m_sequenceEdit;
    QComboBox *m_afterLastCombo;
    QComboBox *m_faultCombo;
    QSpinBox *m_speedSpin;
    QSpinBox *m_latencyMaxSpin;
    QComboBox *m_corsCombo; // account default (null), on, off
    QDialog *m_help = nullptr;
};

} // namespace depot
