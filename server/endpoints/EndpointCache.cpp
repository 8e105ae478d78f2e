#include "endpoints/EndpointCache.h"

#include "accounts/AccountRules.h"
#include "accounts/UsersTable.h"

namespace depot {
namespace {

QByteArray allowHeader(const QStringList &accepted)
{
    QStringList methods = accepted;
    if (methods.contains(u"GET"))
        methods.insert(methods.indexOf(u"GET") + 1, QStringLiteral("HEAD"));
    methods.append(QStringLiteral("OPTIONS"));
    return methods.join(QStringLiteral(", ")).toLatin1();
}

// What an entry costs, roughly: its texts, their parsed forms and the containers around them.
qint64 costOf(const QString &key, const EndpointLookup &lookup)
{
    qint64 bytes = 512 + 2 * key.size() + 2 * lookup.rest.size();
    if (const auto &c = lookup.endpoint) {
        bytes += 1024 + 3 * c->row.responseJson.size() + 6 * c->row.mockText.size();
        if (c->answer)
            bytes += c->answer->head.size() + c->answer->body.size();
        if (c->file) // an open descriptor: a few hundred per worker at most
            bytes += 16 * 1024;
    }
    return bytes;
}

} // namespace

EndpointCache::EndpointCache(Database &db, qint64 budgetBytes, Prepare prepare)
    : m_db(db), m_watch(db), m_budget(budgetBytes), m_prepare(std::move(prepare))
{
}

void EndpointCache::clear()
{
    m_haveLast = false;
    m_index.clear();
    m_lru.clear();
    m_bytes = 0;
}

EndpointLookup EndpointCache::load(const QString &username, const QString &path)
{
    EndpointLookup out;
    auto row = EndpointsTable(m_db).findServing(username, path, &out.rest);
    if (!row) {
        if (const auto user = UsersTable(m_db).findByName(username))
            out.ownerId = user->id;
        return out;
    }
    auto cached = std::make_shared<CachedEndpoint>();
    cached->row = std::move(*row);
    cached->methods = cached->row.endpoint.acceptedMethods();
    cached->allow = allowHeader(cached->methods);
    if (m_prepare)
        m_prepare(*cached);
    out.endpoint = std::move(cached);
    return out;
}

EndpointLookup EndpointCache::find(const QString &username, const QString &path)
{
    // The generation first, the rows after: a change committed after this read moves the
    // generation again, so what is read below is never kept past it.
    const quint64 generation = m_watch.generation(ChangeTopic::Endpoints);
    if (!m_filled || generation != m_generation) {
        clear();
        m_generation = generation;
        m_filled = true;
    }
    // Names that no endpoint can have ("..", NUL, 300 characters) never reach the database and
    // are not kept; checked on a miss only, since only valid names are ever kept.
    const auto valid = [&] {
        return AccountRules::isValidUsername(username) && Endpoint::isValidIdentifier(path);
    };
    if (m_budget <= 0)
        return valid() ? load(username, path) : EndpointLookup{};
    if (m_haveLast && m_lastUser == username && m_lastPath == path) {
        m_lru.splice(m_lru.begin(), m_lru, m_last);
        return m_last->lookup;
    }
    QString key = username;
    key += u'/';
    key += path;
    const auto it = m_index.constFind(key);
    if (it != m_index.constEnd()) {
        m_lru.splice(m_lru.begin(), m_lru, *it);
        m_lastUser = username;
        m_lastPath = path;
        m_last = *it;
        m_haveLast = true;
        return (*it)->lookup;
    }
    if (!valid())
        return {};
    EndpointLookup lookup = load(username, path);
    const qint64 bytes = costOf(key, lookup);
    if (bytes > m_budget / 4) // a huge answer is not worth a quarter of the cache
        return lookup;
    while (!m_lru.empty() && m_bytes + bytes > m_budget) {
        if (m_haveLast && m_last == std::prev(m_lru.end()))
            m_haveLast = false;
        m_bytes -= m_lru.back().bytes;
        m_index.remove(m_lru.back().key);
        m_lru.pop_back();
    }
    m_lru.push_front(Entry{key, lookup, bytes});
    m_index.insert(key, m_lru.begin());
    m_bytes += bytes;
    return lookup;
}

} // namespace depot
