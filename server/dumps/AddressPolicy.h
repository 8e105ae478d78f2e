#pragma once

#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace depot {

// Decides which IP addresses the server may connect to when it fetches URLs given by users.
// Loopback, private, link-local, documentation, multicast and the other special ranges are
// denied (QHostAddress::isGlobal() calls 10/8 and fc00::/7 global, so it cannot decide); an
// operator allow-list (--fetch-allow CIDR) can open some of them, e.g. 127.0.0.0/8 for a local
// test server. Public addresses are always allowed.
class AddressPolicy
{
public:
    using Subnet = QPair<QHostAddress, int>;

    AddressPolicy() = default;

    // Parses "127.0.0.0/8", "::1/128" or a bare address (a single host); {QHostAddress(), -1}
    // when it is not one. An IPv4-mapped IPv6 subnet (::ffff:127.0.0.0/104) becomes IPv4.
    static Subnet parseCidr(const QString &cidr);

    // Adds an allowed subnet; false (and nothing added) if `cidr` does not parse.
    bool allow(const QString &cidr);
    void allow(const Subnet &subnet);
    QStringList allowList() const; // normalised, e.g. "127.0.0.0/8"

    // The address to check and to connect to: ::ffff:a.b.c.d becomes a.b.c.d, so that a mapped
    // address can neither slip past the IPv4 ranges nor be refused for the wrong reason.
    static QHostAddress normalized(const QHostAddress &address);

    // True when the address lies in one of the denied ranges (whatever the allow-list says).
    static bool isSpecial(const QHostAddress &address);

    // The decision: a valid address that is either not special or allowed by the operator.
    bool isAllowed(const QHostAddress &address) const;

private:
    QList<Subnet> m_allowed;
};

} // namespace depot
