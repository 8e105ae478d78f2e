// Dump requests: whatever XML or JSON parses, written back in either format, parses to the same
// items (XML <-> JSON round trip), and no accepted request exceeds the limits.
#include "FuzzCheck.h"

#include "codec/DumpCodec.h"

using namespace depot;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const bool xml = data[0] & 1;
    const QByteArray body(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    DumpLimits limits;
    limits.maxItems = 50;
    limits.maxImagesPerItem = 5;
    const DumpParseResult parsed =
        xml ? DumpCodec::parseXml(body, limits) : DumpCodec::parseJson(body, limits);
    if (!parsed.ok()) {
        FUZZ_CHECK(parsed.items.isEmpty());
        FUZZ_CHECK(!parsed.error.message.isEmpty());
        return 0;
    }
    FUZZ_CHECK(parsed.items.size() >= limits.minItems && parsed.items.size() <= limits.maxItems);
    for (const DumpItem &item : parsed.items)
        FUZZ_CHECK(item.images.size() <= limits.maxImagesPerItem);

    const DumpParseResult viaJson = DumpCodec::parseJson(DumpCodec::requestToJson(parsed.items), limits);
    FUZZ_CHECK(viaJson.ok());
    FUZZ_CHECK(viaJson.items == parsed.items);
    const DumpParseResult viaXml = DumpCodec::parseXml(DumpCodec::requestToXml(parsed.items), limits);
    FUZZ_CHECK(viaXml.ok());
    FUZZ_CHECK(viaXml.items == parsed.items);
    return 0;
}
