#include "codec/DumpCodec.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace depot;

Q_DECLARE_METATYPE(depot::DumpFormat)
Q_DECLARE_METATYPE(depot::DumpError::Kind)
Q_DECLARE_METATYPE(depot::DumpStatus)
Q_DECLARE_METATYPE(depot::DumpLimits)

namespace {

QByteArray dataFile(const char *name)
{
    QFile file(QStringLiteral(DEPOT_SOURCE_DIR "/tests/data/dumps/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", name);
    return file.readAll();
}

// One well-formed XML item whose parts a row can replace.
QByteArray
xmlItem(const QByteArray &name = "<name>Soup</name>",
        const QByteArray &manufacturer = "<manufacturer>Cafe world</manufacturer>",
        const QByteArray &rest = "<brand>Cafe</brand><category>Food</category>",
        const QByteArray &images = "<images><url>http://img.example/a.png</url></images>")
{
    return "<item>" + name + manufacturer + rest + images + "</item>";
}

QByteArray xmlDoc(const QByteArray &items)
{
    return "<items>" + items + "</items>";
}

QByteArray jsonItem(const QByteArray &override = {})
{
    QByteArray fields = R"("name":"Soup","manufacturer":"Cafe world","brand":"Cafe",)"
                        R"("category":"Food","images":["http://img.example/a.png"])";
    return "{" + fields + (override.isEmpty() ? QByteArray() : "," + override) + "}";
}

QByteArray jsonDoc(const QByteArray &items)
{
    return R"({"items":[)" + items + "]}";
}

DumpLimits limits(int minItems, int maxItems, int maxImages)
{
    DumpLimits l;
    l.minItems = minItems;
    l.maxItems = maxItems;
    l.maxImagesPerItem = maxImages;
    return l;
}

QList<DumpItem> generatedItems(int count, int imagesPerItem)
{
    QList<DumpItem> items;
    for (int i = 0; i < count; ++i) {
        DumpItem item;
        item.name = QStringLiteral("Product %1 <&> \"quoted\"").arg(i);
        item.manufacturer = QStringLiteral("Maker é %1").arg(i % 7);
        item.brand = QStringLiteral("Brand");
        item.category = QStringLiteral("Food");
        for (int j = 0; j < imagesPerItem; ++j) {
            DumpImage image;
            image.url =
                QStringLiteral("https://images.example/%1/%2.png?size=large&v=1").arg(i).arg(j);
            item.images.append(image);
        }
        items.append(item);
    }
    return items;
}

DumpImage image(qint64 id, DumpStatus status, int httpCode = 0, const QString &error = {})
{
    DumpImage i;
    i.imageId = id;
    i.url = QStringLiteral("https://img.example/%1.png").arg(id);
    i.status = status;
    i.httpCode = httpCode;
    i.error = error;
    if (status == DumpStatus::Success)
        i.contentType = QStringLiteral("image/png");
    return i;
}

DumpResult sampleResult(DumpFormat format)
{
    DumpResult result;
    result.requestId = 4711;
    result.dataformat = format;
    DumpItem ok;
    ok.itemId = 1;
    ok.name = QStringLiteral("Tomato Soup");
    ok.manufacturer = QStringLiteral("Cafe world");
    ok.brand = QStringLiteral("Cafe");
    ok.category = QStringLiteral("Food");
    ok.images = {image(1, DumpStatus::Success), image(2, DumpStatus::Success)};
    DumpItem mixed = ok;
    mixed.itemId = 2;
    mixed.name = QStringLiteral("Soup & <Bread>");
    mixed.images = {image(3, DumpStatus::Success), image(4, DumpStatus::Failure, 404),
                    image(5, DumpStatus::Failure, 0, QStringLiteral("timeout"))};
    DumpItem failed = ok;
    failed.itemId = 3;
    failed.images = {image(6, DumpStatus::Failure, 0, QStringLiteral("blocked address"))};
    result.items = {ok, mixed, failed};
    return result;
}

} // namespace

class tst_DumpCodec : public QObject
{
    Q_OBJECT

private slots:
    void parseSeed_data();
    void parseSeed();
    void seedVerbatimPlaceholdersRefused();
    void xmlAndJsonAgree();
    void whitespaceCommentsAndCdata();
    void roundTrip_data();
    void roundTrip();
    void errors_data();
    void errors();
    void processStatus_data();
    void processStatus();
    void resultJsonShape();
    void resultRoundTrip_data();
    void resultRoundTrip();
    void resultFromBadDocuments_data();
    void resultFromBadDocuments();
    void formatForContentType_data();
    void formatForContentType();
    void formatForAccept_data();
    void formatForAccept();
    void requestStatus_data();
    void requestStatus();
    void resultTimesRoundTrip_data();
    void resultTimesRoundTrip();
    void urlProblem_data();
    void urlProblem();
};

void tst_DumpCodec::parseSeed_data()
{
    QTest::addColumn<DumpFormat>("format");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("seed xml, seed's indentation") << DumpFormat::Xml << dataFile("seed.xml");
    QTest::newRow("seed json") << DumpFormat::Json << dataFile("seed.json");
    QTest::newRow("seed xml with declaration")
        << DumpFormat::Xml
        << QByteArray("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + dataFile("seed.xml"));
}

void tst_DumpCodec::parseSeed()
{
    QFETCH(DumpFormat, format);
    QFETCH(QByteArray, body);
    const DumpParseResult parsed = DumpCodec::parse(body, format);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error.toString()));
    QCOMPARE(parsed.items.size(), 3);
    const DumpItem &first = parsed.items.at(0);
    QCOMPARE(first.name, QStringLiteral("Tomato Soup"));
    QCOMPARE(first.manufacturer, QStringLiteral("Cafe world"));
    QCOMPARE(first.brand, QStringLiteral("Cafe"));
    QCOMPARE(first.category, QStringLiteral("Food"));
    QCOMPARE(first.images.size(), 2);
    QCOMPARE(first.images.at(0).url, QStringLiteral("https://dummyimages/test.png"));
    QCOMPARE(first.images.at(1).url, QStringLiteral("https://dummyimages/test1.png"));
    QCOMPARE(first.images.at(0).status, DumpStatus::Pending);
    QCOMPARE(parsed.items.at(2).images.at(1).url, QStringLiteral("https://dummyimages/test4.jpg"));
}

