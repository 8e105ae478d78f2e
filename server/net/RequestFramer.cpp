#include "net/RequestFramer.h"

#include "http/HttpResponse.h"

#include <QList>

namespace depot {

RequestFramer::RequestFramer(Limits limits, BodyLimit bodyLimit)
    : m_limits(limits), m_bodyLimit(std::move(bodyLimit))
{
}

std::optional<FramerRejection> RequestFramer::headTooLarge() const
{
    // An oversized credential is a bad credential: say 401, not 431, so clients re-authenticate.
    // The line that crossed the limit is the last one, whether its '\n' has arrived or not.
    const QByteArrayView head = QByteArrayView(m_head).chopped(m_head.endsWith('\n') ? 1 : 0);
    const qsizetype lineStart = head.lastIndexOf('\n') + 1;
    if (head.sliced(lineStart).startsWith("Authorization:") ||
        head.sliced(lineStart).toByteArray().toLower().startsWith("authorization:"))
        return FramerRejection{401, tr("the Authorization header is too large")};
    return FramerRejection{
        431, tr("request line and headers exceed %1 bytes").arg(m_limits.maxHeadBytes)};
}

std::optional<FramerRejection> RequestFramer::feed(QByteArrayView data)
{
    qsizetype i = 0;
    while (i < data.size()) {
        switch (m_phase) {
        case Phase::Upgraded:
            return std::nullopt;
        case Phase::Head: {
            // Bare CR LF between requests is allowed (RFC 9112 §2.2).
            if (m_head.isEmpty() && (data[i] == '\r' || data[i] == '\n')) {
                ++i;
                break;
            }
            const qsizetype nl = data.sliced(i).indexOf('\n');
            const qsizetype take = nl < 0 ? data.size() - i : nl + 1;
            m_head.append(data.sliced(i, take));
            i += take;
            if (m_head.size() > m_limits.maxHeadBytes)
                return headTooLarge();
            if (nl < 0)
                break;
            ++m_headLines;
            if (m_headLines > m_limits.maxHeaderFields + 1)
                return FramerRejection{
                    431, tr("more than %1 header fields").arg(m_limits.maxHeaderFields)};
            if (m_head.endsWith("\r\n\r\n") || m_head.endsWith("\n\n") ||
                m_head.endsWith("\n\r\n")) {
                const QByteArray head = std::exchange(m_head, {});
                m_headLines = 0;
                if (auto rejection = parseHead(head))
                    return rejection;
            }
            break;
        }
        case Phase::Body: {
            const qint64 take = qMin<qint64>(m_remaining, data.size() - i);
            m_remaining -= take;
            i += take;
            if (m_remaining == 0)
                m_phase = Phase::Head;
            break;
        }
        case Phase::ChunkSize:
        case Phase::Trailer: {
            const qsizetype nl = data.sliced(i).indexOf('\n');
            const qsizetype take = nl < 0 ? data.size() - i : nl + 1;
            m_head.append(data.sliced(i, take));
            i += take;
            if (m_head.size() > m_limits.maxChunkLineBytes)
                return FramerRejection{400, tr("chunk header or trailer line too long")};
            if (nl < 0)
                break;
            const QByteArray line = std::exchange(m_head, {}).trimmed();
            if (m_phase == Phase::Trailer) {
                if (line.isEmpty())
                    m_phase = Phase::Head;
                else if (++m_headLines > m_limits.maxHeaderFields)
                    return FramerRejection{431, tr("too many trailer fields")};
                break;
            }
            const qsizetype semicolon = line.indexOf(';'); // chunk extensions are ignored
            const QByteArray sizeText = (semicolon < 0 ? line : line.left(semicolon)).trimmed();
            bool ok = false;
            const qint64 size = sizeText.size() <= 15 ? sizeText.toLongLong(&ok, 16) : -1;
            if (!ok || size < 0)
                return FramerRejection{400, tr("malformed chunk size")};
            if (size == 0) {
                m_phase = Phase::Trailer;
                m_headLines = 0;
                break;
            }
            m_decoded += size;
            if (m_decoded > m_limit)
                return FramerRejection{413, tr("request body exceeds %1 bytes").arg(m_limit)};
            m_remaining = size;
            m_phase = Phase::ChunkData;
            break;
        }
        case Phase::ChunkData: {
            const qint64 take = qMin<qint64>(m_remaining, data.size() - i);
            m_remaining -= take;
            i += take;
            if (m_remaining == 0) {
                m_phase = Phase::ChunkDataEnd;
                m_remaining = 2;
            }
            break;
        }
        case Phase::ChunkDataEnd: {
            const char c = data[i++];
            if (c != '\r' && c != '\n')
                return FramerRejection{400, tr("chunk data not followed by CRLF")};
            if (c == '\n')
                m_phase = Phase::ChunkSize;
            break;
        }
        }
    }
    return std::nullopt;
}

std::optional<FramerRejection> RequestFramer::parseHead(QByteArrayView head)
{
    QList<QByteArrayView> lines;
    qsizetype start = 0;
    while (start < head.size()) {
        qsizetype nl = head.sliced(start).indexOf('\n');
        QByteArrayView line = head.sliced(start, nl);
        start += nl + 1;
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty())
            break;
        lines.append(line);
    }
    if (lines.isEmpty())
        return FramerRejection{400, tr("empty request")};

