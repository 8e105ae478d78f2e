#include "store/WriterThread.h"

#include <QDebug>
#include <QMutex>
#include <QThread>

namespace depot {

WriterThread::WriterThread(const Database::Settings &settings) : m_settings(settings)
{
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
    m_pool.setObjectName(QStringLiteral("writer"));
}

namespace {

QMutex processMutex;
// Never destroyed: a write may still be running when stopForProcess() gives up waiting.
WriterThread *processWriter = nullptr;

} // namespace

WriterThread &WriterThread::forProcess(const Database::Settings &settings)
{
    QMutexLocker lock(&processMutex);
    if (!processWriter)
        processWriter = new WriterThread(settings);
    return *processWriter;
}

void WriterThread::stopForProcess()
{
    QMutexLocker lock(&processMutex);
    if (!processWriter)
        return;
    WriterThread *writer = processWriter;
    writer->m_pool.start([writer] { writer->m_db.reset(); });
    if (!writer->m_pool.waitForDone(5000))
        qWarning().noquote() << "writer: a write was still running at exit";
}

Database &WriterThread::database()
{
    if (!m_db) {
        QThread::currentThread()->setObjectName(QStringLiteral("writer"));
        m_db = std::make_unique<Database>(m_settings, QStringLiteral("writer"));
        QString error;
        // A connection that did not open fails each statement with a DbError (503) and reopens
        // with backoff, like a worker's.
        if (!m_db->open(&error))
            qWarning().noquote() << "writer: cannot open the database:" << error;
    }
    return *m_db;
}

} // namespace depot
