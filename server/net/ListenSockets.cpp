#include "net/ListenSockets.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace depot {

QList<int> ListenSockets::open(const QHostAddress &address, quint16 port, int count,
                               quint16 *boundPort, QString *error)
{
    QList<int> fds;
    const bool v6 = address.protocol() == QAbstractSocket::IPv6Protocol;
    quint16 actual = port;
    for (int i = 0; i < count; ++i) {
        const int fd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        const int one = 1;
        sockaddr_storage storage{};
        socklen_t length = 0;
        if (v6) {
            auto *sa = reinterpret_cast<sockaddr_in6 *>(&storage);
            sa->sin6_family = AF_INET6;
            sa->sin6_port = htons(actual);
            const Q_IPV6ADDR a = address.toIPv6Address();
            std::memcpy(&sa->sin6_addr, &a, 16);
            length = sizeof(sockaddr_in6);
        } else {
            auto *sa = reinterpret_cast<sockaddr_in *>(&storage);
            sa->sin_family = AF_INET;
            sa->sin_port = htons(actual);
            sa->sin_addr.s_addr = htonl(address.toIPv4Address());
            length = sizeof(sockaddr_in);
        }
        if (fd < 0 || ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
            ::setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) != 0 ||
            ::bind(fd, reinterpret_cast<sockaddr *>(&storage), length) != 0 ||
            ::listen(fd, 1024) != 0) {
            *error = tr("cannot listen on %1:%2: %3")
                         .arg(address.toString())
                         .arg(actual)
                         .arg(QString::fromLocal8Bit(std::strerror(errno)));
            if (fd >= 0)
                ::close(fd);
            closeAll(fds);
            return {};
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
