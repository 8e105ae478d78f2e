#include "codec/DumpCodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

namespace depot {

namespace {

using Kind = DumpError::Kind;

const QString kItems = QStringLiteral("items");
const QString kItem = QStringLiteral("item");
const QString kImages = QStringLiteral("images");
const QString kUrl = QStringLiteral("url");
const QString kName = QStringLiteral("name");
// The text fields of an item, in the order the seed lists them.
const QStringList kTextFields = {kName, QStringLiteral("manufacturer"), QStringLiteral("brand"),
                                 QStringLiteral("category")};

QString itemPath(int index)
{
    return kItems + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

QString childPath(const QString &parent, const QString &field)
{
    return parent + QLatin1Char('.') + field;
}

QString indexPath(const QString &parent, int index)
{
    return parent + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

// Characters that XML 1.0 cannot carry; refusing them on input keeps every stored value
// writable as XML later.
bool isForbiddenChar(QChar c)
{
    const char16_t u = c.unicode();
    return (u < 0x20 && u != u'\t' && u != u'\n' && u != u'\r') || u == 0xFFFE || u == 0xFFFF;
}

QString withoutForbiddenChars(QString text)
{
    text.removeIf(isForbiddenChar);
    return text;
}

// One text element, read back exactly: an XML reader turns a raw CR (and CR LF) into LF, so a CR
// is written as the reference "&#13;" (QXmlStreamWriter writes it raw). Found by fuzz_dumpcodec:
// a JSON name with a CR came back from the XML writer with LF.
void writeText(QXmlStreamWriter &xml, const QString &name, const QString &value)
{
    const QString text = withoutForbiddenChars(value);
    xml.writeStartElement(name);
    qsizetype from = 0;
    for (qsizetype cr = text.indexOf(u'\r'); cr >= 0; cr = text.indexOf(u'\r', from)) {
        xml.writeCharacters(text.mid(from, cr - from));
        xml.writeEntityReference(QStringLiteral("#13"));
        from = cr + 1;
    }
    xml.writeCharacters(text.mid(from));
    xml.writeEndElement();
}

// Element names are quoted in errors; keep a hostile 1 MB name out of them.
QString shortened(QStringView text)
{
    constexpr int kMax = 40;
    return text.size() <= kMax ? text.toString() : text.left(kMax).toString() + QStringLiteral("…");
}

DumpError makeError(Kind kind, const QString &path, const QString &message, int limit = 0)
{
    DumpError error;
    error.kind = kind;
    error.path = path;
    error.message = message;
    error.limit = limit;
    return error;
}

} // namespace

// Checks shared by both formats, so that XML and JSON refuse exactly the same things.
class DumpValidator
{
    Q_DECLARE_TR_FUNCTIONS(DumpCodec)

public:
    static QString fieldProblem(const QString &field, const QString &value, const DumpLimits &l)
    {
        if (field == kName && value.isEmpty())
            return tr("must not be empty");
        if (value.size() > l.maxFieldLength)
            return tr("longer than %1 characters").arg(l.maxFieldLength);
        if (std::any_of(value.begin(), value.end(), isForbiddenChar))
            return tr("contains control characters");
        return {};
    }

    static QString urlProblem(const QString &url, const DumpLimits &l)
    {
        if (url.size() > l.maxUrlLength)
            return tr("URL longer than %1 characters").arg(l.maxUrlLength);
        return DumpCodec::urlProblem(url);
    }

    static DumpError tooManyItems(const DumpLimits &l)
    {
        return makeError(Kind::TooLarge, kItems, tr("too many items (limit %1)").arg(l.maxItems),
                         l.maxItems);
    }

    static DumpError tooManyImages(const QString &path, const DumpLimits &l)
    {
        return makeError(Kind::TooLarge, path,
                         tr("too many images (limit %1)").arg(l.maxImagesPerItem),
                         l.maxImagesPerItem);
    }

    static DumpError tooFewImages(const QString &path, const DumpLimits &l)
    {
        return makeError(Kind::Invalid, path,
                         tr("at least %1 image URL(s) required").arg(l.minImagesPerItem));
    }

    static DumpError checkItemCount(int count, const DumpLimits &l)
    {
        if (count < l.minItems)
            return makeError(
                Kind::Invalid, kItems,
                tr("at least %1 items are required, got %2").arg(l.minItems).arg(count));
        return {};
    }

    static QString missing() { return tr("missing"); }
    static QString duplicate() { return tr("given more than once"); }
    static QString unexpectedElement(QStringView name)
    {
        return tr("unexpected element <%1>").arg(shortened(name));
    }
};

// Streams the seed's XML; stops at the first problem, so an oversized request is refused as soon
// as its limit is passed.
class XmlRequestReader
{
    Q_DECLARE_TR_FUNCTIONS(DumpCodec)

public:
    XmlRequestReader(const QByteArray &body, const DumpLimits &limits)
        : m_xml(body), m_limits(limits)
    {
    }

    DumpParseResult read()
    {
        DumpParseResult result;
        result.error = readDocument(result.items);
        if (result.error.isError())
            result.items.clear();
        return result;
    }

private:
    DumpError readDocument(QList<DumpItem> &items)
    {
        if (DumpError e = next({}); e.isError())
            return e;
        if (!m_xml.isStartElement() || m_xml.qualifiedName() != kItems)
            return makeError(Kind::Invalid, {}, tr("the root element must be <items>"));
        for (;;) {
            if (DumpError e = next(kItems); e.isError())
                return e;
            if (m_xml.isEndElement())
                break;
            if (m_xml.qualifiedName() != kItem)
                return makeError(Kind::Invalid, kItems,
                                 DumpValidator::unexpectedElement(m_xml.qualifiedName()));
            if (items.size() >= m_limits.maxItems)
                return DumpValidator::tooManyItems(m_limits);
            DumpItem item;
            if (DumpError e = readItem(items.size(), item); e.isError())
                return e;
            items.append(item);
        }
        // Anything after </items> other than comments is refused by the reader itself.
        if (DumpError e = next({}); e.isError())
            return e;
        return DumpValidator::checkItemCount(items.size(), m_limits);
    }

    DumpError readItem(int index, DumpItem &item)
    {
        const QString path = itemPath(index);
        QStringList seen;
        for (;;) {
            if (DumpError e = next(path); e.isError())
                return e;
            if (m_xml.isEndElement())
                break;
            const QString field = m_xml.qualifiedName().toString();
            const QString fieldPath = childPath(path, field);
            if (!kTextFields.contains(field) && field != kImages)
                return makeError(Kind::Invalid, path, DumpValidator::unexpectedElement(field));
            if (seen.contains(field))
                return makeError(Kind::Invalid, fieldPath, DumpValidator::duplicate());
            seen.append(field);
            if (field == kImages) {
                if (DumpError e = readImages(fieldPath, item); e.isError())
                    return e;
                continue;
            }
            QString value;
            if (DumpError e = readText(fieldPath, value); e.isError())
                return e;
            if (const QString problem = DumpValidator::fieldProblem(field, value, m_limits);
                !problem.isEmpty())
                return makeError(Kind::Invalid, fieldPath, problem);
            textField(item, field) = value;
        }
        for (const QString &field : kTextFields + QStringList{kImages}) {
            if (!seen.contains(field))
                return makeError(Kind::Invalid, childPath(path, field), DumpValidator::missing());
        }
        return {};
    }

    DumpError readImages(const QString &path, DumpItem &item)
    {
        for (;;) {
            if (DumpError e = next(path); e.isError())
                return e;
            if (m_xml.isEndElement())
                break;
            if (m_xml.qualifiedName() != kUrl)
                return makeError(Kind::Invalid, path,
                                 DumpValidator::unexpectedElement(m_xml.qualifiedName()));
            if (item.images.size() >= m_limits.maxImagesPerItem)
                return DumpValidator::tooManyImages(path, m_limits);
            const QString urlPath = indexPath(path, item.images.size());
            DumpImage image;
            if (DumpError e = readText(urlPath, image.url); e.isError())
                return e;
            if (const QString problem = DumpValidator::urlProblem(image.url, m_limits);
                !problem.isEmpty())
                return makeError(Kind::Invalid, urlPath, problem);
            item.images.append(image);
        }
        if (item.images.size() < m_limits.minImagesPerItem)
            return DumpValidator::tooFewImages(path, m_limits);
        return {};
    }

    // Text of a leaf element, trimmed: the seed indents freely, also inside values.
    DumpError readText(const QString &path, QString &value)
    {
        QString text;
        for (;;) {
            switch (m_xml.readNext()) {
            case QXmlStreamReader::Characters:
                text += m_xml.text();
                break;
            case QXmlStreamReader::Comment:
            case QXmlStreamReader::ProcessingInstruction:
                break;
            case QXmlStreamReader::EndElement:
                value = text.trimmed();
                return {};
            case QXmlStreamReader::StartElement:
                return makeError(Kind::Invalid, path,
                                 DumpValidator::unexpectedElement(m_xml.qualifiedName()));
            default:
                return structuralError(path);
            }
        }
    }

    // Advances to the next element boundary, skipping indentation and comments.
    DumpError next(const QString &path)
    {
        for (;;) {
            switch (m_xml.readNext()) {
            case QXmlStreamReader::StartDocument:
            case QXmlStreamReader::Comment:
            case QXmlStreamReader::ProcessingInstruction:
                break;
            case QXmlStreamReader::Characters:
                if (!m_xml.isWhitespace())
                    return makeError(Kind::Invalid, path, tr("unexpected text"));
                break;
            case QXmlStreamReader::StartElement:
            case QXmlStreamReader::EndElement:
            case QXmlStreamReader::EndDocument:
                return {};
            default:
                return structuralError(path);
            }
        }
    }

    DumpError structuralError(const QString &path)
    {
        // The DTD token arrives before the root element, hence before any entity could be used:
        // refusing it here means no declared entity is ever expanded.
        if (m_xml.tokenType() == QXmlStreamReader::DTD)
            return makeError(Kind::Malformed, {},
                             tr("DOCTYPE and entity declarations are not allowed"));
        if (m_xml.tokenType() == QXmlStreamReader::EntityReference)
            return makeError(Kind::Malformed, path, tr("entity references are not allowed"));
        return makeError(
            Kind::Malformed, {},
            tr("malformed XML at line %1, column %2: %3")
                .arg(m_xml.lineNumber())
                .arg(m_xml.columnNumber())
                .arg(m_xml.hasError() ? m_xml.errorString() : tr("unexpected content")));
    }

    static QString &textField(DumpItem &item, const QString &field)
    {
        if (field == kName)
            return item.name;
        if (field == kTextFields.at(1))
            return item.manufacturer;
        if (field == kTextFields.at(2))
            return item.brand;
        return item.category;
    }

    QXmlStreamReader m_xml;
    const DumpLimits m_limits;
};

// Result documents mirror the JSON form element for element: <dump> is the object, <items> and
// <images> hold one element per array entry, every other element is a leaf value.
class XmlResultReader
{
public:
    explicit XmlResultReader(const QByteArray &body) : m_xml(body) {}

    std::optional<DumpResult> read()
    {
        if (!nextElement() || !m_xml.isStartElement() ||
            m_xml.qualifiedName() != QLatin1String("dump"))
            return std::nullopt;
        const std::optional<QJsonObject> object = readObject(0);
        if (!object || !nextElement() || !m_xml.isEndDocument())
            return std::nullopt;
        return DumpResult::fromJson(*object);
    }

private:
    std::optional<QJsonObject> readObject(int depth)
    {
        // dump > items > item > images > image: anything deeper is not a result.
        if (depth > 2)
            return std::nullopt;
        QJsonObject object;
        for (;;) {
            if (!nextElement())
                return std::nullopt;
            if (m_xml.isEndElement())
                return object;
            const QString name = m_xml.qualifiedName().toString();
            if (name == kItems || name == kImages) {
                QJsonArray array;
                for (;;) {
                    if (!nextElement())
                        return std::nullopt;
                    if (m_xml.isEndElement())
                        break;
                    const std::optional<QJsonObject> child = readObject(depth + 1);
                    if (!child)
                        return std::nullopt;
                    array.append(*child);
                }
                object.insert(name, array);
                continue;
            }
            const QString text =
                m_xml.readElementText(QXmlStreamReader::ErrorOnUnexpectedElement).trimmed();
            if (m_xml.hasError())
                return std::nullopt;
            if (name == QLatin1String("requestId") || name == QLatin1String("itemId") ||
                name == QLatin1String("imageId") || name == QLatin1String("httpCode")) {
                bool ok = false;
                const qint64 number = text.toLongLong(&ok);
                if (!ok)
                    return std::nullopt;
                object.insert(name, static_cast<double>(number));
            } else {
                object.insert(name, text);
            }
        }
    }

    bool nextElement()
    {
        for (;;) {
            switch (m_xml.readNext()) {
            case QXmlStreamReader::StartDocument:
            case QXmlStreamReader::Comment:
                break;
            case QXmlStreamReader::Characters:
                if (!m_xml.isWhitespace())
                    return false;
                break;
            case QXmlStreamReader::StartElement:
            case QXmlStreamReader::EndElement:
            case QXmlStreamReader::EndDocument:
                return true;
            default: // DTD, entity references, errors
                return false;
            }
        }
    }

    QXmlStreamReader m_xml;
};

QString DumpError::toString() const
{
    return path.isEmpty() ? message : path + QStringLiteral(": ") + message;
}

DumpParseResult DumpCodec::parse(const QByteArray &body, DumpFormat format,
                                 const DumpLimits &limits)
{
    return format == DumpFormat::Xml ? parseXml(body, limits) : parseJson(body, limits);
}

DumpParseResult DumpCodec::parseXml(const QByteArray &body, const DumpLimits &limits)
{
    return XmlRequestReader(body, limits).read();
}

DumpParseResult DumpCodec::parseJson(const QByteArray &body, const DumpLimits &limits)
{
    DumpParseResult result;
    auto fail = [&result](Kind kind, const QString &path, const QString &message) {
        result.items.clear();
        result.error = makeError(kind, path, message);
        return result;
    };
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(Kind::Malformed, {},
                    tr("malformed JSON at offset %1: %2")
                        .arg(parseError.offset)
                        .arg(parseError.errorString()));
    if (!doc.isObject())
        return fail(Kind::Invalid, {}, tr("the document must be an object with \"items\""));
    const QJsonObject root = doc.object();
    for (auto it = root.begin(); it != root.end(); ++it) {
        if (it.key() != kItems)
            return fail(Kind::Invalid, shortened(it.key()), tr("unknown field"));
    }
    if (!root.contains(kItems))
        return fail(Kind::Invalid, kItems, DumpValidator::missing());
    if (!root.value(kItems).isArray())
        return fail(Kind::Invalid, kItems, tr("must be an array"));
    const QJsonArray items = root.value(kItems).toArray();
    if (items.size() > limits.maxItems) {
        result.error = DumpValidator::tooManyItems(limits);
        return result;
    }
    for (int i = 0; i < items.size(); ++i) {
        const QString path = itemPath(i);
        if (!items.at(i).isObject())
            return fail(Kind::Invalid, path, tr("must be an object"));
        const QJsonObject object = items.at(i).toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!kTextFields.contains(it.key()) && it.key() != kImages)
                return fail(Kind::Invalid, childPath(path, shortened(it.key())),
                            tr("unknown field"));
        }
        DumpItem item;
        QStringList values;
        for (const QString &field : kTextFields) {
            const QString fieldPath = childPath(path, field);
            const QJsonValue value = object.value(field);
            if (value.isUndefined())
                return fail(Kind::Invalid, fieldPath, DumpValidator::missing());
            if (!value.isString())
                return fail(Kind::Invalid, fieldPath, tr("must be a string"));
            values.append(value.toString().trimmed());
            if (const QString problem = DumpValidator::fieldProblem(field, values.last(), limits);
                !problem.isEmpty())
                return fail(Kind::Invalid, fieldPath, problem);
        }
        item.name = values.at(0);
        item.manufacturer = values.at(1);
        item.brand = values.at(2);
        item.category = values.at(3);

        const QString imagesPath = childPath(path, kImages);
        const QJsonValue images = object.value(kImages);
        if (images.isUndefined())
            return fail(Kind::Invalid, imagesPath, DumpValidator::missing());
        if (!images.isArray())
            return fail(Kind::Invalid, imagesPath, tr("must be an array"));
        const QJsonArray urls = images.toArray();
        if (urls.size() > limits.maxImagesPerItem) {
            result.items.clear();
            result.error = DumpValidator::tooManyImages(imagesPath, limits);
            return result;
        }
        if (urls.size() < limits.minImagesPerItem) {
            result.items.clear();
            result.error = DumpValidator::tooFewImages(imagesPath, limits);
            return result;
        }
        for (int j = 0; j < urls.size(); ++j) {
            const QString urlPath = indexPath(imagesPath, j);
            if (!urls.at(j).isString())
                return fail(Kind::Invalid, urlPath, tr("must be a string"));
            DumpImage image;
            image.url = urls.at(j).toString().trimmed();
            if (const QString problem = DumpValidator::urlProblem(image.url, limits);
                !problem.isEmpty())
                return fail(Kind::Invalid, urlPath, problem);
            item.images.append(image);
        }
        result.items.append(item);
    }
    if (DumpError e = DumpValidator::checkItemCount(result.items.size(), limits); e.isError()) {
        result.items.clear();
        result.error = e;
    }
    return result;
}

QString DumpCodec::urlProblem(const QString &text)
{
    if (text.isEmpty())
        return tr("empty URL");
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.isRelative())
        return tr("not a valid absolute URL");
    if (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        return tr("not an http(s) URL");
    if (url.host().isEmpty())
        return tr("URL has no host");
    // "http://@host/" has an empty but present userinfo; refuse any '@' in the authority.
    if (!url.userInfo().isEmpty() || url.authority(QUrl::FullyEncoded).contains(QLatin1Char('@')))
        return tr("URL must not contain user information");
    return {};
}

QByteArray DumpCodec::requestToXml(const QList<DumpItem> &items)
{
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.writeStartDocument();
    xml.writeStartElement(kItems);
    for (const DumpItem &item : items) {
        xml.writeStartElement(kItem);
        writeText(xml, kName, item.name);
        writeText(xml, kTextFields.at(1), item.manufacturer);
        writeText(xml, kTextFields.at(2), item.brand);
        writeText(xml, kTextFields.at(3), item.category);
        xml.writeStartElement(kImages);
        for (const DumpImage &image : item.images)
            writeText(xml, kUrl, image.url);
        xml.writeEndElement();
        xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeEndDocument();
    return out;
}

QByteArray DumpCodec::requestToJson(const QList<DumpItem> &items)
{
    QJsonArray array;
    for (const DumpItem &item : items) {
        QJsonArray urls;
        for (const DumpImage &image : item.images)
            urls.append(image.url);
        array.append(QJsonObject{{kName, item.name},
                                 {kTextFields.at(1), item.manufacturer},
                                 {kTextFields.at(2), item.brand},
                                 {kTextFields.at(3), item.category},
                                 {kImages, urls}});
    }
    return QJsonDocument(QJsonObject{{kItems, array}}).toJson(QJsonDocument::Compact);
}

QByteArray DumpCodec::resultToXml(const DumpResult &result)
{
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    auto text = [&xml](const QString &name, const QString &value) { writeText(xml, name, value); };
    xml.writeStartDocument();
    xml.writeStartElement(QStringLiteral("dump"));
    text(QStringLiteral("requestId"), QString::number(result.requestId));
    text(QStringLiteral("dataformat"), dumpFormatName(result.dataformat));
    text(QStringLiteral("status"), dumpStatusName(result.status()));
    if (result.createdAt.isValid())
        text(QStringLiteral("created_at"), dumpTimeText(result.createdAt));
    if (result.finishedAt.isValid())
        text(QStringLiteral("finished_at"), dumpTimeText(result.finishedAt));
    xml.writeStartElement(kItems);
    for (const DumpItem &item : result.items) {
        xml.writeStartElement(kItem);
        text(QStringLiteral("itemId"), QString::number(item.itemId));
        text(kName, item.name);
        text(kTextFields.at(1), item.manufacturer);
        text(kTextFields.at(2), item.brand);
        text(kTextFields.at(3), item.category);
        text(QStringLiteral("processStatus"), dumpStatusName(item.processStatus()));
        xml.writeStartElement(kImages);
        for (const DumpImage &image : item.images) {
            xml.writeStartElement(QStringLiteral("image"));
            text(QStringLiteral("imageId"), QString::number(image.imageId));
            text(kUrl, image.url);
            text(QStringLiteral("status"), dumpStatusName(image.status));
            if (image.httpCode != 0)
                text(QStringLiteral("httpCode"), QString::number(image.httpCode));
            if (!image.error.isEmpty())
                text(QStringLiteral("error"), image.error);
            if (!image.contentType.isEmpty())
                text(QStringLiteral("contentType"), image.contentType);
            xml.writeEndElement();
        }
        xml.writeEndElement();
        xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeEndDocument();
    return out;
}

std::optional<DumpResult> DumpCodec::resultFromXml(const QByteArray &body)
{
    return XmlResultReader(body).read();
}

QByteArray DumpCodec::resultToJson(const DumpResult &result)
{
    return QJsonDocument(result.toJson()).toJson(QJsonDocument::Compact);
}

QByteArray DumpCodec::serializeResult(const DumpResult &result, DumpFormat format)
{
    return format == DumpFormat::Xml ? resultToXml(result) : resultToJson(result);
}

std::optional<DumpResult> DumpCodec::resultFromJson(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    return DumpResult::fromJson(doc.object());
}

std::optional<DumpFormat> DumpCodec::formatForContentType(const QByteArray &contentType)
{
    const QByteArray type = contentType.split(';').constFirst().trimmed().toLower();
    if (type == "application/json" || type.endsWith("+json"))
        return DumpFormat::Json;
    if (type == "application/xml" || type == "text/xml" || type.endsWith("+xml"))
        return DumpFormat::Xml;
    return std::nullopt;
}

std::optional<DumpFormat> DumpCodec::formatForAccept(const QByteArray &accept)
{
    std::optional<DumpFormat> best;
    double bestQuality = 0;
    for (const QByteArray &range : accept.split(',')) {
        const QList<QByteArray> parts = range.split(';');
        double quality = 1;
        for (qsizetype i = 1; i < parts.size(); ++i) {
            const QByteArray parameter = parts.at(i).trimmed().toLower();
            if (parameter.startsWith("q=")) {
                bool ok = false;
                quality = parameter.mid(2).toDouble(&ok);
                if (!ok)
                    quality = 0;
            }
        }
        const std::optional<DumpFormat> format = formatForContentType(parts.constFirst());
        if (format && quality > bestQuality) {
            best = format;
            bestQuality = quality;
        }
    }
    return best;
}

QByteArray DumpCodec::contentType(DumpFormat format)
{
    return format == DumpFormat::Xml ? QByteArrayLiteral("application/xml; charset=utf-8")
                                     : QByteArrayLiteral("application/json");
}

} // namespace depot
