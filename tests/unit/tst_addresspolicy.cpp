#include "dumps/AddressPolicy.h"

#include <QTest>

using namespace depot;

class tst_AddressPolicy : public QObject
{
    Q_OBJECT

private slots:
    void defaultPolicy_data();
    void defaultPolicy();
    void allowList_data();
    void allowList();
    void parseCidr_data();
    void parseCidr();
    void normalized_data();
    void normalized();
};

// A row per denied range (its first and last address) and per neighbour just outside it.
void tst_AddressPolicy::defaultPolicy_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("allowed");

    const struct
    {
        const char *name;
        const char *address;
        bool allowed;
    } rows[] = {
        {"0/8 first", "0.0.0.0", false},
        {"0/8 last", "0.255.255.255", false},
        {"1.0.0.0 (after 0/8)", "1.0.0.0", true},
        {"9.255.255.255 (before 10/8)", "9.255.255.255", true},
        {"10/8 first", "10.0.0.0", false},
        {"10/8 last", "10.255.255.255", false},
        {"11.0.0.0 (after 10/8)", "11.0.0.0", true},
        {"100.63.255.255 (before 100.64/10)", "100.63.255.255", true},
        {"100.64/10 first", "100.64.0.0", false},
        {"100.64/10 last", "100.127.255.255", false},
        {"100.128.0.0 (after 100.64/10)", "100.128.0.0", true},
        {"126.255.255.255 (before 127/8)", "126.255.255.255", true},
        {"127/8 first", "127.0.0.0", false},
        {"127.0.0.1", "127.0.0.1", false},
        {"127/8 last", "127.255.255.255", false},
        {"128.0.0.0 (after 127/8)", "128.0.0.0", true},
        {"169.254/16 metadata", "169.254.169.254", false},
        {"169.254/16 last", "169.254.255.255", false},
        {"169.255.0.0 (after 169.254/16)", "169.255.0.0", true},
        {"172.15.255.255 (before 172.16/12)", "172.15.255.255", true},
        {"172.16/12 first", "172.16.0.0", false},
        {"172.16/12 last", "172.31.255.255", false},
        {"172.32.0.0 (after 172.16/12)", "172.32.0.0", true},
        {"192.0.0/24 first", "192.0.0.0", false},
        {"192.0.0/24 last", "192.0.0.255", false},
        {"192.0.1.0 (between)", "192.0.1.0", true},
        {"192.0.2/24 (TEST-NET-1)", "192.0.2.1", false},
        {"192.0.3.0 (after TEST-NET-1)", "192.0.3.0", true},
        {"192.88.99/24 (6to4 relay)", "192.88.99.1", false},
        {"192.167.255.255 (before 192.168/16)", "192.167.255.255", true},
        {"192.168/16 first", "192.168.0.0", false},
        {"192.168/16 last", "192.168.255.255", false},
        {"192.169.0.0 (after 192.168/16)", "192.169.0.0", true},
        {"198.17.255.255 (before 198.18/15)", "198.17.255.255", true},
        {"198.18/15 first", "198.18.0.0", false},
        {"198.18/15 last", "198.19.255.255", false},
        {"198.20.0.0 (after 198.18/15)", "198.20.0.0", true},
        {"198.51.100/24 (TEST-NET-2)", "198.51.100.7", false},
        {"203.0.113/24 (TEST-NET-3)", "203.0.113.255", false},
        {"203.0.114.0 (after TEST-NET-3)", "203.0.114.0", true},
        {"223.255.255.255 (before 224/4)", "223.255.255.255", true},
        {"224/4 first (multicast)", "224.0.0.0", false},
        {"239.255.255.255 (multicast last)", "239.255.255.255", false},
        {"240/4 first (reserved)", "240.0.0.0", false},
        {"255.255.255.255 (broadcast)", "255.255.255.255", false},
        {"public IPv4", "93.184.216.34", true},
        {"public DNS", "8.8.8.8", true},
        {":: (unspecified)", "::", false},
        {"::1 (loopback)", "::1", false},
        {"::127.0.0.1 (IPv4-compatible)", "::127.0.0.1", false},
        {"::ffff:127.0.0.1 (mapped loopback)", "::ffff:127.0.0.1", false},
        {"::ffff:10.1.2.3 (mapped private)", "::ffff:10.1.2.3", false},
        {"::ffff:169.254.169.254 (mapped metadata)", "::ffff:169.254.169.254", false},
        {"::ffff:8.8.8.8 (mapped public)", "::ffff:8.8.8.8", true},
        {"64:ff9b::/96 (NAT64)", "64:ff9b::7f00:1", false},
        {"64:ff9b::1:0:0:0 (after NAT64 /96)", "64:ff9b::1:0:0:0", true},
        {"64:ff9b:1::/48 (local NAT64)", "64:ff9b:1::1", false},
        {"100::/64 (discard)", "100::1", false},
        {"2001::/32 (Teredo)", "2001:0:4136:e378::1", false},
        {"2001:db8::/32 first", "2001:db8::", false},
        {"2001:db8::/32 last", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", false},
        {"2001:db9:: (after documentation)", "2001:db9::", true},
        {"2002::/16 (6to4)", "2002:7f00:1::1", false},
        {"2003:: (after 6to4)", "2003::1", true},
        {"fbff:ffff:: (before fc00::/7)", "fbff:ffff::1", true},
        {"fc00::/7 first", "fc00::", false},
        {"fd00::/8 (ULA)", "fd12:3456::1", false},
        {"fdff:ffff:... (fc00::/7 last)", "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", false},
        {"fe00:: (between ULA and link-local)", "fe00::1", true},
        {"fe80::/10 first", "fe80::", false},
        {"febf:ffff:... (link-local last)", "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", false},
        {"fec0:: (after fe80::/10)", "fec0::1", true},
        {"ff00::/8 (multicast)", "ff02::1", false},
        {"public IPv6", "2606:4700:4700::1111", true},
    };
    for (const auto &row : rows)
        QTest::newRow(row.name) << QString::fromLatin1(row.address) << row.allowed;
}

