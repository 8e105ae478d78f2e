#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace depot {

// The status of one image of a dump item.
struct DumpImageReport
{
    QString imageId;
    QString url;
    QString status; // SUCCESS | FAILURE
    int httpCode = 0;
    QString error;
};

// The status of one item of a dump request.
struct DumpItemReport
{
    QString itemId;
    QString name;
    QString processStatus; // SUCCESS | FAILURE | PARTIAL
    QList<DumpImageReport> images;
};

// The answer of POST /api/v1/dumps (asked for as JSON) or GET /api/v1/dumps/{id}.
struct DumpReport
{
    QString requestId;
    QString dataFormat;
    QString status;
    QDateTime createdAt;
    QList<DumpItemReport> items;
    // From the X-RateLimit-* headers; -1 when absent.
    int rateLimit = -1;
    int rateRemaining = -1;

    static std::optional<DumpReport> fromJson(const QJsonObject &object);
};

} // namespace depot
