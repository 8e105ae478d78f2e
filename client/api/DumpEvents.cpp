#include "api/DumpEvents.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QWebSocket>

namespace depot {

namespace {
// No connection (or no first event) in this time: the socket is given up on, not the request.
constexpr int OpenTimeoutMs = 10000;
} // namespace

DumpEvents::DumpEvents(QObject *parent) : QObject(parent) {}

DumpEvents::~DumpEvents()
{
    close();
}

void DumpEvents::open(const QUrl &eventsUrl, const QString &ticket)
{
    close();
    m_ended = false;
    m_failed = false;
    m_ticket = ticket;
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    connect(m_socket, &QWebSocket::connected, this, [this] {
        m_socket->sendTextMessage(
            QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("ticket"), m_ticket}})
                                  .toJson(QJsonDocument::Compact)));
        m_ticket.clear();
    });
    connect(m_socket, &QWebSocket::textMessageReceived, this, &DumpEvents::onMessage);
    connect(m_socket, &QWebSocket::disconnected, this, &DumpEvents::onClosed);
    // Qt 6.4 names the signal error() (errorOccurred() came in 6.5).
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this](QAbstractSocket::SocketError) {
                if (m_socket && m_socket->state() != QAbstractSocket::ConnectedState)
                    onClosed();
            });
    QTimer::singleShot(OpenTimeoutMs, m_socket, [this] {
        if (m_socket && m_socket->state() != QAbstractSocket::ConnectedState)
            onClosed();
    });
    m_socket->open(eventsUrl);
}

void DumpEvents::close()
{
    if (!m_socket)
        return;
    QWebSocket *socket = std::exchange(m_socket, nullptr);
    socket->disconnect(this);
    socket->close();
    socket->deleteLater();
}

void DumpEvents::onMessage(const QString &text)
{
    const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
    const QString type = message.value(QLatin1String("type")).toString();
    if (type == QLatin1String("image")) {
        DumpImageEvent event;
        event.itemId = message.value(QLatin1String("itemId")).toInteger();
        event.done = message.value(QLatin1String("done")).toInt();
        event.total = message.value(QLatin1String("image_count")).toInt();
        if (const auto image = DumpImage::fromJson(message))
            event.image = *image;
        emit imageFinished(event);
    } else if (type == QLatin1String("end")) {
        m_ended = true;
        emit ended(message.value(QLatin1String("status")).toString());
    } else if (type == QLatin1String("error")) {
        // The close follows; its reason is this message's detail.
        m_failed = true;
        emit failed(message.value(QLatin1String("detail")).toString());
    }
}

void DumpEvents::onClosed()
{
    if (!m_socket)
        return;
    const QString reason = m_socket->errorString();
    close();
    if (!m_ended && !m_failed) {
        m_failed = true;
        emit failed(reason);
    }
}

} // namespace depot
