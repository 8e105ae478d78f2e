#pragma once

#include "http/HttpResponse.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

namespace depot {

// A typed error every handler reports; toResponse() is the one place that turns it into a status
// and the JSON body {"error": "<title>", "detail": "<human text>", ...}. "error" keeps the seed's
// spellings ("Bad Request", "Method not Allowed", "Request Entity Too Large", "Gone") because the
// file-drop API is a public contract.
struct ApiError
{
    Q_DECLARE_TR_FUNCTIONS(ApiError)

public:
    int status = 500;
    QString detail;
    HeaderList headers;
    QJsonObject extra; // e.g. {"fields": {"username": "..."}} for 422

    static QString title(int status);
    HttpResponse toResponse() const;

    static ApiError make(int status, const QString &detail = {});
    static ApiError badRequest(const QString &detail) { return make(400, detail); }
    // 401 with the plain challenge `WWW-Authenticate: Bearer realm="depot"` (no credentials).
    static ApiError unauthorized(const QString &detail = {});
    // 401 for credentials that were sent but do not hold: adds error="invalid_token" to the
    // challenge (RFC 6750 §3.1): malformed, expired, revoked or someone else's token.
    static ApiError invalidToken(const QString &detail);
    static ApiError notFound(const QString &detail = {});
    static ApiError methodNotAllowed(const QByteArray &allow);
    static ApiError conflict(const QString &detail) { return make(409, detail); }
    static ApiError gone(const QString &detail = {}) { return make(410, detail); }
    static ApiError payloadTooLarge(const QString &detail) { return make(413, detail); }
    static ApiError unsupportedMediaType(const QString &detail) { return make(415, detail); }
    // 422 naming each bad field: {"fields": {"name": "problem", ...}}
    static ApiError invalidFields(const QJsonObject &fields);
    static ApiError invalidField(const QString &field, const QString &problem);
    static ApiError tooManyRequests(qint64 retryAfterSeconds, const QString &detail);
    static ApiError internal(const QString &detail = {});
    static ApiError unavailable(const QString &detail, qint64 retryAfterSeconds = 0);
    static ApiError badGateway(const QString &detail) { return make(502, detail); }
    static ApiError gatewayTimeout(const QString &detail) { return make(504, detail); }
    static ApiError insufficientStorage(const QString &detail) { return make(507, detail); }
};

} // namespace depot
