#pragma once

#include <QSyntaxHighlighter>

class QPlainTextEdit;

namespace depot {

// Colours JSON in a text editor: keys, strings, numbers, true/false/null.
class JsonHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    explicit JsonHighlighter(QTextDocument *document);

    // Pretty-prints the editor's JSON (2 spaces); false with a message when it does not parse.
    static bool format(QPlainTextEdit *edit, QString *problem);
    // "line L, column C: reason" for text that is not JSON; empty when it parses (or is empty).
    static QString problem(const QString &text);

protected:
    void highlightBlock(const QString &text) override;
};

} // namespace depot
