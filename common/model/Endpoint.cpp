#include "model/Endpoint.h"

#include "codec/MediaType.h"
#include "model/MockRule.h"
#include "model/MockTemplate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>

#include <cmath>

namespace depot {
namespace {

QString isoTime(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODate) : QString();
}

QJsonValue timeValue(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(isoTime(time)) : QJsonValue(QJsonValue::Null);
}

QDateTime parseTime(const QJsonValue &value)
{
    if (value.isDouble() && std::isfinite(value.toDouble()))
        return QDateTime::fromSecsSinceEpoch(qint64(value.toDouble()), Qt::UTC);
    if (!value.isString())
        return {};
    const QString text = value.toString();
    // A time without a zone would mean the server's local time: refuse the ambiguity.
    static const QRegularExpression zoned(QStringLiteral("(Z|[+-]\\d\\d:?\\d\\d)$"));
    if (!zoned.match(text).hasMatch())
        return {};
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(text, Qt::ISODate);
    return time;
}

} // namespace

std::optional<qint64> Endpoint::integerValue(const QJsonValue &value, qint64 min, qint64 max)
{
    if (!value.isDouble())
        return std::nullopt;
    const double d = value.toDouble();
    if (!std::isfinite(d) || d != std::floor(d) || d < double(min) || d > double(max))
        return std::nullopt;
    return qint64(d);
}

QString Endpoint::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Json:
        return QStringLiteral("json");
    case Kind::File:
        return QStringLiteral("file");
    case Kind::Script:
        return QStringLiteral("script");
    }
    return QStringLiteral("json");
}

std::optional<Endpoint::Kind> Endpoint::kindFromName(const QString &name)
{
    for (Kind kind : {Kind::Json, Kind::File, Kind::Script}) {
        if (name == kindName(kind))
            return kind;
    }
    return std::nullopt;
}

bool Endpoint::isValidIdentifier(const QString &identifier)
{
    static const QRegularExpression pattern(QStringLiteral(
        "^[A-Za-z0-9_~-][A-Za-z0-9._~-]*(/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*(/\\*)?$"));
    return !identifier.isEmpty() && identifier.size() <= MaxIdentifierLength &&
           pattern.match(identifier).hasMatch();
}

const QStringList &Endpoint::methods()
{
    static const QStringList list{QStringLiteral("GET"), QStringLiteral("POST"),
                                  QStringLiteral("PUT"), QStringLiteral("PATCH"),
                                  QStringLiteral("DELETE")};
    return list;
}

bool Endpoint::isReservedHeader(const QString &name)
{
    static const QStringList reserved{
        // framing and hop-by-hop (RFC 9110 7.6.1): they describe one connection, not the content
        QStringLiteral("content-length"), QStringLiteral("transfer-encoding"),
        QStringLiteral("connection"), QStringLiteral("keep-alive"), QStringLiteral("te"),
        QStringLiteral("trailer"), QStringLiteral("upgrade"), QStringLiteral("proxy-connection"),
        QStringLiteral("proxy-authenticate"), QStringLiteral("host"),
        // set by the server for every answer
        QStringLiteral("date"), QStringLiteral("x-request-id"),
        // must stay "nosniff": user content is never sniffed into HTML
        QStringLiteral("x-content-type-options")};
    return reserved.contains(name.toLower());
}

bool Endpoint::isOriginBoundHeader(const QString &name)
{
    static const QStringList bound{QStringLiteral("set-cookie"),
                                   QStringLiteral("set-cookie2"),
                                   QStringLiteral("content-security-policy"),
                                   QStringLiteral("content-security-policy-report-only"),
                                   QStringLiteral("refresh"),
                                   QStringLiteral("clear-site-data")};
    return bound.contains(name.toLower());
}

QStringList Endpoint::acceptedMethods() const
{
    if (method == u"ANY")
        return methods();
    return method.split(u',');
}

QJsonValue Endpoint::methodJson() const
{
    if (!method.contains(u','))
        return method;
    return QJsonArray::fromStringList(method.split(u','));
}

QJsonValue Endpoint::latencyJson() const
{
    return MockLatency{latency, qMax(latency, latencyMax)}.toJson();
}

