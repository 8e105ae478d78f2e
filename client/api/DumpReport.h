#pragma once

#include "model/Dump.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace depot {

// A dump request as the client sees it: the shared DumpResult (items and images with their
// statuses, common/model) plus what only the HTTP answer carries.
struct DumpReport
{
    QString requestId;
    QString dataFormat; // "json" | "xml"
    QString status;     // the request's overall status, when the server reports one
    QDateTime createdAt;
    // The items and images; empty for a history entry that carries only a summary.
    DumpResult result;
    bool hasItems = false;
    int imageCount = -1; // "image_count" of a summary or an accepted (PENDING) request
    // From the X-RateLimit-* headers; -1 when absent.
    int rateLimit = -1;
    int rateRemaining = -1;

    // A full DumpResult, or a summary with at least a requestId (GET /api/v1/dumps entries).
    static std::optional<DumpReport> fromJson(const QJsonObject &object);
};

} // namespace depot
