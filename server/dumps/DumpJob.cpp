#include "dumps/DumpJob.h"
#include "config/Log.h"
#include "config/Metrics.h"
#include "config/OffThread.h"

#include "http/Guarded.h"

#include "codec/DumpCodec.h"
#include "store/Database.h"
#include "store/WriterThread.h"

#include <QDateTime>
#include <QDebug>
#include <QDir>
#include <QSet>

namespace depot {

DumpJob::DumpJob(ExchangePtr exchange, const Setup &setup, QList<DumpItem> items, QStringList hosts)
    : m_exchange(std::move(exchange)), m_setup(setup), m_hosts(std::move(hosts))
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

QStringList DumpJob::imageHosts(const QList<DumpItem> &items)
{
    QStringList hosts;
    QSet<QString> seen; // one copy of each host name
    for (const DumpItem &item : items) {
        for (const DumpImage &image : item.images)
            hosts.append(*seen.insert(QUrl(image.url, QUrl::StrictMode).host()));
    }
    return hosts;
}

QList<ImageFetchRequest> DumpJob::fetchRequests()
{
    const QString dir =
        QDir(m_setup.filesDir)
            .filePath(DumpsTable::imageDirectory(m_setup.userId, m_setup.requestId));
    const QStringList hosts = std::exchange(m_hosts, {});
    QList<ImageFetchRequest> requests;
    requests.reserve(m_positions.size());
    for (qsizetype i = 0; i < m_positions.size(); ++i) {
        const auto [item, image] = m_positions.at(i);
        const DumpImage &entry = m_result.items.at(item).images.at(image);
        const QString path = dir + QLatin1Char('/') + QString::number(entry.imageId);
        if (i < hosts.size()) // the URL's text is shared, not copied
            requests.append({QUrl(), path, entry.url, hosts.at(i)});
        else
            requests.append({QUrl(entry.url, QUrl::StrictMode), path, {}, {}});
    }
    return requests;
}

bool DumpJob::record(int index, const ImageFetchResult &outcome)
{
    if (index < 0 || index >= m_positions.size() || m_done.at(index))
        return false;
    m_done[index] = true;
    ++m_doneCount;
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

void DumpJob::finish(const QList<ImageFetchResult> &results, WriterThread &writer, QObject *context,
                     std::function<void()> stored)
{
    for (int i = 0; i < results.size(); ++i)
        record(i, results.at(i));
    if (m_stored)
        return;
    prepareStore();
    // Copies of implicitly shared data: the job may be gone when the writer runs.
    runOffThread(
        context,
        [&writer, setup = m_setup, result = m_result, files = m_files] {
            return store(writer.database(), setup, result, files);
        },
        [self = shared_from_this(), context,
         stored = std::move(stored)](const StoreOutcome &outcome) {
            self->logStored(outcome);
            if (outcome.error) {
                self->m_exchange->fail(*outcome.error);
                return;
            }
            stored();
            self->answer(context);
        },
        writer.pool());
}

void DumpJob::abandon(Database &db)
{
    for (int i = 0; i < m_positions.size(); ++i)
        record(i, ImageFetchResult::failure(ImageFetchResult::Cause::Cancelled));
    if (!m_stored) {
        prepareStore();
        logStored(store(db, m_setup, m_result, m_files));
    }
    m_exchange->fail(ApiError::unavailable(tr("the server is shutting down"), 5));
}

void DumpJob::prepareStore()
{
    m_stored = true;
    m_result.finishedAt = QDateTime::currentDateTimeUtc();
}

DumpJob::StoreOutcome DumpJob::store(Database &db, const Setup &setup, const DumpResult &result,
                                     const QList<StoredImage> &files)
{
    StoreOutcome outcome;
    try {
        DumpsTable(db).finish(setup.requestId, result, files);
        return outcome;
    } catch (const DbError &e) {
        outcome.error = apiErrorFor(e);
        outcome.message = tr("dump %1: cannot store the result: %2")
                              .arg(setup.requestId)
                              .arg(QString::fromUtf8(e.what()));
    }
    try {
        if (DumpsTable(db).exists(setup.requestId))
            return outcome;
    } catch (const DbError &) {
        return outcome; // unknown: the files stay (and are served again once the row is readable)
    }
    const QDir images(QDir(setup.filesDir).filePath(QStringLiteral("images")));
    const QString userDir = images.filePath(QString::number(setup.userId));
    const QString requestDir = QDir(userDir).filePath(QString::number(setup.requestId));
    qCInfo(lcDumps).noquote()
        << tr("dump %1: its account is gone, its images are removed").arg(setup.requestId);
    QDir(requestDir).removeRecursively(); // not on a worker: on the writer or at shutdown
    QDir().rmdir(userDir);                // only when empty: the account's last request
    return outcome;
}

void DumpJob::logStored(const StoreOutcome &outcome)
{
    if (outcome.error) {
        qCWarning(lcDumps).noquote() << outcome.message;
        return;
    }
    int succeeded = 0;
    for (const DumpItem &item : std::as_const(m_result.items)) {
        for (const DumpImage &image : item.images)
            succeeded += image.status == DumpStatus::Success;
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

void DumpJob::answer(QObject *context)
{
    if (m_exchange->responded())
        return;
    const DumpFormat format = m_setup.answerFormat;
    runOffThread(
        context,
        // A copy: the job may be gone when this runs (shared data, counted atomically).
        [result = m_result, format] { return DumpCodec::serializeResult(result, format); },
        [exchange = m_exchange, format, headers = m_setup.answerHeaders,
         requestId = m_setup.requestId](const QByteArray &document) {
            if (exchange->responded())
                return;
            HttpResponse response =
                HttpResponse::bytes(201, DumpCodec::contentType(format), document);
            response.headers.append(headers);
            response.setHeader("Location", "/api/v1/dumps/" + QByteArray::number(requestId));
            exchange->respond(std::move(response));
        });
}

} // namespace depot
