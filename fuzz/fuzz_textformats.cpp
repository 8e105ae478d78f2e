// The small text formats: users.txt lines and form/query strings. Every accepted users.txt
// entry is usable as it stands; masking a query never lets a value through.
#include "FuzzCheck.h"

#include "accounts/AccountRules.h"
#include "accounts/UsersFile.h"
#include "codec/FormData.h"

using namespace depot;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QStringList plans{QStringLiteral("gold"), QStringLiteral("silver"),
                            QStringLiteral("bronze")};
    const UsersFile::Parsed parsed = UsersFile::parse(bytes, plans);
    for (const UsersFile::Entry &entry : parsed.entries) {
        FUZZ_CHECK(AccountRules::isValidUsername(entry.username));
        FUZZ_CHECK(AccountRules::passwordProblem(entry.password).isEmpty());
        FUZZ_CHECK(plans.contains(entry.plan));
        FUZZ_CHECK(entry.line >= 1);
    }

    const QByteArray masked = FormData::maskValues(bytes);
    for (const QByteArray &pair : masked.split('&')) {
        const qsizetype eq = pair.indexOf('=');
        FUZZ_CHECK(eq < 0 || pair.mid(eq) == "=*");
    }
    const QList<FormData::Field> fields = FormData::parse(bytes);
    FUZZ_CHECK(fields.size() == bytes.count('&') + 1);
    for (const FormData::Field &field : fields) {
        const auto first = FormData::value(bytes, field.name);
        FUZZ_CHECK(first.has_value());
    }
    return 0;
}
