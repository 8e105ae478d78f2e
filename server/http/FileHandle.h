#pragma once

#include <QString>

#include <memory>

namespace depot {

// An open, read-only file descriptor, closed with the last reference. Opened before a body is
// sent, it keeps the file readable even if its name is removed meanwhile.
class FileHandle
{
public:
    FileHandle(int fd, qint64 size, QString path) : m_fd(fd), m_size(size), m_path(std::move(path))
    {
    }
    ~FileHandle();
    FileHandle(const FileHandle &) = delete;
    FileHandle &operator=(const FileHandle &) = delete;

    // Opens `path` read-only with one fstat; null (errno set) if that fails or it is no regular
    // file.
    static std::shared_ptr<FileHandle> open(const QString &path);

    int fd() const { return m_fd; }
    qint64 size() const { return m_size; } // when it was opened
    const QString &path() const { return m_path; }

private:
    int m_fd;
    qint64 m_size;
    QString m_path;
};

} // namespace depot
