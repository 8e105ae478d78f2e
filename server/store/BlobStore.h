#pragma once

#include <QCoreApplication>
#include <QSaveFile>
#include <QSet>
#include <QString>
#include <QStringList>

#include <memory>

namespace depot {

// Files the server stores for users, in one directory per feature (files/drops,
// files/endpoints, ...), under names the server made (never a user's name: see SECURITY.md).
//
// Rules it keeps, so callers cannot get them wrong:
// - a write is atomic (QSaveFile: nothing under the final name until commit(); a failed or
//   abandoned write leaves nothing behind), and a full disk is reported as such (→ 507);
// - deletions can run off the calling thread (removeLater), after the database row is gone;
// - crash-safe order: a writer is stage()d (all bytes on disk, fsynced, but under no name: an
//   O_TMPFILE, or a QSaveFile temporary where the file system has none), the caller commits its
//   row, and only then commit() gives the file its name. A kill -9 at any point leaves no file
//   under a final name without its row;
// - sweepOrphans() removes files under a final name that no row refers to at once (the name
//   only ever appears after the row), and temporaries once they are older than any upload.
//
// All methods are safe to call from any thread: the object holds only its directory.
class BlobStore
{
    Q_DECLARE_TR_FUNCTIONS(BlobStore)

public:
    enum class Status { Ok, DiskFull, IoError };

    // One atomic write. Destroying it without commit() discards everything written.
    class Writer
    {
    public:
        Writer(const QString &path, const QString &directory);
        bool open();
        bool write(QByteArrayView data);
        // Flushes everything to disk (the slow part, for the thread pool) without naming it.
        bool stage();
        // Names the file (fast after stage(): fsync of clean data, link, rename).
        bool commit();
        void cancel();
        qint64 size() const { return m_size; }
        Status status() const { return m_status; }
        QString errorString() const { return m_error; }

    private:
        bool failed();
        QSaveFile m_file;
        QString m_directory;
        qint64 m_size = 0;
        Status m_status = Status::Ok;
        QString m_error;
    };

    explicit BlobStore(const QString &directory);

    const QString &directory() const { return m_directory; }

    // A fresh random name (128 bits, URL-safe), valid for isValidName().
    static QString newName();
    // Names this class creates or accepts: [A-Za-z0-9_-]{1,128}. Anything else is refused, so a
    // name can never leave the directory.
    static bool isValidName(QStringView name);
    // The file's path, or an empty string for an invalid name.
    QString path(const QString &name) const;

    // Starts an atomic write of `name` (the directory is created if needed); nullptr for an
    // invalid name.
    std::unique_ptr<Writer> create(const QString &name) const;
    // Writes `data` as `name` atomically in one call.
    Status write(const QString &name, QByteArrayView data, QString *error = nullptr) const;

    // Removes files now; true if every one is gone afterwards (a missing file counts as gone).
    bool remove(const QStringList &names) const;
    // Removes them on the thread pool: for request handlers, which must not wait for the disk.
    void removeLater(const QStringList &names) const;

    // Files under a valid name now (list them *before* reading which rows exist: a name appears
    // only after its row was committed, so a name listed first and missing from rows read later
    // is an orphan for sure).
    QSet<QString> names() const;
    // Removes the files of `listed` not in `referenced`, and other files of the directory
    // (temporaries, anything we did not make) last modified more than `temporaryGraceSeconds`
    // ago. Returns how many were removed.
    int sweepOrphans(const QSet<QString> &listed, const QSet<QString> &referenced,
                     qint64 temporaryGraceSeconds) const;

private:
    QString m_directory;
};

} // namespace depot
