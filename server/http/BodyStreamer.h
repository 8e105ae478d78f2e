#pragma once

#include <QFile>
#include <QObject>
#include <QTcpSocket>

#include <functional>
#include <memory>

namespace depot {

// Copies a byte range of a file to a socket in 256 KiB pieces, only while the socket's send
// buffer is below a bound, resuming on bytesWritten: memory stays flat for slow clients.
// A child of the socket, so it dies with the connection.
class BodyStreamer : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 PieceBytes = 256 * 1024;
    static constexpr qint64 HighWaterBytes = 1024 * 1024;

    BodyStreamer(QTcpSocket *socket, std::shared_ptr<QFile> file, qint64 offset, qint64 length,
                 std::function<void(bool ok, qint64 sent)> done);
    void start();

private:
    void pump();

    QTcpSocket *m_socket;
    std::shared_ptr<QFile> m_file;
    qint64 m_remaining;
    qint64 m_sent = 0;
    std::function<void(bool, qint64)> m_done;
};

} // namespace depot
