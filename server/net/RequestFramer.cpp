#include "net/RequestFramer.h"

#include "codec/HttpGrammar.h"

#include <cctype>

namespace depot {
namespace {

bool isHexDigit(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool isTchar(char c)
{
    return isHeaderToken(QByteArrayView(&c, 1));
}

// RFC 3986 reg-name / IPv4 / IP-literal, then an optional ":" port: a Host value or the
// authority of an absolute-form target (no userinfo).
bool isHostPort(QByteArrayView text)
{
    if (text.isEmpty() || text.size() > 255)
        return false;
    qsizetype i = 0;
    if (text.front() == '[') {
        const qsizetype close = text.indexOf(']');
        if (close < 2)
            return false;
        for (char c : text.sliced(1, close - 1)) {
            if (!isHexDigit(c) && c != ':' && c != '.')
                return false;
        }
        i = close + 1;
    } else {
        for (; i < text.size() && text[i] != ':'; ++i) {
            const char c = text[i];
            static constexpr QByteArrayView other("-._~!$&'()*+,;=%");
            const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                            (c >= '0' && c <= '9') || other.contains(c);
            if (!ok)
                return false;
        }
        if (i == 0)
            return false;
    }
    if (i == text.size())
        return true;
    if (text[i] != ':')
        return false;
    const QByteArrayView port = text.sliced(i + 1);
    if (port.size() > 5)
        return false;
    for (char c : port) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

// Visible ASCII except '#', and '%' only as the start of a percent-escape.
bool isTargetText(QByteArrayView target)
{
    for (qsizetype i = 0; i < target.size(); ++i) {
        const uchar c = uchar(target[i]);
        if (c <= 0x20 || c >= 0x7f || c == '#')
            return false;
        if (c == '%' &&
            (i + 2 >= target.size() || !isHexDigit(target[i + 1]) || !isHexDigit(target[i + 2])))
            return false;
    }
    return true;
}

bool hasToken(const QByteArray &list, QByteArrayView token)
{
    for (const QByteArray &item : list.split(',')) {
        if (item.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

RequestFramer::RequestFramer(Limits limits, BodyLimit bodyLimit)
    : m_limits(limits), m_bodyLimit(std::move(bodyLimit))
{
}

int RequestFramer::maxHeadBytes() const
{
    return qMin(m_limits.maxHeadBytes, QtMaxHeadBytes);
}

std::optional<FramerRejection> RequestFramer::headTooLarge() const
{
    // An oversized credential is a bad credential: say 401, not 431, so clients re-authenticate.
    // The line that crossed the limit is the last one, whether its '\n' has arrived or not.
    const QByteArrayView head = QByteArrayView(m_head).chopped(m_head.endsWith('\n') ? 1 : 0);
    const qsizetype lineStart = head.lastIndexOf('\n') + 1;
    if (head.sliced(lineStart)
            .first(qMin<qsizetype>(14, head.size() - lineStart))
            .compare("authorization:", Qt::CaseInsensitive) == 0)
        return FramerRejection{401, tr("the Authorization header is too large")};
    return FramerRejection{431, tr("request line and headers exceed %1 bytes").arg(maxHeadBytes())};
}

void RequestFramer::endMessage(qint64 end)
{
    m_phase = Phase::Head;
    m_method.clear();
    m_target.clear();
    if (onMessageEnd)
        onMessageEnd(end);
}

std::optional<FramerRejection> RequestFramer::feed(QByteArrayView data)
{
    // QHttpServer 6.4 reads the two bytes after a last-chunk's CR blindly when the CR came at
    // the end of a read: whatever follows the LF then loses its first byte. A chunked request
    // whose final CR LF is split like that may not be followed by more bytes in the same read.
    if (m_splitFinalCRLF) {
        m_splitFinalCRLF = false;
        if (m_phase == Phase::LastLF && data.size() > 1 && data.front() == '\n')
            return FramerRejection{
                400, tr("a request was pipelined after a split chunked-body terminator")};
    }
    qsizetype i = 0;
    while (i < data.size()) {
        switch (m_phase) {
        case Phase::Upgraded:
            return std::nullopt; // WebSocket frames, not HTTP
        case Phase::Head: {
            if (m_head.isEmpty()) {
                // Empty lines (CR LF) before a request line are skipped (RFC 9112 §2.2).
                const char c = data[i];
                if (m_leadingCR) {
                    if (c != '\n')
                        return FramerRejection{400, tr("a CR without LF before the request")};
                    m_leadingCR = false;
                    ++i;
                    ++m_offset;
                    break;
                }
                if (c == '\r') {
                    m_leadingCR = true;
                    ++i;
                    ++m_offset;
                    break;
                }
                if (c == '\n')
                    return FramerRejection{400, tr("a line ends in LF without CR")};
            }
            const qsizetype nl = data.sliced(i).indexOf('\n');
            const qsizetype take = nl < 0 ? data.size() - i : nl + 1;
            m_head.append(data.sliced(i, take));
            i += take;
            m_offset += take;
            if (m_head.size() > maxHeadBytes())
                return headTooLarge();
            if (m_headLines > 0 && m_head.size() - m_lineStart > QtMaxFieldLineBytes + 2) {
                if (auto authorization = headTooLarge(); authorization->status == 401)
                    return authorization;
                return FramerRejection{
                    431, tr("a header field is longer than %1 bytes").arg(QtMaxFieldLineBytes)};
            }
            if (nl < 0)
                break;
            if (auto rejection = headLine())
                return rejection;
            break;
        }
        case Phase::Body: {
            const qint64 take = qMin<qint64>(m_remaining, data.size() - i);
            if (onBody)
                onBody(data.sliced(i, take));
            m_remaining -= take;
            i += take;
            m_offset += take;
            if (m_remaining == 0)
                endMessage(m_offset);
            break;
        }
        case Phase::ChunkSize: {
            const qsizetype nl = data.sliced(i).indexOf('\n');
            const qsizetype take = nl < 0 ? data.size() - i : nl + 1;
            m_head.append(data.sliced(i, take));
            i += take;
            m_offset += take;
            if (m_head.size() > m_limits.maxChunkLineBytes)
                return FramerRejection{400, tr("chunk header line too long")};
            if (nl < 0)
                break;
            const QByteArray line = std::exchange(m_head, {});
            if (auto rejection = chunkLine(line))
                return rejection;
            break;
        }
        case Phase::ChunkData: {
            const qint64 take = qMin<qint64>(m_remaining, data.size() - i);
            if (onBody)
                onBody(data.sliced(i, take));
            m_remaining -= take;
            i += take;
            m_offset += take;
            if (m_remaining == 0)
                m_phase = Phase::ChunkDataCR;
            break;
        }
        case Phase::ChunkDataCR:
        case Phase::ChunkDataLF:
        case Phase::LastCR:
        case Phase::LastLF: {
            const bool cr = m_phase == Phase::ChunkDataCR || m_phase == Phase::LastCR;
            if (data[i] != (cr ? '\r' : '\n')) {
                if (m_phase == Phase::LastCR)
                    return FramerRejection{400, tr("trailer fields are not accepted")};
                return FramerRejection{400, tr("chunk data not followed by CR LF")};
            }
            ++i;
            ++m_offset;
            if (m_phase == Phase::ChunkDataCR)
                m_phase = Phase::ChunkDataLF;
            else if (m_phase == Phase::ChunkDataLF)
                m_phase = Phase::ChunkSize;
            else if (m_phase == Phase::LastCR)
                m_phase = Phase::LastLF;
            else
                endMessage(m_offset);
            break;
        }
        }
    }
    if (m_phase == Phase::LastLF)
        m_splitFinalCRLF = true;
    return std::nullopt;
}

std::optional<FramerRejection> RequestFramer::headLine()
{
    const QByteArrayView line = QByteArrayView(m_head).sliced(m_lineStart);
    if (line.size() < 2 || line[line.size() - 2] != '\r')
        return FramerRejection{400, tr("a line ends in LF without CR")};
    if (line.first(line.size() - 2).contains('\r'))
        return FramerRejection{400, tr("a CR without LF in the request head")};
    if (line.size() == 2) { // the empty line: the head is complete
        QByteArray head = std::exchange(m_head, {});
        m_lineStart = 0;
        m_headLines = 0;
        auto rejection = parseHead(head);
        if (m_head.isEmpty()) { // the next head reuses the allocation
            head.truncate(0);
            m_head = std::move(head);
        }
        return rejection;
    }
    ++m_headLines;
    const int maxFields = qMin(m_limits.maxHeaderFields, QtMaxHeaderFields);
    if (m_headLines > maxFields + 1)
        return FramerRejection{431, tr("more than %1 header fields").arg(maxFields)};
    m_lineStart = m_head.size();
    return std::nullopt;
}

std::optional<FramerRejection> RequestFramer::parseHead(QByteArrayView head)
{
    // Every line ends in CR LF (checked line by line); the last one is empty.
    QVarLengthArray<QByteArrayView, 16> lines;
    for (qsizetype start = 0; start + 2 < head.size();) {
        const qsizetype end = head.indexOf('\n', start);
        lines.append(head.sliced(start, end - 1 - start));
        start = end + 1;
    }
    if (lines.isEmpty())
        return FramerRejection{400, tr("empty request")};

    // method SP target SP version: exactly two spaces.
    const QByteArrayView requestLine = lines.first();
    const qsizetype space1 = requestLine.indexOf(' ');
    const qsizetype space2 = space1 < 0 ? -1 : requestLine.indexOf(' ', space1 + 1);
    if (space2 < 0 || requestLine.indexOf(' ', space2 + 1) >= 0 ||
        !isHeaderToken(requestLine.first(space1)) || space2 == space1 + 1)
        return FramerRejection{400, tr("malformed request line")};
    RequestHead r;
    r.method = requestLine.first(space1).toByteArray();
    m_method = r.method;
    const QByteArrayView version = requestLine.sliced(space2 + 1);
    if (version == "HTTP/1.1")
        r.minorVersion = 1;
    else if (version == "HTTP/1.0")
        r.minorVersion = 0;
    else if (version.size() == 8 && version.startsWith("HTTP/") && version[6] == '.' &&
             std::isdigit(uchar(version[5])) && std::isdigit(uchar(version[7])))
        return FramerRejection{505, tr("only HTTP/1.0 and HTTP/1.1 are supported")};
    else
        return FramerRejection{400, tr("malformed request line")};

    const QByteArray target = requestLine.sliced(space1 + 1, space2 - space1 - 1).toByteArray();
    m_method = r.method;
    m_target = target;
    if (!isTargetText(target))
        return FramerRejection{400, tr("request target contains invalid characters")};
    const auto schemeIs = [&target](QByteArrayView prefix) {
        return target.size() >= prefix.size() &&
               QByteArrayView(target).first(prefix.size()).compare(prefix, Qt::CaseInsensitive) ==
                   0;
    };
    if (target.startsWith("//")) {
        return FramerRejection{400, tr("request target must not begin with //")};
    } else if (target.startsWith('/') || (r.method == "OPTIONS" && target == "*")) {
        r.target = target;
    } else if (schemeIs("http://") || schemeIs("https://")) {
        // Absolute form (RFC 9112 §3.2.2): route on its path; its authority replaces Host.
        const qsizetype start = target.indexOf("://") + 3;
        qsizetype end = start;
        while (end < target.size() && target[end] != '/' && target[end] != '?')
            ++end;
        r.authority = target.mid(start, end - start);
        if (!isHostPort(r.authority))
            return FramerRejection{400, tr("invalid authority in the request target")};
        r.target = target.mid(end);
        if (r.target.startsWith("//"))
            return FramerRejection{400, tr("request target must not begin with //")};
        if (!r.target.startsWith('/'))
            r.target.prepend('/');
    } else {
        return FramerRejection{400, tr("request target must be an absolute path or URL")};
    }

    QByteArray connection, upgrade;
    bool haveLength = false, haveCoding = false, haveHost = false, haveExpect = false;
    for (qsizetype n = 1; n < lines.size(); ++n) {
        const QByteArrayView line = lines[n];
        if (line.front() == ' ' || line.front() == '\t')
            return FramerRejection{400, tr("obsolete header line folding")};
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isHeaderToken(line.first(colon)))
            return FramerRejection{400, tr("malformed header field name")};
        const QByteArrayView rawValue = line.sliced(colon + 1);
        if (!isFieldValue(rawValue))
            return FramerRejection{400, tr("a header field value contains a control byte")};
        const QByteArray name = line.first(colon).toByteArray();
        const QByteArray value = rawValue.trimmed().toByteArray();
        r.fields.append({name, value});
        // A token: ASCII only, so comparing without case is comparing lowered names.
        const auto is = [&name](QByteArrayView known) {
            return name.compare(known, Qt::CaseInsensitive) == 0;
        };
        if (is("content-length")) {
            if (haveLength)
                return FramerRejection{400, tr("more than one Content-Length")};
            const auto parsed = parseDigits(value);
            if (!parsed)
                return FramerRejection{400, tr("invalid Content-Length")};
            haveLength = true;
            r.contentLength = *parsed;
        } else if (is("transfer-encoding")) {
            if (haveCoding)
                return FramerRejection{400, tr("more than one Transfer-Encoding")};
            haveCoding = true;
            if (value.compare("chunked", Qt::CaseInsensitive) != 0) {
                for (const QByteArray &coding : value.split(',')) {
                    if (!isHeaderToken(coding.trimmed()))
                        return FramerRejection{400, tr("malformed Transfer-Encoding")};
                }
                return FramerRejection{501, tr("only chunked transfer coding is supported")};
            }
            r.chunked = true;
        } else if (is("host")) {
            if (haveHost)
                return FramerRejection{400, tr("more than one Host")};
            haveHost = true;
            if (!value.isEmpty() && !isHostPort(value))
                return FramerRejection{400, tr("invalid Host")};
            if (r.authority.isEmpty())
                r.authority = value;
        } else if (is("connection")) {
            connection += (connection.isEmpty() ? "" : ",") + value.toLower();
        } else if (is("upgrade")) {
            upgrade += (upgrade.isEmpty() ? "" : ",") + value.toLower();
        } else if (is("expect")) {
            if (haveExpect)
                return FramerRejection{400, tr("more than one Expect")};
            haveExpect = true;
            if (value.compare("100-continue", Qt::CaseInsensitive) != 0)
                return FramerRejection{417, tr("only 'Expect: 100-continue' is supported")};
            r.expectContinue = true;
        }
    }
    if (r.minorVersion == 1 && !haveHost)
        return FramerRejection{400, tr("an HTTP/1.1 request needs a Host header")};
    if (r.chunked && haveLength)
        return FramerRejection{400, tr("both Content-Length and Transfer-Encoding")};
    if (r.chunked && r.minorVersion == 0)
        return FramerRejection{400, tr("Transfer-Encoding in an HTTP/1.0 request")};
    // QHttpServer hands such a connection to its WebSocket server (or drops it): only the
    // plain handshake goes on (the guard then asks its UpgradePolicy about the path).
    if (connection.contains("upgrade") && upgrade.contains("websocket")) {
        if (r.method != "GET" || r.minorVersion != 1 || !hasToken(connection, "upgrade") ||
            upgrade != "websocket" || r.chunked || r.contentLength > 0)
            return FramerRejection{400, tr("WebSocket upgrades are not supported")};
        if (!upgradeAllowed || !upgradeAllowed(r))
            return FramerRejection{404, tr("no WebSocket at this address")};
        r.upgrade = true;
    }
    r.keepAlive =
        r.minorVersion == 1 ? !hasToken(connection, "close") : hasToken(connection, "keep-alive");

    // The route's limit matters only to a body (asking costs a path split and a route search).
    m_limit = m_bodyLimit && (r.chunked || r.contentLength > 0) ? m_bodyLimit(r) : 0;
    if (r.contentLength > m_limit)
        return FramerRejection{413, tr("request body of %1 bytes exceeds the limit of %2 bytes")
                                        .arg(r.contentLength)
                                        .arg(m_limit)};
    r.end = m_offset;
    if (onHead)
        onHead(r);
    m_decoded = 0;
    if (r.upgrade) {
        m_phase = Phase::Upgraded; // what follows is WebSocket frames, not HTTP
    } else if (r.chunked) {
        m_phase = Phase::ChunkSize;
    } else if (r.contentLength > 0) {
        m_phase = Phase::Body;
        m_remaining = r.contentLength;
    } else {
        endMessage(m_offset);
    }
    return std::nullopt;
}

std::optional<FramerRejection> RequestFramer::chunkLine(QByteArrayView line)
{
    // chunk-size [ chunk-ext ] CRLF, chunk-ext = *( BWS ";" BWS name [ BWS "=" BWS value ] )
    if (line.size() < 2 || line[line.size() - 2] != '\r')
        return FramerRejection{400, tr("a chunk line ends in LF without CR")};
    line.chop(2);
    if (line.contains('\r'))
        return FramerRejection{400, tr("a CR without LF in a chunk line")};
    qsizetype digits = 0;
    while (digits < line.size() && isHexDigit(line[digits]))
        ++digits;
    if (digits == 0 || digits > 15)
        return FramerRejection{400, tr("malformed chunk size")};
    const qint64 size = line.first(digits).toLongLong(nullptr, 16);
    auto skipBws = [&](qsizetype p) {
        while (p < line.size() && (line[p] == ' ' || line[p] == '\t'))
            ++p;
        return p;
    };
    const FramerRejection badExtension{400, tr("malformed chunk extension")};
    qsizetype p = digits;
    while (p < line.size()) {
        p = skipBws(p);
        if (p >= line.size() || line[p] != ';')
            return badExtension;
        p = skipBws(p + 1);
        const qsizetype nameStart = p;
        while (p < line.size() && isTchar(line[p]))
            ++p;
        if (p == nameStart)
            return badExtension;
        const qsizetype afterName = p;
        p = skipBws(p);
        if (p < line.size() && line[p] == '=') {
            p = skipBws(p + 1);
            if (p < line.size() && line[p] == '"') {
                ++p;
                for (;;) {
                    if (p >= line.size())
                        return badExtension;
                    const uchar c = uchar(line[p]);
                    if (c == '"')
                        break;
                    if (c == '\\') {
                        ++p;
                        if (p >= line.size() || !isFieldValue(line.sliced(p, 1)))
                            return badExtension;
                    } else if (!isFieldValue(line.sliced(p, 1))) {
                        return badExtension;
                    }
                    ++p;
                }
                ++p;
            } else {
                const qsizetype valueStart = p;
                while (p < line.size() && isTchar(line[p]))
                    ++p;
                if (p == valueStart)
                    return badExtension;
            }
        } else {
            p = afterName;
        }
    }
    if (size == 0) {
        m_phase = Phase::LastCR;
        return std::nullopt;
    }
    m_decoded += size;
    if (m_decoded > m_limit)
        return FramerRejection{413, tr("request body exceeds %1 bytes").arg(m_limit)};
    m_remaining = size;
    m_phase = Phase::ChunkData;
    return std::nullopt;
}

} // namespace depot
