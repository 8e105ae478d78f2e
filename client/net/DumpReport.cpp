#include "net/DumpReport.h"

#include "net/JsonFields.h"

namespace depot {

namespace {

DumpImageReport imageFromJson(const QJsonValue &value)
{
    DumpImageReport image;
    if (value.isString()) {
        image.url = value.toString();
        return image;
    }
    const QJsonObject object = value.toObject();
    image.imageId = JsonFields::text(object.value(QLatin1String("imageId")));
    image.url = object.value(QLatin1String("url")).toString();
    image.status = object.value(QLatin1String("status")).toString();
    image.httpCode = JsonFields::integer(object.value(QLatin1String("httpCode")));
    image.error = object.value(QLatin1String("error")).toString();
    return image;
}

DumpItemReport itemFromJson(const QJsonObject &object)
{
    DumpItemReport item;
    item.itemId = JsonFields::text(object.value(QLatin1String("itemId")));
    item.name = object.value(QLatin1String("name")).toString();
    item.processStatus = object.value(QLatin1String("processStatus")).toString();
    const QJsonArray images = object.value(QLatin1String("images")).toArray();
    for (const QJsonValue &image : images)
        item.images.append(imageFromJson(image));
    return item;
}

} // namespace

std::optional<DumpReport> DumpReport::fromJson(const QJsonObject &object)
{
    DumpReport report;
    report.requestId = JsonFields::text(object.value(QLatin1String("requestId")));
    if (report.requestId.isEmpty())
        report.requestId = JsonFields::text(object.value(QLatin1String("id")));
    if (report.requestId.isEmpty())
        return std::nullopt;
    report.dataFormat = object.value(QLatin1String("dataformat")).toString();
    report.status = object.value(QLatin1String("status")).toString();
    report.createdAt = JsonFields::dateTime(object.value(QLatin1String("created_at")));
    const QJsonArray items = object.value(QLatin1String("items")).toArray();
    for (const QJsonValue &item : items)
        report.items.append(itemFromJson(item.toObject()));
    return report;
}

} // namespace depot
