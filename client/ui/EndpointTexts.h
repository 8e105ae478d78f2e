#pragma once

#include "model/Endpoint.h"

#include <QString>

namespace depot::EndpointTexts {

// "JSON mock", "Static file", "Python script", translated.
QString kindLabel(Endpoint::Kind kind);
// The form's label for an API field ("identifier" → "Path"), translated; the field name itself
// when the client has no label for it.
QString fieldLabel(const QString &field);

} // namespace depot::EndpointTexts
