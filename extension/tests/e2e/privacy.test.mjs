// Privacy and injection.
//
// Every network request of a whole session (pages, the card, popup, side
// panel, options, copying) is recorded through the DevTools protocol's
// Network domain on each page and on the extension's service worker: none
// may leave the 127.0.0.1 test server or the extension itself.
//
// Article text that looks like markup (<img onerror>, <script>, javascript:
// URLs, Markdown and HTML metacharacters, written as text in the page) is
// shown as text in the card, side panel and copies, escaped in Markdown, and
// never becomes an element: the payloads would set window.__pwned.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import {
  useBrowserAndServer, sampleArticlePath, waitForHighlights, readClipboard, tabIdFor, pageState, until, squash,
  cardHtml, pointOnPassage, copyAllFromPopup,
} from './harness.mjs';

/** @type {import('puppeteer-core').Browser} */
let cdpBrowser;
/** @type {{target: string, url: string}[]} every request seen */
const requests = [];
const attached = new Set();

/** Records the Network domain of one target (page, worker, service worker). */
async function record(target) {
  const type = target.type();
  if (!['page', 'service_worker', 'worker', 'other', 'background_page'].includes(type)) return;
  // The browser's own UI (chrome:// WebUI such as the omnibox popup) is not the session under test.
  if (/^(chrome|devtools|chrome-untrusted):/.test(target.url())) return;
  if (attached.has(target)) return;
  attached.add(target);
  try {
    const s = await target.createCDPSession();
    s.on('Network.requestWillBeSent', (e) => requests.push({ target: `${type} ${target.url()}`, url: e.request.url }));
    s.on('Network.webSocketCreated', (e) => requests.push({ target: `${type} ${target.url()}`, url: e.url }));
    await s.send('Network.enable');
  } catch {
    attached.delete(target); // a target that went away, or one without a Network domain
  }
}

const PINNED = [];
const env = useBrowserAndServer({
  launch: { args: ['--remote-debugging-port=0'] },
  async setup() {
    const portFile = path.join(env.ext.profile, 'DevToolsActivePort');
    const port = await until(() => fs.existsSync(portFile) && fs.readFileSync(portFile, 'utf8').split('\n')[0], { message: 'DevTools port' });
    cdpBrowser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${port}`, defaultViewport: null, protocol: 'cdp' });
    cdpBrowser.on('targetcreated', (t) => { PINNED.push(record(t)); });
    await Promise.all(cdpBrowser.targets().map(record));
    // Wake the worker if it is idle, then make sure it is recorded.
    await (await env.ext.probe()).evaluate(() => chrome.runtime.sendMessage({ type: 'core/info' }));
    const sw = await cdpBrowser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${env.ext.extId}/`), { timeout: 10000 });
    await record(sw);
    await Promise.all(PINNED);
    assert.ok(attached.has(sw), 'recording the extension\'s service worker');
  },
  teardown: () => cdpBrowser?.disconnect(),
});

/** A new page whose Network domain is recorded before it navigates anywhere. */
async function recordedPage(url) {
  const n = attached.size;
  const page = await env.ext.context.newPage();
  await until(async () => {
    await Promise.all(PINNED);
    return [...attached].some((t) => t.type() === 'page' && t.url() === 'about:blank') && attached.size > n;
  }, { message: 'recorder attached to the new page' });
  await page.goto(url);
  return page;
}

const PAYLOAD_P1 = `The spokesman has denied that <img src=x onerror="window.__pwned='img'"> was ever posted on the ministry's site.`;
const PAYLOAD_P2 = `<script>window.__pwned='script'</script>`;
const PAYLOAD_P4 = '**bold** _claims_ [here](javascript:window.__pwned=\'md\')';

