#pragma once

#include <QList>
#include <QPair>
#include <QString>

class QHttpMultiPart;
class QObject;

namespace depot {

// Builds multipart/form-data bodies whose file part streams from disk.
class UploadForm
{
public:
    using Fields = QList<QPair<QString, QString>>;

    // Text fields plus an optional file part named "file". Returns nullptr and sets *error when
    // the file cannot be opened. The QFile is owned by the returned multipart.
    static QHttpMultiPart *create(const Fields &fields, const QString &filePath, QString *error);

    // The filename="..." parameter: quotes and backslashes escaped, control characters dropped.
    static QByteArray quotedFileName(const QString &name);
};

} // namespace depot
