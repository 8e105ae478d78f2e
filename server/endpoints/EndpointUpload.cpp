#include "endpoints/EndpointUpload.h"

#include "codec/ContentDisposition.h"
#include "codec/HeaderValue.h"
#include "codec/MediaType.h"
#include "codec/Multipart.h"
#include "config/OffThread.h"
#include "model/Endpoint.h"

#include <QCryptographicHash>
#include <QDir>

#include <memory>

namespace depot {
namespace {

constexpr qsizetype kSniffBytes = 4096;
constexpr qsizetype kFeedChunk = 256 * 1024;

// Where one file's bytes go: a new blob (or memory), with its size, hash and first bytes.
class FileSink
{
public:
    FileSink(const EndpointUpload::Options &options)
        : m_options(options), m_store(EndpointUpload::store(options.filesDir))
    {
    }

    bool open(QString *relativePath)
    {
        if (m_options.inMemory)
            return true;
        const QString name = BlobStore::newName();
        m_writer = m_store.create(name);
        if (!m_writer->open()) {
            m_error = storageError();
            return false;
        }
        *relativePath = QLatin1String(EndpointUpload::Directory) + u'/' + name;
        return true;
    }

    // False (and error()) when the file is too large or cannot be written.
    bool write(QByteArrayView data)
    {
        if (m_error)
            return false;
        m_size += data.size();
        if (m_size > m_options.maxFileBytes) {
            m_error = ApiError::payloadTooLarge(
                EndpointUpload::tr("the file is larger than %1 bytes").arg(m_options.maxFileBytes));
            return false;
        }
        m_hash.addData(data);
        if (m_head.size() < kSniffBytes)
            m_head.append(data.first(qMin<qsizetype>(data.size(), kSniffBytes - m_head.size())));
        if (m_options.inMemory) {
            m_data.append(data);
            return true;
        }
        if (!m_writer->write(data)) {
            m_error = storageError();
            return false;
        }
        return true;
    }

    // All bytes on disk (fdatasync), still nameless: see EndpointUpload::publish().
    bool stage()
    {
        if (m_error)
            return false;
        if (m_writer && !m_writer->stage()) {
            m_error = storageError();
            return false;
        }
        return true;
    }
    std::shared_ptr<BlobStore::Writer> pending() { return std::move(m_writer); }

    const std::optional<ApiError> &error() const { return m_error; }
    qint64 size() const { return m_size; }
    const QByteArray &head() const { return m_head; }
    QByteArray &data() { return m_data; }
    QString etag() const
    {
        const QByteArray digest = m_hash.result().left(16);
        return u'"' +
               QString::fromLatin1(digest.toBase64(QByteArray::Base64UrlEncoding |
                                                   QByteArray::OmitTrailingEquals)) +
               u'"';
    }

private:
    ApiError storageError() const
    {
        if (m_writer && m_writer->status() == BlobStore::Status::DiskFull)
            return ApiError::insufficientStorage(EndpointUpload::tr("the server's disk is full"));
        qWarning().noquote() << "cannot store an endpoint file:"
                             << (m_writer ? m_writer->errorString() : QString());
        return ApiError::internal(EndpointUpload::tr("the file could not be stored"));
    }

