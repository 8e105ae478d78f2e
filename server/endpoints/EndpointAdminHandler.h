#pragma once

#include "config/WorkerContext.h"
#include "endpoints/EndpointUpload.h"
#include "endpoints/EndpointsTable.h"
#include "http/HttpExchange.h"

namespace depot {

// /api/v1/endpoints: the owner's management API for hosted endpoints (the seed's Url table).
// Every answer carries the endpoint's public `url`; ids of other users' endpoints answer 404.
// File and script content arrives as multipart/form-data (or a raw body for .../content) and is
// parsed and written on the thread pool; the row is written only once the file is complete.
class EndpointAdminHandler
{
    Q_DECLARE_TR_FUNCTIONS(EndpointAdminHandler)

public:
    explicit EndpointAdminHandler(const WorkerContext &context) : m_ctx(context) {}

    void create(const ExchangePtr &exchange);         // POST   /api/v1/endpoints
    void list(const ExchangePtr &exchange);           // GET    /api/v1/endpoints
    void get(const ExchangePtr &exchange);            // GET    /api/v1/endpoints/{id}
    void replace(const ExchangePtr &exchange);        // PUT    /api/v1/endpoints/{id}
    void patch(const ExchangePtr &exchange);          // PATCH  /api/v1/endpoints/{id}
    void remove(const ExchangePtr &exchange);         // DELETE /api/v1/endpoints/{id}
    void replaceContent(const ExchangePtr &exchange); // PUT    /api/v1/endpoints/{id}/content
    // GET/HEAD /api/v1/endpoints/{id}/content: what the endpoint holds, as stored (the response
    // JSON of a json endpoint, the file or the script's source otherwise), for its owner only.
    void content(const ExchangePtr &exchange);

    // Body limit of the routes that take content: the largest file plus the text fields.
    static qint64 uploadBodyLimit(const ServerConfig &config);

private:
    enum class Mode { Create, Replace, Patch };

    // Applies `fields` (and the uploaded file, if any) to `current` (nullopt: a new endpoint),
    // validates the result, stores it and answers. Removes the uploaded file on any failure.
    void save(const ExchangePtr &ex, Mode mode, std::optional<EndpointRow> current,
              const QJsonObject &fields, const EndpointUpload &upload);
    void saveContent(const ExchangePtr &ex, qint64 id, const EndpointUpload &upload);
    std::optional<EndpointRow> ownRow(const ExchangePtr &ex);
    EndpointUpload::Options uploadOptions() const;
    Endpoint::Rules rules() const;
    QJsonObject present(const ExchangePtr &ex, const EndpointRow &row) const;

    WorkerContext m_ctx;
};

} // namespace depot
