#pragma once

#include <QString>

class QLabel;

namespace depot {

class RequestError;

// One look for every page's message line: information in the normal style, success in green,
// errors in red with the server's own (English) words in the tooltip. The label's "tone"
// property says which ("info", "success", "error"), for styles and tests.
namespace Feedback {

enum class Tone { Info, Success, Error };

void show(QLabel *label, const QString &text, Tone tone = Tone::Info,
          const QString &toolTip = QString());
// "<what failed>: <translated reason>" with the technical detail in the tooltip.
void showError(QLabel *label, const QString &what, const RequestError &error);
// "<what failed> <reason>" joined as two sentences.
QString sentence(const QString &what, const QString &reason);

} // namespace Feedback

} // namespace depot
