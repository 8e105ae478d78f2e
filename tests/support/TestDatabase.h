#pragma once

#include "store/Database.h"

#include <QString>

namespace depot::test {

// A fresh, empty PostgreSQL database on the server named by $DEPOT_TEST_PG_URL (an admin URL),
// dropped again by the destructor.
class TestPgDatabase
{
public:
    TestPgDatabase() = default;
    ~TestPgDatabase() { drop(); }
    TestPgDatabase(const TestPgDatabase &) = delete;
    TestPgDatabase &operator=(const TestPgDatabase &) = delete;

    bool create(QString *error);
    void drop();
    QString url() const { return m_url; } // postgresql://... of the new database
    Database::Settings settings() const { return m_settings; }

private:
    QString m_name;
    QString m_url;
    Database::Settings m_settings;
};

} // namespace depot::test
