// The mock model shared by the server and the client (common/model): templates, matching,
// bounded patterns, and the mock fields' round trip through JSON and multipart text.

#include "model/BoundedRegex.h"
#include "model/Endpoint.h"
#include "model/MockRule.h"
#include "model/MockTemplate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace depot;

namespace {

QJsonValue json(const char *text)
{
    return QJsonDocument::fromJson("[" + QByteArray(text).replace('\'', '"') + "]").array().first();
}

MockRequest request()
{
    MockRequest r;
    r.method = "POST";
    r.path = QStringLiteral("7/orders");
    r.query = "name=Ada+L&empty=&flag";
    r.headers = {{"X-Env", "test"}, {"Accept", "a"}, {"accept", "b"}};
    r.body = QByteArray("{'user':{'role':'admin','tags':['x','y']},'n':42}").replace('\'', '"');
    return r;
}

} // namespace

class TestMockModel : public QObject
{
    Q_OBJECT

private slots:
    void templates_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected"); // "!" + error start when refused
        QTest::newRow("plain") << "no placeholders"
                               << "no placeholders";
        QTest::newRow("query") << "{{request.query.name}}"
                               << "Ada L";
        QTest::newRow("empty query value") << "[{{request.query.empty}}]"
                                           << "[]";
        QTest::newRow("spaces inside") << "{{  request.method  }}"
                                       << "POST";
        QTest::newRow("header joins repeats") << "{{request.header.ACCEPT}}"
                                              << "a, b";
        QTest::newRow("path") << "{{request.path}}"
                              << "7/orders";
        QTest::newRow("path segment") << "{{request.path.1}}"
                                      << "orders";
        QTest::newRow("path segment beyond") << "<{{request.path.5}}>"
                                             << "<>";
        QTest::newRow("json string") << "{{request.json.user.role}}"
                                     << "admin";
        QTest::newRow("json index") << "{{request.json.user.tags.1}}"
                                    << "y";
        QTest::newRow("json number") << "{{request.json.n}}"
                                     << "42";
        QTest::newRow("json array") << "{{request.json.user.tags}}"
                                    << "[\"x\",\"y\"]";
        QTest::newRow("default") << "{{default request.query.nope \"fb\"}}"
                                 << "fb";
        QTest::newRow("default present") << "{{default request.query.name \"fb\"}}"
                                         << "Ada L";
        QTest::newRow("randomInt single") << "{{randomInt -3 -3}}"
                                          << "-3";
        QTest::newRow("unknown") << "{{request.cookie.a}}"
                                 << "!unknown placeholder";
        QTest::newRow("code") << "{{ system('ls') }}"
                              << "!unknown placeholder";
        QTest::newRow("default of now") << "{{default now \"x\"}}"
                                        << "!{{default now";
        QTest::newRow("unclosed") << "a {{uuid"
                                  << "!\"{{\" without";
        QTest::newRow("reversed range") << "{{randomInt 5 1}}"
                                        << "!{{randomInt 5 1}}";
        QTest::newRow("empty json path") << "{{request.json.a..b}}"
                                         << "!unknown placeholder";
    }

    void templates()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QString error;
        const auto t = MockTemplate::parse(text, &error);
        if (expected.startsWith(u'!')) {
            QVERIFY(!t);
            QVERIFY2(error.startsWith(expected.mid(1)), qPrintable(error));
            return;
        }
        QVERIFY2(t, qPrintable(error));
        QCOMPARE(QString::fromUtf8(t->render(request(), 1 << 20).value()), expected);
    }

    void renderIsBounded()
    {
        QString error;
        const auto t = MockTemplate::parse(QStringLiteral("{{request.json.user}}x"), &error);
        QVERIFY(t);
        QVERIFY(!t->render(request(), 10).has_value());
        QVERIFY(t->render(request(), 1000).has_value());
    }

    void jsonRenderingEscapes()
    {
        MockRequest r;
        r.query = "v=%22quoted%22%0Anext%5C";
        const auto out =
            MockTemplate::renderJson(json("{'a':['{{request.query.v}}'],'b':1}"), r, 1000);
        QVERIFY(out);
        QCOMPARE(*out, QByteArray("{\"a\":[\"\\\"quoted\\\"\\nnext\\\\\"],\"b\":1}"));
        const QJsonValue back = QJsonDocument::fromJson(*out).object().value(QLatin1String("a"));
        QCOMPARE(back[0].toString(), QStringLiteral("\"quoted\"\nnext\\"));
    }

    void regex_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("result"); // 1 match, 0 no match, -1 refused
        QTest::newRow("search") << "b+"
                                << "abbbc" << 1;
        QTest::newRow("anchored") << "^b+$"
                                  << "abbbc" << 0;
        QTest::newRow("utf8") << "^ü.$"
                              << "üx" << 1;
        QTest::newRow("nested quantifiers") << "^(a+)+$" << QString(20000, u'a') + u'!' << 0;
        QTest::newRow("back-reference") << "(a)\\1"
                                        << "aa" << -1;
        QTest::newRow("look-behind") << "(?<=a)b"
                                     << "ab" << -1;
        QTest::newRow("empty") << ""
                               << "x" << -1;
        QTest::newRow("too long") << QString(BoundedRegex::MaxPatternLength + 1, u'a') << "a" << -1;
        QTest::newRow("huge repeat") << "a{1000}{1000}"
                                     << "a" << -1;
    }

    void regex()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, text);
        QFETCH(int, result);
        QString error;
        const auto re = BoundedRegex::compile(pattern, &error);
        if (result < 0) {
            QVERIFY(!re);
            QVERIFY(!error.isEmpty());
            return;
        }
        QVERIFY2(re, qPrintable(error));
        QCOMPARE(re->matches(text), result == 1);
    }

    void matching_data()
    {
        QTest::addColumn<QString>("match");
        QTest::addColumn<bool>("expected");
        QTest::newRow("empty: always") << "{}" << true;
        QTest::newRow("method") << "{'method':['PUT','POST']}" << true;
        QTest::newRow("method miss") << "{'method':'GET'}" << false;
        QTest::newRow("query flag present") << "{'query':{'flag':{'present':true}}}" << true;
        QTest::newRow("query empty equals") << "{'query':{'empty':''}}" << true;
        QTest::newRow("header any case") << "{'headers':{'x-env':'test'}}" << true;
        QTest::newRow("json bool vs string") << "{'json':{'n':'42'}}" << false;
        QTest::newRow("json number") << "{'json':{'n':42}}" << true;
        QTest::newRow("json array equals") << "{'json':{'user.tags':{'equals':['x','y']}}}" << true;
        QTest::newRow("body contains") << "{'body_contains':'admin'}" << true;
    }

    void matching()
    {
        QFETCH(QString, match);
        QFETCH(bool, expected);
        QJsonObject problems;
        const auto rule = MockSpec::ruleFromJson(
            QJsonObject{{QStringLiteral("match"), json(match.toUtf8().constData())}},
            QStringLiteral("rules[0]"), MockSpec::Limits(), &problems);
        QVERIFY2(rule, QJsonDocument(problems).toJson().constData());
        QCOMPARE(rule->match.matches(request()), expected);
    }

    void mockFieldsRoundTrip()
    {
        Endpoint e;
        QJsonObject problems;
        e.applyFields(json("{'identifier':'api/*','method':['GET','POST'],'template':true,"
                           "'cors':true,'latency':{'min':5,'max':9},'after_last':'cycle',"
                           "'rules':[{'match':{'query':{'a':'1'}},'body':'{{uuid}}'}],"
                           "'sequence':[{'response':1},{'fault':'slow_body','bytes_per_second':3}],"
                           "'fault':'empty'}")
                          .toObject(),
                      Endpoint::Rules(), &problems);
        e.checkMock(Endpoint::Rules(), &problems);
        QVERIFY2(problems.isEmpty(), QJsonDocument(problems).toJson().constData());
        QVERIFY(e.isWildcard());
        QCOMPARE(e.acceptedMethods(), (QStringList{QStringLiteral("GET"), QStringLiteral("POST")}));
        e.id = 1;
        QJsonObject out = e.toJson();
        const auto back = Endpoint::fromJson(out);
        QVERIFY(back);
        QCOMPARE(back->toJson(), out);
        QCOMPARE(back->latencyJson(), json("{'min':5,'max':9}"));
        QCOMPARE(back->rules.size(), 1);
        // As multipart text (the client's forms): the same endpoint again.
        QList<QPair<QByteArray, QByteArray>> text;
        for (auto it = out.begin(); it != out.end(); ++it) {
            if (it.key() == u"method") {
                text.append({"method", e.method.toUtf8()});
                continue;
            }
            const QJsonValue v = it.value();
            QByteArray t =
                v.isString() ? v.toString().toUtf8()
                : v.isBool() ? QByteArray(v.toBool() ? "true" : "false")
                : v.isNull()
                    ? QByteArray()
                    : QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact).chopped(1).mid(1);
            text.append({it.key().toUtf8(), t});
        }
        QJsonObject textProblems;
        const QJsonObject fields = Endpoint::fieldsFromText(text, &textProblems);
        Endpoint again;
        again.applyFields(fields, Endpoint::Rules(), &textProblems);
        QVERIFY2(textProblems.isEmpty(), QJsonDocument(textProblems).toJson().constData());
        QCOMPARE(again.mockJson(), e.mockJson());
        QCOMPARE(again.method, e.method);
    }
};

QTEST_GUILESS_MAIN(TestMockModel)
#include "tst_mockmodel.moc"
