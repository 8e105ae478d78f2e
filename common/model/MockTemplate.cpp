#include "model/MockTemplate.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUuid>

namespace depot {
namespace {

constexpr int kMaxParts = 1000;

// Renders every templated string of `value` in place; false when the budget runs out.
bool renderStrings(QJsonValue &value, const MockRequest &request, qint64 *budget)
{
    if (value.isString()) {
        const QString text = value.toString();
        if (!MockTemplate::hasPlaceholders(text))
            return true;
        QString ignored;
        const auto t = MockTemplate::parse(text, &ignored);
        if (!t)
            return true; // checked when saved; an old row stays as written
        const auto out = t->render(request, *budget);
        if (!out)
            return false;
        *budget -= out->size();
        value = QString::fromUtf8(*out);
    } else if (value.isArray()) {
        QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            QJsonValue item = array.at(i);
            if (!renderStrings(item, request, budget))
                return false;
            array.replace(i, item);
        }
        value = array;
    } else if (value.isObject()) {
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            QJsonValue item = it.value();
            if (!renderStrings(item, request, budget))
                return false;
            it.value() = item;
        }
        value = object;
    }
    return true;
}

} // namespace

QList<QPair<QString, QString>> MockTemplate::help()
{
    return {
        {QStringLiteral("{{request.query.NAME}}"), tr("the query parameter NAME")},
        {QStringLiteral("{{request.header.NAME}}"), tr("the request header NAME (any case)")},
        {QStringLiteral("{{request.path}}"),
         tr("the path after the identifier of a wildcard endpoint (identifier/*)")},
        {QStringLiteral("{{request.path.N}}"), tr("segment N (from 0) of that path")},
        {QStringLiteral("{{request.json.DOT.PATH}}"),
         tr("a value of the JSON request body, e.g. request.json.items.0.id")},
        {QStringLiteral("{{request.method}}"), tr("the request method")},
        {QStringLiteral("{{now}}"), tr("the current time, RFC 3339 UTC")},
        {QStringLiteral("{{now \"epoch\"}}"), tr("the current time in seconds since 1970")},
        {QStringLiteral("{{uuid}}"), tr("a random UUID")},
        {QStringLiteral("{{randomInt A B}}"), tr("a random integer from A to B")},
        {QStringLiteral("{{default request.query.NAME \"fallback\"}}"),
         tr("a request value, or the fallback text when the request has none")},
    };
}

std::optional<MockTemplate::Part> MockTemplate::parsePlaceholder(const QString &expression,
                                                                 QString *error)
{
    static const QRegularExpression nowEpoch(QStringLiteral("^now\\s+\"epoch\"$"));
    static const QRegularExpression randomInt(
        QStringLiteral("^randomInt\\s+(-?\\d{1,9})\\s+(-?\\d{1,9})$"));
    static const QRegularExpression withDefault(
        QStringLiteral("^default\\s+(\\S+)\\s+\"((?:[^\"\\\\]|\\\\.)*)\"$"));
    static const QRegularExpression name(QStringLiteral("^[^\\s{}\"]{1,200}$"));
    const QString e = expression.trimmed();
    Part part;
    if (e == u"now") {
        part.kind = Kind::Now;
        return part;
    }
    if (nowEpoch.match(e).hasMatch()) {
        part.kind = Kind::NowEpoch;
        return part;
    }
    if (e == u"uuid") {
        part.kind = Kind::Uuid;
        return part;
    }
    if (const auto m = randomInt.match(e); m.hasMatch()) {
        part.kind = Kind::RandomInt;
        part.a = m.captured(1).toInt();
        part.b = m.captured(2).toInt();
        if (part.a > part.b) {
            *error = tr("{{%1}}: A may not exceed B").arg(e);
            return std::nullopt;
        }
        return part;
    }
    if (const auto m = withDefault.match(e); m.hasMatch()) {
        auto inner = parsePlaceholder(m.captured(1), error);
        if (!inner)
            return std::nullopt;
        if (inner->kind == Kind::Now || inner->kind == Kind::NowEpoch ||
            inner->kind == Kind::Uuid || inner->kind == Kind::RandomInt) {
            *error = tr("{{%1}}: default takes a request value").arg(e);
            return std::nullopt;
        }
        inner->hasFallback = true;
        static const QRegularExpression escaped(QStringLiteral("\\\\(.)"));
        inner->fallback = m.captured(2).replace(escaped, QStringLiteral("\\1"));
        return inner;
    }
    if (e == u"request.method") {
        part.kind = Kind::Method;
        return part;
    }
    if (e == u"request.path") {
        part.kind = Kind::Path;
        return part;
    }
    const auto suffix = [&](QLatin1String prefix) -> std::optional<QString> {
        if (!e.startsWith(prefix))
            return std::nullopt;
        const QString rest = e.mid(prefix.size());
        if (!name.match(rest).hasMatch())
            return std::nullopt;
        return rest;
    };
    if (const auto rest = suffix(QLatin1String("request.path."))) {
        bool ok = false;
        part.a = rest->toInt(&ok);
        if (ok && part.a >= 0) {
            part.kind = Kind::PathSegment;
            return part;
        }
    } else if (const auto rest = suffix(QLatin1String("request.query."))) {
        part.kind = Kind::Query;
        part.text = *rest;
        return part;
    } else if (const auto rest = suffix(QLatin1String("request.header."))) {
        part.kind = Kind::Header;
        part.text = *rest;
        return part;
    } else if (const auto rest = suffix(QLatin1String("request.json."))) {
        if (!rest->split(u'.').contains(QString())) {
            part.kind = Kind::Json;
            part.text = *rest;
            return part;
        }
    }
    *error = tr("unknown placeholder {{%1}}").arg(e.left(100));
    return std::nullopt;
}

