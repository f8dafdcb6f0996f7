// Shared e2e helpers: a loopback HTTP server for fixtures, a Chromium with
// the unpacked extension, and probes that read highlights back from a page.

import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '../../..');
export const EXT_DIR = path.join(ROOT, 'build', 'extension');
export const ARTIFACTS = path.join(ROOT, 'extension', 'tests', 'artifacts');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const FIXTURES = path.join(ROOT, 'extension', 'tests', 'fixtures');
const SHARED_FIXTURES = path.join(ROOT, 'tests', 'fixtures');

export const NAMES = ['hedged', 'denial', 'unsourced', 'attributed'];

/** Whitespace-insensitive comparison form of a passage. */
export const squash = (s) => s.replace(/\s+/g, ' ').trim();

/**
 * Serves extension/tests/fixtures/* at /x/NAME, tests/fixtures/* at /NAME,
 * and any extra routes given as {path: (req, res) => void}.
 * @param {Record<string, (req: http.IncomingMessage, res: http.ServerResponse) => void>} [routes]
 */
export async function startServer(routes = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (routes[url.pathname]) return routes[url.pathname](req, res);
    let file = null;
    if (url.pathname.startsWith('/x/')) file = path.join(FIXTURES, path.basename(url.pathname));
    else file = path.join(SHARED_FIXTURES, path.basename(url.pathname));
    if (url.pathname === '/blank') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end('<!DOCTYPE html><title>blank</title><p>blank</p>');
    }
    if (!file || !fs.existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('not found');
    }
    const type = file.endsWith('.html') ? 'text/html; charset=utf-8' : 'application/octet-stream';
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  const origin = `http://127.0.0.1:${port}`;
  return { server, origin, close: () => new Promise((r) => server.close(r)) };
}

/** Path of the shared sample article, or our own stand-in if it is not there. */
export function sampleArticlePath() {
  return fs.existsSync(path.join(SHARED_FIXTURES, 'sample-article.html')) ? '/sample-article.html' : '/x/wire-report.html';
}

/**
 * Launches Chromium with the unpacked extension in a fresh profile.
 * @param {{headless?: boolean, args?: string[]}} [opts]  args: extra Chromium flags
 */
export async function launch({ headless = true, args = [] } = {}) {
  if (!fs.existsSync(path.join(EXT_DIR, 'manifest.json'))) {
    throw new Error('build/extension is missing: run "npm run build:ext" first');
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'claimlens-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless,
    viewport: { width: 1200, height: 900 },
    args: [
      `--disable-extensions-except=${EXT_DIR}`,
      `--load-extension=${EXT_DIR}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...args,
    ],
  });
  let [sw] = context.serviceWorkers();
  if (!sw) sw = await context.waitForEvent('serviceworker', { timeout: 15000 });
  const extId = new URL(sw.url()).host;
  /** @type {import('playwright-core').Page|null} */
  let probe = null;
  return {
    context,
    sw,
    extId,
    profile,
    /** The current worker (it may have been restarted). */
    /** The extension's worker (valid until it is stopped). */
    async worker() {
      return context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extId}/`)) || sw;
    },
    /**
     * An extension page to run chrome.* calls in; unlike a worker handle it
     * stays valid when the worker is stopped and restarted.
     */
    async probe() {
      if (!probe || probe.isClosed()) {
        probe = await context.newPage();
        await probe.goto(`chrome-extension://${extId}/options.html`);
      }
      return probe;
    },
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Registers node:test hooks for the file: before all tests, launches the
 * browser with the extension and (unless `server` is false) starts the
 * fixture server, then runs `setup`; after them, runs `teardown` and closes
 * both. (Top-level `before` hooks start as soon as they are registered, so
 * further set-up that needs the browser goes in `setup`, not in a hook of
 * its own.)
 * @param {{
 *   launch?: Parameters<typeof launch>[0],
 *   server?: boolean,
 *   routes?: Parameters<typeof startServer>[0] | (() => Parameters<typeof startServer>[0]),
 *   setup?: () => Promise<void>|void,
 *   teardown?: () => Promise<void>|void,
 * }} [options]  routes: extra server routes, or a function that makes them
 *   when the hook runs
 * @returns {{ext: Awaited<ReturnType<typeof launch>>, srv: Awaited<ReturnType<typeof startServer>>}}
 *   filled in once the hook has run
 */
