// Issue 13's usability defects through the widgets against a real depot-server: Alt shortcuts
// unique on every page and dialog in every language, Delete/Return on an endpoint row, focus
// after a failed sign-up, the Share page's Tab order, destructive confirmations defaulting to
// No, the Dumps message after login, the endpoints list (kinds, script status, messages,
// selection after delete, context menu), translated field names in the editor, the dump quota
// message (reset time, Send disabled, all in German), plurals, and error sentences that are
// not glued to the server's English detail.

#include "ClientTestSupport.h"
#include "ui/AccountPage.h"
#include "ui/AppSettings.h"
#include "ui/DumpsPage.h"
#include "ui/EndpointEditor.h"
#include "ui/EndpointsPage.h"
#include "ui/LoginDialog.h"
#include "ui/MainWindow.h"
#include "ui/SettingsDialog.h"
#include "ui/SharePage.h"
#include "ui/Translations.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QGroupBox>
#include <QIcon>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTreeWidget>
#include <QtTest>

using namespace depot;
using namespace depot::clienttest;
using depot::test::TestServer;

namespace {

QChar mnemonicOf(const QString &text)
{
    for (int i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != u'&')
            continue;
        if (text.at(i + 1) == u'&') {
            ++i;
            continue;
        }
        return text.at(i + 1).toLower();
    }
    return QChar();
}

// Letter → the texts that use it, for the visible widgets under root plus extra texts.
QString clashes(QWidget *root, const QStringList &extra)
{
    QMap<QChar, QStringList> used;
    auto note = [&used](const QString &text) {
        const QChar key = mnemonicOf(text);
        if (!key.isNull())
            used[key] << text;
    };
    for (const QString &text : extra)
        note(text);
    const QList<QWidget *> widgets = root->findChildren<QWidget *>();
    for (QWidget *widget : widgets) {
        if (!widget->isVisibleTo(root->window()) || !widget->isVisible())
            continue;
        if (auto *button = qobject_cast<QAbstractButton *>(widget))
            note(button->text());
        else if (auto *label = qobject_cast<QLabel *>(widget); label && label->buddy())
            note(label->text());
        else if (auto *group = qobject_cast<QGroupBox *>(widget))
            note(group->title());
    }
    QStringList problems;
    for (auto it = used.begin(); it != used.end(); ++it) {
        if (it.value().size() > 1)
            problems << QStringLiteral("Alt+%1: %2").arg(it.key(), it.value().join(u", "));
    }
    return problems.join(u"; ");
}

} // namespace

class TestClientUsability : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void mnemonicsAreUnique_data();
    void mnemonicsAreUnique();
    void endpointRowKeysAndConfirmation();
    void failedSignUpKeepsFocusInTheForm();
    void shareTabOrder();
    void dumpsMessageFollowsLogin();
    void endpointsList();
    void editorNamesFieldsInTheUsersLanguage();
    void editorTakesATypedScript();
    void dumpQuotaExhausted_data();
    void dumpQuotaExhausted();
    void errorSentencesAreNotGlued();
    void iconsAtEveryScaleAndAbout();
    void settingsAreSavedAndApplied();

private:
    void logInWindow();
    qint64 createJson(const QString &identifier);

    QTemporaryDir m_settingsDir;
    QTemporaryDir m_files;
    TestServer m_server;
    QString m_username;
    Session *m_session = nullptr;
    ApiClient *m_client = nullptr;
    MainWindow *m_window = nullptr;
};

void TestClientUsability::initTestCase()
{
    QVERIFY(m_settingsDir.isValid() && m_files.isValid());
    isolateSettings(m_settingsDir);
    TestServer::Options options;
    options.extraArgs << QStringLiteral("--plans") << QStringLiteral("gold=100,silver=50,bronze=1");
    QVERIFY2(m_server.start(options), qPrintable(m_server.errorString()));
}

