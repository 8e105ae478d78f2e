<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>MockTools</name>
    <message>
        <source>Journal of %1</source>
        <translation>Journal von %1</translation>
    </message>
    <message>
        <source>Try %1</source>
        <translation>%1 ausprobieren</translation>
    </message>
</context>
<context>
    <name>depot</name>
    <message>
        <source>The server refused the connection. Is it running, and is the address right?</source>
        <translation>Der Server hat die Verbindung abgelehnt. Läuft er, und stimmt die Adresse?</translation>
    </message>
    <message>
        <source>The server closed the connection before it answered. It may have stopped or restarted.</source>
        <translation>Der Server hat die Verbindung vor seiner Antwort geschlossen. Vielleicht wurde er beendet oder neu gestartet.</translation>
    </message>
    <message>
        <source>The server&apos;s name was not found. Check the address.</source>
        <translation>Der Name des Servers wurde nicht gefunden. Prüfen Sie die Adresse.</translation>
    </message>
    <message>
        <source>The connection to the server timed out.</source>
        <translation>Die Verbindung zum Server hat zu lange gedauert.</translation>
    </message>
    <message>
        <source>A secure connection to the server could not be established.</source>
        <translation>Es konnte keine sichere Verbindung zum Server aufgebaut werden.</translation>
    </message>
    <message>
        <source>The network is not available.</source>
        <translation>Das Netzwerk ist nicht verfügbar.</translation>
    </message>
    <message>
        <source>The proxy did not pass the request on.</source>
        <translation>Der Proxy hat die Anfrage nicht weitergegeben.</translation>
    </message>
    <message>
        <source>The server&apos;s answer was not understood.</source>
        <translation>Die Antwort des Servers war unverständlich.</translation>
    </message>
    <message>
        <source>The connection to the server broke off.</source>
        <translation>Die Verbindung zum Server ist abgebrochen.</translation>
    </message>
</context>
<context>
    <name>depot::AccountPage</name>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <source>Username:</source>
        <translation>Benutzername:</translation>
    </message>
    <message>
        <source>Plan:</source>
        <translation>Tarif:</translation>
    </message>
    <message>
        <source>Hourly quota:</source>
        <translation>Stündliches Kontingent:</translation>
    </message>
    <message>
        <source>Not logged in</source>
        <translation>Nicht angemeldet</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Could not load the account.</source>
        <translation>Das Konto konnte nicht geladen werden.</translation>
    </message>
    <message>
        <source>&amp;CORS for my endpoints that do not set it</source>
        <translation>&amp;CORS für meine Endpunkte ohne eigene Einstellung</translation>
    </message>
    <message>
        <source>Endpoints whose CORS option is &quot;as my account&apos;s default&quot; answer browsers&apos; preflight requests and add CORS headers that echo the request&apos;s Origin.</source>
        <translation>Endpunkte, deren CORS-Option „wie die Voreinstellung meines Kontos“ ist, beantworten Preflight-Anfragen von Browsern und fügen CORS-Header hinzu, die den Origin der Anfrage zurückgeben.</translation>
    </message>
    <message>
        <source>Endpoints:</source>
        <translation>Endpunkte:</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Could not change the CORS default.</source>
        <translation>Die CORS-Voreinstellung konnte nicht geändert werden.</translation>
    </message>
    <message>
        <source>Endpoints without their own CORS setting now answer CORS.</source>
        <translation>Endpunkte ohne eigene CORS-Einstellung beantworten jetzt CORS.</translation>
    </message>
    <message>
        <source>Endpoints without their own CORS setting no longer answer CORS.</source>
        <translation>Endpunkte ohne eigene CORS-Einstellung beantworten CORS nicht mehr.</translation>
    </message>
</context>
<context>
    <name>depot::ApiClient</name>
    <message>
        <source>no token</source>
        <translation>kein Token</translation>
    </message>
    <message>
        <source>no username</source>
        <translation>kein Benutzername</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>no requestId</source>
        <translation>keine requestId</translation>
    </message>
    <message>
        <source>not an image</source>
        <translation>kein Bild</translation>
    </message>
    <message>
        <source>no ticket</source>
        <translation>kein Ticket</translation>
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
        <translation>Depot-Desktop-Client: gehostete Endpunkte, einmalige Dateifreigaben und Bild-Dumps.

Befehle:
  share DATEI...    Dateien anonym hochladen und ihre Links ausgeben
  download URL      einen geteilten Link herunterladen (erst geprüft; ein abgebrochenes Speichern verbraucht ihn nie)
Ohne Befehl öffnet sich das Fenster.</translation>
    </message>
    <message>
        <source>The Depot server, e.g. http://localhost:8080.</source>
        <translation>Der Depot-Server, z. B. http://localhost:8080.</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Run share or download in the window (for file managers).</source>
        <translation>share oder download im Fenster ausführen (für Dateimanager).</translation>
    </message>
    <message>
        <source>download: the file or folder to save to (default: the current folder).</source>
        <translation>download: die Zieldatei oder der Zielordner (Standard: der aktuelle Ordner).</translation>
    </message>
    <message>
        <source>PATH</source>
        <translation>PFAD</translation>
    </message>
    <message>
        <source>The link&apos;s password (better: the DEPOT_PASSWORD environment variable).</source>
        <translation>Das Passwort des Links (besser: die Umgebungsvariable DEPOT_PASSWORD).</translation>
    </message>
    <message>
        <source>PASSWORD</source>
        <translation>PASSWORT</translation>
    </message>
    <message>
        <source>share: how many downloads the link allows.</source>
        <translation>share: wie viele Downloads der Link erlaubt.</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>share or download</source>
        <translation>share oder download</translation>
    </message>
    <message>
        <source>[share FILE... | download URL]</source>
        <translation>[share DATEI... | download URL]</translation>
    </message>
    <message>
        <source>Not a server address: %1</source>
        <translation>Keine Serveradresse: %1</translation>
    </message>
    <message>
        <source>--downloads takes a number from 1.</source>
        <translation>--downloads erwartet eine Zahl ab 1.</translation>
    </message>
    <message>
        <source>share needs at least one file.</source>
        <translation>share braucht mindestens eine Datei.</translation>
    </message>
    <message>
        <source>Not a file: %1</source>
        <translation>Keine Datei: %1</translation>
    </message>
    <message>
        <source>download needs exactly one link.</source>
        <translation>download braucht genau einen Link.</translation>
    </message>
    <message>
        <source>Not a link: %1</source>
        <translation>Kein Link: %1</translation>
    </message>
    <message>
        <source>Unknown command: %1 (try --help)</source>
        <translation>Unbekannter Befehl: %1 (siehe --help)</translation>
    </message>
    <message>
        <source>No server: pass --server URL.</source>
        <translation>Kein Server: geben Sie --server URL an.</translation>
    </message>
    <message>
        <source>No answer.</source>
        <translation>Keine Antwort.</translation>
    </message>
