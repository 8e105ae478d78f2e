#pragma once

#include "store/Database.h"

#include <QObject>
#include <QPair>
#include <QStringList>

#include <functional>

class QTimer;

namespace depot {

// One kind of stored content with files under the files directory and an expiry in its table.
// A feature registers one with Reaper::addSource(); the reaper only sees these callbacks.
struct ReaperSource
{
    QString name;      // for the log, e.g. "endpoints"
    QString directory; // its folder under the files directory, e.g. "endpoints"
    // Deletes up to `limit` rows expired at `now` (each one only if it is still expired, as
    // several instances may reap at once), appends the files of the rows it deleted (relative
    // to the files directory) to *files and returns how many rows it found (the reaper asks
    // again while that is `limit`).
    std::function<int(Database &db, qint64 now, int limit, QStringList *files)> removeExpired;
    // (row id, file path relative to the files directory) of every row that has a file; unset
    // for a source whose directory is never swept.
    std::function<QList<QPair<qint64, QString>>(Database &db)> filesInUse;
    // Deletes the row if it still references the file (its file is missing) and was written
    // before `before` (a younger row's file may be about to be named).
    std::function<bool(Database &db, qint64 id, const QString &file, qint64 before)> removeRow;
};

// Expiry and clean-up of stored content, on the main thread with its own database connection,
// so it never holds up a request. Rows go first, then their files: a reader never finds a row
// whose file was already removed (except the start-up sweep's rows, which have no file anyway).
//
// - periodically: expired rows and their files;
// - at start-up (and hourly): files under a final name that no row references (a name is given
//   only after the row is committed: BlobStore's crash-safe order), temporaries older than any
//   upload, and rows whose file is missing once they are older than a few seconds (younger
//   ones may be between their row and their file's name, possibly on another instance; such a
//   sweep is repeated a little later).
class Reaper : public QObject
{
    Q_OBJECT

public:
    Reaper(Database &db, const QString &filesDir, QObject *parent = nullptr);

    void addSource(const ReaperSource &source);

    // Sweeps at once, then reaps every `intervalMs`.
    void start(int intervalMs);

    // Each returns how many rows and files it removed; database errors are logged, not thrown.
    int reapExpired();
    int sweepOrphans();

    // Rows younger than this whose file is missing are left for a later sweep.
    static constexpr qint64 RowGraceSeconds = 10;

private:
    bool removeFile(const ReaperSource &source, const QString &relativePath);

    Database &m_db;
    QString m_filesDir;
    QList<ReaperSource> m_sources;
    QTimer *m_timer = nullptr;
    qint64 m_graceSeconds = 600;
    qint64 m_lastSweep = 0;
};

} // namespace depot
