#pragma once

#include "drop/SharesTable.h"
#include "http/ApiError.h"
#include "store/BlobStore.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <memory>
#include <optional>

namespace depot {

// Everything one upload needs, copied out of the exchange so that it can run on the thread pool.
struct DropUploadJob
{
    QByteArray body;     // the whole request body (QHttpServer has buffered it already)
    QByteArray boundary; // multipart/form-data boundary; empty: the body is the file itself
    // For a raw body: the client's file name (URL, X-Filename or Content-Disposition) and type.
    QString rawFileName;
    QByteArray rawContentType;
    // Options given in the query string or headers; form fields of the same name win.
    std::optional<QByteArray> password, maxDownloads, expiresIn;

    QString blobDirectory;
    QString blob; // the file's name in the BlobStore
    qint64 maxBytes = 0;
    int maxDownloadsLimit = 1;
    qint64 defaultExpirySeconds = 0;
    qint64 maxExpirySeconds = 0;
    int kdfIterations = 0;
    qint64 now = 0;
};

struct DropUploadResult
{
    std::optional<ApiError> error; // set: nothing was stored
    Share share;                   // everything but the id
    QString deleteToken;           // the secret behind share.deleteTokenHash
    // The file, on disk but nameless until commit(): insert the row first, then name the file
    // (BlobStore's crash-safe order). Dropped without commit(), the file is gone.
    std::shared_ptr<BlobStore::Writer> pending;
};

// The slow half of PUT /api/v1.0/file, run on the thread pool: parses the multipart body in
// chunks straight into an atomic BlobStore write (the file part is size-checked byte by byte),
// validates the options, stages the file (see DropUploadResult::pending), and hashes the password
// and the delete token. On any error nothing is left on disk.
class DropUpload
{
    Q_DECLARE_TR_FUNCTIONS(DropUpload)

public:
    static DropUploadResult run(const DropUploadJob &job);

    // The Content-Type a download is served with: magic bytes beat the file name, the name beats
    // the client's claim; never an active type (HTML, SVG, script), which becomes
    // application/octet-stream.
    static QString chooseContentType(QByteArrayView head, const QString &fileName,
                                     const QByteArray &declared);
    // SHA-256 of a delete token, hex.
    static QString hashToken(QStringView token);
    // Bound on each text field of the form (password, max_downloads, expires_in).
    static constexpr qsizetype MaxFieldBytes = 4096;
};

} // namespace depot