export function useBrowserAndServer({ launch: launchOptions, server = true, routes, setup, teardown } = {}) {
  const env = /** @type {any} */ ({ ext: undefined, srv: undefined });
  before(async () => {
    if (server) {
      [env.ext, env.srv] = await Promise.all([
        launch(launchOptions),
        startServer(typeof routes === 'function' ? routes() : routes),
      ]);
    } else {
      env.ext = await launch(launchOptions);
    }
    await setup?.();
  });
  after(async () => {
    await teardown?.();
    await env.ext?.close();
    await env.srv?.close();
  });
  return env;
}

/**
 * Polls fn until it returns a truthy value (returned), or throws after timeout.
 * @template T @param {() => Promise<T>|T} fn @param {{timeout?: number, interval?: number, message?: string}} [o]
 * @returns {Promise<T>}
 */
export async function until(fn, { timeout = 10000, interval = 50, message = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${message} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/**
 * Reads the page's CSS highlight registry: for each claimlens highlight, the
 * text of each of its ranges.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<Record<string, string[]>>}
 */
export function readHighlights(page) {
  return page.evaluate(() => {
    const out = {};
    for (const [name, h] of CSS.highlights) {
      if (!name.startsWith('claimlens-')) continue;
      out[name.slice('claimlens-'.length)] = [...h].map((r) => r.toString());
    }
    return out;
  });
}

/** Waits until the page has at least one claimlens highlight; returns them. */
export function waitForHighlights(page, timeout = 15000) {
  return until(async () => {
    const h = await readHighlights(page);
    return Object.keys(h).some((k) => NAMES.includes(k) && h[k].length) ? h : null;
  }, { timeout, message: 'highlights' });
}

/**
 * The tab id of the page showing `url`, found by asking each tab's content
 * script (no "tabs" permission needed).
 * @param {{probe: () => Promise<import('playwright-core').Page>}} ext @param {string} url
 */
export async function tabIdFor(ext, url) {
  return until(async () => {
    const probe = await ext.probe();
    return probe.evaluate(async (target) => {
      for (const t of await chrome.tabs.query({})) {
        try {
          const r = await chrome.tabs.sendMessage(t.id, { type: 'page/state' });
          if (r && r.ok && r.url === target) return t.id;
        } catch {
          // no content script in this tab
        }
      }
      return null;
    }, url);
  }, { message: `tab id of ${url}` });
}

/** Asks a tab's content script for its state via the worker. */
export async function pageState(ext, tabId) {
  const probe = await ext.probe();
  return probe.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'page/state' }), tabId);
}

/** Reads the clipboard from a loopback page that may read it. */
export async function readClipboard(context, origin) {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const p = await context.newPage();
  try {
    await p.goto(`${origin}/blank`);
    await p.bringToFront();
    return await p.evaluate(() => navigator.clipboard.readText());
  } finally {
    await p.close();
  }
}

/**
 * Opens `url` in a new tab and waits for its highlights.
 * @param {{context: import('playwright-core').BrowserContext, probe: () => Promise<import('playwright-core').Page>}} ext
 * @param {string} url
 */
export async function openHighlighted(ext, url) {
  const page = await ext.context.newPage();
  await page.goto(url);
  await waitForHighlights(page);
  const tabId = await tabIdFor(ext, url);
  return { page, tabId };
}

