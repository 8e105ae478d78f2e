<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AccountHandler</name>
    <message>
        <source>unknown field</source>
        <translation>unbekanntes Feld</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true oder false</translation>
    </message>
</context>
<context>
    <name>AccountRules</name>
    <message>
        <source>must be at least 8 characters</source>
        <translation>muss mindestens 8 Zeichen lang sein</translation>
    </message>
    <message>
        <source>must be at most %1 bytes</source>
        <translation>darf höchstens %1 Bytes lang sein</translation>
    </message>
    <message>
        <source>3-32 characters: letters, digits and . _ ~ - &apos; ; = ( ) *, starting with a letter or digit</source>
        <translation>3–32 Zeichen: Buchstaben, Ziffern und . _ ~ - &apos; ; = ( ) *, beginnend mit einem Buchstaben oder einer Ziffer</translation>
    </message>
    <message>
        <source>unknown plan &apos;%1&apos; (known: %2)</source>
        <translation>unbekannter Tarif &apos;%1&apos; (bekannt: %2)</translation>
    </message>
</context>
<context>
    <name>ApiError</name>
    <message>
        <source>a valid token is required</source>
        <translation>ein gültiges Token ist erforderlich</translation>
    </message>
    <message>
        <source>no such resource</source>
        <translation>Ressource nicht vorhanden</translation>
    </message>
    <message>
        <source>allowed methods: %1</source>
        <translation>erlaubte Methoden: %1</translation>
    </message>
    <message>
        <source>invalid field(s): %1</source>
        <translation>ungültige Felder: %1</translation>
    </message>
    <message>
        <source>the server failed to handle the request</source>
        <translation>der Server konnte die Anfrage nicht verarbeiten</translation>
    </message>
</context>
<context>
    <name>AuthHandler</name>
    <message>
        <source>required, a string</source>
        <translation>erforderlich, eine Zeichenkette</translation>
    </message>
    <message>
        <source>the username is taken</source>
        <translation>der Benutzername ist vergeben</translation>
    </message>
    <message>
        <source>too many failed logins: try again later</source>
        <translation>zu viele fehlgeschlagene Anmeldungen: bitte später erneut versuchen</translation>
    </message>
    <message>
        <source>invalid username or password</source>
        <translation>ungültiger Benutzername oder ungültiges Passwort</translation>
    </message>
    <message>
        <source>the current password is wrong</source>
        <translation>das aktuelle Passwort ist falsch</translation>
    </message>
    <message>
        <source>the account no longer exists</source>
        <translation>das Konto existiert nicht mehr</translation>
    </message>
    <message>
        <source>account %1 deleted by its owner</source>
        <translation>Konto %1 von seinem Inhaber gelöscht</translation>
    </message>
    <message>
        <source>account %1: some files could not be removed (the reaper&apos;s sweep retries)</source>
        <translation>Konto %1: einige Dateien konnten nicht entfernt werden (die Aufräumrunde versucht es erneut)</translation>
    </message>
</context>
<context>
    <name>BlobStore</name>
    <message>
        <source>invalid file name</source>
        <translation>ungültiger Dateiname</translation>
    </message>
    <message>
        <source>cannot remove %1: %2</source>
        <translation>%1 kann nicht entfernt werden: %2</translation>
    </message>
    <message>
        <source>cannot remove orphaned file %1</source>
        <translation>verwaiste Datei %1 kann nicht entfernt werden</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>database URL must be postgresql://user:pass@host:port/dbname or sqlite:FILE</source>
        <translation>die Datenbank-URL muss postgresql://user:pass@host:port/dbname oder sqlite:FILE lauten</translation>
    </message>
    <message>
        <source>database URL names no database</source>
        <translation>die Datenbank-URL nennt keine Datenbank</translation>
    </message>
    <message>
        <source>the Qt SQL driver for %1 is not installed</source>
        <translation>der Qt-SQL-Treiber für %1 ist nicht installiert</translation>
    </message>
    <message>
        <source>prepare failed</source>
        <translation>Vorbereiten der Abfrage fehlgeschlagen</translation>
    </message>
    <message>
        <source>query failed</source>
        <translation>Abfrage fehlgeschlagen</translation>
    </message>
    <message>
        <source>insert returned no id</source>
        <translation>Einfügen lieferte keine ID</translation>
    </message>
    <message>
        <source>database connection %1 re-established</source>
        <translation>Datenbankverbindung %1 wiederhergestellt</translation>
    </message>
    <message>
        <source>no SQLite handle</source>
        <translation>kein SQLite-Handle</translation>
    </message>
    <message>
        <source>PRAGMA data_version failed: %1</source>
        <translation>PRAGMA data_version fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>PRAGMA data_version failed</source>
        <translation>PRAGMA data_version fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>DbListener</name>
    <message>
        <source>database notifications resumed</source>
        <translation>Datenbank-Benachrichtigungen laufen wieder</translation>
    </message>
    <message>
        <source>database notifications unavailable (%1): caches refresh every second and live sockets re-read the database until they are back</source>
        <translation>Datenbank-Benachrichtigungen nicht verfügbar (%1): Caches werden jede Sekunde aufgefrischt und Live-Sockets lesen die Datenbank erneut, bis sie wieder da sind</translation>
    </message>
    <message>
        <source>LISTEN %1 failed</source>
        <translation>LISTEN %1 fehlgeschlagen</translation>
    </message>
    <message>
        <source>database notifications interrupted: caches refresh every second and live sockets re-read the database until they are back</source>
        <translation>Datenbank-Benachrichtigungen unterbrochen: Caches werden jede Sekunde aufgefrischt und Live-Sockets lesen die Datenbank erneut, bis sie wieder da sind</translation>
    </message>