</context>
<context>
    <name>depot::DownloadPage</name>
    <message>
        <source>&amp;Download</source>
        <translation>Herunter&amp;laden</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <source>Paste a link, e.g. https://depot.example/api/v1.0/file/…</source>
        <translation>Link einfügen, z. B. https://depot.example/api/v1.0/file/…</translation>
    </message>
    <message>
        <source>This is not a link: paste the whole http:// or https:// address.</source>
        <translation>Das ist kein Link: Fügen Sie die vollständige http://- oder https://-Adresse ein.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbindung wird hergestellt…</translation>
    </message>
    <message>
        <source>Downloading… %1</source>
        <translation>Wird heruntergeladen… %1</translation>
    </message>
    <message>
        <source>Password required</source>
        <translation>Passwort erforderlich</translation>
    </message>
    <message>
        <source>Wrong password. Enter the password again:</source>
        <translation>Falsches Passwort. Geben Sie das Passwort erneut ein:</translation>
    </message>
    <message>
        <source>This file is protected. Enter its password:</source>
        <translation>Diese Datei ist geschützt. Geben Sie ihr Passwort ein:</translation>
    </message>
    <message>
        <source>Not downloaded: this link needs its password.</source>
        <translation>Nicht heruntergeladen: Für diesen Link ist das Passwort erforderlich.</translation>
    </message>
    <message>
        <source>Saved %1 (%2).</source>
        <translation>%1 gespeichert (%2).</translation>
    </message>
    <message>
        <source>This file is protected by a password.</source>
        <translation>Diese Datei ist durch ein Passwort geschützt.</translation>
    </message>
    <message>
        <source>This link does not exist. Check that it was copied completely.</source>
        <translation>Diesen Link gibt es nicht. Prüfen Sie, ob er vollständig kopiert wurde.</translation>
    </message>
    <message>
        <source>This file is gone: it was already downloaded or it has expired.</source>
        <translation>Diese Datei ist nicht mehr vorhanden: Sie wurde bereits heruntergeladen oder ist abgelaufen.</translation>
    </message>
    <message>
        <source>Too many attempts on this link. Wait a moment and try again.</source>
        <translation>Zu viele Versuche mit diesem Link. Warten Sie einen Moment und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>&amp;Open file</source>
        <translation>Datei ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Show in folde&amp;r</source>
        <translation>Im &amp;Ordner zeigen</translation>
    </message>
    <message>
        <source>Depot checks the link first and asks where to save before it downloads: a shared link may work only once.</source>
        <translation>Depot prüft zuerst den Link und fragt vor dem Herunterladen nach dem Speicherort: Ein geteilter Link funktioniert unter Umständen nur einmal.</translation>
    </message>
    <message>
        <source>Checking the link…</source>
        <translation>Link wird geprüft…</translation>
    </message>
    <message>
        <source>The link could not be checked.</source>
        <translation>Der Link konnte nicht geprüft werden.</translation>
    </message>
    <message>
        <source>Save %1</source>
        <translation>%1 speichern</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>%1 (%2) is ready. Choose where to save it. Nothing is downloaded before you choose: a shared link may work only once, and a download that breaks off cannot be repeated.</source>
        <translation>%1 (%2) ist bereit. Wählen Sie, wo die Datei gespeichert wird. Vorher wird nichts heruntergeladen: Ein geteilter Link funktioniert unter Umständen nur einmal, und ein abgebrochener Download lässt sich nicht wiederholen.</translation>
    </message>
    <message>
        <source>Not downloaded. The link was not used and still works.</source>
        <translation>Nicht heruntergeladen. Der Link wurde nicht benutzt und funktioniert weiterhin.</translation>
    </message>
    <message>
        <source>The link is probably used up now: ask the sender for a new one.</source>
        <translation>Der Link ist jetzt wahrscheinlich verbraucht: Bitten Sie den Absender um einen neuen.</translation>
    </message>
    <message>
        <source>The download was cancelled.</source>
        <translation>Der Download wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The download broke off after %1.</source>
        <translation>Der Download ist nach %1 abgebrochen.</translation>
    </message>
    <message>
        <source>The download failed.</source>
        <translation>Der Download ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Drag the file to another application or folder.</source>
        <translation>Ziehen Sie die Datei in eine andere Anwendung oder einen Ordner.</translation>
    </message>
