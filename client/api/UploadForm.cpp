#include "api/UploadForm.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHttpMultiPart>
#include <QMimeDatabase>

namespace depot {

QHttpMultiPart *UploadForm::create(const Fields &fields, const QString &filePath, QString *error)
{
    auto *multiPart = new QHttpMultiPart(QHttpMultiPart::FormDataType);
    for (const auto &field : fields) {
        QHttpPart part;
        part.setRawHeader("Content-Disposition",
                          "form-data; name=\"" + field.first.toLatin1() + '"');
        part.setBody(field.second.toUtf8());
        multiPart->append(part);
    }
    if (filePath.isEmpty())
        return multiPart;

    auto *file = new QFile(filePath, multiPart);
    if (!file->open(QIODevice::ReadOnly)) {
        if (error) {
            *error = QCoreApplication::translate("depot::UploadForm", "Cannot read %1: %2")
                         .arg(QFileInfo(filePath).fileName(), file->errorString());
        }
        delete multiPart;
        return nullptr;
    }
    const QString mimeType = QMimeDatabase().mimeTypeForFile(filePath).name();
    QHttpPart filePart;
    filePart.setRawHeader("Content-Disposition",
                          "form-data; name=\"file\"; filename=" +
                              quotedFileName(QFileInfo(filePath).fileName()));
    filePart.setRawHeader("Content-Type", mimeType.toLatin1());
    filePart.setBodyDevice(file);
    multiPart->append(filePart);
    return multiPart;
}

QByteArray UploadForm::quotedFileName(const QString &name)
{
    QByteArray result = "\"";
    const QByteArray utf8 = name.toUtf8();
    for (char c : utf8) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            continue;
        if (c == '"' || c == '\\')
            result += '\\';
        result += c;
    }
    result += '"';
    return result;
}

} // namespace depot
