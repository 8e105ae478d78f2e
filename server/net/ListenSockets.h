#pragma once

#include <QCoreApplication>
#include <QHostAddress>
#include <QList>

namespace depot {

// Opens `count` listening sockets on one address and port with SO_REUSEPORT, so the kernel
// spreads connections over the workers. Port 0 picks a free port, shared by all of them. A port
// some other process listens on already (another depot-server included) is refused with
// "address already in use": SO_REUSEPORT only groups this process's own workers.
class ListenSockets
{
    Q_DECLARE_TR_FUNCTIONS(ListenSockets)

public:
    static QList<int> open(const QHostAddress &address, quint16 port, int count, quint16 *boundPort,
                           QString *error);
    static void closeAll(const QList<int> &fds);
};

} // namespace depot
