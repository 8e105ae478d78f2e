#include "app/SideListener.h"

#include "http/HttpResponse.h"

#include <QTcpSocket>
#include <QTimer>

namespace depot {
namespace {

constexpr int kMaxHead = 8 * 1024;
constexpr int kTimeoutMs = 5000;

void answer(QTcpSocket *socket, const SideListener::Answer &a)
{
    QByteArray out =
        "HTTP/1.1 " + QByteArray::number(a.status) + ' ' + reasonPhrase(a.status) + "\r\n";
    for (const auto &h : a.headers) {
        QByteArray value = h.second;
        value.replace('\r', ' ').replace('\n', ' ');
        out += h.first + ": " + value + "\r\n";
    }
    out += "Content-Length: " + QByteArray::number(a.body.size()) +
           "\r\nConnection: close\r\n\r\n" + a.body;
    socket->write(out);
    socket->disconnectFromHost();
}

} // namespace

QByteArray SideListener::Request::header(QByteArrayView name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return QByteArray();
}

SideListener::SideListener(Responder responder, QObject *parent)
    : QTcpServer(parent), m_responder(std::move(responder))
{
}

bool SideListener::parseHead(QByteArrayView head, Request *request)
{
    const QList<QByteArray> lines = head.toByteArray().split('\n');
    if (lines.isEmpty())
        return false;
    const QList<QByteArray> parts = lines.first().trimmed().split(' ');
    if (parts.size() != 3 || !parts[2].startsWith("HTTP/1.") || parts[0].isEmpty() ||
        !parts[1].startsWith('/'))
        return false;
    request->method = parts[0];
    request->target = parts[1];
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return false;
        request->headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    return true;
}

void SideListener::incomingConnection(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    QTimer::singleShot(kTimeoutMs, socket, [socket] { socket->abort(); });
    connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
        if (socket->property("answered").toBool()) {
            socket->readAll();
            return;
        }
        const QByteArray data = socket->peek(kMaxHead + 4);
        const qsizetype end = data.indexOf("\r\n\r\n");
        if (end < 0 && data.size() <= kMaxHead)
            return; // wait for the rest of the head
        socket->setProperty("answered", true);
        socket->readAll();
        Request request;
        if (end < 0) {
            answer(socket, Answer{431, {}, QByteArrayLiteral("request head too large\n")});
            return;
        }
        if (!parseHead(QByteArrayView(data).first(end), &request)) {
            answer(socket, Answer{400, {}, QByteArrayLiteral("malformed request\n")});
            return;
        }
        request.peer = socket->peerAddress();
        answer(socket, m_responder(request));
    });
}

} // namespace depot
