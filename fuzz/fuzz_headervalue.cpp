// Header values: the parser never accepts what it cannot read back; a Content-Disposition we
// write for any file name parses back to that (sanitised) name; media-type helpers never crash.
#include "FuzzCheck.h"

#include "codec/ContentDisposition.h"
#include "codec/HeaderValue.h"
#include "codec/MediaType.h"

using namespace depot;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));

    if (const auto value = HeaderValue::parse(bytes)) {
        FUZZ_CHECK(value->value() == value->value().toLower());
        for (const auto &[name, parameter] : value->parameters()) {
            FUZZ_CHECK(!name.isEmpty());
            FUZZ_CHECK(HeaderValue::isToken(name));
            FUZZ_CHECK(!parameter.contains('\r') && !parameter.contains('\n'));
        }
    }

    // Any name, written by us, reads back as the sanitised name and can never break the header.
    const QString name = QString::fromUtf8(bytes);
    const QString safe = ContentDisposition::sanitizeFileName(name);
    FUZZ_CHECK(!safe.isEmpty());
    FUZZ_CHECK(safe.toUtf8().size() <= ContentDisposition::MaxFileNameBytes);
    FUZZ_CHECK(!safe.contains(u'/') && !safe.contains(u'\\'));
    FUZZ_CHECK(ContentDisposition::sanitizeFileName(safe) == safe); // idempotent
    const QByteArray header = ContentDisposition::attachment(name);
    FUZZ_CHECK(!header.contains('\r') && !header.contains('\n') && !header.contains('\0'));
    const auto parsed = HeaderValue::parse(header);
    FUZZ_CHECK(parsed.has_value());
    FUZZ_CHECK(parsed->value() == "attachment");
    FUZZ_CHECK(parsed->textParameter("filename") == safe);

    const QString mime = QString::fromLatin1(bytes);
    const QString essence = MediaType::essence(mime);
    FUZZ_CHECK(MediaType::essence(essence) == essence);
    MediaType::sniff(bytes);
    MediaType::sniffImage(bytes);
    MediaType::fromFileName(name);
    return 0;
}
