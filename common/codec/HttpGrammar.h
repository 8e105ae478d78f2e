#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>

#include <optional>

namespace depot {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// Small pieces of the RFC 9110/9112 grammar shared by the guard (net) and the answer model (http).

// A non-empty RFC 9110 token of at most 256 bytes (method, header name).
bool isHeaderToken(QByteArrayView name);
// Header values as they may go on the wire: no CR, LF or NUL (header injection), no outer OWS.
QByteArray sanitizeHeaderValue(QByteArrayView value);
// A field value as the guard accepts it: HTAB, SP, VCHAR and obs-text only (no control bytes).
bool isFieldValue(QByteArrayView value);
// A non-negative decimal of 1 to 18 digits and nothing else (no sign, no spaces): the grammar of
// Content-Length, Range positions and our count fields; nullopt otherwise.
std::optional<qint64> parseDigits(QByteArrayView text);
QByteArray headerValue(const HeaderList &headers, QByteArrayView name);

} // namespace depot
