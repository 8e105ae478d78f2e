#pragma once

#include "http/HttpResponse.h"

#include <QCoreApplication>
#include <QString>

namespace depot {

// The small HTML pages a browser (or a link previewer) gets instead of the file: opening a
// link must never use it up. The page shows the file's name and size, asks for the password
// when there is one, and its Download button POSTs back to the same link with download=1,
// which performs the real (counted) download. Everything users chose is HTML-escaped; the page
// runs only our own scripts (translation, download notice) under the page policy
// (http/PageHeaders.h), and works without them.
class DropPage
{
    Q_DECLARE_TR_FUNCTIONS(DropPage)

public:
    struct Info
    {
        QString id;
        QString fileName;
        qint64 size = 0;
        bool needsPassword = false;
        int downloadsLeft = 1;
        qint64 expiresAt = 0; // seconds since the epoch
    };

    // The download page; `message` (e.g. "wrong password") is shown above the form.
    static HttpResponse download(const Info &info, int status = 200, const QString &message = {});
    // A page with just a title and a sentence, for 404, 410, 429, ...; `key` names the
    // translations of both in static/i18n.js ("<key>.title", "<key>.text").
    static HttpResponse message(int status, const QString &title, const QString &text,
                                const char *key = nullptr);

    // "1.5 MB", "312 bytes", ...
    static QString formatSize(qint64 bytes);

private:
    static HttpResponse page(int status, const QString &title, const QString &body);
};

} // namespace depot
