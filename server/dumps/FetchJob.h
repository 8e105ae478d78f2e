#pragma once

#include "dumps/ImageFetcher.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;
class QSaveFile;

namespace depot {

struct FileCommit;

// One image of an ImageFetcher batch: resolve, check, connect to the checked address, follow
// redirects by hand, verify and stream the body into a QSaveFile, whose commit (an fdatasync)
// runs on a small thread pool so that the worker's event loop never waits for the disk. Reports
// exactly once through `done`, from the event loop, unless abandoned.
class FetchJob : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(FetchJob *, const ImageFetchResult &)>;

    FetchJob(QNetworkAccessManager *nam, const FetchConfig &config, const AddressPolicy &policy,
             const ImageFetchRequest &request, Done done, QObject *parent);
    ~FetchJob() override;

    ImageFetcher::BatchId batch = 0;
    int index = 0;
    QString host;

    void start();
    // Stops without reporting: the caller records the outcome itself. Nothing is left at the
    // target path, also when the file's commit was under way (it is waited for, then removed).
    void abandon();

    // Waits until no commit runs (at exit, after the workers that start them have ended).
    static void waitForCommits();

private:
    void startHop(const QUrl &url);
    void onAddresses(const QList<QHostAddress> &addresses);
    void connectToCandidate();
    void onHeaders();
    void followRedirect(const QByteArray &location);
    void onData();
    void onFinished();
    void commit();
    bool openFile();
    void write(const QByteArray &data);
    void fail(ImageFetchResult::Cause cause, const QString &detail = {});
    void finish(const ImageFetchResult &result);
    void dropReply();

    QNetworkAccessManager *const m_nam;
    const FetchConfig &m_config;
    const AddressPolicy &m_policy;
    const ImageFetchRequest m_request;
    const Done m_done;
    QTimer m_timer;
    QUrl m_hopUrl;
    int m_redirects = 0;
    QList<QHostAddress> m_candidates;
    int m_candidate = 0;
    int m_lookupId = -1;
    QNetworkReply *m_reply = nullptr;
    bool m_headersChecked = false;
    bool m_finished = false;
    QByteArray m_head;
    qint64 m_received = 0;
    QString m_mediaType;
    QString m_path;
    std::unique_ptr<QSaveFile> m_file;
    std::shared_ptr<FileCommit> m_commit; // while the file is being committed on the pool
};

} // namespace depot
