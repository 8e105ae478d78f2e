#pragma once

#include <QStringList>
#include <QUrl>

class QCommandLineParser;

namespace depot::CommandLine {

// depot-client [--server URL] [--gui] [share FILE... | download URL [-o FILE]]
struct Request
{
    enum class Action { Window, Share, Download };
    Action action = Action::Window;
    QUrl server;
    QStringList files; // share
    QUrl link;         // download
    QString output;    // download: target file or folder
    QString password;  // from --password or $DEPOT_PASSWORD
    int downloads = 0; // share: 0 = the server's default (one)
    bool gui = false;  // share/download in the window instead of on the terminal
};

// True when argv asks for something that needs no window (--help, --version, or share/download
// without --gui): main() then creates a QCoreApplication, so it works without a display.
bool isHeadless(int argc, char **argv);

// Parses the application's arguments; prints help/version/errors and sets *exitCode when the
// program should end right away.
bool parse(Request *request, int *exitCode);

// share/download on the terminal: prints the link (share) or the saved path (download) and
// returns the exit code (0 ok, 1 failed). Runs the event loop.
int runHeadless(const Request &request);

} // namespace depot::CommandLine
