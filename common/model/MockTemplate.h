#pragma once

#include "model/MockRequest.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace depot {

// A response template: text with {{placeholders}} rendered per request. The placeholders:
//   {{request.query.NAME}} {{request.header.NAME}} {{request.path}} {{request.path.N}}
//   {{request.json.DOT.PATH}} {{request.method}} {{now}} {{now "epoch"}} {{uuid}}
//   {{randomInt A B}} {{default request.… "fallback"}}
// No code runs: each placeholder is one of these lookups. parse() refuses anything else, so an
// unknown placeholder is found when the endpoint is saved, not when it answers.
class MockTemplate
{
    Q_DECLARE_TR_FUNCTIONS(MockTemplate)

public:
    // nullopt and *error naming the first bad placeholder.
    static std::optional<MockTemplate> parse(const QString &text, QString *error);
    // True when `text` holds "{{" at all (plain text renders as itself).
    static bool hasPlaceholders(const QString &text) { return text.contains(QLatin1String("{{")); }
    // The placeholders as the client's help lists them: (syntax, what it gives).
    static QList<QPair<QString, QString>> help();

    // The rendered text; nullopt when it would exceed maxBytes (UTF-8).
    std::optional<QByteArray> render(const MockRequest &request, qint64 maxBytes) const;

    // JSON answers: every string value of `value` is a template. check() names the first bad
    // one; renderJson() renders them and serialises the result, so rendered values are
    // JSON-escaped (quotes, newlines) wherever they land. nullopt beyond maxBytes.
    static bool checkJson(const QJsonValue &value, QString *error);
    static std::optional<QByteArray> renderJson(const QJsonValue &value, const MockRequest &request,
                                                qint64 maxBytes);

private:
    enum class Kind {
        Literal,
        Query,
        Header,
        Path,
        PathSegment,
        Json,
        Method,
        Now,
        NowEpoch,
        Uuid,
        RandomInt
    };
    struct Part
    {
        Kind kind = Kind::Literal;
        QString text;     // literal text, or the name / dot path
        int a = 0, b = 0; // path segment index; randomInt bounds
        bool hasFallback = false;
        QString fallback;
    };
    static std::optional<Part> parsePlaceholder(const QString &expression, QString *error);
    static std::optional<QString> lookup(const Part &part, const MockRequest &request);

    QList<Part> m_parts;
};

} // namespace depot