    EndpointUpload::Options m_options;
    BlobStore m_store;
    std::shared_ptr<BlobStore::Writer> m_writer; // discards the file unless committed
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
    QByteArray m_head;
    QByteArray m_data;
    qint64 m_size = 0;
    std::optional<ApiError> m_error;
};

// The bytes are evidence, the client's type and name are claims. Magic bytes win; a claim of
// an active type (HTML, SVG, ...) is kept, because it is honest and makes the file download as
// an attachment; other claims are used where the bytes say nothing more specific, and an image
// claim must match image magic bytes.
QString decideType(const QByteArray &head, const QString &claimed, const QString &fileName)
{
    const QString sniffed = MediaType::sniff(head);
    if (!sniffed.isEmpty() && sniffed != u"text/plain")
        return sniffed;
    const QString octet = QStringLiteral("application/octet-stream");
    const QString claim = MediaType::essence(claimed);
    const QString byName =
        fileName.isEmpty() ? QString() : MediaType::essence(MediaType::fromFileName(fileName));
    if (!claim.isEmpty() && claim != octet && MediaType::isActiveContent(claim))
        return claim;
    if (!byName.isEmpty() && byName != octet && MediaType::isActiveContent(byName))
        return byName;
    const bool claimUsable =
        !claim.isEmpty() && claim != octet &&
        !(claim.startsWith(u"image/") && MediaType::sniffImage(head).isEmpty());
    if (claimUsable)
        return claim;
    if (sniffed == u"text/plain")
        return QStringLiteral("text/plain; charset=utf-8");
    if (!byName.isEmpty() && !byName.startsWith(u"image/") && !byName.startsWith(u"text/"))
        return byName;
    return octet;
}

} // namespace

std::optional<ApiError> EndpointUpload::publish() const
{
    if (!pending || pending->commit())
        return std::nullopt;
    if (pending->status() == BlobStore::Status::DiskFull)
        return ApiError::insufficientStorage(tr("the server's disk is full"));
    qWarning().noquote() << "cannot name an endpoint file:" << pending->errorString();
    return ApiError::internal(tr("the file could not be stored"));
}

bool EndpointUpload::isMultipart(const ExchangePtr &ex)
{
    // By the type alone: a multipart body with a broken boundary is a 400 of receive(), not a
    // body of another type (415).
    return isMultipartType(ex->header("Content-Type"));
}

bool EndpointUpload::isMultipartType(const QByteArray &contentType)
{
    return contentType.split(';').constFirst().trimmed().toLower() == "multipart/form-data";
}

void EndpointUpload::receive(const ExchangePtr &ex, const Options &options, QObject *context,
                             std::function<void(EndpointUpload)> done)
{
    // Copies only: the pool thread must never hold the exchange.
    const QByteArray body = ex->body();
    const QByteArray contentType = ex->header("Content-Type");
    QByteArray disposition = ex->header("Content-Disposition");
    if (disposition.isEmpty()) {
        if (const auto name = ex->queryValue(QStringLiteral("filename")))
            disposition = "attachment; filename*=" + ContentDisposition::extValue(*name);
    }
    runOffThread(
        context,
        [body, contentType, disposition, options] {
            return parse(body, contentType, disposition, options);
        },
        [done](EndpointUpload upload) { done(std::move(upload)); });
}

EndpointUpload EndpointUpload::parse(const QByteArray &body, const QByteArray &contentType,
                                     const QByteArray &disposition, const Options &options)
{
    EndpointUpload out;
    FileSink sink(options);
    QString claimedType;
    const auto header = HeaderValue::parse(contentType);
    const bool multipart = isMultipartType(contentType);

    if (!multipart) {
        if (!options.rawIsFile) {
            out.error = ApiError::unsupportedMediaType(tr("send multipart/form-data"));
            return out;
        }
        out.hasFile = true;
        claimedType = header ? QString::fromLatin1(header->value()) : QString();
        if (const auto d = HeaderValue::parse(disposition); d && d->hasTextParameter("filename"))
            out.fileName = ContentDisposition::sanitizeFileName(d->textParameter("filename"));
        if (!sink.open(&out.relativePath) || !sink.write(body) || !sink.stage()) {
            out.error = sink.error();
            return out;
        }
    } else {
        const auto boundary = MultipartParser::boundaryFromContentType(contentType);
        if (!boundary) {
            out.error =
                ApiError::badRequest(tr("the multipart Content-Type has no valid boundary"));
            return out;
        }
        MultipartParser parser(*boundary);
        QList<QPair<QByteArray, QByteArray>> textFields;
        qint64 fieldBytes = 0;
        enum class Target { None, Field, File } target = Target::None;
        std::optional<ApiError> abortError;
        parser.setPartBeginHandler([&](const MultipartPart &part) {
            if (part.name == "file" || part.hasFileName) {
                if (out.hasFile || part.name != "file") {
                    abortError =
                        ApiError::invalidField(QString::fromUtf8(part.name),
                                               tr("send one file, in the part named \"file\""));
                    parser.abort(abortError->detail);
                    return;
                }
                out.hasFile = true;
                out.fileName = part.fileName.isEmpty()
                                   ? QString()
                                   : ContentDisposition::sanitizeFileName(part.fileName);
                claimedType = QString::fromLatin1(part.contentType);
                if (!sink.open(&out.relativePath)) {
                    abortError = sink.error();
                    parser.abort(abortError->detail);
                    return;
                }
                target = Target::File;
            } else {
                textFields.append({part.name, QByteArray()});
                target = Target::Field;
            }
        });
        parser.setPartDataHandler([&](QByteArrayView data) {
            if (target == Target::File) {
                if (!sink.write(data)) {
                    abortError = sink.error();
                    parser.abort(abortError->detail);
                }
            } else if (target == Target::Field) {
                fieldBytes += data.size();
                if (fieldBytes > options.maxFieldBytes) {
                    abortError = ApiError::payloadTooLarge(
                        tr("the text fields are larger than %1 bytes").arg(options.maxFieldBytes));
                    parser.abort(abortError->detail);
                    return;
                }
                textFields.last().second.append(data);
            }
        });
        parser.setPartEndHandler([&] { target = Target::None; });
        bool ok = true;
        for (qsizetype at = 0; ok && at < body.size(); at += kFeedChunk)
            ok = parser.feed(QByteArrayView(body).sliced(at, qMin(kFeedChunk, body.size() - at)));
        ok = ok && parser.finish();
        if (ok && out.hasFile && !sink.stage()) {
            abortError = sink.error();
            ok = false;
        }
        if (!ok) {
            // QSaveFile discards an uncommitted file by itself.
            out.relativePath.clear();
            out.error = abortError
                            ? *abortError
                            : ApiError::badRequest(
                                  tr("malformed multipart body: %1").arg(parser.errorString()));
            return out;
        }
        out.fields = Endpoint::fieldsFromText(textFields, &out.problems);
    }
    if (out.hasFile) {
        out.size = sink.size();
        out.etag = sink.etag();
        out.contentType = decideType(sink.head(), claimedType, out.fileName);
        out.data = std::move(sink.data());
        out.pending = sink.pending();
    }
    return out;
}

BlobStore EndpointUpload::store(const QString &filesDir)
{
    return BlobStore(QDir(filesDir).filePath(QLatin1String(Directory)));
}

void EndpointUpload::removeLater(const QString &filesDir, const QString &relativePath)
{
    const QString prefix = QLatin1String(Directory) + u'/';
    if (relativePath.startsWith(prefix))
        store(filesDir).removeLater({relativePath.mid(prefix.size())});
}

} // namespace depot
