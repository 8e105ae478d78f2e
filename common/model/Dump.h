#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace depot {

// Format of a dump request; the answer uses the same one unless the client asks otherwise.
enum class DumpFormat { Json, Xml };

// Status of an image and of an item. Images are only ever Pending, Success or Failure; an item is
// Partial when some but not all of its images succeeded. Pending exists so that a request can be
// stored before its images are fetched (e.g. when the client vanished mid-way).
enum class DumpStatus { Pending, Success, Partial, Failure };

QString dumpFormatName(DumpFormat format); // "json" | "xml"
std::optional<DumpFormat> dumpFormatFromName(const QString &name);
QString dumpStatusName(DumpStatus status); // "SUCCESS", "PARTIAL", ...
std::optional<DumpStatus> dumpStatusFromName(const QString &name);
// Times in results: ISO 8601 in UTC ("2024-05-01T12:00:00Z"); invalid text gives a null time.
QString dumpTimeText(const QDateTime &time);
QDateTime dumpTimeFromText(const QString &text);

// One image URL of an item and, once fetched, its outcome.
struct DumpImage
{
    qint64 imageId = 0;
    QString url;
    DumpStatus status = DumpStatus::Pending;
    int httpCode = 0;    // set on failure when the server answered with an HTTP error
    QString error;       // set on failure otherwise: short stable cause ("timeout", "dns", ...)
    QString contentType; // verified media type of the stored file, on success

    QJsonObject toJson() const;
    static std::optional<DumpImage> fromJson(const QJsonObject &object);
    bool operator==(const DumpImage &other) const;
    bool operator!=(const DumpImage &other) const { return !(*this == other); }
};

// One product of a dump request. A parsed request is a list of these with ids 0 and images
// Pending; the handler numbers them and fills in the outcomes.
struct DumpItem
{
    qint64 itemId = 0;
    QString name;
    QString manufacturer;
    QString brand;
    QString category;
    QList<DumpImage> images;

    // Derived from the images so that it can never disagree with them: Pending if any image is
    // pending, SUCCESS if all succeeded (also when there are none), FAILURE if none did, PARTIAL
    // otherwise.
    DumpStatus processStatus() const;

    QJsonObject toJson() const;
    static std::optional<DumpItem> fromJson(const QJsonObject &object);
    bool operator==(const DumpItem &other) const;
    bool operator!=(const DumpItem &other) const { return !(*this == other); }
};

// The answer to a dump request, also what is stored for it.
struct DumpResult
{
    qint64 requestId = 0; // a JSON number, like itemId and imageId (seed 001: an integer id)
    DumpFormat dataformat = DumpFormat::Json;
    QList<DumpItem> items;
    // When the request was accepted and when its last image was done; written as "created_at"
    // and "finished_at" (ISO 8601, UTC) only when set.
    QDateTime createdAt;
    QDateTime finishedAt;

    // The request as a whole, derived from its items like an item's from its images: Pending if
    // any item is pending, SUCCESS if every item succeeded (also when there are none), FAILURE
    // if no image of any item succeeded, PARTIAL otherwise. Written as "status", never read back.
    DumpStatus status() const;

    QJsonObject toJson() const;
    QJsonObject toJsonWithoutItems() const; // every field of toJson() but "items"
    static std::optional<DumpResult> fromJson(const QJsonObject &object);
    bool operator==(const DumpResult &other) const;
    bool operator!=(const DumpResult &other) const { return !(*this == other); }
};

} // namespace depot
