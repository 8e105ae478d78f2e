#include "model/MockRule.h"

#include "codec/MediaType.h"
#include "model/Endpoint.h"
#include "model/MockTemplate.h"

#include <QJsonArray>
#include <QRandomGenerator>

namespace depot {
namespace {

constexpr int kMaxHeaderName = 128;
constexpr int kMaxHeaderValue = 8192;

bool isTokenChar(QChar c)
{
    if (c.unicode() > 0x7e)
        return false;
    const char l = char(c.unicode());
    return (l >= 'a' && l <= 'z') || (l >= 'A' && l <= 'Z') || (l >= '0' && l <= '9') ||
           (l != 0 && QByteArrayView("!#$%&'*+-.^_`|~").contains(l));
}

// Field values may hold visible characters, spaces and tabs only: no CR/LF/NUL (injection).
bool isCleanHeaderValue(const QString &value)
{
    for (QChar c : value) {
        if ((c.unicode() < 0x20 && c != u'\t') || c.unicode() == 0x7f)
            return false;
    }
    return true;
}

QString joinPath(const QString &path, const QString &field)
{
    return path.isEmpty() ? field : path + u'.' + field;
}

std::optional<MockMatcher> matcherFromJson(const QJsonValue &value, bool jsonValues, QString *error)
{
    MockMatcher m;
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (object.size() != 1) {
            *error = MockSpec::tr("an operator object holds exactly one of regex, present, equals");
            return std::nullopt;
        }
        const QString op = object.begin().key();
        const QJsonValue operand = object.begin().value();
        if (op == u"regex") {
            if (!operand.isString()) {
                *error = MockSpec::tr("regex takes a string");
                return std::nullopt;
            }
            m.op = MockMatcher::Op::Regex;
            m.regex = BoundedRegex::compile(operand.toString(), error);
            if (!m.regex)
                return std::nullopt;
            return m;
        }
        if (op == u"present") {
            if (!operand.isBool()) {
                *error = MockSpec::tr("present takes true or false");
                return std::nullopt;
            }
            m.op = MockMatcher::Op::Present;
            m.present = operand.toBool();
            return m;
        }
        if (op == u"equals" && (jsonValues || !operand.isObject())) {
            m.value = operand;
            if (!jsonValues && (operand.isArray() || operand.isNull())) {
                *error = MockSpec::tr("equals takes a string, number or boolean here");
                return std::nullopt;
            }
            return m;
        }
        *error = MockSpec::tr("unknown operator \"%1\": use regex, present or equals").arg(op);
        return std::nullopt;
    }
    if (!jsonValues && !value.isString() && !value.isDouble() && !value.isBool()) {
        *error = MockSpec::tr("a string, number or boolean, or an operator object");
        return std::nullopt;
    }
    if (value.isArray()) {
        *error = MockSpec::tr("use {\"equals\": [...]} to compare an array");
        return std::nullopt;
    }
    m.value = value;
    return m;
}

} // namespace

int MockLatency::pick() const
{
    if (!isRange())
        return min;
    return int(QRandomGenerator::global()->bounded(qint64(min), qint64(max) + 1));
}

QJsonValue MockLatency::toJson() const
{
    if (!isRange())
        return min;
    return QJsonObject{{QStringLiteral("min"), min}, {QStringLiteral("max"), max}};
}

QJsonObject MockAnswer::toJson() const
{
    QJsonObject out{{QStringLiteral("status_code"), statusCode}};
    if (!headers.isEmpty())
        out.insert(QStringLiteral("headers"), headers);
    if (!response.isUndefined())
        out.insert(QStringLiteral("response"), response);
    if (body)
        out.insert(QStringLiteral("body"), *body);
    if (latency.max > 0)
        out.insert(QStringLiteral("latency"), latency.toJson());
    if (!fault.isEmpty())
        out.insert(QStringLiteral("fault"), fault);
    if (bytesPerSecond > 0)
        out.insert(QStringLiteral("bytes_per_second"), bytesPerSecond);
    return out;
}

