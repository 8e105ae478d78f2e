#include "http/Auth.h"

namespace depot {

BearerCredentials BearerCredentials::parse(QByteArrayView authorization)
{
    BearerCredentials result;
    const QByteArray header = authorization.toByteArray();
    const qsizetype space = header.indexOf(' ');
    const QByteArray scheme = header.left(space).toLower();
    const QByteArray credentials = space < 0 ? QByteArray() : header.mid(space + 1).trimmed();
    if (scheme == "bearer") {
        result.token = credentials;
    } else if (scheme == "basic") {
        const auto decoded =
            QByteArray::fromBase64Encoding(credentials, QByteArray::AbortOnBase64DecodingErrors);
        const qsizetype colon = decoded ? decoded.decoded.indexOf(':') : -1;
        if (colon > 0) {
            result.basicUser = QString::fromUtf8(decoded.decoded.left(colon));
            result.token = decoded.decoded.mid(colon + 1);
        }
    }
    return result;
}

} // namespace depot
