#pragma once

#include "http/HttpExchange.h"

#include <QJsonArray>
#include <QJsonObject>

#include <optional>

namespace depot {

// ?limit=&offset= of the list routes, and the envelope they answer with.
struct Page
{
    int limit = 50;
    int offset = 0;

    // Answers 422 naming the bad parameter(s) and returns nullopt when a value is out of range.
    static std::optional<Page> fromQuery(const ExchangePtr &exchange, int defaultLimit,
                                         int maxLimit);
    QJsonObject envelope(const QJsonArray &items, qint64 total) const;
};

} // namespace depot
