// Drives Depot's pages in a real Chromium (puppeteer-core): the drop page uploads a file with a
// password, a second browser context opens the link, sees name, size and the one-time rule,
// downloads once and then sees the link gone; the console signs up, creates and edits an
// endpoint (checked over HTTP), watches a journal entry appear live after a request made from
// Node (not the page), refuses a bad field, submits a dump and follows its progress live, and
// shows the stored images. Any script error or CSP violation fails the run. Screenshots
// at desktop and phone widths go to $SCREENSHOT_DIR.
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const puppeteer = require('puppeteer-core');

const BASE = process.env.BASE_URL;
const IMAGES = process.env.IMAGE_URL;
const SHOTS = process.env.SCREENSHOT_DIR;
const WORK = process.env.WORK_DIR;
const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const problems = [];
let step = 'start';

function watch(page, name) {
  page.on('pageerror', (e) => problems.push(`${name}: script error: ${e.message}`));
  page.on('console', (m) => {
    const text = m.text();
    // The download page's 401/410 answers are logged by Chromium as failed resources: expected.
    if (m.type() === 'error' && !/status of (401|404|410|422)/.test(text)) problems.push(`${name}: console: ${text}`);
  });
  page.on('requestfailed', (r) => {
    const url = r.url();
    if (!url.startsWith(BASE) && !url.startsWith('blob:') && !url.startsWith('ws')) problems.push(`${name}: third-party request ${url}`);
  });
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(BASE) && !url.startsWith('blob:') && !url.startsWith('data:') && !url.startsWith('ws'))
      problems.push(`${name}: third-party request ${url}`);
  });
}

async function shoot(page, name) {
  await page.setViewport(DESKTOP);
  await page.screenshot({ path: path.join(SHOTS, `${name}-desktop.png`), fullPage: true });
  await page.setViewport(PHONE);
  await page.screenshot({ path: path.join(SHOTS, `${name}-phone.png`), fullPage: true });
  // Phone-usable: nothing wider than the screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `${name} scrolls sideways on a phone (${overflow}px)`);
  await page.setViewport(DESKTOP);
}

const text = (page, sel) => page.$eval(sel, (e) => e.textContent.trim());
const visible = (page, sel, timeout = 10000) => page.waitForSelector(sel, { visible: true, timeout });

async function dropAndDownload(browser) {
  step = 'drop page';
  const sender = await browser.createBrowserContext();
  const page = await sender.newPage();
  watch(page, 'drop');
  await page.setViewport(DESKTOP);
  const res = await page.goto(BASE + '/', { waitUntil: 'networkidle0' });
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-security-policy'], /script-src 'self'/);
  assert.equal(await text(page, '#dropHeading'), 'Share a file with a one-time link');
  assert.match(await text(page, '#limitText'), /Up to 16\.8 MB/);
  await shoot(page, 'drop');

  // Keyboard: the file chooser is reachable with Tab.
  let reached = false;
  for (let i = 0; i < 6 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement && document.activeElement.id === 'file');
  }
  assert.ok(reached, 'the file input is not reachable by keyboard');

  step = 'too large';
  const big = path.join(WORK, 'big.bin');
  fs.writeFileSync(big, Buffer.alloc(17 * 1000 * 1000 + 1));
  await (await page.$('#file')).uploadFile(big);
  await page.click('#uploadButton');
  assert.match(await text(page, '#uploadError'), /more than the limit of 16\.8 MB/);

  step = 'upload';
  const file = path.join(WORK, 'report.txt');
  fs.writeFileSync(file, 'quarterly numbers\n'.repeat(2000));
  const input = await page.$('#file');
  await input.uploadFile(file);
  assert.match(await text(page, '#chosenFile'), /report\.txt/);
  await page.type('#password', 'open sesame');
  assert.equal(await page.$eval('#uploadError', (e) => e.hidden), true);
  await page.click('#uploadButton');
  await visible(page, '#resultCard');
  const link = await page.$eval('#shareLink', (e) => e.value);
  const deleteLink = await page.$eval('#deleteLink', (e) => e.value);
  assert.ok(link.startsWith(BASE + '/api/v1.0/file/'), link);
  assert.match(deleteLink, /delete_token=/);
  assert.match(await text(page, '#onceNote'), /works once/);
  await page.screenshot({ path: path.join(SHOTS, 'drop-done-desktop.png') });

  step = 'download page';
  const receiver = await browser.createBrowserContext();
  const dl = await receiver.newPage();
  watch(dl, 'download');
  await dl.setViewport(DESKTOP);
  for (let i = 0; i < 2; i++) { // opening (twice) uses nothing up
    const r = await dl.goto(link, { waitUntil: 'networkidle0' });
    assert.equal(r.status(), 200);
  }
  assert.equal(await text(dl, '#fileName'), 'report.txt');
  assert.equal(await text(dl, '#fileSize'), '36.0 kB');
  assert.match(await text(dl, '#onceNote'), /This link works once/);
  assert.ok(await dl.$('#password'), 'no password field');
  await shoot(dl, 'download');

  await dl.type('#password', 'wrong guess');
  await Promise.all([dl.waitForNavigation(), dl.click('#downloadButton')]);
  assert.match(await text(dl, '#pageError'), /Wrong password/);

  step = 'download';
  await dl.type('#password', 'open sesame');
  const [answer] = await Promise.all([
    dl.waitForResponse((r) => r.request().method() === 'POST'),
    dl.click('#downloadButton'),
  ]);
  assert.equal(answer.status(), 200);
  assert.match(answer.headers()['content-disposition'], /^attachment/);
  await dl.waitForFunction(() => /used up/.test(document.getElementById('downloadStatus').textContent));

  step = 'link used up';
  const again = await dl.goto(link, { waitUntil: 'networkidle0' });
  assert.equal(again.status(), 410);
  assert.match(await dl.$eval('main', (e) => e.textContent), /already been downloaded/);
  await dl.screenshot({ path: path.join(SHOTS, 'download-gone-desktop.png') });

  step = 'German';
  const german = await browser.createBrowserContext();
  const de = await german.newPage();
  watch(de, 'german');
  await de.evaluateOnNewDocument(() => {
    Object.defineProperty(navigator, 'languages', { get: () => ['de-DE', 'de'] });
    Object.defineProperty(navigator, 'language', { get: () => 'de-DE' });
  });
  await de.goto(BASE + '/', { waitUntil: 'networkidle0' });
  assert.equal(await text(de, '#dropHeading'), 'Eine Datei mit einem Einmal-Link teilen');
  assert.equal(await de.evaluate(() => document.documentElement.lang), 'de');
  await de.setViewport(DESKTOP);
  await de.screenshot({ path: path.join(SHOTS, 'drop-de-desktop.png') });
  await Promise.all([sender.close(), receiver.close(), german.close()]);
}

