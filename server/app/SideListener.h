#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QTcpServer>

#include <functional>

namespace depot {

// A small plain-HTTP listener beside the main port for one narrow job (the HTTP-to-HTTPS
// redirect of --tls-redirect-port, the private /metrics address of --metrics-listen). It reads
// one request head (at most 8 KiB within 5 s, no body), answers it with Connection: close and
// closes. It runs on the main thread: its answers are small and computed at once.
class SideListener : public QTcpServer
{
    Q_OBJECT

public:
    struct Request
    {
        QByteArray method;
        QByteArray target;
        QList<QPair<QByteArray, QByteArray>> headers; // names as sent
        QHostAddress peer;
        QByteArray header(QByteArrayView name) const;
    };
    struct Answer
    {
        int status = 200;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
    };
    using Responder = std::function<Answer(const Request &)>;

    explicit SideListener(Responder responder, QObject *parent = nullptr);

    // Parses one request head; false if it is malformed. Exposed for tests.
    static bool parseHead(QByteArrayView head, Request *request);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    Responder m_responder;
};

} // namespace depot
