#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace depot {

// A parsed HTTP header value of the form `value *( OWS ";" OWS name=param )` (RFC 9110 5.6.6),
// as used by Content-Type and Content-Disposition.
//
// Parsing is strict on purpose: a header that two parsers could read differently (duplicate
// parameters, unterminated quotes, control characters, a broken RFC 8187 ext-value) is rejected
// instead of guessed at, so the server and whatever sits in front of it agree on one meaning.
class HeaderValue
{
    Q_DECLARE_TR_FUNCTIONS(HeaderValue)

public:
    using Parameter = QPair<QByteArray, QByteArray>;

    // Parses `raw`. The value (`type/subtype` or a bare token) is lower-cased; parameter names are
    // lower-cased, parameter values are returned with quoting and the two escapes (\" and \\)
    // removed. A backslash before any other character is kept as it is, because clients send
    // file names like "C:\dir\a.txt" without escaping (as Go and Werkzeug also read them).
    // On failure returns std::nullopt and, if given, sets *errorString to a translated reason.
    static std::optional<HeaderValue> parse(QByteArrayView raw, QString *errorString = nullptr);

    // Decodes an RFC 8187 (formerly 5987) ext-value such as `UTF-8''%e2%82%ac.txt`. Accepts the
    // charsets UTF-8 and ISO-8859-1; std::nullopt on bad syntax, bad percent-encoding or bytes that
    // are not valid in the declared charset.
    static std::optional<QString> decodeExtValue(QByteArrayView extValue);

    // True if `text` is a non-empty RFC 9110 token (header names, media types, parameter names).
    static bool isToken(QByteArrayView text);

    // The lower-cased value before the first ";", e.g. "multipart/form-data" or "form-data".
    const QByteArray &value() const { return m_value; }
    // The parameters in the order they appeared; names lower-cased, values unquoted.
    const QList<Parameter> &parameters() const { return m_parameters; }

    // Case-insensitive lookups of a parameter by name.
    bool hasParameter(QByteArrayView name) const;
    std::optional<QByteArray> parameter(QByteArrayView name) const;

    // For text parameters such as `filename`: true if `name` or `name*` is present.
    bool hasTextParameter(QByteArrayView name) const;
    // The decoded `name*` when present (RFC 6266 says to prefer it), otherwise `name` read as
    // UTF-8 (browsers send raw UTF-8 in multipart file names). Empty if neither is present.
    QString textParameter(QByteArrayView name) const;

private:
    QByteArray m_value;
    QList<Parameter> m_parameters;
};

} // namespace depot
