#include "http/BodyStreamer.h"

namespace depot {

BodyStreamer::BodyStreamer(QTcpSocket *socket, std::shared_ptr<QFile> file, qint64 offset,
                           qint64 length, std::function<void(bool, qint64)> done)
    : QObject(socket), m_socket(socket), m_file(std::move(file)), m_remaining(length),
      m_done(std::move(done))
{
    m_file->seek(offset);
}

void BodyStreamer::start()
{
    connect(m_socket, &QTcpSocket::bytesWritten, this, &BodyStreamer::pump);
    pump();
}

void BodyStreamer::pump()
{
    while (m_remaining > 0 && m_socket->bytesToWrite() < HighWaterBytes) {
        const QByteArray piece = m_file->read(qMin(PieceBytes, m_remaining));
        if (piece.isEmpty()) { // file shrank or I/O error: the promised length cannot be kept
            m_socket->abort();
            m_remaining = 0;
            if (auto done = std::exchange(m_done, nullptr))
                done(false, m_sent);
            deleteLater();
            return;
        }
        m_remaining -= piece.size();
        m_sent += piece.size();
        m_socket->write(piece);
    }
    if (m_remaining == 0 && m_done) {
        std::exchange(m_done, nullptr)(true, m_sent);
        disconnect(m_socket, nullptr, this, nullptr);
        deleteLater();
    }
}

} // namespace depot
