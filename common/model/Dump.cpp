#include "model/Dump.h"

#include <QJsonArray>

namespace depot {

namespace {

// Ids travel as JSON numbers; doubles hold integers exactly up to 2^53.
constexpr double kMaxJsonInteger = 9007199254740992.0;

std::optional<qint64> idFromJson(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double d = value.toDouble();
    if (d < 0 || d > kMaxJsonInteger || d != static_cast<double>(static_cast<qint64>(d)))
        return std::nullopt;
    return static_cast<qint64>(d);
}

std::optional<QString> stringFromJson(const QJsonObject &object, QLatin1String key)
{
    const QJsonValue value = object.value(key);
    if (!value.isString())
        return std::nullopt;
    return value.toString();
}

} // namespace

QString dumpFormatName(DumpFormat format)
{
    return format == DumpFormat::Xml ? QStringLiteral("xml") : QStringLiteral("json");
}

std::optional<DumpFormat> dumpFormatFromName(const QString &name)
{
    if (name.compare(QLatin1String("xml"), Qt::CaseInsensitive) == 0)
        return DumpFormat::Xml;
    if (name.compare(QLatin1String("json"), Qt::CaseInsensitive) == 0)
        return DumpFormat::Json;
    return std::nullopt;
}

QString dumpStatusName(DumpStatus status)
{
    switch (status) {
    case DumpStatus::Pending:
        return QStringLiteral("PENDING");
    case DumpStatus::Success:
        return QStringLiteral("SUCCESS");
    case DumpStatus::Partial:
        return QStringLiteral("PARTIAL");
    case DumpStatus::Failure:
        return QStringLiteral("FAILURE");
    }
    return QStringLiteral("FAILURE");
}

std::optional<DumpStatus> dumpStatusFromName(const QString &name)
{
    for (DumpStatus s :
         {DumpStatus::Pending, DumpStatus::Success, DumpStatus::Partial, DumpStatus::Failure}) {
        if (name == dumpStatusName(s))
            return s;
    }
    return std::nullopt;
}

QJsonObject DumpImage::toJson() const
{
    QJsonObject object{{QLatin1String("imageId"), imageId},
                       {QLatin1String("url"), url},
                       {QLatin1String("status"), dumpStatusName(status)}};
    if (httpCode != 0)
        object.insert(QLatin1String("httpCode"), httpCode);
    if (!error.isEmpty())
        object.insert(QLatin1String("error"), error);
    if (!contentType.isEmpty())
        object.insert(QLatin1String("contentType"), contentType);
    return object;
}

std::optional<DumpImage> DumpImage::fromJson(const QJsonObject &object)
{
    DumpImage image;
    const auto id = idFromJson(object.value(QLatin1String("imageId")));
    const auto url = stringFromJson(object, QLatin1String("url"));
    const auto status = dumpStatusFromName(object.value(QLatin1String("status")).toString());
    // An image is never Partial: that only describes items.
    if (!id || !url || !status || *status == DumpStatus::Partial)
        return std::nullopt;
    image.imageId = *id;
    image.url = *url;
    image.status = *status;
    const QJsonValue httpCode = object.value(QLatin1String("httpCode"));
    if (!httpCode.isUndefined()) {
        if (!httpCode.isDouble())
            return std::nullopt;
        image.httpCode = httpCode.toInt();
    }
    image.error = object.value(QLatin1String("error")).toString();
    image.contentType = object.value(QLatin1String("contentType")).toString();
    return image;
}

bool DumpImage::operator==(const DumpImage &other) const
{
    return imageId == other.imageId && url == other.url && status == other.status &&
           httpCode == other.httpCode && error == other.error && contentType == other.contentType;
}

DumpStatus DumpItem::processStatus() const
{
    int succeeded = 0;
    for (const DumpImage &image : images) {
        if (image.status == DumpStatus::Pending)
            return DumpStatus::Pending;
        if (image.status == DumpStatus::Success)
            ++succeeded;
    }
    if (succeeded == images.size())
        return DumpStatus::Success;
    return succeeded == 0 ? DumpStatus::Failure : DumpStatus::Partial;
}

QJsonObject DumpItem::toJson() const
{
    QJsonArray imageArray;
    for (const DumpImage &image : images)
        imageArray.append(image.toJson());
    return QJsonObject{{QLatin1String("itemId"), itemId},
                       {QLatin1String("name"), name},
                       {QLatin1String("manufacturer"), manufacturer},
                       {QLatin1String("brand"), brand},
                       {QLatin1String("category"), category},
                       {QLatin1String("processStatus"), dumpStatusName(processStatus())},
                       {QLatin1String("images"), imageArray}};
}

std::optional<DumpItem> DumpItem::fromJson(const QJsonObject &object)
{
    DumpItem item;
    const auto id = idFromJson(object.value(QLatin1String("itemId")));
    const auto name = stringFromJson(object, QLatin1String("name"));
    const QJsonValue images = object.value(QLatin1String("images"));
    if (!id || !name || !images.isArray())
        return std::nullopt;
    item.itemId = *id;
    item.name = *name;
    // Optional on reading: older or hand-written results may carry only what the answer requires.
    item.manufacturer = object.value(QLatin1String("manufacturer")).toString();
    item.brand = object.value(QLatin1String("brand")).toString();
    item.category = object.value(QLatin1String("category")).toString();
    const QJsonArray imageArray = images.toArray();
    for (const QJsonValue &value : imageArray) {
        const auto image = DumpImage::fromJson(value.toObject());
        if (!value.isObject() || !image)
            return std::nullopt;
        item.images.append(*image);
    }
    // processStatus is derived, so the stored one is not read back.
    return item;
}

bool DumpItem::operator==(const DumpItem &other) const
{
    return itemId == other.itemId && name == other.name && manufacturer == other.manufacturer &&
           brand == other.brand && category == other.category && images == other.images;
}

DumpStatus DumpResult::status() const
{
    int succeeded = 0;
    int failed = 0;
    for (const DumpItem &item : items) {
        switch (item.processStatus()) {
        case DumpStatus::Pending:
            return DumpStatus::Pending;
        case DumpStatus::Success:
            ++succeeded;
            break;
        case DumpStatus::Failure:
            ++failed;
            break;
        case DumpStatus::Partial:
            break;
        }
    }
    if (succeeded == items.size())
        return DumpStatus::Success;
    return failed == items.size() ? DumpStatus::Failure : DumpStatus::Partial;
}

QString dumpTimeText(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODate);
}

