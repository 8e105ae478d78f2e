#pragma once

#include "model/BoundedRegex.h"
#include "model/MockRequest.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace depot {

// Latency as a fixed time (min == max) or a range picked from per answer.
struct MockLatency
{
    int min = 0;
    int max = 0;
    bool isRange() const { return max > min; }
    int pick() const;          // a time in [min, max]
    QJsonValue toJson() const; // a number, or {"min","max"}
};

// One answer of a mock: the endpoint's own, a rule's or a sequence step's.
struct MockAnswer
{
    int statusCode = 200;
    QJsonObject headers;
    QJsonValue response = QJsonValue::Undefined; // a JSON answer
    std::optional<QString> body;                 // a text answer
    MockLatency latency;
    QString fault; // "", "reset", "empty", "slow_body"
    int bytesPerSecond = 0;

    QJsonObject toJson() const;
};

// One operator applied to one value: equality, a bounded regex, or presence.
struct MockMatcher
{
    enum class Op { Equals, Regex, Present };
    Op op = Op::Equals;
    QJsonValue value;                          // Equals
    std::shared_ptr<const BoundedRegex> regex; // Regex
    bool present = true;                       // Present

    bool test(const std::optional<QJsonValue> &actual) const;
    bool testText(const std::optional<QString> &actual) const;
};

struct MockMatch
{
    QList<QPair<QString, MockMatcher>> query, headers, json;
    std::optional<QString> bodyContains;
    QStringList methods; // empty: any of the endpoint's

    bool matches(const MockRequest &request) const;
};

struct MockRule
{
    MockMatch match;
    MockAnswer answer;
};

// Reads and checks the mock parts of an endpoint (`rules`, `sequence`, answers, latency
// ranges). The server and the client both use it, so both refuse the same input with the same
// messages. Problems go to *problems keyed by their JSON path: "rules[1].match.query.id".
class MockSpec
{
    Q_DECLARE_TR_FUNCTIONS(MockSpec)

public:
    struct Limits
    {
        int maxLatencyMs = 60000;
        bool templated = false; // check templates in bodies and header values
    };
    static constexpr int MaxRules = 50;
    static constexpr int MaxSequence = 50;
    static constexpr int MaxConditions = 50;
    static constexpr int MaxBodyContains = 8192;
    static constexpr int MaxBytesPerSecond = 100 << 20;

    static const QStringList &faults();         // reset empty slow_body
    static const QStringList &afterLastModes(); // repeat_last cycle

    static std::optional<MockLatency> latencyFromJson(const QJsonValue &value, int maxMs);
    static QString latencyRule(int maxMs);
    static std::optional<MockAnswer> answerFromJson(const QJsonValue &value, const QString &path,
                                                    const Limits &limits, QJsonObject *problems,
                                                    bool isRule = false);
    static std::optional<MockRule> ruleFromJson(const QJsonValue &value, const QString &path,
                                                const Limits &limits, QJsonObject *problems);
    static QList<MockRule> rulesFromJson(const QJsonValue &value, const Limits &limits,
                                         QJsonObject *problems);
    static QList<MockAnswer> sequenceFromJson(const QJsonValue &value, const Limits &limits,
                                              QJsonObject *problems);
    // "GET" / "ANY" / ["GET", "POST"] as a list (ANY: every method); nullopt when invalid.
    static std::optional<QStringList> methodsFromJson(const QJsonValue &value, bool allowAny);
    // Checks a header object (names, reserved names, clean values, templates); the messages.
    static QStringList headerProblems(const QJsonObject &headers, bool templated);
    // Checks a fault name and its speed; adds problems under `path`.
    static void checkFault(const QString &fault, const QJsonValue &bytesPerSecond,
                           const QString &path, QJsonObject *problems);
};

} // namespace depot
