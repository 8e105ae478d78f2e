// The web console: the public API with a Bearer token kept in this tab (sessionStorage, never a
// cookie, so other sites cannot make requests with it). Account and quota, endpoints, dumps with
// live progress over a WebSocket (authenticated by a one-time ticket, never the token in a URL),
// an endpoint's journal updating live over its events socket (polling when the socket closes).
'use strict';
document.addEventListener('DOMContentLoaded', () => {
  const I = window.DepotI18n;
  I.add({
    en: {
      'con.title': 'Depot console', 'con.welcome': 'Depot console', 'con.signIn': 'Sign in',
      'con.signUp': 'Create account', 'con.signOut': 'Sign out', 'con.username': 'Username',
      'con.password': 'Password', 'con.tokenNote': 'Your session is kept in this tab only (no cookies).',
      'con.account': 'Account', 'con.endpoints': 'Endpoints', 'con.dumps': 'Dumps', 'con.plan': 'Plan',
      'con.quota': 'Dump requests this hour', 'con.quotaText': '{0} of {1} used, {2} left',
      'con.quotaReset': 'The oldest request leaves the hour at {0}.',
      'con.tokenExpiry': 'Your session ends at {0}.', 'con.expired': 'Your session has ended. Please sign in again.',
      'con.created': 'Created', 'con.signedUp': 'Account created. Signing in…',
      'con.newEndpoint': 'New endpoint', 'con.editEndpoint': 'Edit {0}', 'con.identifier': 'Identifier',
      'con.kind': 'Kind', 'con.kindFile': 'File', 'con.kindScript': 'Python script', 'con.method': 'Method',
      'con.expires': 'Expires', 'con.noEndpoints': 'No endpoints yet.', 'con.status': 'Status code',
      'con.latency': 'Latency (ms)', 'con.expiresAt': 'Expires at', 'con.response': 'Response (JSON)',
      'con.body': 'Expected request body (JSON, optional)', 'con.file': 'File or script',
      'con.headers': 'Response headers (JSON object)', 'con.save': 'Save', 'con.copyUrl': 'Copy URL',
      'con.edit': 'Edit', 'con.delete': 'Delete', 'con.confirmDelete': 'Delete {0}?',
      'con.saved': 'Saved {0}.', 'con.deleted': 'Deleted {0}.', 'con.copied': 'Copied {0}.',
      'con.badJson': 'not valid JSON', 'con.needFile': 'choose a file',
      'con.dumpFile': 'Items (XML or JSON file)', 'con.submitDump': 'Submit', 'con.history': 'History',
      'con.status2': 'Status', 'con.images': 'Images', 'con.noDumps': 'No dumps yet.', 'con.show': 'Show',
      'con.dumpRunning': 'Dump #{0}: fetching images…', 'con.dumpProgress': '{0} of {1} images done, {2} failed',
      'con.dumpDone': 'Dump #{0} finished: {1}', 'con.imageOk': 'image {0}: stored', 'con.imageFail': 'image {0}: {1}',
      'con.item': 'Item {0}: {1}', 'con.liveLost': 'Live updates stopped; the result will appear in the history.',
      'con.journal': 'Requests', 'con.journalTitle': 'Requests to {0}', 'con.jTime': 'Time', 'con.jPath': 'Path',
      'con.jAnswered': 'Answered by', 'con.noJournal': 'No requests yet.', 'con.jClose': 'Close',
      'con.jLive': 'Live: new requests appear as they arrive.', 'con.jConnecting': 'Connecting…',
      'con.jPolling': 'Live updates unavailable; refreshing every {0} seconds.',
    },
    de: {
      'con.title': 'Depot-Konsole', 'con.welcome': 'Depot-Konsole', 'con.signIn': 'Anmelden',
      'con.signUp': 'Konto anlegen', 'con.signOut': 'Abmelden', 'con.username': 'Benutzername',
      'con.password': 'Passwort', 'con.tokenNote': 'Ihre Sitzung bleibt nur in diesem Tab (keine Cookies).',
      'con.account': 'Konto', 'con.endpoints': 'Endpunkte', 'con.dumps': 'Dumps', 'con.plan': 'Tarif',
      'con.quota': 'Dump-Anfragen in dieser Stunde', 'con.quotaText': '{0} von {1} verbraucht, {2} übrig',
      'con.quotaReset': 'Die älteste Anfrage fällt um {0} aus der Stunde.',
      'con.tokenExpiry': 'Ihre Sitzung endet um {0}.', 'con.expired': 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.',
      'con.created': 'Erstellt', 'con.signedUp': 'Konto angelegt. Anmeldung läuft…',
      'con.newEndpoint': 'Neuer Endpunkt', 'con.editEndpoint': '{0} bearbeiten', 'con.identifier': 'Kennung',
      'con.kind': 'Art', 'con.kindFile': 'Datei', 'con.kindScript': 'Python-Skript', 'con.method': 'Methode',
      'con.expires': 'Läuft ab', 'con.noEndpoints': 'Noch keine Endpunkte.', 'con.status': 'Statuscode',
      'con.latency': 'Verzögerung (ms)', 'con.expiresAt': 'Läuft ab am', 'con.response': 'Antwort (JSON)',
      'con.body': 'Erwarteter Anfrage-Body (JSON, optional)', 'con.file': 'Datei oder Skript',
      'con.headers': 'Antwort-Header (JSON-Objekt)', 'con.save': 'Speichern', 'con.copyUrl': 'URL kopieren',
      'con.edit': 'Bearbeiten', 'con.delete': 'Löschen', 'con.confirmDelete': '{0} löschen?',
      'con.saved': '{0} gespeichert.', 'con.deleted': '{0} gelöscht.', 'con.copied': '{0} kopiert.',
      'con.badJson': 'kein gültiges JSON', 'con.needFile': 'Datei auswählen',
      'con.dumpFile': 'Artikel (XML- oder JSON-Datei)', 'con.submitDump': 'Absenden', 'con.history': 'Verlauf',
      'con.status2': 'Status', 'con.images': 'Bilder', 'con.noDumps': 'Noch keine Dumps.', 'con.show': 'Anzeigen',
      'con.dumpRunning': 'Dump #{0}: Bilder werden geladen…', 'con.dumpProgress': '{0} von {1} Bildern fertig, {2} fehlgeschlagen',
      'con.dumpDone': 'Dump #{0} fertig: {1}', 'con.imageOk': 'Bild {0}: gespeichert', 'con.imageFail': 'Bild {0}: {1}',
      'con.item': 'Artikel {0}: {1}', 'con.liveLost': 'Live-Aktualisierung beendet; das Ergebnis erscheint im Verlauf.',
      'con.journal': 'Anfragen', 'con.journalTitle': 'Anfragen an {0}', 'con.jTime': 'Zeit', 'con.jPath': 'Pfad',
      'con.jAnswered': 'Beantwortet von', 'con.noJournal': 'Noch keine Anfragen.', 'con.jClose': 'Schließen',
      'con.jLive': 'Live: neue Anfragen erscheinen sofort.', 'con.jConnecting': 'Verbindung wird aufgebaut…',
      'con.jPolling': 'Live-Aktualisierung nicht verfügbar; Aktualisierung alle {0} Sekunden.',
    },
  });
  I.apply(document);
  const { t, formatTime, errorText, copyText, el } = window.Depot;
  const $ = (id) => document.getElementById(id);
  const store = window.sessionStorage;
  let session = null; // {token, username, expiresAt}
  let signUpMode = false;
  let editing = null; // the endpoint being edited, or null for a new one
  let accountTimer = null;
  const imageUrls = [];

  // ------------------------------------------------------------------ API
  class ApiError extends Error {
    constructor(status, body, retryAfter) {
      super(errorText(status, body, retryAfter));
      this.status = status; this.body = body;
    }
  }

  async function api(method, path, options = {}) {
    const headers = Object.assign({}, options.headers || {});
    if (session) headers.Authorization = 'Bearer ' + session.token;
    let body = options.body;
    if (options.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    let response;
    try {
      response = await fetch(path, { method, headers, body, cache: 'no-store' });
    } catch (e) {
      throw new ApiError(0, null, null);
    }
    if (options.raw && response.ok) return response;
    let data = null;
    const type = response.headers.get('Content-Type') || '';
    if (type.includes('json')) { try { data = await response.json(); } catch (e) { data = null; } }
    if (!response.ok) {
      if (response.status === 401 && session && !options.noSignOut) {
        signOut(t('con.expired'));
      }
      throw new ApiError(response.status, data, response.headers.get('Retry-After'));
    }
    return { status: response.status, data, headers: response.headers };
  }

  // An events WebSocket: a one-time ticket (never the token in a URL) goes in the first message,
  // with the fields firstMessage() gives when the socket opens; each JSON message goes to onEvent.
  async function openEvents(path, firstMessage, onEvent) {
    const { data } = await api('POST', '/api/v1/ws-tickets', { json: {} });
    const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    const ws = new WebSocket(scheme + location.host + path);
    ws.addEventListener('open', () =>
      ws.send(JSON.stringify(Object.assign({ ticket: data.ticket }, firstMessage()))));
    ws.addEventListener('message', (m) => {
      let event;
      try { event = JSON.parse(m.data); } catch (x) { return; }
      onEvent(event);
    });
    return ws;
  }

  // ------------------------------------------------------------------ session
  function setTabs(buttons, selected) {
    for (const b of buttons) b.setAttribute('aria-selected', String(b === selected));
  }
  $('tabSignIn').addEventListener('click', () => { signUpMode = false; setTabs([$('tabSignIn'), $('tabSignUp')], $('tabSignIn'));
    $('signInButton').textContent = t('con.signIn'); $('userPassword').autocomplete = 'current-password'; });
  $('tabSignUp').addEventListener('click', () => { signUpMode = true; setTabs([$('tabSignIn'), $('tabSignUp')], $('tabSignUp'));
    $('signInButton').textContent = t('con.signUp'); $('userPassword').autocomplete = 'new-password'; });

  function showSignInError(text) { $('signInError').textContent = text; $('signInError').hidden = !text; }

  $('signInForm').addEventListener('submit', async (e) => {
    e.preventDefault();
    showSignInError('');
    const username = $('username').value.trim(), password = $('userPassword').value;
    $('signInButton').disabled = true;
    try {
      if (signUpMode) {
        await api('POST', '/api/v1/users', { json: { username, password } });
        showSignInError('');
      }
      const r = await api('POST', '/api/v1/auth/token', { json: { username, password }, noSignOut: true });
      session = { token: r.data.token, username, expiresAt: r.data.expires_at };
      store.setItem('depot.session', JSON.stringify(session));
      $('userPassword').value = '';
      enter();
    } catch (err) {
      showSignInError(err.message);
    } finally {
      $('signInButton').disabled = false;
    }
  });

  function signOut(message) {
    session = null;
    store.removeItem('depot.session');
    clearInterval(accountTimer);
    closeJournal();
    $('app').hidden = true; $('signInCard').hidden = false;
    $('whoami').hidden = true; $('signOut').hidden = true;
    showSignInError(message || '');
    $('username').focus();
  }
  $('signOut').addEventListener('click', () => signOut(''));

  function enter() {
    $('signInCard').hidden = true; $('app').hidden = false;
    $('whoami').textContent = session.username; $('whoami').hidden = false; $('signOut').hidden = false;
    $('tokenExpiry').textContent = t('con.tokenExpiry', formatTime(session.expiresAt));
    showPanel('account');
    refreshAccount();
    clearInterval(accountTimer);
    accountTimer = setInterval(refreshAccount, 10000);
  }

  // ------------------------------------------------------------------ panels
  const panels = { account: ['tabAccount', 'accountPanel'], endpoints: ['tabEndpoints', 'endpointsPanel'],
                   dumps: ['tabDumps', 'dumpsPanel'] };
  function showPanel(name) {
    for (const [key, [tab, panel]] of Object.entries(panels)) {
      $(tab).setAttribute('aria-selected', String(key === name));
      $(panel).hidden = key !== name;
    }
    if (name !== 'endpoints') closeJournal();
    if (name === 'endpoints') loadEndpoints();
    if (name === 'dumps') loadDumps();
    if (name === 'account') refreshAccount();
  }
  $('tabAccount').addEventListener('click', () => showPanel('account'));
  $('tabEndpoints').addEventListener('click', () => showPanel('endpoints'));
  $('tabDumps').addEventListener('click', () => showPanel('dumps'));

  // ------------------------------------------------------------------ account (live)
  async function refreshAccount() {
    if (!session) return;
    try {
      const { data } = await api('GET', '/api/v1/me');
      const q = data.quota;
      $('accountName').textContent = data.username;
      $('accountPlan').textContent = data.plan;
      $('quotaText').textContent = t('con.quotaText', q.used, q.limit, q.remaining);
      $('quotaBar').style.width = Math.min(100, Math.round((q.used / Math.max(1, q.limit)) * 100)) + '%';
      $('quotaReset').textContent = q.used > 0 && q.reset_at ? t('con.quotaReset', formatTime(q.reset_at)) : '';
    } catch (err) { /* a 401 signed out; others show on the next try */ }
  }

  // ------------------------------------------------------------------ endpoints
  async function loadEndpoints() {
    try {
      const { data } = await api('GET', '/api/v1/endpoints?limit=100');
      const body = $('endpointTable').tBodies[0];
      body.replaceChildren();
      for (const ep of data.items) body.append(endpointRow(ep));
      $('noEndpoints').hidden = data.items.length > 0;
    } catch (err) { $('endpointStatus').textContent = err.message; }
  }

  function endpointRow(ep) {
    return el('tr', { 'data-id': ep.id },
      el('td', {}, el('a', { href: ep.url, target: '_blank', rel: 'noopener noreferrer', text: ep.identifier })),
      el('td', { text: ep.kind }),
      el('td', { class: 'hide-narrow', text: ep.method }),
      el('td', { class: 'hide-narrow', text: ep.expires_at ? formatTime(ep.expires_at) : '' }),
      el('td', {},
        el('div', { class: 'actions' },
          el('button', { type: 'button', class: 'secondary', text: t('con.copyUrl'),
            onclick: async () => { if (await copyText(ep.url)) $('endpointStatus').textContent = t('con.copied', ep.url); } }),
          el('button', { type: 'button', class: 'secondary', text: t('con.journal'), onclick: () => openJournal(ep) }),
          el('button', { type: 'button', class: 'secondary', text: t('con.edit'), onclick: () => openEditor(ep) }),
          el('button', { type: 'button', class: 'danger', text: t('con.delete'), onclick: () => removeEndpoint(ep) }))));
  }

  async function removeEndpoint(ep) {
    if (!window.confirm(t('con.confirmDelete', ep.identifier))) return;
    try {
      await api('DELETE', '/api/v1/endpoints/' + ep.id);
      if (journal && journal.ep.id === ep.id) closeJournal();
      $('endpointStatus').textContent = t('con.deleted', ep.identifier);
      loadEndpoints();
    } catch (err) { $('endpointStatus').textContent = err.message; }
  }

  function toLocalInput(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    const pad = (n) => String(n).padStart(2, '0');
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + 'T' + pad(d.getHours()) + ':' + pad(d.getMinutes());
  }

  function kindChanged() {
    const json = $('epKind').value === 'json';
    $('jsonFields').hidden = !json;
    $('fileFields').hidden = json;
  }
  $('epKind').addEventListener('change', kindChanged);

  function openEditor(ep) {
    editing = ep || null;
    clearFieldErrors();
    $('endpointForm').reset();
    $('endpointFormTitle').textContent = ep ? t('con.editEndpoint', ep.identifier) : t('con.newEndpoint');
    $('epIdentifier').value = ep ? ep.identifier : '';
    $('epKind').value = ep ? ep.kind : 'json';
    $('epKind').disabled = !!ep;
    $('epMethod').value = ep ? ep.method : 'GET';
    $('epStatus').value = ep ? ep.status_code : 200;
    $('epLatency').value = ep ? ep.latency : 0;
    $('epExpires').value = ep ? toLocalInput(ep.expires_at) : '';
    $('epResponse').value = ep && ep.response !== null && ep.response !== undefined ? JSON.stringify(ep.response, null, 2) : '{}';
    $('epBody').value = ep && ep.body !== null && ep.body !== undefined ? JSON.stringify(ep.body, null, 2) : '';
    $('epHeaders').value = JSON.stringify(ep && ep.headers ? ep.headers : {}, null, 2);
    kindChanged();
    $('endpointForm').hidden = false;
    $('epIdentifier').focus();
  }
  $('newEndpoint').addEventListener('click', () => openEditor(null));
  $('cancelEndpoint').addEventListener('click', () => { $('endpointForm').hidden = true; editing = null; });

  function clearFieldErrors() {
    document.querySelectorAll('#endpointForm .error').forEach((p) => { p.textContent = ''; });
    $('endpointError').hidden = true;
  }

  function showFieldErrors(err) {
    const fields = err.body && err.body.fields;
    let shown = false;
    if (fields) {
      for (const [name, problem] of Object.entries(fields)) {
        const slot = $('err-' + name);
        if (slot) { slot.textContent = problem; shown = true; }
      }
    }
    if (!shown) { $('endpointError').textContent = err.message; $('endpointError').hidden = false; }
  }

  $('endpointForm').addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors();
    // The same fields the API takes; the server validates them (one set of rules).
    const fields = {
      identifier: $('epIdentifier').value.trim(),
      method: $('epMethod').value,
      status_code: Number($('epStatus').value),
      latency: Number($('epLatency').value || 0),
    };
    if ($('epExpires').value) fields.expires_at = new Date($('epExpires').value).toISOString();
    const problems = {};
    const parse = (id, name, optional) => {
      const text = $(id).value.trim();
      if (!text && optional) return null;
      try { return JSON.parse(text); } catch (x) { problems[name] = t('con.badJson'); return undefined; }
    };
    fields.headers = parse('epHeaders', 'headers', true) || {};
    const kind = editing ? editing.kind : $('epKind').value;
    const file = $('epFile').files[0];
    if (kind === 'json') {
      fields.response = parse('epResponse', 'response', true);
      fields.body = parse('epBody', 'body', true);
    } else if (!editing && !file) {
      problems.file = t('con.needFile');
    }
    if (Object.keys(problems).length) { showFieldErrors({ body: { fields: problems } }); return; }
    $('saveEndpoint').disabled = true;
    try {
      let saved;
      if (!editing && kind === 'json') {
        saved = (await api('POST', '/api/v1/endpoints', { json: Object.assign({ kind }, fields) })).data;
      } else if (!editing) {
        const form = new FormData();
        form.append('kind', kind);
        for (const [k, v] of Object.entries(fields)) form.append(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
        form.append('file', file, file.name);
        saved = (await api('POST', '/api/v1/endpoints', { body: form })).data;
      } else {
        saved = (await api('PATCH', '/api/v1/endpoints/' + editing.id, { json: fields })).data;
        if (kind !== 'json' && file) {
          const form = new FormData();
          form.append('file', file, file.name);
          saved = (await api('PUT', '/api/v1/endpoints/' + editing.id + '/content', { body: form })).data;
        }
      }
      $('endpointForm').hidden = true;
      editing = null;
      $('endpointStatus').textContent = t('con.saved', saved.identifier);
      loadEndpoints();
    } catch (err) {
      showFieldErrors(err);
    } finally {
      $('saveEndpoint').disabled = false;
    }
  });

  // ------------------------------------------------------------------ journal (live)
  // The newest entries from GET .../requests, then the endpoint's events socket with "after":
  // the newest id shown, so nothing recorded in between is missed. When the socket closes (or
  // cannot open) the list is polled instead.
  const POLL_SECONDS = 5;
  let journal = null; // {ep, ws, timer, shown: Set of ids, newest}

  function closeJournal() {
    if (!journal) return;
    const j = journal;
    journal = null;
    clearInterval(j.timer);
    if (j.ws) j.ws.close(1000);
    $('journalBox').hidden = true;
  }
  $('closeJournal').addEventListener('click', closeJournal);

  function setJournalState(state, text) {
    $('journalState').dataset.state = state;
    $('journalState').textContent = text;
  }

  function addEntry(j, entry) {
    if (j !== journal || j.shown.has(entry.id)) return;
    j.shown.add(entry.id);
    j.newest = Math.max(j.newest, entry.id);
    const row = el('tr', { 'data-id': entry.id },
      el('td', { class: 'hide-narrow', text: formatTime(entry.time) }),
      el('td', { text: entry.method }),
      el('td', {}, el('code', { text: entry.path + (entry.query ? '?' + entry.query : '') })),
      el('td', { class: 'num', text: entry.status || entry.fault || '' }),
      el('td', { class: 'hide-narrow', text: entry.answered_by }));
    // Newest first, as the API lists them, whatever order they arrive in.
    const body = $('journalTable').tBodies[0];
    const after = [...body.rows].find((r) => Number(r.dataset.id) < entry.id);
    body.insertBefore(row, after || null);
    while (body.rows.length > 100) body.deleteRow(body.rows.length - 1);
    $('noJournal').hidden = true;
  }

  async function loadJournal(j) {
    const { data } = await api('GET', '/api/v1/endpoints/' + j.ep.id + '/requests?limit=50');
    for (const entry of data.items.slice().reverse()) addEntry(j, entry);
    if (j === journal) $('noJournal').hidden = j.shown.size > 0;
  }

  function pollJournal(j) {
    if (j !== journal || j.timer) return;
    setJournalState('polling', t('con.jPolling', POLL_SECONDS));
    j.timer = setInterval(() => { loadJournal(j).catch(() => {}); }, POLL_SECONDS * 1000);
  }

  async function openJournal(ep) {
    closeJournal();
    const j = { ep, ws: null, timer: null, shown: new Set(), newest: 0 };
    journal = j;
    $('journalTitle').textContent = t('con.journalTitle', ep.identifier);
    $('journalTable').tBodies[0].replaceChildren();
    $('noJournal').hidden = true;
    $('journalBox').hidden = false;
    setJournalState('connecting', t('con.jConnecting'));
    try {
      await loadJournal(j);
      const ws = await openEvents('/api/v1/endpoints/' + ep.id + '/requests/events',
        () => ({ after: j.newest }), (entry) => {
          if (entry.type === 'error') return; // the close follows
          addEntry(j, entry);
        });
      if (j !== journal) { ws.close(); return; }
      j.ws = ws;
      ws.addEventListener('open', () => setJournalState('live', t('con.jLive')));
      ws.addEventListener('close', () => { j.ws = null; pollJournal(j); });
    } catch (err) {
      if (j === journal) { $('endpointStatus').textContent = err.message; pollJournal(j); }
    }
  }

  // ------------------------------------------------------------------ dumps
  function showDumpError(text) { $('dumpError').textContent = text; $('dumpError').hidden = !text; }

  async function loadDumps() {
    try {
      const { data } = await api('GET', '/api/v1/dumps?limit=50');
      const body = $('dumpTable').tBodies[0];
      body.replaceChildren();
      for (const d of data.items) {
        body.append(el('tr', { 'data-id': d.requestId },
          el('td', { text: d.requestId }),
          el('td', { class: 'hide-narrow', text: formatTime(d.created_at) }),
          el('td', { class: 'status-' + d.status, text: d.status }),
          el('td', { class: 'num', text: d.images_succeeded + ' / ' + d.image_count }),
          el('td', {}, el('button', { type: 'button', class: 'secondary', text: t('con.show'), onclick: () => showDump(d.requestId) }))));
      }
      $('noDumps').hidden = data.items.length > 0;
    } catch (err) { showDumpError(err.message); }
  }

  async function showDump(id) {
    for (const u of imageUrls.splice(0)) URL.revokeObjectURL(u);
    const box = $('dumpDetail');
    box.replaceChildren();
    box.hidden = false;
    try {
      const { data } = await api('GET', '/api/v1/dumps/' + id, { headers: { Accept: 'application/json' } });
      box.append(el('h2', { text: '#' + data.requestId }));
      for (const item of data.items || []) {
        const images = el('div', { class: 'images' });
        const list = el('ul', { class: 'events' });
        for (const img of item.images || []) {
          const ok = img.status === 'SUCCESS';
          list.append(el('li', { class: 'status-' + img.status,
            text: ok ? t('con.imageOk', img.imageId) + ' · ' + img.url
                     : t('con.imageFail', img.imageId, img.error || img.httpCode || img.status) + ' · ' + img.url }));
          if (ok) {
            // Stored images need the token: fetched here and shown from memory (img-src blob:),
            // in document order whatever order they arrive in.
            const slot = el('img', { alt: item.name + ' ' + img.imageId, hidden: true });
            images.append(slot);
            api('GET', '/api/v1/dumps/' + id + '/images/' + img.imageId, { raw: true })
              .then((r) => r.blob()).then((blob) => {
                const u = URL.createObjectURL(blob);
                imageUrls.push(u);
                slot.src = u;
                slot.hidden = false;
              }).catch(() => {});
          }
        }
        box.append(el('div', { class: 'card' }, el('h2', { text: t('con.item', item.itemId, item.name) }),
          el('p', { class: 'status-' + item.processStatus, text: item.processStatus || '' }), list, images));
      }
    } catch (err) { showDumpError(err.message); }
  }

  $('dumpForm').addEventListener('submit', async (e) => {
    e.preventDefault();
    showDumpError('');
    const file = $('dumpFile').files[0];
    if (!file) return;
    const text = await file.text();
    const type = /^\s*</.test(text) ? 'application/xml' : 'application/json';
    $('submitDump').disabled = true;
    try {
      const r = await api('POST', '/api/v1/dumps', { body: text,
        headers: { 'Content-Type': type, Accept: 'application/json', Prefer: 'respond-async' } });
      refreshAccount();
      follow(r.data);
    } catch (err) {
      showDumpError(err.message);
      refreshAccount();
    } finally {
      $('submitDump').disabled = false;
    }
  });

  // Live progress: a ticket from POST /api/v1/ws-tickets, then the dump's event socket.
  async function follow(dump) {
    const id = dump.requestId;
    const total = dump.image_count || 0;
    let done = 0, failed = 0;
    $('dumpProgressBox').hidden = false;
    $('dumpProgressTitle').textContent = t('con.dumpRunning', id);
    $('dumpProgress').max = Math.max(1, total);
    $('dumpProgress').value = 0;
    $('dumpProgressText').textContent = t('con.dumpProgress', 0, total, 0);
    $('dumpEvents').replaceChildren();
    loadDumps();
    let finished = false;
    try {
      const ws = await openEvents('/api/v1/dumps/' + id + '/events', () => ({}), (ev) => {
        if (ev.type === 'image') {
          done++;
          if (ev.status !== 'SUCCESS') failed++;
          $('dumpProgress').value = done;
          $('dumpProgressText').textContent = t('con.dumpProgress', done, ev.image_count || total, failed);
          $('dumpEvents').append(el('li', { class: 'status-' + ev.status,
            text: ev.status === 'SUCCESS' ? t('con.imageOk', ev.imageId) : t('con.imageFail', ev.imageId, ev.error || ev.httpCode) }));
        } else if (ev.type === 'end') {
          finished = true;
          $('dumpProgress').value = $('dumpProgress').max;
          $('dumpProgressTitle').textContent = t('con.dumpDone', id, ev.status);
          loadDumps();
          refreshAccount();
        }
      });
      ws.addEventListener('close', () => {
        if (!finished) { $('dumpProgressText').textContent = t('con.liveLost'); loadDumps(); }
      });
    } catch (err) {
      $('dumpProgressText').textContent = err.message;
    }
  }

  // ------------------------------------------------------------------ start
  try { session = JSON.parse(store.getItem('depot.session') || 'null'); } catch (e) { session = null; }
  if (session && new Date(session.expiresAt) > new Date()) enter();
  else { session = null; store.removeItem('depot.session'); }
});
