#pragma once

#include "endpoints/JournalTable.h"

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

signals:
    // endpointId 0: an unmatched request under the user's prefix.
    void entryAdded(qint64 userId, qint64 endpointId, qint64 entryId);
};

// One worker's journal writes. add() only queues: the entries are written in one transaction
// FlushDelayMs later, after the answers already went out, and each journal is trimmed to its
// size in that transaction.
class JournalWriter : public std::enable_shared_from_this<JournalWriter>
{
public:
    JournalWriter(Database &db, QObject *thread, int keep);

    bool enabled() const { return m_keep > 0; }
    void add(JournalEntry entry);

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
    QList<JournalEntry> m_pending;
    bool m_scheduled = false;
};

} // namespace depot
