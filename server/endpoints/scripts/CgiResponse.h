#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QString>

namespace depot {

// What a script printed, read as a CGI/1.1 response (RFC 3875 section 6) or as a bare body.
//
// Output counts as CGI when its first line is a header field and the header block, terminated by
// an empty line (LF or CRLF), contains Status, Content-Type or Location, the fields RFC 3875
// requires. Anything else is a bare body answered 200 text/plain. Within a CGI header block every
// line must be a well-formed field: a lone CR, a control character, an obs-fold continuation or a
// name with non-token characters makes the whole response invalid, so nothing the script smuggles
// in can become a header of ours.
class CgiResponse
{
    Q_DECLARE_TR_FUNCTIONS(depot::CgiResponse)

public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;
    static constexpr int DefaultMaxHeaders = 50;

    static CgiResponse parse(const QByteArray &output, int maxHeaders = DefaultMaxHeaders);

    bool isValid() const { return m_error.isEmpty(); }
    // Why the output was rejected (for the script's owner); empty when valid.
    QString error() const { return m_error; }
    int status() const { return m_status; }
    // Without Status; framing and hop-by-hop fields (Content-Length, Transfer-Encoding,
    // Connection, ...) are dropped because the server sets those itself.
    const Headers &headers() const { return m_headers; }
    const QByteArray &body() const { return m_body; }

private:
    static CgiResponse invalid(const QString &error);
    void ensureContentType(const QByteArray &fallback);

    int m_status = 200;
    Headers m_headers;
    QByteArray m_body;
    QString m_error;
};

} // namespace depot
