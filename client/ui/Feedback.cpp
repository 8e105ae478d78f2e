#include "ui/Feedback.h"

#include "api/RequestError.h"

#include <QLabel>

namespace depot::Feedback {

void show(QLabel *label, const QString &text, Tone tone, const QString &toolTip)
{
    static const char *const names[] = {"info", "success", "error"};
    label->setProperty("tone", QString::fromLatin1(names[int(tone)]));
    label->setStyleSheet(tone == Tone::Error     ? QStringLiteral("color: #b00020;")
                         : tone == Tone::Success ? QStringLiteral("color: #1b6e20;")
                                                 : QString());
    label->setText(text);
    label->setToolTip(toolTip);
}

QString sentence(const QString &what, const QString &reason)
{
    if (what.isEmpty())
        return reason;
    return what + QLatin1Char(' ') + reason;
}

void showError(QLabel *label, const QString &what, const RequestError &error)
{
    show(label, sentence(what, error.message()), Tone::Error, error.technicalDetail());
}

} // namespace depot::Feedback
