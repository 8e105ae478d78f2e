#include "codec/DumpCodec.h"

#include <QBuffer>
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
    // Through a QBuffer: given the bytes themselves, QXmlStreamReader decodes all of them into
    // one QString up front (twice the body's size); from a device it decodes 8 KiB at a time.
    XmlRequestReader(const QByteArray &body, const DumpLimits &limits) : m_limits(limits)
    {
        m_device.setData(body);
        m_device.open(QIODevice::ReadOnly);
        m_xml.setDevice(&m_device);
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

    QBuffer m_device;
    QXmlStreamReader m_xml;
    const DumpLimits m_limits;
};

// Reads the JSON form without building a document of it: a small scanner walks the structure
// of the root object and the "items" array, and each item (or any other value) is handed to
// QJsonDocument on its own, so the memory spent is one item's, whatever the body's size. The
// answers are those of parsing the whole document first: any syntax error anywhere is a 400
// (the whole body is scanned even after a refused item), then the root's fields (sorted, as
// QJsonObject iterates them; a repeated "items" counts the last time, as QJsonDocument does),
// then "too many items", then the first bad item. Items past the limit are checked for syntax only.
class JsonRequestReader
{
    Q_DECLARE_TR_FUNCTIONS(DumpCodec)

public:
    JsonRequestReader(const QByteArray &body, const DumpLimits &limits)
        : m_body(body), m_limits(limits)
    {
    }

    DumpParseResult read()
    {
        DumpParseResult result;
        if (!readDocument()) {
            result.error = makeError(Kind::Malformed, {},
                                     tr("malformed JSON at offset %1: %2")
                                         .arg(m_syntax.offset)
                                         .arg(m_syntax.errorString()));
            return result;
        }
        result.error = verdict();
        if (!result.error.isError())
            result.items = std::move(m_items);
        return result;
    }

private:
    static constexpr int kMaxDepth = 1024; // QJsonDocument's nesting limit

    DumpError verdict() const
    {
        if (!m_rootIsObject)
            return makeError(Kind::Invalid, {},
                             tr("the document must be an object with \"items\""));
        if (!m_unknownKeys.isEmpty())
            return makeError(
                Kind::Invalid,
                shortened(*std::min_element(m_unknownKeys.begin(), m_unknownKeys.end())),
                tr("unknown field"));
        if (!m_hasItems)
            return makeError(Kind::Invalid, kItems, DumpValidator::missing());
        if (!m_itemsIsArray)
            return makeError(Kind::Invalid, kItems, tr("must be an array"));
        if (m_count > m_limits.maxItems)
            return DumpValidator::tooManyItems(m_limits);
        if (m_itemError.isError())
            return m_itemError;
        return DumpValidator::checkItemCount(m_count, m_limits);
    }

    bool readDocument()
    {
        // QJsonDocument skips a UTF-8 byte order mark.
        if (m_body.startsWith("\xEF\xBB\xBF"))
            m_pos = 3;
        skipSpace();
        if (m_pos >= m_body.size() || (peek() != '{' && peek() != '['))
            return syntaxError(QJsonParseError::IllegalValue, m_pos + 1);
        if (peek() == '[') {
            const qsizetype start = m_pos;
            if (!skipValue() || !checkLargeValue(start, m_pos))
                return false;
        } else if (!readRoot()) {
            return false;
        }
        skipSpace();
        if (m_pos < m_body.size())
            return syntaxError(QJsonParseError::GarbageAtEnd, m_pos + 1);
        return true;
    }

    bool readRoot()
    {
        m_rootIsObject = true;
        ++m_pos; // '{'
        skipSpace();
        if (m_pos < m_body.size() && peek() == '}') {
            ++m_pos;
            return true;
        }
        for (;;) {
            skipSpace();
            if (m_pos >= m_body.size() || peek() != '"')
                return syntaxError(m_pos >= m_body.size() ? QJsonParseError::UnterminatedObject
                                                          : QJsonParseError::IllegalValue,
                                   m_pos + 1);
            const qsizetype keyStart = m_pos;
            if (!skipValue())
                return false;
            const std::optional<QJsonValue> key = parseSlice(keyStart, m_pos);
            if (!key)
                return false;
            skipSpace();
            if (m_pos >= m_body.size() || peek() != ':')
                return syntaxError(QJsonParseError::MissingNameSeparator, m_pos + 1);
            ++m_pos;
            skipSpace();
            if (key->toString() == kItems) {
                if (!readItemsValue())
                    return false;
            } else {
                m_unknownKeys.append(key->toString());
                const qsizetype valueStart = m_pos;
                if (!skipValue() || !checkLargeValue(valueStart, m_pos))
                    return false;
            }
            skipSpace();
            if (m_pos >= m_body.size())
                return syntaxError(QJsonParseError::UnterminatedObject, m_pos + 1);
            const char c = m_body.at(m_pos++);
            if (c == '}')
                return true;
            if (c != ',')
                return syntaxError(QJsonParseError::MissingValueSeparator, m_pos);
        }
    }

