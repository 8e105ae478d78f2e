// Multipart: any split of a body gives the same parts as parsing it whole, and a form we build
// parses back to exactly what we put in.
#include "FuzzCheck.h"

#include "codec/Multipart.h"

#include <QByteArray>

using namespace depot;

namespace {

struct Collected
{
    QList<QPair<QByteArray, QByteArray>> parts; // name, data
    bool ok = false;
};

Collected parseInChunks(const QByteArray &body, const QByteArray &boundary, size_t chunk)
{
    Collected c;
    MultipartParser parser(boundary);
    parser.setPartBeginHandler([&](const MultipartPart &part) { c.parts.append({part.name, {}}); });
    parser.setPartDataHandler([&](QByteArrayView data) {
        FUZZ_CHECK(!data.isEmpty());
        c.parts.last().second += data.toByteArray();
    });
    bool fed = true;
    for (qsizetype i = 0; i < body.size() && fed; i += qsizetype(chunk))
        fed = parser.feed(QByteArrayView(body).sliced(i, qMin(qsizetype(chunk), body.size() - i)));
    c.ok = fed && parser.finish();
    return c;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzInput in(data, size);
    const size_t chunk = size_t(in.byte() % 64) + 1;
    const bool build = in.byte() & 1;
    size_t restLength = 0;
    const char *rest = in.rest(&restLength);
    const QByteArray input(rest, qsizetype(restLength));
    const QByteArray boundary("fuzz-boundary-7MA4YWxk");

    if (build) {
        // Round trip: fields from the input (split at NUL), values may hold anything that is
        // not the delimiter itself.
        QList<QPair<QByteArray, QByteArray>> fields;
        const QList<QByteArray> pieces = input.split('\0');
        for (qsizetype i = 0; i + 1 < pieces.size(); i += 2) {
            // A field name as a browser writes it: no quote, backslash or control byte (the
            // parser refuses those in a quoted-string, which is right: found by this target).
            QByteArray name = pieces[i];
            for (char &c : name) {
                if (c == '"' || c == '\\' || uchar(c) < 0x20 || uchar(c) == 0x7f)
                    c = '_';
            }
            if (name.isEmpty() || pieces[i + 1].contains(QByteArray("--" + boundary)))
                continue;
            fields.append({name, pieces[i + 1]});
        }
        QByteArray body;
        for (const auto &[name, value] : fields)
            body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name +
                    "\"\r\n\r\n" + value + "\r\n";
        body += "--" + boundary + "--\r\n";
        const Collected c = parseInChunks(body, boundary, chunk);
        FUZZ_CHECK(c.ok);
        FUZZ_CHECK(c.parts == fields);
        return 0;
    }

    // Split invariance on arbitrary bodies.
    const Collected whole = parseInChunks(input, boundary, size_t(input.size()) + 1);
    const Collected split = parseInChunks(input, boundary, chunk);
    FUZZ_CHECK(whole.ok == split.ok);
    if (whole.ok)
        FUZZ_CHECK(whole.parts == split.parts);
    return 0;
}
