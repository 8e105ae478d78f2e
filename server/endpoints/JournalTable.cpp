#include "endpoints/JournalTable.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStringDecoder>

namespace depot {
namespace {

QVariant nullable(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

// An empty text as '' (a null QString binds as NULL).
QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

QVariant nullableIndex(int index)
{
    return index < 0 ? QVariant(QMetaType::fromType<int>()) : QVariant(index);
}

QJsonValue indexValue(int index)
{
    return index < 0 ? QJsonValue() : QJsonValue(index);
}

} // namespace

QJsonObject JournalEntry::toJson() const
{
    QJsonArray headerList;
    for (const auto &[name, value] : headers)
        headerList.append(QJsonArray{name, value});
    QJsonObject out{
        {QStringLiteral("id"), double(id)},
        {QStringLiteral("endpoint_id"),
         endpointId > 0 ? QJsonValue(double(endpointId)) : QJsonValue()},
        {QStringLiteral("time"),
         QDateTime::fromMSecsSinceEpoch(atUs / 1000, Qt::UTC).toString(Qt::ISODateWithMs)},
        {QStringLiteral("method"), method},
        {QStringLiteral("path"), path},
        {QStringLiteral("query"), query},
        {QStringLiteral("headers"), headerList},
        {QStringLiteral("body_size"), double(bodySize)},
        {QStringLiteral("body_truncated"), bodyTruncated},
        {QStringLiteral("remote_address"), remote},
        {QStringLiteral("answered_by"), answeredBy},
        {QStringLiteral("rule"), indexValue(rule)},
        {QStringLiteral("sequence_index"), indexValue(sequenceIndex)},
        {QStringLiteral("status"), status},
        {QStringLiteral("fault"), fault.isEmpty() ? QJsonValue() : QJsonValue(fault)},
        {QStringLiteral("duration_ms"), double(durationUs) / 1000.0},
    };
    // Text when it is UTF-8, base64 otherwise (images, protobuf, ...).
    auto decoder = QStringDecoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder(body);
    if (!decoder.hasError()) {
        out.insert(QStringLiteral("body"), text);
        out.insert(QStringLiteral("body_encoding"), QStringLiteral("text"));
    } else {
        out.insert(QStringLiteral("body"), QString::fromLatin1(body.toBase64()));
        out.insert(QStringLiteral("body_encoding"), QStringLiteral("base64"));
    }
    return out;
}

QString JournalTable::scope(qint64 endpointId)
{
    return endpointId > 0 ? QStringLiteral("userid = ? AND endpoint_id = ?")
                          : QStringLiteral("userid = ? AND endpoint_id IS NULL");
}

QVariantList JournalTable::scopeBinds(qint64 userId, qint64 endpointId)
{
    return endpointId > 0 ? QVariantList{userId, endpointId} : QVariantList{userId};
}

namespace {

const QStringList kInsertColumns = {QStringLiteral("userid"),     QStringLiteral("endpoint_id"),
                                    QStringLiteral("at_us"),      QStringLiteral("method"),
                                    QStringLiteral("path"),       QStringLiteral("query"),
                                    QStringLiteral("headers"),    QStringLiteral("body"),
                                    QStringLiteral("body_size"),  QStringLiteral("body_truncated"),
                                    QStringLiteral("remote"),     QStringLiteral("answered_by"),
                                    QStringLiteral("rule"),       QStringLiteral("sequence_index"),
                                    QStringLiteral("status"),     QStringLiteral("fault"),
                                    QStringLiteral("duration_us")};

// Rows per INSERT: 17 values a row; bodies are at most 64 KiB each.
constexpr int kRowsPerInsert = 100;

void bindEntry(const JournalEntry &e, QVariantList &binds)
{
    QJsonArray headerList;
    for (const auto &[name, value] : e.headers)
        headerList.append(QJsonArray{name, value});
    binds << e.userId
          << (e.endpointId > 0 ? QVariant(e.endpointId) : QVariant(QMetaType::fromType<qint64>()))
          << e.atUs << text(e.method) << text(e.path) << text(e.query)
          << QString::fromUtf8(QJsonDocument(headerList).toJson(QJsonDocument::Compact)) << e.body
          << e.bodySize << (e.bodyTruncated ? 1 : 0) << text(e.remote) << text(e.answeredBy)
          << nullableIndex(e.rule) << nullableIndex(e.sequenceIndex) << e.status
          << nullable(e.fault) << e.durationUs;
}

} // namespace

qint64 JournalTable::insert(const JournalEntry &e)
{
    QVariantList binds;
    bindEntry(e, binds);
    return m_db.insert(
        QStringLiteral("INSERT INTO endpoint_requests (") +
            kInsertColumns.join(QStringLiteral(", ")) +
            QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                           "?) RETURNING id"),
        binds);
}

void JournalTable::insertAll(QList<JournalEntry> &entries)
{
    QList<qint64> ids;
    ids.reserve(entries.size());
    m_db.insertRows(
        QStringLiteral("endpoint_requests"), kInsertColumns, entries.size(),
        [&](qsizetype i, QVariantList &binds) { bindEntry(entries.at(i), binds); }, kRowsPerInsert,
        &ids);
    for (qsizetype i = 0; i < entries.size(); ++i)
        entries[i].id = ids.at(i);
}

void JournalTable::trim(qint64 userId, qint64 endpointId, int keep)
{
    QVariantList binds = scopeBinds(userId, endpointId);
    binds.append(scopeBinds(userId, endpointId));
    binds.append(keep);
    m_db.execute(QStringLiteral("DELETE FROM endpoint_requests WHERE ") + scope(endpointId) +
                     QStringLiteral(" AND id <= (SELECT id FROM endpoint_requests WHERE ") +
                     scope(endpointId) + QStringLiteral(" ORDER BY id DESC LIMIT 1 OFFSET ?)"),
                 binds);
}

namespace {

const QString kColumns = QStringLiteral(
    "SELECT id, userid, endpoint_id, at_us, method, path, query, headers, body, body_size, "
    "body_truncated, remote, answered_by, rule, sequence_index, status, fault, duration_us FROM "
    "endpoint_requests WHERE ");

JournalEntry entryFromRow(const Row &r)
{
    JournalEntry e;
    e.id = r[0].toLongLong();
    e.userId = r[1].toLongLong();
    e.endpointId = r[2].isNull() ? 0 : r[2].toLongLong();
    e.atUs = r[3].toLongLong();
    e.method = r[4].toString();
    e.path = r[5].toString();
    e.query = r[6].toString();
    for (const QJsonValue &pair : QJsonDocument::fromJson(r[7].toString().toUtf8()).array())
        e.headers.append({pair[0].toString(), pair[1].toString()});
    e.body = r[8].toByteArray();
    e.bodySize = r[9].toLongLong();
    e.bodyTruncated = r[10].toInt() != 0;
    e.remote = r[11].toString();
    e.answeredBy = r[12].toString();
    e.rule = r[13].isNull() ? -1 : r[13].toInt();
    e.sequenceIndex = r[14].isNull() ? -1 : r[14].toInt();
    e.status = r[15].toInt();
    e.fault = r[16].toString();
    e.durationUs = r[17].toLongLong();
    return e;
}

} // namespace

QList<JournalEntry> JournalTable::list(qint64 userId, qint64 endpointId, int limit, int offset)
{
    QVariantList binds = scopeBinds(userId, endpointId);
    binds << limit << offset;
    QList<JournalEntry> out;
    for (const Row &r : m_db.select(kColumns + scope(endpointId) +
                                        QStringLiteral(" ORDER BY at_us DESC, id DESC LIMIT ? "
                                                       "OFFSET ?"),
                                    binds))
        out.append(entryFromRow(r));
    return out;
}

QList<JournalEntry> JournalTable::after(qint64 userId, qint64 endpointId, qint64 afterId, int limit)
{
    QVariantList binds = scopeBinds(userId, endpointId);
    binds << afterId << limit;
    QList<JournalEntry> out;
    for (const Row &r : m_db.select(kColumns + scope(endpointId) +
                                        QStringLiteral(" AND id > ? ORDER BY id LIMIT ?"),
                                    binds))
        out.append(entryFromRow(r));
    return out;
}

qint64 JournalTable::lastId(qint64 userId, qint64 endpointId)
{
    const auto row = m_db.selectOne(QStringLiteral("SELECT MAX(id) FROM endpoint_requests WHERE ") +
                                        scope(endpointId),
                                    scopeBinds(userId, endpointId));
    return row && !row->at(0).isNull() ? row->at(0).toLongLong() : 0;
}

void JournalTable::notify(qint64 userId, qint64 endpointId)
{
    if (m_db.dialect() != Database::Dialect::Postgres)
        return;
    m_db.select(
        QStringLiteral("SELECT pg_notify(?, ?)"),
        {QString::fromLatin1(NotifyChannel), QStringLiteral("%1:%2").arg(userId).arg(endpointId)});
}

int JournalTable::count(qint64 userId, qint64 endpointId)
{
    const auto row = m_db.selectOne(
        QStringLiteral("SELECT COUNT(*) FROM endpoint_requests WHERE ") + scope(endpointId),
        scopeBinds(userId, endpointId));
    return row ? row->at(0).toInt() : 0;
}

int JournalTable::clear(qint64 userId, qint64 endpointId)
{
    return m_db.execute(QStringLiteral("DELETE FROM endpoint_requests WHERE ") + scope(endpointId),
                        scopeBinds(userId, endpointId));
}

qint64 SequenceTable::advance(qint64 endpointId)
{
    const auto row = m_db.selectOne(
        QStringLiteral("INSERT INTO endpoint_state (endpoint_id, position) VALUES (?, 0) "
                       "ON CONFLICT (endpoint_id) DO UPDATE SET position = "
                       "endpoint_state.position + 1 RETURNING position"),
        {endpointId});
    return row ? row->at(0).toLongLong() : 0;
}

void SequenceTable::reset(qint64 endpointId)
{
    m_db.execute(QStringLiteral("DELETE FROM endpoint_state WHERE endpoint_id = ?"), {endpointId});
}

} // namespace depot
