#pragma once

#include <QElapsedTimer>
#include <QString>

namespace depot {

// Speed and time left of an upload or a download, as one line ("1.2 MB of 5 MB · 3.4 MB/s ·
// 2 seconds left"), from the bytes done so far.
class TransferMeter
{
public:
    void start();
    QString text(qint64 done, qint64 total);
    // Bytes per second so far (0 until a little time has passed).
    double rate() const { return m_rate; }

private:
    QElapsedTimer m_clock;
    double m_rate = 0;
};

} // namespace depot