</context>
<context>
    <name>depot::DumpsPage</name>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>An .xml or .json batch of items</source>
        <translation>Ein Stapel von Elementen als .xml oder .json</translation>
    </message>
    <message>
        <source>Item / image</source>
        <translation>Element / Bild</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Earlier requests</source>
        <translation>Frühere Anfragen</translation>
    </message>
    <message>
        <source>Choose a batch of items</source>
        <translation>Stapel von Elementen auswählen</translation>
    </message>
    <message>
        <source>Item batches (*.xml *.json);;All files (*)</source>
        <translation>Elementstapel (*.xml *.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Log in to send image dumps.</source>
        <translation>Melden Sie sich an, um Bild-Dumps zu senden.</translation>
    </message>
    <message>
        <source>Choose an .xml or .json file first.</source>
        <translation>Wählen Sie zuerst eine .xml- oder .json-Datei aus.</translation>
    </message>
    <message>
        <source>Sending %1; the server answers once every image is fetched…</source>
        <translation>%1 wird gesendet; der Server antwortet, sobald alle Bilder abgerufen sind…</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n Bild</numerusform>
            <numerusform>%n Bilder</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Request %1: %2 of %n item(s) succeeded.</source>
        <translation>
            <numerusform>Anfrage %1: %2 von %n Element erfolgreich.</numerusform>
            <numerusform>Anfrage %1: %2 von %n Elementen erfolgreich.</numerusform>
        </translation>
    </message>
    <message>
        <source>Se&amp;nd</source>
        <translation>Se&amp;nden</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xportieren…</translation>
    </message>
    <message>
        <source>Ch&amp;oose…</source>
        <translation>Aus&amp;wählen…</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <source>Partly succeeded</source>
        <translation>Teilweise erfolgreich</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message numerus="yes">
        <source>The hourly quota of your plan is used up. You can send again at %1 (in %n minute(s)).</source>
        <translation>
            <numerusform>Das stündliche Kontingent Ihres Tarifs ist aufgebraucht. Sie können um %1 wieder senden (in %n Minute).</numerusform>
            <numerusform>Das stündliche Kontingent Ihres Tarifs ist aufgebraucht. Sie können um %1 wieder senden (in %n Minuten).</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the result</source>
        <translation>Ergebnis exportieren</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>Nach %1 exportiert.</translation>
    </message>
    <message>
        <source>The dump was refused.</source>
        <translation>Der Dump wurde abgelehnt.</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n request(s) left this hour.</source>
        <translation>
            <numerusform>Noch %1 von %n Anfrage in dieser Stunde.</numerusform>
            <numerusform>Noch %1 von %n Anfragen in dieser Stunde.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not load the request.</source>
        <translation>Die Anfrage konnte nicht geladen werden.</translation>
    </message>
    <message>
        <source>the site did not answer in time</source>
        <translation>die Seite hat nicht rechtzeitig geantwortet</translation>
    </message>
    <message>
        <source>the site&apos;s name was not found</source>
        <translation>der Name der Seite wurde nicht gefunden</translation>
    </message>
    <message>
        <source>the site refused the connection</source>
        <translation>die Seite hat die Verbindung abgelehnt</translation>
    </message>
    <message>
        <source>the image is too large</source>
        <translation>das Bild ist zu groß</translation>
    </message>
    <message>
        <source>not an image</source>
        <translation>kein Bild</translation>
    </message>
    <message>
        <source>the address is not allowed (private or local)</source>
        <translation>die Adresse ist nicht erlaubt (privat oder lokal)</translation>
    </message>
    <message>
        <source>too many redirects</source>
        <translation>zu viele Weiterleitungen</translation>
    </message>
    <message>
        <source>a redirect that cannot be followed</source>
        <translation>eine Weiterleitung, der nicht gefolgt werden kann</translation>
    </message>
    <message>
        <source>not a usable URL</source>
        <translation>keine brauchbare URL</translation>
    </message>
    <message>
        <source>the request&apos;s time ran out</source>
        <translation>die Zeit der Anfrage ist abgelaufen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>network error</source>
        <translation>Netzwerkfehler</translation>
    </message>
    <message>
        <source>Sending %1…</source>
        <translation>%1 wird gesendet…</translation>
    </message>
    <message>
        <source>%v of %m images</source>
        <translation>%v von %m Bildern</translation>
    </message>
    <message numerus="yes">
        <source>Request %1 accepted: fetching %n image(s)…</source>
        <translation>
            <numerusform>Anfrage %1 angenommen: %n Bild wird geladen…</numerusform>
            <numerusform>Anfrage %1 angenommen: %n Bilder werden geladen…</numerusform>
        </translation>
    </message>
    <message>
        <source>Live progress is not available (%1); waiting for the result…</source>
        <translation>Kein Live-Fortschritt verfügbar (%1); warte auf das Ergebnis…</translation>
    </message>
</context>
<context>
    <name>depot::EndpointEditor</name>
    <message>
        <source>{&quot;X-Example&quot;: &quot;value&quot;}</source>
        <translation>{&quot;X-Example&quot;: &quot;Wert&quot;}</translation>
    </message>
    <message>
        <source>Optional: requests must send exactly this JSON</source>
        <translation>Optional: Anfragen müssen genau dieses JSON senden</translation>
    </message>
    <message>
        <source>{&quot;hello&quot;: &quot;world&quot;}</source>
        <translation>{&quot;hallo&quot;: &quot;Welt&quot;}</translation>
    </message>
    <message>
        <source>Expires at</source>
        <translation>Läuft ab am</translation>
    </message>
    <message>
        <source>New endpoint</source>
        <translation>Neuer Endpunkt</translation>
    </message>
    <message>
        <source>for example api/users</source>
        <translation>zum Beispiel api/users</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>The file to serve or the script to run</source>
        <translation>Die auszuliefernde Datei oder das auszuführende Skript</translation>
    </message>
    <message>
        <source>&amp;Path:</source>
        <translation>&amp;Pfad:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>A&amp;rt:</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>&amp;Methode:</translation>
    </message>
    <message>
        <source>S&amp;tatus code:</source>
        <translation>S&amp;tatuscode:</translation>
    </message>
    <message>
        <source>&amp;Latency:</source>
        <translation>&amp;Latenz:</translation>
    </message>
    <message>
        <source>&amp;Headers:</source>
        <translation>&amp;Header:</translation>
    </message>
    <message>
        <source>Expected &amp;body:</source>
        <translation>Erwarteter &amp;Body:</translation>
    </message>
    <message>
        <source>&amp;Response:</source>
        <translation>A&amp;ntwort:</translation>
    </message>
    <message>
        <source>&amp;Content:</source>
        <translation>&amp;Inhalt:</translation>
    </message>
    <message>
        <source>Expiry:</source>
        <translation>Ablauf:</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>%1 bearbeiten</translation>
    </message>
    <message>
        <source>Keep the current content</source>
        <translation>Aktuellen Inhalt beibehalten</translation>
    </message>
    <message>
        <source>Keep %1</source>
        <translation>%1 beibehalten</translation>
    </message>
    <message>
        <source>Python scripts (*.py);;All files (*)</source>
        <translation>Python-Skripte (*.py);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Choose the content</source>
        <translation>Inhalt auswählen</translation>
    </message>
    <message>
        <source>Choose the file to serve or the script to run.</source>
        <translation>Wählen Sie die auszuliefernde Datei oder das auszuführende Skript aus.</translation>
    </message>
    <message>
        <source>You already have an endpoint at this path and method.</source>
        <translation>Sie haben bereits einen Endpunkt mit diesem Pfad und dieser Methode.</translation>
    </message>
    <message>
        <source>Please correct:
%1</source>
        <translation>Bitte korrigieren Sie:
%1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>Dur&amp;chsuchen…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>F&amp;ormat JSON</source>
        <translation>JSON f&amp;ormatieren</translation>
    </message>
    <message>
        <source>Scr&amp;ipt:</source>
        <translation>S&amp;kript:</translation>
    </message>
    <message>
        <source>Could not write the script to a temporary file.</source>
        <translation>Das Skript konnte nicht in eine temporäre Datei geschrieben werden.</translation>
    </message>
    <message>
        <source>Mock:</source>
        <translation>Mock:</translation>
    </message>
    <message>
        <source>Or write the script here; it replaces the file.</source>
        <translation>Oder schreiben Sie das Skript hier; es ersetzt die Datei.</translation>
    </message>
    <message>
        <source>Loading the current script…</source>
        <translation>Das aktuelle Skript wird geladen…</translation>
    </message>
    <message>
        <source>Could not load the current script: %1 The stored script stays unless you write or choose a new one.</source>
        <translation>Das aktuelle Skript konnte nicht geladen werden: %1 Das gespeicherte Skript bleibt, solange Sie kein neues schreiben oder wählen.</translation>
    </message>
</context>
<context>
    <name>depot::EndpointTexts</name>
    <message>
        <source>JSON mock</source>
        <translation>JSON-Mock</translation>
    </message>
    <message>
        <source>Static file</source>
        <translation>Statische Datei</translation>
    </message>
    <message>
        <source>Python script</source>
        <translation>Python-Skript</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Status code</source>
        <translation>Statuscode</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Expected body</source>
        <translation>Erwarteter Body</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>Inhalt</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>Ablauf</translation>
    </message>
</context>
<context>
    <name>depot::EndpointsPage</name>
    <message>
        <source>&amp;New…</source>
        <translation>&amp;Neu…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>&amp;Copy URL</source>
        <translation>U&amp;RL kopieren</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Log in to publish mocks, files and scripts.</source>
        <translation>Melden Sie sich an, um Mocks, Dateien und Skripte zu veröffentlichen.</translation>
    </message>
    <message>
        <source>No endpoints yet. Create one with New.</source>
        <translation>Noch keine Endpunkte. Legen Sie mit „Neu“ einen an.</translation>
    </message>
    <message numerus="yes">
        <source>%n endpoint(s)</source>
        <translation>
            <numerusform>%n Endpunkt</numerusform>
            <numerusform>%n Endpunkte</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete endpoint</source>
        <translation>Endpunkt löschen</translation>
    </message>
    <message>
        <source>Delete %1? Its URL stops working at once.</source>
        <translation>%1 löschen? Die URL funktioniert danach sofort nicht mehr.</translation>
    </message>
    <message>
        <source>Deleted %1.</source>
        <translation>%1 gelöscht.</translation>
    </message>
    <message>
        <source>Ed&amp;it…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Filter by path, method or URL</source>
        <translation>Nach Pfad, Methode oder URL filtern</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Duplicate…</source>
        <translation>Duplizieren…</translation>
    </message>
    <message>
        <source>Copy URL</source>
        <translation>URL kopieren</translation>
    </message>
    <message>
        <source>Open in browser</source>
        <translation>Im Browser öffnen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Could not load the endpoints.</source>
        <translation>Die Endpunkte konnten nicht geladen werden.</translation>
    </message>
    <message>
        <source>by script</source>
        <translation>vom Skript</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>A script sets its own status code and headers.</source>
        <translation>Ein Skript setzt Statuscode und Header selbst.</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1 gespeichert.</translation>
    </message>
    <message>
        <source>Could not delete %1.</source>
        <translation>%1 konnte nicht gelöscht werden.</translation>
    </message>
    <message>
        <source>Copied %1.</source>
        <translation>%1 kopiert.</translation>
    </message>
    <message>
        <source>&amp;Journal…</source>
        <translation>&amp;Journal…</translation>
    </message>
    <message>
        <source>Try it…</source>
        <translation>Ausprobieren…</translation>
    </message>
</context>
<context>
    <name>depot::FileDownload</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>The download is incomplete: %1 of %2 bytes.</source>
        <translation>Der Download ist unvollständig: %1 von %2 Bytes.</translation>
    </message>
</context>
<context>
    <name>depot::JournalView</name>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Clear journal</source>
        <translation>Journal &amp;leeren</translation>
    </message>
    <message>
        <source>Restart &amp;sequence</source>
        <translation>&amp;Sequenz neu starten</translation>
    </message>
    <message>
        <source>&amp;Live</source>
        <translation>Li&amp;ve</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Answered by</source>
        <translation>Beantwortet von</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Requests to %1</source>
        <translation>Anfragen an %1</translation>
    </message>
    <message>
        <source>Requests that matched no endpoint</source>
        <translation>Anfragen, die zu keinem Endpunkt passten</translation>
    </message>
    <message>
        <source>Could not load the journal: %1</source>
        <translation>Das Journal konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>The sequence starts again.</source>
        <translation>Die Sequenz beginnt von vorn.</translation>
    </message>
    <message>
        <source>rule %1</source>
        <translation>Regel %1</translation>
    </message>
    <message>
        <source>sequence step %1</source>
        <translation>Sequenzschritt %1</translation>
    </message>
    <message>
        <source>endpoint</source>
        <translation>Endpunkt</translation>
    </message>
    <message>
        <source>preflight</source>
        <translation>Preflight</translation>
    </message>
    <message>
        <source>no endpoint</source>
        <translation>kein Endpunkt</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>%1 (fault: %2)</source>
        <translation>%1 (Störung: %2)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) kept</source>
        <translation>
            <numerusform>%n Anfrage gespeichert</numerusform>
            <numerusform>%n Anfragen gespeichert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>[… cut: %n bytes in all]</source>
        <translation>
            <numerusform>[… gekürzt: insgesamt %n Byte]</numerusform>
            <numerusform>[… gekürzt: insgesamt %n Bytes]</numerusform>
        </translation>
    </message>
    <message>
        <source>From %1, answered by %2 with %3 in %4 ms</source>
        <translation>Von %1, beantwortet von %2 mit %3 in %4 ms</translation>
    </message>