void tst_AddressPolicy::defaultPolicy()
{
    QFETCH(QString, address);
    QFETCH(bool, allowed);
    const QHostAddress host(address);
    QVERIFY2(!host.isNull(), qPrintable(address));
    const AddressPolicy policy;
    QCOMPARE(policy.isAllowed(host), allowed);
    QCOMPARE(AddressPolicy::isSpecial(host), !allowed);
}

void tst_AddressPolicy::allowList_data()
{
    QTest::addColumn<QStringList>("allow");
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("allowed");
    const QStringList loopback{QStringLiteral("127.0.0.0/8")};
    QTest::newRow("127/8 allows 127.0.0.1") << loopback << QStringLiteral("127.0.0.1") << true;
    QTest::newRow("127/8 allows 127.255.255.255")
        << loopback << QStringLiteral("127.255.255.255") << true;
    QTest::newRow("127/8 allows mapped ::ffff:127.0.0.1")
        << loopback << QStringLiteral("::ffff:127.0.0.1") << true;
    QTest::newRow("127/8 does not allow ::1") << loopback << QStringLiteral("::1") << false;
    QTest::newRow("127/8 does not allow 10.0.0.1")
        << loopback << QStringLiteral("10.0.0.1") << false;
    QTest::newRow("127/8 does not allow metadata")
        << loopback << QStringLiteral("169.254.169.254") << false;
    QTest::newRow("127/8 keeps public allowed") << loopback << QStringLiteral("8.8.8.8") << true;
    QTest::newRow("single host /32 allows it")
        << QStringList{QStringLiteral("127.0.0.1/32")} << QStringLiteral("127.0.0.1") << true;
    QTest::newRow("single host /32, neighbour denied")
        << QStringList{QStringLiteral("127.0.0.1/32")} << QStringLiteral("127.0.0.2") << false;
    QTest::newRow("bare address is a /32")
        << QStringList{QStringLiteral("10.1.2.3")} << QStringLiteral("10.1.2.3") << true;
    QTest::newRow("bare address, neighbour denied")
        << QStringList{QStringLiteral("10.1.2.3")} << QStringLiteral("10.1.2.4") << false;
    QTest::newRow("::1/128 allows ::1")
        << QStringList{QStringLiteral("::1/128")} << QStringLiteral("::1") << true;
    QTest::newRow("mapped subnet allows IPv4")
        << QStringList{QStringLiteral("::ffff:192.168.0.0/112")} << QStringLiteral("192.168.4.5")
        << true;
    QTest::newRow("two subnets") << QStringList{QStringLiteral("127.0.0.0/8"),
                                                QStringLiteral("fd00::/8")}
                                 << QStringLiteral("fd00::5") << true;
    QTest::newRow("unparsable entry ignored")
        << QStringList{QStringLiteral("not-a-cidr")} << QStringLiteral("127.0.0.1") << false;
}

