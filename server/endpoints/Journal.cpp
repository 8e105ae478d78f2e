#include "endpoints/Journal.h"

#include "http/LiveHub.h"

#include <QCoreApplication>
#include <QDebug>
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

void JournalWriter::add(JournalEntry entry)
{
    if (!enabled())
        return;
    if (entry.body.size() > MaxBodyBytes) {
        entry.body.truncate(MaxBodyBytes);
        entry.bodyTruncated = true;
    }
    m_pending.append(std::move(entry));
    if (m_scheduled)
        return;
    m_scheduled = true;
    // A short wait gathers a busy endpoint's requests into one transaction and one trim: under
    // load the journal costs a few statements per batch, not per request.
    QTimer::singleShot(FlushDelayMs, m_thread, [weak = weak_from_this()] {
        if (const auto self = weak.lock())
            self->flush();
    });
}

void JournalWriter::flush()
{
    m_scheduled = false;
    const QList<JournalEntry> batch = std::exchange(m_pending, {});
    QList<JournalEntry> written;
    try {
        Database::Transaction tx(m_db);
        QSet<QPair<qint64, qint64>> journals;
        for (JournalEntry e : batch) {
            e.id = JournalTable(m_db).insert(e);
            written.append(e);
            journals.insert({e.userId, e.endpointId});
        }
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
