#include "http/PageHeaders.h"

namespace depot {

QByteArray pageContentSecurityPolicy()
{
    // blob: images are the console's stored dump images, fetched with the token and shown
    // from memory; 'self' in connect-src covers the same-origin WebSockets (CSP 3).
    return QByteArrayLiteral("default-src 'none'; script-src 'self'; style-src 'self'; "
                             "img-src 'self' blob:; connect-src 'self'; form-action 'self'; "
                             "frame-ancestors 'none'; base-uri 'none'");
}

void setPageHeaders(HttpResponse &response)
{
    response.setHeader("Content-Security-Policy", pageContentSecurityPolicy());
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    response.setHeader("Cache-Control", "no-store");
}

} // namespace depot
