#include "endpoints/EndpointsTable.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace depot {
namespace {

QDateTime timeOf(const QVariant &value)
{
    return value.isNull() ? QDateTime()
                          : QDateTime::fromSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

QVariant nullableText(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

} // namespace

QString EndpointsTable::jsonText(const QJsonValue &value)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

QJsonValue EndpointsTable::parseJsonText(const QString &text)
{
    if (text.isEmpty())
        return QJsonValue::Null;
    const QJsonDocument doc = QJsonDocument::fromJson('[' + text.toUtf8() + ']');
    return doc.array().isEmpty() ? QJsonValue(QJsonValue::Null) : doc.array().first();
}

QVariant EndpointsTable::mockText(const Endpoint &e)
{
    // Plain endpoints keep NULL: the hot path then skips the JSON entirely.
    if (!e.isMock())
        return QVariant(QMetaType::fromType<QString>());
    QJsonObject mock = e.mockJson();
    mock.insert(QStringLiteral("latency_max"), e.latencyMax);
    return QString::fromUtf8(QJsonDocument(mock).toJson(QJsonDocument::Compact));
}

QString EndpointsTable::columns()
{
    return QStringLiteral(
        "e.id, e.userid, u.username, e.identifier, e.method, e.kind, e.body, e.response, "
        "e.latency, "
        "e.headers, e.status_code, e.file_path, e.file_name, e.content_type, e.size, e.etag, "
        "e.content_time, e.created_at, e.updated_at, e.expires_at, e.mock, u.cors_default");
}

EndpointRow EndpointsTable::fromRow(const Row &r)
{
    EndpointRow row;
    Endpoint &e = row.endpoint;
    e.id = r[0].toLongLong();
    row.userId = r[1].toLongLong();
    row.username = r[2].toString();
    e.identifier = r[3].toString();
    e.method = r[4].toString();
    e.kind = Endpoint::kindFromName(r[5].toString()).value_or(Endpoint::Kind::Json);
    e.body = r[6].isNull() ? QJsonValue(QJsonValue::Null) : parseJsonText(r[6].toString());
    e.response = parseJsonText(r[7].toString());
    row.responseJson = r[7].toString().toUtf8();
    e.latency = r[8].toInt();
    e.headers = QJsonDocument::fromJson(r[9].toString().toUtf8()).object();
    e.statusCode = r[10].toInt();
    row.filePath = r[11].toString();
    e.fileName = r[12].toString();
    e.contentType = r[13].toString();
    e.size = r[14].toLongLong();
    row.etag = r[15].toString();
    row.contentTime = r[16].toLongLong();
    e.createdAt = timeOf(r[17]);
    e.updatedAt = timeOf(r[18]);
    e.expiresAt = timeOf(r[19]);
    row.ownerCorsDefault = r[21].toInt() != 0;
    if (!r[20].isNull()) {
        row.mockText = r[20].toString();
        // Every hit of a mock reads this column: parse each stored version once per thread.
        thread_local QHash<QString, QJsonObject> parsed;
        auto it = parsed.constFind(row.mockText);
        if (it == parsed.constEnd()) {
            if (parsed.size() >= 1000)
                parsed.clear();
            it = parsed.insert(row.mockText,
                               QJsonDocument::fromJson(row.mockText.toUtf8()).object());
        }
        e.setMockJson(*it);
        e.latencyMax = it->value(QLatin1String("latency_max")).toInt();
    }
    return row;
}

QVariantList EndpointsTable::binds(const EndpointRow &row) const
{
    const Endpoint &e = row.endpoint;
    return {e.identifier,
            e.method,
            Endpoint::kindName(e.kind),
            e.body.isNull() || e.body.isUndefined() ? QVariant(QMetaType::fromType<QString>())
                                                    : QVariant(jsonText(e.body)),
            jsonText(e.response.isUndefined() ? QJsonValue(QJsonValue::Null) : e.response),
            e.latency,
            QString::fromUtf8(QJsonDocument(e.headers).toJson(QJsonDocument::Compact)),
            e.statusCode,
            nullableText(row.filePath),
            nullableText(e.fileName),
            nullableText(e.contentType),
            e.size,
            nullableText(row.etag),
            row.contentTime,
            e.updatedAt.toSecsSinceEpoch(),
            e.expiresAt.toSecsSinceEpoch(),
            mockText(e)};
}

std::optional<EndpointRow> EndpointsTable::find(qint64 userId, qint64 id)
{
    const auto row =
        m_db.selectOne(QStringLiteral("SELECT ") + columns() +
                           QStringLiteral(" FROM endpoints e JOIN users u ON u.id = e.userid "
                                          "WHERE e.id = ? AND e.userid = ?"),
                       {id, userId});
    if (!row)
        return std::nullopt;
    return fromRow(*row);
}

std::optional<EndpointRow> EndpointsTable::findPublic(const QString &username,
                                                      const QString &identifier)
{
    const auto row =
        m_db.selectOne(QStringLiteral("SELECT ") + columns() +
                           QStringLiteral(" FROM endpoints e JOIN users u ON u.id = e.userid "
                                          "WHERE u.username = ? AND e.identifier = ?"),
                       {username, identifier});
    if (!row)
        return std::nullopt;
    return fromRow(*row);
}

std::optional<EndpointRow> EndpointsTable::findServing(const QString &username, const QString &path,
                                                       QString *rest)
{
    rest->clear();
    if (const auto exact = findPublic(username, path))
        return exact;
    // a/b/c: a/b/* then a/*, in one statement
    const QStringList segments = path.split(u'/');
    QVariantList binds{username};
    QStringList marks;
    for (qsizetype n = segments.size() - 1; n >= 1; --n) {
        binds.append(QString(segments.mid(0, n).join(u'/') + QStringLiteral("/*")));
        marks.append(QStringLiteral("?"));
    }
    if (marks.isEmpty())
        return std::nullopt;
    const auto row = m_db.selectOne(
        QStringLiteral("SELECT ") + columns() +
            QStringLiteral(" FROM endpoints e JOIN users u ON u.id = e.userid WHERE u.username "
                           "= ? AND e.identifier IN (") +
            marks.join(u',') + QStringLiteral(") ORDER BY LENGTH(e.identifier) DESC LIMIT 1"),
        binds);
    if (!row)
        return std::nullopt;
    EndpointRow out = fromRow(*row);
    *rest = path.mid(out.endpoint.identifier.size() - 1); // the prefix and its '/'
    return out;
}

QList<EndpointRow> EndpointsTable::list(qint64 userId, int limit, int offset)
{
    QList<EndpointRow> out;
    const QList<Row> rows = m_db.select(
        QStringLiteral("SELECT ") + columns() +
            QStringLiteral(" FROM endpoints e JOIN users u ON u.id = e.userid WHERE e.userid = ? "
                           "ORDER BY e.id LIMIT ? OFFSET ?"),
        {userId, limit, offset});
    for (const Row &row : rows)
        out.append(fromRow(row));
    return out;
}

int EndpointsTable::count(qint64 userId)
{
    const auto row =
        m_db.selectOne(QStringLiteral("SELECT COUNT(*) FROM endpoints WHERE userid = ?"), {userId});
    return row ? row->at(0).toInt() : 0;
}

qint64 EndpointsTable::insert(const EndpointRow &row)
{
    QVariantList values{row.userId};
    values.append(binds(row));
    values.append(row.endpoint.createdAt.toSecsSinceEpoch());
    const qint64 id = m_db.insert(
        QStringLiteral(
            "INSERT INTO endpoints (userid, identifier, method, kind, body, response, latency, "
            "headers, status_code, file_path, file_name, content_type, size, etag, "
            "content_time, updated_at, expires_at, mock, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
        values);
    m_db.changed(ChangeTopic::Endpoints);
    return id;
}

bool EndpointsTable::update(const EndpointRow &row, QString *previousFile)
{
    // The old path is read and replaced in one write transaction, so of two concurrent content
    // replacements each learns the file the other one superseded and none is left behind.
    Database::Transaction tx(m_db);
    const QString lock =
        m_db.dialect() == Database::Dialect::Postgres ? QStringLiteral(" FOR UPDATE") : QString();
    const auto old = m_db.selectOne(
        QStringLiteral("SELECT file_path FROM endpoints WHERE id = ? AND userid = ?") + lock,
        {row.endpoint.id, row.userId});
    if (!old)
        return false;
    QVariantList values = binds(row);
    values << row.endpoint.id << row.userId;
    m_db.execute(
        QStringLiteral("UPDATE endpoints SET identifier = ?, method = ?, kind = ?, body = ?, "
                       "response = ?, latency = ?, headers = ?, status_code = ?, file_path = ?, "
                       "file_name = ?, content_type = ?, size = ?, etag = ?, content_time = ?, "
                       "updated_at = ?, expires_at = ?, mock = ? WHERE id = ? AND userid = ?"),
        values);
    // A changed endpoint starts its sequence again.
    m_db.execute(QStringLiteral("DELETE FROM endpoint_state WHERE endpoint_id = ?"),
                 {row.endpoint.id});
    m_db.changed(ChangeTopic::Endpoints);
    tx.commit();
    if (previousFile)
        *previousFile = old->at(0).toString();
    return true;
}

std::optional<QString> EndpointsTable::remove(qint64 userId, qint64 id)
{
    const auto row = m_db.selectOne(
        QStringLiteral("DELETE FROM endpoints WHERE id = ? AND userid = ? RETURNING file_path"),
        {id, userId});
    if (!row)
        return std::nullopt;
    m_db.changed(ChangeTopic::Endpoints);
    return row->at(0).toString();
}

QList<QPair<qint64, QString>> EndpointsTable::expired(qint64 now, int limit)
{
    QList<QPair<qint64, QString>> out;
    const QList<Row> rows =
        m_db.select(QStringLiteral("SELECT id, file_path FROM endpoints WHERE expires_at <= ? "
                                   "ORDER BY expires_at LIMIT ?"),
                    {now, limit});
    for (const Row &row : rows)
        out.append({row[0].toLongLong(), row[1].toString()});
    return out;
}

bool EndpointsTable::removeExpired(qint64 id, qint64 now)
{
    const bool removed =
        m_db.execute(QStringLiteral("DELETE FROM endpoints WHERE id = ? AND expires_at <= ?"),
                     {id, now}) > 0;
    if (removed)
        m_db.changed(ChangeTopic::Endpoints);
    return removed;
}

QList<QPair<qint64, QString>> EndpointsTable::withFiles()
{
    QList<QPair<qint64, QString>> out;
    const QList<Row> rows = m_db.select(
        QStringLiteral("SELECT id, file_path FROM endpoints WHERE file_path IS NOT NULL"));
    for (const Row &row : rows)
        out.append({row[0].toLongLong(), row[1].toString()});
    return out;
}

bool EndpointsTable::removeIfFile(qint64 id, const QString &filePath, qint64 changedBefore)
{
    const bool removed =
        m_db.execute(QStringLiteral("DELETE FROM endpoints WHERE id = ? AND file_path = ? AND "
                                    "updated_at < ?"),
                     {id, filePath, changedBefore}) > 0;
    if (removed)
        m_db.changed(ChangeTopic::Endpoints);
    return removed;
}

ReaperSource EndpointsTable::reaperSource()
{
    ReaperSource source;
    source.name = QStringLiteral("endpoints");
    source.directory = QStringLiteral("endpoints");
    source.removeExpired = [](Database &db, qint64 now, int limit, QStringList *files) {
        EndpointsTable table(db);
        const auto expired = table.expired(now, limit);
        for (const auto &[id, file] : expired) {
            if (table.removeExpired(id, now) && !file.isEmpty())
                files->append(file);
        }
        return int(expired.size());
    };
    source.filesInUse = [](Database &db) { return EndpointsTable(db).withFiles(); };
    source.removeRow = [](Database &db, qint64 id, const QString &file, qint64 before) {
        return EndpointsTable(db).removeIfFile(id, file, before);
    };
    return source;
}

UserContentSource EndpointsTable::userContentSource()
{
    UserContentSource source;
    source.name = QStringLiteral("endpoints");
    source.removeForUser = [](Database &db, qint64 userId, QStringList *paths) {
        db.execute(QStringLiteral("DELETE FROM endpoint_requests WHERE userid = ?"), {userId});
        db.execute(QStringLiteral("DELETE FROM endpoint_state WHERE endpoint_id IN (SELECT id "
                                  "FROM endpoints WHERE userid = ?)"),
                   {userId});
        const QList<Row> rows = db.select(
            QStringLiteral("DELETE FROM endpoints WHERE userid = ? RETURNING file_path"), {userId});
        for (const Row &row : rows) {
            if (!row.at(0).toString().isEmpty())
                paths->append(row.at(0).toString());
        }
    };
    return source;
}

} // namespace depot