</context>
<context>
    <name>DropHandler</name>
    <message>
        <source>this file is protected by a password</source>
        <translation>diese Datei ist durch ein Passwort geschützt</translation>
    </message>
    <message>
        <source>wrong password</source>
        <translation>falsches Passwort</translation>
    </message>
    <message>
        <source>the multipart Content-Type has no valid boundary</source>
        <translation>der multipart-Content-Type hat keine gültige boundary</translation>
    </message>
    <message>
        <source>the request has no &apos;file&apos; part</source>
        <translation>die Anfrage hat keinen Teil &apos;file&apos;</translation>
    </message>
    <message>
        <source>the file is larger than %1 bytes</source>
        <translation>die Datei ist größer als %1 Bytes</translation>
    </message>
    <message>
        <source>the client went away</source>
        <translation>der Client hat die Verbindung getrennt</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>Datei nicht vorhanden</translation>
    </message>
    <message>
        <source>the file was already downloaded, has expired or was deleted</source>
        <translation>die Datei wurde bereits heruntergeladen, ist abgelaufen oder wurde gelöscht</translation>
    </message>
    <message>
        <source>too many wrong passwords for this link: try again later</source>
        <translation>zu viele falsche Passwörter für diesen Link: bitte später erneut versuchen</translation>
    </message>
    <message>
        <source>Wrong password.</source>
        <translation>Falsches Passwort.</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
    <message>
        <source>There is no file at this link.</source>
        <translation>Unter diesem Link gibt es keine Datei.</translation>
    </message>
    <message>
        <source>Gone</source>
        <translation>Nicht mehr vorhanden</translation>
    </message>
    <message>
        <source>This file has already been downloaded, has expired or was deleted.</source>
        <translation>Diese Datei wurde bereits heruntergeladen, ist abgelaufen oder wurde gelöscht.</translation>
    </message>
    <message>
        <source>Too many attempts</source>
        <translation>Zu viele Versuche</translation>
    </message>
    <message>
        <source>Too many wrong passwords were tried for this link. Try again later.</source>
        <translation>Für diesen Link wurden zu viele falsche Passwörter eingegeben. Versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>the delete token is missing or wrong</source>
        <translation>das Lösch-Token fehlt oder ist falsch</translation>
    </message>
    <message>
        <source>the file had expired</source>
        <translation>die Datei war abgelaufen</translation>
    </message>
    <message>
        <source>the file was already downloaded</source>
        <translation>die Datei wurde bereits heruntergeladen</translation>
    </message>
    <message>
        <source>the server&apos;s disk is full</source>
        <translation>der Datenträger des Servers ist voll</translation>
    </message>
    <message>
        <source>the file could not be stored</source>
        <translation>die Datei konnte nicht gespeichert werden</translation>
    </message>
</context>
<context>
    <name>DropPage</name>
    <message>
        <source>1 byte</source>
        <translation>1 Byte</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 Bytes</translation>
    </message>
    <message>
        <source>This file is protected by a password.</source>
        <translation>Diese Datei ist durch ein Passwort geschützt.</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>This link works once: the file is deleted after the download. It expires on %1.</source>
        <translation>Dieser Link funktioniert einmal: Die Datei wird nach dem Herunterladen gelöscht. Er läuft am %1 ab.</translation>
    </message>
    <message>
        <source>%1 downloads left. The link expires on %2.</source>
        <translation>Noch %1 Downloads übrig. Der Link läuft am %2 ab.</translation>
    </message>
    <message>
        <source>Download %1</source>
        <translation>%1 herunterladen</translation>
    </message>
    <message>
        <source>Opening this page or previewing the link does not use it up; only the Download button does.</source>
        <translation>Das Öffnen dieser Seite oder eine Linkvorschau verbraucht den Link nicht; nur die Schaltfläche „Herunterladen“ tut das.</translation>
    </message>
</context>
<context>
    <name>DropUpload</name>
    <message>
        <source>the server has no room for this file</source>
        <translation>der Server hat keinen Platz für diese Datei</translation>
    </message>
    <message>
        <source>the file could not be stored</source>
        <translation>die Datei konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <source>the file is larger than %1 bytes</source>
        <translation>die Datei ist größer als %1 Bytes</translation>
    </message>
    <message>
        <source>only one &apos;file&apos; part is allowed</source>
        <translation>nur ein Teil &apos;file&apos; ist erlaubt</translation>
    </message>
    <message>
        <source>a form field is longer than %1 bytes</source>
        <translation>ein Formularfeld ist länger als %1 Bytes</translation>
    </message>
    <message>
        <source>malformed multipart body: %1</source>
        <translation>fehlerhafter multipart-Body: %1</translation>
    </message>
    <message>
        <source>the request has no &apos;file&apos; part</source>
        <translation>die Anfrage hat keinen Teil &apos;file&apos;</translation>
    </message>
    <message>
        <source>password: at most %1 bytes</source>
        <translation>password: höchstens %1 Bytes</translation>
    </message>
    <message>
        <source>max_downloads: a whole number from 1 to %1</source>
        <translation>max_downloads: eine ganze Zahl von 1 bis %1</translation>
    </message>
    <message>
        <source>expires_in: a number of seconds from 1 to %1</source>
        <translation>expires_in: eine Anzahl Sekunden von 1 bis %1</translation>
    </message>
</context>
<context>
    <name>DumpHandler</name>
    <message>
        <source>send the items as application/xml or application/json</source>
        <translation>senden Sie die Elemente als application/xml oder application/json</translation>
    </message>
    <message numerus="yes">
        <source>the hourly limit of %n dump request(s) is reached</source>
        <translation>
            <numerusform>das stündliche Limit von %n Dump-Anfrage ist erreicht</numerusform>
            <numerusform>das stündliche Limit von %n Dump-Anfragen ist erreicht</numerusform>
        </translation>
    </message>
    <message>
        <source>no such dump request</source>
        <translation>Dump-Anfrage nicht vorhanden</translation>
    </message>
    <message>
        <source>no such stored image</source>
        <translation>gespeichertes Bild nicht vorhanden</translation>
    </message>
    <message>
        <source>dump %1: stored image %2 is missing</source>
        <translation>Dump %1: gespeichertes Bild %2 fehlt</translation>
    </message>
</context>
<context>
    <name>DumpJob</name>
    <message>
        <source>dump %1 image %2: %3</source>
        <translation>Dump %1, Bild %2: %3</translation>
    </message>
    <message>
        <source>the server is shutting down</source>
        <translation>der Server wird heruntergefahren</translation>
    </message>
    <message>
        <source>dump %1: cannot store the result: %2</source>
        <translation>Dump %1: das Ergebnis kann nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>dump %1 user %2: %3 items, %4 of %5 images stored in %6 ms%7</source>
        <translation>Dump %1, Benutzer %2: %3 Elemente, %4 von %5 Bildern in %6 ms gespeichert%7</translation>
    </message>
    <message>
        <source> (client gone)</source>
        <translation> (Client getrennt)</translation>
    </message>
    <message>
        <source>dump %1: its account is gone, its images are removed</source>
        <translation>Dump %1: sein Konto existiert nicht mehr, seine Bilder werden entfernt</translation>
    </message>
</context>
<context>
    <name>EndpointAdminHandler</name>
    <message>
        <source>you already have an endpoint at %1</source>
        <translation>Sie haben bereits einen Endpunkt unter %1</translation>
    </message>
    <message>
        <source>already taken</source>
        <translation>bereits vergeben</translation>
    </message>
    <message>
        <source>no such endpoint</source>
        <translation>Endpunkt nicht vorhanden</translation>
    </message>
    <message>
        <source>required</source>
        <translation>erforderlich</translation>
    </message>
    <message>
        <source>json endpoints take their answer in the response field</source>
        <translation>json-Endpunkte erwarten ihre Antwort im Feld response</translation>
    </message>
    <message>
        <source>required for %1 endpoints: a multipart part named &quot;file&quot;</source>
        <translation>erforderlich für %1-Endpunkte: ein multipart-Teil namens &quot;file&quot;</translation>
    </message>
    <message>
        <source>a script may be at most %1 bytes</source>
        <translation>ein Skript darf höchstens %1 Bytes groß sein</translation>
    </message>
    <message>
        <source>required: a multipart part named &quot;file&quot; or a raw body</source>
        <translation>erforderlich: ein multipart-Teil namens &quot;file&quot; oder ein unverarbeiteter Body</translation>
    </message>
    <message>
        <source>the endpoint changed meanwhile; try again</source>
        <translation>der Endpunkt wurde inzwischen geändert; bitte erneut versuchen</translation>
    </message>
    <message>
        <source>not valid JSON</source>
        <translation>kein gültiges JSON</translation>
    </message>
    <message>
        <source>response, body, rules and sequence together may hold at most %1 bytes of JSON</source>
        <translation>response, body, rules und sequence dürfen zusammen höchstens %1 Bytes JSON enthalten</translation>
    </message>
