#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QString>

#include <functional>
#include <optional>

namespace depot {

struct RequestHead
{
    QByteArray method;
    QByteArray target;    // origin-form (path and query); an absolute-form target is reduced to it
    QByteArray authority; // host[:port] of an absolute-form target, else the Host field
    int minorVersion = 1;
    bool keepAlive = true;
    bool expectContinue = false;
    qint64 contentLength = -1; // -1: none
    bool chunked = false;
    QList<QPair<QByteArray, QByteArray>> fields; // as received: name, value without OWS
    // A WebSocket handshake: GET, HTTP/1.1, a Connection token "upgrade", "Upgrade: websocket"
    // and no body. The framer stops there; the guard asks its UpgradePolicy about the path.
    bool upgrade = false;
    qint64 end = 0; // stream offset just after the head (of a bodyless request: its end)
};

struct FramerRejection
{
    int status = 400;
    QString detail;
};

// Follows the byte stream of one HTTP/1.x connection and finds where each request's head and
// body end, without buffering bodies. The connection guard feeds it every byte before
// QHttpServer parses anything, so limits hold before memory is spent.
//
// It accepts only a strict subset of RFC 9112 on which QHttpServer 6.4's lenient parser provably
// frames the same requests (tests/integration/tst_framingdiff checks it against a real
// QHttpServer): every line ends in CR LF; no bare CR or LF, no obs-fold, no trailer fields, no
// control bytes in field values, no whitespace before a colon; exactly one Content-Length of
// plain digits or exactly "Transfer-Encoding: chunked" (never both, never on HTTP/1.0);
// well-formed chunk sizes (hex digits only) and extensions; one valid Host. Everything else is
// refused, and the guard closes the connection. The one exception to "no upgrades" is a plain
// WebSocket handshake (RequestHead::upgrade), after which nothing more is framed.
class RequestFramer
{
    Q_DECLARE_TR_FUNCTIONS(RequestFramer)

public:
    struct Limits
    {
        int maxHeadBytes = 16 * 1024;
        int maxHeaderFields = 64;
        int maxChunkLineBytes = 1024;
    };
    // QHttpServer 6.4's header parser drops *all* fields of a head beyond these (and then reads
    // the body as the next request): the guard never lets such a head through, whatever the
    // configured limits say.
    static constexpr int QtMaxFieldLineBytes = 8 * 1024 - 2;
    static constexpr int QtMaxHeaderFields = 99;
    static constexpr int QtMaxHeadBytes = 64 * 1024;

    // Returns the body limit for a parsed head (route-dependent).
    using BodyLimit = std::function<qint64(const RequestHead &)>;

    RequestFramer(Limits limits, BodyLimit bodyLimit);

    // Whether a WebSocket handshake (RequestHead::upgrade) may go on to QHttpServer: the guard's
    // UpgradePolicy (the WebSocket routes). Unset or false: refused with 404, as any other
    // upgrade is refused with 400.
    std::function<bool(const RequestHead &)> upgradeAllowed;
    // Called when a head has been accepted (before its body arrives).
    std::function<void(const RequestHead &)> onHead;
    // Optional: body bytes as they are framed (decoded from chunks), and the end of each request
    // (the stream offset just after its last byte). Used by tests; the guard needs neither.
    std::function<void(QByteArrayView)> onBody;
    std::function<void(qint64 end)> onMessageEnd;

    // Processes `data`; returns a rejection the first time the stream breaks a rule.
    std::optional<FramerRejection> feed(QByteArrayView data);

    // The request being read (empty until its request line has been parsed): for logs.
    const QByteArray &currentMethod() const { return m_method; }
    const QByteArray &currentTarget() const { return m_target; }

    bool idle() const { return m_phase == Phase::Head && m_head.isEmpty(); }
    bool readingHead() const { return m_phase == Phase::Head && !m_head.isEmpty(); }
    bool readingBody() const { return m_phase != Phase::Head && m_phase != Phase::Upgraded; }
    // After a WebSocket upgrade head the stream is no longer HTTP: nothing more is framed.
    bool upgraded() const { return m_phase == Phase::Upgraded; }
    // Bytes of the stream fed so far (offsets in RequestHead::end count from the stream's start).
    qint64 streamOffset() const { return m_offset; }
    // In the body phase with a known length: bytes still to come (lets the guard skip peeking).
    qint64 plainBodyRemaining() const { return m_phase == Phase::Body ? m_remaining : 0; }
    void skipPlainBody(qint64 n)
    {
        m_remaining -= n;
        m_offset += n;
        if (m_remaining == 0)
            endMessage(m_offset);
    }

private:
    enum class Phase {
        Head,
        Body,
        ChunkSize,
        ChunkData,
        ChunkDataCR,
        ChunkDataLF,
        LastCR,
        LastLF,
        Upgraded
    };

    std::optional<FramerRejection> headLine();
    std::optional<FramerRejection> parseHead(QByteArrayView head);
    std::optional<FramerRejection> chunkLine(QByteArrayView line);
    std::optional<FramerRejection> headTooLarge() const;
    void endMessage(qint64 end);
    int maxHeadBytes() const;

    Limits m_limits;
    BodyLimit m_bodyLimit;
    Phase m_phase = Phase::Head;
    QByteArray m_head; // head bytes so far (also the chunk-size line)
    int m_headLines = 0;
    qsizetype m_lineStart = 0; // where the current head line starts in m_head
    bool m_splitFinalCRLF = false;
    QByteArray m_method, m_target;
    bool m_leadingCR = false; // a CR of an empty line before a request line
    qint64 m_remaining = 0;
    qint64 m_decoded = 0;
    qint64 m_limit = 0;
    qint64 m_offset = 0; // stream bytes fed so far
};

} // namespace depot