    // The value of "items"; a repeated key replaces what an earlier one said.
    bool readItemsValue()
    {
        m_hasItems = true;
        m_itemsIsArray = false;
        m_items.clear();
        m_itemError = {};
        m_count = 0;
        if (m_pos < m_body.size() && peek() == '[') {
            m_itemsIsArray = true;
            return readArray([this](qsizetype from, qsizetype to) { return readItem(from, to); });
        }
        const qsizetype valueStart = m_pos;
        return skipValue() && checkLargeValue(valueStart, m_pos);
    }

    // Calls `element` with the bounds of each element of the array at m_pos.
    template <typename Element> bool readArray(Element element)
    {
        ++m_pos; // '['
        skipSpace();
        if (m_pos < m_body.size() && peek() == ']') {
            ++m_pos;
            return true;
        }
        for (;;) {
            skipSpace();
            const qsizetype start = m_pos;
            if (!skipValue() || !element(start, m_pos))
                return false;
            skipSpace();
            if (m_pos >= m_body.size())
                return syntaxError(QJsonParseError::UnterminatedArray, m_pos + 1);
            const char c = m_body.at(m_pos++);
            if (c == ']')
                return true;
            if (c != ',')
                return syntaxError(QJsonParseError::MissingValueSeparator, m_pos);
        }
    }

    bool readItem(qsizetype from, qsizetype to)
    {
        const int index = m_count++;
        if (m_itemError.isError() || index >= m_limits.maxItems)
            return checkValue(from, to); // the verdict is known: syntax only
        const std::optional<QJsonValue> value = parseSlice(from, to);
        if (!value)
            return false;
        DumpItem item;
        m_itemError = itemFromJson(*value, index, item);
        if (m_itemError.isError())
            m_items.clear();
        else
            m_items.append(std::move(item));
        return true;
    }