void TestClientUsability::cleanupTestCase()
{
    Translations::install(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestClientUsability::init()
{
    Translations::install(QLocale(QLocale::English, QLocale::UnitedStates));
    m_session = new Session;
    m_session->setServerUrl(m_server.baseUrl());
    m_client = new ApiClient(m_session);
}

void TestClientUsability::cleanup()
{
    delete m_window;
    m_window = nullptr;
    delete m_client;
    delete m_session;
}

void TestClientUsability::logInWindow()
{
    m_username = uniqueUsername();
    QCOMPARE(signUpAndLogIn(*m_client, m_server.baseUrl(), m_username), QString());
}

qint64 TestClientUsability::createJson(const QString &identifier)
{
    Endpoint endpoint;
    endpoint.identifier = identifier;
    endpoint.method = QStringLiteral("GET");
    endpoint.response = QJsonObject{{QStringLiteral("ok"), true}};
    endpoint.headers = QJsonObject{{QStringLiteral("X-Demo"), QStringLiteral("1")}};
    const auto created = await<Endpoint>([&](QObject *context, auto done) {
        m_client->createEndpoint(endpoint, QString(), context, done);
    });
    return created && created->ok() ? created->value().id : -1;
}

void TestClientUsability::mnemonicsAreUnique_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << QStringLiteral("en_US");
    QTest::newRow("de") << QStringLiteral("de_DE");
    QTest::newRow("fr") << QStringLiteral("fr_FR");
}

// Defect 4: Alt+S, Alt+E, Alt+D (and Alt+H, Alt+T in German) clashed and then only moved focus.
void TestClientUsability::mnemonicsAreUnique()
{
    QFETCH(QString, language);
    QVERIFY(Translations::install(QLocale(language)) || language.startsWith(u"en"));
    logInWindow();
    m_window = new MainWindow(m_client);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    auto *pages = m_window->findChild<QTabWidget *>(QStringLiteral("pages"));
    QStringList global;
    for (int i = 0; i < pages->count(); ++i)
        global << pages->tabText(i);
    const QList<QAction *> menus = m_window->menuBar()->actions();
    for (QAction *menu : menus)
        global << menu->text();
    for (int i = 0; i < pages->count(); ++i) {
        pages->setCurrentIndex(i);
        const QString problems = clashes(pages->widget(i), global);
        QVERIFY2(problems.isEmpty(), qPrintable(pages->tabText(i) + u": " + problems));
    }
    // The dialogs.
    LoginDialog *login = m_window->showLoginDialog();
    QVERIFY(QTest::qWaitForWindowExposed(login));
    QString problems = clashes(login, {});
    QVERIFY2(problems.isEmpty(), qPrintable(u"login: " + problems));
    login->reject();
    QDialog *settings = m_window->showSettings();
    QVERIFY(QTest::qWaitForWindowExposed(settings));
    problems = clashes(settings, {});
    QVERIFY2(problems.isEmpty(), qPrintable(u"settings: " + problems));
    settings->reject();
    for (const QString &kind :
         {QStringLiteral("json"), QStringLiteral("file"), QStringLiteral("script")}) {
        auto *editor = new EndpointEditor(m_client, m_window);
        editor->setAttribute(Qt::WA_DeleteOnClose);
        auto *combo = editor->findChild<QComboBox *>(QStringLiteral("kindCombo"));
        combo->setCurrentIndex(combo->findData(kind));
        editor->show();
        QVERIFY(QTest::qWaitForWindowExposed(editor));
        problems = clashes(editor, {});
        QVERIFY2(problems.isEmpty(), qPrintable(u"editor: " + problems));
        editor->close();
    }
}

// Defect 4: Delete/Return on an endpoint row did nothing; confirmations defaulted to Yes.
void TestClientUsability::endpointRowKeysAndConfirmation()
{
    logInWindow();
    QVERIFY(createJson(QStringLiteral("keys/one")) > 0);
    EndpointsPage page(m_client);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.refresh();
    auto *table = page.findChild<QTableWidget *>(QStringLiteral("endpointsTable"));
    QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 1, 20000);
    table->setFocus();
    table->selectRow(0);
    QTest::keyClick(table, Qt::Key_Delete);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = findVisible<QMessageBox>(&page, QStringLiteral("confirmDeleteBox"))));
    QCOMPARE(box->defaultButton(), box->button(QMessageBox::No));
    box->reject();
    QTRY_VERIFY(!findVisible<QMessageBox>(&page, QStringLiteral("confirmDeleteBox")));
    QCOMPARE(table->rowCount(), 1);
    table->setFocus();
    QTest::keyClick(table, Qt::Key_Return);
    EndpointEditor *editor = nullptr;
    QTRY_VERIFY((editor = findVisible<EndpointEditor>(&page, QStringLiteral("endpointEditor"))));
    QCOMPARE(editor->findChild<QLineEdit *>(QStringLiteral("identifierEdit"))->text(),
             QStringLiteral("keys/one"));
    editor->reject();
}

