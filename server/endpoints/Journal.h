#pragma once

#include "endpoints/JournalTable.h"
#include "store/DbListener.h"

#include <QMutex>
#include <QObject>

#include <memory>

namespace depot {

// Tells the rest of the process that journal entries were stored. Emitted from worker threads
// after the entries are committed; receivers in other threads get queued calls. The live journal
// WebSocket hears the same entries, as JSON, on LiveHub's topic(userId, endpointId), delivered to
// each socket's own worker thread.
class JournalHub : public QObject
{
    Q_OBJECT
public:
    static JournalHub *instance();
    static QString topic(qint64 userId, qint64 endpointId);
    // Announces stored entries: the signal, and each entry's JSON to its journal's topic.
    static void announce(const QList<JournalEntry> &entries);
    // Another instance stored entries of this journal (a PostgreSQL NOTIFY, payload
    // "userId:endpointId"): live sockets read them from the database at once.
    static QString otherInstanceTopic(qint64 userId, qint64 endpointId);
    static void notified(const QString &payload);
    // Notifications may have been lost (the listener's channel was down): every live journal
    // socket of this process reads the database (published on this topic).
    static QString anyOtherInstanceTopic();
    static void missed();
    // JournalTable::NotifyChannel for the process's DbListener (wired in app/).
    static DbChannel listenerChannel();

signals:
    // endpointId 0: an unmatched request under the user's prefix.
    void entryAdded(qint64 userId, qint64 endpointId, qint64 entryId);
};

// The journal's writes. add() only queues (any thread, a mutex and an append): the entries are
// written in one transaction FlushDelayMs later by the thread of `thread`, each journal trimmed
// to its size in that transaction. A batch writes only what its trim would keep: the newest
// `keep` entries of each journal (the older ones would be deleted in the same transaction, so
// nobody could ever see them). The queue is bounded (MaxPendingBytes): beyond it the oldest
// entries go first, counted, rather than memory growing under a load the database cannot take.
class JournalWriter : public std::enable_shared_from_this<JournalWriter>
{
public:
    JournalWriter(Database &db, QObject *thread, int keep);

    // The process's writer: its own thread and database connection, shared by all workers, so
    // journal writes never wait in a worker (SQLite's write lock, PostgreSQL round trips) and
    // the workers' batches do not contend with each other.
    static std::shared_ptr<JournalWriter> forProcess(const Database::Settings &settings, int keep);
    // At the process's end, after the workers: writes what is queued, closes the connection in
    // its thread and ends the thread (a thread still in its event loop while the process exits
    // can crash it). forProcess() must not be called after it.
    static void stopForProcess();

    bool enabled() const { return m_keep > 0; }
    void add(JournalEntry entry);
    // The same without a copy: the caller changes the entry no more.
    void add(std::shared_ptr<JournalEntry> entry);

    static constexpr qsizetype MaxPendingBytes = 2 << 20;

    static constexpr qsizetype MaxBodyBytes = 64 * 1024;
    static constexpr int FlushDelayMs = 25;
    // The request's headers with the values of Authorization, Proxy-Authorization and Cookie
    // replaced: secrets never reach the journal.
    static QList<QPair<QString, QString>>
    redactedHeaders(const QList<QPair<QByteArray, QByteArray>> &headers);

private:
    void flush();

    Database &m_db;
    QObject *m_thread;
    int m_keep;
    mutable QMutex m_mutex; // guards the queue, the flag and the count
    QList<std::shared_ptr<JournalEntry>> m_pending;
    qsizetype m_pendingBytes = 0;
    bool m_scheduled = false;
    qint64 m_dropped = 0;
    qint64 m_lastWarningMs = 0;
};

} // namespace depot