    const QList<QByteArray> requestLine = lines.first().toByteArray().split(' ');
    if (requestLine.size() != 3 || !isHeaderToken(requestLine[0]) || requestLine[1].isEmpty())
        return FramerRejection{400, tr("malformed request line")};
    RequestHead r;
    r.method = requestLine[0];
    r.target = requestLine[1];
    if (requestLine[2] == "HTTP/1.1")
        r.minorVersion = 1;
    else if (requestLine[2] == "HTTP/1.0")
        r.minorVersion = 0;
    else if (requestLine[2].startsWith("HTTP/"))
        return FramerRejection{505, tr("only HTTP/1.0 and HTTP/1.1 are supported")};
    else
        return FramerRejection{400, tr("malformed request line")};
    if (!r.target.startsWith('/') && !(r.method == "OPTIONS" && r.target == "*"))
        return FramerRejection{400, tr("request target must be an absolute path")};
    for (char c : r.target) {
        if (uchar(c) <= 0x20 || uchar(c) >= 0x7f)
            return FramerRejection{400, tr("request target contains invalid characters")};
    }

    QByteArray connection, upgrade;
    bool haveLength = false;
    for (qsizetype n = 1; n < lines.size(); ++n) {
        const QByteArrayView line = lines[n];
        if (line.front() == ' ' || line.front() == '\t')
            return FramerRejection{400, tr("obsolete header line folding")};
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isHeaderToken(line.first(colon)))
            return FramerRejection{400, tr("malformed header field")};
        const QByteArray name = line.first(colon).toByteArray().toLower();
        const QByteArray value = line.sliced(colon + 1).toByteArray().trimmed();
        if (value.contains('\0'))
            return FramerRejection{400, tr("header value contains NUL")};
        if (name == "content-length") {
            const auto parsed = parseDigits(value);
            if (!parsed)
                return FramerRejection{400, tr("invalid Content-Length")};
            const qint64 length = *parsed;
            if (haveLength && length != r.contentLength)
                return FramerRejection{400, tr("conflicting Content-Length headers")};
            haveLength = true;
            r.contentLength = length;
        } else if (name == "transfer-encoding") {
            if (value.toLower() != "chunked" || r.chunked)
                return FramerRejection{501, tr("only chunked transfer coding is supported")};
            r.chunked = true;
        } else if (name == "connection") {
            connection = value.toLower();
        } else if (name == "upgrade") {
            upgrade = value.toLower();
        } else if (name == "expect") {
            if (value.toLower() != "100-continue")
                return FramerRejection{417, tr("only 'Expect: 100-continue' is supported")};
            r.expectContinue = true;
        }
    }
    if (r.chunked && haveLength)
        return FramerRejection{400, tr("both Content-Length and Transfer-Encoding")};
    r.keepAlive =
        r.minorVersion == 1 ? !connection.contains("close") : connection.contains("keep-alive");
    r.upgrade = r.minorVersion == 1 && r.method == "GET" && connection.contains("upgrade") &&
                upgrade == "websocket";

    m_limit = m_bodyLimit ? m_bodyLimit(r) : 0;
    if (r.contentLength > m_limit)
        return FramerRejection{413, tr("request body of %1 bytes exceeds the limit of %2 bytes")
                                        .arg(r.contentLength)
                                        .arg(m_limit)};
    if (onHead)
        onHead(r);
    m_decoded = 0;
    if (r.upgrade && !r.chunked && r.contentLength <= 0) {
        m_phase = Phase::Upgraded; // what follows is WebSocket frames, not HTTP
    } else if (r.chunked) {
        m_phase = Phase::ChunkSize;
    } else if (r.contentLength > 0) {
        m_phase = Phase::Body;
        m_remaining = r.contentLength;
    }
    return std::nullopt;
}

} // namespace depot
