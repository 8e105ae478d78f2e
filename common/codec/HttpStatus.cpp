#include "codec/HttpStatus.h"

#include <QJsonDocument>

namespace depot {

const char *reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 206:
        return "Partial Content";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 303:
        return "See Other";
    case 304:
        return "Not Modified";
    case 307:
        return "Temporary Redirect";
    case 308:
        return "Permanent Redirect";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 406:
        return "Not Acceptable";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 410:
        return "Gone";
    case 411:
        return "Length Required";
    case 412:
        return "Precondition Failed";
    case 413:
        return "Content Too Large";
    case 414:
        return "URI Too Long";
    case 415:
        return "Unsupported Media Type";
    case 416:
        return "Range Not Satisfiable";
    case 417:
        return "Expectation Failed";
    case 422:
        return "Unprocessable Content";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    case 505:
        return "HTTP Version Not Supported";
    case 507:
        return "Insufficient Storage";
    default:
        return status < 200   ? "Informational"
               : status < 300 ? "OK"
               : status < 400 ? "Redirect"
               : status < 500 ? "Client Error"
                              : "Server Error";
    }
}

QString errorTitle(int status)
{
    switch (status) {
    case 405:
        return QStringLiteral("Method not Allowed");
    case 413:
        return QStringLiteral("Request Entity Too Large");
    case 422:
        return QStringLiteral("Unprocessable Entity");
    default:
        return QString::fromLatin1(reasonPhrase(status));
    }
}

QByteArray errorBody(int status, const QString &detail, const QJsonObject &extra)
{
    QJsonObject body = extra;
    body.insert(QStringLiteral("error"), errorTitle(status));
    // Every error has both members, so clients can rely on one shape.
    body.insert(QStringLiteral("detail"), detail.isEmpty() ? errorTitle(status) : detail);
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

} // namespace depot