</context>
<context>
    <name>depot::JsonHighlighter</name>
    <message>
        <source>line %1, column %2: %3</source>
        <translation>Zeile %1, Spalte %2: %3</translation>
    </message>
</context>
<context>
    <name>depot::LoginDialog</name>
    <message>
        <source>Log in to Depot</source>
        <translation>Bei Depot anmelden</translation>
    </message>
    <message>
        <source>http://localhost:8080</source>
        <translation>http://localhost:8080</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>&amp;Log in</source>
        <translation>An&amp;melden</translation>
    </message>
    <message>
        <source>Enter the server address, for example http://localhost:8080.</source>
        <translation>Geben Sie die Serveradresse ein, zum Beispiel http://localhost:8080.</translation>
    </message>
    <message>
        <source>Enter your username.</source>
        <translation>Geben Sie Ihren Benutzernamen ein.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Geben Sie Ihr Passwort ein.</translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation>Anmeldung läuft…</translation>
    </message>
    <message>
        <source>Creating the account…</source>
        <translation>Konto wird erstellt…</translation>
    </message>
    <message>
        <source>Wrong username or password.</source>
        <translation>Falscher Benutzername oder falsches Passwort.</translation>
    </message>
    <message>
        <source>Too many failed attempts. Wait a moment and try again.</source>
        <translation>Zu viele fehlgeschlagene Versuche. Warten Sie einen Moment und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>This username is already taken.</source>
        <translation>Dieser Benutzername ist bereits vergeben.</translation>
    </message>
    <message>
        <source>The server refused this username or password.</source>
        <translation>Der Server hat diesen Benutzernamen oder dieses Passwort abgelehnt.</translation>
    </message>
    <message>
        <source>Si&amp;gn up</source>
        <translation>&amp;Registrieren</translation>
    </message>
    <message>
        <source>Cannot reach the server.</source>
        <translation>Der Server ist nicht erreichbar.</translation>
    </message>
    <message>
        <source>The server did not accept this username. Use 3 to 32 characters: letters, digits and . _ ~ - &apos; ; = ( ) *, starting with a letter or digit.</source>
        <translation>Der Server akzeptiert diesen Benutzernamen nicht. Verwenden Sie 3 bis 32 Zeichen: Buchstaben, Ziffern und . _ ~ - &apos; ; = ( ) *, beginnend mit einem Buchstaben oder einer Ziffer.</translation>
    </message>
    <message>
        <source>The server did not accept this password. Use at least 8 characters.</source>
        <translation>Der Server akzeptiert dieses Passwort nicht. Verwenden Sie mindestens 8 Zeichen.</translation>
    </message>
    <message>
        <source>&amp;Remember me on this computer</source>
        <translation>An&amp;gemeldet bleiben (auf diesem Computer)</translation>
    </message>
    <message>
        <source>The password goes to the system keychain, never to a file.</source>
        <translation>Das Passwort kommt in den Schlüsselbund des Systems, nie in eine Datei.</translation>
    </message>
    <message>
        <source>Certificate changed</source>
        <translation>Zertifikat geändert</translation>
    </message>
    <message>
        <source>The certificate of %1 is not the one you trusted. The connection was refused: someone may be intercepting it.</source>
        <translation>Das Zertifikat von %1 ist nicht das, dem Sie vertraut haben. Die Verbindung wurde abgelehnt: Möglicherweise fängt jemand sie ab.</translation>
    </message>
    <message>
        <source>Trusted SHA-256 fingerprint:
