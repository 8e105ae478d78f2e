#pragma once

#include "config/WorkerContext.h"
#include "endpoints/EndpointsTable.h"
#include "endpoints/JournalTable.h"
#include "http/HttpExchange.h"
#include "model/MockRule.h"

#include <QHash>

namespace depot {

// Answers a json endpoint that is a mock: the first matching rule, else the next step of the
// sequence, else the endpoint's own answer; templates rendered per request; latency ranges and
// faults (reset, empty, slow_body) delivered through the exchange. Rules are compiled once per
// stored version and kept per worker.
class MockResponder
{
    Q_DECLARE_TR_FUNCTIONS(MockResponder)

public:
    explicit MockResponder(const WorkerContext &context) : m_ctx(context) {}

    // `rest`: the path below a wildcard identifier. Fills in which answer was chosen.
    void serve(const ExchangePtr &ex, const EndpointRow &row, const QString &rest,
               JournalEntry *journal);

private:
    struct Compiled
    {
        QString key;
        QList<MockRule> rules;
        QList<MockAnswer> sequence;
        // The JSON answers serialised once (templates render per request instead).
        QList<QByteArray> ruleJson, sequenceJson;
    };
    const Compiled &compiled(const EndpointRow &row);
    static void deliver(const ExchangePtr &ex, HttpResponse response, const MockAnswer &answer);

    WorkerContext m_ctx;
    QHash<qint64, Compiled> m_cache;
};

} // namespace depot