bool MockMatcher::test(const std::optional<QJsonValue> &actual) const
{
    switch (op) {
    case Op::Present:
        return actual.has_value() == present;
    case Op::Regex:
        return actual && regex->matches(MockRequest::text(*actual));
    case Op::Equals:
        return actual && *actual == value;
    }
    return false;
}

bool MockMatcher::testText(const std::optional<QString> &actual) const
{
    switch (op) {
    case Op::Present:
        return actual.has_value() == present;
    case Op::Regex:
        return actual && regex->matches(*actual);
    case Op::Equals:
        return actual && *actual == MockRequest::text(value);
    }
    return false;
}

bool MockMatch::matches(const MockRequest &request) const
{
    if (!methods.isEmpty() && !methods.contains(QString::fromLatin1(request.method)))
        return false;
    for (const auto &[name, matcher] : query) {
        if (!matcher.testText(request.queryValue(name)))
            return false;
    }
    for (const auto &[name, matcher] : headers) {
        if (!matcher.testText(request.headerValue(name)))
            return false;
    }
    if (bodyContains && !QString::fromUtf8(request.body).contains(*bodyContains))
        return false;
    for (const auto &[path, matcher] : json) {
        if (!matcher.test(request.jsonAt(path)))
            return false;
    }
    return true;
}

const QStringList &MockSpec::faults()
{
    static const QStringList list{QStringLiteral("reset"), QStringLiteral("empty"),
                                  QStringLiteral("slow_body")};
    return list;
}

const QStringList &MockSpec::afterLastModes()
{
    static const QStringList list{QStringLiteral("repeat_last"), QStringLiteral("cycle")};
    return list;
}

std::optional<MockLatency> MockSpec::latencyFromJson(const QJsonValue &value, int maxMs)
{
    if (const auto ms = Endpoint::integerValue(value, 0, maxMs))
        return MockLatency{int(*ms), int(*ms)};
    if (!value.isObject())
        return std::nullopt;
    const QJsonObject object = value.toObject();
    const auto min = Endpoint::integerValue(object.value(QLatin1String("min")), 0, maxMs);
    const auto max = Endpoint::integerValue(object.value(QLatin1String("max")), 0, maxMs);
    if (object.size() != 2 || !min || !max || *min > *max)
        return std::nullopt;
    return MockLatency{int(*min), int(*max)};
}

QString MockSpec::latencyRule(int maxMs)
{
    return tr("milliseconds from 0 to %1, or a range {\"min\": A, \"max\": B} with A <= B")
        .arg(maxMs);
}

std::optional<QStringList> MockSpec::methodsFromJson(const QJsonValue &value, bool allowAny)
{
    QStringList out;
    if (value.isString()) {
        const QString m = value.toString().toUpper();
        if (allowAny && m == u"ANY")
            return Endpoint::methods();
        out.append(m);
    } else if (value.isArray() && !value.toArray().isEmpty()) {
        for (const QJsonValue &item : value.toArray())
            out.append(item.toString().toUpper());
    } else {
        return std::nullopt;
    }
    for (const QString &m : out) {
        if (!Endpoint::methods().contains(m))
            return std::nullopt;
    }
    out.removeDuplicates();
    return out;
}

QStringList MockSpec::headerProblems(const QJsonObject &object, bool templated)
{
    QStringList bad;
    if (object.size() > Endpoint::MaxHeaders)
        bad.append(tr("at most %1 headers").arg(Endpoint::MaxHeaders));
    for (auto h = object.begin(); h != object.end(); ++h) {
        const QString &key = h.key();
        const bool token = !key.isEmpty() && key.size() <= kMaxHeaderName &&
                           std::all_of(key.begin(), key.end(), isTokenChar);
        QString error;
        if (!token)
            bad.append(tr("\"%1\" is not a valid header name").arg(key.left(kMaxHeaderName)));
        else if (Endpoint::isReservedHeader(key))
            bad.append(tr("%1 is set by the server").arg(key));
        else if (!h.value().isString() || h.value().toString().size() > kMaxHeaderValue ||
                 !isCleanHeaderValue(h.value().toString()))
            bad.append(tr("the value of %1 must be a string of at most %2 characters without "
                          "control characters (CR, LF, NUL)")
                           .arg(key)
                           .arg(kMaxHeaderValue));
        else if (templated && MockTemplate::hasPlaceholders(h.value().toString()) &&
                 !MockTemplate::parse(h.value().toString(), &error))
            bad.append(tr("%1: %2").arg(key, error));
    }
    return bad;
}

