#include "OpenApi.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>

#include <cmath>
#include <mutex>

namespace depot::test {
namespace {

const QStringList kMethods{QStringLiteral("get"),   QStringLiteral("put"),
                           QStringLiteral("post"),  QStringLiteral("delete"),
                           QStringLiteral("patch"), QStringLiteral("options")};

QString typeOf(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("boolean");
    case QJsonValue::Double:
        return QStringLiteral("number");
    case QJsonValue::String:
        return QStringLiteral("string");
    case QJsonValue::Array:
        return QStringLiteral("array");
    case QJsonValue::Object:
        return QStringLiteral("object");
    default:
        return QStringLiteral("undefined");
    }
}

bool hasType(const QJsonValue &v, const QString &type)
{
    if (type == u"integer")
        return v.isDouble() && std::floor(v.toDouble()) == v.toDouble();
    return typeOf(v) == type;
}

QString shortJson(const QJsonValue &v)
{
    QByteArray text = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    text = text.mid(1, text.size() - 2);
    return QString::fromUtf8(text.size() > 80 ? text.left(77) + "..." : text);
}

QStringList segmentsOf(const QString &path)
{
    return path.split(u'/', Qt::SkipEmptyParts);
}

QString essenceOf(const QByteArray &contentType)
{
    return QString::fromLatin1(contentType.split(';').constFirst().trimmed().toLower());
}

bool isJsonType(const QString &essence)
{
    return essence == u"application/json" || essence.endsWith(u"+json");
}

} // namespace

QString normalizedPattern(const QString &pattern)
{
    QStringList out;
    for (const QString &segment : segmentsOf(pattern)) {
        if (segment.startsWith(u'{'))
            out.append(segment.endsWith(u"...}") ? QStringLiteral("{...}") : QStringLiteral("{}"));
        else
            out.append(segment);
    }
    return u'/' + out.join(u'/');
}

