#include "drop/DropPage.h"

#include "http/PageHeaders.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

namespace depot {
namespace {

QString esc(const QString &text)
{
    // toHtmlEscaped() leaves the apostrophe alone; attributes here are double-quoted anyway.
    return text.toHtmlEscaped().replace(u'\'', QStringLiteral("&#39;"));
}

// data-i18n: the key under which static/i18n.js holds the same sentence in other languages; the
// English text the server writes stays when the browser's language has none.
QString i18n(const char *key, const QStringList &args = {})
{
    QString out = QStringLiteral(" data-i18n=\"%1\"").arg(QLatin1String(key));
    if (!args.isEmpty()) {
        const QByteArray json =
            QJsonDocument(QJsonArray::fromStringList(args)).toJson(QJsonDocument::Compact);
        out += QStringLiteral(" data-i18n-args=\"%1\"").arg(esc(QString::fromUtf8(json)));
    }
    return out;
}

} // namespace

QString DropPage::formatSize(qint64 bytes)
{
    if (bytes < 1024)
        return bytes == 1 ? tr("1 byte") : tr("%1 bytes").arg(bytes);
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

HttpResponse DropPage::page(int status, const QString &title, const QString &body)
{
    // The drop page's look (static/depot.css); download.js translates and reports the download.
    // The form works without script: previews and text browsers get the same page.
    const QString html =
        QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                       "<meta name=\"robots\" content=\"noindex, nofollow\">"
                       "<meta name=\"referrer\" content=\"no-referrer\">"
                       "<title>%1</title>"
                       "<link rel=\"icon\" href=\"/static/icon.svg\" type=\"image/svg+xml\">"
                       "<link rel=\"stylesheet\" href=\"/static/depot.css\">"
                       "<script src=\"/static/i18n.js\" defer></script>"
                       "<script src=\"/static/download.js\" defer></script></head>\n<body>"
                       "<header class=\"top\"><img src=\"/static/icon.svg\" alt=\"\">"
                       "<a class=\"brand\" href=\"/\">Depot</a>"
                       "<nav><a href=\"/\" data-i18n=\"nav.share\">Share a file</a></nav></header>"
                       "<main><section class=\"card\">%2</section></main></body></html>\n")
            .arg(esc(title), body);
    HttpResponse response = HttpResponse::bytes(status, "text/html; charset=utf-8", html.toUtf8());
    setPageHeaders(response);
    response.setHeader("X-Robots-Tag", "noindex, nofollow");
    return response;
}

HttpResponse DropPage::download(const Info &info, int status, const QString &message)
{
    QString body;
    body += QStringLiteral("<h1 id=\"fileName\">%1</h1>").arg(esc(info.fileName));
    body += QStringLiteral("<p class=\"muted\" id=\"fileSize\" data-bytes=\"%1\">%2</p>")
                .arg(info.size)
                .arg(esc(formatSize(info.size)));
    const QString expires = QDateTime::fromSecsSinceEpoch(info.expiresAt, Qt::UTC)
                                .toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
    if (info.downloadsLeft == 1) {
        body += QStringLiteral("<p class=\"notice\" id=\"onceNote\" data-once=\"1\"%1>%2</p>")
                    .arg(i18n("dl.once", {expires}),
                         esc(tr("This link works once: the file is deleted after the download. "
                                "It expires on %1.")
                                 .arg(expires)));
    } else {
        body += QStringLiteral("<p class=\"notice\" id=\"onceNote\"%1>%2</p>")
                    .arg(i18n("dl.many", {QString::number(info.downloadsLeft), expires}),
                         esc(tr("%1 downloads left. The link expires on %2.")
                                 .arg(info.downloadsLeft)
                                 .arg(expires)));
    }
    if (!message.isEmpty())
        body += QStringLiteral("<p class=\"notice error\" id=\"pageError\" role=\"alert\"%1>%2</p>")
                    .arg(i18n("dl.wrongPassword"), esc(message));
    // A relative action: the link's own path, whatever proxy prefix the browser used.
    body += QStringLiteral("<form method=\"post\" action=\"%1\" id=\"downloadForm\">"
                           "<input type=\"hidden\" name=\"download\" value=\"1\">")
                .arg(esc(info.id));
    if (info.needsPassword) {
        body +=
            QStringLiteral("<label for=\"password\"%1>%2</label>"
                           "<input type=\"password\" id=\"password\" name=\"password\" required "
                           "autocomplete=\"off\" autofocus>")
                .arg(i18n("dl.protected"), esc(tr("This file is protected by a password.")));
    }
    body += QStringLiteral("<div class=\"actions\"><button type=\"submit\" id=\"downloadButton\"%1>"
                           "%2</button></div></form>"
                           "<p class=\"small\" id=\"downloadStatus\" aria-live=\"polite\"></p>")
                .arg(i18n("dl.download"), esc(tr("Download")));
    body += QStringLiteral("<p class=\"small muted\"%1>%2</p>")
                .arg(i18n("dl.preview"),
                     esc(tr("Opening this page or previewing the link does not use it up; "
                            "only the Download button does.")));
    return page(status, tr("Download %1").arg(info.fileName), body);
}

HttpResponse DropPage::message(int status, const QString &title, const QString &text,
                               const char *key)
{
    if (!key)
        return page(status, title,
                    QStringLiteral("<h1>%1</h1><p>%2</p>").arg(esc(title), esc(text)));
    const QByteArray k(key);
    return page(status, title,
                QStringLiteral("<h1%1>%2</h1><p id=\"pageMessage\"%3>%4</p>")
                    .arg(i18n(QByteArray(k + ".title").constData()), esc(title),
                         i18n(QByteArray(k + ".text").constData()), esc(text)));
}

} // namespace depot
