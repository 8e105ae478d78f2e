#pragma once

#include "http/HttpExchange.h"

#include <QByteArrayView>
#include <QString>

#include <optional>

namespace depot {

// Answers GET/HEAD for a stored file: validators (ETag, Last-Modified) with 304 for
// If-None-Match / If-Modified-Since, one byte range (206, 416, If-Range), and the headers that
// keep user content from running as our origin (attachment for active types, nosniff, CSP
// sandbox). The body is streamed by HttpExchange::respondFile with back-pressure.
class FileResponder
{
    Q_DECLARE_TR_FUNCTIONS(FileResponder)

public:
    struct File
    {
        QString path; // absolute
        qint64 size = 0;
        QString etag;        // strong, quoted
        qint64 modified = 0; // seconds since the epoch
        QString contentType;
        QString fileName;
        std::shared_ptr<FileHandle> handle; // `path` opened already (null: opened per request)
    };

    struct Range
    {
        enum Kind { None, Satisfiable, Unsatisfiable } kind = None;
        qint64 first = 0;
        qint64 last = 0; // inclusive
    };

    // `head` may carry extra headers (the owner's); the file's own headers replace same-named ones.
    static void respond(const ExchangePtr &ex, const File &file, HttpResponse head = {});

    // RFC 9110 14.1.1: "bytes=first-last", "bytes=first-", "bytes=-suffix". Several ranges or a
    // malformed header give None (the whole file is sent, as the RFC allows).
    static Range parseRange(QByteArrayView header, qint64 size);
    static QByteArray httpDate(qint64 secs);
    // IMF-fixdate (and the obsolete RFC 850 / asctime forms); nullopt if it is none of them.
    static std::optional<qint64> parseHttpDate(QByteArrayView text);
    // If-None-Match: "*" or a list of entity tags, compared weakly (RFC 9110 13.1.2).
    static bool noneMatch(QByteArrayView header, QByteArrayView etag);
};

} // namespace depot
