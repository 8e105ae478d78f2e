// CGI output: whatever a script prints, an accepted answer has a valid status and headers that
// cannot end or add a header line, and no framing header of its own.
#include "FuzzCheck.h"

#include "endpoints/scripts/CgiResponse.h"

using namespace depot;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray output(reinterpret_cast<const char *>(data), qsizetype(size));
    const CgiResponse response = CgiResponse::parse(output, 8);
    if (!response.isValid()) {
        FUZZ_CHECK(!response.error().isEmpty());
        return 0;
    }
    FUZZ_CHECK(response.status() >= 100 && response.status() <= 599);
    FUZZ_CHECK(response.headers().size() <= 9); // the cap, plus the Content-Type it may add
    for (const auto &[name, value] : response.headers()) {
        FUZZ_CHECK(!name.isEmpty());
        for (const char c : QByteArray(name + value))
            FUZZ_CHECK(c != '\r' && c != '\n' && c != '\0');
        FUZZ_CHECK(name.compare("Content-Length", Qt::CaseInsensitive) != 0);
        FUZZ_CHECK(name.compare("Transfer-Encoding", Qt::CaseInsensitive) != 0);
        FUZZ_CHECK(name.compare("Status", Qt::CaseInsensitive) != 0);
    }
    FUZZ_CHECK(response.body().size() <= output.size());
    return 0;
}
