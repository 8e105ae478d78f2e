#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QNetworkReply>
#include <QPair>
#include <QUrl>

namespace depot::test {

using Headers = QList<QPair<QByteArray, QByteArray>>;

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
