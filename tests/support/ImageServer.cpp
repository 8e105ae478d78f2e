#include "ImageServer.h"

#include <QFile>
#include <QMutexLocker>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>
#include <QtEndian>

namespace depot {

namespace {

constexpr qsizetype kMaxHeaderBytes = 64 * 1024;

QByteArray bigEndian32(quint32 value)
{
    QByteArray out(4, Qt::Uninitialized);
    qToBigEndian(value, out.data());
    return out;
}

quint32 crc32(const QByteArray &data)
{
    static const auto table = [] {
        std::array<quint32, 256> t{};
        for (quint32 n = 0; n < 256; ++n) {
            quint32 c = n;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
            t[n] = c;
        }
        return t;
    }();
    quint32 crc = 0xffffffffu;
    for (char byte : data)
        crc = table[(crc ^ quint8(byte)) & 0xff] ^ (crc >> 8);
    return crc ^ 0xffffffffu;
}

QByteArray pngChunk(const char *type, const QByteArray &data)
{
    const QByteArray typed = QByteArray(type) + data;
    return bigEndian32(quint32(data.size())) + typed + bigEndian32(crc32(typed));
}

// The test support library does not link QtGui, so QImage is not available: the PNG is encoded
// here (RGB, 8 bits, zlib from qCompress without its length prefix) and decodes anywhere.
QByteArray makePng(int width, int height)
{
    QByteArray header;
    header += bigEndian32(quint32(width));
    header += bigEndian32(quint32(height));
    header += QByteArray("\x08\x02\x00\x00\x00", 5); // depth 8, RGB, deflate, no filter/interlace
    QByteArray raw;
    for (int y = 0; y < height; ++y) {
        raw += '\0'; // filter type None
        for (int x = 0; x < width; ++x) {
            raw += char(x * 255 / width);
            raw += char(y * 255 / height);
            raw += char(128);
        }
    }
    return QByteArray("\x89PNG\r\n\x1a\n", 8) + pngChunk("IHDR", header) +
           pngChunk("IDAT", qCompress(raw).mid(4)) + pngChunk("IEND", {});
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 302:
        return "Found";
    case 404:
        return "Not Found";
    case 500:
        return "Internal Server Error";
    default:
        return "Status";
    }
}

QString hostName(const QByteArray &hostHeader)
{
    const QString host = QString::fromLatin1(hostHeader).trimmed().toLower();
    if (host.startsWith(QLatin1Char('[')))
        return host.left(host.indexOf(QLatin1Char(']')) + 1);
    const qsizetype colon = host.lastIndexOf(QLatin1Char(':'));
    return colon < 0 ? host : host.left(colon);
}

} // namespace

// One client connection: parses requests one after another (keep-alive, no pipelining needed by
// QNetworkAccessManager) and answers each by path. Owned by its socket.
class ImageServerConnection : public QObject
{
    Q_OBJECT

public:
    ImageServerConnection(ImageServer *server, QTcpSocket *socket)
        : QObject(socket), m_server(server), m_socket(socket)
    {
        connect(socket, &QTcpSocket::readyRead, this, &ImageServerConnection::onReadyRead);
        connect(socket, &QTcpSocket::disconnected, this, [this] {
            if (m_busy)
                m_server->requestEnded(m_host);
            m_busy = false;
            m_server->connectionClosed();
            m_socket->deleteLater();
        });
    }

private:
    void onReadyRead()
    {
        m_buffer += m_socket->readAll();
        processNext();
    }