// Defect 4: after a failed sign-up the focus landed on Cancel, so Enter closed the dialog.
void TestClientUsability::failedSignUpKeepsFocusInTheForm()
{
    logInWindow(); // m_username exists now
    m_session->logout();
    m_window = new MainWindow(m_client);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    LoginDialog *dialog = m_window->showLoginDialog();
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    dialog->findChild<QLineEdit *>(QStringLiteral("serverEdit"))
        ->setText(m_server.baseUrl().toString());
    dialog->findChild<QLineEdit *>(QStringLiteral("usernameEdit"))->setText(m_username);
    dialog->findChild<QLineEdit *>(QStringLiteral("passwordEdit"))->setText(defaultPassword());
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("signUpButton")),
                      Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->errorText().isEmpty(), 20000);
    QCOMPARE(dialog->errorText(), QStringLiteral("This username is already taken."));
    QCOMPARE(dialog->focusWidget(), dialog->findChild<QLineEdit *>(QStringLiteral("usernameEdit")));
    QVERIFY(dialog->findChild<QPushButton *>(QStringLiteral("loginButton"))->isDefault());
    QVERIFY(dialog->isVisible());
}

// Defect 4: the Share page's Tab order put Choose… last.
void TestClientUsability::shareTabOrder()
{
    m_window = new MainWindow(m_client);
    m_window->show();
    m_window->showPage(m_window->sharePage());
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    auto *edit = m_window->findChild<QLineEdit *>(QStringLiteral("shareFileEdit"));
    QWidget *next = edit->nextInFocusChain();
    while (next && !(next->focusPolicy() & Qt::TabFocus))
        next = next->nextInFocusChain();
    QVERIFY(next);
    QCOMPARE(next->objectName(), QStringLiteral("chooseShareFileButton"));
}

// Defect 5: "Log in to send image dumps." while logged in.
void TestClientUsability::dumpsMessageFollowsLogin()
{
    m_window = new MainWindow(m_client);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    auto *message = m_window->findChild<QLabel *>(QStringLiteral("dumpMessageLabel"));
    QVERIFY(message->text().contains(QStringLiteral("Log in")));
    logInWindow();
    QVERIFY2(!message->text().contains(QStringLiteral("Log in")), qPrintable(message->text()));
    QVERIFY(m_window->findChild<QPushButton *>(QStringLiteral("sendDumpButton"))->isEnabled());
}

