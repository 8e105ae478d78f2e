#include "http/JsonBody.h"

#include <QJsonDocument>

namespace depot {

std::optional<QJsonObject> jsonObjectBody(const ExchangePtr &ex)
{
    // The Content-Type is not checked: `curl -d '{...}'` sends form-urlencoded, and a body that
    // parses as a JSON object is what counts.
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(ex->body(), &error);
    if (error.error != QJsonParseError::NoError) {
        ex->fail(ApiError::badRequest(
            QCoreApplication::translate("JsonBody", "invalid JSON at offset %1: %2")
                .arg(error.offset)
                .arg(error.errorString())));
        return std::nullopt;
    }
    if (!doc.isObject()) {
        ex->fail(ApiError::badRequest(
            QCoreApplication::translate("JsonBody", "the body must be a JSON object")));
        return std::nullopt;
    }
    return doc.object();
}

} // namespace depot
