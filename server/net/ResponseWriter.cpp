#include "net/ResponseWriter.h"

#include "codec/FormData.h"
#include "codec/HttpStatus.h"
#include "crypto/SecureRandom.h"

#include <QDateTime>
#include <QDebug>
#include <QLocale>

namespace depot {
namespace {

// Query values may be secrets (?password=, ?delete_token=): the log keeps only their names.
QByteArray loggableTarget(const QByteArray &target)
{
    const qsizetype q = target.indexOf('?');
    if (q < 0)
        return target;
    return target.left(q + 1) + FormData::maskValues(QByteArrayView(target).sliced(q + 1));
}

} // namespace

QByteArray ResponseWriter::httpDate()
{
    // Formatting a date per response is measurable at 50k req/s: cache it per second per thread.
    thread_local qint64 cachedSecond = -1;
    thread_local QByteArray cached;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (now != cachedSecond) {
        cachedSecond = now;
        cached = QLocale::c()
                     .toString(QDateTime::fromSecsSinceEpoch(now, Qt::UTC),
                               QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
                     .toLatin1();
    }
    return cached;
}

QByteArray ResponseWriter::newRequestId()
{
    return SecureRandom::urlSafeId(12).toLatin1();
}

QByteArray ResponseWriter::head(int status, const HeaderList &headers, qint64 contentLength,
                                const QByteArray &requestId, Persistence persistence)
{
    QByteArray out;
    out.reserve(256);
    out += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    bool haveNosniff = false;
    for (const auto &h : headers) {
        const QByteArray &name = h.first;
        if (!isHeaderToken(name) || name.compare("Content-Length", Qt::CaseInsensitive) == 0 ||
            name.compare("Connection", Qt::CaseInsensitive) == 0 ||
            name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0 ||
            name.compare("Date", Qt::CaseInsensitive) == 0 ||
            name.compare("X-Request-Id", Qt::CaseInsensitive) == 0)
            continue;
        haveNosniff |= name.compare("X-Content-Type-Options", Qt::CaseInsensitive) == 0;
        out += name + ": " + sanitizeHeaderValue(h.second) + "\r\n";
    }
    if (!haveNosniff)
        out += "X-Content-Type-Options: nosniff\r\n";
    // 304 keeps the validators but no length (RFC 9110 §8.6: it would have to equal the 200's).
    if (status != 204 && status != 304 && status >= 200)
        out += "Content-Length: " + QByteArray::number(contentLength) + "\r\n";
    out += "Date: " + httpDate() + "\r\nX-Request-Id: " + sanitizeHeaderValue(requestId) + "\r\n";
    switch (persistence) {
    case Persistence::KeepAlive:
        break;
    case Persistence::KeepAliveHttp10:
        out += "Connection: keep-alive\r\n";
        break;
    case Persistence::Close:
        out += "Connection: close\r\n";
        break;
    }
    out += "\r\n";
    return out;
}

QByteArray ResponseWriter::refusal(int status, const QString &detail, const HeaderList &headers,
                                   const QByteArray &requestId)
{
    HeaderList all = headers;
    all.prepend({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    const QByteArray body = errorBody(status, detail);
    return head(status, all, body.size(), requestId, Persistence::Close) + body;
}

void ResponseWriter::log(const QByteArray &requestId, const QHostAddress &remote,
                         const QByteArray &method, const QByteArray &target, int status,
                         qint64 bytes, double milliseconds, const QString &suffix)
{
    qInfo().noquote().nospace() << "request rid=" << requestId << ' ' << remote.toString() << " \""
                                << (method.isEmpty() ? QByteArray("-") : method) << ' '
                                << (target.isEmpty() ? QByteArray("-") : loggableTarget(target))
                                << "\" " << status << ' ' << bytes << "B "
                                << QString::number(milliseconds, 'f', 2) << "ms"
                                << (suffix.isEmpty() ? QString() : QLatin1Char(' ') + suffix);
}

} // namespace depot