    DumpError itemFromJson(const QJsonValue &value, int index, DumpItem &item) const
    {
        const QString path = itemPath(index);
        if (!value.isObject())
            return makeError(Kind::Invalid, path, tr("must be an object"));
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!kTextFields.contains(it.key()) && it.key() != kImages)
                return makeError(Kind::Invalid, childPath(path, shortened(it.key())),
                                 tr("unknown field"));
        }
        QStringList values;
        for (const QString &field : kTextFields) {
            const QString fieldPath = childPath(path, field);
            const QJsonValue text = object.value(field);
            if (text.isUndefined())
                return makeError(Kind::Invalid, fieldPath, DumpValidator::missing());
            if (!text.isString())
                return makeError(Kind::Invalid, fieldPath, tr("must be a string"));
            values.append(text.toString().trimmed());
            if (const QString problem = DumpValidator::fieldProblem(field, values.last(), m_limits);
                !problem.isEmpty())
                return makeError(Kind::Invalid, fieldPath, problem);
        }
        item.name = values.at(0);
        item.manufacturer = values.at(1);
        item.brand = values.at(2);
        item.category = values.at(3);

        const QString imagesPath = childPath(path, kImages);
        const QJsonValue images = object.value(kImages);
        if (images.isUndefined())
            return makeError(Kind::Invalid, imagesPath, DumpValidator::missing());
        if (!images.isArray())
            return makeError(Kind::Invalid, imagesPath, tr("must be an array"));
        const QJsonArray urls = images.toArray();
        if (urls.size() > m_limits.maxImagesPerItem)
            return DumpValidator::tooManyImages(imagesPath, m_limits);
        if (urls.size() < m_limits.minImagesPerItem)
            return DumpValidator::tooFewImages(imagesPath, m_limits);
        for (int j = 0; j < urls.size(); ++j) {
            const QString urlPath = indexPath(imagesPath, j);
            if (!urls.at(j).isString())
                return makeError(Kind::Invalid, urlPath, tr("must be a string"));
            DumpImage image;
            image.url = urls.at(j).toString().trimmed();
            if (const QString problem = DumpValidator::urlProblem(image.url, m_limits);
                !problem.isEmpty())
                return makeError(Kind::Invalid, urlPath, problem);
            item.images.append(image);
        }
        return {};
    }

    // Moves m_pos past one value by its structure alone (strings, brackets); what lies inside is
    // judged by QJsonDocument in parseSlice/checkValue.
    bool skipValue()
    {
        int depth = 0;
        while (m_pos < m_body.size()) {
            const char c = m_body.at(m_pos);
            if (c == '"') {
                if (!skipString())
                    return false;
            } else if (c == '{' || c == '[') {
                if (++depth > kMaxDepth)
                    return syntaxError(QJsonParseError::DeepNesting, m_pos + 1);
                ++m_pos;
            } else if (c == '}' || c == ']') {
                if (depth == 0)
                    break;
                --depth;
                ++m_pos;
            } else if (c == ',' && depth == 0) {
                break;
            } else {
                ++m_pos;
            }
            if (depth == 0 && m_pos < m_body.size()) {
                // A scalar ends at a delimiter; a closed container or string at once.
                const char last = m_body.at(m_pos - 1);
                if (last == '"' || last == '}' || last == ']')
                    break;
            }
        }
        if (depth > 0)
            return syntaxError(QJsonParseError::UnterminatedArray, m_pos + 1);
        return true;
    }

    bool skipString()
    {
        for (++m_pos; m_pos < m_body.size(); ++m_pos) {
            const char c = m_body.at(m_pos);
            if (c == '\\')
                ++m_pos;
            else if (c == '"') {
                ++m_pos;
                return true;
            }
        }
        return syntaxError(QJsonParseError::UnterminatedString, m_body.size() + 1);
    }

    // The value body[from, to), parsed by QJsonDocument inside "[...]"; a syntax error is
    // reported at its offset in the body.
    std::optional<QJsonValue> parseSlice(qsizetype from, qsizetype to)
    {
        QByteArray wrapped;
        wrapped.reserve(to - from + 2);
        wrapped.append('[').append(m_body.constData() + from, to - from).append(']');
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(wrapped, &error);
        if (error.error != QJsonParseError::NoError) {
            syntaxError(error.error,
                        from + qBound(qsizetype(0), qsizetype(error.offset) - 1, to - from + 1));
            return std::nullopt;
        }
        const QJsonArray array = doc.array();
        if (array.size() != 1) {
            syntaxError(array.isEmpty() ? QJsonParseError::IllegalValue
                                        : QJsonParseError::MissingValueSeparator,
                        from + 1);
            return std::nullopt;
        }
        return array.at(0);
    }

    // A value whose content does not matter, only that it is JSON.
    bool checkValue(qsizetype from, qsizetype to) { return parseSlice(from, to).has_value(); }

    // The same for a value of the root, which may be as large as the body: an array is taken
    // element by element (one level only: scanning deeper levels again would cost the body's
    // size per level).
    bool checkLargeValue(qsizetype from, qsizetype to)
    {
        if (from >= to || m_body.at(from) != '[')
            return checkValue(from, to);
        const qsizetype end = m_pos;
        m_pos = from;
        if (!readArray([this](qsizetype a, qsizetype b) { return checkValue(a, b); }))
            return false;
        if (m_pos != to)
            return syntaxError(QJsonParseError::MissingValueSeparator, m_pos + 1);
        m_pos = end;
        return true;
    }

    void skipSpace()
    {
        while (m_pos < m_body.size()) {
            const char c = m_body.at(m_pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                return;
            ++m_pos;
        }
    }

    char peek() const { return m_body.at(m_pos); }

    bool syntaxError(QJsonParseError::ParseError error, qsizetype offset)
    {
        if (m_syntax.error == QJsonParseError::NoError) {
            m_syntax.error = error;
            m_syntax.offset = int(qMin(offset, qsizetype(std::numeric_limits<int>::max())));
        }
        return false;
    }

    const QByteArray &m_body;
    const DumpLimits m_limits;
    qsizetype m_pos = 0;
    QJsonParseError m_syntax{0, QJsonParseError::NoError};
    bool m_rootIsObject = false;
    QStringList m_unknownKeys;
    bool m_hasItems = false;
    bool m_itemsIsArray = false;
    int m_count = 0;
    QList<DumpItem> m_items;
    DumpError m_itemError;
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
    return JsonRequestReader(body, limits).read();
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
    // Item by item into one buffer: the whole result as one QJsonObject tree (20,000 images)
    // took about three times the document's size at once. The same object as
    // DumpResult::toJson(), "items" written first.
    QByteArray out = QJsonDocument(result.toJsonWithoutItems()).toJson(QJsonDocument::Compact);
    out.remove(0, 1); // its '{'
    QByteArray items = "{\"items\":[";
    for (qsizetype i = 0; i < result.items.size(); ++i) {
        if (i > 0)
            items += ',';
        items += QJsonDocument(result.items.at(i).toJson()).toJson(QJsonDocument::Compact);
    }
    items += "],";
    items += out;
    return items;
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
