#include "endpoints/Journal.h"

#include "http/LiveHub.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDebug>
#include <QHash>
#include <QSet>
#include <QThread>
#include <QTimer>

namespace depot {

JournalHub *JournalHub::instance()
{
    static JournalHub *hub = [] {
        auto *h = new JournalHub;
        if (QCoreApplication::instance())
            h->moveToThread(QCoreApplication::instance()->thread());
        return h;
    }();
    return hub;
}

QString JournalHub::topic(qint64 userId, qint64 endpointId)
{
    return QStringLiteral("journal:%1:%2").arg(userId).arg(endpointId);
}

QString JournalHub::otherInstanceTopic(qint64 userId, qint64 endpointId)
{
    return QStringLiteral("journal-elsewhere:%1:%2").arg(userId).arg(endpointId);
}

void JournalHub::notified(const QString &payload)
{
    const QStringList parts = payload.split(u':');
    bool userOk = false, endpointOk = false;
    if (parts.size() != 2)
        return;
    const qint64 userId = parts.at(0).toLongLong(&userOk);
    const qint64 endpointId = parts.at(1).toLongLong(&endpointOk);
    if (userOk && endpointOk)
        LiveHub::publish(otherInstanceTopic(userId, endpointId), {});
}

QString JournalHub::anyOtherInstanceTopic()
{
    return QStringLiteral("journal-elsewhere");
}

void JournalHub::missed()
{
    LiveHub::publish(anyOtherInstanceTopic(), {});
}

DbChannel JournalHub::listenerChannel()
{
    return {QString::fromLatin1(JournalTable::NotifyChannel), &JournalHub::notified,
            &JournalHub::missed};
}

void JournalHub::announce(const QList<JournalEntry> &entries)
{
    for (const JournalEntry &e : entries) {
        const QString journal = topic(e.userId, e.endpointId);
        if (LiveHub::subscriberCount(journal) > 0)
            LiveHub::publish(journal, e.toJson());
        emit instance()->entryAdded(e.userId, e.endpointId, e.id);
    }
}

JournalWriter::JournalWriter(Database &db, QObject *thread, int keep)
    : m_db(db), m_thread(thread), m_keep(keep)
{
}

QList<QPair<QString, QString>>
JournalWriter::redactedHeaders(const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QList<QPair<QString, QString>> out;
    for (const auto &[name, value] : headers) {
        const bool secret = name.compare("Authorization", Qt::CaseInsensitive) == 0 ||
                            name.compare("Proxy-Authorization", Qt::CaseInsensitive) == 0 ||
                            name.compare("Cookie", Qt::CaseInsensitive) == 0;
        out.append({QString::fromLatin1(name),
                    secret ? QStringLiteral("[redacted]") : QString::fromUtf8(value)});
    }
    return out;
}

void JournalEntry::complete()
{
    if (!captured)
        return;
    const Captured c = std::move(*captured);
    captured.reset();
    method = QString::fromLatin1(c.method);
    const qsizetype q = c.target.indexOf('?');
    path = QString::fromUtf8(QByteArray::fromPercentEncoding(q < 0 ? c.target : c.target.left(q)));
    query = q < 0 ? QString() : QString::fromUtf8(c.target.mid(q + 1));
    headers = JournalWriter::redactedHeaders(c.headers);
    remote = c.remote.toString();
}

namespace {

// The thread and connection of the process's writer; the connection is opened, used and closed
// in that thread only.
struct JournalThread
{
    QThread thread;
    QObject context;
    std::unique_ptr<Database> db;
};

struct ProcessWriter
{
    QMutex mutex;
    std::weak_ptr<JournalWriter> shared;
    // Never destroyed: pending entries are written until stopForProcess(), and a running
    // QThread is never destroyed.
    JournalThread *owned = nullptr;
};

ProcessWriter &processWriter()
{
    static auto *process = new ProcessWriter;
    return *process;
}

} // namespace

std::shared_ptr<JournalWriter> JournalWriter::forProcess(const Database::Settings &settings,
                                                         int keep)
{
    ProcessWriter &process = processWriter();
    QMutexLocker lock(&process.mutex);
    if (auto writer = process.shared.lock())
        return writer;
    if (!process.owned) {
        auto *owned = process.owned = new JournalThread;
        owned->thread.setObjectName(QStringLiteral("journal"));
        owned->context.moveToThread(&owned->thread);
        owned->thread.start();
        QMetaObject::invokeMethod(
            &owned->context,
            [owned, settings] {
                owned->db = std::make_unique<Database>(settings, QStringLiteral("journal"));
                QString error;
                if (!owned->db->open(&error))
                    qWarning().noquote() << "journal: cannot open the database:" << error;
            },
            Qt::BlockingQueuedConnection);
    }
    auto writer =
        std::make_shared<JournalWriter>(*process.owned->db, &process.owned->context, keep);
    process.shared = writer;
    return writer;
}

void JournalWriter::stopForProcess()
{
    ProcessWriter &process = processWriter();
    QMutexLocker lock(&process.mutex);
    JournalThread *owned = process.owned;
    if (!owned || !owned->thread.isRunning())
        return;
    const std::shared_ptr<JournalWriter> writer = process.shared.lock();
    QMetaObject::invokeMethod(
        &owned->context,
        [owned, writer] {
            if (writer)
                writer->flush();
            owned->db.reset();
        },
        Qt::BlockingQueuedConnection);
    owned->thread.quit();
    owned->thread.wait();
}

static qsizetype costOf(const JournalEntry &e)
{
    qsizetype bytes = 1024 + e.body.size() + 2 * (e.path.size() + e.query.size());
    for (const auto &[name, value] : e.headers)
        bytes += 2 * (name.size() + value.size()) + 32;
    if (e.captured) {
        bytes += 2 * e.captured->target.size();
        for (const auto &[name, value] : e.captured->headers)
            bytes += 2 * (name.size() + value.size()) + 32;
    }
    return bytes;
}

void JournalWriter::add(JournalEntry entry)
{
    add(std::make_shared<JournalEntry>(std::move(entry)));
}

void JournalWriter::add(std::shared_ptr<JournalEntry> entry)
{
    if (!enabled())
        return;
    if (entry->body.size() > MaxBodyBytes) {
        entry->body.truncate(MaxBodyBytes);
        entry->bodyTruncated = true;
    }
    QMutexLocker lock(&m_mutex);
    m_pendingBytes += costOf(*entry);
    m_pending.append(std::move(entry));
    while (m_pendingBytes > MaxPendingBytes && m_pending.size() > 1) {
        m_pendingBytes -= costOf(*m_pending.first());
        m_pending.removeFirst();
        ++m_dropped;
    }
    if (m_scheduled)
        return;
    m_scheduled = true;
    lock.unlock();
    // A short wait gathers the requests into one transaction and one trim per journal: under
    // load the journal costs a few statements per batch, not per request. The timer starts in
    // the writing thread (add() may run in any).
    QMetaObject::invokeMethod(
        m_thread,
        [weak = weak_from_this(), thread = m_thread] {
            QTimer::singleShot(FlushDelayMs, thread, [weak] {
                if (const auto self = weak.lock())
                    self->flush();
            });
        },
        Qt::QueuedConnection);
}

void JournalWriter::flush()
{
    QMutexLocker lock(&m_mutex);
    m_scheduled = false;
    const QList<std::shared_ptr<JournalEntry>> queued = std::exchange(m_pending, {});
    m_pending.reserve(queued.size()); // the next batch is likely as large
    m_pendingBytes = 0;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const bool warn = m_dropped > 0 && now - m_lastWarningMs >= 10000; // one line per 10 s
    const qint64 dropped = warn ? std::exchange(m_dropped, 0) : 0;
    if (warn)
        m_lastWarningMs = now;
    lock.unlock();
    if (dropped > 0) // the oldest queued: mostly what the trim would have deleted anyway
        qWarning().noquote() << "journal:" << dropped
                             << "entries dropped: more requests than the database could record";
    // Only what the trim below keeps: the newest m_keep of each journal, in their order.
    QHash<QPair<qint64, qint64>, int> kept;
    QList<bool> keep(queued.size(), false);
    for (qsizetype i = queued.size() - 1; i >= 0; --i) {
        int &n = kept[{queued.at(i)->userId, queued.at(i)->endpointId}];
        keep[i] = n < m_keep;
        n += keep[i] ? 1 : 0;
    }
    QList<JournalEntry> batch;
    batch.reserve(queued.size());
    for (qsizetype i = 0; i < queued.size(); ++i) {
        if (keep[i]) {
            batch.append(*queued.at(i));
            batch.last().complete();
        }
    }
    QList<JournalEntry> written;
    try {
        Database::Transaction tx(m_db);
        // Multi-row INSERTs: on PostgreSQL one statement per request was most of the server's
        // CPU under load (issue 11).
        written = batch;
        JournalTable(m_db).insertAll(written);
        QSet<QPair<qint64, qint64>> journals;
        for (const JournalEntry &e : written)
            journals.insert({e.userId, e.endpointId});
        for (const auto &[userId, endpointId] : journals)
            JournalTable(m_db).trim(userId, endpointId, m_keep);
        tx.commit();
    } catch (const DbError &) {
        // One endpoint deleted meanwhile (foreign key) fails the batch: write the rest alone.
        written.clear();
        for (JournalEntry e : batch) {
            try {
                e.id = JournalTable(m_db).insert(e);
                JournalTable(m_db).trim(e.userId, e.endpointId, m_keep);
                written.append(e);
            } catch (const DbError &error) {
                qWarning().noquote()
                    << "journal: entry dropped:" << QString::fromUtf8(error.what());
            }
        }
    }
    // Other instances sharing PostgreSQL hear of it (their live journals read the new entries).
    QSet<QPair<qint64, qint64>> notified;
    for (const JournalEntry &e : written) {
        if (!notified.contains({e.userId, e.endpointId})) {
            notified.insert({e.userId, e.endpointId});
            try {
                JournalTable(m_db).notify(e.userId, e.endpointId);
            } catch (const DbError &) {
                // their sockets still read the journal every --ws-poll-interval
            }
        }
    }
    JournalHub::announce(written);
}

} // namespace depot