// The seed prints "...." and "<item> ...... </item>" as placeholders; taken literally they are
// text where elements belong, and the error says where.
void tst_DumpCodec::seedVerbatimPlaceholdersRefused()
{
    const DumpParseResult parsed = DumpCodec::parseXml(dataFile("seed-verbatim.xml"));
    QCOMPARE(parsed.error.kind, DumpError::Kind::Invalid);
    QCOMPARE(parsed.error.toString(), QStringLiteral("items[0].images: unexpected text"));
    QVERIFY(parsed.items.isEmpty());
}

void tst_DumpCodec::xmlAndJsonAgree()
{
    const DumpParseResult xml = DumpCodec::parseXml(dataFile("seed.xml"));
    const DumpParseResult json = DumpCodec::parseJson(dataFile("seed.json"));
    QVERIFY(xml.ok() && json.ok());
    QCOMPARE(xml.items, json.items);
}

void tst_DumpCodec::whitespaceCommentsAndCdata()
{
    const QByteArray body = "<?xml version='1.0'?>\n<!-- a comment -->\n<items>\n\t<item>\n"
                            "<name>\n   Tomato\tSoup  \n</name><!-- why not -->\n"
                            "<manufacturer><![CDATA[A & B <co>]]></manufacturer>\n"
                            "<brand>Caf&#233; &amp; Co</brand><category></category>\n"
                            "<images>\n\n<url>\n  https://img.example/a.png\n</url>\n</images>\n"
                            "</item>\n</items>\n<!-- trailing comment -->\n";
    const DumpParseResult parsed = DumpCodec::parseXml(body);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error.toString()));
    const DumpItem &item = parsed.items.at(0);
    QCOMPARE(item.name, QStringLiteral("Tomato\tSoup"));
    QCOMPARE(item.manufacturer, QStringLiteral("A & B <co>"));
    QCOMPARE(item.brand, QStringLiteral("Café & Co"));
    QCOMPARE(item.category, QString());
    QCOMPARE(item.images.at(0).url, QStringLiteral("https://img.example/a.png"));
}

void tst_DumpCodec::roundTrip_data()
{
    QTest::addColumn<DumpFormat>("format");
    QTest::addColumn<int>("itemCount");
    QTest::addColumn<int>("imagesPerItem");
    QTest::newRow("xml, 51 items") << DumpFormat::Xml << 51 << 3;
    QTest::newRow("json, 51 items") << DumpFormat::Json << 51 << 3;
    QTest::newRow("xml, 1000 items x 20 images (the limits)") << DumpFormat::Xml << 1000 << 20;
    QTest::newRow("json, 1000 items x 20 images (the limits)") << DumpFormat::Json << 1000 << 20;
}

