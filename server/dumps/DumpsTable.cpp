#include "dumps/DumpsTable.h"
#include "config/CrashPoint.h"

#include <QDir>
#include <QHash>

namespace depot {

namespace {

// Rows per INSERT: 1,000 items and 20,000 images are a few dozen statements, well inside
// SQLite's 32,766 and PostgreSQL's 65,535 bound values per statement.
constexpr int kRowsPerInsert = 200;

const QString kRecordColumns = QStringLiteral(
    "r.id, r.userid, r.dataformat, r.status, r.created_at, r.finished_at, r.item_count, "
    "r.image_count, (SELECT COUNT(*) FROM dump_images d WHERE d.request_id = r.id AND d.status = "
    "'SUCCESS')");

// QtSql binds a null QString as NULL; the text columns are NOT NULL with '' for "none".
QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
}

} // namespace

QVariantMap DumpsTable::countColumns(int itemCount, int imageCount)
{
    return {{QStringLiteral("item_count"), itemCount}, {QStringLiteral("image_count"), imageCount}};
}

void DumpsTable::finish(qint64 requestId, const DumpResult &result, const QList<StoredImage> &files)
{
    // Image i of the request: (item, image) positions, in order.
    QList<QPair<qsizetype, qsizetype>> positions;
    for (qsizetype i = 0; i < result.items.size(); ++i) {
        for (qsizetype j = 0; j < result.items.at(i).images.size(); ++j)
            positions.append({i, j});
    }
    const qint64 finishedAt =
        result.finishedAt.isValid() ? result.finishedAt.toSecsSinceEpoch() : Database::now();
    Database::Transaction tx(m_db);
    m_db.insertRows(
        QStringLiteral("dump_items"),
        {QStringLiteral("request_id"), QStringLiteral("item_id"), QStringLiteral("name"),
         QStringLiteral("manufacturer"), QStringLiteral("brand"), QStringLiteral("category"),
         QStringLiteral("process_status")},
        result.items.size(),
        [&](qsizetype i, QVariantList &binds) {
            const DumpItem &item = result.items.at(i);
            binds << requestId << item.itemId << text(item.name) << text(item.manufacturer)
                  << text(item.brand) << text(item.category)
                  << dumpStatusName(item.processStatus());
        },
        kRowsPerInsert);
    m_db.insertRows(
        QStringLiteral("dump_images"),
        {QStringLiteral("request_id"), QStringLiteral("image_id"), QStringLiteral("item_id"),
         QStringLiteral("url"), QStringLiteral("status"), QStringLiteral("http_code"),
         QStringLiteral("error"), QStringLiteral("content_type"), QStringLiteral("file_path"),
         QStringLiteral("size")},
        positions.size(),
        [&](qsizetype i, QVariantList &binds) {
            const DumpItem &item = result.items.at(positions.at(i).first);
            const DumpImage &image = item.images.at(positions.at(i).second);
            const StoredImage file = files.value(i);
            binds << requestId << image.imageId << item.itemId << text(image.url)
                  << dumpStatusName(image.status) << image.httpCode << text(image.error)
                  << text(file.contentType) << text(file.filePath) << file.size;
        },
        kRowsPerInsert);
    crashPoint("dump-rows-written");
    m_db.execute(QStringLiteral("UPDATE requests SET status = ?, finished_at = ? WHERE id = ?"),
                 {dumpStatusName(result.status()), finishedAt, requestId});
    tx.commit();
}

DumpRecord DumpsTable::recordFromRow(const Row &row)
{
    DumpRecord record;
    record.id = row.at(0).toLongLong();
    record.userId = row.at(1).toLongLong();
    record.dataformat = dumpFormatFromName(row.at(2).toString()).value_or(DumpFormat::Json);
    record.status = row.at(3).toString();
    record.createdAt = row.at(4).toLongLong();
    record.finishedAt = row.at(5).isNull() ? 0 : row.at(5).toLongLong();
    record.itemCount = row.at(6).toInt();
    record.imageCount = row.at(7).toInt();
    record.imagesSucceeded = row.at(8).toInt();
    return record;
}

std::optional<DumpRecord> DumpsTable::find(qint64 userId, qint64 requestId)
{
    const auto row = m_db.selectOne(QStringLiteral("SELECT %1, r.data FROM requests r "
                                                   "WHERE r.id = ? AND r.userid = ?")
                                        .arg(kRecordColumns),
                                    {requestId, userId});
    if (!row)
        return std::nullopt;
    DumpRecord record = recordFromRow(*row);
    record.data = row->at(9).toByteArray();
    return record;
}

QList<DumpRecord> DumpsTable::list(qint64 userId, int limit, int offset)
{
    QList<DumpRecord> records;
    const QList<Row> rows =
        m_db.select(QStringLiteral("SELECT %1 FROM requests r WHERE r.userid = ? "
                                   "ORDER BY r.created_at DESC, r.id DESC LIMIT ? OFFSET ?")
                        .arg(kRecordColumns),
                    {userId, limit, offset});
    for (const Row &row : rows)
        records.append(recordFromRow(row));
    return records;
}

bool DumpsTable::exists(qint64 requestId)
{
    return m_db.selectOne(QStringLiteral("SELECT id FROM requests WHERE id = ?"), {requestId})
        .has_value();
}

