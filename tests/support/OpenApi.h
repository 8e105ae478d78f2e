#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace depot::test {

// docs/openapi.yaml as a contract the tests hold the server to. check() validates one answer:
// its status must be documented for the operation (method + path template), and a JSON body
// must match the documented schema. The validator covers the JSON Schema subset the document
// uses: $ref (JSON pointers into the document), type (one or a list), const, enum, properties,
// required, additionalProperties, items, allOf, anyOf, oneOf, minimum, maximum.
class OpenApi
{
public:
    // The repository's docs/openapi.yaml (YAML read once through /usr/bin/python3 and its yaml
    // module, Debian's python3-yaml); nullptr with *error when it cannot be read.
    static const OpenApi *shared(QString *error = nullptr);
    static std::optional<OpenApi> fromYamlFile(const QString &path, QString *error);
    explicit OpenApi(QJsonObject document) : m_doc(std::move(document)) {}

    // Problems with this answer (empty: it keeps the contract). HEAD answers are not checked.
    QStringList check(const QByteArray &method, const QUrl &url, int status,
                      const QByteArray &contentType, const QByteArray &body) const;

    // Every (METHOD, pattern) the document describes, in the server's route table notation:
    // a path item's x-depot-pattern when it has one (e.g. "/u/{username}/{identifier...}").
    QList<QPair<QByteArray, QString>> operations() const;
    // Problems of `value` against `schema` (a schema object or {"$ref": ...}), at `where`.
    QStringList validate(const QJsonValue &value, const QJsonValue &schema,
                         const QString &where = QStringLiteral("$")) const;

    const QJsonObject &document() const { return m_doc; }

private:
    QJsonValue resolve(const QJsonValue &value) const; // follows $ref until none is left
    // Every path item with its pattern (x-depot-pattern, else its key).
    QList<QPair<QString, QJsonObject>> pathItems() const;
    // The path item that matches `path` (most literal segments wins) and its template.
    std::optional<QPair<QString, QJsonObject>> pathItem(const QString &path) const;

    QJsonObject m_doc;
};

// Normalizes a route pattern for comparison: every "{name}" / "{name...}" becomes "{}" or
// "{...}", so "/api/v1.0/file/{name}" and "/api/v1.0/file/{id}" are the same path.
QString normalizedPattern(const QString &pattern);

} // namespace depot::test