void tst_DumpCodec::roundTrip()
{
    QFETCH(DumpFormat, format);
    QFETCH(int, itemCount);
    QFETCH(int, imagesPerItem);
    const QList<DumpItem> items = generatedItems(itemCount, imagesPerItem);
    const QByteArray body = format == DumpFormat::Xml ? DumpCodec::requestToXml(items)
                                                      : DumpCodec::requestToJson(items);
    DumpLimits seedMinimum;
    seedMinimum.minItems = 51; // "more than 50"
    const DumpParseResult parsed = DumpCodec::parse(body, format, seedMinimum);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error.toString()));
    QCOMPARE(parsed.items, items);
}

void tst_DumpCodec::errors_data()
{
    QTest::addColumn<DumpFormat>("format");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<DumpLimits>("limits");
    QTest::addColumn<DumpError::Kind>("kind");
    QTest::addColumn<QString>("message"); // exact, or a prefix when it ends with "..."
    QTest::addColumn<int>("limit");

    using K = DumpError::Kind;
    const auto X = DumpFormat::Xml;
    const auto J = DumpFormat::Json;
    const DumpLimits d;
    const QByteArray item = xmlItem();
    const QByteArray four = item + item + item;

    QTest::newRow("xml: empty body") << X << QByteArray() << d << K::Malformed
                                     << QStringLiteral("malformed XML at line...") << 0;
    QTest::newRow("xml: unclosed tag")
        << X << QByteArray("<items><item><name>x</item></items>") << d << K::Malformed
        << QStringLiteral("malformed XML at line 1, column...") << 0;
    QTest::newRow("xml: trailing element after root")
        << X << xmlDoc(item) + "<items/>" << d << K::Malformed
        << QStringLiteral("malformed XML at line...") << 0;
    QTest::newRow("xml: undeclared entity")
        << X << xmlDoc(xmlItem("<name>&foo;</name>")) << d << K::Malformed
        << QStringLiteral("malformed XML at line...") << 0;
    QTest::newRow("xml: DOCTYPE") << X << "<!DOCTYPE items>" + xmlDoc(item) << d << K::Malformed
                                  << QStringLiteral(
                                         "DOCTYPE and entity declarations are not allowed")
                                  << 0;
    QTest::newRow("xml: billion laughs")
        << X << dataFile("billion-laughs.xml") << d << K::Malformed
        << QStringLiteral("DOCTYPE and entity declarations are not allowed") << 0;
    QTest::newRow("xml: external entity")
        << X << dataFile("external-entity.xml") << d << K::Malformed
        << QStringLiteral("DOCTYPE and entity declarations are not allowed") << 0;
    QTest::newRow("xml: wrong root")
        << X << QByteArray("<products>" + item + "</products>") << d << K::Invalid
        << QStringLiteral("the root element must be <items>") << 0;
    QTest::newRow("xml: <product> instead of <item>")
        << X << xmlDoc(item + "<product/>") << d << K::Invalid
        << QStringLiteral("items: unexpected element <product>") << 0;
    QTest::newRow("xml: unknown field")
        << X << xmlDoc(item + xmlItem("<name>a</name><color>red</color>")) << d << K::Invalid
        << QStringLiteral("items[1]: unexpected element <color>") << 0;
    QTest::newRow("xml: element inside a field")
        << X << xmlDoc(xmlItem("<name><b>bold</b></name>")) << d << K::Invalid
        << QStringLiteral("items[0].name: unexpected element <b>") << 0;
    QTest::newRow("xml: text inside item")
        << X << xmlDoc("<item>hello" + item.mid(6)) << d << K::Invalid
        << QStringLiteral("items[0]: unexpected text") << 0;
    QTest::newRow("xml: missing manufacturer")
        << X << xmlDoc(item + xmlItem("<name>a</name>", "")) << d << K::Invalid
        << QStringLiteral("items[1].manufacturer: missing") << 0;
    QTest::newRow("xml: missing images")
        << X << xmlDoc(xmlItem("<name>a</name>", "<manufacturer/>", "<brand/><category/>", "")) << d
        << K::Invalid << QStringLiteral("items[0].images: missing") << 0;
    QTest::newRow("xml: empty images")
        << X
        << xmlDoc(xmlItem("<name>a</name>", "<manufacturer/>", "<brand/><category/>", "<images/>"))
        << d << K::Invalid << QStringLiteral("items[0].images: at least 1 image URL(s) required")
        << 0;
    QTest::newRow("xml: empty name") << X << xmlDoc(xmlItem("<name>  </name>")) << d << K::Invalid
                                     << QStringLiteral("items[0].name: must not be empty") << 0;
    QTest::newRow("xml: name given twice")
        << X << xmlDoc(xmlItem("<name>a</name><name>b</name>")) << d << K::Invalid
        << QStringLiteral("items[0].name: given more than once") << 0;
    QTest::newRow("xml: <img> instead of <url>")
        << X
        << xmlDoc(xmlItem("<name>a</name>", "<manufacturer/>", "<brand/><category/>",
                          "<images><img>http://a.example/x.png</img></images>"))
        << d << K::Invalid << QStringLiteral("items[0].images: unexpected element <img>") << 0;
    QTest::newRow("xml: ftp URL in item 3")
        << X
        << xmlDoc(four + xmlItem("<name>a</name>", "<manufacturer/>", "<brand/><category/>",
                                 "<images><url>ftp://a.example/x.png</url></images>"))
        << d << K::Invalid << QStringLiteral("items[3].images[0]: not an http(s) URL") << 0;
    QTest::newRow("xml: file URL")
        << X
        << xmlDoc(xmlItem("<name>a</name>", "<manufacturer/>", "<brand/><category/>",
                          "<images><url>file:///etc/passwd</url></images>"))
        << d << K::Invalid << QStringLiteral("items[0].images[0]: not an http(s) URL") << 0;
    QTest::newRow("xml: URL with userinfo")
        << X
        << xmlDoc(item + xmlItem("<name>a</name>", "<manufacturer/>", "<brand/><category/>",
                                 "<images><url>http://a.example/1.png</url>"
                                 "<url>http://user:pw@a.example/2.png</url></images>"))
        << d << K::Invalid
        << QStringLiteral("items[1].images[1]: URL must not contain user information") << 0;
    QTest::newRow("xml: relative URL")
        << X
        << xmlDoc(xmlItem("<name>a</name>", "<manufacturer/>", "<brand/><category/>",
                          "<images><url>/images/a.png</url></images>"))
        << d << K::Invalid << QStringLiteral("items[0].images[0]: not a valid absolute URL") << 0;
    QTest::newRow("xml: too many items") << X << xmlDoc(four) << limits(1, 2, 20) << K::TooLarge
                                         << QStringLiteral("items: too many items (limit 2)") << 2;
    QTest::newRow("xml: too many images")
        << X
        << xmlDoc(xmlItem("<name>a</name>", "<manufacturer/>", "<brand/><category/>",
                          "<images><url>http://a.example/1</url><url>http://a.example/2</url>"
                          "<url>http://a.example/3</url></images>"))
        << limits(1, 10, 2) << K::TooLarge
        << QStringLiteral("items[0].images: too many images (limit 2)") << 2;
    QTest::newRow("xml: fewer than 51 items (seed minimum)")
        << X << dataFile("seed.xml") << limits(51, 1000, 20) << K::Invalid
        << QStringLiteral("items: at least 51 items are required, got 3") << 0;
    QTest::newRow("xml: no items")
        << X << QByteArray("<items/>") << d << K::Invalid
        << QStringLiteral("items: at least 1 items are required, got 0") << 0;

    QTest::newRow("json: empty body") << J << QByteArray() << d << K::Malformed
                                      << QStringLiteral("malformed JSON at offset...") << 0;
    QTest::newRow("json: truncated") << J << jsonDoc(jsonItem()).chopped(3) << d << K::Malformed
                                     << QStringLiteral("malformed JSON at offset...") << 0;
    QTest::newRow("json: root is an array")
        << J << QByteArray("[]") << d << K::Invalid
        << QStringLiteral("the document must be an object with \"items\"") << 0;
    QTest::newRow("json: unknown root field")
        << J << QByteArray(R"({"products":[]})") << d << K::Invalid
        << QStringLiteral("products: unknown field") << 0;
    QTest::newRow("json: no items field")
        << J << QByteArray("{}") << d << K::Invalid << QStringLiteral("items: missing") << 0;
    QTest::newRow("json: items not an array")
        << J << QByteArray(R"({"items":{}})") << d << K::Invalid
        << QStringLiteral("items: must be an array") << 0;
    QTest::newRow("json: item not an object") << J << jsonDoc(jsonItem() + ",42") << d << K::Invalid
                                              << QStringLiteral("items[1]: must be an object") << 0;
    QTest::newRow("json: unknown item field")
        << J << jsonDoc(jsonItem(R"("color":"red")")) << d << K::Invalid
        << QStringLiteral("items[0].color: unknown field") << 0;
    QTest::newRow("json: missing brand")
        << J
        << jsonDoc(jsonItem() + R"(,{"name":"a","manufacturer":"b","category":"c","images":[]})")
        << d << K::Invalid << QStringLiteral("items[1].brand: missing") << 0;
    QTest::newRow("json: name not a string")
        << J << jsonDoc(R"({"name":5,"manufacturer":"b","brand":"c","category":"d","images":[]})")
        << d << K::Invalid << QStringLiteral("items[0].name: must be a string") << 0;
    QTest::newRow("json: control character in name")
        << J
        << jsonDoc(
               R"({"name":"a\u0001b","manufacturer":"b","brand":"c","category":"d","images":[]})")
        << d << K::Invalid << QStringLiteral("items[0].name: contains control characters") << 0;
    QTest::newRow("json: images not an array")
        << J
        << jsonDoc(R"({"name":"a","manufacturer":"b","brand":"c","category":"d","images":"x"})")
        << d << K::Invalid << QStringLiteral("items[0].images: must be an array") << 0;
    QTest::newRow("json: empty images")
        << J << jsonDoc(R"({"name":"a","manufacturer":"b","brand":"c","category":"d","images":[]})")
        << d << K::Invalid << QStringLiteral("items[0].images: at least 1 image URL(s) required")
        << 0;
    QTest::newRow("json: URL not a string")
        << J
        << jsonDoc(R"({"name":"a","manufacturer":"b","brand":"c","category":"d","images":[1]})")
        << d << K::Invalid << QStringLiteral("items[0].images[0]: must be a string") << 0;
    QTest::newRow("json: javascript URL in item 3")
        << J
        << jsonDoc(
               jsonItem() + "," + jsonItem() + "," + jsonItem() +
               R"j(,{"name":"a","manufacturer":"b","brand":"c","category":"d","images":["http://a.example/1","javascript:alert(1)"]})j")
        << d << K::Invalid << QStringLiteral("items[3].images[1]: not an http(s) URL") << 0;
    QTest::newRow("json: URL with empty userinfo")
        << J
        << jsonDoc(
               R"({"name":"a","manufacturer":"b","brand":"c","category":"d","images":["http://@a.example/1"]})")
        << d << K::Invalid
        << QStringLiteral("items[0].images[0]: URL must not contain user information") << 0;
    QTest::newRow("json: URL without host")
        << J
        << jsonDoc(
               R"({"name":"a","manufacturer":"b","brand":"c","category":"d","images":["http:///x.png"]})")
        << d << K::Invalid << QStringLiteral("items[0].images[0]: URL has no host") << 0;
    QTest::newRow("json: too many items")
        << J << jsonDoc(jsonItem() + "," + jsonItem() + "," + jsonItem()) << limits(1, 2, 20)
        << K::TooLarge << QStringLiteral("items: too many items (limit 2)") << 2;
    QTest::newRow("json: too many images")
        << J
        << jsonDoc(
               R"({"name":"a","manufacturer":"b","brand":"c","category":"d","images":["http://a/1","http://a/2","http://a/3"]})")
        << limits(1, 10, 2) << K::TooLarge
        << QStringLiteral("items[0].images: too many images (limit 2)") << 2;
    QTest::newRow("json: fewer than 51 items (seed minimum)")
        << J << dataFile("seed.json") << limits(51, 1000, 20) << K::Invalid
        << QStringLiteral("items: at least 51 items are required, got 3") << 0;
    // Items are read one at a time, never as one document, yet the verdict is that of the whole
    // document: a syntax error anywhere first, then the root's fields, then the item count, then
    // the first bad item.
    QTest::newRow("json: a syntax error after a bad item")
        << J << jsonDoc(jsonItem(R"("color":"red")") + "," + jsonItem()).chopped(1) + "x}" << d
        << K::Malformed << QStringLiteral("malformed JSON at offset...") << 0;
    QTest::newRow("json: an unknown root field after a bad item")
        << J << QByteArray(R"({"items":[42],"zz":[1,[2]],"aa":{}})") << d << K::Invalid
        << QStringLiteral("aa: unknown field") << 0;
    QTest::newRow("json: too many items after a bad item")
        << J << jsonDoc("42," + jsonItem() + "," + jsonItem()) << limits(1, 2, 20)
        << K::TooLarge << QStringLiteral("items: too many items (limit 2)") << 2;
    QTest::newRow("json: a syntax error in an item past the limit")
        << J << jsonDoc(jsonItem() + "," + jsonItem() + R"(,{"name":})") << limits(1, 1, 20)
        << K::Malformed << QStringLiteral("malformed JSON at offset...") << 0;
    QTest::newRow("json: repeated items, the last counts")
        << J << "{\"items\":[" + jsonItem() + "],\"items\":[42]}" << d << K::Invalid
        << QStringLiteral("items[0]: must be an object") << 0;
    QTest::newRow("json: garbage after the root")
        << J << jsonDoc(jsonItem()) + " []" << d << K::Malformed
        << QStringLiteral("malformed JSON at offset...") << 0;
    QTest::newRow("json: a scalar root") << J << QByteArray("42") << d << K::Malformed
                                         << QStringLiteral("malformed JSON at offset...") << 0;
}

void tst_DumpCodec::errors()
{
    QFETCH(DumpFormat, format);
    QFETCH(QByteArray, body);
    QFETCH(DumpLimits, limits);
    QFETCH(DumpError::Kind, kind);
    QFETCH(QString, message);
    QFETCH(int, limit);
    const DumpParseResult parsed = DumpCodec::parse(body, format, limits);
    QVERIFY(!parsed.ok());
    QVERIFY(parsed.items.isEmpty());
    if (message.endsWith(QLatin1String("...")))
        QVERIFY2(parsed.error.toString().startsWith(message.chopped(3)),
                 qPrintable(parsed.error.toString()));
    else
        QCOMPARE(parsed.error.toString(), message);
    QCOMPARE(parsed.error.kind, kind);
    QCOMPARE(parsed.error.limit, limit);
}

void tst_DumpCodec::processStatus_data()
{
    QTest::addColumn<QList<DumpStatus>>("images");
    QTest::addColumn<DumpStatus>("expected");
    using S = DumpStatus;
    QTest::newRow("all succeeded") << QList<S>{S::Success, S::Success} << S::Success;
    QTest::newRow("one image, succeeded") << QList<S>{S::Success} << S::Success;
    QTest::newRow("none succeeded") << QList<S>{S::Failure, S::Failure} << S::Failure;
    QTest::newRow("some succeeded") << QList<S>{S::Failure, S::Success} << S::Partial;
    QTest::newRow("one still pending") << QList<S>{S::Success, S::Pending} << S::Pending;
    QTest::newRow("no images") << QList<S>{} << S::Success;
}

void tst_DumpCodec::processStatus()
{
    QFETCH(QList<DumpStatus>, images);
    QFETCH(DumpStatus, expected);
    DumpItem item;
    for (DumpStatus status : images)
        item.images.append(image(item.images.size() + 1, status));
    QCOMPARE(item.processStatus(), expected);
}

// The answer's field names and values, as the issue lists them.
void tst_DumpCodec::resultJsonShape()
{
    const QJsonObject root =
        QJsonDocument::fromJson(DumpCodec::resultToJson(sampleResult(DumpFormat::Xml))).object();
    // A number, like itemId and imageId (seed 001's ids are integers)
    QVERIFY(root.value(QLatin1String("requestId")).isDouble());
    QCOMPARE(root.value(QLatin1String("requestId")).toInteger(), 4711);
    QCOMPARE(root.value(QLatin1String("dataformat")).toString(), QStringLiteral("xml"));
    const QJsonArray items = root.value(QLatin1String("items")).toArray();
    QCOMPARE(items.size(), 3);
    QCOMPARE(items.at(0)[QLatin1String("itemId")].toInt(), 1);
    QCOMPARE(items.at(0)[QLatin1String("name")].toString(), QStringLiteral("Tomato Soup"));
    QCOMPARE(items.at(0)[QLatin1String("processStatus")].toString(), QStringLiteral("SUCCESS"));
    QCOMPARE(items.at(1)[QLatin1String("processStatus")].toString(), QStringLiteral("PARTIAL"));
    QCOMPARE(items.at(2)[QLatin1String("processStatus")].toString(), QStringLiteral("FAILURE"));
    const QJsonArray images = items.at(1)[QLatin1String("images")].toArray();
    QCOMPARE(images.at(0)[QLatin1String("status")].toString(), QStringLiteral("SUCCESS"));
    QVERIFY(!images.at(0).toObject().contains(QLatin1String("httpCode")));
    QVERIFY(!images.at(0).toObject().contains(QLatin1String("error")));
    QCOMPARE(images.at(1)[QLatin1String("imageId")].toInt(), 4);
    QCOMPARE(images.at(1)[QLatin1String("url")].toString(),
             QStringLiteral("https://img.example/4.png"));
    QCOMPARE(images.at(1)[QLatin1String("status")].toString(), QStringLiteral("FAILURE"));
    QCOMPARE(images.at(1)[QLatin1String("httpCode")].toInt(), 404);
    QVERIFY(!images.at(1).toObject().contains(QLatin1String("error")));
    QCOMPARE(images.at(2)[QLatin1String("error")].toString(), QStringLiteral("timeout"));
}

void tst_DumpCodec::resultRoundTrip_data()
{
    QTest::addColumn<DumpFormat>("format");
    QTest::newRow("json") << DumpFormat::Json;
    QTest::newRow("xml") << DumpFormat::Xml;
}

void tst_DumpCodec::resultRoundTrip()
{
    QFETCH(DumpFormat, format);
    const DumpResult result = sampleResult(format);
    const QByteArray body = DumpCodec::serializeResult(result, format);
    const std::optional<DumpResult> back = format == DumpFormat::Xml
                                               ? DumpCodec::resultFromXml(body)
                                               : DumpCodec::resultFromJson(body);
    QVERIFY2(back.has_value(), body.constData());
    QCOMPARE(*back, result);
    if (format == DumpFormat::Xml) {
        QVERIFY(body.contains("<processStatus>PARTIAL</processStatus>"));
        QVERIFY(body.contains("<httpCode>404</httpCode>"));
        QVERIFY(body.contains("<name>Soup &amp; &lt;Bread&gt;</name>"));
    }
}

void tst_DumpCodec::resultFromBadDocuments_data()
{
    QTest::addColumn<DumpFormat>("format");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("json: not json") << DumpFormat::Json << QByteArray("nope");
    QTest::newRow("json: unknown dataformat")
        << DumpFormat::Json << QByteArray(R"({"requestId":1,"dataformat":"csv","items":[]})");
    QTest::newRow("json: requestId as a string")
        << DumpFormat::Json << QByteArray(R"({"requestId":"1","dataformat":"json","items":[]})");
    QTest::newRow("json: image with PARTIAL status")
        << DumpFormat::Json
        << QByteArray(R"({"requestId":1,"dataformat":"json","items":[{"itemId":1,"name":"n",)"
                      R"("images":[{"imageId":1,"url":"u","status":"PARTIAL"}]}]})");
    QTest::newRow("xml: DOCTYPE") << DumpFormat::Xml << QByteArray("<!DOCTYPE dump><dump/>");
    QTest::newRow("xml: wrong root") << DumpFormat::Xml << QByteArray("<items/>");
    QTest::newRow("xml: non-numeric id")
        << DumpFormat::Xml
        << QByteArray("<dump><requestId>1</requestId><dataformat>xml</dataformat><items><item>"
                      "<itemId>x</itemId><name>n</name><images/></item></items></dump>");
    QTest::newRow("xml: nested too deep")
        << DumpFormat::Xml
        << QByteArray("<dump><items><item><images><image><items><item/></items></image></images>"
                      "</item></items></dump>");
}

void tst_DumpCodec::resultFromBadDocuments()
{
    QFETCH(DumpFormat, format);
    QFETCH(QByteArray, body);
    const auto result = format == DumpFormat::Xml ? DumpCodec::resultFromXml(body)
                                                  : DumpCodec::resultFromJson(body);
    QVERIFY(!result.has_value());
}

void tst_DumpCodec::formatForContentType_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("expected"); // -1: none
    QTest::newRow("application/json") << QByteArray("application/json") << int(DumpFormat::Json);
    QTest::newRow("json with charset")
        << QByteArray("Application/JSON; charset=utf-8") << int(DumpFormat::Json);
    QTest::newRow("application/xml") << QByteArray("application/xml") << int(DumpFormat::Xml);
    QTest::newRow("text/xml with charset")
        << QByteArray("text/xml;charset=UTF-8") << int(DumpFormat::Xml);
    QTest::newRow("text/plain") << QByteArray("text/plain") << -1;
    QTest::newRow("empty") << QByteArray() << -1;
}

void tst_DumpCodec::formatForContentType()
{
    QFETCH(QByteArray, contentType);
    QFETCH(int, expected);
    const auto format = DumpCodec::formatForContentType(contentType);
    QCOMPARE(format ? int(*format) : -1, expected);
}

void tst_DumpCodec::formatForAccept_data()
{
    QTest::addColumn<QByteArray>("accept");
    QTest::addColumn<int>("expected"); // -1: no preference
    QTest::newRow("absent") << QByteArray() << -1;
    QTest::newRow("*/*") << QByteArray("*/*") << -1;
    QTest::newRow("html only") << QByteArray("text/html") << -1;
    QTest::newRow("json") << QByteArray("application/json") << int(DumpFormat::Json);
    QTest::newRow("xml") << QByteArray("application/xml") << int(DumpFormat::Xml);
    QTest::newRow("text/xml, spaced")
        << QByteArray(" text/xml ; charset=utf-8") << int(DumpFormat::Xml);
    QTest::newRow("first of equals")
        << QByteArray("application/xml, application/json") << int(DumpFormat::Xml);
    QTest::newRow("higher q wins")
        << QByteArray("application/xml;q=0.5, application/json;q=0.8") << int(DumpFormat::Json);
    QTest::newRow("q=0 refuses") << QByteArray("application/json;q=0, */*") << -1;
    QTest::newRow("browser")
        << QByteArray("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
        << int(DumpFormat::Xml);
    QTest::newRow("bad q") << QByteArray("application/json;q=x, application/xml;q=0.1")
                           << int(DumpFormat::Xml);
}

void tst_DumpCodec::formatForAccept()
{
    QFETCH(QByteArray, accept);
    QFETCH(int, expected);
    const auto format = DumpCodec::formatForAccept(accept);
    QCOMPARE(format ? int(*format) : -1, expected);
}

void tst_DumpCodec::requestStatus_data()
{
    QTest::addColumn<QList<DumpStatus>>("items"); // each item's one image
    QTest::addColumn<DumpStatus>("expected");
    using S = DumpStatus;
    QTest::newRow("no items") << QList<S>{} << S::Success;
    QTest::newRow("all succeeded") << QList<S>{S::Success, S::Success} << S::Success;
    QTest::newRow("all failed") << QList<S>{S::Failure, S::Failure} << S::Failure;
    QTest::newRow("some failed") << QList<S>{S::Success, S::Failure} << S::Partial;
    QTest::newRow("one pending") << QList<S>{S::Success, S::Pending} << S::Pending;
}

void tst_DumpCodec::requestStatus()
{
    QFETCH(QList<DumpStatus>, items);
    QFETCH(DumpStatus, expected);
    DumpResult result;
    for (int i = 0; i < items.size(); ++i) {
        DumpItem item;
        item.itemId = i + 1;
        item.images = {image(i + 1, items.at(i))};
        result.items.append(item);
    }
    QCOMPARE(result.status(), expected);
    // A partly successful item makes the request partial, not failed.
    DumpResult mixed = sampleResult(DumpFormat::Json);
    mixed.items.removeFirst();
    QCOMPARE(mixed.items.first().processStatus(), DumpStatus::Partial);
    QCOMPARE(mixed.status(), DumpStatus::Partial);
}

void tst_DumpCodec::resultTimesRoundTrip_data()
{
    resultRoundTrip_data();
}

// created_at / finished_at and the request's status travel in both formats.
void tst_DumpCodec::resultTimesRoundTrip()
{
    QFETCH(DumpFormat, format);
    DumpResult result = sampleResult(format);
    result.createdAt = QDateTime(QDate(2024, 5, 1), QTime(12, 0, 1), Qt::UTC);
    result.finishedAt = QDateTime(QDate(2024, 5, 1), QTime(12, 0, 9), Qt::UTC);
    const QByteArray body = DumpCodec::serializeResult(result, format);
    QVERIFY2(body.contains("2024-05-01T12:00:01Z"), body.constData());
    QVERIFY2(body.contains("PARTIAL"), body.constData());
    const std::optional<DumpResult> back = format == DumpFormat::Xml
                                               ? DumpCodec::resultFromXml(body)
                                               : DumpCodec::resultFromJson(body);
    QVERIFY2(back.has_value(), body.constData());
    QCOMPARE(*back, result);
    if (format == DumpFormat::Json) {
        const QJsonObject root = QJsonDocument::fromJson(body).object();
        QCOMPARE(root.value(QLatin1String("status")).toString(), QStringLiteral("PARTIAL"));
        QCOMPARE(root.value(QLatin1String("finished_at")).toString(),
                 QStringLiteral("2024-05-01T12:00:09Z"));
    } else {
        QVERIFY(body.contains("<status>PARTIAL</status>"));
    }
    // Without times, none are written.
    QVERIFY(!DumpCodec::serializeResult(sampleResult(format), format).contains("created_at"));
}

void tst_DumpCodec::urlProblem_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("acceptable");
    QTest::newRow("https") << QStringLiteral("https://dummyimages/test.png") << true;
    QTest::newRow("http with port and query")
        << QStringLiteral("http://a.example:8080/x.png?s=1") << true;
    QTest::newRow("IPv6 literal") << QStringLiteral("http://[2001:db8::1]/x.png") << true;
    QTest::newRow("upper-case scheme") << QStringLiteral("HTTPS://a.example/x.png") << true;
    QTest::newRow("ftp") << QStringLiteral("ftp://a.example/x.png") << false;
    QTest::newRow("data") << QStringLiteral("data:image/png;base64,AAAA") << false;
    QTest::newRow("user only") << QStringLiteral("http://user@a.example/x.png") << false;
    QTest::newRow("scheme-relative") << QStringLiteral("//a.example/x.png") << false;
    QTest::newRow("space in host") << QStringLiteral("http://a b.example/x.png") << false;
    QTest::newRow("empty") << QString() << false;
}

void tst_DumpCodec::urlProblem()
{
    QFETCH(QString, url);
    QFETCH(bool, acceptable);
    QCOMPARE(DumpCodec::urlProblem(url).isEmpty(), acceptable);
}

QTEST_GUILESS_MAIN(tst_DumpCodec)
#include "tst_dumpcodec.moc"
