#include "endpoints/scripts/CgiResponse.h"

#include "codec/HeaderValue.h"

namespace depot {

namespace {

// Field values: visible characters, obs-text, space and tab. CR, LF, NUL and the other controls
// are what response splitting is made of.
bool isFieldValueChar(unsigned char c)
{
    return c == '\t' || (c >= 0x20 && c != 0x7f);
}

// "name: value" with a token name, no space before the colon and a clean value.
bool splitField(const QByteArray &line, QByteArray *name, QByteArray *value)
{
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0)
        return false;
    if (!HeaderValue::isToken(QByteArrayView(line).first(colon)))
        return false;
    for (qsizetype i = colon + 1; i < line.size(); ++i) {
        if (!isFieldValueChar(uchar(line.at(i))))
            return false;
    }
    *name = line.left(colon);
    // Only spaces and tabs can be left to trim: every other whitespace is a control character.
    *value = line.mid(colon + 1).trimmed();
    return true;
}

bool isCgiField(const QByteArray &lowerName)
{
    return lowerName == "status" || lowerName == "content-type" || lowerName == "location";
}

// Message framing and connection management belong to the server, never to the script.
bool isServerField(const QByteArray &lowerName)
{
    return lowerName == "content-length" || lowerName == "transfer-encoding" ||
           lowerName == "connection" || lowerName == "keep-alive" || lowerName == "upgrade" ||
           lowerName == "te" || lowerName == "trailer" || lowerName == "proxy-connection";
}

// "201" or "201 Created"; final statuses only (a 1xx could switch protocols).
int parseStatus(const QByteArray &value)
{
    if (value.size() < 3 || (value.size() > 3 && value.at(3) != ' '))
        return -1;
    int code = 0;
    for (int i = 0; i < 3; ++i) {
        const char c = value.at(i);
        if (c < '0' || c > '9')
            return -1;
        code = code * 10 + (c - '0');
    }
    return code >= 200 && code <= 599 ? code : -1;
}

CgiResponse::Headers bareBodyHeaders()
{
    return {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/plain; charset=utf-8")}};
}

} // namespace

CgiResponse CgiResponse::invalid(const QString &error)
{
    CgiResponse response;
    response.m_status = 502;
    response.m_error = error;
    return response;
}

void CgiResponse::ensureContentType(const QByteArray &fallback)
{
    for (const auto &header : std::as_const(m_headers)) {
        if (header.first.compare("content-type", Qt::CaseInsensitive) == 0)
            return;
    }
    m_headers.append({QByteArrayLiteral("Content-Type"), fallback});
}

CgiResponse CgiResponse::parse(const QByteArray &output, int maxHeaders)
{
    CgiResponse bare;
    bare.m_headers = bareBodyHeaders();
    bare.m_body = output;

    // Collect the candidate header block: lines up to the first empty one.
    QList<QByteArray> lines;
    qsizetype bodyStart = -1;
    qsizetype pos = 0;
    bool sawCgiField = false;
    int firstBadLine = 0;
    while (pos < output.size() && lines.size() <= maxHeaders) {
        const qsizetype newline = output.indexOf('\n', pos);
        if (newline < 0)
            break; // the last line is not terminated: no header block
        QByteArray line = output.mid(pos, newline - pos);
        if (line.endsWith('\r'))
            line.chop(1);
        pos = newline + 1;
        if (line.isEmpty()) {
            bodyStart = pos;
            break;
        }
        QByteArray name;
        QByteArray value;
        if (splitField(line, &name, &value)) {
            sawCgiField = sawCgiField || isCgiField(name.toLower());
        } else if (lines.isEmpty()) {
            return bare; // plain text: its first line is not a header field
        } else if (firstBadLine == 0) {
            firstBadLine = int(lines.size()) + 1;
        }
        lines.append(line);
    }

    if (!sawCgiField)
        return bare;
    if (lines.size() > maxHeaders)
        return invalid(tr("the script printed more than %1 header lines").arg(maxHeaders));
    if (bodyStart < 0)
        return invalid(tr("the script's headers are not followed by an empty line"));
    if (firstBadLine > 0)
        return invalid(
            tr("line %1 of the script's headers is not a valid header field").arg(firstBadLine));

    CgiResponse response;
    bool haveStatus = false;
    bool haveType = false;
    bool haveLocation = false;
    for (const QByteArray &line : std::as_const(lines)) {
        QByteArray name;
        QByteArray value;
        splitField(line, &name, &value);
        const QByteArray lower = name.toLower();
        if (lower == "status") {
            const int code = parseStatus(value);
            if (haveStatus || code < 0)
                return invalid(tr("the script's Status header is duplicated or not a status "
                                  "between 200 and 599"));
            haveStatus = true;
            response.m_status = code;
            continue;
        }
        if (isServerField(lower))
            continue;
        if (lower == "content-type" || lower == "location") {
            bool &seen = lower == "location" ? haveLocation : haveType;
            if (seen || value.isEmpty())
                return invalid(tr("the script's %1 header is duplicated or empty")
                                   .arg(QString::fromLatin1(name)));
            seen = true;
        }
        response.m_headers.append({name, value});
    }
    // RFC 3875 6.2.3: a client redirect.
    if (haveLocation && !haveStatus)
        response.m_status = 302;
    response.m_body = output.mid(bodyStart);
    // RFC 3875 6.3.1 says not to guess a type the script did not give; octet-stream is the
    // type of unknown content (RFC 9110 8.3).
    if (!response.m_body.isEmpty())
        response.ensureContentType(QByteArrayLiteral("application/octet-stream"));
    return response;
}

} // namespace depot
