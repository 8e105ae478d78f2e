// The Endpoints page and its editor, driven through their widgets against a real server.

#include "ClientTestSupport.h"
#include "ui/EndpointEditor.h"
#include "ui/EndpointTexts.h"
#include "ui/EndpointsPage.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QDesktopServices>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTcpServer>
#include <QTextBlock>
#include <QTextLayout>
#include <QtTest>

using namespace depot;
using namespace depot::clienttest;
using depot::test::HttpResult;
using depot::test::TestHttp;
using depot::test::TestServer;

class TestEndpointEditor : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void createJsonEndpointAndFetchIt();
    void invalidJsonShownInline();
    void sharedRulesShownInline();
    void serverFieldErrorsShownInline();
    void editChangesTheAnswer();
    void createFileEndpoint();
    void formatHighlightAndColumns();
    void editStoredScript();
    void scriptLoadTimesOut();
    void deleteAfterConfirmation();

public slots: // not a test: QDesktopServices hands opened URLs here (setUrlHandler)
    void openedUrl(const QUrl &url) { m_opened.append(url); }

private:
    EndpointEditor *openNewEditor();
    void fillJson(EndpointEditor *editor, const QString &identifier, const QString &method,
                  int status, const QString &headers, const QString &response);
    int rowOf(const QString &identifier) const;
    void selectRow(const QString &identifier);

    QTemporaryDir m_settingsDir;
    QTemporaryDir m_files;
    TestServer m_server;
    Session *m_session = nullptr;
    ApiClient *m_client = nullptr;
    EndpointsPage *m_page = nullptr;
    QList<QUrl> m_opened;
};

void TestEndpointEditor::initTestCase()
{
    QVERIFY(m_settingsDir.isValid() && m_files.isValid());
    isolateSettings(m_settingsDir);
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
}

void TestEndpointEditor::init()
{
    m_session = new Session;
    m_client = new ApiClient(m_session);
    QCOMPARE(signUpAndLogIn(*m_client, m_server.baseUrl(), uniqueUsername()), QString());
    m_page = new EndpointsPage(m_client);
    m_page->resize(900, 500);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page));
    m_page->refresh();
    auto *count = m_page->findChild<QLabel *>(QStringLiteral("endpointsCountLabel"));
    QTRY_VERIFY_WITH_TIMEOUT(count->text().startsWith(QStringLiteral("No endpoints yet")), 20000);
}

void TestEndpointEditor::cleanup()
{
    delete m_page;
    delete m_client;
    delete m_session;
}

EndpointEditor *TestEndpointEditor::openNewEditor()
{
    QTest::mouseClick(m_page->findChild<QPushButton *>(QStringLiteral("newEndpointButton")),
                      Qt::LeftButton);
    return findVisible<EndpointEditor>(m_page, QStringLiteral("endpointEditor"));
}

void TestEndpointEditor::fillJson(EndpointEditor *editor, const QString &identifier,
                                  const QString &method, int status, const QString &headers,
                                  const QString &response)
{
    auto *identifierEdit = editor->findChild<QLineEdit *>(QStringLiteral("identifierEdit"));
    auto *methodCombo = editor->findChild<QComboBox *>(QStringLiteral("methodCombo"));
    auto *statusSpin = editor->findChild<QSpinBox *>(QStringLiteral("statusCodeSpin"));
    auto *headersEdit = editor->findChild<QPlainTextEdit *>(QStringLiteral("headersEdit"));
    auto *responseEdit = editor->findChild<QPlainTextEdit *>(QStringLiteral("responseEdit"));
    QVERIFY(identifierEdit && methodCombo && statusSpin && headersEdit && responseEdit);
    QVERIFY(responseEdit->isVisible()); // the default kind is a JSON mock
    identifierEdit->clear();
    QTest::keyClicks(identifierEdit, identifier);
    methodCombo->setCurrentText(method);
    statusSpin->clear();
    QTest::keyClicks(statusSpin, QString::number(status));
    headersEdit->clear();
    QTest::keyClicks(headersEdit, headers);
    responseEdit->clear();
    QTest::keyClicks(responseEdit, response);
}

