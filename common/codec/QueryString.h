#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace depot {

// The first value of parameter `name` in a raw query string (without '?'), percent- and
// '+'-decoded (HTML form / requests-style encoding).
std::optional<QString> queryParameter(const QByteArray &query, const QString &name);

} // namespace depot