%1

New SHA-256 fingerprint:
%2

Trust the new certificate only if the server&apos;s administrator confirms that they replaced it and that its fingerprint is the new one above.</source>
        <translation>Vertrauter SHA-256-Fingerabdruck:
%1

Neuer SHA-256-Fingerabdruck:
%2

Vertrauen Sie dem neuen Zertifikat nur, wenn die Administration des Servers bestätigt, dass sie es ersetzt hat und sein Fingerabdruck der neue oben ist.</translation>
    </message>
    <message>
        <source>Trust the &amp;new certificate</source>
        <translation>Dem &amp;neuen Zertifikat vertrauen</translation>
    </message>
    <message>
        <source>Untrusted certificate</source>
        <translation>Nicht vertrauenswürdiges Zertifikat</translation>
    </message>
    <message>
        <source>The certificate of %1 is not trusted:</source>
        <translation>Das Zertifikat von %1 ist nicht vertrauenswürdig:</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:
%1

Trust it only if the server&apos;s administrator confirms this fingerprint. Depot remembers it for this server and refuses the server if its certificate changes.</source>
        <translation>SHA-256-Fingerabdruck:
%1

Vertrauen Sie ihm nur, wenn die Administration des Servers diesen Fingerabdruck bestätigt. Depot merkt ihn sich für diesen Server und lehnt den Server ab, wenn sich sein Zertifikat ändert.</translation>
    </message>
    <message>
        <source>&amp;Trust this certificate</source>
        <translation>Diesem Zertifikat &amp;vertrauen</translation>
    </message>
</context>
<context>
    <name>depot::MainWindow</name>
    <message>
        <source>Depot</source>
        <translation>Depot</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>&amp;Konto</translation>
    </message>
    <message>
        <source>&amp;Endpoints</source>
        <translation>&amp;Endpunkte</translation>
    </message>
    <message>
        <source>&amp;Share</source>
        <translation>&amp;Teilen</translation>
    </message>
    <message>
        <source>D&amp;umps</source>
        <translation>D&amp;umps</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Log in…</source>
        <translation>&amp;Anmelden…</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>Ab&amp;melden</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Your session has expired or you logged in elsewhere. Log in again.</source>
        <translation>Ihre Sitzung ist abgelaufen oder Sie haben sich an anderer Stelle angemeldet. Melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 auf %2</translation>
    </message>
    <message>
        <source>Not logged in</source>
        <translation>Nicht angemeldet</translation>
    </message>
    <message>
        <source>Not logged in (%1)</source>
        <translation>Nicht angemeldet (%1)</translation>
    </message>
    <message>
        <source>Do&amp;wnload</source>
        <translation>&amp;Herunterladen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>H&amp;ilfe</translation>
    </message>
    <message>
        <source>&amp;About Depot…</source>
        <translation>Ü&amp;ber Depot…</translation>
    </message>
    <message>
        <source>About Depot</source>
        <translation>Über Depot</translation>
    </message>
    <message>
        <source>&lt;b&gt;Depot %1&lt;/b&gt;</source>
        <translation>&lt;b&gt;Depot %1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Content at URLs: mock endpoints, files and scripts, one-time file drops and image dumps.&lt;br&gt;Built with Qt %1.</source>
        <translation>Inhalte unter URLs: Mock-Endpunkte, Dateien und Skripte, einmalige Dateifreigaben und Bild-Dumps.&lt;br&gt;Erstellt mit Qt %1.</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Shared %1</source>
        <translation>%1 geteilt</translation>
    </message>
    <message>
        <source>The link is ready.</source>
        <translation>Der Link ist fertig.</translation>
    </message>
    <message>
        <source>Downloaded</source>
        <translation>Heruntergeladen</translation>
    </message>
    <message>
        <source>Your session ends in a minute. Log in again to continue.</source>
        <translation>Ihre Sitzung endet in einer Minute. Melden Sie sich erneut an, um weiterzuarbeiten.</translation>
    </message>
