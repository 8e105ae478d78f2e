#include "net/ListenSockets.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace depot {

namespace {

socklen_t socketAddress(const QHostAddress &address, quint16 port, sockaddr_storage *storage)
{
    *storage = {};
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        auto *sa = reinterpret_cast<sockaddr_in6 *>(storage);
        sa->sin6_family = AF_INET6;
        sa->sin6_port = htons(port);
        const Q_IPV6ADDR a = address.toIPv6Address();
        std::memcpy(&sa->sin6_addr, &a, 16);
        return sizeof(sockaddr_in6);
    }
    auto *sa = reinterpret_cast<sockaddr_in *>(storage);
    sa->sin_family = AF_INET;
    sa->sin_port = htons(port);
    sa->sin_addr.s_addr = htonl(address.toIPv4Address());
    return sizeof(sockaddr_in);
}

QString reason(int error)
{
    // One lower-case line, the same whatever the C library's locale says.
    if (error == EADDRINUSE)
        return ListenSockets::tr("address already in use");
    if (error == EACCES)
        return ListenSockets::tr("permission denied");
    if (error == EADDRNOTAVAIL)
        return ListenSockets::tr("address not available on this machine");
    return QString::fromLocal8Bit(std::strerror(error));
}

} // namespace

QList<int> ListenSockets::open(const QHostAddress &address, quint16 port, int count,
                               quint16 *boundPort, QString *error)
{
    QList<int> fds;
    const bool v6 = address.protocol() == QAbstractSocket::IPv6Protocol;
    const int one = 1;
    const auto failWith = [&](int errorNumber, quint16 at) {
        *error = tr("cannot listen on %1:%2: %3")
                     .arg(address.toString())
                     .arg(at)
                     .arg(reason(errorNumber));
        closeAll(fds);
        return QList<int>();
    };
    // SO_REUSEPORT groups every socket of the same user on a port, another depot-server's too
    // (the kernel would then split the traffic between two servers). A first bind without it
    // fails if anybody listens there already; only then do our own workers' sockets share it.
    if (port != 0) {
        sockaddr_storage storage;
        const socklen_t length = socketAddress(address, port, &storage);
        const int probe = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (probe < 0)
            return failWith(errno, port);
        ::setsockopt(probe, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        const bool bound = ::bind(probe, reinterpret_cast<sockaddr *>(&storage), length) == 0;
        const int bindError = errno;
        ::close(probe);
        if (!bound)
            return failWith(bindError, port);
    }
    quint16 actual = port;
    for (int i = 0; i < count; ++i) {
        const int fd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_storage storage;
        const socklen_t length = socketAddress(address, actual, &storage);
        if (fd < 0 || ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
            ::setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) != 0 ||
            ::bind(fd, reinterpret_cast<sockaddr *>(&storage), length) != 0 ||
            ::listen(fd, 1024) != 0) {
            const int bindError = errno;
            if (fd >= 0)
                ::close(fd);
            return failWith(bindError, actual);
        }
        if (i == 0 && actual == 0) {
            sockaddr_storage bound{};
            socklen_t boundLength = sizeof bound;
            ::getsockname(fd, reinterpret_cast<sockaddr *>(&bound), &boundLength);
            actual = ntohs(v6 ? reinterpret_cast<sockaddr_in6 *>(&bound)->sin6_port
                              : reinterpret_cast<sockaddr_in *>(&bound)->sin_port);
        }
        fds.append(fd);
    }
    *boundPort = actual;
    return fds;
}

void ListenSockets::closeAll(const QList<int> &fds)
{
    for (int fd : fds)
        ::close(fd);
}

} // namespace depot