// Defect 8: the endpoints list.
void TestClientUsability::endpointsList()
{
    logInWindow();
    QVERIFY(createJson(QStringLiteral("list/a")) > 0);
    QVERIFY(createJson(QStringLiteral("list/b")) > 0);
    QVERIFY(createJson(QStringLiteral("list/c")) > 0);
    const QString script = m_files.filePath(QStringLiteral("hello.py"));
    QFile file(script);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("print('hello')\n");
    file.close();
    Endpoint scripted;
    scripted.identifier = QStringLiteral("list/script");
    scripted.method = QStringLiteral("GET");
    scripted.kind = Endpoint::Kind::Script;
    const auto created = await<Endpoint>([&](QObject *context, auto done) {
        m_client->createEndpoint(scripted, script, context, done);
    });
    QVERIFY2(created && created->ok(), created ? qPrintable(created->error().message()) : "");

    EndpointsPage page(m_client);
    page.resize(1000, 400);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.refresh();
    auto *table = page.findChild<QTableWidget *>(QStringLiteral("endpointsTable"));
    QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 4, 20000);
    auto *count = page.findChild<QLabel *>(QStringLiteral("endpointsCountLabel"));
    QTRY_COMPARE(count->text(), QStringLiteral("4 endpoints"));
    QStringList kinds;
    int scriptRow = -1;
    for (int row = 0; row < 4; ++row) {
        kinds << table->item(row, 1)->text();
        if (table->item(row, 0)->text() == QLatin1String("list/script"))
            scriptRow = row;
    }
    QVERIFY2(kinds.contains(QStringLiteral("JSON mock")) &&
                 kinds.contains(QStringLiteral("Python script")),
             qPrintable(kinds.join(u", ")));
    QVERIFY(scriptRow >= 0);
    QVERIFY(table->item(scriptRow, 3)->text() != QLatin1String("200"));

    // The context menu offers the row's actions.
    QStringList actions;
    for (QAction *action : table->actions())
        actions << action->objectName();
    QVERIFY(actions.contains(QStringLiteral("editEndpointAction")));
    QVERIFY(actions.contains(QStringLiteral("deleteEndpointAction")));
    QVERIFY(actions.contains(QStringLiteral("duplicateEndpointAction")));
    QCOMPARE(table->contextMenuPolicy(), Qt::ActionsContextMenu);

    // Deleting row 1: its message stays after the refresh, and row 1 (the next one) is selected.
    table->selectRow(1);
    const QString deleted = table->item(1, 0)->text();
    const QString following = table->item(2, 0)->text();
    page.deleteSelected();
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = findVisible<QMessageBox>(&page, QStringLiteral("confirmDeleteBox"))));
    QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 3, 20000);
    QTRY_COMPARE(count->text(), QStringLiteral("3 endpoints"));
    auto *message = page.findChild<QLabel *>(QStringLiteral("endpointsMessageLabel"));
    QCOMPARE(message->text(), QStringLiteral("Deleted %1.").arg(deleted));
    QVERIFY(!table->selectedItems().isEmpty());
    QCOMPARE(table->item(table->selectedItems().first()->row(), 0)->text(), following);

    // The filter hides what does not match.
    page.findChild<QLineEdit *>(QStringLiteral("endpointsFilterEdit"))
        ->setText(QStringLiteral("script"));
    int visible = 0;
    for (int row = 0; row < table->rowCount(); ++row)
        visible += table->isRowHidden(row) ? 0 : 1;
    QCOMPARE(visible, 1);
}

// Defect 8: the editor said "identifier:" in every language and kept old errors.
void TestClientUsability::editorNamesFieldsInTheUsersLanguage()
{
    QVERIFY(Translations::install(QLocale(QStringLiteral("de_DE"))));
    logInWindow();
    auto *editor = new EndpointEditor(m_client);
    editor->show();
    QVERIFY(QTest::qWaitForWindowExposed(editor));
    editor->findChild<QLineEdit *>(QStringLiteral("identifierEdit"))->setText(QString());
    QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("saveEndpointButton")),
                      Qt::LeftButton);
    auto *error = editor->findChild<QLabel *>(QStringLiteral("editorErrorLabel"));
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("Pfad:")), qPrintable(error->text()));
    QVERIFY2(!error->text().contains(QStringLiteral("identifier")), qPrintable(error->text()));
    QTest::keyClicks(editor->findChild<QLineEdit *>(QStringLiteral("identifierEdit")),
                     QStringLiteral("x"));
    QVERIFY(!error->isVisible());
    delete editor;
}

// A script can be written in the editor instead of chosen as a file.
void TestClientUsability::editorTakesATypedScript()
{
    logInWindow();
    auto *editor = new EndpointEditor(m_client);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    auto *combo = editor->findChild<QComboBox *>(QStringLiteral("kindCombo"));
    combo->setCurrentIndex(combo->findData(QStringLiteral("script")));
    editor->show();
    QVERIFY(QTest::qWaitForWindowExposed(editor));
    auto *script = editor->findChild<QPlainTextEdit *>(QStringLiteral("scriptEdit"));
    QVERIFY(script->isVisible());
    QVERIFY(!editor->findChild<QPushButton *>(QStringLiteral("formatJsonButton"))->isVisible());
    editor->findChild<QLineEdit *>(QStringLiteral("identifierEdit"))
        ->setText(QStringLiteral("typed/hello.py"));
    script->setPlainText(QStringLiteral("print('Status: 200')\nprint()\nprint('hi')\n"));
    QSignalSpy saved(editor, &EndpointEditor::saved);
    QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("saveEndpointButton")),
                      Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 20000);
    const Endpoint endpoint = saved.first().first().value<Endpoint>();
    QCOMPARE(endpoint.kind, Endpoint::Kind::Script);
    QCOMPARE(endpoint.fileName, QStringLiteral("hello.py"));
}