std::optional<MockTemplate> MockTemplate::parse(const QString &text, QString *error)
{
    MockTemplate t;
    qsizetype pos = 0;
    while (pos < text.size()) {
        const qsizetype open = text.indexOf(QLatin1String("{{"), pos);
        if (open < 0)
            break;
        const qsizetype close = text.indexOf(QLatin1String("}}"), open + 2);
        if (close < 0) {
            *error = tr("\"{{\" without a closing \"}}\"");
            return std::nullopt;
        }
        if (open > pos)
            t.m_parts.append(Part{Kind::Literal, text.mid(pos, open - pos)});
        auto part = parsePlaceholder(text.mid(open + 2, close - open - 2), error);
        if (!part)
            return std::nullopt;
        t.m_parts.append(*part);
        if (t.m_parts.size() > kMaxParts) {
            *error = tr("at most %1 placeholders").arg(kMaxParts / 2);
            return std::nullopt;
        }
        pos = close + 2;
    }
    if (pos < text.size())
        t.m_parts.append(Part{Kind::Literal, text.mid(pos)});
    return t;
}

std::optional<QString> MockTemplate::lookup(const Part &part, const MockRequest &request)
{
    switch (part.kind) {
    case Kind::Query:
        return request.queryValue(part.text);
    case Kind::Header:
        return request.headerValue(part.text);
    case Kind::Path:
        return request.path;
    case Kind::PathSegment: {
        const QStringList segments = request.pathSegments();
        if (part.a < segments.size())
            return segments.at(part.a);
        return std::nullopt;
    }
    case Kind::Json:
        if (const auto value = request.jsonAt(part.text))
            return MockRequest::text(*value);
        return std::nullopt;
    case Kind::Method:
        return QString::fromLatin1(request.method);
    case Kind::Now:
        return QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    case Kind::NowEpoch:
        return QString::number(QDateTime::currentSecsSinceEpoch());
    case Kind::Uuid:
        return QUuid::createUuid().toString(QUuid::WithoutBraces);
    case Kind::RandomInt:
        return QString::number(
            QRandomGenerator::global()->bounded(qint64(part.a), qint64(part.b) + 1));
    case Kind::Literal:
        return part.text;
    }
    return std::nullopt;
}

std::optional<QByteArray> MockTemplate::render(const MockRequest &request, qint64 maxBytes) const
{
    QByteArray out;
    for (const Part &part : m_parts) {
        if (part.kind == Kind::Literal) {
            out += part.text.toUtf8();
        } else {
            std::optional<QString> value = lookup(part, request);
            if (!value && part.hasFallback)
                value = part.fallback;
            const QString text = value.value_or(QString());
            out += text.toUtf8();
        }
        if (out.size() > maxBytes)
            return std::nullopt;
    }
    return out;
}

bool MockTemplate::checkJson(const QJsonValue &value, QString *error)
{
    if (value.isString())
        return !hasPlaceholders(value.toString()) || parse(value.toString(), error).has_value();
    if (value.isArray()) {
        for (const QJsonValue &item : value.toArray()) {
            if (!checkJson(item, error))
                return false;
        }
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!checkJson(it.value(), error))
                return false;
        }
    }
    return true;
}

std::optional<QByteArray> MockTemplate::renderJson(const QJsonValue &value,
                                                   const MockRequest &request, qint64 maxBytes)
{
    QJsonValue copy = value;
    qint64 budget = maxBytes;
    if (!renderStrings(copy, request, &budget))
        return std::nullopt;
    const QByteArray wrapped = QJsonDocument(QJsonArray{copy}).toJson(QJsonDocument::Compact);
    QByteArray out = wrapped.mid(1, wrapped.size() - 2);
    if (out.size() > maxBytes)
        return std::nullopt;
    return out;
}

} // namespace depot
