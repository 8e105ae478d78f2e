// The mock widgets (issue 12) driven by object name against a real server: the rule editor and
// template help inside the endpoint editor, the Journal view and the Try it panel.

#include "ClientTestSupport.h"
#include "model/MockTemplate.h"
#include "ui/AccountPage.h"
#include "ui/EndpointEditor.h"
#include "ui/EndpointsPage.h"
#include "ui/JournalView.h"
#include "ui/TryItPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QtTest>

using namespace depot;
using namespace depot::clienttest;
using depot::test::HttpResult;
using depot::test::TestHttp;
using depot::test::TestServer;

namespace {

// JSON written with ' for " (no value here holds a ').
QByteArray j(const char *text)
{
    return QByteArray(text).replace('\'', '"');
}

} // namespace

class TestMockWidgets : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void ruleEditorSavesRulesInOrder();
    void ruleEditorShowsProblemsBeforeSaving();
    void templateHelpListsEveryPlaceholder();
    void journalViewShowsRequests();
    void journalViewPolls();
    void tryItShowsAnswerAndTiming();
    void tryItShowsAFault();
    void pageOpensJournalAndTryIt();
    void accountCorsDefault();

private:
    template <typename T> T *child(QObject *parent, const char *name)
    {
        return parent->findChild<T *>(QLatin1String(name));
    }
    EndpointEditor *openNewEditor();
    // Creates an endpoint through the API; returns it as the server answered.
    QJsonObject createEndpoint(const QByteArray &json);
    HttpResult hitPublic(const QString &pathAndQuery, const QByteArray &method = "GET",
                         const QByteArray &body = {}, const depot::test::Headers &headers = {});

    QTemporaryDir m_settingsDir;
    TestServer m_server;
    QString m_username;
    Session *m_session = nullptr;
    ApiClient *m_client = nullptr;
    EndpointsPage *m_page = nullptr;
};

void TestMockWidgets::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    isolateSettings(m_settingsDir);
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
}

void TestMockWidgets::init()
{
    m_session = new Session;
    m_client = new ApiClient(m_session);
    m_username = uniqueUsername();
    QCOMPARE(signUpAndLogIn(*m_client, m_server.baseUrl(), m_username), QString());
    m_page = new EndpointsPage(m_client);
    m_page->resize(900, 500);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page));
}

void TestMockWidgets::cleanup()
{
    delete m_page;
    delete m_client;
    delete m_session;
}

EndpointEditor *TestMockWidgets::openNewEditor()
{
    QTest::mouseClick(child<QPushButton>(m_page, "newEndpointButton"), Qt::LeftButton);
    return findVisible<EndpointEditor>(m_page, QStringLiteral("endpointEditor"));
}

QJsonObject TestMockWidgets::createEndpoint(const QByteArray &json)
{
    depot::test::Headers headers = TestHttp::bearer(m_session->token());
    headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    const HttpResult r =
        TestHttp::request("POST", m_server.url(QStringLiteral("/api/v1/endpoints")), json, headers);
    if (r.status != 201)
        qWarning() << r.status << r.body;
    return r.json();
}

HttpResult TestMockWidgets::hitPublic(const QString &pathAndQuery, const QByteArray &method,
                                      const QByteArray &body, const depot::test::Headers &headers)
{
    return TestHttp::request(method,
                             m_server.url(QStringLiteral("/u/%1/%2").arg(m_username, pathAndQuery)),
                             body, headers);
}

