#include "TestWebSocket.h"

#include <QJsonDocument>
#include <QSignalSpy>

namespace depot::test {

WsClient::WsClient(const QUrl &url)
{
    connect(&socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        messages.append(QJsonDocument::fromJson(text.toUtf8()).object());
    });
    connect(&socket, &QWebSocket::disconnected, this, [this] {
        closed = true;
        closeCode = socket.closeCode();
    });
    QUrl ws = url;
    ws.setScheme(QStringLiteral("ws"));
    socket.open(ws);
}

bool WsClient::waitOpen()
{
    QSignalSpy spy(&socket, &QWebSocket::connected);
    return socket.state() == QAbstractSocket::ConnectedState || spy.wait(5000);
}

void WsClient::send(const QJsonObject &o)
{
    socket.sendTextMessage(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
}

bool WsClient::received(const QString &key, const QString &value) const
{
    for (const QJsonObject &m : messages) {
        if (m.value(key).toString() == value)
            return true;
    }
    return false;
}

} // namespace depot::test
