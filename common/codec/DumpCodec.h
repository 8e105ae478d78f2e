#pragma once

#include "model/Dump.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace depot {

// Bounds a dump request must respect. The defaults are what the service promises to accept; the
// seed's "more than 50 items" is left to the handler (minItems).
struct DumpLimits
{
    int minItems = 1;
    int maxItems = 1000;
    int minImagesPerItem = 1; // an item without images has nothing to dump
    int maxImagesPerItem = 20;
    int maxFieldLength = 1024; // name, manufacturer, brand, category (characters)
    int maxUrlLength = 2048;
};

// Why a request was refused. Kinds map to answers: Malformed → 400, Invalid → 422,
// TooLarge → 413 (limit holds the bound that was exceeded).
struct DumpError
{
    enum class Kind { None, Malformed, Invalid, TooLarge };

    Kind kind = Kind::None;
    QString path;    // where, e.g. "items[3].images[0]"; empty for the document as a whole
    QString message; // what, e.g. "not an http(s) URL"
    int limit = 0;   // for TooLarge

    bool isError() const { return kind != Kind::None; }
    QString toString() const; // "items[3].images[0]: not an http(s) URL"
};

struct DumpParseResult
{
    QList<DumpItem> items; // empty when error is set
    DumpError error;

    bool ok() const { return !error.isError(); }
};

// Reads dump requests (the seed's XML and its JSON equivalent) and writes dump results, in both
// formats. Parsing is strict: unknown elements or keys, missing fields and unsafe URLs are refused
// with the item index and field, and XML may carry no DOCTYPE (so no entity can ever be expanded).
class DumpCodec
{
    Q_DECLARE_TR_FUNCTIONS(DumpCodec)

public:
    static DumpParseResult parse(const QByteArray &body, DumpFormat format,
                                 const DumpLimits &limits = {});
    static DumpParseResult parseXml(const QByteArray &body, const DumpLimits &limits = {});
    static DumpParseResult parseJson(const QByteArray &body, const DumpLimits &limits = {});

    // The request documents, e.g. for clients and tests building large requests.
    static QByteArray requestToXml(const QList<DumpItem> &items);
    static QByteArray requestToJson(const QList<DumpItem> &items);

    static QByteArray resultToXml(const DumpResult &result);
    static QByteArray resultToJson(const DumpResult &result);
    static QByteArray serializeResult(const DumpResult &result, DumpFormat format);
    static std::optional<DumpResult> resultFromXml(const QByteArray &body);
    static std::optional<DumpResult> resultFromJson(const QByteArray &body);

    // "application/xml", "text/xml", "application/json", parameters ignored; nullopt otherwise.
    static std::optional<DumpFormat> formatForContentType(const QByteArray &contentType);
    // The format an Accept header prefers (highest q, the earlier on a tie); nullopt when it
    // names neither JSON nor XML (absent, "*/*", "text/html"): the caller then keeps its default.
    static std::optional<DumpFormat> formatForAccept(const QByteArray &accept);
    static QByteArray contentType(DumpFormat format);

    // The check applied to every image URL, shared with the fetcher's redirect handling: an
    // absolute http(s) URL with a host and no userinfo. Returns an empty string when acceptable.
    static QString urlProblem(const QString &url);
};

} // namespace depot
