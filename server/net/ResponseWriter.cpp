#include "net/ResponseWriter.h"

#include "config/Log.h"

#include "codec/FormData.h"
#include "codec/HttpStatus.h"
#include "crypto/SecureRandom.h"

#include <QDateTime>
#include <QDebug>
#include <QLocale>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>

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
    // Unique, not secret (answers and logs show it): a per-thread xoshiro256** seeded once from
    // the secure source, so a request costs no system call and no OpenSSL (it was ~1% of a
    // mock hit). 72 random bits in 12 base64url characters, as before.
    thread_local std::array<quint64, 4> state = [] {
        std::array<quint64, 4> s{};
        while (s[0] == 0 && s[1] == 0 && s[2] == 0 && s[3] == 0) {
            const QByteArray seed = SecureRandom::bytes(sizeof s);
            std::memcpy(s.data(), seed.constData(), sizeof s);
        }
        return s;
    }();
    const auto rotl = [](quint64 x, int k) { return (x << k) | (x >> (64 - k)); };
    const auto next = [&] {
        const quint64 result = rotl(state[1] * 5, 7) * 9;
        const quint64 t = state[1] << 17;
        state[2] ^= state[0];
        state[3] ^= state[1];
        state[1] ^= state[2];
        state[0] ^= state[3];
        state[2] ^= t;
        state[3] = rotl(state[3], 45);
        return result;
    };
    static constexpr char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const quint64 a = next(), b = next();
    QByteArray id(12, Qt::Uninitialized);
    for (int i = 0; i < 12; ++i)
        id[i] = alphabet[(i < 10 ? a >> (6 * i) : b >> (6 * (i - 10))) & 63];
    return id;
}

QByteArray ResponseWriter::head(int status, const HeaderList &headers, qint64 contentLength,
                                const QByteArray &requestId, Persistence persistence)
{
    QByteArray out;
    out.reserve(256);
    appendStatusLine(out, status);
    bool nosniff = false;
    appendHeaders(out, headers, &nosniff);
    appendTail(out, status, contentLength, nosniff, requestId, persistence);
    return out;
}

void ResponseWriter::appendStatusLine(QByteArray &out, int status)
{
    out += "HTTP/1.1 ";
    out += QByteArray::number(status);
    out += ' ';
    out += reasonPhrase(status);
    out += "\r\n";
}

void ResponseWriter::appendHeaders(QByteArray &out, const HeaderList &headers, bool *nosniff)
{
    for (const auto &h : headers) {
        const QByteArray &name = h.first;
        if (!isHeaderToken(name) || name.compare("Content-Length", Qt::CaseInsensitive) == 0 ||
            name.compare("Connection", Qt::CaseInsensitive) == 0 ||
            name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0 ||
            name.compare("Date", Qt::CaseInsensitive) == 0 ||
            name.compare("X-Request-Id", Qt::CaseInsensitive) == 0)
            continue;
        *nosniff |= name.compare("X-Content-Type-Options", Qt::CaseInsensitive) == 0;
        out += name;
        out += ": ";
        out += sanitizeHeaderValue(h.second);
        out += "\r\n";
    }
}

void ResponseWriter::appendTail(QByteArray &out, int status, qint64 contentLength, bool nosniff,
                                const QByteArray &requestId, Persistence persistence)
{
    if (!nosniff)
        out += "X-Content-Type-Options: nosniff\r\n";
    // 304 keeps the validators but no length (RFC 9110 §8.6: it would have to equal the 200's).
    if (status != 204 && status != 304 && status >= 200) {
        char digits[24];
        const auto end = std::to_chars(digits, digits + sizeof digits, contentLength).ptr;
        out += "Content-Length: ";
        out += QByteArrayView(digits, end - digits);
        out += "\r\n";
    }
    out += "Date: ";
    out += httpDate();
    out += "\r\nX-Request-Id: ";
    // Ours and the accepted client ids ([A-Za-z0-9._-]) need nothing stripped: no copy.
    if (std::all_of(requestId.begin(), requestId.end(), [](char c) {
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                   c == '.' || c == '_' || c == '-';
        }))
        out += requestId;
    else
        out += sanitizeHeaderValue(requestId);
    out += "\r\n";
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
}

QByteArray ResponseWriter::refusal(int status, const QString &detail, const HeaderList &headers,
                                   const QByteArray &requestId)
{
    HeaderList all = headers;
    all.prepend({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    const QByteArray body = errorBody(status, detail);
    return head(status, all, body.size(), requestId, Persistence::Close) + body;
}

QByteArray ResponseWriter::loggableTarget(const QByteArray &target)
{
    return depot::loggableTarget(target);
}

void ResponseWriter::log(const QByteArray &requestId, const QHostAddress &remote,
                         const QByteArray &method, const QByteArray &target, int status,
                         qint64 bytes, double milliseconds, const QString &suffix)
{
    // Through the one log writer: text or JSON (--log-format), category depot.http.
    Log::Request line;
    line.requestId = requestId;
    line.remote = remote.toString();
    line.method = method.isEmpty() ? QByteArray("-") : method;
    line.route = QStringLiteral("unmatched");
    line.path = target.isEmpty() ? QByteArray("-") : depot::loggableTarget(target);
    line.status = status;
    line.bytes = bytes;
    line.durationMs = milliseconds;
    line.note = suffix;
    Log::request(line);
}

} // namespace depot