void TestMockWidgets::ruleEditorSavesRulesInOrder()
{
    QPointer<EndpointEditor> editor = openNewEditor();
    QVERIFY(editor);
    QTest::keyClicks(child<QLineEdit>(editor, "identifierEdit"), QStringLiteral("users"));
    QTest::keyClicks(child<QPlainTextEdit>(editor, "responseEdit"), QStringLiteral("\"all\""));
    auto *list = child<QListWidget>(editor, "rulesList");
    auto *add = child<QPushButton>(editor, "addRuleButton");
    QVERIFY(list && add && add->isVisible());

    // Rule 1: ?id=42 → 404; rule 2: header X-Env: test → 202. Then rule 2 moves up.
    QTest::mouseClick(add, Qt::LeftButton);
    QTest::keyClicks(child<QPlainTextEdit>(editor, "ruleQueryEdit"),
                     QStringLiteral("{\"id\": \"42\"}"));
    child<QSpinBox>(editor, "ruleStatusSpin")->setValue(404);
    QTest::keyClicks(child<QPlainTextEdit>(editor, "ruleResponseEdit"),
                     QStringLiteral("{\"error\": \"no such user\"}"));
    QTest::mouseClick(add, Qt::LeftButton);
    QTest::keyClicks(child<QPlainTextEdit>(editor, "ruleHeadersEdit"),
                     QStringLiteral("{\"X-Env\": \"test\"}"));
    child<QSpinBox>(editor, "ruleStatusSpin")->setValue(202);
    QCOMPARE(list->count(), 2);
    QCOMPARE(list->currentRow(), 1);
    QTest::mouseClick(child<QPushButton>(editor, "moveRuleUpButton"), Qt::LeftButton);
    QCOMPARE(list->currentRow(), 0);
    QVERIFY(list->item(0)->text().contains(QStringLiteral("X-Env")));
    // A third rule, removed again.
    QTest::mouseClick(add, Qt::LeftButton);
    QCOMPARE(list->count(), 3);
    QTest::mouseClick(child<QPushButton>(editor, "removeRuleButton"), Qt::LeftButton);
    QCOMPARE(list->count(), 2);
    QComboBox *cors = child<QComboBox>(editor, "corsCombo");
    QCOMPARE(cors->currentIndex(), 0); // new endpoints follow the account's default
    cors->setCurrentIndex(cors->findData(true));

    std::optional<Endpoint> stored;
    connect(editor, &EndpointEditor::saved, this, [&stored](const Endpoint &e) { stored = e; });
    QTest::mouseClick(child<QPushButton>(editor, "saveEndpointButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(stored.has_value(), 20000);
    const Endpoint saved = *stored;
    QCOMPARE(saved.rules.size(), 2);
    QCOMPARE(saved.cors, std::optional<bool>(true));

    // Both rules answer, in the order the list shows.
    HttpResult r = hitPublic(QStringLiteral("users?id=42"), "GET", {}, {{"X-Env", "test"}});
    QCOMPARE(r.status, 202); // the moved-up rule comes first
    r = hitPublic(QStringLiteral("users?id=42"));
    QCOMPARE(r.status, 404);
    QCOMPARE(r.json().value(QStringLiteral("error")).toString(), QStringLiteral("no such user"));
    QCOMPARE(hitPublic(QStringLiteral("users")).body, QByteArray("\"all\""));

    // Editing again shows the rules and keeps them when something else changes.
    EndpointEditor again(m_client);
    again.setEndpoint(saved);
    QCOMPARE(child<QListWidget>(&again, "rulesList")->count(), 2);
    QCOMPARE(child<QPlainTextEdit>(&again, "ruleHeadersEdit")->toPlainText(),
             QStringLiteral("{\"X-Env\":\"test\"}"));
    QCOMPARE(child<QComboBox>(&again, "corsCombo")->currentData(), QVariant(true));
    again.show();
    child<QSpinBox>(&again, "statusCodeSpin")->setValue(203);
    std::optional<Endpoint> resaved;
    connect(&again, &EndpointEditor::saved, this, [&resaved](const Endpoint &e) { resaved = e; });
    QTest::mouseClick(child<QPushButton>(&again, "saveEndpointButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(resaved.has_value(), 20000);
    QCOMPARE(resaved->rules.size(), 2);
    QCOMPARE(hitPublic(QStringLiteral("users")).status, 203);
    QCOMPARE(hitPublic(QStringLiteral("users?id=42")).status, 404);
}

void TestMockWidgets::ruleEditorShowsProblemsBeforeSaving()
{
    QPointer<EndpointEditor> editor = openNewEditor();
    QVERIFY(editor);
    QTest::keyClicks(child<QLineEdit>(editor, "identifierEdit"), QStringLiteral("bad"));
    QTest::mouseClick(child<QPushButton>(editor, "addRuleButton"), Qt::LeftButton);
    QTest::keyClicks(child<QPlainTextEdit>(editor, "ruleQueryEdit"),
                     QStringLiteral("{\"q\": {\"regex\": \"(a)\\\\1\"}}"));
    QTest::mouseClick(child<QPushButton>(editor, "addRuleButton"), Qt::LeftButton);
    QTest::keyClicks(child<QPlainTextEdit>(editor, "ruleJsonEdit"), QStringLiteral("{not json"));
    child<QCheckBox>(editor, "templateCheck")->setChecked(true);
    QTest::keyClicks(child<QPlainTextEdit>(editor, "responseEdit"),
                     QStringLiteral("\"{{request.cookie}}\""));
    QTest::mouseClick(child<QPushButton>(editor, "saveEndpointButton"), Qt::LeftButton);
    auto *error = child<QLabel>(editor, "editorErrorLabel");
    // The shared rules (common/model) name the same fields as the server's 422.
    QTRY_VERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("rules[0].match.query.q")),
             qPrintable(error->text()));
    QVERIFY(error->text().contains(QStringLiteral("rules[1].match.json")));
    QVERIFY2(error->text().contains(QStringLiteral("unknown placeholder {{request.cookie}}")),
             qPrintable(error->text()));
    QVERIFY(editor->isVisible());
    QCOMPARE(hitPublic(QStringLiteral("bad")).status, 404); // nothing was sent
}

void TestMockWidgets::templateHelpListsEveryPlaceholder()
{
    QPointer<EndpointEditor> editor = openNewEditor();
    QVERIFY(editor);
    QTest::mouseClick(child<QPushButton>(editor, "templateHelpButton"), Qt::LeftButton);
    auto *help = findVisible<QDialog>(editor, QStringLiteral("templateHelpDialog"));
    QVERIFY(help);
    auto *table = child<QTableWidget>(help, "placeholderTable");
    QCOMPARE(table->rowCount(), int(MockTemplate::help().size()));
    QStringList shown;
    for (int row = 0; row < table->rowCount(); ++row)
        shown << table->item(row, 0)->text();
    for (const QString &placeholder :
         {QStringLiteral("{{request.query.NAME}}"), QStringLiteral("{{request.header.NAME}}"),
          QStringLiteral("{{request.path}}"), QStringLiteral("{{request.path.N}}"),
          QStringLiteral("{{request.json.DOT.PATH}}"), QStringLiteral("{{request.method}}"),
          QStringLiteral("{{now}}"), QStringLiteral("{{now \"epoch\"}}"),
          QStringLiteral("{{uuid}}"), QStringLiteral("{{randomInt A B}}")})
        QVERIFY2(shown.contains(placeholder), qPrintable(placeholder));
    QVERIFY(shown.filter(QStringLiteral("{{default ")).size() == 1);
}

void TestMockWidgets::journalViewShowsRequests()
{
    const QJsonObject e = createEndpoint(j("{'identifier':'j','method':'POST','rules':[{'match':{'"
                                           "query':{'r':'1'}},'status_code':201}]}"));
    const qint64 id = e.value(QStringLiteral("id")).toInteger();
    QCOMPARE(hitPublic(QStringLiteral("j?r=1"), "POST", "first body", {{"X-Test", "yes"}}).status,
             201);
    QCOMPARE(hitPublic(QStringLiteral("j"), "POST", "second body").status, 200);

    JournalView view(m_client);
    view.resize(800, 500);
    view.show();
    QSignalSpy refreshed(&view, &JournalView::refreshed);
    auto *table = child<QTableWidget>(&view, "journalTable");
    // Entries are written just after their answers: refresh until both are there.
    view.setEndpoint(id, QStringLiteral("j"));
    QTRY_VERIFY_WITH_TIMEOUT((view.refresh(), table->rowCount() == 2), 10000);
    QCOMPARE(table->item(0, 3)->text(), QStringLiteral("endpoint")); // newest first
    QCOMPARE(table->item(1, 3)->text(), QStringLiteral("rule 1"));
    QCOMPARE(table->item(1, 4)->text(), QStringLiteral("201"));
    table->selectRow(1);
    const QString detail = child<QPlainTextEdit>(&view, "journalDetail")->toPlainText();
    QVERIFY2(detail.contains(QStringLiteral("X-Test: yes")), qPrintable(detail));
    QVERIFY(detail.contains(QStringLiteral("first body")));
    QVERIFY(detail.contains(QStringLiteral("?r=1")));
    QVERIFY(detail.contains(QStringLiteral("rule 1")));

    QTest::mouseClick(child<QPushButton>(&view, "clearJournalButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 0, 10000);
}

void TestMockWidgets::journalViewPolls()
{
    const QJsonObject e = createEndpoint(j("{'identifier':'p'}"));
    JournalView view(m_client);
    view.show();
    auto *table = child<QTableWidget>(&view, "journalTable");
    view.setEndpoint(e.value(QStringLiteral("id")).toInteger(), QStringLiteral("p"));
    child<QCheckBox>(&view, "pollJournalCheck")->setChecked(true);
    QCOMPARE(table->rowCount(), 0);
    QCOMPARE(hitPublic(QStringLiteral("p")).status, 200);
    // No button pressed: the poll brings it in.
    QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 1, 3 * JournalView::PollIntervalMs + 5000);
    QCOMPARE(hitPublic(QStringLiteral("p")).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 2, 3 * JournalView::PollIntervalMs + 5000);
}

void TestMockWidgets::tryItShowsAnswerAndTiming()
{
    const QJsonObject e = createEndpoint(
        j("{'identifier':'t','method':'ANY','template':true, "
          "'rules':[{'match':{'query':{'id':'42'},'headers':{'X-Env':'test'},'json':{'a':1}}, "
          "'status_code':404,'latency':150,'response':{'echo':'{{request.header.X-Env}}'}}]}"));
    TryItPanel panel(m_client->network());
    panel.show();
    panel.setUrl(QUrl(e.value(QStringLiteral("url")).toString()), QStringLiteral("ANY"));
    child<QComboBox>(&panel, "tryMethodCombo")->setCurrentText(QStringLiteral("POST"));
    QTest::keyClicks(child<QLineEdit>(&panel, "tryQueryEdit"), QStringLiteral("id=42"));
    QTest::keyClicks(child<QPlainTextEdit>(&panel, "tryHeadersEdit"),
                     QStringLiteral("X-Env: test"));
    QTest::keyClicks(child<QPlainTextEdit>(&panel, "tryBodyEdit"), QStringLiteral("{\"a\": 1}"));
    QSignalSpy answered(&panel, &TryItPanel::answered);
    QTest::mouseClick(child<QPushButton>(&panel, "trySendButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(answered.size(), 1, 10000);
    QCOMPARE(answered.first().first().toInt(), 404);
    QVERIFY(child<QLabel>(&panel, "tryStatusLabel")->text().startsWith(QStringLiteral("404")));
    QVERIFY(panel.lastElapsedMs() >= 150); // the rule's latency is in the timing
    QVERIFY(child<QLabel>(&panel, "tryTimingLabel")->text().endsWith(QStringLiteral(" ms")));
    const QString shown = child<QPlainTextEdit>(&panel, "tryResponseEdit")->toPlainText();
    QVERIFY2(shown.contains(QStringLiteral("{\"echo\":\"test\"}")), qPrintable(shown));
    QVERIFY(shown.contains(QStringLiteral("Content-Type: application/json")));

    // Without the query the rule does not match: the endpoint's own answer.
    child<QLineEdit>(&panel, "tryQueryEdit")->clear();
    QTest::mouseClick(child<QPushButton>(&panel, "trySendButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(answered.size(), 2, 10000);
    QCOMPARE(answered.last().first().toInt(), 200);
}

void TestMockWidgets::tryItShowsAFault()
{
    const QJsonObject e = createEndpoint(j("{'identifier':'f','fault':'reset'}"));
    TryItPanel panel(m_client->network());
    panel.setUrl(QUrl(e.value(QStringLiteral("url")).toString()), QStringLiteral("GET"));
    QSignalSpy answered(&panel, &TryItPanel::answered);
    QTest::mouseClick(child<QPushButton>(&panel, "trySendButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(answered.size(), 1, 10000);
    QCOMPARE(answered.first().first().toInt(), 0);
    QVERIFY(
        child<QLabel>(&panel, "tryStatusLabel")->text().startsWith(QStringLiteral("No answer")));
}

void TestMockWidgets::pageOpensJournalAndTryIt()
{
    createEndpoint(j("{'identifier':'page'}"));
    m_page->refresh();
    auto *table = child<QTableWidget>(m_page, "endpointsTable");
    QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 1, 10000);
    table->selectRow(0);
    QTest::mouseClick(child<QPushButton>(m_page, "journalButton"), Qt::LeftButton);
    QDialog *journal = findVisible<QDialog>(m_page, QStringLiteral("journalDialog"));
    QVERIFY(journal);
    QVERIFY(journal->findChild<JournalView *>(QStringLiteral("journalView")));
    QTest::mouseClick(child<QPushButton>(m_page, "tryItButton"), Qt::LeftButton);
    QDialog *tryIt = findVisible<QDialog>(m_page, QStringLiteral("tryItDialog"));
    QVERIFY(tryIt);
    auto *url = tryIt->findChild<QLineEdit *>(QStringLiteral("tryUrlEdit"));
    QCOMPARE(url->text(), m_server.url(QStringLiteral("/u/%1/page").arg(m_username)).toString());
    QSignalSpy answered(tryIt->findChild<TryItPanel *>(QStringLiteral("tryItPanel")),
                        &TryItPanel::answered);
    QTest::mouseClick(tryIt->findChild<QPushButton *>(QStringLiteral("trySendButton")),
                      Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(answered.size(), 1, 10000);
    QCOMPARE(answered.first().first().toInt(), 200);
}

// Issue 12: the account's CORS default, switched on the Account page; an endpoint saved with
// "as my account's default" follows it (a browser's preflight gets the CORS headers or not).
void TestMockWidgets::accountCorsDefault()
{
    createEndpoint(j("{'identifier':'front','method':['GET','PUT'],'response':{'ok':true}}"));
    const depot::test::Headers preflight{{"Origin", "http://localhost:5173"},
                                         {"Access-Control-Request-Method", "PUT"},
                                         {"Access-Control-Request-Headers", "content-type"}};
    QVERIFY(hitPublic(QStringLiteral("front"), "OPTIONS", {}, preflight)
                .header("Access-Control-Allow-Origin")
                .isEmpty());

    AccountPage page(m_client);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *check = child<QCheckBox>(&page, "corsDefaultCheck");
    QVERIFY(check && !check->isEnabled()); // not known before the account is loaded
    page.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(check->isEnabled(), 20000);
    QVERIFY(!check->isChecked());
    QTest::mouseClick(check, Qt::LeftButton);
    QVERIFY(!check->isEnabled()); // saving
    QTRY_VERIFY_WITH_TIMEOUT(check->isEnabled(), 20000);
    QVERIFY(check->isChecked());
    auto *message = child<QLabel>(&page, "accountMessageLabel");
    QVERIFY2(message->text().contains(QStringLiteral("now answer CORS")),
             qPrintable(message->text()));
    HttpResult r = hitPublic(QStringLiteral("front"), "OPTIONS", {}, preflight);
    QCOMPARE(r.status, 204);
    QCOMPARE(r.header("Access-Control-Allow-Origin"), "http://localhost:5173");
    QVERIFY(r.header("Access-Control-Allow-Methods").contains("PUT"));

    // A new endpoint from the editor follows the default unless told otherwise.
    EndpointEditor *editor = openNewEditor();
    QVERIFY(editor);
    QTest::keyClicks(child<QLineEdit>(editor, "identifierEdit"), QStringLiteral("second"));
    QTest::keyClicks(child<QPlainTextEdit>(editor, "responseEdit"), QStringLiteral("[]"));
    QCOMPARE(child<QComboBox>(editor, "corsCombo")->currentData(), QVariant());
    std::optional<Endpoint> stored;
    connect(editor, &EndpointEditor::saved, this, [&stored](const Endpoint &e) { stored = e; });
    QTest::mouseClick(child<QPushButton>(editor, "saveEndpointButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(stored.has_value(), 20000);
    QVERIFY(!stored->cors.has_value());
    QCOMPARE(hitPublic(QStringLiteral("second"), "GET", {}, {{"Origin", "http://localhost:5173"}})
                 .header("Access-Control-Allow-Origin"),
             "http://localhost:5173");

    // Off again; the page shows what the server stored after a refresh too.
    QTest::mouseClick(check, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(check->isEnabled(), 20000);
    QVERIFY(!check->isChecked());
    QVERIFY(hitPublic(QStringLiteral("front"), "OPTIONS", {}, preflight)
                .header("Access-Control-Allow-Origin")
                .isEmpty());
    page.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(check->isEnabled(), 20000);
    QVERIFY(!check->isChecked());
}

QTEST_MAIN(TestMockWidgets)
#include "tst_mockwidgets.moc"
