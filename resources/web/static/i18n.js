// Depot's strings in English and German; the browser's language decides. Elements with
// data-i18n="key" (and data-i18n-args='["..."]') get their text from here; scripts call
// DepotI18n.t(key, ...args). {0}, {1}, ... are replaced by the arguments.
'use strict';
window.DepotI18n = (function () {
  const strings = {
    en: {
      'nav.console': 'Console', 'nav.share': 'Share a file',
      'footer': 'Depot · self-hosted · no trackers, no third-party requests',
      'size.bytes': '{0} bytes',
      'time.seconds': '{0} seconds', 'time.minutes': '{0} minutes', 'time.hours': '{0} hours',
      'error.network': 'The server could not be reached. Check your connection and try again.',
      'error.rateLimited': 'Too many requests. Please wait a moment and try again.',
      'error.rateLimitedFor': 'Too many requests. Try again in {0}.',
      'error.tooLarge': 'The file is too large.',
      'error.tooLargeLimit': 'The file is too large: the limit is {0}.',
      'error.fileTooLarge': 'This file is {0}, more than the limit of {1}.',
      'error.status': 'The server answered with status {0}.',
      'error.noFile': 'Choose a file first.',
      'error.downloads': 'Downloads must be a whole number from 1 to {0}.',
      'drop.title': 'Depot — share a file once',
      'drop.heading': 'Share a file with a one-time link',
      'drop.intro': 'No account needed. The file is deleted once it has been downloaded.',
      'drop.zone': 'Drop a file here or choose one',
      'drop.limit': 'Up to {0}',
      'drop.password': 'Password (optional)',
      'drop.expiry': 'Expires after',
      'drop.expiry.hour': '1 hour', 'drop.expiry.day': '1 day', 'drop.expiry.week': '7 days',
      'drop.downloads': 'Downloads',
      'drop.upload': 'Upload', 'drop.cancel': 'Cancel',
      'drop.uploading': 'Uploading {0}',
      'drop.progress': '{0} of {1} · {2} · {3} left',
      'drop.cancelled': 'The upload was cancelled. Nothing was stored.',
      'drop.done': 'Your link is ready',
      'drop.summary': '{0} · {1} · expires {2}',
      'drop.link': 'Link to share',
      'drop.copy': 'Copy', 'drop.copied': 'Copied.', 'drop.copyFailed': 'Copy failed: select the text and copy it.',
      'drop.onceNote': 'This link works once: the file is deleted after the first download.',
      'drop.manyNote': 'This link works for {0} downloads.',
      'drop.passwordNote': 'Send the password separately.',
      'drop.deleteLink': 'Delete link (keep it private)',
      'drop.deleteNow': 'Delete now', 'drop.deleted': 'Deleted. The link no longer works.',
      'drop.another': 'Share another file',
      'dl.once': 'This link works once: the file is deleted after the download. It expires on {0}.',
      'dl.many': '{0} downloads left. The link expires on {1}.',
      'dl.protected': 'This file is protected by a password.',
      'dl.wrongPassword': 'Wrong password.',
      'dl.download': 'Download',
      'dl.preview': 'Opening this page or previewing the link does not use it up; only the Download button does.',
      'dl.started': 'The download has started.',
      'dl.startedOnce': 'The download has started. This link is now used up: it will not work again.',
      'dl.notFound.title': 'Not found', 'dl.notFound.text': 'There is no file at this link.',
      'dl.gone.title': 'Gone', 'dl.gone.text': 'This file has already been downloaded, has expired or was deleted.',
      'dl.throttled.title': 'Too many attempts',
      'dl.throttled.text': 'Too many wrong passwords were tried for this link. Try again later.',
    },
    de: {
      'nav.console': 'Konsole', 'nav.share': 'Datei teilen',
      'footer': 'Depot · selbst gehostet · keine Tracker, keine Anfragen an Dritte',
      'size.bytes': '{0} Bytes',
      'time.seconds': '{0} Sekunden', 'time.minutes': '{0} Minuten', 'time.hours': '{0} Stunden',
      'error.network': 'Der Server ist nicht erreichbar. Prüfen Sie die Verbindung und versuchen Sie es erneut.',
      'error.rateLimited': 'Zu viele Anfragen. Bitte warten Sie kurz und versuchen Sie es erneut.',
      'error.rateLimitedFor': 'Zu viele Anfragen. Versuchen Sie es in {0} erneut.',
      'error.tooLarge': 'Die Datei ist zu groß.',
      'error.tooLargeLimit': 'Die Datei ist zu groß: Die Grenze liegt bei {0}.',
      'error.fileTooLarge': 'Diese Datei ist {0} groß, mehr als die Grenze von {1}.',
      'error.status': 'Der Server antwortete mit Status {0}.',
      'error.noFile': 'Wählen Sie zuerst eine Datei.',
      'error.downloads': 'Downloads: eine ganze Zahl von 1 bis {0}.',
      'drop.title': 'Depot — eine Datei einmalig teilen',
      'drop.heading': 'Eine Datei mit einem Einmal-Link teilen',
      'drop.intro': 'Kein Konto nötig. Die Datei wird nach dem Herunterladen gelöscht.',
      'drop.zone': 'Datei hierher ziehen oder auswählen',
      'drop.limit': 'Bis zu {0}',
      'drop.password': 'Passwort (optional)',
      'drop.expiry': 'Läuft ab nach',
      'drop.expiry.hour': '1 Stunde', 'drop.expiry.day': '1 Tag', 'drop.expiry.week': '7 Tagen',
      'drop.downloads': 'Downloads',
      'drop.upload': 'Hochladen', 'drop.cancel': 'Abbrechen',
      'drop.uploading': '{0} wird hochgeladen',
      'drop.progress': '{0} von {1} · {2} · noch {3}',
      'drop.cancelled': 'Das Hochladen wurde abgebrochen. Nichts wurde gespeichert.',
      'drop.done': 'Ihr Link ist bereit',
      'drop.summary': '{0} · {1} · läuft ab am {2}',
      'drop.link': 'Link zum Teilen',
      'drop.copy': 'Kopieren', 'drop.copied': 'Kopiert.', 'drop.copyFailed': 'Kopieren fehlgeschlagen: Text markieren und kopieren.',
      'drop.onceNote': 'Dieser Link funktioniert einmal: Die Datei wird nach dem ersten Download gelöscht.',
      'drop.manyNote': 'Dieser Link funktioniert für {0} Downloads.',
      'drop.passwordNote': 'Schicken Sie das Passwort auf anderem Weg.',
      'drop.deleteLink': 'Lösch-Link (privat halten)',
      'drop.deleteNow': 'Jetzt löschen', 'drop.deleted': 'Gelöscht. Der Link funktioniert nicht mehr.',
      'drop.another': 'Weitere Datei teilen',
      'dl.once': 'Dieser Link funktioniert einmal: Die Datei wird nach dem Download gelöscht. Er läuft am {0} ab.',
      'dl.many': 'Noch {0} Downloads. Der Link läuft am {1} ab.',
      'dl.protected': 'Diese Datei ist durch ein Passwort geschützt.',
      'dl.wrongPassword': 'Falsches Passwort.',
      'dl.download': 'Herunterladen',
      'dl.preview': 'Das Öffnen dieser Seite oder eine Link-Vorschau verbraucht den Link nicht; nur die Schaltfläche Herunterladen.',
      'dl.started': 'Der Download hat begonnen.',
      'dl.startedOnce': 'Der Download hat begonnen. Dieser Link ist jetzt verbraucht und funktioniert nicht mehr.',
      'dl.notFound.title': 'Nicht gefunden', 'dl.notFound.text': 'Unter diesem Link gibt es keine Datei.',
      'dl.gone.title': 'Nicht mehr verfügbar', 'dl.gone.text': 'Diese Datei wurde bereits heruntergeladen, ist abgelaufen oder wurde gelöscht.',
      'dl.throttled.title': 'Zu viele Versuche',
      'dl.throttled.text': 'Für diesen Link wurden zu viele falsche Passwörter versucht. Versuchen Sie es später erneut.',
    },
  };

  const wanted = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en']);
  let lang = 'en';
  for (const l of wanted) {
    const base = String(l).toLowerCase().split('-')[0];
    if (strings[base]) { lang = base; break; }
  }

  function t(key, ...args) {
    let text = strings[lang][key];
    if (text === undefined) text = strings.en[key];
    if (text === undefined) return key;
    return text.replace(/\{(\d+)\}/g, (m, i) => (args[i] !== undefined ? String(args[i]) : m));
  }

  function apply(root) {
    (root || document).querySelectorAll('[data-i18n]').forEach((node) => {
      const key = node.getAttribute('data-i18n');
      if (strings[lang][key] === undefined) return; // keep the text the server wrote
      let args = [];
      try { args = JSON.parse(node.getAttribute('data-i18n-args') || '[]'); } catch (e) { args = []; }
      node.textContent = t(key, ...args);
    });
    (root || document).querySelectorAll('[data-i18n-label]').forEach((node) => {
      node.setAttribute('aria-label', t(node.getAttribute('data-i18n-label')));
    });
  }

  // Scripts are deferred: the document is parsed when this runs.
  document.documentElement.lang = lang;
  apply(document);
  return { t, apply, lang, add(table) { for (const l in table) Object.assign(strings[l] || (strings[l] = {}), table[l]); } };
})();
