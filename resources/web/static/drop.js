// The drop page: choose or drop a file, upload it with progress, show the one-time link.
// Uses only the public API (PUT /api/v1.0/file, DELETE with the delete token).
'use strict';
document.addEventListener('DOMContentLoaded', () => {
  const { t, formatSize, formatDuration, formatTime, errorText, copyText } = window.Depot;
  const $ = (id) => document.getElementById(id);
  let limits = { max_bytes: 16 * 1000 * 1000, max_downloads: 100, max_expires_in: 604800 };
  let file = null, xhr = null, result = null;

  fetch('/api/v1/drop/limits').then((r) => r.ok ? r.json() : null).then((l) => {
    if (!l) return;
    limits = l;
    $('downloads').max = l.max_downloads;
    for (const o of $('expiry').options) o.disabled = Number(o.value) > l.max_expires_in;
    showLimit();
  }).catch(() => {});
  const showLimit = () => { $('limitText').textContent = t('drop.limit', formatSize(limits.max_bytes)); };
  showLimit();

  function showError(text) {
    $('uploadError').textContent = text;
    $('uploadError').hidden = !text;
  }

  function choose(f) {
    file = f || null;
    showError('');
    $('chosenFile').textContent = file ? file.name + ' · ' + formatSize(file.size) : '';
    if (file && file.size > limits.max_bytes)
      showError(t('error.fileTooLarge', formatSize(file.size), formatSize(limits.max_bytes)));
  }

  $('file').addEventListener('change', () => choose($('file').files[0]));
  const zone = $('dropzone');
  ['dragenter', 'dragover'].forEach((ev) => zone.addEventListener(ev, (e) => {
    e.preventDefault(); zone.classList.add('over');
  }));
  ['dragleave', 'drop'].forEach((ev) => zone.addEventListener(ev, () => zone.classList.remove('over')));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    if (e.dataTransfer.files.length) choose(e.dataTransfer.files[0]);
  });
  // A drop outside the zone must not navigate away from the page.
  window.addEventListener('dragover', (e) => e.preventDefault());
  window.addEventListener('drop', (e) => e.preventDefault());

  $('uploadForm').addEventListener('submit', (e) => {
    e.preventDefault();
    if (!file) { showError(t('error.noFile')); $('file').focus(); return; }
    if (file.size > limits.max_bytes) {
      showError(t('error.fileTooLarge', formatSize(file.size), formatSize(limits.max_bytes)));
      return;
    }
    const downloads = Number($('downloads').value || 1);
    if (!Number.isInteger(downloads) || downloads < 1 || downloads > limits.max_downloads) {
      showError(t('error.downloads', limits.max_downloads)); $('downloads').focus(); return;
    }
    upload(downloads);
  });

  function upload(downloads) {
    showError('');
    const form = new FormData();
    form.append('file', file, file.name);
    if ($('password').value) form.append('password', $('password').value);
    form.append('max_downloads', String(downloads));
    form.append('expires_in', $('expiry').value);

    xhr = new XMLHttpRequest();
    xhr.open('PUT', '/api/v1.0/file');
    xhr.responseType = 'json';
    const started = performance.now();
    $('uploadForm').hidden = true;
    $('progressBox').hidden = false;
    $('progressFile').textContent = t('drop.uploading', file.name);
    $('progress').value = 0;
    $('progressText').textContent = '';
    xhr.upload.addEventListener('progress', (e) => {
      if (!e.lengthComputable) return;
      const seconds = (performance.now() - started) / 1000;
      const speed = seconds > 0 ? e.loaded / seconds : 0;
      const left = speed > 0 ? (e.total - e.loaded) / speed : 0;
      $('progress').value = Math.round((e.loaded / e.total) * 100);
      $('progressText').textContent = t('drop.progress', formatSize(e.loaded), formatSize(e.total),
        formatSize(speed) + '/s', left > 0.5 ? formatDuration(left) : '—');
    });
    const req = xhr;
    req.addEventListener('load', () => {
      xhr = null;
      const body = req.response;
      if (req.status === 201 && body && body.url) { done(body); return; }
      failed(uploadError(req.status, body, req.getResponseHeader('Retry-After')));
    });
    // The server may refuse (413) before the body is sent and close: the browser then reports
    // a network error, but the status is known when its head arrived first.
    req.addEventListener('error', () => {
      xhr = null;
      failed(uploadError(req.status, req.response, req.getResponseHeader('Retry-After')));
    });
    req.addEventListener('abort', () => { xhr = null; failed(t('drop.cancelled')); });
    xhr.send(form);
  }

  // The server's 413 (decided on the request head) names the limit in bytes; say it in words.
  function uploadError(status, body, retryAfter) {
    if (status === 413) return t('error.tooLargeLimit', formatSize(limits.max_bytes));
    return errorText(status, body, retryAfter);
  }

  function failed(text) {
    $('progressBox').hidden = true;
    $('uploadForm').hidden = false;
    showError(text);
  }

  $('cancelButton').addEventListener('click', () => { if (xhr) xhr.abort(); });

  function done(body) {
    result = body;
    $('progressBox').hidden = true;
    $('chooseCard').hidden = true;
    $('resultCard').hidden = false;
    $('shareLink').value = body.url;
    $('deleteLink').value = body.delete_url;
    $('resultSummary').textContent = t('drop.summary', body.filename, formatSize(body.size),
      formatTime(body.expires_at));
    $('onceNote').textContent = body.max_downloads === 1 ? t('drop.onceNote')
      : t('drop.manyNote', body.max_downloads);
    if (body.password_protected) $('onceNote').textContent += ' ' + t('drop.passwordNote');
    $('copyStatus').textContent = '';
    $('copyLink').focus();
  }

  async function copy(input) {
    const ok = await copyText(input.value, input);
    $('copyStatus').textContent = ok ? t('drop.copied') : t('drop.copyFailed');
  }
  $('copyLink').addEventListener('click', () => copy($('shareLink')));
  $('copyDelete').addEventListener('click', () => copy($('deleteLink')));
  $('shareLink').addEventListener('focus', (e) => e.target.select());

  $('deleteNow').addEventListener('click', async () => {
    if (!result) return;
    try {
      const r = await fetch(result.delete_url, { method: 'DELETE' });
      let body = null;
      try { body = await r.json(); } catch (e) { /* 204 has no body */ }
      $('copyStatus').textContent = r.ok ? t('drop.deleted') : errorText(r.status, body, r.headers.get('Retry-After'));
      if (r.ok) { $('deleteNow').disabled = true; $('shareLink').value = ''; $('copyLink').disabled = true; }
    } catch (e) {
      $('copyStatus').textContent = t('error.network');
    }
  });

  $('another').addEventListener('click', () => {
    result = null; file = null;
    $('uploadForm').reset();
    $('chosenFile').textContent = '';
    $('deleteNow').disabled = false; $('copyLink').disabled = false;
    $('resultCard').hidden = true;
    $('chooseCard').hidden = false;
    $('file').focus();
  });
});