</context>
<context>
    <name>EndpointUpload</name>
    <message>
        <source>the file is larger than %1 bytes</source>
        <translation>die Datei ist größer als %1 Bytes</translation>
    </message>
    <message>
        <source>the server&apos;s disk is full</source>
        <translation>der Datenträger des Servers ist voll</translation>
    </message>
    <message>
        <source>the file could not be stored</source>
        <translation>die Datei konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <source>send multipart/form-data</source>
        <translation>senden Sie multipart/form-data</translation>
    </message>
    <message>
        <source>the multipart Content-Type has no valid boundary</source>
        <translation>der multipart-Content-Type hat keine gültige boundary</translation>
    </message>
    <message>
        <source>send one file, in the part named &quot;file&quot;</source>
        <translation>senden Sie genau eine Datei im Teil namens &quot;file&quot;</translation>
    </message>
    <message>
        <source>the text fields are larger than %1 bytes</source>
        <translation>die Textfelder sind größer als %1 Bytes</translation>
    </message>
    <message>
        <source>malformed multipart body: %1</source>
        <translation>fehlerhafter multipart-Body: %1</translation>
    </message>
</context>
<context>
    <name>FileResponder</name>
    <message>
        <source>the range is outside the file&apos;s %1 bytes</source>
        <translation>der Bereich liegt außerhalb der %1 Bytes der Datei</translation>
    </message>
</context>
<context>
    <name>Guarded</name>
    <message>
        <source>the database is unavailable</source>
        <translation>die Datenbank ist nicht verfügbar</translation>
    </message>
    <message>
        <source>the server&apos;s storage is full</source>
        <translation>der Speicher des Servers ist voll</translation>
    </message>
</context>
<context>
    <name>HostedHandler</name>
    <message>
        <source>no such endpoint</source>
        <translation>Endpunkt nicht vorhanden</translation>
    </message>
    <message>
        <source>this endpoint has expired</source>
        <translation>dieser Endpunkt ist abgelaufen</translation>
    </message>
    <message>
        <source>the request body does not match the expected body</source>
        <translation>der Body der Anfrage stimmt nicht mit dem erwarteten Body überein</translation>
    </message>
    <message>
        <source>the endpoint&apos;s answer is missing</source>
        <translation>die Antwort des Endpunkts fehlt</translation>
    </message>
</context>
<context>
    <name>HttpExchange</name>
    <message>
        <source>the request was not answered</source>
        <translation>die Anfrage wurde nicht beantwortet</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>the stored file cannot be read</source>
        <translation>die gespeicherte Datei kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>shorter than %1 bytes</source>
        <translation>kürzer als %1 Bytes</translation>
    </message>
</context>
<context>
    <name>JournalHandler</name>
    <message>
        <source>no such endpoint</source>
        <translation>Endpunkt nicht vorhanden</translation>
    </message>
    <message>
        <source>&quot;after&quot; must be an entry id (a whole number, 0 or more)</source>
        <translation>&quot;after&quot; muss eine Eintrags-ID sein (eine ganze Zahl, 0 oder mehr)</translation>
    </message>
    <message>
        <source>the endpoint was deleted</source>
        <translation>der Endpunkt wurde gelöscht</translation>
    </message>
</context>
<context>
    <name>JsonBody</name>
    <message>
        <source>invalid JSON at offset %1: %2</source>
        <translation>ungültiges JSON an Offset %1: %2</translation>
    </message>
    <message>
        <source>the body must be a JSON object</source>
        <translation>der Body muss ein JSON-Objekt sein</translation>
    </message>
    <message>
        <source>send the body as application/json</source>
        <translation>senden Sie den Body als application/json</translation>
    </message>
</context>
<context>
    <name>ListenSockets</name>
    <message>
        <source>cannot listen on %1:%2: %3</source>
        <translation>Lauschen auf %1:%2 nicht möglich: %3</translation>
    </message>
    <message>
        <source>address already in use</source>
        <translation>Adresse wird bereits verwendet</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>Zugriff verweigert</translation>
    </message>
    <message>
        <source>address not available on this machine</source>
        <translation>Adresse auf diesem Rechner nicht verfügbar</translation>
    </message>
</context>
<context>
    <name>MockResponder</name>
    <message>
        <source>the template&apos;s output exceeds %1 bytes</source>
        <translation>die Ausgabe der Vorlage überschreitet %1 Bytes</translation>
    </message>
</context>
<context>
    <name>OpsHandler</name>
    <message>
        <source>the database does not answer</source>
        <translation>die Datenbank antwortet nicht</translation>
    </message>
    <message>
        <source>/metrics needs its token</source>
        <translation>/metrics erfordert sein Token</translation>
    </message>
    <message>
        <source>the API description is not built in</source>
        <translation>die API-Beschreibung ist nicht eingebaut</translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <source>an integer from %1 to %2</source>
        <translation>eine ganze Zahl von %1 bis %2</translation>
    </message>
