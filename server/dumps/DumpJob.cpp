#include "dumps/DumpJob.h"
#include "config/Log.h"
#include "config/Metrics.h"

#include "http/Guarded.h"

#include "codec/DumpCodec.h"
#include "store/Database.h"

#include <QDateTime>
#include <QDebug>
#include <QDir>
#include <QThreadPool>

namespace depot {

DumpJob::DumpJob(ExchangePtr exchange, const Setup &setup, QList<DumpItem> items)
    : m_exchange(std::move(exchange)), m_setup(setup)
{
    m_clock.start();
    number(items);
    m_result.requestId = setup.requestId;
    m_result.dataformat = setup.requestFormat;
    m_result.createdAt = QDateTime::fromSecsSinceEpoch(setup.createdAt, Qt::UTC);
    m_result.items = std::move(items);
    for (qsizetype i = 0; i < m_result.items.size(); ++i) {
        for (qsizetype j = 0; j < m_result.items.at(i).images.size(); ++j)
            m_positions.append({i, j});
    }
    m_files.resize(m_positions.size());
    m_done.fill(false, m_positions.size());
}

void DumpJob::number(QList<DumpItem> &items)
{
    qint64 imageId = 0;
    for (qsizetype i = 0; i < items.size(); ++i) {
        items[i].itemId = i + 1;
        for (DumpImage &image : items[i].images) {
            image.imageId = ++imageId;
            image.status = DumpStatus::Pending;
        }
    }
}

QList<ImageFetchRequest> DumpJob::fetchRequests() const
{
    const QString dir =
        QDir(m_setup.filesDir)
            .filePath(DumpsTable::imageDirectory(m_setup.userId, m_setup.requestId));
    QList<ImageFetchRequest> requests;
    requests.reserve(m_positions.size());
    for (const auto &[item, image] : m_positions) {
        const DumpImage &entry = m_result.items.at(item).images.at(image);
        requests.append({QUrl(entry.url, QUrl::StrictMode),
                         dir + QLatin1Char('/') + QString::number(entry.imageId)});
    }
    return requests;
}

bool DumpJob::record(int index, const ImageFetchResult &outcome)
{
    if (index < 0 || index >= m_positions.size() || m_done.at(index))
        return false;
    m_done[index] = true;
    const auto [item, position] = m_positions.at(index);
    DumpImage &image = m_result.items[item].images[position];
    image.httpCode = 0;
    image.error.clear();
    image.contentType.clear();
    Metrics::imageFetches.add(outcome.ok ? QByteArrayLiteral("ok")
                                         : ImageFetchResult::causeText(outcome.cause).toUtf8());
    if (outcome.ok) {
        image.status = DumpStatus::Success;
        image.contentType = outcome.mediaType;
        m_files[index] = {QDir(m_setup.filesDir).relativeFilePath(outcome.filePath),
                          outcome.mediaType, outcome.size};
        return true;
    }
    image.status = DumpStatus::Failure;
    if (outcome.cause == ImageFetchResult::Cause::HttpError) {
        image.httpCode = outcome.httpCode;
        return true;
    }
    // The stable cause only: details (file system paths, OS messages) stay in the server log.
    image.error = ImageFetchResult::causeText(outcome.cause);
    if (outcome.error != image.error)
        qCWarning(lcDumps).noquote() << tr("dump %1 image %2: %3")
                                            .arg(m_setup.requestId)
                                            .arg(image.imageId)
                                            .arg(outcome.error);
    return true;
}

QJsonObject DumpJob::imageEvent(qint64 requestId, qint64 itemId, const DumpImage &image, int done,
                                int imageCount)
{
    QJsonObject event{{QStringLiteral("type"), QStringLiteral("image")},
                      {QStringLiteral("requestId"), QString::number(requestId)},
                      {QStringLiteral("itemId"), itemId},
                      {QStringLiteral("imageId"), image.imageId},
                      {QStringLiteral("url"), image.url},
                      {QStringLiteral("status"), dumpStatusName(image.status)},
                      {QStringLiteral("done"), done},
                      {QStringLiteral("image_count"), imageCount}};
    if (image.httpCode > 0)
        event.insert(QStringLiteral("httpCode"), image.httpCode);
    if (!image.error.isEmpty())
        event.insert(QStringLiteral("error"), image.error);
    return event;
}

QJsonObject DumpJob::endEvent(qint64 requestId, const QString &status, int imageCount,
                              int imagesSucceeded)
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("end")},
                       {QStringLiteral("requestId"), QString::number(requestId)},
                       {QStringLiteral("status"), status},
                       {QStringLiteral("image_count"), imageCount},
                       {QStringLiteral("images_succeeded"), imagesSucceeded}};
}

