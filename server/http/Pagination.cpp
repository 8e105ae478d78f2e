#include "http/Pagination.h"

#include <climits>

namespace depot {

std::optional<Page> Page::fromQuery(const ExchangePtr &ex, int defaultLimit, int maxLimit)
{
    QJsonObject problems;
    auto number = [&](const QString &name, int fallback, int min, int max) {
        const auto text = ex->queryValue(name);
        if (!text)
            return fallback;
        bool ok = false;
        const int n = text->toInt(&ok);
        if (!ok || n < min || n > max) {
            problems.insert(
                name,
                QCoreApplication::translate("Page", "an integer from %1 to %2").arg(min).arg(max));
            return fallback;
        }
        return n;
    };
    Page page;
    page.limit = number(QStringLiteral("limit"), defaultLimit, 1, maxLimit);
    page.offset = number(QStringLiteral("offset"), 0, 0, INT_MAX);
    if (!problems.isEmpty()) {
        ex->fail(ApiError::invalidFields(problems));
        return std::nullopt;
    }
    return page;
}

QJsonObject Page::envelope(const QJsonArray &items, qint64 total) const
{
    return QJsonObject{{QStringLiteral("items"), items},
                       {QStringLiteral("total"), double(total)},
                       {QStringLiteral("limit"), limit},
                       {QStringLiteral("offset"), offset}};
}

} // namespace depot