    void processNext()
    {
        if (m_busy)
            return;
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0) {
            if (m_buffer.size() > kMaxHeaderBytes)
                m_socket->abort();
            return;
        }
        const QList<QByteArray> lines = m_buffer.left(end).split('\n');
        m_buffer.remove(0, end + 4);
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        m_host.clear();
        for (const QByteArray &line : lines.mid(1)) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().toLower() == "host")
                m_host = line.mid(colon + 1).trimmed();
        }
        const QUrl target = QUrl::fromEncoded(requestLine.value(1));
        m_busy = true;
        m_server->requestStarted(target.path(), m_host);
        route(target.path(), QUrlQuery(target));
    }

    void route(const QString &path, const QUrlQuery &query)
    {
        const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
        const QString first = parts.value(0);
        if (first == QLatin1String("png"))
            return send(200, "image/png", ImageServer::pngImage());
        if (first == QLatin1String("jpeg"))
            return send(200, "image/jpeg", ImageServer::jpegImage());
        if (first == QLatin1String("status") && parts.size() == 2)
            return send(parts.at(1).toInt(), "text/plain", "error " + parts.at(1).toLatin1());
        if (path == QLatin1String("/html"))
            return send(200, "text/html",
                        "<!DOCTYPE html><html><body><h1>Not an image</h1></body></html>");
        if (path == QLatin1String("/fake-png"))
            return send(200, "image/png", "This is text pretending to be a PNG image.");
        if (path == QLatin1String("/empty"))
            return send(200, "image/png", {});
        if (path == QLatin1String("/redirect"))
            return redirect(query.queryItemValue(QStringLiteral("to"), QUrl::FullyDecoded));
        if (path == QLatin1String("/redirect-blocked"))
            return redirect(QStringLiteral("http://169.254.169.254/latest/meta-data/"));
        if (path == QLatin1String("/redirect-private"))
            return redirect(QStringLiteral("http://10.0.0.1/png"));
        if (first == QLatin1String("chain") && parts.size() == 2) {
            const int n = parts.at(1).toInt();
            if (n <= 0)
                return send(200, "image/png", ImageServer::pngImage());
            return redirect(QStringLiteral("/chain/") + QString::number(n - 1));
        }
        if (first == QLatin1String("delay") && parts.size() >= 2) {
            const QString rest = QLatin1Char('/') + parts.mid(2).join(QLatin1Char('/'));
            QTimer::singleShot(parts.at(1).toInt(), this,
                               [this, rest, query] { route(rest, query); });
            return;
        }
        if (path == QLatin1String("/slow"))
            return dribble();
        if (path == QLatin1String("/endless"))
            return endless();
        if (path == QLatin1String("/huge")) {
            m_socket->write(head(200, "image/png", "Content-Length: 100000000000\r\n"));
            m_socket->write(ImageServer::pngImage().left(8));
            return; // and never more
        }
        send(404, "text/plain", "not found");
    }

    static QByteArray head(int status, const QByteArray &type, const QByteArray &extra)
    {
        return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) +
               "\r\nContent-Type: " + type + "\r\n" + extra + "\r\n";
    }

    void send(int status, const QByteArray &type, const QByteArray &body,
              const QByteArray &extra = {})
    {
        m_socket->write(head(status, type,
                             extra + "Content-Length: " + QByteArray::number(body.size()) +
                                 "\r\nConnection: keep-alive\r\n") +
                        body);
        endRequest();
    }

    void redirect(const QString &location)
    {
        send(302, "text/plain", "redirect", "Location: " + location.toUtf8() + "\r\n");
    }

    void dribble()
    {
        const QByteArray png = ImageServer::pngImage();
        m_socket->write(
            head(200, "image/png", "Content-Length: " + QByteArray::number(png.size()) + "\r\n"));
        m_socket->write(png.left(8)); // enough to look like a PNG
        auto *timer = new QTimer(this);
        connect(timer, &QTimer::timeout, this, [this, timer, png, sent = qsizetype(8)]() mutable {
            m_socket->write(png.mid(sent++, 1));
            if (sent >= png.size()) {
                timer->deleteLater();
                endRequest();
            }
        });
        timer->start(m_server->m_dribbleMs);
    }

    void endless()
    {
        m_socket->write(head(200, "image/png", "Connection: close\r\n"));
        m_socket->write(ImageServer::pngImage().left(8));
        // Refilled as the client reads, so memory stays bounded however long it goes on.
        auto refill = [this] {
            if (m_socket->bytesToWrite() < 256 * 1024)
                m_socket->write(QByteArray(64 * 1024, '\0'));
        };
        connect(m_socket, &QTcpSocket::bytesWritten, this, refill);
        refill();
    }

    void endRequest()
    {
        m_busy = false;
        m_server->requestEnded(m_host);
        processNext();
    }

    ImageServer *const m_server;
    QTcpSocket *const m_socket;
    QByteArray m_buffer;
    QByteArray m_host;
    bool m_busy = false;
};

ImageServer::ImageServer(QObject *parent) : QObject(parent) {}

ImageServer::~ImageServer()
{
    // Connections still open (a /slow download the client never finished) close as their
    // sockets die and report to this object: let that happen while its members still exist.
    delete m_server;
}

bool ImageServer::start()
{
    return listen(new QTcpServer(this));
}

bool ImageServer::startTls(const QString &certFile, const QString &keyFile)
{
    QFile cert(certFile), key(keyFile);
    if (!cert.open(QIODevice::ReadOnly) || !key.open(QIODevice::ReadOnly))
        return false;
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(QSslCertificate::fromData(cert.readAll()));
    configuration.setPrivateKey(QSslKey(key.readAll(), QSsl::Ec));
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    auto *server = new QSslServer(this);
    server->setSslConfiguration(configuration);
    connect(server, &QSslServer::errorOccurred, this,
            [this](QSslSocket *, QAbstractSocket::SocketError) {
                QMutexLocker lock(&m_mutex);
                ++m_tlsFailures;
            });
    m_tls = true;
    return listen(server);
}