QDateTime dumpTimeFromText(const QString &text)
{
    QDateTime time = QDateTime::fromString(text, Qt::ISODate);
    return time.isValid() ? time.toUTC() : QDateTime();
}

QJsonObject DumpResult::toJsonWithoutItems() const
{
    QJsonObject object{{QLatin1String("requestId"), double(requestId)},
                       {QLatin1String("dataformat"), dumpFormatName(dataformat)},
                       {QLatin1String("status"), dumpStatusName(status())}};
    if (createdAt.isValid())
        object.insert(QLatin1String("created_at"), dumpTimeText(createdAt));
    if (finishedAt.isValid())
        object.insert(QLatin1String("finished_at"), dumpTimeText(finishedAt));
    return object;
}

QJsonObject DumpResult::toJson() const
{
    QJsonArray itemArray;
    for (const DumpItem &item : items)
        itemArray.append(item.toJson());
    QJsonObject object = toJsonWithoutItems();
    object.insert(QLatin1String("items"), itemArray);
    return object;
}

std::optional<DumpResult> DumpResult::fromJson(const QJsonObject &object)
{
    DumpResult result;
    const auto requestId = idFromJson(object.value(QLatin1String("requestId")));
    const auto format = dumpFormatFromName(object.value(QLatin1String("dataformat")).toString());
    const QJsonValue items = object.value(QLatin1String("items"));
    if (!requestId || !format || !items.isArray())
        return std::nullopt;
    result.requestId = *requestId;
    result.dataformat = *format;
    result.createdAt = dumpTimeFromText(object.value(QLatin1String("created_at")).toString());
    result.finishedAt = dumpTimeFromText(object.value(QLatin1String("finished_at")).toString());
    const QJsonArray itemArray = items.toArray();
    for (const QJsonValue &value : itemArray) {
        const auto item = DumpItem::fromJson(value.toObject());
        if (!value.isObject() || !item)
            return std::nullopt;
        result.items.append(*item);
    }
    return result;
}

bool DumpResult::operator==(const DumpResult &other) const
{
    return requestId == other.requestId && dataformat == other.dataformat && items == other.items &&
           createdAt == other.createdAt && finishedAt == other.finishedAt;
}

} // namespace depot