std::optional<OpenApi> OpenApi::fromYamlFile(const QString &path, QString *error)
{
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-c"),
                  QStringLiteral("import json, sys, yaml\n"
                                 "json.dump(yaml.safe_load(open(sys.argv[1], encoding='utf-8')), "
                                 "sys.stdout)"),
                  path});
    if (!python.waitForFinished(30000) || python.exitStatus() != QProcess::NormalExit ||
        python.exitCode() != 0) {
        if (error)
            *error = QStringLiteral("cannot read %1 with /usr/bin/python3 and python3-yaml "
                                    "(scripts/setup.sh installs it): %2")
                         .arg(path, QString::fromUtf8(python.readAllStandardError()).trimmed());
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(python.readAllStandardOutput(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        if (error)
            *error = QStringLiteral("%1 is not an OpenAPI document").arg(path);
        return std::nullopt;
    }
    return OpenApi(doc.object());
}

const OpenApi *OpenApi::shared(QString *error)
{
    static std::once_flag once;
    static std::optional<OpenApi> api;
    static QString loadError;
    std::call_once(once, [] {
        api = fromYamlFile(QStringLiteral(DEPOT_SOURCE_DIR "/docs/openapi.yaml"), &loadError);
    });
    if (!api && error)
        *error = loadError;
    return api ? &*api : nullptr;
}

QJsonValue OpenApi::resolve(const QJsonValue &value) const
{
    QJsonValue current = value;
    for (int depth = 0;
         depth < 20 && current.isObject() && current.toObject().contains(QLatin1String("$ref"));
         ++depth) {
        const QString ref = current.toObject().value(QLatin1String("$ref")).toString();
        if (!ref.startsWith(u"#/"))
            return QJsonValue::Undefined;
        QJsonValue node = m_doc;
        for (QString part : ref.mid(2).split(u'/')) {
            part.replace(QStringLiteral("~1"), QStringLiteral("/"));
            part.replace(QStringLiteral("~0"), QStringLiteral("~"));
            node = node.toObject().value(part);
        }
        current = node;
    }
    return current;
}

QStringList OpenApi::validate(const QJsonValue &value, const QJsonValue &schemaRef,
                              const QString &where) const
{
    const QJsonValue resolved = resolve(schemaRef);
    if (resolved.isUndefined())
        return {
            where +
            QStringLiteral(": the schema reference %1 leads nowhere").arg(shortJson(schemaRef))};
    if (resolved.isBool())
        return resolved.toBool() ? QStringList()
                                 : QStringList{where + QStringLiteral(": not allowed")};
    const QJsonObject schema = resolved.toObject();
    QStringList problems;

    if (schema.contains(QLatin1String("type"))) {
        const QJsonValue type = schema.value(QLatin1String("type"));
        QStringList types;
        if (type.isArray()) {
            for (const QJsonValue &t : type.toArray())
                types.append(t.toString());
        } else {
            types.append(type.toString());
        }
        bool ok = false;
        for (const QString &t : types)
            ok = ok || hasType(value, t);
        if (!ok)
            return {where + QStringLiteral(": %1 is not of type %2")
                                .arg(shortJson(value), types.join(QStringLiteral(" | ")))};
    }
    if (schema.contains(QLatin1String("const")) && value != schema.value(QLatin1String("const")))
        problems.append(
            where + QStringLiteral(": %1 is not %2")
                        .arg(shortJson(value), shortJson(schema.value(QLatin1String("const")))));
    if (schema.contains(QLatin1String("enum"))) {
        const QJsonArray options = schema.value(QLatin1String("enum")).toArray();
        if (!options.contains(value))
            problems.append(
                where +
                QStringLiteral(": %1 is not one of %2").arg(shortJson(value), shortJson(options)));
    }
    if (value.isDouble()) {
        if (schema.contains(QLatin1String("minimum")) &&
            value.toDouble() < schema.value(QLatin1String("minimum")).toDouble())
            problems.append(where +
                            QStringLiteral(": %1 is below the minimum").arg(value.toDouble()));
        if (schema.contains(QLatin1String("maximum")) &&
            value.toDouble() > schema.value(QLatin1String("maximum")).toDouble())
            problems.append(where +
                            QStringLiteral(": %1 is above the maximum").arg(value.toDouble()));
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        const QJsonObject properties = schema.value(QLatin1String("properties")).toObject();
        for (const QJsonValue &name : schema.value(QLatin1String("required")).toArray()) {
            if (!object.contains(name.toString()))
                problems.append(
                    where +
                    QStringLiteral(": the required member \"%1\" is missing").arg(name.toString()));
        }
        const QJsonValue additional = schema.value(QLatin1String("additionalProperties"));
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString at = where + u'.' + it.key();
            if (properties.contains(it.key()))
                problems += validate(it.value(), properties.value(it.key()), at);
            else if (additional.isBool() && !additional.toBool())
                problems.append(at + QStringLiteral(": not in the documented schema "
                                                    "(docs/openapi.yaml)"));
            else if (additional.isObject())
                problems += validate(it.value(), additional, at);
        }
    }
    if (value.isArray() && schema.contains(QLatin1String("items"))) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            problems += validate(array.at(i), schema.value(QLatin1String("items")),
                                 where + QStringLiteral("[%1]").arg(i));
            if (problems.size() > 20)
                break;
        }
    }
    for (const QJsonValue &part : schema.value(QLatin1String("allOf")).toArray())
        problems += validate(value, part, where);
    for (const char *key : {"anyOf", "oneOf"}) {
        const QJsonArray options = schema.value(QLatin1String(key)).toArray();
        if (options.isEmpty())
            continue;
        int matching = 0;
        QStringList why;
        for (const QJsonValue &option : options) {
            const QStringList p = validate(value, option, where);
            matching += p.isEmpty() ? 1 : 0;
            why += p;
        }
        if (matching == 0 || (qstrcmp(key, "oneOf") == 0 && matching > 1))
            problems.append(where +
                            QStringLiteral(": matches %1 of the %2 alternatives (%3)")
                                .arg(matching)
                                .arg(QString::fromLatin1(key), why.join(QStringLiteral("; "))));
    }
    return problems;
}

QList<QPair<QString, QJsonObject>> OpenApi::pathItems() const
{
    QList<QPair<QString, QJsonObject>> items;
    const QJsonObject paths = m_doc.value(QLatin1String("paths")).toObject();
    for (auto it = paths.begin(); it != paths.end(); ++it) {
        const QJsonObject item = resolve(it.value()).toObject();
        items.append({item.contains(QLatin1String("x-depot-pattern"))
                          ? item.value(QLatin1String("x-depot-pattern")).toString()
                          : it.key(),
                      item});
    }
    return items;
}

std::optional<QPair<QString, QJsonObject>> OpenApi::pathItem(const QString &path) const
{
    const QStringList segments = segmentsOf(path);
    std::optional<QPair<QString, QJsonObject>> best;
    int bestLiterals = -1;
    for (const auto &[pattern, item] : pathItems()) {
        const QStringList parts = segmentsOf(pattern);
        const bool rest = !parts.isEmpty() && parts.last().endsWith(u"...}");
        if (rest ? segments.size() < parts.size() : segments.size() != parts.size())
            continue;
        int literals = 0;
        bool match = true;
        for (qsizetype i = 0; i < parts.size() && match; ++i) {
            if (parts[i].startsWith(u'{'))
                match = !segments[i].isEmpty();
            else if (parts[i] == segments[i])
                ++literals;
            else
                match = false;
        }
        if (match && literals > bestLiterals) {
            best = qMakePair(pattern, item);
            bestLiterals = literals;
        }
    }
    return best;
}