async function consoleFlow(browser) {
  step = 'console sign-up';
  const ctx = await browser.createBrowserContext();
  const page = await ctx.newPage();
  watch(page, 'console');
  await page.setViewport(DESKTOP);
  await page.goto(BASE + '/console', { waitUntil: 'networkidle0' });
  await shoot(page, 'console-signin');
  await page.click('#tabSignUp');
  await page.type('#username', 'webtester');
  await page.type('#userPassword', 'a long password');
  await page.click('#signInButton');
  await visible(page, '#app');
  await page.waitForFunction(() => document.getElementById('accountPlan').textContent === 'bronze');
  assert.match(await text(page, '#quotaText'), /0 of 25 used/);
  const stored = await page.evaluate(() => ({ cookies: document.cookie, session: sessionStorage.getItem('depot.session') }));
  assert.equal(stored.cookies, '', 'the console must not use cookies');
  assert.ok(stored.session && JSON.parse(stored.session).token, 'token in sessionStorage');
  await shoot(page, 'console-account');

  step = 'endpoint create';
  await page.click('#tabEndpoints');
  await page.click('#newEndpoint');
  await page.type('#epIdentifier', 'greeting');
  await page.$eval('#epResponse', (e) => { e.value = '{"hello": "world"}'; });
  await page.click('#saveEndpoint');
  await page.waitForFunction(() => [...document.querySelectorAll('#endpointTable tbody tr')].some((r) => r.textContent.includes('greeting')));
  let r = await fetch(BASE + '/u/webtester/greeting');
  assert.equal(r.status, 200);
  assert.deepEqual(await r.json(), { hello: 'world' });

  step = 'endpoint edit';
  await page.evaluate(() => {
    const row = [...document.querySelectorAll('#endpointTable tbody tr')].find((x) => x.textContent.includes('greeting'));
    [...row.querySelectorAll('button')].find((b) => b.textContent === 'Edit').click();
  });
  await visible(page, '#endpointForm');
  await page.$eval('#epStatus', (e) => { e.value = ''; });
  await page.type('#epStatus', '201');
  await page.$eval('#epHeaders', (e) => { e.value = '{"X-Mock": "yes"}'; });
  await page.click('#saveEndpoint');
  await page.waitForSelector('#endpointForm', { hidden: true });
  r = await fetch(BASE + '/u/webtester/greeting');
  assert.equal(r.status, 201);
  assert.equal(r.headers.get('x-mock'), 'yes');

  step = 'journal live';
  await page.evaluate(() => {
    const row = [...document.querySelectorAll('#endpointTable tbody tr')].find((x) => x.textContent.includes('greeting'));
    [...row.querySelectorAll('button')].find((b) => b.textContent === 'Requests').click();
  });
  await visible(page, '#journalBox');
  await page.waitForFunction(() => document.querySelectorAll('#journalTable tbody tr').length === 2);
  await page.waitForFunction(() => document.getElementById('journalState').dataset.state === 'live');
  // A curl-like call from outside the page: the page learns of it only through the socket.
  const requestsBefore = await page.evaluate(() => performance.getEntriesByType('resource').length);
  r = await fetch(BASE + '/u/webtester/greeting?from=node', { method: 'GET', headers: { 'User-Agent': 'curl/8' } });
  assert.equal(r.status, 201);
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('#journalTable tbody tr')];
    return rows.length === 3 && rows[0].textContent.includes('/u/webtester/greeting?from=node');
  }, { timeout: 5000 });
  assert.equal(await page.$eval('#journalState', (e) => e.dataset.state), 'live');
  assert.equal(await page.evaluate(() => performance.getEntriesByType('resource').length), requestsBefore,
    'the entry came over the WebSocket, not by polling');
  assert.match(await page.$eval('#journalTable tbody tr', (e) => e.textContent), /GET.*201/);
  await page.$eval('#closeJournal', (b) => b.click());
  await page.waitForSelector('#journalBox', { hidden: true });
  await page.evaluate(() => {
    const row = [...document.querySelectorAll('#endpointTable tbody tr')].find((x) => x.textContent.includes('greeting'));
    [...row.querySelectorAll('button')].find((b) => b.textContent === 'Requests').click();
  });
  await page.waitForFunction(() => document.getElementById('journalState').dataset.state === 'live');
  await shoot(page, 'console-journal');
  // The phone-width screenshot reloads the page (it opens on the account panel).
  await page.click('#tabEndpoints');

  step = 'endpoint validation';
  await page.click('#newEndpoint');
  await page.type('#epIdentifier', 'slow');
  await page.$eval('#epLatency', (e) => { e.value = '-5'; });
  await page.click('#saveEndpoint');
  await page.waitForFunction(() => document.getElementById('err-latency').textContent.length > 0);
  await page.$eval('#epHeaders', (e) => { e.value = '{"Set-Cookie": "a=1"}'; });
  await page.$eval('#epLatency', (e) => { e.value = '0'; });
  await page.click('#saveEndpoint');
  await page.waitForFunction(() => /content-url/.test(document.getElementById('err-headers').textContent));
  await shoot(page, 'console-endpoints');
  await page.$eval('#cancelEndpoint', (b) => b.click());

  step = 'dump';
  await page.click('#tabDumps');
  const items = {
    items: [
      { name: 'Blue', manufacturer: 'M', brand: 'B', category: 'C', images: [IMAGES + '/p0.png', IMAGES + '/p1.png'] },
      { name: 'Green', manufacturer: 'M', brand: 'B', category: 'C', images: [IMAGES + '/p2.png', IMAGES + '/missing.png'] },
    ],
  };
  const dumpFile = path.join(WORK, 'items.json');
  fs.writeFileSync(dumpFile, JSON.stringify(items));
  await (await page.$('#dumpFile')).uploadFile(dumpFile);
  await page.click('#submitDump');
  await page.waitForFunction(() => /finished/.test(document.getElementById('dumpProgressTitle').textContent), { timeout: 20000 });
  assert.match(await text(page, '#dumpProgressTitle'), /PARTIAL/);
  assert.equal(await page.$$eval('#dumpEvents li', (l) => l.length), 4);
  assert.match(await text(page, '#dumpProgressText'), /4 of 4 images done, 1 failed/);
  await page.waitForFunction(() => /1 of 25 used/.test(document.getElementById('quotaText').textContent));
  await page.evaluate(() => document.querySelector('#dumpTable tbody button').click());
  await page.waitForFunction(() => {
    const imgs = [...document.querySelectorAll('#dumpDetail img:not([hidden])')];
    return imgs.length === 3 && imgs.every((i) => i.complete && i.naturalWidth === 48);
  }, { timeout: 10000 });
  await shoot(page, 'console-dumps');

  step = 'sign out';
  await page.click('#signOut');
  await visible(page, '#signInCard');
  assert.equal(await page.evaluate(() => sessionStorage.getItem('depot.session')), null);
  await ctx.close();
}

(async () => {
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM_BIN,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--lang=en-US', '--disable-dev-shm-usage'],
  });
  let failed = false;
  try {
    await dropAndDownload(browser);
    await consoleFlow(browser);
  } catch (e) {
    failed = true;
    console.error(`browser test failed in step "${step}": ${e.stack || e}`);
  } finally {
    await browser.close();
  }
  if (problems.length) {
    failed = true;
    console.error('problems seen in the pages:\n  ' + problems.join('\n  '));
  }
  if (failed) process.exit(1);
  console.log(`browser test passed; screenshots in ${SHOTS}`);
})();