void MockSpec::checkFault(const QString &fault, const QJsonValue &bytesPerSecond,
                          const QString &path, QJsonObject *problems)
{
    const QString speedField = joinPath(path, QStringLiteral("bytes_per_second"));
    if (!fault.isEmpty() && !faults().contains(fault)) {
        problems->insert(joinPath(path, QStringLiteral("fault")),
                         tr("one of %1").arg(faults().join(QStringLiteral(", "))));
        return;
    }
    const bool slow = fault == u"slow_body";
    if (slow && !Endpoint::integerValue(bytesPerSecond, 1, MaxBytesPerSecond))
        problems->insert(
            speedField,
            tr("required for slow_body: an integer from 1 to %1").arg(MaxBytesPerSecond));
    else if (!slow && !bytesPerSecond.isUndefined() && !bytesPerSecond.isNull())
        problems->insert(speedField, tr("only with \"fault\": \"slow_body\""));
}

std::optional<MockAnswer> MockSpec::answerFromJson(const QJsonValue &value, const QString &path,
                                                   const Limits &limits, QJsonObject *problems,
                                                   bool isRule)
{
    if (!value.isObject()) {
        problems->insert(path, tr("an object"));
        return std::nullopt;
    }
    const QJsonObject object = value.toObject();
    const int before = problems->size();
    auto problem = [&](const QString &field, const QString &text) {
        problems->insert(joinPath(path, field), text);
    };
    MockAnswer a;
    QString error;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString &name = it.key();
        const QJsonValue v = it.value();
        if (name == u"match" && isRule) {
            continue;
        } else if (name == u"status_code") {
            if (const auto code = Endpoint::integerValue(v, 200, 599))
                a.statusCode = int(*code);
            else
                problem(name, tr("an integer HTTP status from 200 to 599"));
        } else if (name == u"headers") {
            const QStringList bad = v.isObject() ? headerProblems(v.toObject(), limits.templated)
                                                 : QStringList{tr("an object of header names and "
                                                                  "string values")};
            if (!bad.isEmpty())
                problem(name, bad.join(QStringLiteral("; ")));
            a.headers = v.toObject();
            for (auto h = a.headers.begin(); h != a.headers.end(); ++h) {
                if (h.key().compare(u"content-type", Qt::CaseInsensitive) == 0 &&
                    MediaType::isActiveContent(h.value().toString()))
                    problem(name, tr("Content-Type %1 could run script in browsers; use a JSON "
                                     "or text type")
                                      .arg(h.value().toString()));
            }
        } else if (name == u"response") {
            a.response = v;
            if (limits.templated && !MockTemplate::checkJson(v, &error))
                problem(name, error);
        } else if (name == u"body") {
            if (!v.isString())
                problem(name, tr("the answer as text (use response for JSON)"));
            else if (limits.templated && !MockTemplate::checkJson(v, &error))
                problem(name, error);
            a.body = v.toString();
        } else if (name == u"latency") {
            if (const auto latency = latencyFromJson(v, limits.maxLatencyMs))
                a.latency = *latency;
            else
                problem(name, latencyRule(limits.maxLatencyMs));
        } else if (name == u"fault") {
            a.fault = v.toString();
            if (!v.isString() || a.fault.isEmpty())
                problem(name, tr("one of %1").arg(faults().join(QStringLiteral(", "))));
        } else if (name == u"bytes_per_second") {
            a.bytesPerSecond = int(Endpoint::integerValue(v, 1, MaxBytesPerSecond).value_or(0));
        } else {
            problem(name, tr("unknown field"));
        }
    }
    if (object.contains(QLatin1String("response")) && object.contains(QLatin1String("body")))
        problem(QStringLiteral("body"), tr("either response (JSON) or body (text), not both"));
    checkFault(a.fault, object.value(QLatin1String("bytes_per_second")), path, problems);
    if (problems->size() != before)
        return std::nullopt;
    return a;
}