QList<QPair<QByteArray, QString>> OpenApi::operations() const
{
    QList<QPair<QByteArray, QString>> list;
    for (const auto &[pattern, item] : pathItems()) {
        for (const QString &method : kMethods) {
            if (item.contains(method))
                list.append({method.toUpper().toLatin1(), pattern});
        }
    }
    return list;
}

QStringList OpenApi::check(const QByteArray &method, const QUrl &url, int status,
                           const QByteArray &contentType, const QByteArray &body) const
{
    if (method == "HEAD" || status == 0)
        return {};
    const QString essence = essenceOf(contentType);
    const bool json = isJsonType(essence) && !body.isEmpty();
    const QString what = QStringLiteral("%1 %2 → %3")
                             .arg(QString::fromLatin1(method), url.path(QUrl::FullyEncoded))
                             .arg(status);
    // Decoded segments: literals of the document are compared with what the router sees.
    QStringList decoded;
    for (const QString &raw : url.path(QUrl::FullyEncoded).split(u'/'))
        decoded.append(QString::fromUtf8(QByteArray::fromPercentEncoding(raw.toUtf8())));
    const auto item = pathItem(decoded.join(u'/'));
    const QJsonObject operation =
        item ? item->second.value(QString::fromLatin1(method.toLower())).toObject() : QJsonObject();
    const QJsonValue errorSchema =
        QJsonObject{{QStringLiteral("$ref"), QStringLiteral("#/components/schemas/Error")}};

    if (operation.isEmpty()) {
        // Not a documented operation: only the router's 404 / 405 / OPTIONS and the guard's
        // refusals can answer it, all as errors.
        if (status < 400 && !(method == "OPTIONS" && status == 204))
            return {what + QStringLiteral(": answered %1 but docs/openapi.yaml has no %2 %3")
                               .arg(status)
                               .arg(QString::fromLatin1(method), url.path())};
        if (!json)
            return {};
        const QJsonDocument doc = QJsonDocument::fromJson(body);
        QStringList problems = validate(doc.isNull() ? QJsonValue() : doc.object(), errorSchema);
        for (QString &p : problems)
            p.prepend(what + u' ');
        return problems;
    }

    const QJsonObject responses = operation.value(QLatin1String("responses")).toObject();
    const QString code = QString::number(status);
    QJsonValue response = responses.value(code);
    if (response.isUndefined())
        response = responses.value(code.left(1) + QStringLiteral("XX"));
    // An operation documented only by "default" answers what its owner defined (hosted URLs).
    bool documentsSuccess = false;
    for (auto it = responses.begin(); it != responses.end(); ++it)
        documentsSuccess = documentsSuccess || it.key().startsWith(u'2');
    if (response.isUndefined()) {
        if (status < 400 && status != 304 && documentsSuccess)
            return {what + QStringLiteral(": status %1 is not documented for %2 %3")
                               .arg(status)
                               .arg(QString::fromLatin1(method), item->first)};
        response = responses.value(QLatin1String("default"));
        if (response.isUndefined())
            return {what + QStringLiteral(": status %1 is not documented").arg(status)};
    }
    const QJsonObject content =
        resolve(response).toObject().value(QLatin1String("content")).toObject();
    if (!json)
        return {};
    QJsonValue media = content.value(QLatin1String("application/json"));
    for (const char *wildcard : {"application/*", "*/*"}) {
        if (media.isUndefined())
            media = content.value(QLatin1String(wildcard));
    }
    if (media.isUndefined())
        return {what + QStringLiteral(": answered JSON, documented as %1")
                           .arg(content.keys().join(QStringLiteral(", ")))};
    const QJsonValue schema = media.toObject().value(QLatin1String("schema"));
    if (schema.isUndefined() || (schema.isObject() && schema.toObject().isEmpty()))
        return {};
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return {
            what +
            QStringLiteral(": the JSON answer does not parse: %1").arg(parseError.errorString())};
    const QJsonValue value = doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
    QStringList problems = validate(value, schema);
    for (QString &p : problems)
        p.prepend(what + u' ');
    return problems;
}

} // namespace depot::test
