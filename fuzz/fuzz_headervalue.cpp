// Header values: the parser never accepts what it cannot read back; a Content-Disposition we
// write for any file name parses back to that (sanitised) name; media types: essences are
// canonical, parameters and case never change whether a type is active, and sniffed content is
// never an active type.
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
    FUZZ_CHECK(essence == essence.toLower());
    FUZZ_CHECK(essence.isEmpty() || essence.count(u'/') == 1);
    // The type decides, not its spelling: parameters and case never change the verdict.
    if (!essence.isEmpty())
        FUZZ_CHECK(MediaType::isActiveContent(mime) == MediaType::isActiveContent(essence));
    const QString extension = MediaType::extensionFor(mime);
    FUZZ_CHECK(!extension.isEmpty() && !extension.contains(u'/') && !extension.contains(u'.'));
    // Content is never recognised as something a browser would run.
    const QString sniffed = MediaType::sniff(bytes);
    FUZZ_CHECK(sniffed.isEmpty() || !MediaType::isActiveContent(sniffed));
    const QString image = MediaType::sniffImage(bytes);
    FUZZ_CHECK(image.isEmpty() || (image.startsWith(u"image/") && image == sniffed));
    const QString byName = MediaType::fromFileName(name);
    FUZZ_CHECK(!byName.isEmpty());
    return 0;
}
