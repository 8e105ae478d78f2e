#pragma once

#include "http/FileHandle.h"

#include <QObject>
#include <QSocketNotifier>
#include <QTcpSocket>

#include <functional>
#include <memory>

namespace depot {

// Copies a byte range of a file to a socket with back-pressure; memory stays flat for slow
// clients. A child of the socket, so it dies with the connection (and closes nothing of it).
//
// Plain TCP: the head goes straight to the socket with MSG_MORE when Qt has nothing pending
// (else through Qt, with TCP_CORK until the end); once Qt's write buffer is empty, sendfile(2)
// moves the bytes from the page cache to the socket without a copy through user space, as much as
// the kernel's send buffer takes; when it is full a write notifier of our own waits for room. Qt's
// own write notifier is idle then (its buffer is empty): the two never watch the socket at once.
// Should anything be written through Qt meanwhile, sendfile waits until Qt has sent it. TLS (bytes
// must go through QSslSocket) and kernels without sendfile for this file: read pieces of 256 KiB
// and write them through Qt while its buffer is below 1 MiB, resuming on bytesWritten.
class BodyStreamer : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 PieceBytes = 256 * 1024;
    static constexpr qint64 HighWaterBytes = 1024 * 1024;
    // Most bytes one sendfile turn moves before the event loop serves other connections.
    static constexpr qint64 SendfileTurnBytes = 4 * 1024 * 1024;

    BodyStreamer(QTcpSocket *socket, std::shared_ptr<FileHandle> file, qint64 offset, qint64 length,
                 std::function<void(bool ok, qint64 sent)> done);
    // Sends `head` (the answer's status line and headers), then the body.
    void start(const QByteArray &head);

private:
    void pump();
    void pumpCopy();
    void pumpSendfile();
    void waitForRoom();
    void end(bool ok);

    QTcpSocket *m_socket;
    std::shared_ptr<FileHandle> m_file;
    qint64 m_offset;
    qint64 m_remaining;
    qint64 m_sent = 0;
    int m_socketFd = -1;
    bool m_useSendfile = false;
    bool m_ended = false;
    bool m_corked = false;
    QSocketNotifier *m_room = nullptr; // ours, only while Qt's buffer is empty
    std::function<void(bool, qint64)> m_done;
};

} // namespace depot