</context>
<context>
    <name>RequestFramer</name>
    <message>
        <source>the Authorization header is too large</source>
        <translation>der Authorization-Header ist zu groß</translation>
    </message>
    <message>
        <source>request line and headers exceed %1 bytes</source>
        <translation>Anfragezeile und Header überschreiten %1 Bytes</translation>
    </message>
    <message>
        <source>more than %1 header fields</source>
        <translation>mehr als %1 Header-Felder</translation>
    </message>
    <message>
        <source>malformed chunk size</source>
        <translation>fehlerhafte Chunk-Größe</translation>
    </message>
    <message>
        <source>request body exceeds %1 bytes</source>
        <translation>der Anfrage-Body überschreitet %1 Bytes</translation>
    </message>
    <message>
        <source>empty request</source>
        <translation>leere Anfrage</translation>
    </message>
    <message>
        <source>malformed request line</source>
        <translation>fehlerhafte Anfragezeile</translation>
    </message>
    <message>
        <source>only HTTP/1.0 and HTTP/1.1 are supported</source>
        <translation>nur HTTP/1.0 und HTTP/1.1 werden unterstützt</translation>
    </message>
    <message>
        <source>request target contains invalid characters</source>
        <translation>das Anfrageziel enthält ungültige Zeichen</translation>
    </message>
    <message>
        <source>obsolete header line folding</source>
        <translation>veraltete Header-Zeilenfaltung</translation>
    </message>
    <message>
        <source>invalid Content-Length</source>
        <translation>ungültige Content-Length</translation>
    </message>
    <message>
        <source>only chunked transfer coding is supported</source>
        <translation>nur die Transfer-Codierung chunked wird unterstützt</translation>
    </message>
    <message>
        <source>only &apos;Expect: 100-continue&apos; is supported</source>
        <translation>nur &apos;Expect: 100-continue&apos; wird unterstützt</translation>
    </message>
    <message>
        <source>both Content-Length and Transfer-Encoding</source>
        <translation>sowohl Content-Length als auch Transfer-Encoding</translation>
    </message>
    <message>
        <source>request body of %1 bytes exceeds the limit of %2 bytes</source>
        <translation>der Anfrage-Body mit %1 Bytes überschreitet das Limit von %2 Bytes</translation>
    </message>
    <message>
        <source>a request was pipelined after a split chunked-body terminator</source>
        <translation>nach einem geteilten Abschluss eines chunked-Bodys wurde eine Anfrage per Pipelining gesendet</translation>
    </message>
    <message>
        <source>a CR without LF before the request</source>
        <translation>ein CR ohne LF vor der Anfrage</translation>
    </message>
    <message>
        <source>a line ends in LF without CR</source>
        <translation>eine Zeile endet mit LF ohne CR</translation>
    </message>
    <message>
        <source>a header field is longer than %1 bytes</source>
        <translation>ein Header-Feld ist länger als %1 Bytes</translation>
    </message>
    <message>
        <source>chunk header line too long</source>
        <translation>Chunk-Kopfzeile zu lang</translation>
    </message>
    <message>
        <source>trailer fields are not accepted</source>
        <translation>Trailer-Felder werden nicht akzeptiert</translation>
    </message>
    <message>
        <source>chunk data not followed by CR LF</source>
        <translation>auf die Chunk-Daten folgt kein CR LF</translation>
    </message>
    <message>
        <source>a CR without LF in the request head</source>
        <translation>ein CR ohne LF im Anfragekopf</translation>
    </message>
    <message>
        <source>request target must not begin with //</source>
        <translation>das Anfrageziel darf nicht mit // beginnen</translation>
    </message>
    <message>
        <source>invalid authority in the request target</source>
        <translation>ungültige Authority im Anfrageziel</translation>
    </message>
    <message>
        <source>request target must be an absolute path or URL</source>
        <translation>das Anfrageziel muss ein absoluter Pfad oder eine URL sein</translation>
    </message>
    <message>
        <source>malformed header field name</source>
        <translation>fehlerhafter Header-Feldname</translation>
    </message>
    <message>
        <source>a header field value contains a control byte</source>
        <translation>ein Header-Feldwert enthält ein Steuerzeichen</translation>
    </message>
    <message>
        <source>more than one Content-Length</source>
        <translation>mehr als eine Content-Length</translation>
    </message>
    <message>
        <source>more than one Transfer-Encoding</source>
        <translation>mehr als ein Transfer-Encoding</translation>
    </message>
    <message>
        <source>malformed Transfer-Encoding</source>
        <translation>fehlerhaftes Transfer-Encoding</translation>
    </message>
    <message>
        <source>more than one Host</source>
        <translation>mehr als ein Host</translation>
    </message>
    <message>
        <source>invalid Host</source>
        <translation>ungültiger Host</translation>
    </message>
    <message>
        <source>more than one Expect</source>
        <translation>mehr als ein Expect</translation>
    </message>
    <message>
        <source>an HTTP/1.1 request needs a Host header</source>
        <translation>eine HTTP/1.1-Anfrage benötigt einen Host-Header</translation>
    </message>
    <message>
        <source>Transfer-Encoding in an HTTP/1.0 request</source>
        <translation>Transfer-Encoding in einer HTTP/1.0-Anfrage</translation>
    </message>
    <message>
        <source>WebSocket upgrades are not supported</source>
        <translation>WebSocket-Upgrades werden nicht unterstützt</translation>
    </message>
    <message>
        <source>a chunk line ends in LF without CR</source>
        <translation>eine Chunk-Zeile endet mit LF ohne CR</translation>
    </message>
    <message>
        <source>a CR without LF in a chunk line</source>
        <translation>ein CR ohne LF in einer Chunk-Zeile</translation>
    </message>
    <message>
        <source>malformed chunk extension</source>
        <translation>fehlerhafte Chunk-Erweiterung</translation>
    </message>
    <message>
        <source>no WebSocket at this address</source>
        <translation>unter dieser Adresse gibt es keinen WebSocket</translation>
    </message>
</context>
<context>
    <name>Router</name>
    <message>
        <source>the path contains an invalid escape (NUL, CR, LF, &apos;/&apos; or bad UTF-8)</source>
        <translation>der Pfad enthält eine ungültige Escape-Sequenz (NUL, CR, LF, &apos;/&apos; oder fehlerhaftes UTF-8)</translation>
    </message>
</context>
<context>
    <name>Schema</name>
    <message>
        <source>the database schema is version %1 but this depot-server knows only up to version %2: upgrade depot-server</source>
        <translation>das Datenbankschema hat Version %1, aber dieser depot-server kennt nur Versionen bis %2: aktualisieren Sie depot-server</translation>
    </message>
    <message>
        <source>database migrated to version %1 (%2)</source>
        <translation>Datenbank auf Version %1 migriert (%2)</translation>
    </message>
    <message>
        <source>database migration failed: %1</source>
        <translation>Datenbankmigration fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>ServerConfig</name>
    <message>
        <source>Depot server: JSON mocks, files and sandboxed scripts at your own URLs, one-time file drops and image dump ingestion.</source>
        <translation>Depot-Server: JSON-Mocks, Dateien und Skripte in einer Sandbox unter Ihren eigenen URLs, einmalige Dateifreigaben und Annahme von Bild-Dumps.</translation>
    </message>
    <message>
        <source>INI file setting any option below by its name.</source>
        <translation>INI-Datei, die jede der folgenden Optionen über ihren Namen setzt.</translation>
    </message>
    <message>
        <source>[env %1]</source>
        <translation>[env %1]</translation>
    </message>
    <message>
        <source>unexpected argument: %1</source>
        <translation>unerwartetes Argument: %1</translation>
    </message>
    <message>
        <source>cannot read config file %1</source>
        <translation>Konfigurationsdatei %1 kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>config file %1 is not a valid INI file</source>
        <translation>Konfigurationsdatei %1 ist keine gültige INI-Datei</translation>
    </message>
    <message>
        <source>--%1</source>
        <translation>--%1</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%1 in %2</translation>
    </message>
    <message>
        <source>invalid value &apos;%1&apos; for %2</source>
        <translation>ungültiger Wert &apos;%1&apos; für %2</translation>
    </message>
    <message>
        <source>default plan &apos;%1&apos; is not one of the plans</source>
        <translation>der Standardtarif &apos;%1&apos; ist keiner der vorhandenen Tarife</translation>
    </message>
    <message>
        <source>[default %1, env %2]</source>
        <translation>[Standard %1, Umgebungsvariable %2]</translation>
    </message>
    <message>
        <source>unknown environment variable %1</source>
        <translation>unbekannte Umgebungsvariable %1</translation>
    </message>
    <message>
        <source>unknown key &apos;%1&apos; in config file %2</source>
        <translation>unbekannter Schlüssel &apos;%1&apos; in der Konfigurationsdatei %2</translation>
    </message>
    <message>
        <source>--tls-cert and --tls-key go together</source>
        <translation>--tls-cert und --tls-key gehören zusammen</translation>
    </message>
    <message>
        <source>--tls-redirect-port needs --tls-cert and --tls-key</source>
        <translation>--tls-redirect-port erfordert --tls-cert und --tls-key</translation>
    </message>
    <message>
        <source>&apos;users list|add|passwd|plan|delete ...&apos; administers accounts in the configured database instead of serving (depot-server users --help).</source>
        <translation>&apos;users list|add|passwd|plan|delete ...&apos; verwaltet Konten in der konfigurierten Datenbank, statt zu dienen (depot-server users --help).</translation>
    </message>
