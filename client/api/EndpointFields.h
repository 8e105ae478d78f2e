#pragma once

#include "model/Endpoint.h"
#include "api/UploadForm.h"

#include <QJsonObject>

namespace depot {

// What the client sends for an Endpoint (common/model/Endpoint.h). Endpoint::toJson() is the
// server's full representation: it carries read-only fields (id, url, file_name, ...) and writes
// an unset expiry as null, which Endpoint::applyFields() reads as "reset to the default expiry".
// The requests need only the writable fields, and multipart forms need them as text (the inverse
// of Endpoint::fieldsFromText()).
namespace EndpointFields {

// The writable fields as POST / PUT take them. An invalid expiresAt is left out (PUT keeps the
// current expiry, POST gets the default); response is sent for json endpoints only.
QJsonObject toJson(const Endpoint &endpoint);
// The same fields as text, as Endpoint::fieldsFromText() reads them back.
UploadForm::Fields toFormFields(const Endpoint &endpoint);

} // namespace EndpointFields
} // namespace depot