int ImageServer::tlsHandshakeFailures() const
{
    QMutexLocker lock(&m_mutex);
    return m_tlsFailures;
}

bool ImageServer::listen(QTcpServer *server)
{
    m_server = server;
    // QSslServer queues a socket only once its handshake is done: pendingConnectionAvailable.
    auto accept = [this] {
        while (QTcpSocket *socket = m_server->nextPendingConnection()) {
            {
                QMutexLocker lock(&m_mutex);
                ++m_connections;
                m_maxOpenConnections = qMax(m_maxOpenConnections, ++m_openConnections);
            }
            new ImageServerConnection(this, socket);
        }
    };
    if (m_tls)
        connect(m_server, &QTcpServer::pendingConnectionAvailable, this, accept);
    else
        connect(m_server, &QTcpServer::newConnection, this, accept);
    return m_server->listen(QHostAddress::LocalHost, 0);
}

quint16 ImageServer::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

QUrl ImageServer::url(const QString &path, const QString &host) const
{
    QUrl url;
    url.setScheme(m_tls ? QStringLiteral("https") : QStringLiteral("http"));
    url.setHost(host);
    url.setPort(port());
    const qsizetype question = path.indexOf(QLatin1Char('?'));
    url.setPath(question < 0 ? path : path.left(question));
    if (question >= 0)
        url.setQuery(path.mid(question + 1));
    return url;
}

int ImageServer::hits(const QString &path) const
{
    QMutexLocker lock(&m_mutex);
    return m_hits.value(path);
}

int ImageServer::totalHits() const
{
    QMutexLocker lock(&m_mutex);
    return m_totalHits;
}

int ImageServer::connectionsAccepted() const
{
    QMutexLocker lock(&m_mutex);
    return m_connections;
}

int ImageServer::openConnections() const
{
    QMutexLocker lock(&m_mutex);
    return m_openConnections;
}

int ImageServer::requestsInFlight() const
{
    QMutexLocker lock(&m_mutex);
    return m_inFlight;
}

int ImageServer::maxConcurrentConnections() const
{
    QMutexLocker lock(&m_mutex);
    return m_maxOpenConnections;
}

int ImageServer::maxConcurrentRequests() const
{
    QMutexLocker lock(&m_mutex);
    return m_maxInFlight;
}

int ImageServer::maxConcurrentRequests(const QString &host) const
{
    QMutexLocker lock(&m_mutex);
    return m_maxInFlightByHost.value(host.toLower());
}

QByteArray ImageServer::lastHostHeader() const
{
    QMutexLocker lock(&m_mutex);
    return m_lastHost;
}

void ImageServer::resetCounters()
{
    QMutexLocker lock(&m_mutex);
    m_hits.clear();
    m_totalHits = 0;
    m_connections = 0;
    m_maxOpenConnections = m_openConnections;
    m_maxInFlight = m_inFlight;
    m_maxInFlightByHost = m_inFlightByHost;
}

QByteArray ImageServer::pngImage()
{
    static const QByteArray png = makePng(32, 32);
    return png;
}

QByteArray ImageServer::jpegImage()
{
    // A 16x16 gradient written by QImage (quality 50); embedded because QtGui is not linked.
    static const QByteArray jpeg = QByteArray::fromBase64(
        "/9j/4AAQSkZJRgABAQEAZABkAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERX"
        "RTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2Nj"
        "Y2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAQABADASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAA"
        "AAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAk"
        "M2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKT"
        "lJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QA"
        "HwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdh"
        "cRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hp"
        "anN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk"
        "5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDn7ex6cVp29j04rTt7HpxWnb2PTiqq4sMvx22p/9k=");
    return jpeg;
}

void ImageServer::requestStarted(const QString &path, const QByteArray &hostHeader)
{
    QMutexLocker lock(&m_mutex);
    ++m_hits[path];
    ++m_totalHits;
    m_lastHost = hostHeader;
    m_maxInFlight = qMax(m_maxInFlight, ++m_inFlight);
    const QString host = hostName(hostHeader);
    const int forHost = ++m_inFlightByHost[host];
    m_maxInFlightByHost[host] = qMax(m_maxInFlightByHost.value(host), forHost);
}

void ImageServer::requestEnded(const QByteArray &hostHeader)
{
    QMutexLocker lock(&m_mutex);
    --m_inFlight;
    --m_inFlightByHost[hostName(hostHeader)];
}

void ImageServer::connectionClosed()
{
    QMutexLocker lock(&m_mutex);
    --m_openConnections;
}

} // namespace depot

#include "ImageServer.moc"
