<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
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
        <source>Could not load the account: %1</source>
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
        <source>no endpoint</source>
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
        <source>Paste a link, e.g. https://depot.example/api/v1.0/file/…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A shared link is used up by its download.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a link: paste the whole http:// or https:// address.</source>
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
        <source>Save the downloaded file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose where to save %1.</source>
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
        <source>Saved %1 (%2).</source>
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
        <source>The download failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>depot::DumpsPage</name>
    <message>
        <source>&amp;Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An .xml or .json batch of items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
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
        <source>Choose an .xml or .json file first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending %1; the server answers once every image is fetched…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hourly quota of your plan is used up. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dump was refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Request %1: %2 of %n item(s) succeeded.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 requests left this hour.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the request: %1</source>
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
        <source> ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file to serve or the script to run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
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
        <source>Enter the path the endpoint is published at.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headers must be a JSON object of names and values.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The expected body is not valid JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The response is not valid JSON.</source>
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
</context>
<context>
    <name>depot::EndpointsPage</name>
    <message>
        <source>&amp;New…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
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
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in to publish mocks, files and scripts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the endpoints: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No endpoints yet. Create one with New.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n endpoint(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Saved: %1</source>
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
        <source>Could not delete %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>depot::FileDownload</name>
    <message>
        <source>The download was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The download broke off: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The download is incomplete: %1 of %2 bytes.</source>
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
        <source>&amp;Sign up</source>
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
        <source>Cannot reach the server: %1</source>
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
        <source>The server refused this username or password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the account: %1</source>
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
        <source>&amp;Download</source>
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
        <source>Your session has expired or you logged in elsewhere. Log in again.</source>
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
        <source>The server sent an unexpected answer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request was rejected as malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authentication failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access denied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is gone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is too large for the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not accept the input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many requests, try again later.</source>
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
</context>
<context>
    <name>depot::SharePage</name>
    <message>
        <source>Drop a file here to share it once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Share</source>
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
        <source>C&amp;hoose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional</source>
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
        <source>&amp;File:</source>
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
        <source>&amp;Expires after:</source>
        <translation type="unfinished"></translation>
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
        <source>The file is too large for this server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharing failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The link works once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The link works for %n download(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
    <name>depot::UploadForm</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
