#include "TestDatabase.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QUrl>

namespace depot::test {

bool TestPgDatabase::create(QString *error)
{
    const QString adminUrl = qEnvironmentVariable("DEPOT_TEST_PG_URL");
    const auto admin = Database::parseUrl(adminUrl, QString(), error);
    if (!admin || admin->dialect != Database::Dialect::Postgres) {
        *error = QStringLiteral("DEPOT_TEST_PG_URL is not a PostgreSQL URL: ") + *error;
        return false;
    }
    m_name = QStringLiteral("depot_test_%1_%2")
                 .arg(QCoreApplication::applicationPid())
                 .arg(QRandomGenerator::global()->generate64() % 1000000000);
    Database db(*admin, QStringLiteral("test-admin-") + m_name);
    if (!db.open(error))
        return false;
    try {
        db.execute(QStringLiteral("CREATE DATABASE ") + m_name);
    } catch (const DbError &e) {
        *error = QString::fromUtf8(e.what());
        m_name.clear();
        return false;
    }
    QUrl u(adminUrl);
    u.setPath(u'/' + m_name);
    m_url = u.toString();
    m_settings = *admin;
    m_settings.name = m_name;
    return true;
}

void TestPgDatabase::drop()
{
    if (m_name.isEmpty())
        return;
    QString error;
    const auto admin =
        Database::parseUrl(qEnvironmentVariable("DEPOT_TEST_PG_URL"), QString(), &error);
    if (admin) {
        Database db(*admin, QStringLiteral("test-admin-drop-") + m_name);
        if (db.open(&error)) {
            try {
                db.execute(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_name));
            } catch (const DbError &) {
                // Left behind in a throw-away cluster: harmless.
            }
        }
    }
    m_name.clear();
}

} // namespace depot::test