void TestClientUsability::dumpQuotaExhausted_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("english");
    QTest::newRow("en") << QStringLiteral("en_US") << QStringLiteral("You can send again at")
                        << QString();
    QTest::newRow("de") << QStringLiteral("de_DE") << QStringLiteral("wieder senden")
                        << QStringLiteral("quota");
}

// Defect 9: the quota message had no reset time, was half English in German, Send stayed on.
void TestClientUsability::dumpQuotaExhausted()
{
    QFETCH(QString, language);
    QFETCH(QString, expected);
    QFETCH(QString, english);
    Translations::install(QLocale(language));
    logInWindow(); // bronze = 1 request per hour
    m_window = new MainWindow(m_client);
    m_window->resize(900, 640);
    m_window->show();
    m_window->showPage(m_window->dumpsPage());
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    const QString longName = QStringLiteral("A lamp with a rather long name that needs room");
    const QJsonArray items{
        QJsonObject{{QStringLiteral("name"), longName},
                    {QStringLiteral("manufacturer"), QStringLiteral("Acme")},
                    {QStringLiteral("brand"), QStringLiteral("Acme Home")},
                    {QStringLiteral("category"), QStringLiteral("Lighting")},
                    {QStringLiteral("images"),
                     QJsonArray{QStringLiteral(
                         "http://127.0.0.1:9/a/long/path/to/an/image/that/is/blocked.png")}}}};
    const QString path = m_files.filePath(QStringLiteral("quota-%1.json").arg(language));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(QJsonObject{{QStringLiteral("items"), items}}).toJson());
    file.close();
    m_window->dumpsPage()->setFile(path);
    auto *send = m_window->findChild<QPushButton *>(QStringLiteral("sendDumpButton"));
    auto *tree = m_window->findChild<QTreeWidget *>(QStringLiteral("dumpResultTree"));
    QTest::mouseClick(send, Qt::LeftButton);
    // The request's rows appear at once (pending), the report when it ends (Send is back).
    QTRY_VERIFY_WITH_TIMEOUT(send->isEnabled() && tree->topLevelItemCount() == 1, 30000);
    // Names and URLs get their width.
    QVERIFY(tree->columnWidth(0) >= tree->fontMetrics().horizontalAdvance(longName));
    if (language.startsWith(u"en")) {
        auto *message = m_window->findChild<QLabel *>(QStringLiteral("dumpMessageLabel"));
        QVERIFY2(message->text().contains(QStringLiteral("0 of 1 item succeeded")),
                 qPrintable(message->text()));
    }
    QTRY_VERIFY(send->isEnabled());
    QTest::mouseClick(send, Qt::LeftButton);
    auto *message = m_window->findChild<QLabel *>(QStringLiteral("dumpMessageLabel"));
    QTRY_VERIFY_WITH_TIMEOUT(message->text().contains(expected), 20000);
    QVERIFY2(message->text().contains(QRegularExpression(QStringLiteral("\\d{1,2}:\\d\\d"))),
             qPrintable(message->text()));
    if (!english.isEmpty())
        QVERIFY2(!message->text().contains(english, Qt::CaseInsensitive),
                 qPrintable(message->text()));
    QCOMPARE(message->property("tone").toString(), QStringLiteral("error"));
    QVERIFY(!send->isEnabled());
}

// Defect 10: "Authentication failed. the token has expired: log in again".
void TestClientUsability::errorSentencesAreNotGlued()
{
    logInWindow();
    // A token the server does not accept.
    m_session->start(m_server.baseUrl(), m_username, QStringLiteral("not.a.token"),
                     QDateTime::currentDateTimeUtc().addSecs(600));
    AccountPage page(m_client);
    page.show();
    page.refresh();
    auto *message = page.findChild<QLabel *>(QStringLiteral("accountMessageLabel"));
    QTRY_VERIFY_WITH_TIMEOUT(message->text().startsWith(QStringLiteral("Could not load")), 20000);
    QCOMPARE(message->text(), QStringLiteral("Could not load the account. Your login is no "
                                             "longer valid. Log in again."));
    // The server's own words are kept for the curious, in the tooltip.
    QVERIFY(!message->toolTip().isEmpty());
    QVERIFY(!message->text().contains(message->toolTip()));
}