int TestEndpointEditor::rowOf(const QString &identifier) const
{
    auto *table = m_page->findChild<QTableWidget *>(QStringLiteral("endpointsTable"));
    for (int row = 0; row < table->rowCount(); ++row) {
        if (table->item(row, 0) && table->item(row, 0)->text() == identifier)
            return row;
    }
    return -1;
}

void TestEndpointEditor::selectRow(const QString &identifier)
{
    const int row = rowOf(identifier);
    QVERIFY(row >= 0);
    auto *table = m_page->findChild<QTableWidget *>(QStringLiteral("endpointsTable"));
    table->selectRow(row);
}

void TestEndpointEditor::createJsonEndpointAndFetchIt()
{
    QPointer<EndpointEditor> editor = openNewEditor();
    QVERIFY(editor);
    CHECKED(fillJson(editor, QStringLiteral("api/greeting"), QStringLiteral("GET"), 201,
                     QStringLiteral("{\"X-Mock\": \"depot\"}"),
                     QStringLiteral("{\"hello\": \"world\", \"n\": [1, 2]}")));
    QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("saveEndpointButton")),
                      Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!editor || !editor->isVisible(), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(QStringLiteral("api/greeting")) >= 0, 20000);

    // Copy URL puts the public URL on the clipboard; fetching it gives the mock's answer.
    CHECKED(selectRow(QStringLiteral("api/greeting")));
    QTest::mouseClick(m_page->findChild<QPushButton *>(QStringLiteral("copyEndpointUrlButton")),
                      Qt::LeftButton);
    const QUrl url(QGuiApplication::clipboard()->text());
    QVERIFY2(url.path().endsWith(QStringLiteral("/api/greeting")), qPrintable(url.toString()));
    QCOMPARE(url.host(), m_server.baseUrl().host());
    const HttpResult hit = TestHttp::get(url);
    QCOMPARE(hit.status, 201);
    QCOMPARE(hit.header("X-Mock"), QByteArray("depot"));
    const QJsonObject body = QJsonDocument::fromJson(hit.body).object();
    QCOMPARE(body.value(QStringLiteral("hello")).toString(), QStringLiteral("world"));
    QCOMPARE(body.value(QStringLiteral("n")).toArray(), (QJsonArray{1, 2}));

    // Open in browser hands the same URL to the desktop.
    m_opened.clear();
    QDesktopServices::setUrlHandler(QStringLiteral("http"), this, "openedUrl");
    m_page->findChild<QAction *>(QStringLiteral("openEndpointUrlAction"))->trigger();
    QDesktopServices::unsetUrlHandler(QStringLiteral("http"));
    QCOMPARE(m_opened, QList<QUrl>{url});
}

void TestEndpointEditor::invalidJsonShownInline()
{
    QPointer<EndpointEditor> editor = openNewEditor();
    QVERIFY(editor);
    CHECKED(fillJson(editor, QStringLiteral("broken"), QStringLiteral("GET"), 200, QString(),
                     QStringLiteral("{\"unterminated\": ")));
    QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("saveEndpointButton")),
                      Qt::LeftButton);
    // Found by the client, before any request: shown at once, worded as the server words it.
    auto *error = editor->findChild<QLabel *>(QStringLiteral("editorErrorLabel"));
    QVERIFY(error->isVisible());
    // Named as the form names it, with where the JSON breaks.
    QVERIFY2(error->text().startsWith(QStringLiteral("Please correct:\nResponse: ") +
                                      Endpoint::tr("not valid JSON") +
                                      QStringLiteral(" (line 1, column ")),
             qPrintable(error->text()));
    QVERIFY(editor->isVisible());
    editor->reject();
}

