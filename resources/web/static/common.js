// Helpers shared by Depot's pages. No globals besides Depot; no third-party code.
'use strict';
window.Depot = (function () {
  const t = (key, ...args) => window.DepotI18n.t(key, ...args);

  function formatSize(bytes) {
    if (bytes < 1024) return t('size.bytes', bytes);
    const units = ['KB', 'MB', 'GB', 'TB'];
    let value = bytes / 1000, unit = 0;
    while (value >= 1000 && unit < units.length - 1) { value /= 1000; unit++; }
    return value.toLocaleString(window.DepotI18n.lang, { maximumFractionDigits: 1 }) + ' ' + units[unit];
  }

  function formatDuration(seconds) {
    seconds = Math.max(1, Math.ceil(seconds));
    if (seconds < 90) return t('time.seconds', seconds);
    if (seconds < 5400) return t('time.minutes', Math.round(seconds / 60));
    return t('time.hours', Math.round(seconds / 3600));
  }

  function formatTime(iso) {
    const d = new Date(iso);
    return isNaN(d) ? String(iso) : d.toLocaleString(window.DepotI18n.lang);
  }

  // The server's error body {"error","detail","fields"} in words for people.
  function errorText(status, body, retryAfter) {
    if (status === 0) return t('error.network');
    if (status === 429) {
      const wait = Number(retryAfter);
      return wait > 0 ? t('error.rateLimitedFor', formatDuration(wait)) : t('error.rateLimited');
    }
    if (status === 413) {
      const limit = body && body.limit;
      return limit ? t('error.tooLargeLimit', formatSize(limit)) : t('error.tooLarge');
    }
    if (body && body.fields) {
      return Object.entries(body.fields).map(([k, v]) => k + ': ' + v).join(' · ');
    }
    if (body && body.detail) return body.detail;
    if (body && body.error) return body.error;
    return t('error.status', status);
  }

  async function copyText(text, input) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch (e) {
      if (input) { input.focus(); input.select(); }
      try { return document.execCommand('copy'); } catch (e2) { return false; }
    }
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'text') node.textContent = v;
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  }

  return { t, formatSize, formatDuration, formatTime, errorText, copyText, el };
})();
