#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace depot {

// The reason phrase of a status code for a status line ("Not Found").
const char *reasonPhrase(int status);
// The "error" of an error body: the reason phrase, except the seed's spellings that the
// file-drop API keeps as a public contract ("Method not Allowed", "Request Entity Too Large",
// "Unprocessable Entity").
QString errorTitle(int status);
// The one error body shape of every answer, from handlers and from the connection guard alike:
// {"error": "<title>", "detail": "<human text>", ...extra} as compact JSON.
QByteArray errorBody(int status, const QString &detail, const QJsonObject &extra = {});

} // namespace depot
