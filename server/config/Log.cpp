#include "config/Log.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

#include <atomic>
#include <cstdio>

namespace depot {

Q_LOGGING_CATEGORY(lcServer, "depot.server")
Q_LOGGING_CATEGORY(lcHttp, "depot.http")
Q_LOGGING_CATEGORY(lcGuard, "depot.guard")
Q_LOGGING_CATEGORY(lcAccounts, "depot.accounts")
Q_LOGGING_CATEGORY(lcEndpoints, "depot.endpoints")
Q_LOGGING_CATEGORY(lcDrop, "depot.drop")
Q_LOGGING_CATEGORY(lcDumps, "depot.dumps")

namespace {

std::atomic<Log::Format> currentFormat{Log::Format::Text};

const char *levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "debug";
    case QtInfoMsg:
        return "info";
    case QtWarningMsg:
        return "warning";
    case QtCriticalMsg:
        return "critical";
    case QtFatalMsg:
        return "fatal";
    }
    return "info";
}

QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

void writeLine(QByteArray line)
{
    line.append('\n');
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr); // one call: one line
    std::fflush(stderr);
}

// Qt's own default category is "default"; messages without a category are the server's.
QString categoryName(const char *category)
{
    if (!category || qstrcmp(category, "default") == 0)
        return QStringLiteral("depot.server");
    return QString::fromLatin1(category);
}

void handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (currentFormat.load() == Log::Format::Json) {
        const QJsonObject line{{QStringLiteral("time"), now()},
                               {QStringLiteral("level"), QLatin1String(levelName(type))},
                               {QStringLiteral("category"), categoryName(context.category)},
                               {QStringLiteral("message"), message}};
        writeLine(QJsonDocument(line).toJson(QJsonDocument::Compact));
    } else {
        QString text = message;
        text.replace(u'\\', QStringLiteral("\\\\"))
            .replace(u'\n', QStringLiteral("\\n"))
            .replace(u'\r', QStringLiteral("\\r"));
        writeLine(now().toLatin1() + ' ' + QByteArray(levelName(type)).toUpper() + ' ' +
                  categoryName(context.category).toLatin1() + ' ' + text.toUtf8());
    }
    if (type == QtFatalMsg)
        std::abort();
}

} // namespace

void Log::install(Format format)
{
    currentFormat.store(format);
    qInstallMessageHandler(handler);
}

Log::Format Log::format()
{
    return currentFormat.load();
}

void Log::request(const Request &r)
{
    if (!lcHttp().isInfoEnabled())
        return;
    if (currentFormat.load() == Format::Json) {
        QJsonObject line{{QStringLiteral("time"), now()},
                         {QStringLiteral("level"), QStringLiteral("info")},
                         {QStringLiteral("category"), QStringLiteral("depot.http")},
                         {QStringLiteral("message"), QStringLiteral("request")},
                         {QStringLiteral("request_id"), QString::fromLatin1(r.requestId)},
                         {QStringLiteral("remote"), r.remote},
                         {QStringLiteral("method"), QString::fromLatin1(r.method)},
                         {QStringLiteral("route"), r.route},
                         {QStringLiteral("path"), QString::fromUtf8(r.path)},
                         {QStringLiteral("status"), r.status},
                         {QStringLiteral("bytes"), r.bytes},
                         {QStringLiteral("duration_ms"), qRound(r.durationMs * 1000) / 1000.0},
                         {QStringLiteral("user_agent"), QString::fromUtf8(r.userAgent)}};
        if (!r.user.isEmpty())
            line.insert(QStringLiteral("user"), r.user);
        if (r.clientGone)
            line.insert(QStringLiteral("client_gone"), true);
        if (!r.note.isEmpty())
            line.insert(QStringLiteral("note"), r.note);
        writeLine(QJsonDocument(line).toJson(QJsonDocument::Compact));
        return;
    }
    QByteArray text = "request rid=" + r.requestId + ' ' + r.remote.toLatin1() + " \"" + r.method +
                      ' ' + r.path + "\" " + QByteArray::number(r.status) + ' ' +
                      QByteArray::number(r.bytes) + "B " +
                      QByteArray::number(r.durationMs, 'f', 2) + "ms route=" + r.route.toUtf8();
    if (!r.user.isEmpty())
        text += " user=" + r.user.toUtf8();
    if (r.clientGone)
        text += " client-gone";
    if (!r.note.isEmpty())
        text += ' ' + r.note.toUtf8();
    text.replace('\n', "\\n").replace('\r', "\\r");
    writeLine(now().toLatin1() + " INFO depot.http " + text);
}

} // namespace depot