void TestEndpointEditor::sharedRulesShownInline()
{
    // The editor applies common/model/Endpoint's rules, the ones the server applies: a bad
    // identifier, latency, status code and header set are all named before anything is sent.
    QPointer<EndpointEditor> editor = openNewEditor();
    QVERIFY(editor);
    CHECKED(fillJson(editor, QStringLiteral("../escape"), QStringLiteral("GET"), 150,
                     QStringLiteral("{\"Content-Length\": \"5\"}"), QStringLiteral("{}")));
    auto *latency = editor->findChild<QSpinBox *>(QStringLiteral("latencySpin"));
    latency->setValue(Endpoint::Rules().maxLatencyMs + 1);
    QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("saveEndpointButton")),
                      Qt::LeftButton);
    auto *error = editor->findChild<QLabel *>(QStringLiteral("editorErrorLabel"));
    QVERIFY(error->isVisible());
    Endpoint expected;
    QJsonObject problems;
    expected.applyFields(
        QJsonObject{{QStringLiteral("identifier"), QStringLiteral("../escape")},
                    {QStringLiteral("latency"), Endpoint::Rules().maxLatencyMs + 1},
                    {QStringLiteral("status_code"), 150},
                    {QStringLiteral("headers"),
                     QJsonObject{{QStringLiteral("Content-Length"), QStringLiteral("5")}}}},
        Endpoint::Rules(), &problems);
    QCOMPARE(problems.size(), 4);
    for (auto it = problems.begin(); it != problems.end(); ++it) {
        // Named as the form names the field, not with the API's field name.
        const QString line =
            EndpointTexts::fieldLabel(it.key()) + QStringLiteral(": ") + it.value().toString();
        QVERIFY2(error->text().contains(line), qPrintable(error->text()));
    }
    QVERIFY(editor->isVisible());
    QCOMPARE(rowOf(QStringLiteral("../escape")), -1);
    editor->reject();
}

void TestEndpointEditor::serverFieldErrorsShownInline()
{
    // What only the server can check (here: the size of the response it stores) comes back as
    // a 422 and is shown the same way.
    QPointer<EndpointEditor> editor = openNewEditor();
    QVERIFY(editor);
    CHECKED(fillJson(editor, QStringLiteral("too-big"), QStringLiteral("GET"), 200, QString(),
                     QStringLiteral("1")));
    // Many short lines: one line of a megabyte takes QPlainTextEdit minutes to lay out.
    const QString line = QLatin1Char('"') + QString(1000, u'x') + QStringLiteral("\",\n");
    editor->findChild<QPlainTextEdit *>(QStringLiteral("responseEdit"))
        ->setPlainText(QLatin1Char('[') + line.repeated(1100) + QStringLiteral("0]"));
    QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("saveEndpointButton")),
                      Qt::LeftButton);
    auto *error = editor->findChild<QLabel *>(QStringLiteral("editorErrorLabel"));
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 20000);
    QVERIFY2(error->text().startsWith(QStringLiteral("Please correct:\nResponse: ")),
             qPrintable(error->text().left(300)));
    QVERIFY(editor->isVisible());
    editor->reject();
}

void TestEndpointEditor::editChangesTheAnswer()
{
    QPointer<EndpointEditor> editor = openNewEditor();
    QVERIFY(editor);
    CHECKED(fillJson(editor, QStringLiteral("status"), QStringLiteral("POST"), 200, QString(),
                     QStringLiteral("{\"ok\": true}")));
    QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("saveEndpointButton")),
                      Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(QStringLiteral("status")) >= 0, 20000);

    CHECKED(selectRow(QStringLiteral("status")));
    QTest::mouseClick(m_page->findChild<QPushButton *>(QStringLiteral("editEndpointButton")),
                      Qt::LeftButton);
    editor = findVisible<EndpointEditor>(m_page, QStringLiteral("endpointEditor"));
    QVERIFY(editor);
    QCOMPARE(editor->findChild<QLineEdit *>(QStringLiteral("identifierEdit"))->text(),
             QStringLiteral("status"));
    QCOMPARE(editor->findChild<QComboBox *>(QStringLiteral("methodCombo"))->currentText(),
             QStringLiteral("POST"));
    auto *statusSpin = editor->findChild<QSpinBox *>(QStringLiteral("statusCodeSpin"));
    statusSpin->clear();
    QTest::keyClicks(statusSpin, QStringLiteral("503"));
    QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("saveEndpointButton")),
                      Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!editor || !editor->isVisible(), 20000);

    const QList<Endpoint> endpoints = m_page->endpoints();
    const auto it = std::find_if(endpoints.cbegin(), endpoints.cend(), [](const Endpoint &e) {
        return e.identifier == QLatin1String("status");
    });
    QVERIFY(it != endpoints.cend());
    QTRY_COMPARE_WITH_TIMEOUT(TestHttp::request("POST", QUrl(it->url)).status, 503, 20000);
}

