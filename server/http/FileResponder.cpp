#include "http/FileResponder.h"

#include "codec/ContentDisposition.h"
#include "codec/MediaType.h"

#include <QDateTime>
#include <QLocale>

namespace depot {
namespace {

QByteArray stripWeak(QByteArray tag)
{
    tag = tag.trimmed();
    return tag.startsWith("W/") ? tag.mid(2) : tag;
}

void respondBody(const ExchangePtr &ex, const FileResponder::File &file, HttpResponse &head,
                 qint64 offset, qint64 length)
{
    if (file.handle)
        ex->respondFile(head, file.handle, offset, length);
    else
        ex->respondFile(head, file.path, offset, length);
}

QByteArray formatHttpDate(qint64 secs)
{
    return QLocale::c()
        .toString(QDateTime::fromSecsSinceEpoch(secs, Qt::UTC),
                  QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
        .toLatin1();
}

} // namespace

QByteArray FileResponder::httpDate(qint64 secs)
{
    // A file's Last-Modified, asked for on every request of it: the last one is kept per thread.
    thread_local qint64 lastSecs = -1;
    thread_local QByteArray last;
    if (secs != lastSecs) {
        last = formatHttpDate(secs);
        lastSecs = secs;
    }
    return last;
}

std::optional<qint64> FileResponder::parseHttpDate(QByteArrayView text)
{
    if (text.trimmed().isEmpty()) // most requests: no need to ask the parser (it reads the zone)
        return std::nullopt;
    const QString s = QString::fromLatin1(text.trimmed());
    const QLocale c = QLocale::c();
    for (const QString &format : {QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"),
                                  QStringLiteral("dddd, dd-MMM-yy hh:mm:ss 'GMT'"),
                                  QStringLiteral("ddd MMM d hh:mm:ss yyyy")}) {
        QDateTime time = c.toDateTime(s, format);
        if (!time.isValid() && format.startsWith(u"ddd MMM"))
            time = c.toDateTime(s.simplified(), format);
        if (time.isValid()) {
            time.setTimeSpec(Qt::UTC);
            if (format.contains(u"yy ") && !format.contains(u"yyyy") && time.date().year() < 1970)
                time = time.addYears(100);
            return time.toSecsSinceEpoch();
        }
    }
    return std::nullopt;
}

bool FileResponder::noneMatch(QByteArrayView header, QByteArrayView etag)
{
    const QByteArray value = header.trimmed().toByteArray();
    if (value == "*")
        return true;
    const QByteArray ours = stripWeak(etag.toByteArray());
    for (const QByteArray &tag : value.split(',')) {
        if (stripWeak(tag) == ours)
            return true;
    }
    return false;
}

FileResponder::Range FileResponder::parseRange(QByteArrayView header, qint64 size)
{
    Range range;
    const QByteArray value = header.trimmed().toByteArray();
    if (!value.startsWith("bytes="))
        return range;
    const QByteArray spec = value.mid(6).trimmed();
    if (spec.contains(','))
        return range; // several ranges: answered with the whole file
    const qsizetype dash = spec.indexOf('-');
    if (dash < 0)
        return range;
    const QByteArrayView firstText = QByteArrayView(spec).first(dash).trimmed();
    const QByteArrayView lastText = QByteArrayView(spec).sliced(dash + 1).trimmed();
    if (firstText.isEmpty()) { // suffix: the last N bytes
        const auto suffix = parseDigits(lastText);
        if (!suffix)
            return range;
        if (*suffix == 0 || size == 0) {
            range.kind = Range::Unsatisfiable;
            return range;
        }
        range.kind = Range::Satisfiable;
        range.first = qMax<qint64>(0, size - *suffix);
        range.last = size - 1;
        return range;
    }
    const auto first = parseDigits(firstText);
    const auto last = lastText.isEmpty() ? std::optional<qint64>(size - 1) : parseDigits(lastText);
    if (!first || !last || (!lastText.isEmpty() && *last < *first))
        return range;
    if (*first >= size) {
        range.kind = Range::Unsatisfiable;
        return range;
    }
    range.kind = Range::Satisfiable;
    range.first = *first;
    range.last = qMin(*last, size - 1);
    return range;
}

void FileResponder::respond(const ExchangePtr &ex, const File &file, HttpResponse head)
{
    const QByteArray etag = file.etag.toLatin1();
    const QByteArray lastModified = httpDate(file.modified);
    head.setHeader("ETag", etag);
    head.setHeader("Last-Modified", lastModified);
    head.setHeader("Cache-Control", "no-cache"); // the owner may replace the content any time
    head.setHeader("Accept-Ranges", "bytes");

    const bool readOnly = ex->method() == "GET" || ex->method() == "HEAD";
    if (readOnly) {
        const QByteArray ifNoneMatch = ex->header("If-None-Match");
        bool notModified = false;
        if (!ifNoneMatch.isEmpty()) { // takes precedence over If-Modified-Since (RFC 9110 13.2.2)
            notModified = noneMatch(ifNoneMatch, etag);
        } else if (const auto since = parseHttpDate(ex->header("If-Modified-Since"))) {
            notModified = file.modified <= *since;
        }
        if (notModified) {
            head.status = 304;
            ex->respond(head);
            return;
        }
    }

    // Never inline what a browser could run from our origin (HTML, SVG, XML, script, unknown).
    const bool active = MediaType::isActiveContent(file.contentType) ||
                        MediaType::essence(file.contentType) == u"application/octet-stream";
    head.setHeader("Content-Type", file.contentType.toLatin1());
    head.setHeader("Content-Disposition",
                   active ? ContentDisposition::attachment(file.fileName)
                          : ContentDisposition::inlineDisposition(file.fileName));
    head.setHeader("X-Content-Type-Options", "nosniff");
    if (active)
        head.setHeader("Content-Security-Policy", "sandbox");

    Range range;
    if (ex->method() == "GET") {
        const QByteArray rangeHeader = ex->header("Range");
        const QByteArray ifRange = ex->header("If-Range").trimmed();
        // If-Range: the range applies only to the representation the client already has.
        const bool current = ifRange.isEmpty() || ifRange == etag ||
                             (!ifRange.startsWith('"') && !ifRange.startsWith("W/") &&
                              parseHttpDate(ifRange) == std::optional<qint64>(file.modified));
        if (!rangeHeader.isEmpty() && current)
            range = parseRange(rangeHeader, file.size);
    }
    if (range.kind == Range::Unsatisfiable) {
        ApiError error =
            ApiError::make(416, tr("the range is outside the file's %1 bytes").arg(file.size));
        error.headers.append({"Content-Range", "bytes */" + QByteArray::number(file.size)});
        ex->fail(error);
        return;
    }
    if (range.kind == Range::Satisfiable) {
        head.status = 206;
        head.setHeader("Content-Range", "bytes " + QByteArray::number(range.first) + '-' +
                                            QByteArray::number(range.last) + '/' +
                                            QByteArray::number(file.size));
        respondBody(ex, file, head, range.first, range.last - range.first + 1);
        return;
    }
    head.status = 200;
    respondBody(ex, file, head, 0, file.size);
}

} // namespace depot