std::optional<MockRule> MockSpec::ruleFromJson(const QJsonValue &value, const QString &path,
                                               const Limits &limits, QJsonObject *problems)
{
    auto answer = answerFromJson(value, path, limits, problems, true);
    const QJsonValue matchValue = value.toObject().value(QLatin1String("match"));
    const QString matchPath = joinPath(path, QStringLiteral("match"));
    if (!matchValue.isObject()) {
        problems->insert(matchPath, tr("required: an object of conditions"));
        return std::nullopt;
    }
    const int before = problems->size();
    MockRule rule;
    const QJsonObject match = matchValue.toObject();
    int conditions = 0;
    for (auto it = match.begin(); it != match.end(); ++it) {
        const QString &name = it.key();
        const QString field = joinPath(matchPath, name);
        const QJsonValue v = it.value();
        if (name == u"query" || name == u"headers" || name == u"json") {
            if (!v.isObject()) {
                problems->insert(field, tr("an object of names and conditions"));
                continue;
            }
            auto &list = name == u"query"     ? rule.match.query
                         : name == u"headers" ? rule.match.headers
                                              : rule.match.json;
            const QJsonObject conditionsObject = v.toObject();
            for (auto c = conditionsObject.begin(); c != conditionsObject.end(); ++c) {
                const QString key = c.key();
                QString error;
                if (key.isEmpty() || key.size() > 200 ||
                    (name == u"json" && key.split(u'.').contains(QString()))) {
                    problems->insert(joinPath(field, key),
                                     name == u"json" ? tr("a dot path such as user.role or "
                                                          "items.0.id")
                                                     : tr("a name of 1-200 characters"));
                    continue;
                }
                const auto matcher = matcherFromJson(c.value(), name == u"json", &error);
                if (!matcher) {
                    problems->insert(joinPath(field, key), error);
                    continue;
                }
                list.append({key, *matcher});
                ++conditions;
            }
        } else if (name == u"body_contains") {
            if (!v.isString() || v.toString().isEmpty() || v.toString().size() > MaxBodyContains)
                problems->insert(field, tr("a text of 1-%1 characters").arg(MaxBodyContains));
            else
                rule.match.bodyContains = v.toString();
            ++conditions;
        } else if (name == u"method") {
            if (const auto methods = methodsFromJson(v, true))
                rule.match.methods = *methods;
            else
                problems->insert(field, tr("a method or a list of methods of %1")
                                            .arg(Endpoint::methods().join(QStringLiteral(", "))));
            ++conditions;
        } else {
            problems->insert(field, tr("unknown condition: use query, headers, json, "
                                       "body_contains or method"));
        }
    }
    if (conditions > MaxConditions)
        problems->insert(matchPath, tr("at most %1 conditions").arg(MaxConditions));
    if (problems->size() != before || !answer)
        return std::nullopt;
    rule.answer = *answer;
    return rule;
}

QList<MockRule> MockSpec::rulesFromJson(const QJsonValue &value, const Limits &limits,
                                        QJsonObject *problems)
{
    QList<MockRule> out;
    if (value.isNull() || value.isUndefined())
        return out;
    if (!value.isArray() || value.toArray().size() > MaxRules) {
        problems->insert(QStringLiteral("rules"), tr("a list of at most %1 rules").arg(MaxRules));
        return out;
    }
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (auto rule =
                ruleFromJson(array.at(i), QStringLiteral("rules[%1]").arg(i), limits, problems))
            out.append(*rule);
    }
    return out;
}

QList<MockAnswer> MockSpec::sequenceFromJson(const QJsonValue &value, const Limits &limits,
                                             QJsonObject *problems)
{
    QList<MockAnswer> out;
    if (value.isNull() || value.isUndefined())
        return out;
    if (!value.isArray() || value.toArray().size() > MaxSequence) {
        problems->insert(QStringLiteral("sequence"),
                         tr("a list of at most %1 answers").arg(MaxSequence));
        return out;
    }
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (auto answer = answerFromJson(array.at(i), QStringLiteral("sequence[%1]").arg(i), limits,
                                         problems))
            out.append(*answer);
    }
    return out;
}

} // namespace depot
