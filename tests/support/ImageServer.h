#pragma once

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QObject>
#include <QString>
#include <QUrl>

class QTcpServer;
class QTcpSocket;

namespace depot {

// A small real HTTP/1.1 server on 127.0.0.1 for tests that fetch images: it serves real PNG and
// JPEG files and every misbehaviour an image fetcher must survive, and counts what it received so
// a test can prove that a request was never made. It lives in the thread that calls start() and
// answers from that thread's event loop; the counters may be read from any thread.
//
// Paths (the query is ignored for routing and counting):
//   /png, /png/<any>        200 image/png, a real PNG (32x32)
//   /jpeg, /jpeg/<any>      200 image/jpeg, a real JPEG (16x16)
//   /status/<code>          that status with a short text/plain body (e.g. /status/404,
//   /status/500) /slow                   200 image/png headers and the PNG signature at once, then
//   one byte per
//                           dribbleIntervalMs (100 ms): far longer than any test's timeout
//   /endless                200 image/png, no Content-Length, a PNG signature then zeros forever
//   /huge                   200 image/png declaring Content-Length 100 GB, then stalls
//   /html                   200 text/html, a web page instead of an image
//   /fake-png               200 image/png whose bytes are text
//   /empty                  200 image/png with an empty body
//   /redirect?to=<url>      302 to the (percent-encoded) url, e.g. to=/png
//   /redirect-blocked       302 to http://169.254.169.254/latest/meta-data/
//   /redirect-private       302 to http://10.0.0.1/png
//   /chain/<n>              302 to /chain/<n-1>; /chain/0 is /png (so /chain/5 is 5 redirects)
//   /delay/<ms>/<path>      <path> answered after <ms> milliseconds (to measure concurrency)
//   anything else           404
class ImageServer : public QObject
{
    Q_OBJECT

public:
    explicit ImageServer(QObject *parent = nullptr);
    ~ImageServer() override;

    bool start(); // listens on 127.0.0.1, port chosen by the system
    // The same server over HTTPS with this certificate and key (see TestCerts); url() then says
    // https. A client failing the handshake is counted in tlsHandshakeFailures().
    bool startTls(const QString &certFile, const QString &keyFile);
    int tlsHandshakeFailures() const;
    quint16 port() const;

    // http://127.0.0.1:<port><path>; `host` names the same server differently (e.g. "localhost"),
    // which tests use to play two hosts.
    QUrl url(const QString &path, const QString &host = QStringLiteral("127.0.0.1")) const;

    int hits(const QString &path) const; // requests received for the path, query ignored
    int totalHits() const;
    int connectionsAccepted() const;
    int openConnections() const; // now: lets a test wait until a client has hung up
    // Requests being answered now; an idle keep-alive connection counts as none.
    int requestsInFlight() const;
    int maxConcurrentConnections() const;
    // Most requests in progress at once (received, response not complete), in total or for one
    // Host header name (port ignored).
    int maxConcurrentRequests() const;
    int maxConcurrentRequests(const QString &host) const;
    QByteArray lastHostHeader() const;
    void resetCounters();

    void setDribbleIntervalMs(int ms) { m_dribbleMs = ms; }

    static QByteArray pngImage();
    static QByteArray jpegImage();

private:
    friend class ImageServerConnection;

    void requestStarted(const QString &path, const QByteArray &hostHeader);
    void requestEnded(const QByteArray &hostHeader);
    void connectionClosed();

    bool listen(QTcpServer *server);

    QTcpServer *m_server = nullptr;
    bool m_tls = false;
    int m_tlsFailures = 0;
    int m_dribbleMs = 100;

    mutable QMutex m_mutex; // guards the counters below
    QHash<QString, int> m_hits;
    int m_totalHits = 0;
    int m_connections = 0;
    int m_openConnections = 0;
    int m_maxOpenConnections = 0;
    int m_inFlight = 0;
    int m_maxInFlight = 0;
    QHash<QString, int> m_inFlightByHost;
    QHash<QString, int> m_maxInFlightByHost;
    QByteArray m_lastHost;
};

} // namespace depot
