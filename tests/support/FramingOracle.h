#pragma once

#include "net/RequestFramer.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QPointer>
#include <QString>

#include <memory>
#include <optional>

class QHttpServer;
class QTcpServer;

namespace depot::test {

// One request as a parser saw it. `method` is the name QHttpServer 6.4 gives it (its Method enum:
// unknown methods compare as "UNKNOWN"); `target` is path and query as QUrl encodes them.
struct ParsedRequest
{
    QByteArray method;
    QByteArray target;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    bool operator==(const ParsedRequest &other) const
    {
        return method == other.method && target == other.target && headers == other.headers &&
               body == other.body;
    }
    QString describe() const;
};

// What the guard's RequestFramer makes of a byte stream fed in pieces cut at `cuts`.
struct GuardFraming
{
    QList<ParsedRequest> requests; // complete requests before any refusal
    qsizetype consumed = 0;        // stream offset just after the last complete request
    std::optional<FramerRejection> rejection;
};
GuardFraming frameWithGuard(QByteArrayView stream, const QList<qsizetype> &cuts = {},
                            RequestFramer::Limits limits = {}, qint64 bodyLimit = 1 << 20);

// A real QHttpServer 6.4 on a loopback port of this process (needs a Q(Core)Application and
// its event loop in this thread). parse() sends a stream on a fresh connection, piece by piece
// (each piece is received and parsed before the next is sent) and returns the requests
// QHttpServer handled, in order.
class QtHttpServerOracle
{
public:
    QtHttpServerOracle();
    ~QtHttpServerOracle();
    bool listening() const;

    // Stops at the sentinel request (see sentinel()), when QHttpServer closes the connection,
    // or after `quietMs` without a new request.
    QList<ParsedRequest> parse(const QByteArray &stream, const QList<qsizetype> &cuts = {},
                               int quietMs = 150);

    static QByteArray sentinel();
    static ParsedRequest sentinelRequest();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

// The differential verdict on one stream, the unit a fuzz target can reuse: the guard either
// refuses the stream, or QHttpServer sees exactly the requests the guard framed (same count,
// method, target, headers and body), with nothing left over (the sentinel request sent after
// them comes out whole as the next request).
struct FramingVerdict
{
    bool agree = false;
    bool refused = false;
    int requests = 0;
    QString explanation;
};
FramingVerdict compareFraming(QtHttpServerOracle &qt, const QByteArray &stream,
                              const QList<qsizetype> &cuts = {}, RequestFramer::Limits limits = {});

} // namespace depot::test
