#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QWidget>

class QComboBox;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace depot {

// An endpoint's matching rules: a list (add, remove, reorder) and a form for the selected
// rule's match (method, query, headers, JSON paths, body text) and answer (status, response,
// fault). Conditions are written as JSON objects, as the API takes them.
class RulesEditor : public QWidget
{
    Q_OBJECT
public:
    explicit RulesEditor(QWidget *parent = nullptr);

    void setRules(const QJsonArray &rules);
    // The rules as the API takes them; a text that is not JSON adds a problem named like the
    // server's ("rules[1].match.query").
    QJsonArray rules(QJsonObject *problems) const;
    int count() const;

    void addRule();
    void removeRule();
    void moveRule(int delta);

signals:
    void changed();

private:
    void showRule(int row);
    void storeForm();
    void updateButtons();
    static QString summary(const QJsonObject &form, int index);
    static QJsonObject formOf(const QJsonObject &rule);

    QListWidget *m_list;
    QPushButton *m_addButton, *m_removeButton, *m_upButton, *m_downButton;
    QWidget *m_form;
    QLineEdit *m_methodEdit;
    QPlainTextEdit *m_queryEdit, *m_headersEdit, *m_jsonEdit;
    QLineEdit *m_bodyContainsEdit;
    QSpinBox *m_statusSpin;
    QPlainTextEdit *m_responseEdit;
    QComboBox *m_faultCombo;
    bool m_loading = false;
};

} // namespace depot