void TestEndpointEditor::createFileEndpoint()
{
    QFile file(m_files.filePath(QStringLiteral("manual.txt")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("read me\n");
    file.close();

    QPointer<EndpointEditor> editor = openNewEditor();
    QVERIFY(editor);
    auto *kind = editor->findChild<QComboBox *>(QStringLiteral("kindCombo"));
    kind->setCurrentIndex(kind->findData(QStringLiteral("file")));
    QVERIFY(!editor->findChild<QPlainTextEdit *>(QStringLiteral("responseEdit"))->isVisible());
    auto *content = editor->findChild<QLineEdit *>(QStringLiteral("contentFileEdit"));
    QVERIFY(content->isVisible());
    QTest::keyClicks(editor->findChild<QLineEdit *>(QStringLiteral("identifierEdit")),
                     QStringLiteral("docs/manual.txt"));
    QTest::keyClicks(content, file.fileName());
    QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("saveEndpointButton")),
                      Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!editor || !editor->isVisible(), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(QStringLiteral("docs/manual.txt")) >= 0, 20000);
    const Endpoint saved = m_page->endpoints().at(rowOf(QStringLiteral("docs/manual.txt")));
    QCOMPARE(Endpoint::kindName(saved.kind), QStringLiteral("file"));
    const HttpResult hit = TestHttp::get(QUrl(saved.url));
    QCOMPARE(hit.status, 200);
    QCOMPARE(hit.body, QByteArray("read me\n"));
}

// Issue 13: JSON highlighted and formatted on request; the list shows latency and headers.
void TestEndpointEditor::formatHighlightAndColumns()
{
    QPointer<EndpointEditor> editor = openNewEditor();
    QVERIFY(editor);
    CHECKED(fillJson(editor, QStringLiteral("formatted"), QStringLiteral("GET"), 200,
                     QStringLiteral("{\"X-Trace\":\"1\",\"X-Env\":\"test\"}"),
                     QStringLiteral("{\"b\":1,\"a\":[true,null]}")));
    auto *response = editor->findChild<QPlainTextEdit *>(QStringLiteral("responseEdit"));
    // Highlighted: the text carries formats (keys, literals) from the highlighter.
    QTextBlock block = response->document()->firstBlock();
    QVERIFY(block.layout() && !block.layout()->formats().isEmpty());
    QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("formatJsonButton")),
                      Qt::LeftButton);
    QCOMPARE(
        response->toPlainText(),
        QStringLiteral("{\n    \"a\": [\n        true,\n        null\n    ],\n    \"b\": 1\n}"));
    QVERIFY(response->document()->blockCount() > 1);
    auto *latency = editor->findChild<QSpinBox *>(QStringLiteral("latencySpin"));
    latency->setValue(250);
    QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("saveEndpointButton")),
                      Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(QStringLiteral("formatted")) >= 0, 20000);
    auto *table = m_page->findChild<QTableWidget *>(QStringLiteral("endpointsTable"));
    const int row = rowOf(QStringLiteral("formatted"));
    QStringList columns;
    for (int column = 0; column < table->columnCount(); ++column)
        columns << table->horizontalHeaderItem(column)->text();
    QCOMPARE(table->item(row, int(columns.indexOf(QStringLiteral("Latency"))))->text(),
             QStringLiteral("250 ms"));
    const QString headers =
        table->item(row, int(columns.indexOf(QStringLiteral("Headers"))))->text();
    QVERIFY2(headers.contains(QStringLiteral("X-Trace")) &&
                 headers.contains(QStringLiteral("X-Env")),
             qPrintable(headers));
}

