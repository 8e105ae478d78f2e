#pragma once

#include "config/WorkerContext.h"
#include "http/HttpExchange.h"
#include "store/BlobStore.h"
#include "store/Reaper.h"
#include "drop/SharesTable.h"

namespace depot {

struct ServerConfig;

// The anonymous file drop (seed 002, a public contract):
//   PUT    /api/v1.0/file          multipart `file` (+ password, max_downloads, expires_in), or a
//                                   raw body (curl -T) → 201 {status, url, expires_at, delete_url}
//   PUT    /api/v1.0/file/<name>   raw body named by the URL (curl -T x <base>/api/v1.0/file/)
//   GET    /api/v1.0/file/<id>     the file (password: X-Password or ?password=), counted;
//                                   a browser gets DropPage instead, which counts nothing
//   HEAD   /api/v1.0/file/<id>     the file's headers, never counted
//   POST   /api/v1.0/file/<id>     DropPage's Download button (form: download=1, password);
//                                   with Accept: application/json, JSON errors and (without
//                                   download=1) the page's facts as JSON
//   DELETE /api/v1.0/file/<id>?delete_token=...   removes it at once
// Uploads are parsed, stored and hashed on the thread pool; passwords are checked there too and
// before any claim; the claim is one SQL statement (SharesTable::claim); files are removed off
// the request path, after their row.
class DropHandler
{
    Q_DECLARE_TR_FUNCTIONS(DropHandler)

public:
    explicit DropHandler(const WorkerContext &context);

    void upload(const ExchangePtr &exchange);
    void download(const ExchangePtr &exchange);
    void downloadForm(const ExchangePtr &exchange);
    void remove(const ExchangePtr &exchange);
    // GET /api/v1/drop/limits: what an upload may be (the drop page checks before sending)
    void limits(const ExchangePtr &exchange);

    // Body limit of PUT /api/v1.0/file: the largest file plus room for the multipart framing
    // and form fields. The file part itself is then checked to the byte.
    static qint64 uploadBodyLimit(const ServerConfig &config);
    static constexpr qint64 MultipartAllowance = 64 * 1024;
    static QString dropsDirectory(const ServerConfig &config);

    // For the Reaper (main thread): expired shares and claims left by a crash become tombstones
    // and lose their files, old tombstones are purged, orphaned files under files/drops go.
    static ReaperSource reaperSource();

private:
    struct Fetch
    {
        QString id;
        std::optional<QString> password;
        bool page = false; // answer with DropPage, count nothing
        bool html = false; // the client is a browser: errors as pages too
    };

    void serve(const ExchangePtr &ex, const Fetch &fetch);
    void deliver(const ExchangePtr &ex, const Fetch &fetch, const Share &share);
    void refuse(const ExchangePtr &ex, const Fetch &fetch, const ApiError &error,
                const std::optional<Share> &share = std::nullopt);
    static bool isBrowser(const ExchangePtr &ex);
    static bool asksForJson(const ExchangePtr &ex); // Accept names JSON and not HTML

    WorkerContext m_ctx;
    BlobStore m_blobs;
};

} // namespace depot
