#include "http/ApiError.h"

#include <QJsonDocument>

namespace depot {

QString ApiError::title(int status)
{
    return errorTitle(status);
}

HttpResponse ApiError::toResponse() const
{
    HttpResponse response = HttpResponse::bytes(status, QByteArrayLiteral("application/json"),
                                                errorBody(status, detail, extra));
    response.headers.append(headers);
    return response;
}

ApiError ApiError::make(int status, const QString &detail)
{
    ApiError e;
    e.status = status;
    e.detail = detail;
    return e;
}

ApiError ApiError::unauthorized(const QString &detail)
{
    ApiError e = make(401, detail.isEmpty() ? tr("a valid token is required") : detail);
    e.headers.append(
        {QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer realm=\"depot\"")});
    return e;
}

ApiError ApiError::invalidToken(const QString &detail)
{
    ApiError e = make(401, detail);
    e.headers.append({QByteArrayLiteral("WWW-Authenticate"),
                      QByteArrayLiteral("Bearer realm=\"depot\", error=\"invalid_token\"")});
    return e;
}

ApiError ApiError::notFound(const QString &detail)
{
    return make(404, detail.isEmpty() ? tr("no such resource") : detail);
}

ApiError ApiError::methodNotAllowed(const QByteArray &allow)
{
    ApiError e = make(405, tr("allowed methods: %1").arg(QString::fromLatin1(allow)));
    e.headers.append({QByteArrayLiteral("Allow"), allow});
    return e;
}

ApiError ApiError::invalidFields(const QJsonObject &fields)
{
    QStringList names = fields.keys();
    ApiError e = make(422, tr("invalid field(s): %1").arg(names.join(QStringLiteral(", "))));
    e.extra.insert(QStringLiteral("fields"), fields);
    return e;
}

ApiError ApiError::invalidField(const QString &field, const QString &problem)
{
    return invalidFields(QJsonObject{{field, problem}});
}

ApiError ApiError::tooManyRequests(qint64 retryAfterSeconds, const QString &detail)
{
    ApiError e = make(429, detail);
    e.headers.append(
        {QByteArrayLiteral("Retry-After"), QByteArray::number(qMax<qint64>(1, retryAfterSeconds))});
    return e;
}

ApiError ApiError::internal(const QString &detail)
{
    return make(500, detail.isEmpty() ? tr("the server failed to handle the request") : detail);
}

ApiError ApiError::unavailable(const QString &detail, qint64 retryAfterSeconds)
{
    ApiError e = make(503, detail);
    if (retryAfterSeconds > 0)
        e.headers.append({QByteArrayLiteral("Retry-After"), QByteArray::number(retryAfterSeconds)});
    return e;
}

} // namespace depot
