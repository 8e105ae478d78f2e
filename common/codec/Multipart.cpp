#include "codec/Multipart.h"

#include "codec/HeaderValue.h"

namespace depot {

namespace {

bool isBoundaryChar(uchar c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '\'':
    case '(':
    case ')':
    case '+':
    case '_':
    case ',':
    case '-':
    case '.':
    case '/':
    case ':':
    case '=':
    case '?':
    case ' ':
        return true;
    default:
        return false;
    }
}

bool isLinearWhiteSpace(char c)
{
    return c == ' ' || c == '\t';
}

// Header field values may carry obs-text (raw UTF-8 file names) but no control characters:
// a stray CR or LF inside a line is how header injection and parser differentials start.
bool hasControlCharacter(QByteArrayView text)
{
    for (char c : text) {
        const uchar u = uchar(c);
        if ((u < 0x20 && u != '\t') || u == 0x7f)
            return true;
    }
    return false;
}

} // namespace

std::optional<QByteArray> MultipartForm::field(QByteArrayView name) const
{
    for (const auto &f : fields) {
        if (f.first == name)
            return f.second;
    }
    return std::nullopt;
}

MultipartParser::MultipartParser(QByteArray boundary, qint64 maxPartHeaderBytes, int maxParts)
    : m_maxHeaderBytes(maxPartHeaderBytes), m_maxParts(maxParts)
{
    m_delimiter = QByteArrayLiteral("\r\n--") + boundary;
    m_matcher.setPattern(m_delimiter);
    // RFC 2046 lets the first boundary start the body without a preceding CRLF. Pretending one
    // was there makes the first delimiter look like every other, so one search handles both.
    m_buffer = QByteArrayLiteral("\r\n");
    if (!isValidBoundary(boundary)) {
        fail(Error::InvalidBoundary,
             tr("The multipart boundary is missing or not valid (RFC 2046: 1 to 70 characters)"));
    }
}

bool MultipartParser::isValidBoundary(QByteArrayView boundary)
{
    if (boundary.isEmpty() || boundary.size() > 70 || boundary.endsWith(' '))
        return false;
    for (char c : boundary) {
        if (!isBoundaryChar(uchar(c)))
            return false;
    }
    return true;
}

std::optional<QByteArray> MultipartParser::boundaryFromContentType(QByteArrayView contentType)
{
    const auto header = HeaderValue::parse(contentType);
    if (!header || header->value() != "multipart/form-data")
        return std::nullopt;
    const auto boundary = header->parameter("boundary");
    if (!boundary || !isValidBoundary(*boundary))
        return std::nullopt;
    return boundary;
}

std::optional<MultipartForm>
MultipartParser::parseAll(QByteArrayView body, const QByteArray &boundary, QString *errorString)
{
    MultipartParser parser(boundary);
    MultipartForm form;
    MultipartPart current;
    QByteArray data;
    parser.setPartBeginHandler([&](const MultipartPart &part) {
        current = part;
        data.clear();
    });
    parser.setPartDataHandler([&](QByteArrayView chunk) { data.append(chunk); });
    parser.setPartEndHandler([&] {
        if (current.hasFileName)
            form.files.append({current, data});
        else
            form.fields.append({current.name, data});
    });
    if (!parser.feed(body) || !parser.finish()) {
        if (errorString)
            *errorString = parser.errorString();
        return std::nullopt;
    }
    return form;
}

bool MultipartParser::feed(QByteArrayView chunk)
{
    if (m_state == State::Failed)
        return false;
    if (m_state == State::Epilogue)
        return true; // the epilogue is ignored, not even buffered
    m_buffer.append(chunk);
    process();
    return m_state != State::Failed;
}

bool MultipartParser::finish()
{
    switch (m_state) {
    case State::Failed:
        return false;
    case State::Epilogue:
        return true;
    case State::Preamble:
        fail(Error::MissingFinalBoundary,
             tr("The multipart body ended before its first boundary \"--%1\"")
                 .arg(QString::fromLatin1(m_delimiter.sliced(4))));
        return false;
    default:
        fail(Error::MissingFinalBoundary,
             tr("The multipart body ended before its final boundary \"--%1--\"")
                 .arg(QString::fromLatin1(m_delimiter.sliced(4))));
        return false;
    }
}

void MultipartParser::abort(const QString &reason)
{
    fail(Error::Aborted, reason);
}

