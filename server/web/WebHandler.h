#pragma once

#include "config/WorkerContext.h"
#include "http/HttpExchange.h"

#include <QCoreApplication>

namespace depot {

// The browser client (issue 14): plain HTML, CSS and JavaScript compiled into the binary from
// resources/web (web.qrc), no build toolchain.
//   GET /                  the drop page (anonymous upload)
//   GET /console           the web console (account, endpoints, dumps)
//   GET /static/{file}     the pages' scripts, styles and icons
// Pages carry the strict page policy (http/PageHeaders.h); assets are revalidated by ETag.
class WebHandler
{
    Q_DECLARE_TR_FUNCTIONS(WebHandler)

public:
    explicit WebHandler(const WorkerContext &context) : m_ctx(context) {}

    void dropPage(const ExchangePtr &exchange);
    void console(const ExchangePtr &exchange);
    void asset(const ExchangePtr &exchange);

    // Content type of an asset by its extension; empty for names we do not serve.
    static QByteArray assetType(const QString &name);

private:
    void serve(const ExchangePtr &exchange, const QString &resource, bool page);

    WorkerContext m_ctx;
};

} // namespace depot
