#include "TestHttp.h"

#include "OpenApi.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <mutex>
#include <set>

namespace depot::test {

QByteArray HttpResult::header(QByteArrayView name) const
{
    for (const auto &h : headers) {
        if (QByteArrayView(h.first).compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

HttpResult TestHttp::request(const QByteArray &method, const QUrl &url, const QByteArray &body,
                             const Headers &headers, int timeoutMs)
{
    static QNetworkAccessManager *manager = [] {
        auto *m = new QNetworkAccessManager;
        m->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
        return m;
    }();
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    for (const auto &h : headers)
        request.setRawHeader(h.first, h.second);
    // A custom "HEAD" verb makes QNetworkAccessManager wait for a body that never comes.
    QNetworkReply *reply = method == "HEAD" ? manager->head(request)
                                            : manager->sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    HttpResult result;
    if (!reply->isFinished()) {
        reply->abort();
        result.error = QNetworkReply::TimeoutError;
        result.errorString = QStringLiteral("timed out");
    } else {
        result.error = reply->error();
        result.errorString = reply->errorString();
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    for (const QNetworkReply::RawHeaderPair &pair : reply->rawHeaderPairs())
        result.headers.append(QPair<QByteArray, QByteArray>(pair.first, pair.second));
    reply->deleteLater();
    const QStringList problems = contractProblems(method, url, result);
    if (!problems.isEmpty())
        QTest::qFail(qPrintable(QStringLiteral("the answer breaks docs/openapi.yaml:\n  ") +
                                problems.join(QStringLiteral("\n  "))),
                     DEPOT_SOURCE_DIR "/docs/openapi.yaml", 1);
    return result;
}

namespace {

std::mutex contractMutex;
std::set<QString> &contractHosts()
{
    static std::set<QString> hosts;
    return hosts;
}

QString hostKey(const QUrl &url)
{
    return url.host() + u':' + QString::number(url.port(80));
}

} // namespace

void TestHttp::checkContractOf(const QUrl &base, bool on)
{
    if (!base.isValid())
        return;
    std::lock_guard lock(contractMutex);
    if (on)
        contractHosts().insert(hostKey(base));
    else
        contractHosts().erase(hostKey(base));
}

QStringList TestHttp::contractProblems(const QByteArray &method, const QUrl &url,
                                       const HttpResult &result)
{
    if (qEnvironmentVariable("DEPOT_CONTRACT_CHECK") == u"0")
        return {};
    {
        std::lock_guard lock(contractMutex);
        if (!contractHosts().count(hostKey(url)))
            return {};
    }
    QString error;
    const OpenApi *api = OpenApi::shared(&error);
    if (!api)
        return {error};
    return api->check(method, url, result.status, result.header("Content-Type"), result.body);
}

HttpResult TestHttp::postJson(const QUrl &url, const QJsonObject &json, const Headers &headers)
{
    Headers all = headers;
    all.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    return request("POST", url, QJsonDocument(json).toJson(QJsonDocument::Compact), all);
}

QByteArray TestHttp::raw(const QUrl &base, const QByteArray &bytes, int timeoutMs)
{
    QTcpSocket socket;
    socket.connectToHost(base.host(), quint16(base.port()));
    if (!socket.waitForConnected(timeoutMs))
        return {};
    socket.write(bytes);
    QByteArray out;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs && socket.state() == QAbstractSocket::ConnectedState) {
        if (socket.waitForReadyRead(int(qMax<qint64>(1, timeoutMs - clock.elapsed()))))
            out += socket.readAll();
    }
    out += socket.readAll();
    return out;
}

Headers TestHttp::bearer(const QString &token)
{
    return {{"Authorization", "Bearer " + token.toLatin1()}};
}

namespace {

std::optional<RawResponse> parseHead(const QByteArray &bytes, qsizetype *headEnd)
{
    const qsizetype end = bytes.indexOf("\r\n\r\n");
    if (end < 0)
        return std::nullopt;
    RawResponse r;
    r.head = bytes.left(end);
    const QList<QByteArray> lines = r.head.split('\n');
    r.statusLine = lines.first().trimmed();
    r.status = r.statusLine.split(' ').value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            r.headers.append({lines[i].left(colon).trimmed(), lines[i].mid(colon + 1).trimmed()});
    }
    *headEnd = end + 4;
    return r;
}

} // namespace

QByteArray RawResponse::header(QByteArrayView name) const
{
    for (const auto &h : headers) {
        if (QByteArrayView(h.first).compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

bool RawResponse::hasHeader(QByteArrayView name) const
{
    for (const auto &h : headers) {
        if (QByteArrayView(h.first).compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

RawResponse RawResponse::parse(const QByteArray &bytes, qint64 finishedMs)
{
    qsizetype bodyStart = 0;
    RawResponse r = parseHead(bytes, &bodyStart).value_or(RawResponse());
    if (bodyStart == 0)
        r.head = bytes; // no complete head: keep what came, for the failure message
    else
        r.body = bytes.mid(bodyStart);
    r.finishedMs = finishedMs;
    return r;
}

std::optional<RawResponse> RawResponse::take(QByteArray &buffer, bool headRequest)
{
    qsizetype bodyStart = 0;
    auto r = parseHead(buffer, &bodyStart);
    if (!r)
        return std::nullopt;
    const bool bodyless = headRequest || r->status < 200 || r->status == 204 || r->status == 304;
    const qint64 length = bodyless ? 0 : r->header("Content-Length").toLongLong();
    if (buffer.size() < bodyStart + length)
        return std::nullopt;
    r->body = buffer.mid(bodyStart, length);
    buffer.remove(0, bodyStart + length);
    return r;
}

} // namespace depot::test
