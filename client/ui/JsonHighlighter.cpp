#include "ui/JsonHighlighter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QPlainTextEdit>
#include <QRegularExpression>

namespace depot {

JsonHighlighter::JsonHighlighter(QTextDocument *document) : QSyntaxHighlighter(document) {}

void JsonHighlighter::highlightBlock(const QString &text)
{
    static const QRegularExpression string(QStringLiteral(R"("(?:[^"\\]|\\.)*")"));
    static const QRegularExpression number(
        QStringLiteral(R"(-?\b\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b)"));
    static const QRegularExpression keyword(QStringLiteral(R"(\b(?:true|false|null)\b)"));
    QTextCharFormat numberFormat;
    numberFormat.setForeground(QColor(0x1c, 0x5f, 0xa8));
    QTextCharFormat keywordFormat;
    keywordFormat.setForeground(QColor(0x8a, 0x2b, 0x9e));
    keywordFormat.setFontWeight(QFont::Bold);
    QTextCharFormat stringFormat;
    stringFormat.setForeground(QColor(0x1b, 0x6e, 0x20));
    QTextCharFormat keyFormat;
    keyFormat.setForeground(QColor(0x9a, 0x3b, 0x00));
    for (auto it = number.globalMatch(text); it.hasNext();) {
        const auto match = it.next();
        setFormat(int(match.capturedStart()), int(match.capturedLength()), numberFormat);
    }
    for (auto it = keyword.globalMatch(text); it.hasNext();) {
        const auto match = it.next();
        setFormat(int(match.capturedStart()), int(match.capturedLength()), keywordFormat);
    }
    // Strings last: digits and words inside them are text.
    for (auto it = string.globalMatch(text); it.hasNext();) {
        const auto match = it.next();
        const int end = int(match.capturedEnd());
        int next = end;
        while (next < text.size() && text.at(next).isSpace())
            ++next;
        const bool isKey = next < text.size() && text.at(next) == u':';
        setFormat(int(match.capturedStart()), int(match.capturedLength()),
                  isKey ? keyFormat : stringFormat);
    }
}

QString JsonHighlighter::problem(const QString &text)
{
    if (text.trimmed().isEmpty())
        return QString();
    // A bare value (a number, a string) is JSON too: parse it inside an array.
    const QByteArray utf8 = text.toUtf8();
    const QByteArray wrapped = "[" + utf8 + "\n]";
    QJsonParseError error;
    QJsonDocument::fromJson(wrapped, &error);
    if (error.error == QJsonParseError::NoError)
        return QString();
    // The position in the user's text (an error in the wrapper is at the end of the text).
    const qsizetype at = qBound(qsizetype(0), qsizetype(error.offset) - 1, utf8.size());
    const QByteArray before = utf8.left(at);
    const int line = int(before.count('\n')) + 1;
    const int column = int(QString::fromUtf8(before.mid(before.lastIndexOf('\n') + 1)).size()) + 1;
    return tr("line %1, column %2: %3").arg(line).arg(column).arg(error.errorString());
}

bool JsonHighlighter::format(QPlainTextEdit *edit, QString *problemText)
{
    const QString text = edit->toPlainText();
    if (text.trimmed().isEmpty())
        return true;
    const QString why = problem(text);
    if (!why.isEmpty()) {
        *problemText = why;
        return false;
    }
    const QJsonDocument document = QJsonDocument::fromJson("[" + text.toUtf8() + "\n]");
    QString pretty =
        QString::fromUtf8(QJsonDocument(document.array()).toJson(QJsonDocument::Indented));
    // Remove the wrapping array and one level of indentation.
    pretty = pretty.trimmed();
    pretty = pretty.mid(1, pretty.size() - 2).trimmed();
    pretty.replace(QStringLiteral("\n    "), QStringLiteral("\n"));
    edit->setPlainText(pretty);
    return true;
}

} // namespace depot
