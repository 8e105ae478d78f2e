<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ApiError</name>
    <message>
        <source>a valid token is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no such resource</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>allowed methods: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid field(s): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server failed to handle the request</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Auth</name>
    <message>
        <source>an Authorization header with a Bearer token is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the token is malformed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the token has expired: log in again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the token is not valid</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuthHandler</name>
    <message>
        <source>must be at least 8 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be at most %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>required, a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3-32 characters: letters, digits and . _ ~ - &apos; ; = ( ) *, starting with a letter or digit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the username is taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too many failed logins: try again later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid username or password</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BlobStore</name>
    <message>
        <source>invalid file name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot remove %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot remove orphaned file %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>database URL must be postgresql://user:pass@host:port/dbname or sqlite:FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>database URL names no database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the Qt SQL driver for %1 is not installed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prepare failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>query failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>insert returned no id</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DropHandler</name>
    <message>
        <source>this file is protected by a password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wrong password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the multipart Content-Type has no valid boundary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the request has no &apos;file&apos; part</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is larger than %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the client went away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no such file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file was already downloaded, has expired or was deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too many wrong passwords for this link: try again later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no file at this link.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file has already been downloaded, has expired or was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many wrong passwords were tried for this link. Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the delete token is missing or wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file had expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file was already downloaded</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DropPage</name>
    <message>
        <source>1 byte</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file is protected by a password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This link works once: the file is deleted after the download. It expires on %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 downloads left. The link expires on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DropUpload</name>
    <message>
        <source>the server has no room for this file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file could not be stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is larger than %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only one &apos;file&apos; part is allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a form field is longer than %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>malformed multipart body: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the request has no &apos;file&apos; part</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>password: at most %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max_downloads: a whole number from 1 to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expires_in: a number of seconds from 1 to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DumpHandler</name>
    <message>
        <source>ignoring --fetch-allow %1: not a CIDR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>send the items as application/xml or application/json</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>the hourly limit of %n dump request(s) is reached</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>no such dump request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no such stored image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dump %1: stored image %2 is missing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DumpJob</name>
    <message>
        <source>dump %1 image %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server is shutting down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dump %1: cannot store the result: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dump %1 user %2: %3 items, %4 of %5 images stored in %6 ms%7</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (client gone)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EndpointAdminHandler</name>
    <message>
        <source>you already have an endpoint at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>already taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no such endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>json endpoints take their answer in the response field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>response and body together may hold at most %1 bytes of JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>required for %1 endpoints: a multipart part named &quot;file&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a script may be at most %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>required: a multipart part named &quot;file&quot; or a raw body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the endpoint changed meanwhile; try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not valid JSON</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EndpointUpload</name>
    <message>
        <source>the file is larger than %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server&apos;s disk is full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file could not be stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>send multipart/form-data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the multipart Content-Type has no valid boundary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>send one file, in the part named &quot;file&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the text fields are larger than %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>malformed multipart body: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FileResponder</name>
    <message>
        <source>the range is outside the file&apos;s %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Guarded</name>
    <message>
        <source>the database is unavailable</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HostedHandler</name>
    <message>
        <source>no such endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this endpoint has expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the request body does not match the expected body</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HttpExchange</name>
    <message>
        <source>the request was not answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the stored file cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JsonBody</name>
    <message>
        <source>invalid JSON at offset %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the body must be a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ListenSockets</name>
    <message>
        <source>cannot listen on %1:%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OpsHandler</name>
    <message>
        <source>the database does not answer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <source>an integer from %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestFramer</name>
    <message>
        <source>the Authorization header is too large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>request line and headers exceed %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>more than %1 header fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chunk header or trailer line too long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too many trailer fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>malformed chunk size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>request body exceeds %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chunk data not followed by CRLF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>malformed request line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only HTTP/1.0 and HTTP/1.1 are supported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>request target must be an absolute path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>request target contains invalid characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>obsolete header line folding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>malformed header field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>header value contains NUL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid Content-Length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>conflicting Content-Length headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only chunked transfer coding is supported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only &apos;Expect: 100-continue&apos; is supported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>both Content-Length and Transfer-Encoding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>request body of %1 bytes exceeds the limit of %2 bytes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Router</name>
    <message>
        <source>the path contains an invalid escape (NUL, CR, LF, &apos;/&apos; or bad UTF-8)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Schema</name>
    <message>
        <source>the database schema is version %1 but this depot-server knows only up to version %2: upgrade depot-server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>database migrated to version %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>database migration failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerConfig</name>
    <message>
        <source>Depot server: JSON mocks, files and sandboxed scripts at your own URLs, one-time file drops and image dump ingestion.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>INI file setting any option below by its name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[env %1]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected argument: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read config file %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>config file %1 is not a valid INI file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid value &apos;%1&apos; for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default plan &apos;%1&apos; is not one of the plans</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UsersFile</name>
    <message>
        <source>line %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>expected &apos;username password plan&apos;, found %n field(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>invalid username &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>duplicate username &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown plan &apos;%1&apos; (known: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>password %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>depot::CgiResponse</name>
    <message>
        <source>the script printed more than %1 header lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the script&apos;s headers are not followed by an empty line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1 of the script&apos;s headers is not a valid header field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the script&apos;s Status header is duplicated or not a status between 200 and 599</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the script&apos;s %1 header is duplicated or empty</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>depot::ConnectionGuard</name>
    <message>
        <source>too many open connections</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>depot::ConnectionState</name>
    <message>
        <source>the request head was not received in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the request body stalled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>depot::Reaper</name>
    <message>
        <source>reaper: removed %1 expired %2 (%3 file(s))</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reaper: %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reaper: %1 is missing: not sweeping %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reaper: %1 row %2 had no file %3: removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reaper: start-up sweep of %1 removed %2 row(s) without a file and %3 file(s) without a row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reaper: sweep of %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>depot::ScriptRunner</name>
    <message>
        <source>Scripts cannot run on this server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many scripts are running; try again later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The script cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The script is larger than %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The script printed more than %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The script did not finish within %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The script sandbox could not be set up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The script used up its CPU time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The script was killed by signal %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The script failed with exit status %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The script sandbox could not be started: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot start %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sandbox self-test did not finish within %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sandbox self-test failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sandbox self-test failed with exit status %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>depot::ScriptSandbox</name>
    <message>
        <source>Python interpreter %1 is not an executable file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sandbox uid and gid must not be 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bubblewrap %1 is not an executable file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Python interpreter %1 is not under /usr, which is all the sandbox sees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>memfd_create failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write the script to memory: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot seal the script: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>depot::ServerApp</name>
    <message>
        <source>cannot create directory %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>data directory %1 is not writable: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot open the database: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read users file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>users file %1: %2 (line skipped)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>users file %1: %2 user(s) created, %3 listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot import users: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UNSAFE: --unsafe-scripts runs users&apos; scripts WITHOUT the bubblewrap sandbox (network, files and processes of this machine are reachable). Development only: never use this on a shared or public server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>script sandbox self-test passed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>script sandbox unavailable, script endpoints will answer 503: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PostgreSQL %1/%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shutting down: finishing requests in flight (at most %1 ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shutdown timeout: closing remaining connections</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>depot::Worker</name>
    <message>
        <source>worker %1 cannot open the database: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>worker %1 cannot use its listening socket: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
