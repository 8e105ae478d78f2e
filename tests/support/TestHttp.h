#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QNetworkReply>
#include <QPair>
#include <QUrl>

#include <optional>

namespace depot::test {

using Headers = QList<QPair<QByteArray, QByteArray>>;

// One HTTP response as it came off the wire (tests that must see exact bytes, pipelining or
// refusals use these instead of QNetworkAccessManager, which normalises all of that).
struct RawResponse
{
    int status = 0; // 0: no answer
    QByteArray statusLine;
    QByteArray head; // status line and header lines, as sent
    Headers headers;
    QByteArray body;
    qint64 finishedMs = -1; // for concurrent requests: since they were sent

    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    bool closes() const { return header("Connection").toLower() == "close"; }

    // Everything read from a connection the server closed: the head, and the rest as the body.
    static RawResponse parse(const QByteArray &bytes, qint64 finishedMs = -1);
    // Takes one complete response off the front of `buffer` (by its Content-Length); nullopt
    // while incomplete. `headRequest`: the answer to a HEAD, which has no body.
    static std::optional<RawResponse> take(QByteArray &buffer, bool headRequest = false);
};

struct HttpResult
{
    int status = 0; // 0: no HTTP answer (see error)
    QByteArray body;
    Headers headers;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QString errorString;

    QByteArray header(QByteArrayView name) const;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

// Blocking HTTP helpers for tests (a nested event loop; the server runs in another process).
class TestHttp
{
public:
    static HttpResult request(const QByteArray &method, const QUrl &url,
                              const QByteArray &body = {}, const Headers &headers = {},
                              int timeoutMs = 30000);
    static HttpResult get(const QUrl &url, const Headers &headers = {})
    {
        return request("GET", url, {}, headers);
    }
    static HttpResult postJson(const QUrl &url, const QJsonObject &json,
                               const Headers &headers = {});
    // Sends raw bytes on a fresh TCP connection and returns everything read until the server
    // closes or `timeoutMs` passes.
    static QByteArray raw(const QUrl &base, const QByteArray &bytes, int timeoutMs = 5000);
    static Headers bearer(const QString &token);

    // Contract checks: every answer request() receives from a server registered here (TestServer
    // registers each depot-server it starts) is checked against docs/openapi.yaml (OpenApi); a
    // problem fails the running test. $DEPOT_CONTRACT_CHECK=0 turns the checks off.
    static void checkContractOf(const QUrl &base, bool on = true);
    static QStringList contractProblems(const QByteArray &method, const QUrl &url,
                                        const HttpResult &result);
};

} // namespace depot::test
