#include "ui/TransferMeter.h"

#include <QCoreApplication>
#include <QLocale>

namespace depot {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("depot::TransferMeter", text, disambiguation, n);
}

} // namespace

void TransferMeter::start()
{
    m_clock.start();
    m_rate = 0;
}

QString TransferMeter::text(qint64 done, qint64 total)
{
    const QLocale locale;
    const qint64 elapsedMs = m_clock.isValid() ? m_clock.elapsed() : 0;
    if (elapsedMs > 200)
        m_rate = double(done) * 1000.0 / double(elapsedMs);
    QString line =
        total > 0
            ? tr("%1 of %2").arg(locale.formattedDataSize(done), locale.formattedDataSize(total))
            : locale.formattedDataSize(done);
    if (m_rate > 0) {
        line += QStringLiteral(" · ") + tr("%1/s").arg(locale.formattedDataSize(qint64(m_rate)));
        if (total > done) {
            const int seconds = qMax(1, int((total - done) / m_rate));
            line += QStringLiteral(" · ") +
                    (seconds < 120 ? tr("%n second(s) left", nullptr, seconds)
                                   : tr("%n minute(s) left", nullptr, (seconds + 30) / 60));
        }
    }
    return line;
}

} // namespace depot
