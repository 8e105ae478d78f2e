// The guard's RequestFramer against a real QHttpServer 6.4 in this process (the differential of
// tests/support/FramingOracle, which tst_framingdiff runs bounded and seeded). For every stream
// and every way of cutting it into reads:
// - the guard refuses it, or QHttpServer reads exactly the requests the guard framed (method,
//   target, fields, body) and nothing else: no request smuggled past the guard;
// - the framer's verdict does not depend on how the bytes arrive (except the one documented
//   refusal of a final CR LF split across reads), and it never claims more than it was fed;
// - a head the framer accepts never exceeds the head and field limits it was given.
// Input: a byte of options (bit 0: generous limits), a byte with the number of cuts (0..3), two
// bytes per cut, then the stream.
#include "FuzzCheck.h"

#include "FramingOracle.h"

#include <QCoreApplication>

#include <memory>

using namespace depot;
using namespace depot::test;

namespace {

QtHttpServerOracle *oracle()
{
    static int argc = 1;
    static char name[] = "fuzz_framing";
    static char *argv[] = {name, nullptr};
    static QCoreApplication *app = QCoreApplication::instance() ? QCoreApplication::instance()
                                                                : new QCoreApplication(argc, argv);
    static QtHttpServerOracle *qt = new QtHttpServerOracle();
    (void)app;
    return qt;
}

bool splitRefusal(const GuardFraming &g)
{
    return g.rejection && g.rejection->detail.contains(QStringLiteral("split"));
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    FUZZ_CHECK(oracle()->listening());
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzInput in(data, size);
    const uint8_t options = in.byte();
    const int cutCount = in.byte() % 4;
    QList<qsizetype> raw;
    for (int i = 0; i < cutCount; ++i)
        raw.append(qsizetype(in.byte()) << 8 | in.byte());
    size_t length = 0;
    const char *rest = in.rest(&length);
    const QByteArray stream(rest, qsizetype(length));
    if (stream.size() > 64 * 1024)
        return 0; // beyond any head limit: nothing new to learn, and slow over loopback

    RequestFramer::Limits limits;
    if (options & 1) {
        limits.maxHeadBytes = 1 << 20; // the configurable maximum: Qt's own limits still hold
        limits.maxHeaderFields = 90;
    }
    QList<qsizetype> cuts;
    for (qsizetype c : raw) {
        if (stream.size() > 1)
            cuts.append(1 + c % (stream.size() - 1));
    }
    std::sort(cuts.begin(), cuts.end());

    const GuardFraming whole = frameWithGuard(stream, {}, limits);
    FUZZ_CHECK(whole.consumed >= 0 && whole.consumed <= stream.size());
    FUZZ_CHECK(whole.requests.isEmpty() == (whole.consumed == 0));
    for (const ParsedRequest &r : whole.requests) {
        FUZZ_CHECK(r.headers.size() <=
                   qMin(limits.maxHeaderFields, RequestFramer::QtMaxHeaderFields));
        qsizetype headBytes = 0;
        for (const auto &[name, value] : r.headers)
            headBytes += name.size() + value.size() + 3; // "name:value" CR LF at least
        FUZZ_CHECK(headBytes <= qMin(limits.maxHeadBytes, RequestFramer::QtMaxHeadBytes));
    }
    if (!cuts.isEmpty()) {
        const GuardFraming split = frameWithGuard(stream, cuts, limits);
        if (!splitRefusal(split)) {
            FUZZ_CHECK(split.rejection.has_value() == whole.rejection.has_value());
            FUZZ_CHECK(split.requests == whole.requests);
            FUZZ_CHECK(split.consumed == whole.consumed);
            if (split.rejection)
                FUZZ_CHECK(split.rejection->status == whole.rejection->status);
        }
    }

    const FramingVerdict verdict = compareFraming(*oracle(), stream, cuts, limits);
    if (!verdict.agree) {
        std::fprintf(stderr, "%s\n", qPrintable(verdict.explanation));
        FUZZ_CHECK(verdict.agree);
    }
    return 0;
}
