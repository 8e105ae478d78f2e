#include "drop/DropUpload.h"

#include "codec/ContentDisposition.h"
#include "codec/MediaType.h"
#include "codec/Multipart.h"
#include "crypto/PasswordHash.h"
#include "crypto/SecureRandom.h"

#include <QCryptographicHash>

namespace depot {
namespace {

constexpr qsizetype FeedChunk = 64 * 1024; // bounds the parser's buffer, whatever the body
constexpr qsizetype SniffBytes = 4096;

ApiError storageError(const BlobStore::Writer &writer)
{
    if (writer.status() == BlobStore::Status::DiskFull)
        return ApiError::insufficientStorage(
            DropUpload::tr("the server has no room for this file"));
    return ApiError::internal(DropUpload::tr("the file could not be stored"));
}

// What the multipart body held, filled while it streams through the parser.
struct Form
{
    bool haveFile = false;
    bool fileHadName = false;
    QString fileName;
    QByteArray fileType;
    QByteArray head; // the file's first bytes, for sniffing
    std::optional<QByteArray> password, maxDownloads, expiresIn;
    std::optional<ApiError> error;
};

} // namespace

QString DropUpload::chooseContentType(QByteArrayView head, const QString &fileName,
                                      const QByteArray &declared)
{
    const QString octet = QStringLiteral("application/octet-stream");
    const QString sniffed = MediaType::sniff(head);
    if (!sniffed.isEmpty() && sniffed != u"text/plain")
        return sniffed; // magic bytes: evidence
    const QString byName = MediaType::fromFileName(fileName);
    if (byName != octet && !MediaType::isActiveContent(byName))
        return byName; // what the seed did (Python's mimetypes)
    const QString claimed = MediaType::essence(QString::fromLatin1(declared));
    if (!claimed.isEmpty() && claimed != octet && !MediaType::isActiveContent(claimed))
        return claimed;
    return sniffed.isEmpty() ? octet : sniffed;
}

QString DropUpload::hashToken(QStringView token)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex());
}

