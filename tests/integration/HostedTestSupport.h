#pragma once

// Helpers shared by tst_endpoints and tst_hosted_scripts: users, multipart bodies, and many
// simultaneous raw HTTP requests (QNetworkAccessManager opens only six connections per host).

#include "TestServer.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTimer>

#include <memory>

namespace depot::test {

struct HostedUser
{
    QString name;
    QString token;
    Headers auth() const { return TestHttp::bearer(token); }
};

// A multipart/form-data body built by hand, so tests control every byte.
class Form
{
public:
    Form &field(const QByteArray &name, const QByteArray &value)
    {
        m_body += "--" + m_boundary + "\r\nContent-Disposition: form-data; name=\"" + name +
                  "\"\r\n\r\n" + value + "\r\n";
        return *this;
    }
    // `dispositionTail` follows `name="..."`, e.g. `; filename="a.pdf"`.
    Form &file(const QByteArray &data, const QByteArray &dispositionTail,
               const QByteArray &type = {}, const QByteArray &name = "file")
    {
        m_body += "--" + m_boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"" +
                  dispositionTail + "\r\n";
        if (!type.isEmpty())
            m_body += "Content-Type: " + type + "\r\n";
        m_body += "\r\n" + data + "\r\n";
        return *this;
    }
    QByteArray body(bool finished = true) const
    {
        return finished ? m_body + "--" + m_boundary + "--\r\n" : m_body;
    }
    QByteArray contentType() const { return "multipart/form-data; boundary=" + m_boundary; }
    Headers headers(const Headers &auth) const
    {
        Headers h = auth;
        h.append({"Content-Type", contentType()});
        return h;
    }

private:
    QByteArray m_boundary = "----depot-test-boundary-7MA4YWxkTrZu0gW";
    QByteArray m_body;
};

// One request on its own connection, exactly as given (QNetworkAccessManager waits for a body
// after a custom HEAD, and normalises paths).
inline RawResponse rawRequest(const QUrl &base, const QByteArray &method, const QByteArray &target,
                              const QByteArray &extraHeaders = {})
{
    return RawResponse::parse(TestHttp::raw(base, method + ' ' + target +
                                                      " HTTP/1.1\r\nHost: x\r\n" + extraHeaders +
                                                      "Connection: close\r\n\r\n"));
}

// Sends `request` (which should say Connection: close) on `count` connections at once and
// returns every answer once all connections are closed or `timeoutMs` passed.
inline QList<RawResponse> concurrentRequests(const QUrl &base, const QByteArray &request, int count,
                                             int timeoutMs = 30000)
{
    struct Conn
    {
        std::unique_ptr<QTcpSocket> socket;
        QByteArray data;
        qint64 finishedMs = -1;
    };
    QList<std::shared_ptr<Conn>> conns;
    QEventLoop loop;
    QElapsedTimer clock;
    int open = count;
    const auto done = [&](Conn *c) {
        if (c->finishedMs >= 0)
            return;
        c->data += c->socket->readAll();
        c->finishedMs = clock.elapsed();
        if (--open == 0)
            loop.quit();
    };
    clock.start();
    for (int i = 0; i < count; ++i) {
        auto c = std::make_shared<Conn>();
        c->socket = std::make_unique<QTcpSocket>();
        QTcpSocket *s = c->socket.get();
        Conn *raw = c.get();
        QObject::connect(s, &QTcpSocket::connected, s, [s, request] { s->write(request); });
        QObject::connect(s, &QTcpSocket::readyRead, s,
                         [raw] { raw->data += raw->socket->readAll(); });
        QObject::connect(s, &QTcpSocket::disconnected, s, [raw, &done] { done(raw); });
        QObject::connect(s, &QTcpSocket::errorOccurred, s,
                         [raw, &done](QAbstractSocket::SocketError) {
                             if (raw->socket->state() != QAbstractSocket::ConnectedState)
                                 done(raw);
                         });
        s->connectToHost(base.host(), quint16(base.port()));
        conns.append(c);
    }
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (open > 0)
        loop.exec();
    QList<RawResponse> replies;
    for (const auto &c : conns) {
        replies.append(RawResponse::parse(c->data, c->finishedMs));
        QObject::disconnect(c->socket.get(), nullptr, nullptr, nullptr);
    }
    return replies;
}

// A value from the Prometheus text of /metrics (the whole series name, labels included), -1 if
// missing.
inline qint64 metric(const TestServer &server, const QByteArray &name)
{
    const HttpResult r = TestHttp::get(server.url(QStringLiteral("/metrics")));
    for (const QByteArray &line : r.body.split('\n')) {
        if (line.startsWith(QByteArray(name + ' ')))
            return line.mid(name.size() + 1).toLongLong();
    }
    return -1;
}

inline int countStatus(const QList<RawResponse> &replies, int status)
{
    int n = 0;
    for (const RawResponse &r : replies)
        n += r.status == status ? 1 : 0;
    return n;
}

} // namespace depot::test