</context>
<context>
    <name>ServerKey</name>
    <message>
        <source>cannot read the secret file %1: %2</source>
        <translation>die Geheimnisdatei %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>the secret file %1 holds fewer than %2 bytes</source>
        <translation>die Geheimnisdatei %1 enthält weniger als %2 Bytes</translation>
    </message>
    <message>
        <source>cannot create %1: %2</source>
        <translation>%1 kann nicht erstellt werden: %2</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>TlsCredentials</name>
    <message>
        <source>cannot read TLS certificate %1: %2</source>
        <translation>TLS-Zertifikat %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>cannot read TLS key %1: %2</source>
        <translation>TLS-Schlüssel %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 holds no PEM certificate</source>
        <translation>%1 enthält kein PEM-Zertifikat</translation>
    </message>
    <message>
        <source>%1 holds no unencrypted PEM private key</source>
        <translation>%1 enthält keinen unverschlüsselten privaten PEM-Schlüssel</translation>
    </message>
    <message>
        <source>the key in %1 does not belong to the certificate in %2</source>
        <translation>der Schlüssel in %1 gehört nicht zum Zertifikat in %2</translation>
    </message>
    <message>
        <source>the key in %1 cannot be used by Qt&apos;s TLS backend</source>
        <translation>der Schlüssel in %1 kann vom TLS-Backend von Qt nicht verwendet werden</translation>
    </message>
    <message>
        <source>TLS certificate CN=%1 SHA-256 %2, valid until %3</source>
        <translation>TLS-Zertifikat CN=%1 SHA-256 %2, gültig bis %3</translation>
    </message>
    <message>
        <source>(EXPIRED)</source>
        <translation>(ABGELAUFEN)</translation>
    </message>
    <message>
        <source>(expires within 14 days)</source>
        <translation>(läuft innerhalb von 14 Tagen ab)</translation>
    </message>
</context>
<context>
    <name>TokenAuth</name>
    <message>
        <source>an Authorization header with a Bearer token is required</source>
        <translation>ein Authorization-Header mit einem Bearer-Token ist erforderlich</translation>
    </message>
    <message>
        <source>the Authorization header must be &quot;Bearer &lt;token&gt;&quot; (or Basic with username:token)</source>
        <translation>der Authorization-Header muss &quot;Bearer &lt;token&gt;&quot; lauten (oder Basic mit username:token)</translation>
    </message>
    <message>
        <source>Basic credentials must be a known username and a valid token from POST /api/v1/auth/token (base64 of username:token)</source>
        <translation>Basic-Anmeldedaten müssen ein bekannter Benutzername und ein gültiges Token von POST /api/v1/auth/token sein (base64 von username:token)</translation>
    </message>
    <message>
        <source>the token is malformed</source>
        <translation>das Token ist fehlerhaft</translation>
    </message>
    <message>
        <source>the token has expired: log in again</source>
        <translation>das Token ist abgelaufen: bitte erneut anmelden</translation>
    </message>
    <message>
        <source>the token is not valid</source>
        <translation>das Token ist ungültig</translation>
    </message>
</context>
<context>
    <name>UsersCommand</name>
    <message>
        <source>New password for %1: </source>
        <translation>Neues Passwort für %1: </translation>
    </message>
    <message>
        <source>no password on standard input</source>
        <translation>kein Passwort auf der Standardeingabe</translation>
    </message>
    <message>
        <source>password %1</source>
        <translation>Passwort %1</translation>
    </message>
    <message>
        <source>Retype the new password: </source>
        <translation>Neues Passwort wiederholen: </translation>
    </message>
    <message>
        <source>the passwords do not match</source>
        <translation>die Passwörter stimmen nicht überein</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>PLAN</source>
        <translation>TARIF</translation>
    </message>
    <message>
        <source>CREATED</source>
        <translation>ANGELEGT</translation>
    </message>
    <message>
        <source>Administers the accounts in the configured database (server options go before &apos;users&apos;).

  users list [--json]           name, plan and creation time of every user
  users add NAME [--plan PLAN]  a new user; the password is read from the terminal
                                or one line of standard input
  users passwd NAME             a new password (read the same way); the user&apos;s
                                tokens are revoked
  users plan NAME PLAN          changes the plan
  users delete NAME             the account, its endpoints, dumps and files</source>
        <translation>Verwaltet die Konten in der konfigurierten Datenbank (Serveroptionen stehen vor &apos;users&apos;).

  users list [--json]           Name, Tarif und Anlagezeit jedes Kontos
  users add NAME [--plan PLAN]  ein neues Konto; das Passwort wird vom Terminal
                                oder als eine Zeile der Standardeingabe gelesen
  users passwd NAME             ein neues Passwort (ebenso gelesen); die Tokens
                                des Kontos werden widerrufen
  users plan NAME PLAN          ändert den Tarif
  users delete NAME             das Konto mit Endpunkten, Dumps und Dateien</translation>
    </message>
    <message>
        <source>Displays this help.</source>
        <translation>Zeigt diese Hilfe.</translation>
    </message>
    <message>
        <source>list: JSON instead of a table.</source>
        <translation>list: JSON statt einer Tabelle.</translation>
    </message>
    <message>
        <source>add: the plan [default %1].</source>
        <translation>add: der Tarif [Standard %1].</translation>
    </message>
    <message>
        <source>list, add, passwd, plan or delete</source>
        <translation>list, add, passwd, plan oder delete</translation>
    </message>
    <message>
        <source>users: a command is missing (list, add, passwd, plan, delete)</source>
        <translation>users: ein Befehl fehlt (list, add, passwd, plan, delete)</translation>
    </message>
    <message>
        <source>users: unknown command &apos;%1&apos;</source>
        <translation>users: unbekannter Befehl &apos;%1&apos;</translation>
    </message>
    <message numerus="yes">
        <source>users %1: expected %n argument(s) (see depot-server users --help)</source>
        <translation>
            <numerusform>users %1: %n Argument erwartet (siehe depot-server users --help)</numerusform>
            <numerusform>users %1: %n Argumente erwartet (siehe depot-server users --help)</numerusform>
        </translation>
    </message>
    <message>
        <source>users %1: --json belongs to list, --plan to add</source>
        <translation>users %1: --json gehört zu list, --plan zu add</translation>
    </message>
    <message>
        <source>invalid username &apos;%1&apos;: %2</source>
        <translation>ungültiger Benutzername &apos;%1&apos;: %2</translation>
    </message>
    <message>
        <source>cannot create directory %1</source>
        <translation>Verzeichnis %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>cannot open the database: %1</source>
        <translation>die Datenbank kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>user &apos;%1&apos; exists</source>
        <translation>Benutzer &apos;%1&apos; existiert bereits</translation>
    </message>
    <message>
        <source>user %1 created (plan %2)