QJsonObject Endpoint::mockJson() const
{
    return {{QStringLiteral("rules"), rules},
            {QStringLiteral("sequence"), sequence},
            {QStringLiteral("after_last"), afterLast},
            {QStringLiteral("template"), templated},
            {QStringLiteral("cors"), cors ? QJsonValue(*cors) : QJsonValue()},
            {QStringLiteral("fault"), fault.isEmpty() ? QJsonValue() : QJsonValue(fault)},
            {QStringLiteral("bytes_per_second"),
             bytesPerSecond > 0 ? QJsonValue(bytesPerSecond) : QJsonValue()}};
}

void Endpoint::setMockJson(const QJsonObject &object)
{
    rules = object.value(QLatin1String("rules")).toArray();
    sequence = object.value(QLatin1String("sequence")).toArray();
    afterLast = object.value(QLatin1String("after_last")).toString(QStringLiteral("repeat_last"));
    templated = object.value(QLatin1String("template")).toBool();
    const QJsonValue corsValue = object.value(QLatin1String("cors"));
    cors = corsValue.isBool() ? std::optional<bool>(corsValue.toBool()) : std::nullopt;
    fault = object.value(QLatin1String("fault")).toString();
    bytesPerSecond = object.value(QLatin1String("bytes_per_second")).toInt();
}

QString Endpoint::publicUrl(const QString &baseUrl, const QString &username,
                            const QString &identifier)
{
    // Identifiers and usernames are URL-safe by their patterns; encode anyway.
    return baseUrl + QStringLiteral("/u/") +
           QString::fromLatin1(QUrl::toPercentEncoding(username)) + u'/' +
           QString::fromLatin1(QUrl::toPercentEncoding(identifier, "/*"));
}

QJsonObject Endpoint::toJson() const
{
    QJsonObject object{
        {QStringLiteral("id"), double(id)},
        {QStringLiteral("identifier"), identifier},
        {QStringLiteral("method"), methodJson()},
        {QStringLiteral("kind"), kindName(kind)},
        {QStringLiteral("exec"), kind == Kind::Script}, // seed 000's spelling of the same fact
        {QStringLiteral("body"), body.isUndefined() ? QJsonValue(QJsonValue::Null) : body},
        {QStringLiteral("response"),
         response.isUndefined() ? QJsonValue(QJsonValue::Null) : response},
        {QStringLiteral("latency"), latencyJson()},
        {QStringLiteral("headers"), headers},
        {QStringLiteral("status_code"), statusCode},
        {QStringLiteral("created_at"), timeValue(createdAt)},
        {QStringLiteral("updated_at"), timeValue(updatedAt)},
        {QStringLiteral("expires_at"), timeValue(expiresAt)},
        {QStringLiteral("url"), url},
    };
    const QJsonObject mock = mockJson();
    for (auto it = mock.begin(); it != mock.end(); ++it)
        object.insert(it.key(), it.value());
    if (hasFile()) {
        object.insert(QStringLiteral("file_name"), fileName);
        object.insert(QStringLiteral("content_type"), contentType);
        object.insert(QStringLiteral("size"), double(size));
    } else {
        object.insert(QStringLiteral("file_name"), QJsonValue::Null);
        object.insert(QStringLiteral("content_type"), QJsonValue::Null);
        object.insert(QStringLiteral("size"), QJsonValue::Null);
    }
    return object;
}

