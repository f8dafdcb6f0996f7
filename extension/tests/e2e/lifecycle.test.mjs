// Dynamic pages, worker eviction, page safety and network silence.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useBrowserAndServer, waitForHighlights, readHighlights, pageState, until, stopWorker, artifact, squash,
  openHighlighted,
} from './harness.mjs';

/** Requests seen anywhere in the browser context. */
const requests = [];
const env = useBrowserAndServer({
  setup() {
    env.ext.context.on('request', (r) => requests.push(r.url()));
  },
});

const has = (h, cat, text) => (h[cat] || []).some((s) => squash(s).includes(text));

/**
 * Polls the page (every 5 ms, 3 s at most) until `category`'s highlight does
 * (`present`) or does not cover `text`; returns the ms since `t0` (the page's
 * clock when it changed), or -1.
 */
const untilHighlight = (page, t0, category, text, present) => page.evaluate(async ({ t0, category, text, present }) => {
  for (;;) {
    const h = CSS.highlights.get(`claimlens-${category}`);
    if ((!!h && [...h].some((r) => r.toString().includes(text))) === present) return performance.now() - t0;
    if (performance.now() - t0 > 3000) return -1;
    await new Promise((r) => setTimeout(r, 5));
  }
}, { t0, category, text, present });

test('dynamic page: new, changed and removed blocks update within 500 ms; only changed blocks are analysed', async () => {
  const url = `${env.srv.origin}/x/watched.html`;
  const { page, tabId } = await openHighlighted(env.ext, url);
  const st0 = await pageState(env.ext, tabId);
  // An open popup shows live counts.
  const popup = await env.ext.context.newPage();
  await popup.goto(`chrome-extension://${env.ext.extId}/popup.html?tab=${tabId}`);
  const denialCount = async () => Number(await popup.getByTestId('count-denial').textContent());
  const denials0 = await until(async () => { const n = await denialCount(); return n > 0 ? n : null; }, { message: 'popup counts' });
  await page.bringToFront();

  // A new paragraph.
  const added = await untilHighlight(page, await page.evaluate(() => {
    const p = document.createElement('p');
    p.id = 'p5';
    p.textContent = 'The mayor has rejected claims that she knew about the shortfall.';
    document.getElementById('story').append(p);
    return performance.now();
  }), 'denial', 'The mayor has rejected', true);
  assert.ok(added >= 0 && added < 500, `new block highlighted after ${added} ms`);
  const st1 = await pageState(env.ext, tabId);
  assert.equal(st1.analysedBlocks - st0.analysedBlocks, 1, 'only the new block was analysed');
  await until(async () => (await denialCount()) === denials0 + 1, { message: 'popup count follows the page' });
  await popup.close();

  const nextScan = (prev) => until(async () => {
    const s = await pageState(env.ext, tabId);
    return s.scans > prev.scans ? s : null;
  }, { message: 'rescan' });

  // A changed paragraph: its flagged sentence goes away.
  const changed = await untilHighlight(page, await page.evaluate(() => {
    document.getElementById('p2').firstChild.data = 'The deficit doubled since the spring.';
    return performance.now();
  }), 'hedged', 'The deficit', false);
  assert.ok(changed >= 0 && changed < 500, `changed block updated after ${changed} ms`);
  const st2 = await nextScan(st1);
  assert.equal(st2.analysedBlocks - st1.analysedBlocks, 1, 'only the changed block was analysed');

  // A removed paragraph: its highlights go, nothing is re-analysed.
  const removed = await untilHighlight(page, await page.evaluate(() => {
    document.getElementById('p1').remove();
    return performance.now();
  }), 'denial', 'council leader', false);
  assert.ok(removed >= 0 && removed < 500, `removed block dropped after ${removed} ms`);
  const st3 = await nextScan(st2);
  assert.equal(st3.analysedBlocks, st2.analysedBlocks, 'nothing re-analysed on removal');
  const h = await readHighlights(page);
  assert.ok(has(h, 'denial', 'The mayor has rejected'));
  assert.ok(has(h, 'unsourced', 'Critics say the council'));
  await page.screenshot({ path: artifact('dynamic-after-edits.png') });
  await page.close();
});

