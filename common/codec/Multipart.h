#pragma once

#include <QByteArray>
#include <QByteArrayMatcher>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QString>

#include <functional>
#include <optional>

namespace depot {

// The headers of one part of a multipart/form-data body.
struct MultipartPart
{
    // The form field name: raw bytes of the Content-Disposition `name` parameter (browsers send
    // UTF-8). Always present; a part without it is rejected.
    QByteArray name;
    // The client's file name (`filename*` preferred over `filename`), decoded but NOT sanitised:
    // it may contain "../", "\", NUL or be 300 characters long. Pass it through
    // ContentDisposition::sanitizeFileName() before storing or showing it.
    QString fileName;
    // True if the part had a `filename` or `filename*` parameter (even an empty one, which is what
    // browsers send for a file input left empty): the part is a file, not a text field.
    bool hasFileName = false;
    // The lower-cased media type of the part's Content-Type without parameters
    // ("text/plain"), empty if the part had none. Untrusted: sniff the content instead.
    QByteArray contentType;
    // Every header line of the part in order, names as sent, values with surrounding OWS trimmed.
    QList<QPair<QByteArray, QByteArray>> headers;
};

// One file part collected by MultipartParser::parseAll().
struct MultipartFile
{
    MultipartPart part;
    QByteArray data;
};

// The result of MultipartParser::parseAll(): text fields and files, each in body order.
struct MultipartForm
{
    QList<QPair<QByteArray, QByteArray>> fields;
    QList<MultipartFile> files;

    // The first value of the field `name`, std::nullopt if absent.
    std::optional<QByteArray> field(QByteArrayView name) const;
};

// An incremental multipart/form-data parser (RFC 7578, body syntax from RFC 2046 5.1.1).
//
// The body is pushed in with feed() in chunks of any size, and the parts come out through
// callbacks, so file parts can be written straight to disk. Memory use is bounded by the chunk
// size plus the header cap, whatever the body looks like. Every split of the same input gives the
// same sequence of parts and the same concatenated data; only the way partData() slices the data
// differs.
//
// Only finish() returning true means the body was complete and well-formed: a consumer that wrote
// files while parsing must discard them when feed() or finish() returns false.
class MultipartParser
{
    Q_DECLARE_TR_FUNCTIONS(MultipartParser)

public:
    enum class Error {
        NoError,
        InvalidBoundary,      // the boundary given to the constructor breaks RFC 2046
        MissingFinalBoundary, // finish() before "--boundary--" (truncated upload)
        BadBoundaryLine,      // "--boundary" followed by junk instead of CRLF
        HeaderTooLong,        // a part's header block exceeds maxPartHeaderBytes
        BadPartHeader,        // malformed header line, no Content-Disposition, no name, ...
        TooManyParts,         // more than maxParts parts
        Aborted,              // a callback called abort()
    };

    using PartBeginHandler = std::function<void(const MultipartPart &part)>;
    using PartDataHandler = std::function<void(QByteArrayView data)>;
    using PartEndHandler = std::function<void()>;

    explicit MultipartParser(QByteArray boundary, qint64 maxPartHeaderBytes = 16 * 1024,
                             int maxParts = 1000);

    // The boundary parameter of a `multipart/form-data` Content-Type, std::nullopt if the header
    // is malformed, of another type, or the boundary is missing or invalid.
    static std::optional<QByteArray> boundaryFromContentType(QByteArrayView contentType);
    // RFC 2046: 1 to 70 characters from a restricted set, not ending in a space.
    static bool isValidBoundary(QByteArrayView boundary);

    // Parses a whole body held in memory. Meant for tests and small forms: files are collected
    // in memory too. On failure returns std::nullopt and sets *errorString if given.
    static std::optional<MultipartForm> parseAll(QByteArrayView body, const QByteArray &boundary,
                                                 QString *errorString = nullptr);

    // Called when a part's headers are complete, then partData() zero or more times with the
    // part's bytes (never empty), then partEnd(). Handlers must not call feed() or finish().
    void setPartBeginHandler(PartBeginHandler handler) { m_onBegin = std::move(handler); }
    void setPartDataHandler(PartDataHandler handler) { m_onData = std::move(handler); }
    void setPartEndHandler(PartEndHandler handler) { m_onEnd = std::move(handler); }

    // Pushes the next bytes of the body. Returns false once the body is known to be invalid;
    // further calls keep returning false. Bytes after the final boundary are ignored.
    bool feed(QByteArrayView chunk);
    // Declares the end of the body. False if it was invalid or the final boundary never came.
    bool finish();

    // Stops parsing from inside a handler (e.g. a file over its size limit, a full disk); the
    // running feed() returns false and errorString() returns `reason`.
    void abort(const QString &reason);

    bool isFinished() const { return m_state == State::Epilogue; }
    Error error() const { return m_error; }
    // A translated sentence naming the problem, empty if there is none.
    QString errorString() const { return m_errorString; }
    // Number of parts whose headers have been read so far.
    int partCount() const { return m_partCount; }

private:
    enum class State { Preamble, BoundaryLine, Headers, Body, Epilogue, Failed };

    void process();
    bool scanForDelimiter();
    bool readBoundaryLine();
    bool readHeaders();
    std::optional<MultipartPart> parseHeaderBlock(QByteArrayView block);
    void emitData(qsizetype end);
    void fail(Error error, const QString &reason);

    QByteArray m_delimiter; // CRLF "--" boundary
    QByteArrayMatcher m_matcher;
    qint64 m_maxHeaderBytes;
    int m_maxParts;

    State m_state = State::Preamble;
    Error m_error = Error::NoError;
    QString m_errorString;
    QByteArray m_buffer;        // bytes not yet consumed, from m_pos on
    qsizetype m_pos = 0;        // start of the unconsumed bytes in m_buffer
    qsizetype m_headerScan = 0; // where the search for the blank line resumes
    int m_partCount = 0;

    PartBeginHandler m_onBegin;
    PartDataHandler m_onData;
    PartEndHandler m_onEnd;
};

} // namespace depot