DropUploadResult DropUpload::run(const DropUploadJob &job)
{
    DropUploadResult result;
    const BlobStore store(job.blobDirectory);
    const std::shared_ptr<BlobStore::Writer> writer = store.create(job.blob);
    if (!writer || !writer->open()) {
        result.error = writer ? storageError(*writer) : ApiError::internal();
        return result;
    }

    Form form;
    if (job.boundary.isEmpty()) {
        if (job.body.size() > job.maxBytes) {
            result.error =
                ApiError::payloadTooLarge(tr("the file is larger than %1 bytes").arg(job.maxBytes));
            return result;
        }
        form.haveFile = true;
        form.fileHadName = true;
        form.fileName = job.rawFileName;
        form.fileType = job.rawContentType;
        form.head = job.body.left(SniffBytes);
        if (!writer->write(job.body)) {
            result.error = storageError(*writer);
            return result;
        }
    } else {
        MultipartParser parser(job.boundary);
        enum class Target { None, File, Password, MaxDownloads, ExpiresIn, Ignored };
        Target target = Target::None;
        QByteArray field;
        parser.setPartBeginHandler([&](const MultipartPart &part) {
            field.clear();
            if (part.name == "file") {
                if (form.haveFile) {
                    form.error = ApiError::badRequest(tr("only one 'file' part is allowed"));
                    parser.abort(form.error->detail);
                    return;
                }
                form.haveFile = true;
                form.fileHadName = part.hasFileName;
                form.fileName = part.fileName;
                form.fileType = part.contentType;
                target = Target::File;
            } else if (part.name == "password") {
                target = Target::Password;
            } else if (part.name == "max_downloads") {
                target = Target::MaxDownloads;
            } else if (part.name == "expires_in") {
                target = Target::ExpiresIn;
            } else {
                target = Target::Ignored; // unknown fields are ignored, as Flask would
            }
        });
        parser.setPartDataHandler([&](QByteArrayView data) {
            if (target == Target::File) {
                if (writer->size() + data.size() > job.maxBytes) {
                    form.error = ApiError::payloadTooLarge(
                        tr("the file is larger than %1 bytes").arg(job.maxBytes));
                    parser.abort(form.error->detail);
                    return;
                }
                if (form.head.size() < SniffBytes)
                    form.head.append(data.first(qMin(data.size(), SniffBytes - form.head.size())));
                if (!writer->write(data)) {
                    form.error = storageError(*writer);
                    parser.abort(form.error->detail);
                }
            } else if (target != Target::Ignored) {
                if (field.size() + data.size() > MaxFieldBytes) {
                    form.error = ApiError::badRequest(
                        tr("a form field is longer than %1 bytes").arg(MaxFieldBytes));
                    parser.abort(form.error->detail);
                    return;
                }
                field.append(data);
            }
        });
        parser.setPartEndHandler([&] {
            if (target == Target::Password)
                form.password = field;
            else if (target == Target::MaxDownloads)
                form.maxDownloads = field;
            else if (target == Target::ExpiresIn)
                form.expiresIn = field;
            target = Target::None;
        });
        bool ok = true;
        for (qsizetype at = 0; ok && at < job.body.size(); at += FeedChunk)
            ok = parser.feed(
                QByteArrayView(job.body).sliced(at, qMin(FeedChunk, job.body.size() - at)));
        if (ok)
            ok = parser.finish();
        if (!ok) {
            result.error = form.error
                               ? *form.error
                               : ApiError::badRequest(
                                     tr("malformed multipart body: %1").arg(parser.errorString()));
            return result;
        }
        // A browser's file input left empty sends a file part with an empty name and no data.
        if (form.haveFile && form.fileHadName && form.fileName.isEmpty() && writer->size() == 0)
            form.haveFile = false;
    }
    if (!form.haveFile) {
        result.error = ApiError::badRequest(tr("the request has no 'file' part"));
        return result;
    }

    // Options: form fields win over the query string and headers; empty means "not given".
    const auto pick = [](const std::optional<QByteArray> &a, const std::optional<QByteArray> &b) {
        const auto &v = a && !a->isEmpty() ? a : b;
        return v && !v->isEmpty() ? v : std::nullopt;
    };
    const auto password = pick(form.password, job.password);
    const auto maxDownloadsText = pick(form.maxDownloads, job.maxDownloads);
    const auto expiresInText = pick(form.expiresIn, job.expiresIn);
    if (password && password->size() > PasswordHash::MaxPasswordBytes) {
        result.error = ApiError::badRequest(
            tr("password: at most %1 bytes").arg(PasswordHash::MaxPasswordBytes));
        return result;
    }
    qint64 maxDownloads = 1;
    if (maxDownloadsText) {
        const auto n = parseDigits(maxDownloadsText->trimmed());
        if (!n || *n < 1 || *n > job.maxDownloadsLimit) {
            result.error = ApiError::badRequest(
                tr("max_downloads: a whole number from 1 to %1").arg(job.maxDownloadsLimit));
            return result;
        }
        maxDownloads = *n;
    }
    qint64 expiresIn = job.defaultExpirySeconds;
    if (expiresInText) {
        const auto n = parseDigits(expiresInText->trimmed());
        if (!n || *n < 1 || *n > job.maxExpirySeconds) {
            result.error = ApiError::badRequest(
                tr("expires_in: a number of seconds from 1 to %1").arg(job.maxExpirySeconds));
            return result;
        }
        expiresIn = *n;
    }

    if (!writer->stage()) {
        result.error = storageError(*writer);
        return result;
    }
    result.pending = writer;

    Share &s = result.share;
    s.blob = job.blob;
    s.fileName = ContentDisposition::sanitizeFileName(form.fileName);
    s.contentType = chooseContentType(form.head, s.fileName, form.fileType);
    s.size = writer->size();
    if (password)
        s.passwordHash = PasswordHash::hash(*password, job.kdfIterations);
    result.deleteToken = SecureRandom::urlSafeId(32);
    s.deleteTokenHash = hashToken(result.deleteToken);
    s.maxDownloads = int(maxDownloads);
    s.createdAt = job.now;
    s.expiresAt = job.now + expiresIn;
    return result;
}

} // namespace depot