test('page safety: the page sees no DOM change but the one card host; no network requests', async () => {
  const page = await env.ext.context.newPage();
  await page.goto(`${env.srv.origin}/x/watched.html`);
  await waitForHighlights(page);
  // Open and close a card twice: the host is inserted once and reused.
  const pt = await page.evaluate(() => {
    const r = [...CSS.highlights.get('claimlens-denial')][0];
    const rect = r.getClientRects()[0];
    return { x: rect.left + 10, y: rect.top + rect.height / 2 };
  });
  await page.mouse.click(pt.x, pt.y);
  await page.keyboard.press('Escape');
  await page.mouse.click(pt.x, pt.y);
  await page.keyboard.press('Escape');
  const records = await page.evaluate(() => window.__records);
  // Records made while the parser was still building the page are the page's own.
  const afterParse = records.filter((r) => r.phase !== 'loading');
  assert.deepEqual(afterParse, [
    { type: 'childList', target: 'HTML', attr: null, added: ['CLAIMLENS-CARD'], removed: [], phase: 'complete' },
  ]);
  assert.deepEqual(records.filter((r) => r.type === 'attributes'), [], 'no attribute changes at all');

  // Network: every request in the context went to the test server or stayed
  // inside the extension; the worker and the page fetched nothing else.
  const foreign = requests.filter((u) => !u.startsWith(env.srv.origin) && !u.startsWith(`chrome-extension://${env.ext.extId}/`) && !u.startsWith('data:') && u !== 'about:blank');
  assert.deepEqual(foreign, []);
  const swResources = await (await env.ext.worker()).evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  assert.deepEqual(swResources.filter((u) => !u.startsWith(`chrome-extension://${location.host}/`)), [], 'the worker fetched only its own files');
  const pageResources = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  assert.deepEqual(pageResources, [], 'the extension made no request from the page');
  await page.close();
});

test('worker eviction: a page open across a stopped worker still highlights its changes', async () => {
  const { page } = await openHighlighted(env.ext, `${env.srv.origin}/x/watched.html`);
  // The page's analysis port is open now; stopping the worker closes it.
  const probe = await env.ext.probe();
  await stopWorker(env.ext, probe);
  const added = await untilHighlight(page, await page.evaluate(() => {
    const p = document.createElement('p');
    p.textContent = 'The harbour board reportedly sold the pier to a developer.';
    document.getElementById('story').append(p);
    return performance.now();
  }), 'hedged', 'reportedly sold the pier', true);
  assert.ok(added >= 0, 'the change is highlighted by a fresh worker');
  await page.close();
});

test('worker eviction: settings and custom cues survive a stopped worker', async () => {
  const opts = await env.ext.context.newPage();
  await opts.goto(`chrome-extension://${env.ext.extId}/options.html`);
  await opts.getByTestId('opt-cues-hedged').fill('scuttlebutt has it');
  await opts.getByTestId('opt-cat-attributed').uncheck();
  await opts.getByTestId('opt-sensitivity').selectOption('eager');
  await opts.getByTestId('opt-save').click();
  await until(async () => (await opts.getByTestId('opt-status').textContent()) === 'Saved.', { message: 'saved' });

  // Stop the worker as the browser does when it is idle.
  await stopWorker(env.ext, opts);

  // A page opened now wakes a fresh worker, which must re-instantiate the core
  // and re-apply the stored custom cues.
  const page = await env.ext.context.newPage();
  await page.goto(`${env.srv.origin}/x/watched.html`);
  const h = await until(async () => {
    const x = await readHighlights(page);
    return has(x, 'hedged', 'Scuttlebutt has it') ? x : null;
  }, { message: 'custom cue applied after restart' });
  assert.ok(has(h, 'denial', 'The council leader has denied'));
  const stored = await (await env.ext.probe()).evaluate(() => chrome.storage.local.get('settings'));
  assert.equal(stored.settings.sensitivity, 'eager');
  assert.deepEqual(stored.settings.customCues.hedged, ['scuttlebutt has it']);
  await page.close();
  await opts.close();
});
