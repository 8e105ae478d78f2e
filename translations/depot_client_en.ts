<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>MockTools</name>
    <message>
        <source>Journal of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>depot</name>
    <message>
        <source>The server refused the connection. Is it running, and is the address right?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server closed the connection before it answered. It may have stopped or restarted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s name was not found. Check the address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to the server timed out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A secure connection to the server could not be established.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The network is not available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proxy did not pass the request on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer was not understood.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to the server broke off.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>depot::AccountPage</name>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Username:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hourly quota:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not logged in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;CORS for my endpoints that do not set it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoints whose CORS option is &quot;as my account&apos;s default&quot; answer browsers&apos; preflight requests and add CORS headers that echo the request&apos;s Origin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoints:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not change the CORS default.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoints without their own CORS setting now answer CORS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoints without their own CORS setting no longer answer CORS.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>depot::ApiClient</name>
    <message>
        <source>no token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no requestId</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not an image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no ticket</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>depot::CommandLine</name>
    <message>
        <source>Depot desktop client: hosted endpoints, one-time file drops and image dumps.

Commands:
  share FILE...     upload files to the anonymous drop and print their links
  download URL      download a shared link (checked first; never used up by a cancelled save)
Without a command the window opens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Depot server, e.g. http://localhost:8080.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run share or download in the window (for file managers).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>download: the file or folder to save to (default: the current folder).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PATH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The link&apos;s password (better: the DEPOT_PASSWORD environment variable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PASSWORD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>share: how many downloads the link allows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>share or download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[share FILE... | download URL]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a server address: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--downloads takes a number from 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>share needs at least one file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>download needs exactly one link.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a link: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown command: %1 (try --help)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No server: pass --server URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>depot::DownloadPage</name>
    <message>
        <source>&amp;Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show in folde&amp;r</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste a link, e.g. https://depot.example/api/v1.0/file/…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Depot checks the link first and asks where to save before it downloads: a shared link may work only once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a link: paste the whole http:// or https:// address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the link…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file is protected by a password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This link does not exist. Check that it was copied completely.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file is gone: it was already downloaded or it has expired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many attempts on this link. Wait a moment and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The link could not be checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2) is ready. Choose where to save it. Nothing is downloaded before you choose: a shared link may work only once, and a download that breaks off cannot be repeated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not downloaded. The link was not used and still works.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong password. Enter the password again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file is protected. Enter its password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not downloaded: this link needs its password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading… %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The link is probably used up now: ask the sender for a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The download was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The download broke off after %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The download failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag the file to another application or folder.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>depot::DumpsPage</name>
    <message>
        <source>Se&amp;nd</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An .xml or .json batch of items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ch&amp;oose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item / image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Earlier requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a batch of items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item batches (*.xml *.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in to send image dumps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partly succeeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The hourly quota of your plan is used up. You can send again at %1 (in %n minute(s)).</source>
        <translation>
            <numerusform>The hourly quota of your plan is used up. You can send again at %1 (in %n minute).</numerusform>
            <numerusform>The hourly quota of your plan is used up. You can send again at %1 (in %n minutes).</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an .xml or .json file first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending %1; the server answers once every image is fetched…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dump was refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n image</numerusform>
            <numerusform>%n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Request %1: %2 of %n item(s) succeeded.</source>
        <translation>
            <numerusform>Request %1: %2 of %n item succeeded.</numerusform>
            <numerusform>Request %1: %2 of %n items succeeded.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n request(s) left this hour.</source>
        <translation>
            <numerusform>%1 of %n request left this hour.</numerusform>
            <numerusform>%1 of %n requests left this hour.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not load the request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the site did not answer in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the site&apos;s name was not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the site refused the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the image is too large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not an image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the address is not allowed (private or local)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too many redirects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a redirect that cannot be followed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a usable URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the request&apos;s time ran out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>network error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%v of %m images</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Request %1 accepted: fetching %n image(s)…</source>
        <translation>
            <numerusform>Request %1 accepted: fetching %n image…</numerusform>
            <numerusform>Request %1 accepted: fetching %n images…</numerusform>
        </translation>
    </message>
    <message>
        <source>Live progress is not available (%1); waiting for the result…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>depot::EndpointEditor</name>
    <message>
        <source>{&quot;X-Example&quot;: &quot;value&quot;}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: requests must send exactly this JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{&quot;hello&quot;: &quot;world&quot;}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for example api/users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file to serve or the script to run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Path:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;tatus code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Latency:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Headers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected &amp;body:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Response:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Content:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expiry:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the current content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Python scripts (*.py);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the file to serve or the script to run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You already have an endpoint at this path and method.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please correct:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;ormat JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scr&amp;ipt:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write the script to a temporary file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mock:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or write the script here; it replaces the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the current script…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the current script: %1 The stored script stays unless you write or choose a new one.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>depot::EndpointTexts</name>
    <message>
        <source>JSON mock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Static file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Python script</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>depot::EndpointsPage</name>
    <message>
        <source>&amp;New…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ed&amp;it…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by path, method or URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in to publish mocks, files and scripts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the endpoints.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No endpoints yet. Create one with New.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n endpoint(s)</source>
        <translation>
            <numerusform>%n endpoint</numerusform>
            <numerusform>%n endpoints</numerusform>
        </translation>
    </message>
    <message>
        <source>by script</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A script sets its own status code and headers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1? Its URL stops working at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Journal…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try it…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>depot::FileDownload</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The download is incomplete: %1 of %2 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>depot::JournalView</name>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Clear journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart &amp;sequence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answered by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests that matched no endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the journal: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sequence starts again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rule %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sequence step %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>preflight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (fault: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) kept</source>
        <translation>
            <numerusform>%n request kept</numerusform>
            <numerusform>%n requests kept</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>[… cut: %n bytes in all]</source>
        <translation>
            <numerusform>[… cut: %n byte in all]</numerusform>
            <numerusform>[… cut: %n bytes in all]</numerusform>
        </translation>
    </message>
    <message>
        <source>From %1, answered by %2 with %3 in %4 ms</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>depot::JsonHighlighter</name>
    <message>
        <source>line %1, column %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>depot::LoginDialog</name>
    <message>
        <source>Log in to Depot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>http://localhost:8080</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Si&amp;gn up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the server address, for example http://localhost:8080.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your username.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the account…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong username or password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many failed attempts. Wait a moment and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This username is already taken.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not accept this username. Use 3 to 32 characters: letters, digits and . _ ~ - &apos; ; = ( ) *, starting with a letter or digit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not accept this password. Use at least 8 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused this username or password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remember me on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password goes to the system keychain, never to a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate of %1 is not the one you trusted. The connection was refused: someone may be intercepting it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trusted SHA-256 fingerprint:
%1

New SHA-256 fingerprint:
%2

Trust the new certificate only if the server&apos;s administrator confirms that they replaced it and that its fingerprint is the new one above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust the &amp;new certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untrusted certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate of %1 is not trusted:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:
%1

Trust it only if the server&apos;s administrator confirms this fingerprint. Depot remembers it for this server and refuses the server if its certificate changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Trust this certificate</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>depot::MainWindow</name>
    <message>
        <source>Depot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Endpoints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do&amp;wnload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;umps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Log in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Depot…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your session has expired or you logged in elsewhere. Log in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Depot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Depot %1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content at URLs: mock endpoints, files and scripts, one-time file drops and image dumps.&lt;br&gt;Built with Qt %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not logged in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not logged in (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The link is ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your session ends in a minute. Log in again to continue.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>depot::MockOptions</name>
    <message>
        <source>Template: placeholders in the answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Placeholders…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answers in turn, e.g. [{&quot;status_code&quot;: 503}, {&quot;response&quot;: {&quot;ok&quot;: true}}]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>then repeat the last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>then start again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reset the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>close without an answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>send the body slowly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> bytes/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fixed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rules:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sequence:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fault:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency up to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a JSON list of answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Template placeholders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Placeholder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values are JSON-escaped inside JSON answers. A placeholder that is not in this list is refused when you save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as my account&apos;s default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>answer preflights and add CORS headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no CORS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account&apos;s default is set on the Account page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CORS:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>depot::QuotaWidget</name>
    <message>
        <source>%1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 requests used this hour, %3 remaining</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resets at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No requests counted yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quota unknown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>depot::RequestError</name>
    <message>
        <source>The server sent an unexpected answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The server did not answer within %n second(s). It may be overloaded or unreachable; try again later.</source>
        <translation>
            <numerusform>The server did not answer within %n second. It may be overloaded or unreachable; try again later.</numerusform>
            <numerusform>The server did not answer within %n seconds. It may be overloaded or unreachable; try again later.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server rejected the request as malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your login is no longer valid. Log in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are not allowed to do this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It does not exist (any more).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server does not allow this here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request took too long to arrive at the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is gone: used up, expired or deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is too large for the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server does not accept this type of file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not accept the input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Too many requests. Try again in %n second(s).</source>
        <translation>
            <numerusform>Too many requests. Try again in %n second.</numerusform>
            <numerusform>Too many requests. Try again in %n seconds.</numerusform>
        </translation>
    </message>
    <message>
        <source>Too many requests. Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not reach the site it needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is busy or shutting down. Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s disk is full.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server failed (HTTP %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request failed (HTTP %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate has changed since you trusted it, so the connection was refused: someone may be intercepting it. Ask the server&apos;s administrator whether the certificate was replaced; its new SHA-256 fingerprint is %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted. %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>depot::RulesEditor</name>
    <message>
        <source>&amp;Add rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{&quot;id&quot;: &quot;42&quot;, &quot;q&quot;: {&quot;regex&quot;: &quot;^a&quot;}}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{&quot;X-Env&quot;: &quot;test&quot;}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{&quot;user.role&quot;: &quot;admin&quot;}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{&quot;error&quot;: &quot;no such user&quot;}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any, or e.g. GET,POST</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When method is:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>and query:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>and headers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>and JSON body:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>and body contains:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>answer status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>with JSON:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>or fault:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1. %2 → %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>always</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not valid JSON</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>depot::SettingsDialog</name>
    <message>
        <source>Offer to remember &amp;logins in the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy a new link to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder used last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L&amp;anguage:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Download folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Timeout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new language applies at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share a dropped file at o&amp;nce</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>depot::ShareHistory</name>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cop&amp;y link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in &amp;browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;voke…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chec&amp;k states</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My shared links</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Available (password)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoked or removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used up or expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The link is on the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke the link to %1? It stops working at once for everyone who has it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Revoke</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not revoke the link to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The link to %1 no longer works.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>depot::SharePage</name>
    <message>
        <source>Ch&amp;oose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sha&amp;re</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file to share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many times the link can be downloaded (at most %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;ile:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Downloads:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xpires after:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop a file here to share it for one download.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Drop a file here to share it for %n download(s).</source>
        <translation>
            <numerusform>Drop a file here to share it for %n download.</numerusform>
            <numerusform>Drop a file here to share it for %n downloads.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a file to share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a file first, or drop one onto the window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a server first (File › Log in).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploading %1… %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The upload was cancelled. Nothing was shared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is too large: this server accepts files up to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is too large for this server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharing failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The link works once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The link works for %n download(s).</source>
        <translation>
            <numerusform>The link works for %n download.</numerusform>
            <numerusform>The link works for %n downloads.</numerusform>
        </translation>
    </message>
    <message>
        <source>Anyone who has it can download the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It asks for the password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It expires at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The link is on the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>depot::ShareUpload</name>
    <message>
        <source>no link</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>depot::TlsTrust</name>
    <message>
        <source>The certificate is self-signed: no certificate authority vouches for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate was issued by an authority this computer does not trust.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate was made for another server name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate was made for %1, not for this server&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate expired on %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate is not valid before %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate has been revoked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate&apos;s signature is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent no certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate was refused (%1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>depot::TransferMeter</name>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n second(s) left</source>
        <translation>
            <numerusform>%n second left</numerusform>
            <numerusform>%n seconds left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) left</source>
        <translation>
            <numerusform>%n minute left</numerusform>
            <numerusform>%n minutes left</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>depot::TryItPanel</name>
    <message>
        <source>&amp;Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>id=42&amp;q=abc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One per line: X-Env: test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Query:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>depot::UploadForm</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
