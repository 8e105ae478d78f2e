#include "dumps/AddressPolicy.h"

namespace depot {

namespace {

const QList<AddressPolicy::Subnet> &deniedSubnets()
{
    // SECURITY.md's list, plus ranges that embed or reach IPv4 or are never valid targets:
    // the deprecated IPv4-compatible ::/96 (covers :: and ::1), NAT64 local-use 64:ff9b:1::/48,
    // discard-only 100::/64, Teredo 2001::/32 and the 6to4 relay anycast 192.88.99.0/24.
    static const QList<AddressPolicy::Subnet> denied = [] {
        const char *const ranges[] = {
            "0.0.0.0/8",      "10.0.0.0/8",     "100.64.0.0/10", "127.0.0.0/8",
            "169.254.0.0/16", "172.16.0.0/12",  "192.0.0.0/24",  "192.0.2.0/24",
            "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
            "203.0.113.0/24", "224.0.0.0/4",    "240.0.0.0/4",   "::/128",
            "::1/128",        "::/96",          "::ffff:0:0/96", "64:ff9b::/96",
            "64:ff9b:1::/48", "100::/64",       "2001::/32",     "2001:db8::/32",
            "2002::/16",      "fc00::/7",       "fe80::/10",     "ff00::/8",
        };
        QList<AddressPolicy::Subnet> list;
        for (const char *range : ranges)
            list.append(QHostAddress::parseSubnet(QLatin1String(range)));
        return list;
    }();
    return denied;
}

bool inAny(const QHostAddress &address, const QList<AddressPolicy::Subnet> &subnets)
{
    for (const AddressPolicy::Subnet &subnet : subnets) {
        if (address.isInSubnet(subnet))
            return true;
    }
    return false;
}

} // namespace

AddressPolicy::Subnet AddressPolicy::parseCidr(const QString &cidr)
{
    const QString text = cidr.trimmed();
    Subnet subnet;
    if (text.contains(QLatin1Char('/'))) {
        subnet = QHostAddress::parseSubnet(text);
    } else {
        const QHostAddress host(text);
        if (host.isNull())
            return {QHostAddress(), -1};
        subnet = {host, host.protocol() == QAbstractSocket::IPv4Protocol ? 32 : 128};
    }
    if (subnet.first.isNull() || subnet.second < 0)
        return {QHostAddress(), -1};
    // ::ffff:127.0.0.0/104 is 127.0.0.0/8: decisions are taken on normalised addresses, so the
    // mapped form of an allowed subnet would otherwise match nothing.
    bool isV4 = false;
    const quint32 v4 = subnet.first.toIPv4Address(&isV4);
    if (isV4 && subnet.first.protocol() == QAbstractSocket::IPv6Protocol) {
        if (subnet.second < 96)
            return {QHostAddress(), -1};
        subnet = {QHostAddress(v4), subnet.second - 96};
    }
    return subnet;
}

bool AddressPolicy::allow(const QString &cidr)
{
    const Subnet subnet = parseCidr(cidr);
    if (subnet.second < 0)
        return false;
    allow(subnet);
    return true;
}

void AddressPolicy::allow(const Subnet &subnet)
{
    if (!m_allowed.contains(subnet))
        m_allowed.append(subnet);
}

QStringList AddressPolicy::allowList() const
{
    QStringList list;
    for (const Subnet &subnet : m_allowed)
        list.append(subnet.first.toString() + QLatin1Char('/') + QString::number(subnet.second));
    return list;
}

QHostAddress AddressPolicy::normalized(const QHostAddress &address)
{
    if (address.protocol() != QAbstractSocket::IPv6Protocol)
        return address;
    // toIPv4Address() also accepts ::ffff:a.b.c.d; only that form is an IPv4 address in
    // disguise (the deprecated ::a.b.c.d is denied as a whole instead).
    const Q_IPV6ADDR bytes = address.toIPv6Address();
    static const quint8 mappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::equal(mappedPrefix, mappedPrefix + 12, bytes.c))
        return QHostAddress(quint32(bytes.c[12]) << 24 | quint32(bytes.c[13]) << 16 |
                            quint32(bytes.c[14]) << 8 | quint32(bytes.c[15]));
    return address;
}

bool AddressPolicy::isSpecial(const QHostAddress &address)
{
    return inAny(normalized(address), deniedSubnets());
}

bool AddressPolicy::isAllowed(const QHostAddress &address) const
{
    const QHostAddress checked = normalized(address);
    if (checked.isNull() || (checked.protocol() != QAbstractSocket::IPv4Protocol &&
                             checked.protocol() != QAbstractSocket::IPv6Protocol))
        return false;
    return !inAny(checked, deniedSubnets()) || inAny(checked, m_allowed);
}

} // namespace depot
