#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>

namespace depot {

// One hosted endpoint: the seed's `Url` row as the management API shows it. The server builds
// it from its table and the request; the client reads it back with fromJson(). Both sides use
// applyFields() to check what a user wrote, so the rules (and their messages) are the same.
struct Endpoint
{
    Q_DECLARE_TR_FUNCTIONS(Endpoint)

public:
    enum class Kind { Json, File, Script };

    // What applyFields() needs to know beyond the input.
    struct Rules
    {
        int maxLatencyMs = 60000;
        qint64 defaultExpirySeconds = 7 * 24 * 3600;
        qint64 maxExpirySeconds = 365LL * 24 * 3600;
        qint64 now = 0; // seconds since the epoch; 0: the current time
        // Hosted content has an origin of its own (--content-url): only then may owners set
        // the headers of isOriginBoundHeader().
        bool separateContentOrigin = false;
    };

    qint64 id = 0;
    QString identifier;
    // One of methods(), "ANY", or several joined by ',' ("GET,POST"; a list in JSON).
    QString method = QStringLiteral("GET");
    Kind kind = Kind::Json;
    QJsonValue body = QJsonValue::Null;     // the expected request body; null accepts any body
    QJsonValue response = QJsonValue::Null; // what a json endpoint answers
    int latency = 0;                        // ms before the answer
    QJsonObject headers;                    // name -> string value, added to every answer
    int statusCode = 200;
    // The stored content of file and script endpoints (read-only through the API).
    QString fileName;
    QString contentType;
    qint64 size = 0;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime expiresAt;
    QString url; // <base>/u/<username>/<identifier>
    // Mocks (json endpoints): checked by MockSpec; see docs/API.md "Mocks".
    int latencyMax = 0;                                // > latency: a range {min, max}
    QJsonArray rules;                                  // ordered; the first match answers
    QJsonArray sequence;                               // answers in turn
    QString afterLast = QStringLiteral("repeat_last"); // or "cycle"
    bool templated = false;                            // "template": placeholders
    // Preflight and CORS headers: true, false, or unset (nullopt: the owner's account default,
    // `cors_default` of /api/v1/me).
    std::optional<bool> cors;
    QString fault;          // the endpoint's own answer's fault
    int bytesPerSecond = 0; // for fault "slow_body"

    // A JSON number that is an integer in [min, max].
    static std::optional<qint64> integerValue(const QJsonValue &value, qint64 min, qint64 max);
    static QString kindName(Kind kind); // "json" | "file" | "script"
    static std::optional<Kind> kindFromName(const QString &name);
    // Seed 000's `exec` field, an alias of the kind: true (also 1, "true", "1": a form field) is
    // "kind": "script", false a static file; nullopt for anything else.
    static std::optional<bool> execFlag(const QJsonValue &value);
    // Whether `input` chooses the kind itself ("kind", or "exec": true), so that a form with a
    // file and no such field can default to a file endpoint.
    static bool namesKind(const QJsonObject &input);
    bool hasFile() const { return kind != Kind::Json; }

    // 1-200 characters: '/'-separated segments of letters, digits and . _ ~ -, none empty and
    // none starting with '.' (so no "..", no hidden names). Safe as a URL path, never a file path.
    // A final "/*" makes a wildcard endpoint that answers every deeper path.
    static bool isValidIdentifier(const QString &identifier);
    bool isWildcard() const { return identifier.endsWith(QLatin1String("/*")); }
    // The methods the endpoint answers (method split; "ANY": all of methods()).
    QStringList acceptedMethods() const;
    QJsonValue methodJson() const; // "GET", "ANY" or ["GET", "POST"]
    bool isMock() const
    {
        return !rules.isEmpty() || !sequence.isEmpty() || templated || cors.has_value() ||
               !fault.isEmpty() || latencyMax > latency;
    }
    // Whether the endpoint answers CORS, given its owner's account default.
    bool corsFor(bool ownerDefault) const { return cors.value_or(ownerDefault); }
    // The mock fields as stored in one column and sent by clients (writable names).
    QJsonObject mockJson() const;
    void setMockJson(const QJsonObject &object);
    QJsonValue latencyJson() const;
    static constexpr int MaxIdentifierLength = 200;
    static const QStringList &methods(); // GET POST PUT PATCH DELETE
    // Names the server sets itself or that belong to one connection (hop-by-hop).
    static bool isReservedHeader(const QString &name);
    // Headers that act on the whole origin (cookies, its CSP, redirects by Refresh, clearing
    // its storage): on the origin of the console and the API they would let one user's content
    // reach another user's session, so owners may set them only on a separate content origin.
    static bool isOriginBoundHeader(const QString &name);
    // Whether an owner's endpoint (its headers, a mock rule's, a template's) may send `name`:
    // never a reserved header, and an origin-bound one only when hosted content has its own
    // origin (--content-url). The one rule for every kind of answer.
    static bool ownerMaySend(const QString &name, bool separateContentOrigin);
    static constexpr int MaxHeaders = 50;

    // The public URL of `identifier` owned by `username` under `baseUrl` (no trailing '/').
    static QString publicUrl(const QString &baseUrl, const QString &username,
                             const QString &identifier);

    // The full representation (what the server answers).
    QJsonObject toJson() const;
    // Reads toJson()'s output back; nullopt (and *error) when it is not an endpoint.
    static std::optional<Endpoint> fromJson(const QJsonObject &object, QString *error = nullptr);

    // Applies the writable fields present in `input` (POST/PUT/PATCH: identifier, method, kind
    // or its alias exec, body, response, latency, headers, status_code, expires_at) and adds one
    // message per bad field to *problems. Read-only fields (id, url, file_name, ...) are ignored;
    // unknown ones are problems. Fields left out keep their current value.
    void applyFields(const QJsonObject &input, const Rules &rules, QJsonObject *problems);
    // Multipart text fields as applyFields() takes them: numbers for latency and status_code,
    // JSON text for body, response and headers. A value that does not parse becomes a problem.
    // Rules across fields, after applyFields(): a json endpoint may not claim an active type
    // (HTML, SVG, ...) for user-written content, and a file endpoint's Content-Type and
    // Content-Disposition come from the file, not from `headers`.
    void checkConsistency(QJsonObject *problems) const;
    // The mock fields (rules, sequence, templates, fault) as MockSpec reads them, after
    // applyFields(), with the template flag and kind the endpoint ends up with.
    void checkMock(const Rules &limits, QJsonObject *problems) const;
    static QJsonObject fieldsFromText(const QList<QPair<QByteArray, QByteArray>> &fields,
                                      QJsonObject *problems);
};

} // namespace depot