</source>
        <translation>Benutzer %1 angelegt (Tarif %2)
</translation>
    </message>
    <message>
        <source>no user &apos;%1&apos;</source>
        <translation>kein Benutzer &apos;%1&apos;</translation>
    </message>
    <message>
        <source>password of %1 changed; their tokens are revoked
</source>
        <translation>Passwort von %1 geändert; die Tokens sind widerrufen
</translation>
    </message>
    <message>
        <source>plan of %1: %2
</source>
        <translation>Tarif von %1: %2
</translation>
    </message>
    <message>
        <source>user %1 deleted, but some of their files could not be removed (the server&apos;s sweep retries)</source>
        <translation>Benutzer %1 gelöscht, aber einige Dateien konnten nicht entfernt werden (die Aufräumrunde des Servers versucht es erneut)</translation>
    </message>
    <message>
        <source>user %1 deleted with their endpoints, dumps and files
</source>
        <translation>Benutzer %1 mit Endpunkten, Dumps und Dateien gelöscht
</translation>
    </message>
    <message>
        <source>database: %1</source>
        <translation>Datenbank: %1</translation>
    </message>
</context>
<context>
    <name>UsersFile</name>
    <message>
        <source>line %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>expected &apos;username password plan&apos;, found %n field(s)</source>
        <translation>
            <numerusform>&apos;username password plan&apos; erwartet, %n Feld gefunden</numerusform>
            <numerusform>&apos;username password plan&apos; erwartet, %n Felder gefunden</numerusform>
        </translation>
    </message>
    <message>
        <source>invalid username &apos;%1&apos;</source>
        <translation>ungültiger Benutzername &apos;%1&apos;</translation>
    </message>
    <message>
        <source>duplicate username &apos;%1&apos;</source>
        <translation>doppelter Benutzername &apos;%1&apos;</translation>
    </message>
    <message>
        <source>password %1</source>
        <translation>Passwort %1</translation>
    </message>
</context>
<context>
    <name>depot::CgiResponse</name>
    <message>
        <source>the script printed more than %1 header lines</source>
        <translation>das Skript hat mehr als %1 Header-Zeilen ausgegeben</translation>
    </message>
    <message>
        <source>the script&apos;s headers are not followed by an empty line</source>
        <translation>auf die Header des Skripts folgt keine Leerzeile</translation>
    </message>
    <message>
        <source>line %1 of the script&apos;s headers is not a valid header field</source>
        <translation>Zeile %1 der Header des Skripts ist kein gültiges Header-Feld</translation>
    </message>
    <message>
        <source>the script&apos;s Status header is duplicated or not a status between 200 and 599</source>
        <translation>der Status-Header des Skripts ist doppelt vorhanden oder kein Status zwischen 200 und 599</translation>
    </message>
    <message>
        <source>the script&apos;s %1 header is duplicated or empty</source>
        <translation>der %1-Header des Skripts ist doppelt vorhanden oder leer</translation>
    </message>
</context>
<context>
    <name>depot::ConnectionGuard</name>
    <message>
        <source>too many open connections</source>
        <translation>zu viele offene Verbindungen</translation>
    </message>
    <message>
        <source>refused %1: too many open connections</source>
        <translation>%1 abgewiesen: zu viele offene Verbindungen</translation>
    </message>
    <message>
        <source>refused %1: TLS handshake failed: %2</source>
        <translation>%1 abgewiesen: TLS-Handshake fehlgeschlagen: %2</translation>
    </message>
</context>
<context>
    <name>depot::ConnectionState</name>
    <message>
        <source>the request head was not received in time</source>
        <translation>der Anfragekopf wurde nicht rechtzeitig empfangen</translation>
    </message>
    <message>
        <source>the request body stalled</source>
        <translation>die Übertragung des Anfrage-Bodys ist ins Stocken geraten</translation>
    </message>
    <message>
        <source>refused %1 with %2: %3</source>
        <translation>%1 mit %2 abgewiesen: %3</translation>
    </message>
    <message>
        <source>no WebSocket at this address</source>
        <translation>unter dieser Adresse gibt es keinen WebSocket</translation>
    </message>
</context>
<context>
    <name>depot::DbListener</name>
    <message>
        <source>the database listener did not stop within 3 s; exiting without it</source>
        <translation>der Datenbank-Listener hat nicht innerhalb von 3 s angehalten; Beenden ohne ihn</translation>
    </message>
</context>
<context>
    <name>depot::ImageFetcher</name>
    <message>
        <source>ignoring --fetch-allow %1: not a CIDR</source>
        <translation>--fetch-allow %1 wird ignoriert: kein CIDR</translation>
    </message>
</context>
<context>
    <name>depot::LiveSocket</name>
    <message>
        <source>text messages only</source>
        <translation>nur Textnachrichten</translation>
    </message>
    <message>
        <source>authenticate with a first message {&quot;ticket&quot;: ...} or {&quot;token&quot;: ...}</source>
        <translation>authentifizieren Sie sich mit einer ersten Nachricht {&quot;ticket&quot;: ...} oder {&quot;token&quot;: ...}</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>inaktiv</translation>
    </message>
    <message>
        <source>message rate exceeded</source>
        <translation>Nachrichtenrate überschritten</translation>
    </message>
    <message>
        <source>the first message must be a JSON object with &quot;ticket&quot; or &quot;token&quot;</source>
        <translation>die erste Nachricht muss ein JSON-Objekt mit &quot;ticket&quot; oder &quot;token&quot; sein</translation>
    </message>
    <message>
        <source>the ticket is not valid, has expired or was used already</source>
        <translation>das Ticket ist ungültig, abgelaufen oder wurde bereits verwendet</translation>
    </message>
    <message>
        <source>the first message must carry &quot;ticket&quot; or &quot;token&quot;</source>
        <translation>die erste Nachricht muss &quot;ticket&quot; oder &quot;token&quot; enthalten</translation>
    </message>
    <message>
        <source>the database is not available</source>
        <translation>die Datenbank ist nicht verfügbar</translation>
    </message>
    <message numerus="yes">
        <source>more than %n open WebSocket(s) for this user</source>
        <translation>
            <numerusform>mehr als %n offener WebSocket für diesen Benutzer</numerusform>
            <numerusform>mehr als %n offene WebSockets für diesen Benutzer</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>depot::Reaper</name>
    <message>
        <source>reaper: removed %1 expired %2 (%3 file(s))</source>
        <translation>reaper: %1 abgelaufene Einträge aus %2 entfernt (%3 Datei(en))</translation>
    </message>
    <message>
        <source>reaper: %1: %2</source>
        <translation>reaper: %1: %2</translation>
    </message>
    <message>
        <source>reaper: %1 is missing: not sweeping %2</source>
        <translation>reaper: %1 fehlt: %2 wird nicht bereinigt</translation>
    </message>
    <message>
        <source>reaper: %1 row %2 had no file %3: removed</source>
        <translation>reaper: Zeile %2 in %1 hatte keine Datei %3: entfernt</translation>
    </message>
    <message>
        <source>reaper: start-up sweep of %1 removed %2 row(s) without a file and %3 file(s) without a row</source>
        <translation>reaper: die Bereinigung von %1 beim Start hat %2 Zeile(n) ohne Datei und %3 Datei(en) ohne Zeile entfernt</translation>
    </message>
    <message>
        <source>reaper: sweep of %1: %2</source>
        <translation>reaper: Bereinigung von %1: %2</translation>
    </message>
