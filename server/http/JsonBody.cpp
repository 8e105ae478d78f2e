#include "http/JsonBody.h"

#include <QJsonDocument>

namespace depot {

bool declaresNoBodyType(const QByteArray &contentType)
{
    const QByteArray essence = contentType.split(';').constFirst().trimmed().toLower();
    return essence.isEmpty() || essence == "application/x-www-form-urlencoded";
}

std::optional<QJsonObject> jsonObjectBody(const ExchangePtr &ex)
{
    // `curl -d '{...}'` sends form-urlencoded: a body without a type of its own is read as JSON.
    // A declared other type (text/plain, XML, multipart, ...) is 415 on every route.
    const QByteArray contentType = ex->header("Content-Type");
    const QByteArray essence = contentType.split(';').constFirst().trimmed().toLower();
    if (!declaresNoBodyType(contentType) && essence != "application/json" &&
        !essence.endsWith("+json")) {
        ex->fail(ApiError::unsupportedMediaType(
            QCoreApplication::translate("JsonBody", "send the body as application/json")));
        return std::nullopt;
    }
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
