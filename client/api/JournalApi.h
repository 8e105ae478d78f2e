#pragma once

#include "api/ApiResult.h"

#include <QJsonObject>
#include <QList>
#include <QObject>

namespace depot {

class ApiClient;

// The journal of a hosted endpoint and its sequence reset (docs/API.md, "Mocks"), on top of
// ApiClient's shared reply handling. Items are the server's JSON objects.
namespace JournalApi {

struct Page
{
    QList<QJsonObject> items;
    qint64 total = 0;
};

// GET /api/v1/endpoints/{id}/requests (id 0: GET /api/v1/unmatched), newest first.
void fetch(ApiClient *client, qint64 endpointId, int limit, QObject *context,
           ApiCallback<Page> done);
// DELETE the same URL.
void clear(ApiClient *client, qint64 endpointId, QObject *context, ApiCallback<bool> done);
// POST /api/v1/endpoints/{id}/reset
void resetSequence(ApiClient *client, qint64 endpointId, QObject *context, ApiCallback<bool> done);

} // namespace JournalApi
} // namespace depot