</context>
<context>
    <name>depot::RunCgroups</name>
    <message>
        <source>the pids controller is not available in %1 (with systemd: Delegate=yes in the unit)</source>
        <translation>der pids-Controller ist in %1 nicht verfügbar (mit systemd: Delegate=yes in der Unit)</translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation>%1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>switched off</source>
        <translation>abgeschaltet</translation>
    </message>
    <message>
        <source>%1 is not a cgroup directory this process may write</source>
        <translation>%1 ist kein cgroup-Verzeichnis, in das dieser Prozess schreiben darf</translation>
    </message>
    <message>
        <source>the cgroup v1 pids hierarchy is not mounted</source>
        <translation>die pids-Hierarchie von cgroup v1 ist nicht eingehängt</translation>
    </message>
    <message>
        <source>%1 is not writable</source>
        <translation>%1 ist nicht beschreibbar</translation>
    </message>
    <message>
        <source>no cgroup file system is mounted</source>
        <translation>kein cgroup-Dateisystem ist eingehängt</translation>
    </message>
    <message>
        <source>this process is in the root cgroup</source>
        <translation>dieser Prozess ist in der Wurzel-cgroup</translation>
    </message>
    <message>
        <source>%1 is not delegated to this process (with systemd: Delegate=yes in the unit)</source>
        <translation>%1 ist diesem Prozess nicht delegiert (mit systemd: Delegate=yes in der Unit)</translation>
    </message>
    <message>
        <source>cannot create the cgroup %1: %2</source>
        <translation>die cgroup %1 kann nicht angelegt werden: %2</translation>
    </message>
</context>
<context>
    <name>depot::SandboxStatus</name>
    <message>
        <source>script sandbox works again</source>
        <translation>die Skript-Sandbox funktioniert wieder</translation>
    </message>
    <message>
        <source>script sandbox unavailable, script endpoints answer 503: %1</source>
        <translation>Skript-Sandbox nicht verfügbar, Skript-Endpunkte antworten mit 503: %1</translation>
    </message>
    <message>
        <source>script cgroups: %1</source>
        <translation>Skript-cgroups: %1</translation>
    </message>
    <message>
        <source>script runs get a pids cgroup each (at most %1 processes) under %2</source>
        <translation>jeder Skriptlauf bekommt eine eigene pids-cgroup (höchstens %1 Prozesse) unter %2</translation>
    </message>
    <message>
        <source>script runs get no pids cgroup: %1</source>
        <translation>Skriptläufe bekommen keine pids-cgroup: %1</translation>
    </message>
</context>
<context>
    <name>depot::ScriptRunner</name>
    <message>
        <source>Scripts cannot run on this server: %1</source>
        <translation>Skripte können auf diesem Server nicht ausgeführt werden: %1</translation>
    </message>
    <message>
        <source>Too many scripts are running; try again later</source>
        <translation>Es laufen zu viele Skripte; versuchen Sie es später erneut</translation>
    </message>
    <message>
        <source>The script cannot be read</source>
        <translation>Das Skript kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>The script is larger than %1 bytes</source>
        <translation>Das Skript ist größer als %1 Bytes</translation>
    </message>
    <message>
        <source>The script printed more than %1 bytes</source>
        <translation>Das Skript hat mehr als %1 Bytes ausgegeben</translation>
    </message>
    <message>
        <source>The script did not finish within %1 ms</source>
        <translation>Das Skript wurde nicht innerhalb von %1 ms beendet</translation>
    </message>
    <message>
        <source>The script sandbox could not be set up</source>
        <translation>Die Skript-Sandbox konnte nicht eingerichtet werden</translation>
    </message>
    <message>
        <source>The script used up its CPU time</source>
        <translation>Das Skript hat seine CPU-Zeit aufgebraucht</translation>
    </message>
    <message>
        <source>The script was killed by signal %1</source>
        <translation>Das Skript wurde durch Signal %1 beendet</translation>
    </message>
    <message>
        <source>The script failed with exit status %1</source>
        <translation>Das Skript ist mit Exit-Status %1 fehlgeschlagen</translation>
    </message>
    <message>
        <source>The script sandbox could not be started: %1</source>
        <translation>Die Skript-Sandbox konnte nicht gestartet werden: %1</translation>
    </message>
    <message>
        <source>cannot start %1: %2</source>
        <translation>%1 kann nicht gestartet werden: %2</translation>
    </message>
    <message>
        <source>the sandbox self-test did not finish within %1 ms</source>
        <translation>der Sandbox-Selbsttest wurde nicht innerhalb von %1 ms beendet</translation>
    </message>
    <message>
        <source>the sandbox self-test failed: %1</source>
        <translation>der Sandbox-Selbsttest ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>the sandbox self-test failed with exit status %1</source>
        <translation>der Sandbox-Selbsttest ist mit Exit-Status %1 fehlgeschlagen</translation>
    </message>
    <message>
        <source>script run without a cgroup: %1</source>
        <translation>Skriptlauf ohne cgroup: %1</translation>
    </message>
    <message>
        <source>Too many scripts are running and waiting; try again later</source>
        <translation>Zu viele Skripte laufen oder warten; bitte später erneut versuchen</translation>
    </message>
    <message>
        <source>No script could start within %1 ms; try again later</source>
        <translation>Innerhalb von %1 ms konnte kein Skript starten; bitte später erneut versuchen</translation>
    </message>
    <message>
        <source>a pre-started script sandbox ended before its run: %1</source>
        <translation>eine vorab gestartete Skript-Sandbox endete vor ihrem Lauf: %1</translation>
    </message>
    <message>
        <source>a script sandbox could not be started: %1</source>
        <translation>eine Skript-Sandbox konnte nicht gestartet werden: %1</translation>
    </message>
    <message>
        <source>a script sandbox ended while idle: %1</source>
        <translation>eine Skript-Sandbox hat sich im Leerlauf beendet: %1</translation>
    </message>
    <message>
        <source>The script sandbox could not be started</source>
        <translation>Die Skript-Sandbox konnte nicht gestartet werden</translation>
    </message>
    <message>
        <source>a script sandbox could not be given its run: %1</source>
        <translation>einer Skript-Sandbox konnte ihr Lauf nicht übergeben werden: %1</translation>
    </message>
    <message>
        <source>the sandbox self-test failed with wait status %1</source>
        <translation>der Sandbox-Selbsttest ist mit dem Wartestatus %1 fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>depot::ScriptSandbox</name>
    <message>
        <source>Python interpreter %1 is not an executable file</source>
        <translation>Python-Interpreter %1 ist keine ausführbare Datei</translation>
    </message>
    <message>
        <source>the sandbox uid and gid must not be 0</source>
        <translation>UID und GID der Sandbox dürfen nicht 0 sein</translation>
    </message>
    <message>
        <source>bubblewrap %1 is not an executable file</source>
        <translation>bubblewrap %1 ist keine ausführbare Datei</translation>
    </message>
    <message>
        <source>Python interpreter %1 is not under /usr, which is all the sandbox sees</source>
        <translation>Python-Interpreter %1 liegt nicht unter /usr, dem einzigen Verzeichnis, das die Sandbox sieht</translation>
    </message>