std::optional<Endpoint> Endpoint::fromJson(const QJsonObject &object, QString *error)
{
    auto failed = [error](const QString &why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    Endpoint e;
    const auto id = integerValue(object.value(QLatin1String("id")), 1, (1LL << 53));
    if (!id)
        return failed(tr("no valid id"));
    e.id = *id;
    e.identifier = object.value(QLatin1String("identifier")).toString();
    if (!isValidIdentifier(e.identifier))
        return failed(tr("no valid identifier"));
    const auto accepted = MockSpec::methodsFromJson(object.value(QLatin1String("method")), true);
    if (!accepted)
        return failed(tr("no valid method"));
    e.method = object.value(QLatin1String("method")).toString() == u"ANY" ? QStringLiteral("ANY")
                                                                          : accepted->join(u',');
    const auto kind = kindFromName(object.value(QLatin1String("kind")).toString());
    if (!kind)
        return failed(tr("no valid kind"));
    e.kind = *kind;
    e.body = object.value(QLatin1String("body"));
    if (e.body.isUndefined())
        e.body = QJsonValue::Null;
    e.response = object.value(QLatin1String("response"));
    if (e.response.isUndefined())
        e.response = QJsonValue::Null;
    const auto latency = MockSpec::latencyFromJson(object.value(QLatin1String("latency")), INT_MAX);
    e.latency = latency ? latency->min : 0;
    e.latencyMax = latency ? latency->max : 0;
    e.setMockJson(object);
    e.headers = object.value(QLatin1String("headers")).toObject();
    e.statusCode =
        int(integerValue(object.value(QLatin1String("status_code")), 100, 999).value_or(200));
    e.fileName = object.value(QLatin1String("file_name")).toString();
    e.contentType = object.value(QLatin1String("content_type")).toString();
    e.size = integerValue(object.value(QLatin1String("size")), 0, (1LL << 53)).value_or(0);
    e.createdAt = parseTime(object.value(QLatin1String("created_at")));
    e.updatedAt = parseTime(object.value(QLatin1String("updated_at")));
    e.expiresAt = parseTime(object.value(QLatin1String("expires_at")));
    e.url = object.value(QLatin1String("url")).toString();
    return e;
}

void Endpoint::applyFields(const QJsonObject &input, const Rules &rules, QJsonObject *problems)
{
    static const QStringList readOnly{
        QStringLiteral("id"),           QStringLiteral("url"),      QStringLiteral("file_name"),
        QStringLiteral("content_type"), QStringLiteral("size"),     QStringLiteral("created_at"),
        QStringLiteral("updated_at"),   QStringLiteral("username"), QStringLiteral("file")};
    auto problem = [problems](const QString &field, const QString &text) {
        problems->insert(field, text);
    };
    const qint64 now = rules.now > 0 ? rules.now : QDateTime::currentSecsSinceEpoch();

    for (auto it = input.begin(); it != input.end(); ++it) {
        const QString &name = it.key();
        const QJsonValue value = it.value();
        if (readOnly.contains(name))
            continue;
        if (name == u"identifier") {
            if (!value.isString() || !isValidIdentifier(value.toString()))
                problem(name, tr("1-%1 characters: segments of letters, digits and . _ ~ - "
                                 "separated by '/', none empty or starting with '.'")
                                  .arg(MaxIdentifierLength));
            else
                identifier = value.toString();
        } else if (name == u"method") {
            const QJsonValue list =
                value.isString() && value.toString().contains(u',')
                    ? QJsonValue(QJsonArray::fromStringList(value.toString().split(u',')))
                    : value;
            const auto accepted = MockSpec::methodsFromJson(list, true);
            if (!accepted)
                problem(name, tr("one of %1, ANY, or a list of them")
                                  .arg(methods().join(QStringLiteral(", "))));
            else
                method = value.toString().toUpper() == u"ANY" ? QStringLiteral("ANY")
                                                              : accepted->join(u',');
        } else if (name == u"kind") {
            const auto k = kindFromName(value.toString());
            if (!k)
                problem(name, tr("one of json, file, script"));
            else
                kind = *k;
        } else if (name == u"exec") {
            continue; // after the loop: it depends on "kind"
        } else if (name == u"body") {
            body = value; // any JSON value; null accepts any request body
        } else if (name == u"response") {
            response = value;
        } else if (name == u"latency") {
            const auto range = MockSpec::latencyFromJson(value, rules.maxLatencyMs);
            if (!range) {
                problem(name, MockSpec::latencyRule(rules.maxLatencyMs));
            } else {
                latency = range->min;
                latencyMax = range->max;
            }
        } else if (name == u"rules") {
            this->rules = value.toArray();
            if (!value.isArray() && !value.isNull())
                problem(name, tr("a list of rules"));
        } else if (name == u"sequence") {
            sequence = value.toArray();
            if (!value.isArray() && !value.isNull())
                problem(name, tr("a list of answers"));
        } else if (name == u"after_last") {
            if (!MockSpec::afterLastModes().contains(value.toString()))
                problem(name,
                        tr("one of %1").arg(MockSpec::afterLastModes().join(QStringLiteral(", "))));
            else
                afterLast = value.toString();
        } else if (name == u"template") {
            if (!value.isBool())
                problem(name, tr("true or false"));
            else
                templated = value.toBool();
        } else if (name == u"cors") {
            if (!value.isBool() && !value.isNull())
                problem(name, tr("true, false, or null (your account's default)"));
            else
                cors = value.isBool() ? std::optional<bool>(value.toBool()) : std::nullopt;
        } else if (name == u"fault") {
            if (!value.isNull() && (!value.isString() || value.toString().isEmpty()))
                problem(
                    name,
                    tr("one of %1, or null").arg(MockSpec::faults().join(QStringLiteral(", "))));
            else
                fault = value.toString();
        } else if (name == u"bytes_per_second") {
            const auto speed = integerValue(value, 1, MockSpec::MaxBytesPerSecond);
            if (!speed && !value.isNull())
                problem(name, tr("an integer from 1 to %1").arg(MockSpec::MaxBytesPerSecond));
            else
                bytesPerSecond = int(speed.value_or(0));
        } else if (name == u"status_code") {
            const auto code = integerValue(value, 200, 599);
            if (!code)
                problem(name, tr("an integer HTTP status from 200 to 599"));
            else
                statusCode = int(*code);
        } else if (name == u"headers") {
            if (!value.isObject() && !value.isNull()) {
                problem(name, tr("an object of header names and string values"));
                continue;
            }
            const QJsonObject object = value.toObject();
            QStringList bad = MockSpec::headerProblems(object, false);
            for (auto h = object.begin(); h != object.end(); ++h) {
                if (isOriginBoundHeader(h.key()) && !rules.separateContentOrigin)
                    bad.append(tr("%1 is only allowed when hosted content has its own origin "
                                  "(--content-url)")
                                   .arg(h.key()));
            }
            if (!bad.isEmpty())
                problem(name, bad.join(QStringLiteral("; ")));
            else
                headers = object;
        } else if (name == u"expires_at") {
            if (value.isNull()) {
                expiresAt =
                    QDateTime::fromSecsSinceEpoch(now + rules.defaultExpirySeconds, Qt::UTC);
                continue;
            }
            const QDateTime time = parseTime(value);
            if (!time.isValid())
                problem(name, tr("an ISO 8601 time with a time zone, e.g. 2030-01-31T12:00:00Z"));
            else if (time.toSecsSinceEpoch() <= now)
                problem(name, tr("must be in the future"));
            else if (time.toSecsSinceEpoch() > now + rules.maxExpirySeconds)
                problem(name, tr("at most %1 seconds from now").arg(rules.maxExpirySeconds));
            else
                expiresAt = time.toUTC();
        } else {
            problem(name, tr("unknown field"));
        }
    }
    // Seed 000 marks an executable script with the `exec` flag: true is "kind": "script", false
    // a plain (static) file. Given together with "kind", the two must agree.
    if (input.contains(QLatin1String("exec"))) {
        const std::optional<bool> exec = execFlag(input.value(QLatin1String("exec")));
        const std::optional<Kind> named =
            input.contains(QLatin1String("kind"))
                ? kindFromName(input.value(QLatin1String("kind")).toString())
                : std::nullopt;
        if (!exec)
            problem(QStringLiteral("exec"), tr("true (a script) or false (a static file)"));
        else if (named && (*named == Kind::Script) != *exec)
            problem(QStringLiteral("exec"), tr("contradicts kind \"%1\"").arg(kindName(*named)));
        else if (*exec)
            kind = Kind::Script;
        else if (kind == Kind::Script)
            kind = Kind::File;
    }
}

std::optional<bool> Endpoint::execFlag(const QJsonValue &value)
{
    if (value.isBool())
        return value.toBool();
    if (value.isDouble() && (value.toDouble() == 0 || value.toDouble() == 1))
        return value.toDouble() == 1;
    const QString text = value.toString().trimmed().toLower();
    if (text == u"true" || text == u"1")
        return true;
    if (text == u"false" || text == u"0")
        return false;
    return std::nullopt;
}

bool Endpoint::namesKind(const QJsonObject &input)
{
    return input.contains(QLatin1String("kind")) ||
           execFlag(input.value(QLatin1String("exec"))).value_or(false);
}

void Endpoint::checkMock(const Rules &limits, QJsonObject *problems) const
{
    const bool mockFields = !rules.isEmpty() || !sequence.isEmpty() || templated ||
                            !fault.isEmpty() || latencyMax > latency;
    if (kind != Kind::Json) {
        if (mockFields)
            problems->insert(QStringLiteral("kind"),
                             tr("rules, sequence, template, fault and latency ranges are for "
                                "json endpoints"));
        return;
    }
    const MockSpec::Limits specLimits{limits.maxLatencyMs, templated};
    MockSpec::rulesFromJson(rules, specLimits, problems);
    MockSpec::sequenceFromJson(sequence, specLimits, problems);
    MockSpec::checkFault(fault, bytesPerSecond > 0 ? QJsonValue(bytesPerSecond) : QJsonValue(),
                         QString(), problems);
    if (!templated)
        return;
    QString error;
    if (!MockTemplate::checkJson(response, &error))
        problems->insert(QStringLiteral("response"), error);
    const QStringList bad = MockSpec::headerProblems(headers, true);
    if (!bad.isEmpty() && !problems->contains(QLatin1String("headers")))
        problems->insert(QStringLiteral("headers"), bad.join(QStringLiteral("; ")));
}

void Endpoint::checkConsistency(QJsonObject *problems) const
{
    if (problems->contains(QLatin1String("headers")))
        return;
    for (auto it = headers.begin(); it != headers.end(); ++it) {
        const QString name = it.key().toLower();
        if (kind == Kind::Json && name == u"content-type" &&
            MediaType::isActiveContent(it.value().toString())) {
            problems->insert(
                QStringLiteral("headers"),
                tr("Content-Type %1 could run script in browsers; use a JSON or text type")
                    .arg(it.value().toString()));
            return;
        }
        if (kind == Kind::File && (name == u"content-type" || name == u"content-disposition")) {
            problems->insert(
                QStringLiteral("headers"),
                tr("%1 of a file endpoint is set from the uploaded file").arg(it.key()));
            return;
        }
    }
}

QJsonObject Endpoint::fieldsFromText(const QList<QPair<QByteArray, QByteArray>> &fields,
                                     QJsonObject *problems)
{
    QJsonObject out;
    for (const auto &[rawName, raw] : fields) {
        const QString name = QString::fromUtf8(rawName);
        const QString text = QString::fromUtf8(raw).trimmed();
        if (text.isEmpty() &&
            (name == u"fault" || name == u"bytes_per_second" || name == u"cors")) {
            out.insert(name, QJsonValue::Null);
        } else if ((name == u"latency" && !text.startsWith(u'{')) || name == u"status_code" ||
                   name == u"bytes_per_second") {
            bool ok = false;
            const qint64 n = text.toLongLong(&ok);
            if (ok)
                out.insert(name, double(n));
            else
                out.insert(name, text); // applyFields names the problem
        } else if (name == u"template" || name == u"cors") {
            if (text == u"true" || text == u"false")
                out.insert(name, text == u"true");
            else if (name == u"cors" && text == u"null")
                out.insert(name, QJsonValue::Null);
            else
                out.insert(name, text); // applyFields names the problem
        } else if (name == u"body" || name == u"response" || name == u"headers" ||
                   name == u"rules" || name == u"sequence" ||
                   (name == u"latency" && text.startsWith(u'{'))) {
            if (text.isEmpty()) {
                out.insert(name, QJsonValue::Null);
                continue;
            }
            // Wrapped in an array so that any JSON value (not just objects) parses.
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson("[" + text.toUtf8() + "]", &error);
            if (error.error != QJsonParseError::NoError || doc.array().size() != 1)
                problems->insert(name, tr("not valid JSON"));
            else
                out.insert(name, doc.array().first());
        } else if (name == u"expires_at" && text.isEmpty()) {
            out.insert(name, QJsonValue::Null);
        } else {
            out.insert(name, text);
        }
    }
    return out;
}

bool Endpoint::ownerMaySend(const QString &name, bool separateContentOrigin)
{
    // The exchange owns framing, and nosniff is not the owner's to switch off.
    if (isReservedHeader(name))
        return false;
    return !isOriginBoundHeader(name) || separateContentOrigin;
}

} // namespace depot
