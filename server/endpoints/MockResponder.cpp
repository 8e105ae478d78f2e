#include "endpoints/MockResponder.h"

#include "config/ServerConfig.h"
#include "model/MockTemplate.h"

#include <QTimer>

namespace depot {
namespace {

constexpr int kMaxCached = 2000;

} // namespace

const MockResponder::Compiled &MockResponder::compiled(const EndpointRow &row)
{
    const qint64 id = row.endpoint.id;
    auto it = m_cache.find(id);
    if (it != m_cache.end() && it->key == row.mockText)
        return *it;
    if (m_cache.size() >= kMaxCached)
        m_cache.clear();
    const Endpoint &e = row.endpoint;
    Compiled c;
    c.key = row.mockText;
    QJsonObject problems; // checked when saved; a rule refused now is skipped
    const MockSpec::Limits limits{INT_MAX, e.templated};
    c.rules = MockSpec::rulesFromJson(e.rules, limits, &problems);
    c.sequence = MockSpec::sequenceFromJson(e.sequence, limits, &problems);
    auto serialise = [](const MockAnswer &a) {
        return a.response.isUndefined() ? QByteArray()
                                        : EndpointsTable::jsonText(a.response).toUtf8();
    };
    for (const MockRule &rule : std::as_const(c.rules))
        c.ruleJson.append(serialise(rule.answer));
    for (const MockAnswer &answer : std::as_const(c.sequence))
        c.sequenceJson.append(serialise(answer));
    return *m_cache.insert(id, c);
}

void MockResponder::serve(const ExchangePtr &ex, const EndpointRow &row, const QString &rest,
                          JournalEntry *journal)
{
    const Endpoint &e = row.endpoint;
    const Compiled &mock = compiled(row);
    MockRequest request;
    request.method = ex->isHead() ? QByteArrayLiteral("GET") : ex->method();
    request.path = rest;
    const qsizetype q = ex->target().indexOf('?');
    request.query = q < 0 ? QByteArray() : ex->target().mid(q + 1);
    request.headers = ex->headers();
    request.body = ex->body();

    MockAnswer own;
    own.statusCode = e.statusCode;
    own.response = e.response;
    own.latency = MockLatency{e.latency, qMax(e.latency, e.latencyMax)};
    own.fault = e.fault;
    own.bytesPerSecond = e.bytesPerSecond;
    const MockAnswer *answer = &own;
    const QByteArray ownJson =
        row.responseJson.isEmpty() ? QByteArrayLiteral("null") : row.responseJson;
    const QByteArray *storedJson = &ownJson; // the answer's JSON as stored or compiled
    journal->answeredBy = QStringLiteral("endpoint");
    for (qsizetype i = 0; i < mock.rules.size(); ++i) {
        if (mock.rules.at(i).match.matches(request)) {
            answer = &mock.rules.at(i).answer;
            storedJson = &mock.ruleJson.at(i);
            journal->answeredBy = QStringLiteral("rule");
            journal->rule = int(i);
            break;
        }
    }
    if (answer == &own && !mock.sequence.isEmpty()) {
        const qint64 n = mock.sequence.size();
        const qint64 position = SequenceTable(m_ctx.db).advance(e.id);
        const qint64 index =
            position < n ? position : (e.afterLast == u"cycle" ? position % n : n - 1);
        answer = &mock.sequence.at(index);
        storedJson = &mock.sequenceJson.at(index);
        journal->answeredBy = QStringLiteral("sequence");
        journal->sequenceIndex = int(index);
    }
    journal->fault = answer->fault;

    const qint64 maxBytes = m_ctx.config.guard.maxBodyBytes;
    HttpResponse response;
    response.status = answer->statusCode;
    auto renderText = [&](const QString &text) -> std::optional<QByteArray> {
        if (!e.templated || !MockTemplate::hasPlaceholders(text))
            return text.toUtf8();
        QString ignored;
        const auto t = MockTemplate::parse(text, &ignored);
        return t ? t->render(request, maxBytes) : text.toUtf8();
    };
    std::optional<QByteArray> body = QByteArray();
    if (!answer->response.isUndefined()) {
        response.setHeader("Content-Type", "application/json");
        if (e.templated)
            body = MockTemplate::renderJson(answer->response, request, maxBytes);
        else
            body = storedJson ? *storedJson : EndpointsTable::jsonText(answer->response).toUtf8();
    } else if (answer->body) {
        response.setHeader("Content-Type", "text/plain; charset=utf-8");
        body = renderText(*answer->body);
    }
    for (const QJsonObject &headers : {e.headers, answer->headers}) {
        for (auto it = headers.begin(); it != headers.end(); ++it) {
            if (!Endpoint::ownerMaySend(it.key(), !m_ctx.config.web.contentUrl.isEmpty()))
                continue; // e.g. Set-Cookie on the console's origin
            const auto value = renderText(it.value().toString());
            response.setHeader(it.key().toLatin1(), value.value_or(QByteArray()).left(8192));
        }
    }
    if (!body) {
        journal->answeredBy = QStringLiteral("error");
        ex->fail(ApiError::internal(tr("the template's output exceeds %1 bytes").arg(maxBytes)));
        return;
    }
    response.body = std::move(*body);

    const int latency = answer->latency.pick();
    if (latency <= 0) {
        deliver(ex, std::move(response), *answer);
        return;
    }
    const QString fault = answer->fault;
    const int bytesPerSecond = answer->bytesPerSecond;
    // A timer, never a sleeping thread; precise, since a mock's latency is a promise.
    QTimer::singleShot(latency, Qt::PreciseTimer, m_ctx.thread,
                       [ex, response, fault, bytesPerSecond] {
                           MockAnswer a;
                           a.fault = fault;
                           a.bytesPerSecond = bytesPerSecond;
                           deliver(ex, response, a);
                       });
}

void MockResponder::deliver(const ExchangePtr &ex, HttpResponse response, const MockAnswer &answer)
{
    if (answer.fault == u"reset")
        ex->abort(HttpExchange::Abort::Reset);
    else if (answer.fault == u"empty")
        ex->abort(HttpExchange::Abort::Close);
    else if (answer.fault == u"slow_body")
        ex->respondPaced(std::move(response), answer.bytesPerSecond);
    else
        ex->respond(std::move(response));
}

} // namespace depot