</context>
<context>
    <name>depot::ScriptZygote</name>
    <message>
        <source>the sandbox has ended</source>
        <translation>die Sandbox hat sich beendet</translation>
    </message>
    <message>
        <source>cannot start %1: %2</source>
        <translation>%1 kann nicht gestartet werden: %2</translation>
    </message>
    <message>
        <source>the sandbox could not start the run: %1</source>
        <translation>die Sandbox konnte den Lauf nicht starten: %1</translation>
    </message>
    <message>
        <source>the sandbox self-test did not finish within %1 ms</source>
        <translation>der Sandbox-Selbsttest wurde nicht innerhalb von %1 ms beendet</translation>
    </message>
    <message>
        <source>the sandbox ended with exit status %1</source>
        <translation>die Sandbox hat sich mit dem Exit-Status %1 beendet</translation>
    </message>
</context>
<context>
    <name>depot::ServerApp</name>
    <message>
        <source>cannot create directory %1</source>
        <translation>Verzeichnis %1 kann nicht erstellt werden</translation>
    </message>
    <message>
        <source>data directory %1 is not writable: %2</source>
        <translation>Datenverzeichnis %1 ist nicht beschreibbar: %2</translation>
    </message>
    <message>
        <source>cannot open the database: %1</source>
        <translation>die Datenbank kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>cannot read users file %1: %2</source>
        <translation>Benutzerdatei %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>users file %1: %2 (line skipped)</source>
        <translation>Benutzerdatei %1: %2 (Zeile übersprungen)</translation>
    </message>
    <message>
        <source>cannot import users: %1</source>
        <translation>Benutzer können nicht importiert werden: %1</translation>
    </message>
    <message>
        <source>UNSAFE: --unsafe-scripts runs users&apos; scripts WITHOUT the bubblewrap sandbox (network, files and processes of this machine are reachable). Development only: never use this on a shared or public server.</source>
        <translation>UNSICHER: --unsafe-scripts führt die Skripte der Benutzer OHNE die bubblewrap-Sandbox aus (Netzwerk, Dateien und Prozesse dieses Rechners sind erreichbar). Nur für die Entwicklung: Verwenden Sie dies niemals auf einem gemeinsam genutzten oder öffentlichen Server.</translation>
    </message>
    <message>
        <source>script sandbox self-test passed</source>
        <translation>Selbsttest der Skript-Sandbox bestanden</translation>
    </message>
    <message>
        <source>SQLite %1</source>
        <translation>SQLite %1</translation>
    </message>
    <message>
        <source>PostgreSQL %1/%2</source>
        <translation>PostgreSQL %1/%2</translation>
    </message>
    <message>
        <source>shutting down: finishing requests in flight (at most %1 ms)</source>
        <translation>Herunterfahren: laufende Anfragen werden abgeschlossen (höchstens %1 ms)</translation>
    </message>
    <message>
        <source>shutdown timeout: closing remaining connections</source>
        <translation>Zeitüberschreitung beim Herunterfahren: verbleibende Verbindungen werden geschlossen</translation>
    </message>
    <message>
        <source>%1 is accessible to other users (mode %2): chmod %3 it</source>
        <translation>%1 ist für andere Benutzer zugänglich (Modus %2): führen Sie chmod %3 darauf aus</translation>
    </message>
    <message>
        <source>SIGHUP: nothing to reload (no TLS)</source>
        <translation>SIGHUP: nichts neu zu laden (kein TLS)</translation>
    </message>
    <message>
        <source>SIGHUP: reloaded %1</source>
        <translation>SIGHUP: %1 neu geladen</translation>
    </message>
    <message>
        <source>SIGHUP: TLS reload failed, keeping the previous certificate: %1</source>
        <translation>SIGHUP: Neuladen von TLS fehlgeschlagen, das bisherige Zertifikat bleibt: %1</translation>
    </message>
    <message>
        <source>cannot listen on %1:%2 for the HTTPS redirect: %3</source>
        <translation>Lauschen auf %1:%2 für die HTTPS-Umleitung nicht möglich: %3</translation>
    </message>
    <message>
        <source>redirecting plain HTTP on port %1 to HTTPS</source>
        <translation>unverschlüsseltes HTTP auf Port %1 wird auf HTTPS umgeleitet</translation>
    </message>
    <message>
        <source>cannot listen on %1:%2 for /metrics: %3</source>
        <translation>Lauschen auf %1:%2 für /metrics nicht möglich: %3</translation>
    </message>
    <message>
        <source>unexpected argument: %1</source>
        <translation>unerwartetes Argument: %1</translation>
    </message>
    <message>
        <source>users file %1: %2 listed, %3 user(s) created, %4 password(s) and %5 plan(s) changed</source>
        <translation>Benutzerdatei %1: %2 aufgeführt, %3 Benutzer angelegt, %4 Passwort/Passwörter und %5 Tarif(e) geändert</translation>
    </message>
</context>
<context>
    <name>depot::Worker</name>
    <message>
        <source>worker %1 cannot open the database: %2</source>
        <translation>Worker %1 kann die Datenbank nicht öffnen: %2</translation>
    </message>
    <message>
        <source>worker %1 cannot use its listening socket: %2</source>
        <translation>Worker %1 kann seinen Listening-Socket nicht verwenden: %2</translation>
    </message>
    <message>
        <source>server shutting down</source>
        <translation>der Server wird heruntergefahren</translation>
    </message>
</context>
</TS>
