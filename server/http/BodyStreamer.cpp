#include "http/BodyStreamer.h"

#include "config/Metrics.h"

#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <unistd.h>

namespace depot {

BodyStreamer::BodyStreamer(QTcpSocket *socket, std::shared_ptr<FileHandle> file, qint64 offset,
                           qint64 length, std::function<void(bool, qint64)> done)
    : QObject(socket), m_socket(socket), m_file(std::move(file)), m_offset(offset),
      m_remaining(length), m_done(std::move(done))
{
    // QSslSocket must encrypt every byte: sendfile is for plain TCP only.
    m_socketFd = int(socket->socketDescriptor());
    m_useSendfile = m_socketFd >= 0 && !socket->inherits("QSslSocket");
}

void BodyStreamer::start(const QByteArray &head)
{
    Metrics::fileBodies.add(m_useSendfile ? "sendfile" : "copy");
    connect(m_socket, &QTcpSocket::bytesWritten, this, &BodyStreamer::pump);
    // The socket's descriptor may be closed (and its number reused) once it leaves the
    // connected state: our notifier must not watch it a moment longer.
    connect(m_socket, &QAbstractSocket::stateChanged, this, [this](QAbstractSocket::SocketState s) {
        if (s != QAbstractSocket::ConnectedState && m_room)
            m_room->setEnabled(false);
    });
    qint64 sent = 0;
    if (m_useSendfile && m_socket->bytesToWrite() == 0 &&
        m_socket->state() == QAbstractSocket::ConnectedState) {
        // Nothing of Qt's is pending, so the head may go straight out, marked "more to come":
        // the body's first bytes join its segment without TCP_CORK (three system calls less).
        // The socket is TCP_NODELAY (ConnectionGuard), so the body's last segment leaves at once.
        ssize_t n;
        do {
            n = ::send(m_socketFd, head.constData(), size_t(head.size()), MSG_MORE | MSG_NOSIGNAL);
        } while (n < 0 && errno == EINTR);
        sent = qMax<ssize_t>(n, 0);
    }
    if (sent < head.size()) {
        m_socket->write(head.mid(sent));
        if (m_useSendfile) {
            // Corked, the head and the body leave in full segments (the head alone would be a
            // packet of its own); end() uncorks. Without NODELAY, Nagle would hold the body's
            // last partial segment back until the client ACKs, which a delayed ACK postpones
            // by 40 ms.
            const int on = 1;
            ::setsockopt(m_socketFd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
            ::setsockopt(m_socketFd, IPPROTO_TCP, TCP_CORK, &on, sizeof on);
            m_corked = true;
            m_socket->flush(); // the head, so that the body can follow it directly
        }
    }
    pump();
}

void BodyStreamer::pump()
{
    if (m_ended)
        return;
    if (m_useSendfile)
        pumpSendfile();
    else
        pumpCopy();
}

void BodyStreamer::pumpCopy()
{
    while (m_remaining > 0 && m_socket->bytesToWrite() < HighWaterBytes) {
        QByteArray piece(qMin(PieceBytes, m_remaining), Qt::Uninitialized);
        ssize_t n;
        do {
            n = ::pread(m_file->fd(), piece.data(), size_t(piece.size()), m_offset);
        } while (n < 0 && errno == EINTR);
        if (n <= 0) { // file shrank or I/O error: the promised length cannot be kept
            m_socket->abort();
            end(false);
            return;
        }
        piece.truncate(n);
        m_offset += n;
        m_remaining -= n;
        m_sent += n;
        m_socket->write(piece);
    }
    if (m_remaining == 0)
        end(true);
}

void BodyStreamer::pumpSendfile()
{
    if (m_socket->state() != QAbstractSocket::ConnectedState ||
        m_socket->socketDescriptor() != m_socketFd) {
        end(false); // the client is gone; the socket cleans up after itself
        return;
    }
    if (m_socket->bytesToWrite() > 0) {
        // Something went out through Qt (the head, or an early refusal): Qt's write notifier
        // watches the socket until its buffer is empty, and bytesWritten brings us back.
        if (m_room)
            m_room->setEnabled(false);
        return;
    }
    qint64 turn = 0;
    while (m_remaining > 0 && turn < SendfileTurnBytes) {
        off_t offset = off_t(m_offset);
        const ssize_t n = ::sendfile(m_socketFd, m_file->fd(), &offset,
                                     size_t(qMin(m_remaining, SendfileTurnBytes - turn)));
        if (n > 0) {
            m_offset += n;
            m_remaining -= n;
            m_sent += n;
            turn += n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            waitForRoom();
            return;
        }
        if (n < 0 && (errno == EINVAL || errno == ENOSYS) && m_sent == 0 && turn == 0) {
            m_useSendfile = false; // this file or socket cannot: copy instead
            if (m_room)
                m_room->setEnabled(false);
            pumpCopy();
            return;
        }
        // 0: the file shrank below the promised length; <0: the client reset the connection.
        if (m_room)
            m_room->setEnabled(false);
        m_socket->abort();
        end(false);
        return;
    }
    if (m_remaining == 0) {
        if (m_room)
            m_room->setEnabled(false);
        end(true);
        return;
    }
    waitForRoom(); // a full turn: let other connections have theirs first
}

void BodyStreamer::waitForRoom()
{
    if (!m_room) {
        m_room = new QSocketNotifier(qintptr(m_socketFd), QSocketNotifier::Write, this);
        connect(m_room, &QSocketNotifier::activated, this, &BodyStreamer::pump);
    }
    m_room->setEnabled(true);
}

void BodyStreamer::end(bool ok)
{
    if (m_ended)
        return;
    m_ended = true;
    m_remaining = 0;
    if (m_corked && m_socket->socketDescriptor() == m_socketFd) {
        const int off = 0;
        ::setsockopt(m_socketFd, IPPROTO_TCP, TCP_CORK, &off, sizeof off); // sends the rest now
    }
    if (m_room)
        m_room->setEnabled(false);
    disconnect(m_socket, nullptr, this, nullptr);
    m_file.reset();
    if (auto done = std::exchange(m_done, nullptr))
        done(ok, m_sent);
    deleteLater();
}

} // namespace depot
