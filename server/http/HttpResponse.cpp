#include "http/HttpResponse.h"

#include "net/ResponseWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace depot {

HttpResponse HttpResponse::json(int status, const QJsonValue &value)
{
    HttpResponse r;
    r.status = status;
    r.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    r.body = value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                             : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    return r;
}

HttpResponse HttpResponse::bytes(int status, const QByteArray &contentType, const QByteArray &body)
{
    HttpResponse r;
    r.status = status;
    r.headers.append({QByteArrayLiteral("Content-Type"), contentType});
    r.body = body;
    return r;
}

void HttpResponse::setHeader(const QByteArray &name, const QByteArray &value)
{
    headers.removeIf(
        [&](const auto &h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
    headers.append({name, value});
}

QByteArray HttpResponse::header(const QByteArray &name) const
{
    return headerValue(headers, name);
}

PreparedResponse PreparedResponse::from(const HttpResponse &response)
{
    PreparedResponse out;
    out.status = response.status;
    out.head.reserve(128);
    ResponseWriter::appendStatusLine(out.head, response.status);
    ResponseWriter::appendHeaders(out.head, response.headers, &out.nosniff);
    out.body = response.body;
    return out;
}

} // namespace depot
