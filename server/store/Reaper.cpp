#include "store/Reaper.h"

#include "store/BlobStore.h"

#include <QDateTime>
#include <QDebug>
#include <QDir>
#include <QFileInfo>
#include <QSet>
#include <QTimer>

namespace depot {
namespace {

constexpr int kBatch = 500;
constexpr int kMaxBatches = 100;
constexpr qint64 kSweepEverySeconds = 3600;

} // namespace

Reaper::Reaper(Database &db, const QString &filesDir, QObject *parent)
    : QObject(parent), m_db(db), m_filesDir(filesDir)
{
}

void Reaper::addSource(const ReaperSource &source)
{
    m_sources.append(source);
}

void Reaper::start(int intervalMs)
{
    sweepOrphans();
    reapExpired();
    m_timer = new QTimer(this);
    connect(m_timer, &QTimer::timeout, this, [this] {
        reapExpired();
        if (QDateTime::currentSecsSinceEpoch() - m_lastSweep >= kSweepEverySeconds)
            sweepOrphans();
    });
    m_timer->start(intervalMs);
}

bool Reaper::removeFile(const ReaperSource &source, const QString &relativePath)
{
    // Paths come from our own rows; anything but "<directory>/<blob name>" is never followed.
    const QString prefix = source.directory + u'/';
    if (!relativePath.startsWith(prefix))
        return false;
    return BlobStore(QDir(m_filesDir).filePath(source.directory))
        .remove({relativePath.mid(prefix.size())});
}

int Reaper::reapExpired()
{
    int removed = 0;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (const ReaperSource &source : std::as_const(m_sources)) {
        try {
            int rows = 0;
            int fileCount = 0;
            // Bounded: rows another instance keeps extending cannot hold the loop.
            for (int batch = 0; batch < kMaxBatches; ++batch) {
                QStringList files;
                const int found = source.removeExpired(m_db, now, kBatch, &files);
                rows += found;
                for (const QString &file : std::as_const(files))
                    fileCount += removeFile(source, file) ? 1 : 0;
                if (found < kBatch)
                    break;
            }
            if (rows > 0)
                qInfo().noquote() << tr("reaper: removed %1 expired %2 (%3 file(s))")
                                         .arg(rows)
                                         .arg(source.name)
                                         .arg(fileCount);
            removed += rows;
        } catch (const DbError &e) {
            qWarning().noquote()
                << tr("reaper: %1: %2").arg(source.name, QString::fromUtf8(e.what()));
        }
    }
    return removed;
}

int Reaper::sweepOrphans()
{
    m_lastSweep = QDateTime::currentSecsSinceEpoch();
    int removed = 0;
    bool youngRowsWithoutFile = false;
    for (const ReaperSource &source : std::as_const(m_sources)) {
        if (!source.filesInUse)
            continue;
        try {
            QSet<QString> inUse;
            int rows = 0;
            const BlobStore store(QDir(m_filesDir).filePath(source.directory));
            const QSet<QString> listed = store.names(); // before the rows: see BlobStore
            const QList<QPair<qint64, QString>> referenced = source.filesInUse(m_db);
            // A missing directory (an unmounted volume?) must not cost every row its existence.
            if (!referenced.isEmpty() &&
                !QFileInfo(QDir(m_filesDir).filePath(source.directory)).isDir()) {
                qWarning().noquote()
                    << tr("reaper: %1 is missing: not sweeping %2")
                           .arg(QDir(m_filesDir).filePath(source.directory), source.name);
                continue;
            }
            for (const auto &[id, file] : referenced) {
                if (QFileInfo::exists(QDir(m_filesDir).filePath(file))) {
                    inUse.insert(file.section(u'/', -1));
                } else if (source.removeRow(m_db, id, file,
                                            QDateTime::currentSecsSinceEpoch() - RowGraceSeconds)) {
                    ++rows;
                    qWarning().noquote() << tr("reaper: %1 row %2 had no file %3: removed")
                                                .arg(source.name)
                                                .arg(id)
                                                .arg(file);
                } else {
                    youngRowsWithoutFile = true;
                }
            }
            const int files = store.sweepOrphans(listed, inUse, m_graceSeconds);
            if (rows + files > 0)
                qInfo().noquote()
                    << tr("reaper: start-up sweep of %1 removed %2 row(s) without a file and "
                          "%3 file(s) without a row")
                           .arg(source.name)
                           .arg(rows)
                           .arg(files);
            removed += rows + files;
        } catch (const DbError &e) {
            qWarning().noquote()
                << tr("reaper: sweep of %1: %2").arg(source.name, QString::fromUtf8(e.what()));
        }
    }
    if (youngRowsWithoutFile) // decided once they are old enough (a crash between row and name)
        QTimer::singleShot((RowGraceSeconds + 1) * 1000, this, [this] { sweepOrphans(); });
    return removed;
}

} // namespace depot