</context>
<context>
    <name>depot::MockOptions</name>
    <message>
        <source>Template: placeholders in the answer</source>
        <translation>Vorlage: Platzhalter in der Antwort</translation>
    </message>
    <message>
        <source>Placeholders…</source>
        <translation>Platzhalter…</translation>
    </message>
    <message>
        <source>Answers in turn, e.g. [{&quot;status_code&quot;: 503}, {&quot;response&quot;: {&quot;ok&quot;: true}}]</source>
        <translation>Antworten der Reihe nach, z. B. [{&quot;status_code&quot;: 503}, {&quot;response&quot;: {&quot;ok&quot;: true}}]</translation>
    </message>
    <message>
        <source>then repeat the last</source>
        <translation>dann die letzte wiederholen</translation>
    </message>
    <message>
        <source>then start again</source>
        <translation>dann von vorn beginnen</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>reset the connection</source>
        <translation>Verbindung zurücksetzen</translation>
    </message>
    <message>
        <source>close without an answer</source>
        <translation>ohne Antwort schließen</translation>
    </message>
    <message>
        <source>send the body slowly</source>
        <translation>Body langsam senden</translation>
    </message>
    <message>
        <source> bytes/s</source>
        <translation> Bytes/s</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>fixed</source>
        <translation>fest</translation>
    </message>
    <message>
        <source>Rules:</source>
        <translation>Regeln:</translation>
    </message>
    <message>
        <source>Sequence:</source>
        <translation>Sequenz:</translation>
    </message>
    <message>
        <source>Fault:</source>
        <translation>Störung:</translation>
    </message>
    <message>
        <source>Latency up to:</source>
        <translation>Latenz bis zu:</translation>
    </message>
    <message>
        <source>a JSON list of answers</source>
        <translation>eine JSON-Liste von Antworten</translation>
    </message>
    <message>
        <source>Template placeholders</source>
        <translation>Platzhalter der Vorlage</translation>
    </message>
    <message>
        <source>Placeholder</source>
        <translation>Platzhalter</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Values are JSON-escaped inside JSON answers. A placeholder that is not in this list is refused when you save.</source>
        <translation>In JSON-Antworten werden Werte JSON-maskiert. Ein Platzhalter, der nicht in dieser Liste steht, wird beim Speichern abgelehnt.</translation>
    </message>
    <message>
        <source>as my account&apos;s default</source>
        <translation>wie die Voreinstellung meines Kontos</translation>
    </message>
    <message>
        <source>answer preflights and add CORS headers</source>
        <translation>Preflights beantworten und CORS-Header hinzufügen</translation>
    </message>
    <message>
        <source>no CORS</source>
        <translation>kein CORS</translation>
    </message>
    <message>
        <source>The account&apos;s default is set on the Account page.</source>
        <translation>Die Voreinstellung des Kontos wird auf der Seite „Konto“ festgelegt.</translation>
    </message>
    <message>
        <source>CORS:</source>
        <translation>CORS:</translation>
    </message>
</context>
<context>
    <name>depot::QuotaWidget</name>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1 of %2 requests used this hour, %3 remaining</source>
        <translation>%1 von %2 Anfragen in dieser Stunde verbraucht, %3 verbleibend</translation>
    </message>
    <message>
        <source>Resets at %1</source>
        <translation>Wird um %1 zurückgesetzt</translation>
    </message>
    <message>
        <source>No requests counted yet</source>
        <translation>Noch keine Anfragen gezählt</translation>
    </message>
    <message>
        <source>Quota unknown</source>
        <translation>Kontingent unbekannt</translation>
    </message>
</context>
<context>
    <name>depot::RequestError</name>
    <message>
        <source>It already exists.</source>
        <translation>Existiert bereits.</translation>
    </message>
    <message>
        <source>It is too large for the server.</source>
        <translation>Zu groß für den Server.</translation>
    </message>
    <message>
        <source>The server did not accept the input.</source>
        <translation>Der Server hat die Eingabe nicht akzeptiert.</translation>
    </message>
    <message>
        <source>The server failed (HTTP %1).</source>
        <translation>Fehler auf dem Server (HTTP %1).</translation>
    </message>
    <message>
        <source>The request failed (HTTP %1).</source>
        <translation>Die Anfrage ist fehlgeschlagen (HTTP %1).</translation>
    </message>
    <message>
        <source>The server sent an unexpected answer.</source>
        <translation>Der Server hat eine unerwartete Antwort gesendet.</translation>
    </message>
    <message numerus="yes">
        <source>The server did not answer within %n second(s). It may be overloaded or unreachable; try again later.</source>
        <translation>
            <numerusform>Der Server hat nicht innerhalb von %n Sekunde geantwortet. Er ist vielleicht überlastet oder nicht erreichbar; versuchen Sie es später erneut.</numerusform>
            <numerusform>Der Server hat nicht innerhalb von %n Sekunden geantwortet. Er ist vielleicht überlastet oder nicht erreichbar; versuchen Sie es später erneut.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>The server rejected the request as malformed.</source>
        <translation>Der Server hat die Anfrage als fehlerhaft abgelehnt.</translation>
    </message>
    <message>
        <source>Your login is no longer valid. Log in again.</source>
        <translation>Ihre Anmeldung ist nicht mehr gültig. Melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>You are not allowed to do this.</source>
        <translation>Das dürfen Sie nicht.</translation>
    </message>
    <message>
        <source>It does not exist (any more).</source>
        <translation>Das existiert nicht (mehr).</translation>
    </message>
    <message>
        <source>The server does not allow this here.</source>
        <translation>Der Server erlaubt das hier nicht.</translation>
    </message>
    <message>
        <source>The request took too long to arrive at the server.</source>
        <translation>Die Anfrage hat zu lange gebraucht, um beim Server anzukommen.</translation>
    </message>
    <message>
        <source>It is gone: used up, expired or deleted.</source>
        <translation>Das ist nicht mehr da: verbraucht, abgelaufen oder gelöscht.</translation>
    </message>
    <message>
        <source>The server does not accept this type of file.</source>
        <translation>Der Server akzeptiert diesen Dateityp nicht.</translation>
    </message>
    <message numerus="yes">
        <source>Too many requests. Try again in %n second(s).</source>
        <translation>
            <numerusform>Zu viele Anfragen. Versuchen Sie es in %n Sekunde erneut.</numerusform>
            <numerusform>Zu viele Anfragen. Versuchen Sie es in %n Sekunden erneut.</numerusform>
        </translation>
    </message>
    <message>
        <source>Too many requests. Try again later.</source>
        <translation>Zu viele Anfragen. Versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>The server could not reach the site it needed.</source>
        <translation>Der Server hat die benötigte Gegenstelle nicht erreicht.</translation>
    </message>
    <message>
        <source>The server is busy or shutting down. Try again in a moment.</source>
        <translation>Der Server ist ausgelastet oder fährt herunter. Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>The server&apos;s disk is full.</source>
        <translation>Der Datenträger des Servers ist voll.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate has changed since you trusted it, so the connection was refused: someone may be intercepting it. Ask the server&apos;s administrator whether the certificate was replaced; its new SHA-256 fingerprint is %1.</source>
        <translation>Das Zertifikat des Servers hat sich geändert, seit Sie ihm vertraut haben, daher wurde die Verbindung abgelehnt: Möglicherweise fängt jemand sie ab. Fragen Sie die Administration des Servers, ob das Zertifikat ersetzt wurde; sein neuer SHA-256-Fingerabdruck ist %1.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted. %1</source>
        <translation>Das Zertifikat des Servers ist nicht vertrauenswürdig. %1</translation>
    </message>