void tst_AddressPolicy::allowList()
{
    QFETCH(QStringList, allow);
    QFETCH(QString, address);
    QFETCH(bool, allowed);
    AddressPolicy policy;
    for (const QString &cidr : std::as_const(allow))
        policy.allow(cidr);
    QCOMPARE(policy.isAllowed(QHostAddress(address)), allowed);
}

void tst_AddressPolicy::parseCidr_data()
{
    QTest::addColumn<QString>("cidr");
    QTest::addColumn<QString>("network"); // empty: refused
    QTest::addColumn<int>("prefix");
    QTest::newRow("127.0.0.0/8") << QStringLiteral("127.0.0.0/8") << QStringLiteral("127.0.0.0")
                                 << 8;
    QTest::newRow("host bits are cleared")
        << QStringLiteral("10.1.2.3/8") << QStringLiteral("10.0.0.0") << 8;
    QTest::newRow("surrounding spaces")
        << QStringLiteral(" 127.0.0.1/32 ") << QStringLiteral("127.0.0.1") << 32;
    QTest::newRow("bare IPv4") << QStringLiteral("192.168.1.1") << QStringLiteral("192.168.1.1")
                               << 32;
    QTest::newRow("bare IPv6") << QStringLiteral("::1") << QStringLiteral("::1") << 128;
    QTest::newRow("IPv6 subnet") << QStringLiteral("fd00::/8") << QStringLiteral("fd00::") << 8;
    QTest::newRow("mapped becomes IPv4")
        << QStringLiteral("::ffff:127.0.0.0/104") << QStringLiteral("127.0.0.0") << 8;
    QTest::newRow("prefix too long") << QStringLiteral("10.0.0.0/33") << QString() << -1;
    QTest::newRow("negative prefix") << QStringLiteral("10.0.0.0/-1") << QString() << -1;
    QTest::newRow("host name") << QStringLiteral("localhost/8") << QString() << -1;
    QTest::newRow("garbage") << QStringLiteral("abc") << QString() << -1;
    QTest::newRow("empty") << QString() << QString() << -1;
}

void tst_AddressPolicy::parseCidr()
{
    QFETCH(QString, cidr);
    QFETCH(QString, network);
    QFETCH(int, prefix);
    const AddressPolicy::Subnet subnet = AddressPolicy::parseCidr(cidr);
    QCOMPARE(subnet.second, prefix);
    if (prefix >= 0)
        QCOMPARE(subnet.first, QHostAddress(network));
    else
        QVERIFY(subnet.first.isNull());
    AddressPolicy policy;
    QCOMPARE(policy.allow(cidr), prefix >= 0);
    QCOMPARE(policy.allowList().size(), prefix >= 0 ? 1 : 0);
}

void tst_AddressPolicy::normalized_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("expected");
    QTest::newRow("mapped loopback")
        << QStringLiteral("::ffff:127.0.0.1") << QStringLiteral("127.0.0.1");
    QTest::newRow("mapped public") << QStringLiteral("::ffff:8.8.4.4") << QStringLiteral("8.8.4.4");
    QTest::newRow("IPv4 unchanged") << QStringLiteral("10.0.0.1") << QStringLiteral("10.0.0.1");
    QTest::newRow("IPv6 unchanged")
        << QStringLiteral("2001:db8::1") << QStringLiteral("2001:db8::1");
    QTest::newRow("IPv4-compatible stays IPv6")
        << QStringLiteral("::127.0.0.1") << QStringLiteral("::7f00:1");
}

void tst_AddressPolicy::normalized()
{
    QFETCH(QString, address);
    QFETCH(QString, expected);
    QCOMPARE(AddressPolicy::normalized(QHostAddress(address)), QHostAddress(expected));
}

QTEST_GUILESS_MAIN(tst_AddressPolicy)
#include "tst_addresspolicy.moc"