void MultipartParser::fail(Error error, const QString &reason)
{
    if (m_state == State::Failed)
        return; // the first problem is the one worth reporting
    m_state = State::Failed;
    m_error = error;
    m_errorString = reason;
    m_buffer.clear();
    m_pos = 0;
}

void MultipartParser::process()
{
    bool progressed = true;
    while (progressed) {
        switch (m_state) {
        case State::Preamble:
        case State::Body:
            progressed = scanForDelimiter();
            break;
        case State::BoundaryLine:
            progressed = readBoundaryLine();
            break;
        case State::Headers:
            progressed = readHeaders();
            break;
        case State::Epilogue:
            m_pos = m_buffer.size();
            progressed = false;
            break;
        case State::Failed:
            return;
        }
    }
    // Drop consumed bytes once per feed() rather than per event: keeps appends linear.
    m_buffer.remove(0, m_pos);
    m_headerScan = qMax<qsizetype>(0, m_headerScan - m_pos);
    m_pos = 0;
}

void MultipartParser::emitData(qsizetype end)
{
    if (end <= m_pos)
        return;
    if (m_state == State::Body && m_onData)
        m_onData(QByteArrayView(m_buffer).sliced(m_pos, end - m_pos));
    if (m_state != State::Failed) // the handler may have aborted and cleared the buffer
        m_pos = end;
}

// In the preamble or a part body: looks for CRLF "--" boundary. Returns true when a delimiter
// was found and the state changed, false when more input is needed.
bool MultipartParser::scanForDelimiter()
{
    const qsizetype size = m_buffer.size();
    qsizetype from = m_pos;
    for (;;) {
        const qsizetype found = m_matcher.indexIn(m_buffer, from);
        if (found < 0) {
            // Hold back a tail that could be the start of a delimiter split across chunks.
            emitData(size - qMin<qsizetype>(size - m_pos, m_delimiter.size() - 1));
            return false;
        }
        const qsizetype after = found + m_delimiter.size();
        if (after >= size) {
            emitData(found);
            return false;
        }
        // Like Go's mime/multipart: the match is a delimiter only if "--" or the rest of a
        // boundary line follows; "--boundaryX" inside the data is data.
        const char next = m_buffer.at(after);
        bool isClose = false;
        if (next == '-') {
            if (after + 1 >= size) {
                emitData(found);
                return false;
            }
            isClose = m_buffer.at(after + 1) == '-';
        }
        if (isClose || isLinearWhiteSpace(next) || next == '\r' || next == '\n') {
            emitData(found);
            if (m_state == State::Body && m_onEnd)
                m_onEnd();
            if (m_state == State::Failed)
                return false;
            m_pos = isClose ? after + 2 : after;
            m_state = isClose ? State::Epilogue : State::BoundaryLine;
            return true;
        }
        from = found + 1;
    }
}

// After "--boundary": optional transport padding (LWSP), then CRLF.
bool MultipartParser::readBoundaryLine()
{
    const qsizetype size = m_buffer.size();
    while (m_pos < size && isLinearWhiteSpace(m_buffer.at(m_pos)))
        ++m_pos;
    if (m_pos >= size)
        return false;
    if (m_buffer.at(m_pos) != '\r' || (m_pos + 1 < size && m_buffer.at(m_pos + 1) != '\n')) {
        fail(Error::BadBoundaryLine,
             tr("A multipart boundary line is not followed by CRLF (after part %1)")
                 .arg(m_partCount));
        return false;
    }
    if (m_pos + 1 >= size)
        return false;
    m_pos += 2;
    if (m_partCount >= m_maxParts) {
        fail(Error::TooManyParts, tr("The multipart body has more than %1 parts").arg(m_maxParts));
        return false;
    }
    m_state = State::Headers;
    m_headerScan = m_pos;
    return true;
}