</context>
<context>
    <name>depot::RulesEditor</name>
    <message>
        <source>&amp;Add rule</source>
        <translation>Regel hin&amp;zufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Nach oben</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Nach unten</translation>
    </message>
    <message>
        <source>{&quot;id&quot;: &quot;42&quot;, &quot;q&quot;: {&quot;regex&quot;: &quot;^a&quot;}}</source>
        <translation>{&quot;id&quot;: &quot;42&quot;, &quot;q&quot;: {&quot;regex&quot;: &quot;^a&quot;}}</translation>
    </message>
    <message>
        <source>{&quot;X-Env&quot;: &quot;test&quot;}</source>
        <translation>{&quot;X-Env&quot;: &quot;Test&quot;}</translation>
    </message>
    <message>
        <source>{&quot;user.role&quot;: &quot;admin&quot;}</source>
        <translation>{&quot;user.role&quot;: &quot;admin&quot;}</translation>
    </message>
    <message>
        <source>{&quot;error&quot;: &quot;no such user&quot;}</source>
        <translation>{&quot;error&quot;: &quot;Benutzer unbekannt&quot;}</translation>
    </message>
    <message>
        <source>any, or e.g. GET,POST</source>
        <translation>beliebig, oder z. B. GET,POST</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>When method is:</source>
        <translation>Wenn Methode:</translation>
    </message>
    <message>
        <source>and query:</source>
        <translation>und Query:</translation>
    </message>
    <message>
        <source>and headers:</source>
        <translation>und Header:</translation>
    </message>
    <message>
        <source>and JSON body:</source>
        <translation>und JSON-Body:</translation>
    </message>
    <message>
        <source>and body contains:</source>
        <translation>und Body enthält:</translation>
    </message>
    <message>
        <source>answer status:</source>
        <translation>Antwortstatus:</translation>
    </message>
    <message>
        <source>with JSON:</source>
        <translation>mit JSON:</translation>
    </message>
    <message>
        <source>or fault:</source>
        <translation>oder Störung:</translation>
    </message>
    <message>
        <source>%1. %2 → %3</source>
        <translation>%1. %2 → %3</translation>
    </message>
    <message>
        <source>always</source>
        <translation>immer</translation>
    </message>
    <message>
        <source>not valid JSON</source>
        <translation>kein gültiges JSON</translation>
    </message>
</context>
<context>
    <name>depot::SettingsDialog</name>
    <message>
        <source>Offer to remember &amp;logins in the system keychain</source>
        <translation>An&amp;meldungen im Schlüsselbund des Systems merken</translation>
    </message>
    <message>
        <source>&amp;Copy a new link to the clipboard</source>
        <translation>Neuen Link in die Zwischenablage &amp;kopieren</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>The folder used last</source>
        <translation>Der zuletzt benutzte Ordner</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>Dur&amp;chsuchen…</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>L&amp;anguage:</source>
        <translation>S&amp;prache:</translation>
    </message>
    <message>
        <source>&amp;Download folder:</source>
        <translation>&amp;Download-Ordner:</translation>
    </message>
    <message>
        <source>&amp;Timeout:</source>
        <translation>&amp;Zeitlimit:</translation>
    </message>
    <message>
        <source>A new language applies at the next start.</source>
        <translation>Eine neue Sprache gilt ab dem nächsten Start.</translation>
    </message>
    <message>
        <source>Download folder</source>
        <translation>Download-Ordner</translation>
    </message>
    <message>
        <source>Share a dropped file at o&amp;nce</source>
        <translation>Abgelegte Datei so&amp;fort teilen</translation>
    </message>
</context>
<context>
    <name>depot::ShareHistory</name>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Shared</source>
        <translation>Geteilt</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Link</translation>
    </message>
    <message>
        <source>Cop&amp;y link</source>
        <translation>Li&amp;nk kopieren</translation>
    </message>
    <message>
        <source>Open in &amp;browser</source>
        <translation>Im Browser ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Re&amp;voke…</source>
        <translation>Wide&amp;rrufen…</translation>
    </message>
    <message>
        <source>Chec&amp;k states</source>
        <translation>&amp;Zustände prüfen</translation>
    </message>
    <message>
        <source>My shared links</source>
        <translation>Meine geteilten Links</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Verfügbar</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>Available (password)</source>
        <translation>Verfügbar (Passwort)</translation>
    </message>
    <message>
        <source>Revoked or removed</source>
        <translation>Widerrufen oder entfernt</translation>
    </message>
    <message>
        <source>Used up or expired</source>
        <translation>Verbraucht oder abgelaufen</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>The link is on the clipboard.</source>
        <translation>Der Link ist in der Zwischenablage.</translation>
    </message>
    <message>
        <source>Revoke link</source>
        <translation>Link widerrufen</translation>
    </message>
    <message>
        <source>Revoke the link to %1? It stops working at once for everyone who has it.</source>
        <translation>Den Link zu %1 widerrufen? Er funktioniert dann sofort für niemanden mehr.</translation>
    </message>
    <message>
        <source>&amp;Revoke</source>
        <translation>Wide&amp;rrufen</translation>
    </message>
    <message>
        <source>Could not revoke the link to %1.</source>
        <translation>Der Link zu %1 konnte nicht widerrufen werden.</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <source>The link to %1 no longer works.</source>
        <translation>Der Link zu %1 funktioniert nicht mehr.</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>Nicht geprüft</translation>
    </message>
