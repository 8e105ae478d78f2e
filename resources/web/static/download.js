// The download page (rendered by the server, works without this script): after the Download
// button, say plainly that a one-time link is now used up.
'use strict';
document.addEventListener('DOMContentLoaded', () => {
  const t = (key, ...args) => window.DepotI18n.t(key, ...args);
  const form = document.getElementById('downloadForm');
  if (!form) return;
  const once = document.getElementById('onceNote');
  form.addEventListener('submit', () => {
    const status = document.getElementById('downloadStatus');
    const button = document.getElementById('downloadButton');
    // The answer is an attachment: the page stays. Keep a second click from asking again.
    setTimeout(() => { button.disabled = true; }, 0);
    status.textContent = once && once.dataset.once ? t('dl.startedOnce') : t('dl.started');
  });
});