test('a full session stays on 127.0.0.1 and inside the extension; markup in article text stays text', async (t) => {
  // Pages.
  const sample = await recordedPage(env.srv.origin + sampleArticlePath());
  await waitForHighlights(sample);
  const url = `${env.srv.origin}/x/injection.html`;
  const page = await recordedPage(url);
  await waitForHighlights(page);
  await env.ext.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.srv.origin });
  const tabId = await tabIdFor(env.ext, url);
  const st = await pageState(env.ext, tabId);
  const texts = st.findings.map((f) => f.text);
  assert.ok(texts.includes(PAYLOAD_P1), `the <img> sentence is a finding: ${JSON.stringify(texts)}`);
  assert.ok(texts.some((x) => x.includes(PAYLOAD_P2)), 'the <script> sentence is a finding');
  assert.ok(texts.some((x) => x.includes("javascript:window.__pwned='js'")), 'the javascript: sentence is a finding');
  assert.ok(texts.some((x) => x.includes(PAYLOAD_P4)), 'the Markdown sentence is a finding');

  await t.test('card: the passage is text in the closed shadow root', async () => {
    await page.bringToFront();
    const pt = await pointOnPassage(page, 'denial', 'The spokesman has denied');
    await page.mouse.click(pt.x, pt.y);
    const card = await until(async () => {
      const c = await cardHtml(page);
      return c.html.includes('Copy passage') && c.html.includes('spokesman') ? c : null;
    }, { message: 'card' });
    assert.doesNotMatch(card.html, /<img|<script|<a\b|<b>/i, 'no element made from the text');
    assert.ok(card.html.includes('&lt;img src=x onerror="window.__pwned=\'img\'"&gt;'), 'shown escaped, as text');
    await page.keyboard.press('Enter'); // Copy passage (the card has focus)
    await until(async () => (await cardHtml(page)).html.includes('Passage copied.'), { message: 'copied' });
    assert.equal(await readClipboard(env.ext.context, env.srv.origin), PAYLOAD_P1);
    await page.bringToFront();
    await page.keyboard.press('Escape');
  });

  await t.test('popup: Copy all as Markdown escapes the metacharacters; as text keeps them literally', async () => {
    const popup = await recordedPage(`chrome-extension://${env.ext.extId}/popup.html?tab=${tabId}`);
    await until(async () => Number(await popup.getByTestId('count-denial').textContent()) > 0, { message: 'popup counts' });
    assert.equal(await popup.locator('img[src="x"], [onerror], script:not([src]), a[href^="javascript:"]').count(), 0);
    const md = await copyAllFromPopup(popup, 'markdown', env);
    const lines = md.split('\n');
    assert.equal(lines[0], '# \\<img src=x onerror="window.\\_\\_pwned=\'title\'"\\> \\*\\*Title\\*\\* \\[t\\]\\(javascript:window.\\_\\_pwned=\'t\'\\) \\| Test Herald');
    assert.ok(md.includes('\\<img src=x onerror="window.\\_\\_pwned=\'img\'"\\>'), md);
    assert.ok(md.includes('\\<script\\>window.\\_\\_pwned=\'script\'\\</script\\>'), md);
    assert.ok(md.includes('\\*\\*bold\\*\\* \\_claims\\_ \\[here\\]\\(javascript:window.\\_\\_pwned=\'md\'\\) \\# and \\`code\\` \\| pipes \\& \\<b\\>tags\\</b\\>'), md);
    // Nothing unescaped that a Markdown or HTML renderer would act on.
    // (Passages are "- text" items, reasons "  *text*" in emphasis: their text is checked.)
    const bodies = lines.filter((l) => l.startsWith('- ')).map((l) => l.slice(2))
      .concat(lines.filter((l) => /^ {2}\*.*\*$/.test(l)).map((l) => l.slice(3, -1)));
    assert.ok(bodies.length >= 8, `passages and reasons: ${bodies.length}`);
    for (const body of bodies) assert.doesNotMatch(body, /(^|[^\\])[<>[\]`*_]/, `unescaped metacharacter in “${body}”`);
    await popup.bringToFront();
    await popup.getByTestId('copy-format').selectOption('text');
    await popup.getByTestId('copy-all').click();
    await until(async () => /Copied \d+/.test(await popup.getByTestId('copy-status').textContent()), { message: 'copied as text' });
    const txt = await readClipboard(env.ext.context, env.srv.origin);
    assert.ok(txt.includes(PAYLOAD_P1), txt);
    assert.ok(txt.includes(PAYLOAD_P2), txt);
    await popup.close();
  });

  await t.test('side panel: passages are text, no element made from them', async () => {
    const panel = await recordedPage(`chrome-extension://${env.ext.extId}/sidepanel.html?tab=${tabId}`);
    await until(async () => (await panel.getByTestId('item').count()) >= 4, { message: 'items' });
    const items = await panel.getByTestId('item').allTextContents();
    assert.ok(items.some((x) => squash(x).includes(squash(PAYLOAD_P1))), JSON.stringify(items));
    assert.ok(items.some((x) => squash(x).includes(PAYLOAD_P2)));
    assert.ok(items.some((x) => squash(x).includes(PAYLOAD_P4)));
    const made = await panel.evaluate(() => ({
      img: document.querySelectorAll('img').length,
      scripts: [...document.scripts].map((s) => s.getAttribute('src')),
      links: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
      bold: document.querySelectorAll('#items b').length,
    }));
    assert.deepEqual(made, { img: 0, scripts: ['sidepanel.js'], links: [], bold: 0 });
    await panel.close();
  });

  await t.test('options page', async () => {
    const opts = await recordedPage(`chrome-extension://${env.ext.extId}/options.html`);
    await until(async () => /\d/.test(await opts.getByTestId('opt-version').textContent()), { message: 'options ready' });
    await opts.close();
  });

  await t.test('no payload ever ran in the page', async () => {
    assert.equal(await page.evaluate(() => window.__pwned), null);
    assert.equal(await page.evaluate(() => document.querySelectorAll('img, article script').length), 0);
  });

  await t.test('every request went to the test server or the extension', async () => {
    await Promise.all(PINNED);
    const mine = (u) => u.startsWith(`${env.srv.origin}/`) || u.startsWith(`chrome-extension://${env.ext.extId}/`);
    const foreign = requests.filter((r) => !mine(r.url));
    assert.deepEqual(foreign, []);
    const seen = (pred) => requests.some((r) => pred(r.url));
    assert.ok(seen((u) => u.startsWith(`${env.srv.origin}/x/injection.html`)), 'the recorder saw the page load');
    assert.ok(seen((u) => u.startsWith(`chrome-extension://${env.ext.extId}/popup`)), 'the recorder saw the popup load');
    console.log(`recorded ${requests.length} requests from ${new Set(requests.map((r) => r.target)).size} targets, none foreign`);
  });
  await sample.close();
  await page.close();
});