// The application icon and the toolbar icons come from resources/ as SVG: they render sharp at
// every size and device pixel ratio. The About dialog names the version.
void TestClientUsability::iconsAtEveryScaleAndAbout()
{
    const QStringList icons = QDir(QStringLiteral(":/icons")).entryList(QDir::Files);
    QVERIFY2(icons.contains(QStringLiteral("depot.svg")) && icons.size() >= 8,
             qPrintable(icons.join(u' ')));
    for (const QString &name : icons) {
        const QIcon icon(QStringLiteral(":/icons/") + name);
        for (const int side : {16, 24, 32, 48, 64, 128, 256}) {
            for (const qreal ratio : {1.0, 1.5, 2.0}) {
                const QImage image = icon.pixmap(QSize(side, side), ratio).toImage();
                const QString what =
                    QStringLiteral("%1 at %2 px × %3").arg(name).arg(side).arg(ratio);
                QVERIFY2(
                    qMax(image.width(), image.height()) == qRound(side * ratio),
                    qPrintable(what +
                               QStringLiteral(": %1×%2").arg(image.width()).arg(image.height())));
                bool drawn = false;
                for (int y = 0; y < image.height() && !drawn; ++y)
                    for (int x = 0; x < image.width() && !drawn; ++x)
                        drawn = qAlpha(image.pixel(x, y)) > 0;
                QVERIFY2(drawn, qPrintable(what + QStringLiteral(": nothing drawn")));
            }
        }
    }
    logInWindow();
    m_window = new MainWindow(m_client);
    QVERIFY(!m_window->windowIcon().isNull() || !QApplication::windowIcon().isNull());
    const QString version = QCoreApplication::applicationVersion();
    QCoreApplication::setApplicationVersion(QStringLiteral("9.8.7"));
    QMessageBox *about = m_window->showAbout();
    QCoreApplication::setApplicationVersion(version);
    QVERIFY2(about->text().contains(QStringLiteral("9.8.7")), qPrintable(about->text()));
    QVERIFY(!about->iconPixmap().isNull());
    about->close();
}

// The settings page: what is chosen is stored (QSettings, never a secret) and the request
// timeout applies at once.
void TestClientUsability::settingsAreSavedAndApplied()
{
    logInWindow();
    m_window = new MainWindow(m_client);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    // Read now: AppSettings reads QSettings on every call.
    const AppSettings settings;
    const QString languageBefore = settings.language();
    const QString folderBefore = settings.downloadFolder();
    const int timeoutBefore = settings.timeoutSeconds();
    const bool copyBefore = settings.copyLinks();
    SettingsDialog *dialog = m_window->showSettings();
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    auto *language = dialog->findChild<QComboBox *>(QStringLiteral("settingsLanguageCombo"));
    language->setCurrentIndex(language->findData(QStringLiteral("fr_FR")));
    auto *folder = dialog->findChild<QLineEdit *>(QStringLiteral("settingsFolderEdit"));
    folder->setText(m_files.path());
    auto *timeout = dialog->findChild<QSpinBox *>(QStringLiteral("settingsTimeoutSpin"));
    timeout->setValue(42);
    auto *copy = dialog->findChild<QCheckBox *>(QStringLiteral("settingsCopyCheck"));
    copy->setChecked(!copyBefore);
    QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok),
                      Qt::LeftButton);
    QCOMPARE(m_client->requestTimeout(), 42000);
    AppSettings after;
    QCOMPARE(after.language(), QStringLiteral("fr_FR"));
    QCOMPARE(after.downloadFolder(), m_files.path());
    QCOMPARE(after.timeoutSeconds(), 42);
    QCOMPARE(after.copyLinks(), !copyBefore);
    // Back as it was, for the other tests.
    after.setLanguage(languageBefore);
    after.setDownloadFolder(folderBefore);
    after.setTimeoutSeconds(timeoutBefore);
    after.setCopyLinks(copyBefore);
}

QTEST_MAIN(TestClientUsability)
#include "tst_clientusability.moc"
