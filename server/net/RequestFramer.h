#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <functional>
#include <optional>

namespace depot {

struct RequestHead
{
    QByteArray method;
    QByteArray target;
    int minorVersion = 1;
    bool keepAlive = true;
    bool expectContinue = false;
    qint64 contentLength = -1; // -1: none
    bool chunked = false;
    bool upgrade = false; // "Connection: upgrade" + "Upgrade: websocket"
};

struct FramerRejection
{
    int status = 400;
    QString detail;
};

// Follows the byte stream of one HTTP/1.x connection and finds where each request's head and
// body end, without buffering bodies. The connection guard feeds it every byte before
// QHttpServer parses anything, so limits hold before memory is spent.
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
    // Returns the body limit for a parsed head (route-dependent).
    using BodyLimit = std::function<qint64(const RequestHead &)>;

    RequestFramer(Limits limits, BodyLimit bodyLimit);

    // Called when a head has been accepted (before its body arrives).
    std::function<void(const RequestHead &)> onHead;

    // Processes `data`; returns a rejection the first time the stream breaks a rule.
    std::optional<FramerRejection> feed(QByteArrayView data);

    bool idle() const { return m_phase == Phase::Head && m_head.isEmpty(); }
    bool readingHead() const { return m_phase == Phase::Head && !m_head.isEmpty(); }
    bool readingBody() const { return m_phase != Phase::Head && m_phase != Phase::Upgraded; }
    // After a WebSocket upgrade head the stream is no longer HTTP: nothing more is framed.
    bool upgraded() const { return m_phase == Phase::Upgraded; }
    // In the body phase with a known length: bytes still to come (lets the guard skip peeking).
    qint64 plainBodyRemaining() const { return m_phase == Phase::Body ? m_remaining : 0; }
    void skipPlainBody(qint64 n)
    {
        m_remaining -= n;
        if (m_remaining == 0)
            m_phase = Phase::Head; // the connection is idle again (keep-alive, shutdown)
    }

private:
    enum class Phase { Head, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailer, Upgraded };

    std::optional<FramerRejection> parseHead(QByteArrayView head);
    std::optional<FramerRejection> headTooLarge() const;

    Limits m_limits;
    BodyLimit m_bodyLimit;
    Phase m_phase = Phase::Head;
    QByteArray m_head; // head bytes so far (also chunk-size and trailer lines)
    int m_headLines = 0;
    qint64 m_remaining = 0;
    qint64 m_decoded = 0;
    qint64 m_limit = 0;
};

} // namespace depot