</context>
<context>
    <name>depot::SharePage</name>
    <message>
        <source>&amp;Copy</source>
        <translation>K&amp;opieren</translation>
    </message>
    <message>
        <source>The file to share</source>
        <translation>Die zu teilende Datei</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>Server default</source>
        <translation>Serverstandard</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 Stunde</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 Tag</translation>
    </message>
    <message>
        <source>7 days</source>
        <translation>7 Tage</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>&amp;Downloads:</source>
        <translation>Down&amp;loads:</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Choose a file to share</source>
        <translation>Datei zum Teilen auswählen</translation>
    </message>
    <message>
        <source>Choose a file first, or drop one onto the window.</source>
        <translation>Wählen Sie zuerst eine Datei aus oder ziehen Sie eine in das Fenster.</translation>
    </message>
    <message>
        <source>Choose a server first (File › Log in).</source>
        <translation>Wählen Sie zuerst einen Server aus (Datei › Anmelden).</translation>
    </message>
    <message>
        <source>Uploading %1…</source>
        <translation>%1 wird hochgeladen…</translation>
    </message>
    <message>
        <source>The file is too large for this server.</source>
        <translation>Die Datei ist zu groß für diesen Server.</translation>
    </message>
    <message>
        <source>The link works once.</source>
        <translation>Der Link funktioniert einmal.</translation>
    </message>
    <message numerus="yes">
        <source>The link works for %n download(s).</source>
        <translation>
            <numerusform>Der Link funktioniert für %n Download.</numerusform>
            <numerusform>Der Link funktioniert für %n Downloads.</numerusform>
        </translation>
    </message>
    <message>
        <source>Anyone who has it can download the file.</source>
        <translation>Jeder, der ihn hat, kann die Datei herunterladen.</translation>
    </message>
    <message>
        <source>It asks for the password.</source>
        <translation>Er fragt nach dem Passwort.</translation>
    </message>
    <message>
        <source>It expires at %1.</source>
        <translation>Er läuft am %1 ab.</translation>
    </message>
    <message>
        <source>The link is on the clipboard.</source>
        <translation>Der Link ist in der Zwischenablage.</translation>
    </message>
    <message>
        <source>Ch&amp;oose…</source>
        <translation>Aus&amp;wählen…</translation>
    </message>
    <message>
        <source>Sha&amp;re</source>
        <translation>Frei&amp;geben</translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation>Abbre&amp;chen</translation>
    </message>
    <message>
        <source>How many times the link can be downloaded (at most %1).</source>
        <translation>Wie oft der Link heruntergeladen werden kann (höchstens %1).</translation>
    </message>
    <message>
        <source>F&amp;ile:</source>
        <translation>D&amp;atei:</translation>
    </message>
    <message>
        <source>E&amp;xpires after:</source>
        <translation>Läuft a&amp;b nach:</translation>
    </message>
    <message>
        <source>Drop a file here to share it for one download.</source>
        <translation>Legen Sie hier eine Datei ab, um sie für einen Download zu teilen.</translation>
    </message>
    <message numerus="yes">
        <source>Drop a file here to share it for %n download(s).</source>
        <translation>
            <numerusform>Legen Sie hier eine Datei ab, um sie für %n Download zu teilen.</numerusform>
            <numerusform>Legen Sie hier eine Datei ab, um sie für %n Downloads zu teilen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Uploading %1… %2</source>
        <translation>%1 wird hochgeladen… %2</translation>
    </message>
    <message>
        <source>The upload was cancelled. Nothing was shared.</source>
        <translation>Das Hochladen wurde abgebrochen. Nichts wurde geteilt.</translation>
    </message>
    <message>
        <source>The file is too large: this server accepts files up to %1.</source>
        <translation>Die Datei ist zu groß: Dieser Server nimmt Dateien bis %1 an.</translation>
    </message>
    <message>
        <source>Sharing failed.</source>
        <translation>Das Teilen ist fehlgeschlagen.</translation>
    </message>
</context>
<context>
    <name>depot::ShareUpload</name>
    <message>
        <source>no link</source>
        <translation>kein Link</translation>
    </message>
</context>
<context>
    <name>depot::TlsTrust</name>
    <message>
        <source>The certificate is self-signed: no certificate authority vouches for it.</source>
        <translation>Das Zertifikat ist selbst signiert: Keine Zertifizierungsstelle bürgt dafür.</translation>
    </message>
    <message>
        <source>The certificate was issued by an authority this computer does not trust.</source>
        <translation>Das Zertifikat wurde von einer Stelle ausgestellt, der dieser Computer nicht vertraut.</translation>
    </message>
    <message>
        <source>The certificate was made for another server name.</source>
        <translation>Das Zertifikat wurde für einen anderen Servernamen ausgestellt.</translation>
    </message>
    <message>
        <source>The certificate was made for %1, not for this server&apos;s name.</source>
        <translation>Das Zertifikat wurde für %1 ausgestellt, nicht für den Namen dieses Servers.</translation>
    </message>
    <message>
        <source>The certificate expired on %1.</source>
        <translation>Das Zertifikat ist am %1 abgelaufen.</translation>
    </message>
    <message>
        <source>The certificate is not valid before %1.</source>
        <translation>Das Zertifikat ist erst ab %1 gültig.</translation>
    </message>
    <message>
        <source>The certificate has been revoked.</source>
        <translation>Das Zertifikat wurde widerrufen.</translation>
    </message>
    <message>
        <source>The certificate&apos;s signature is not valid.</source>
        <translation>Die Signatur des Zertifikats ist ungültig.</translation>
    </message>
    <message>
        <source>The server sent no certificate.</source>
        <translation>Der Server hat kein Zertifikat gesendet.</translation>
    </message>
    <message>
        <source>The certificate was refused (%1).</source>
        <translation>Das Zertifikat wurde abgelehnt (%1).</translation>
    </message>
</context>
<context>
    <name>depot::TransferMeter</name>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message numerus="yes">
        <source>%n second(s) left</source>
        <translation>
            <numerusform>noch %n Sekunde</numerusform>
            <numerusform>noch %n Sekunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) left</source>
        <translation>
            <numerusform>noch %n Minute</numerusform>
            <numerusform>noch %n Minuten</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>depot::TryItPanel</name>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <source>id=42&amp;q=abc</source>
        <translation>id=42&amp;q=abc</translation>
    </message>
    <message>
        <source>One per line: X-Env: test</source>
        <translation>Einer pro Zeile: X-Env: test</translation>
    </message>
    <message>
        <source>Query:</source>
        <translation>Query:</translation>
    </message>
    <message>
        <source>Headers:</source>
        <translation>Header:</translation>
    </message>
    <message>
        <source>Body:</source>
        <translation>Body:</translation>
    </message>
    <message>
        <source>Not a URL</source>
        <translation>Keine URL</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Wird gesendet…</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>No answer: %1</source>
        <translation>Keine Antwort: %1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>depot::UploadForm</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
</context>
</TS>