int DumpsTable::count(qint64 userId)
{
    const auto row =
        m_db.selectOne(QStringLiteral("SELECT COUNT(*) FROM requests WHERE userid = ?"), {userId});
    return row ? row->at(0).toInt() : 0;
}

QList<DumpItem> DumpsTable::items(qint64 requestId)
{
    QList<DumpItem> items;
    QHash<qint64, qsizetype> byId;
    const QList<Row> itemRows = m_db.select(
        QStringLiteral("SELECT item_id, name, manufacturer, brand, category FROM dump_items "
                       "WHERE request_id = ? ORDER BY item_id"),
        {requestId});
    items.reserve(itemRows.size());
    for (const Row &row : itemRows) {
        DumpItem item;
        item.itemId = row.at(0).toLongLong();
        item.name = row.at(1).toString();
        item.manufacturer = row.at(2).toString();
        item.brand = row.at(3).toString();
        item.category = row.at(4).toString();
        byId.insert(item.itemId, items.size());
        items.append(item);
    }
    const QList<Row> imageRows = m_db.select(
        QStringLiteral("SELECT image_id, item_id, url, status, http_code, error, content_type "
                       "FROM dump_images WHERE request_id = ? ORDER BY image_id"),
        {requestId});
    for (const Row &row : imageRows) {
        const auto it = byId.constFind(row.at(1).toLongLong());
        if (it == byId.constEnd())
            continue;
        DumpImage image;
        image.imageId = row.at(0).toLongLong();
        image.url = row.at(2).toString();
        image.status = dumpStatusFromName(row.at(3).toString()).value_or(DumpStatus::Failure);
        image.httpCode = row.at(4).toInt();
        image.error = row.at(5).toString();
        image.contentType = row.at(6).toString();
        items[*it].images.append(image);
    }
    return items;
}

std::optional<StoredImage> DumpsTable::image(qint64 userId, qint64 requestId, qint64 imageId)
{
    const auto row = m_db.selectOne(
        QStringLiteral("SELECT d.file_path, d.content_type, d.size FROM dump_images d "
                       "JOIN requests r ON r.id = d.request_id "
                       "WHERE d.request_id = ? AND d.image_id = ? AND r.userid = ? "
                       "AND d.status = 'SUCCESS' AND d.file_path <> ''"),
        {requestId, imageId, userId});
    if (!row)
        return std::nullopt;
    StoredImage image;
    image.filePath = row->at(0).toString();
    image.contentType = row->at(1).toString();
    image.size = row->at(2).toLongLong();
    return image;
}

int DumpsTable::failAbandoned(qint64 before, qint64 now, int limit,
                              QList<QPair<qint64, qint64>> *closed)
{
    const QList<Row> rows =
        m_db.select(QStringLiteral("SELECT id, userid FROM requests WHERE status = 'PENDING' AND "
                                   "created_at < ? ORDER BY id LIMIT ?"),
                    {before, limit});
    for (const Row &row : rows) {
        // Only if it is still pending: a slow instance may have finished it meanwhile.
        const int changed =
            m_db.execute(QStringLiteral("UPDATE requests SET status = 'FAILURE', finished_at = ? "
                                        "WHERE id = ? AND status = 'PENDING'"),
                         {now, row.at(0)});
        if (changed > 0 && closed)
            closed->append({row.at(1).toLongLong(), row.at(0).toLongLong()});
    }
    return int(rows.size());
}

QString DumpsTable::imageDirectory(qint64 userId, qint64 requestId)
{
    return QStringLiteral("images/%1/%2").arg(userId).arg(requestId);
}

ReaperSource DumpsTable::reaperSource(const QString &filesDir, qint64 abandonAfterSeconds)
{
    ReaperSource source;
    source.name = QStringLiteral("abandoned dumps");
    source.directory = QStringLiteral("images");
    source.removeExpired = [filesDir, abandonAfterSeconds](Database &db, qint64 now, int limit,
                                                           QStringList *) {
        QList<QPair<qint64, qint64>> closed;
        const int found =
            DumpsTable(db).failAbandoned(now - abandonAfterSeconds, now, limit, &closed);
        // The dead instance's images of each request it closed: named as they arrived, never
        // in a row (the rows come with the result, which never came).
        for (const auto &[userId, requestId] : std::as_const(closed))
            QDir(QDir(filesDir).filePath(imageDirectory(userId, requestId))).removeRecursively();
        return found;
    };
    // No filesInUse: stored images stay as long as their request, nothing else is swept.
    return source;
}

UserContentSource DumpsTable::userContentSource()
{
    UserContentSource source;
    source.name = QStringLiteral("dumps");
    source.removeForUser = [](Database &db, qint64 userId, QStringList *paths) {
        const QString ofUser = QStringLiteral(" WHERE request_id IN (SELECT id FROM requests WHERE "
                                              "userid = ?)");
        db.execute(QStringLiteral("DELETE FROM dump_images") + ofUser, {userId});
        db.execute(QStringLiteral("DELETE FROM dump_items") + ofUser, {userId});
        // DumpJob's layout: images/<user id>/<request id>/<image id>
        paths->append(QStringLiteral("images/%1").arg(userId));
    };
    return source;
}

} // namespace depot
