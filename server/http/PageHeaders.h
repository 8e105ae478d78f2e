#pragma once

#include "http/HttpResponse.h"

namespace depot {

// The one policy for HTML pages of our own origin (drop page, console, download page): scripts,
// styles, images and connections from this origin only, no inline script or style, no framing,
// no referrer, nothing cached. Users' hosted content never gets this: it is sandboxed instead.
void setPageHeaders(HttpResponse &response);

// The Content-Security-Policy value setPageHeaders() sends (tests compare against it).
QByteArray pageContentSecurityPolicy();

} // namespace depot