QJsonObject DumpJob::imageEventAt(int index) const
{
    const auto [item, position] = m_positions.at(index);
    return imageEvent(m_setup.requestId, m_result.items.at(item).itemId,
                      m_result.items.at(item).images.at(position), doneCount(), imageCount());
}

QJsonObject DumpJob::endEvent() const
{
    int succeeded = 0;
    for (const DumpItem &item : m_result.items) {
        for (const DumpImage &image : item.images)
            succeeded += image.status == DumpStatus::Success;
    }
    return endEvent(m_setup.requestId, dumpStatusName(m_result.status()), imageCount(), succeeded);
}

void DumpJob::finish(Database &db, const QList<ImageFetchResult> &results)
{
    for (int i = 0; i < results.size(); ++i)
        record(i, results.at(i));
    store(db);
    answer();
}

void DumpJob::abandon(Database &db)
{
    for (int i = 0; i < m_positions.size(); ++i)
        record(i, ImageFetchResult::failure(ImageFetchResult::Cause::Cancelled));
    store(db);
    m_exchange->fail(ApiError::unavailable(tr("the server is shutting down"), 5));
}

void DumpJob::store(Database &db)
{
    if (m_stored)
        return;
    m_stored = true;
    m_result.finishedAt = QDateTime::currentDateTimeUtc();
    int succeeded = 0;
    for (const DumpItem &item : std::as_const(m_result.items)) {
        for (const DumpImage &image : item.images)
            succeeded += image.status == DumpStatus::Success;
    }
    try {
        DumpsTable(db).finish(m_setup.requestId, m_result, m_files);
    } catch (const DbError &e) {
        qCWarning(lcDumps).noquote() << tr("dump %1: cannot store the result: %2")
                                            .arg(m_setup.requestId)
                                            .arg(QString::fromUtf8(e.what()));
        discardIfOrphaned(db);
        m_exchange->fail(apiErrorFor(e));
        return;
    }
    qCInfo(lcDumps).noquote() << tr("dump %1 user %2: %3 items, %4 of %5 images stored in %6 ms%7")
                                     .arg(m_setup.requestId)
                                     .arg(m_setup.userId)
                                     .arg(m_result.items.size())
                                     .arg(succeeded)
                                     .arg(m_positions.size())
                                     .arg(m_clock.elapsed())
                                     .arg(m_exchange->clientGone() ? tr(" (client gone)")
                                                                   : QString());
}

void DumpJob::discardIfOrphaned(Database &db)
{
    try {
        if (DumpsTable(db).exists(m_setup.requestId))
            return;
    } catch (const DbError &) {
        return; // unknown: the files stay (and are served again once the row is readable)
    }
    const QDir images(QDir(m_setup.filesDir).filePath(QStringLiteral("images")));
    const QString userDir = images.filePath(QString::number(m_setup.userId));
    const QString requestDir = QDir(userDir).filePath(QString::number(m_setup.requestId));
    qCInfo(lcDumps).noquote()
        << tr("dump %1: its account is gone, its images are removed").arg(m_setup.requestId);
    // On the thread pool: the worker's event loop never waits for the disk.
    QThreadPool::globalInstance()->start([requestDir, userDir] {
        QDir(requestDir).removeRecursively();
        QDir().rmdir(userDir); // only when empty: the account's last request
    });
}

void DumpJob::answer()
{
    if (m_exchange->responded())
        return;
    HttpResponse response =
        HttpResponse::bytes(201, DumpCodec::contentType(m_setup.answerFormat),
                            DumpCodec::serializeResult(m_result, m_setup.answerFormat));
    response.headers.append(m_setup.answerHeaders);
    response.setHeader("Location", "/api/v1/dumps/" + QByteArray::number(m_setup.requestId));
    m_exchange->respond(std::move(response));
}

} // namespace depot