/**
 * Presses the popup's "Copy all" in the given format and returns what it put
 * on the clipboard.
 * @param {import('playwright-core').Page} popup @param {string} format
 * @param {{ext: {context: import('playwright-core').BrowserContext}, srv: {origin: string}}} env
 */
export async function copyAllFromPopup(popup, format, { ext, srv }) {
  await popup.getByTestId('copy-format').selectOption(format);
  await popup.bringToFront();
  await popup.getByTestId('copy-all').click();
  await until(async () => /Copied \d+/.test(await popup.getByTestId('copy-status').textContent()), { message: 'copied' });
  return readClipboard(ext.context, srv.origin);
}

export function artifact(name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}

/**
 * The HTML inside the closed shadow root of the card host, via the DevTools
 * protocol (pages cannot see into it). '' when there is no card.
 * @param {import('playwright-core').Page} page
 */
export async function cardHtml(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const stack = [root];
    while (stack.length) {
      const n = stack.pop();
      if (n.nodeName === 'CLAIMLENS-CARD' && n.shadowRoots && n.shadowRoots.length) {
        const sr = n.shadowRoots[0];
        const html = await cdp.send('DOM.getOuterHTML', { nodeId: sr.children?.[0]?.nodeId ?? sr.nodeId });
        return { mode: sr.shadowRootType, html: html.outerHTML };
      }
      for (const c of n.children || []) stack.push(c);
      for (const c of n.contentDocument ? [n.contentDocument] : []) stack.push(c);
    }
    return { mode: null, html: '' };
  } finally {
    await cdp.detach();
  }
}

/**
 * Centre of the first line box of the highlighted range (of highlight `name`)
 * whose text contains `needle`, in viewport coordinates; scrolls it into view.
 * @param {import('playwright-core').Page} page @param {string} name @param {string} needle
 */
export async function pointOnPassage(page, name, needle) {
  const pt = await page.evaluate(([name, needle]) => {
    const squash = (s) => s.replace(/\s+/g, ' ').trim();
    const h = CSS.highlights.get(`claimlens-${name}`);
    if (!h) return null;
    for (const r of h) {
      if (!squash(r.toString()).includes(squash(needle))) continue;
      r.startContainer.parentElement.scrollIntoView({ block: 'center' });
      const rect = r.getClientRects()[0];
      return { x: rect.left + Math.min(rect.width / 2, 40), y: rect.top + rect.height / 2 };
    }
    return null;
  }, [name, needle]);
  if (!pt) throw new Error(`no ${name} highlight containing “${needle}”`);
  return pt;
}

/**
 * Stops the extension's service worker the way the browser does when it is
 * idle (DevTools protocol, from an extension page so the registration is
 * visible). Resolves once it has stopped.
 * @param {{context: import('playwright-core').BrowserContext, extId: string}} ext
 * @param {import('playwright-core').Page} extPage  a page of the extension
 */
export async function stopWorker(ext, extPage) {
  const cdp = await ext.context.newCDPSession(extPage);
  try {
    /** @type {Map<string, any>} */
    const versions = new Map();
    let onStopped = () => {};
    const stopped = new Promise((r) => { onStopped = r; });
    cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
      for (const v of e.versions) {
        versions.set(v.versionId, v);
        if (v.scriptURL.startsWith(`chrome-extension://${ext.extId}/`) && v.runningStatus === 'stopped') onStopped(v);
      }
    });
    await cdp.send('ServiceWorker.enable');
    const v = await until(() => [...versions.values()].find((x) => x.scriptURL.startsWith(`chrome-extension://${ext.extId}/`) && x.runningStatus === 'running'), { message: 'running extension worker' });
    await cdp.send('ServiceWorker.stopWorker', { versionId: v.versionId });
    await Promise.race([stopped, new Promise((_, rej) => setTimeout(() => rej(new Error('worker did not stop')), 10000))]);
  } finally {
    await cdp.detach().catch(() => {});
  }
}
