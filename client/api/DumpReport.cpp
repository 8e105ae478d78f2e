#include "api/DumpReport.h"

#include "api/JsonFields.h"

namespace depot {

std::optional<DumpReport> DumpReport::fromJson(const QJsonObject &object)
{
    DumpReport report;
    if (const auto result = DumpResult::fromJson(object)) {
        report.result = *result;
        report.hasItems = true;
        report.requestId = QString::number(result->requestId);
        report.dataFormat = dumpFormatName(result->dataformat);
    } else {
        report.requestId = JsonFields::text(object.value(QLatin1String("requestId")));
        if (report.requestId.isEmpty())
            report.requestId = JsonFields::text(object.value(QLatin1String("id")));
        if (report.requestId.isEmpty())
            return std::nullopt;
        report.dataFormat = object.value(QLatin1String("dataformat")).toString();
    }
    report.status = object.value(QLatin1String("status")).toString();
    report.imageCount = object.value(QLatin1String("image_count")).toInt(-1);
    report.createdAt = JsonFields::dateTime(object.value(QLatin1String("created_at")));
    return report;
}

} // namespace depot