// Collects the header block up to the blank line, within the size cap.
bool MultipartParser::readHeaders()
{
    const qsizetype size = m_buffer.size();
    if (size - m_pos < 2)
        return false;
    qsizetype end = 0;
    qsizetype next = 0;
    if (m_buffer.at(m_pos) == '\r' && m_buffer.at(m_pos + 1) == '\n') {
        end = m_pos; // no header lines at all; parseHeaderBlock() reports what is missing
        next = m_pos + 2;
    } else {
        const qsizetype blank = m_buffer.indexOf("\r\n\r\n", qMax(m_pos, m_headerScan));
        if (blank < 0) {
            // The blank line can start no earlier than 3 bytes from the end, so the cap can be
            // enforced now, whatever the chunking, without buffering more.
            if (size - m_pos - 3 > m_maxHeaderBytes) {
                fail(Error::HeaderTooLong, tr("The headers of part %1 are longer than %2 bytes")
                                               .arg(m_partCount + 1)
                                               .arg(m_maxHeaderBytes));
                return false;
            }
            m_headerScan = qMax(m_pos, size - 3);
            return false;
        }
        end = blank;
        next = blank + 4;
    }
    if (end - m_pos > m_maxHeaderBytes) {
        fail(Error::HeaderTooLong, tr("The headers of part %1 are longer than %2 bytes")
                                       .arg(m_partCount + 1)
                                       .arg(m_maxHeaderBytes));
        return false;
    }
    const auto part = parseHeaderBlock(QByteArrayView(m_buffer).sliced(m_pos, end - m_pos));
    if (!part)
        return false;
    m_pos = next;
    ++m_partCount;
    m_state = State::Body;
    if (m_onBegin)
        m_onBegin(*part);
    return m_state != State::Failed;
}

std::optional<MultipartPart> MultipartParser::parseHeaderBlock(QByteArrayView block)
{
    const int number = m_partCount + 1;
    const auto bad = [this, number](const QString &reason) -> std::optional<MultipartPart> {
        fail(Error::BadPartHeader, tr("Part %1: %2").arg(number).arg(reason));
        return std::nullopt;
    };

    MultipartPart part;
    bool sawDisposition = false;
    bool sawType = false;
    qsizetype lineStart = 0;
    while (lineStart < block.size()) {
        qsizetype lineEnd = block.indexOf("\r\n", lineStart);
        if (lineEnd < 0)
            lineEnd = block.size();
        const QByteArrayView line = block.sliced(lineStart, lineEnd - lineStart);
        lineStart = lineEnd + 2;

        // RFC 9112 5.2: obsolete line folding may be rejected; it is a classic smuggling vector.
        if (line.isEmpty() || isLinearWhiteSpace(line.front()))
            return bad(tr("folded or empty header line"));
        const qsizetype colon = line.indexOf(':');
        if (colon < 0 || !HeaderValue::isToken(line.first(colon)))
            return bad(tr("malformed header line"));
        const QByteArrayView name = line.first(colon);
        const QByteArrayView value = line.sliced(colon + 1);
        if (hasControlCharacter(value)) {
            return bad(tr("control character in header \"%1\"")
                           .arg(QString::fromLatin1(name.toByteArray())));
        }
        part.headers.append({name.toByteArray(), value.trimmed().toByteArray()});

        QString error;
        if (name.compare("content-disposition", Qt::CaseInsensitive) == 0) {
            if (sawDisposition)
                return bad(tr("more than one Content-Disposition header"));
            sawDisposition = true;
            const auto disposition = HeaderValue::parse(value, &error);
            if (!disposition)
                return bad(tr("bad Content-Disposition header: %1").arg(error));
            if (disposition->value() != "form-data")
                return bad(tr("Content-Disposition is not \"form-data\""));
            const auto fieldName = disposition->parameter("name");
            if (!fieldName)
                return bad(tr("Content-Disposition has no name parameter"));
            part.name = *fieldName;
            part.hasFileName = disposition->hasTextParameter("filename");
            part.fileName = disposition->textParameter("filename");
        } else if (name.compare("content-type", Qt::CaseInsensitive) == 0) {
            if (sawType)
                return bad(tr("more than one Content-Type header"));
            sawType = true;
            const auto type = HeaderValue::parse(value, &error);
            if (!type)
                return bad(tr("bad Content-Type header: %1").arg(error));
            if (!type->value().contains('/'))
                return bad(tr("Content-Type is not a media type"));
            part.contentType = type->value();
        } else if (name.compare("content-transfer-encoding", Qt::CaseInsensitive) == 0) {
            // RFC 7578 4.7 deprecates it; passing base64 through undecoded would be wrong.
            const QByteArray encoding = value.trimmed().toByteArray().toLower();
            if (encoding != "7bit" && encoding != "8bit" && encoding != "binary")
                return bad(tr("unsupported Content-Transfer-Encoding"));
        }
    }
    if (!sawDisposition)
        return bad(tr("no Content-Disposition header"));
    return part;
}

} // namespace depot