// Issue 13: view and edit the current script text. The editor loads the stored source of an
// existing script endpoint, the user changes it, and the hosted URL runs the new script.
void TestEndpointEditor::editStoredScript()
{
    const QByteArray source = "print(\"Content-Type: text/plain\\n\\nfirst answer\")\n";
    const QString path = writeTestFile(m_files, QStringLiteral("stored.py"), source);
    Endpoint script;
    script.identifier = QStringLiteral("tools/stored.py");
    script.kind = Endpoint::Kind::Script;
    const auto created = await<Endpoint>([&](QObject *context, ApiCallback<Endpoint> done) {
        m_client->createEndpoint(script, path, context, done);
    });
    QVERIFY(created && created->ok());
    const QUrl url(created->value().url);
    QTRY_COMPARE_WITH_TIMEOUT(TestHttp::get(url).body, QByteArray("first answer\n"), 20000);

    m_page->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(script.identifier) >= 0, 20000);
    CHECKED(selectRow(script.identifier));
    QTest::mouseClick(m_page->findChild<QPushButton *>(QStringLiteral("editEndpointButton")),
                      Qt::LeftButton);
    QPointer<EndpointEditor> editor =
        findVisible<EndpointEditor>(m_page, QStringLiteral("endpointEditor"));
    QVERIFY(editor);
    auto *scriptEdit = editor->findChild<QPlainTextEdit *>(QStringLiteral("scriptEdit"));
    QVERIFY(scriptEdit->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(scriptEdit->toPlainText(), QString::fromUtf8(source), 20000);
    QVERIFY(!scriptEdit->isReadOnly());
    QVERIFY(!editor->findChild<QLabel *>(QStringLiteral("editorErrorLabel"))->isVisible());

    // Change a word as a user would: select it and type over it.
    QTextCursor found = scriptEdit->document()->find(QStringLiteral("first"));
    QVERIFY(!found.isNull());
    scriptEdit->setTextCursor(found);
    scriptEdit->setFocus();
    QTest::keyClicks(scriptEdit, QStringLiteral("second"));
    QCOMPARE(scriptEdit->toPlainText(),
             QStringLiteral("print(\"Content-Type: text/plain\\n\\nsecond answer\")\n"));
    QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("saveEndpointButton")),
                      Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!editor || !editor->isVisible(), 20000);
    QCOMPARE(TestHttp::get(url).body, QByteArray("second answer\n"));

    // Opened again, it shows the new text; saved unchanged, the script is not uploaded again.
    const QByteArray etag =
        TestHttp::request(
            "GET",
            m_server.url(QStringLiteral("/api/v1/endpoints/%1/content").arg(created->value().id)),
            {}, TestHttp::bearer(m_session->token()))
            .header("ETag");
    QVERIFY(!etag.isEmpty());
    CHECKED(selectRow(script.identifier));
    QTest::mouseClick(m_page->findChild<QPushButton *>(QStringLiteral("editEndpointButton")),
                      Qt::LeftButton);
    editor = findVisible<EndpointEditor>(m_page, QStringLiteral("endpointEditor"));
    QVERIFY(editor);
    scriptEdit = editor->findChild<QPlainTextEdit *>(QStringLiteral("scriptEdit"));
    QTRY_VERIFY_WITH_TIMEOUT(scriptEdit->toPlainText().contains(QStringLiteral("second")), 20000);
    QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("saveEndpointButton")),
                      Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!editor || !editor->isVisible(), 20000);
    QCOMPARE(
        TestHttp::request(
            "GET",
            m_server.url(QStringLiteral("/api/v1/endpoints/%1/content").arg(created->value().id)),
            {}, TestHttp::bearer(m_session->token()))
            .header("ETag"),
        etag);

    // Duplicate carries the stored script over to the copy, which runs it too.
    CHECKED(selectRow(script.identifier));
    m_page->findChild<QAction *>(QStringLiteral("duplicateEndpointAction"))->trigger();
    editor = findVisible<EndpointEditor>(m_page, QStringLiteral("endpointEditor"));
    QVERIFY(editor);
    scriptEdit = editor->findChild<QPlainTextEdit *>(QStringLiteral("scriptEdit"));
    QTRY_VERIFY_WITH_TIMEOUT(scriptEdit->toPlainText().contains(QStringLiteral("second")), 20000);
    const QString copy = editor->findChild<QLineEdit *>(QStringLiteral("identifierEdit"))->text();
    QVERIFY(copy != script.identifier);
    QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("saveEndpointButton")),
                      Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(copy) >= 0, 20000);
    const Endpoint copied = m_page->endpoints().at(rowOf(copy));
    QCOMPARE(copied.kind, Endpoint::Kind::Script);
    QCOMPARE(TestHttp::get(QUrl(copied.url)).body, QByteArray("second answer\n"));
}

