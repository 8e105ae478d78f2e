#include "drop/DropPage.h"

#include <QDateTime>
#include <QLocale>

namespace depot {
namespace {

QString esc(const QString &text)
{
    // toHtmlEscaped() leaves the apostrophe alone; attributes here are double-quoted anyway.
    return text.toHtmlEscaped().replace(u'\'', QStringLiteral("&#39;"));
}

const char Style[] =
    "body{font-family:system-ui,sans-serif;background:#f4f5f7;color:#222;margin:0}"
    "main{max-width:32rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:8px;"
    "box-shadow:0 1px 4px rgba(0,0,0,.15)}"
    "h1{font-size:1.25rem;word-break:break-all}.meta{color:#666}.error{color:#b00020}"
    "label{display:block;margin:1rem 0 .25rem}input{width:100%;padding:.5rem;box-sizing:border-box}"
    "button{margin-top:1rem;padding:.6rem 1.4rem;font-size:1rem;cursor:pointer}";

} // namespace

QString DropPage::formatSize(qint64 bytes)
{
    if (bytes < 1024)
        return bytes == 1 ? tr("1 byte") : tr("%1 bytes").arg(bytes);
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

HttpResponse DropPage::page(int status, const QString &title, const QString &body)
{
    const QString html =
        QStringLiteral(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<meta name=\"robots\" content=\"noindex, nofollow\">"
            "<meta name=\"referrer\" content=\"no-referrer\">"
            "<title>%1</title><style>%2</style></head>\n<body><main>%3</main></body></html>\n")
            .arg(esc(title), QString::fromLatin1(Style), body);
    HttpResponse response = HttpResponse::bytes(status, "text/html; charset=utf-8", html.toUtf8());
    response.setHeader("Content-Security-Policy",
                       "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                       "frame-ancestors 'none'; base-uri 'none'");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Robots-Tag", "noindex, nofollow");
    return response;
}

HttpResponse DropPage::download(const Info &info, int status, const QString &message)
{
    QString body;
    body += QStringLiteral("<h1>%1</h1>").arg(esc(info.fileName));
    body += QStringLiteral("<p class=\"meta\">%1</p>").arg(esc(formatSize(info.size)));
    if (!message.isEmpty())
        body += QStringLiteral("<p class=\"error\" role=\"alert\">%1</p>").arg(esc(message));
    // A relative action: the link's own path, whatever proxy prefix the browser used.
    body += QStringLiteral("<form method=\"post\" action=\"%1\">"
                           "<input type=\"hidden\" name=\"download\" value=\"1\">")
                .arg(esc(info.id));
    if (info.needsPassword) {
        body +=
            QStringLiteral("<label for=\"password\">%1</label>"
                           "<input type=\"password\" id=\"password\" name=\"password\" required "
                           "autocomplete=\"off\" autofocus>")
                .arg(esc(tr("This file is protected by a password.")));
    }
    body += QStringLiteral("<button type=\"submit\">%1</button></form>").arg(esc(tr("Download")));
    const QString expires = QDateTime::fromSecsSinceEpoch(info.expiresAt, Qt::UTC)
                                .toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
    const QString note =
        info.downloadsLeft == 1
            ? tr("This link works once: the file is deleted after the download. "
                 "It expires on %1.")
                  .arg(expires)
            : tr("%1 downloads left. The link expires on %2.").arg(info.downloadsLeft).arg(expires);
    body += QStringLiteral("<p class=\"meta\">%1</p>").arg(esc(note));
    return page(status, tr("Download %1").arg(info.fileName), body);
}

HttpResponse DropPage::message(int status, const QString &title, const QString &text)
{
    return page(status, title, QStringLiteral("<h1>%1</h1><p>%2</p>").arg(esc(title), esc(text)));
}

} // namespace depot
