#pragma once

#include "http/ApiError.h"
#include "http/HttpExchange.h"
#include "store/BlobStore.h"

#include <QJsonObject>

#include <functional>
#include <memory>
#include <optional>

namespace depot {

// The body of an endpoint upload, read off the worker thread: a multipart/form-data form (text
// fields plus one `file` part) or, for PUT .../content, the raw file. The file goes straight from
// the multipart parser into a new, uniquely named file under <files>/endpoints, written
// atomically (BlobStore) and hashed on the way; nothing points to it until the caller records it.
struct EndpointUpload
{
    Q_DECLARE_TR_FUNCTIONS(EndpointUpload)

public:
    struct Options
    {
        QString filesDir;         // the server's files directory
        qint64 maxFileBytes = 0;  // larger file parts are refused (413)
        qint64 maxFieldBytes = 0; // text fields together (413)
        bool rawIsFile = false;   // a body that is not multipart is the file itself
        bool inMemory = false;    // keep the file in `data` instead of writing it (JSON content)
    };

    QJsonObject fields;   // text fields, converted by Endpoint::fieldsFromText
    QJsonObject problems; // text fields that did not parse (422)
    bool hasFile = false;
    QString fileName;    // sanitised, "" if the client gave none
    QString contentType; // decided from the bytes, the client's claim and the name
    qint64 size = 0;
    QString etag;         // "<base64url of 16 bytes of SHA-256>"
    QString relativePath; // the stored file, relative to filesDir ("endpoints/<random>")
    QByteArray data;      // the file when Options::inMemory
    // The file, on disk but nameless: the caller commits its row, then publish() names it
    // (BlobStore's crash-safe order). Dropped without publish(), the file is gone.
    std::shared_ptr<BlobStore::Writer> pending;
    std::optional<ApiError> error; // 400 malformed, 413 too large, 507 disk full, 500

    static bool isMultipart(const ExchangePtr &exchange);
    static bool isMultipartType(const QByteArray &contentType); // by the type alone
    // Names the stored file (after its row was committed); true if there is none. On failure
    // the error to answer with.
    std::optional<ApiError> publish() const;
    static constexpr const char *Directory = "endpoints";

    // Parses the exchange's body on the thread pool; `done` runs on `context`'s thread.
    static void receive(const ExchangePtr &exchange, const Options &options, QObject *context,
                        std::function<void(EndpointUpload)> done);
    // The blob store of endpoint files, <files>/endpoints.
    static BlobStore store(const QString &filesDir);
    // Removes a stored file ("endpoints/<name>") on the thread pool, off the request path.
    static void removeLater(const QString &filesDir, const QString &relativePath);

private:
    static EndpointUpload parse(const QByteArray &body, const QByteArray &contentType,
                                const QByteArray &disposition, const Options &options);
};

} // namespace depot
