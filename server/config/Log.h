#pragma once

#include <QByteArray>
#include <QLoggingCategory>
#include <QString>

namespace depot {

// Logging categories, one per module; switch them with QT_LOGGING_RULES, e.g.
// QT_LOGGING_RULES="depot.http.info=false" (no request lines) or "depot.*.debug=true".
// (store/ has its own depot.store: it may not include config/.)
Q_DECLARE_LOGGING_CATEGORY(lcServer)    // depot.server: start-up, signals, shutdown
Q_DECLARE_LOGGING_CATEGORY(lcHttp)      // depot.http: one line per request, handler errors
Q_DECLARE_LOGGING_CATEGORY(lcGuard)     // depot.guard: refused connections and requests
Q_DECLARE_LOGGING_CATEGORY(lcAccounts)  // depot.accounts
Q_DECLARE_LOGGING_CATEGORY(lcEndpoints) // depot.endpoints: hosted endpoints and scripts
Q_DECLARE_LOGGING_CATEGORY(lcDrop)      // depot.drop
Q_DECLARE_LOGGING_CATEGORY(lcDumps)     // depot.dumps: dumps and image fetching

// The server's one log writer: every message (qDebug/qInfo/qWarning/qCritical with or without a
// category) and every request line goes to stderr as exactly one line — `text` (time, level,
// category, message; newlines escaped) or `json` (one object per line).
class Log
{
public:
    enum class Format { Text, Json };
    static void install(Format format);
    static Format format();

    struct Request
    {
        QByteArray requestId;
        QString remote;
        QByteArray method;
        QString route;   // the route table's pattern, "unmatched" if none
        QByteArray path; // target with query values masked
        int status = 0;
        qint64 bytes = 0;
        double durationMs = 0;
        QString user; // empty when not authenticated
        QByteArray userAgent;
        bool clientGone = false;
        QString note; // e.g. refused="..." for the guard's own answers
    };
    static void request(const Request &request); // through depot.http at info level
};

} // namespace depot