// The script is loaded like every other request: a server that never answers ends in a
// message, not in "Loading…" forever, and the editor stays usable.
void TestEndpointEditor::scriptLoadTimesOut()
{
    QTcpServer silent; // accepts connections (the kernel does) and never answers
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    Session session;
    session.start(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort())),
                  QStringLiteral("someone"), QStringLiteral("token"),
                  QDateTime::currentDateTimeUtc().addSecs(600));
    ApiClient client(&session);
    client.setRequestTimeout(500);
    Endpoint script;
    script.id = 1;
    script.identifier = QStringLiteral("slow.py");
    script.kind = Endpoint::Kind::Script;
    EndpointEditor editor(&client);
    editor.setEndpoint(script);
    editor.show();
    auto *scriptEdit = editor.findChild<QPlainTextEdit *>(QStringLiteral("scriptEdit"));
    auto *error = editor.findChild<QLabel *>(QStringLiteral("editorErrorLabel"));
    QVERIFY(scriptEdit->isReadOnly());
    QVERIFY(scriptEdit->placeholderText().contains(QStringLiteral("Loading")));
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 10000);
    QVERIFY2(error->text().contains(QStringLiteral("Could not load the current script")) &&
                 error->text().contains(QStringLiteral("did not answer")),
             qPrintable(error->text()));
    QVERIFY(!scriptEdit->isReadOnly());
    QVERIFY(!scriptEdit->placeholderText().contains(QStringLiteral("Loading")));
}

void TestEndpointEditor::deleteAfterConfirmation()
{
    QPointer<EndpointEditor> editor = openNewEditor();
    QVERIFY(editor);
    CHECKED(fillJson(editor, QStringLiteral("short-lived"), QStringLiteral("GET"), 200, QString(),
                     QStringLiteral("[]")));
    QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("saveEndpointButton")),
                      Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(QStringLiteral("short-lived")) >= 0, 20000);
    const QUrl url(m_page->endpoints().at(rowOf(QStringLiteral("short-lived"))).url);
    QCOMPARE(TestHttp::get(url).status, 200);

    // "No" keeps it.
    CHECKED(selectRow(QStringLiteral("short-lived")));
    QTest::mouseClick(m_page->findChild<QPushButton *>(QStringLiteral("deleteEndpointButton")),
                      Qt::LeftButton);
    auto *box = findVisible<QMessageBox>(m_page, QStringLiteral("confirmDeleteBox"));
    QVERIFY(box);
    QTest::mouseClick(box->button(QMessageBox::No), Qt::LeftButton);
    QCOMPARE(TestHttp::get(url).status, 200);

    CHECKED(selectRow(QStringLiteral("short-lived")));
    QTest::mouseClick(m_page->findChild<QPushButton *>(QStringLiteral("deleteEndpointButton")),
                      Qt::LeftButton);
    box = findVisible<QMessageBox>(m_page, QStringLiteral("confirmDeleteBox"));
    QVERIFY(box);
    QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(QStringLiteral("short-lived")) < 0, 20000);
    const int status = TestHttp::get(url).status;
    QVERIFY2(status == 404 || status == 410, qPrintable(QString::number(status)));
}

QTEST_MAIN(TestEndpointEditor)
#include "tst_endpointeditor.moc"
