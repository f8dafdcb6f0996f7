// What is scanned: the article only (the default), or the whole page, chosen
// per site in the popup, applied live to the open tab and kept after a reload
// and after the worker is stopped.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useBrowserAndServer, readHighlights, waitForHighlights, pageState, until, artifact, squash, NAMES,
  openHighlighted, stopWorker, tabIdFor,
} from './harness.mjs';

const ARTICLE = [
  'The firm appears to have started work before the contract was signed',
  'The harbour master has denied that any work began early',
];
const FURNITURE = [
  'The ferry operator allegedly overcharged passengers',
  "The lighthouse trust has denied selling the keeper's cottage",
  'The council has reportedly known about the early dredging',
  'My neighbour on the board has denied every word of this story',
];

let page;
let tabId;
let url;
const env = useBrowserAndServer({
  async setup() {
    url = `${env.srv.origin}/x/scope-rail-comments.html`;
    ({ page, tabId } = await openHighlighted(env.ext, url));
  },
});

/** Every highlighted passage (all categories), squashed. */
async function passages(p) {
  const h = await readHighlights(p);
  return NAMES.flatMap((k) => (h[k] || []).map(squash));
}

const has = (list, needle) => list.some((t) => t.includes(squash(needle)));

/** Waits until exactly the `want` sentences (of ARTICLE + FURNITURE) are drawn. */
async function drawn(p, want, message) {
  return until(async () => {
    const list = await passages(p);
    const ok = [...ARTICLE, ...FURNITURE].every((s) => has(list, s) === want.includes(s));
    return ok ? list : null;
  }, { message, timeout: 15000 });
}

async function openPopup() {
  const popup = await env.ext.context.newPage();
  await popup.goto(`chrome-extension://${env.ext.extId}/popup.html?tab=${tabId}`);
  return popup;
}

const countsOf = async (popup) => {
  const out = {};
  for (const cat of ['hedged', 'denial']) out[cat] = Number(await popup.getByTestId(`count-${cat}`).textContent());
  return out;
};

test('article scope (the default) highlights the article only', async () => {
  await drawn(page, ARTICLE, 'article sentences only');
  const st = await pageState(env.ext, tabId);
  assert.equal(st.scope, 'article');
  assert.equal(st.mode, 'article');
  const popup = await openPopup();
  await until(async () => popup.getByTestId('scope-article').isChecked(), { message: 'Article selected' });
  assert.equal(await popup.getByTestId('scope-page').isChecked(), false);
  await until(async () => {
    const c = await countsOf(popup);
    return c.hedged === st.counts.hedged && c.denial === st.counts.denial;
  }, { message: 'popup counts match the page' });
  assert.ok(st.findings.every((f) => !FURNITURE.some((s) => squash(f.text).includes(squash(s)))), 'no rail or comment findings');
  await popup.close();
});

test('popup: Whole page adds the rail and comments live; Article takes them away again', async () => {
  const popup = await openPopup();
  await until(async () => popup.getByTestId('scope-article').isChecked(), { message: 'Article selected' });
  const before = await countsOf(popup);

  await popup.getByTestId('scope-page').check();
  await drawn(page, [...ARTICLE, ...FURNITURE], 'rail and comment sentences added');
  const st = await until(async () => {
    const s = await pageState(env.ext, tabId);
    return s.scope === 'page' ? s : null;
  }, { message: 'page state in whole-page scope' });
  assert.equal(st.mode, 'all');
  for (const s of FURNITURE) assert.ok(st.findings.some((f) => squash(f.text).includes(squash(s))), `finding for “${s}”`);
  await until(async () => {
    const c = await countsOf(popup);
    return c.hedged === before.hedged + 2 && c.denial === before.denial + 2;
  }, { message: 'popup counts include the rail and comments' });
  const stored = await (await env.ext.probe()).evaluate(() => chrome.storage.local.get('settings'));
  assert.deepEqual(stored.settings.siteScopes, { '127.0.0.1': 'page' });
  assert.equal(stored.settings.scope, 'article', 'the default is unchanged');
  await page.bringToFront();
  await page.screenshot({ path: artifact('scope-whole-page.png'), fullPage: true });

  await popup.getByTestId('scope-article').check();
  await drawn(page, ARTICLE, 'rail and comment sentences removed');
  await until(async () => {
    const c = await countsOf(popup);
    return c.hedged === before.hedged && c.denial === before.denial;
  }, { message: 'popup counts back to the article' });
  const back = await (await env.ext.probe()).evaluate(() => chrome.storage.local.get('settings'));
  assert.deepEqual(back.settings.siteScopes, {}, 'the default choice is not stored per site');
  await popup.close();
});

test('the choice persists for the site after a reload and after the worker is stopped', async () => {
  const popup = await openPopup();
  await until(async () => popup.getByTestId('scope-article').isChecked(), { message: 'Article selected' });
  await popup.getByTestId('scope-page').check();
  await drawn(page, [...ARTICLE, ...FURNITURE], 'whole page before the reload');
  await popup.close();

  await stopWorker(env.ext, await env.ext.probe());
  await page.reload();
  await waitForHighlights(page);
  await drawn(page, [...ARTICLE, ...FURNITURE], 'whole page after the reload');
  tabId = await tabIdFor(env.ext, url);
  assert.equal((await pageState(env.ext, tabId)).scope, 'page');

  // A second tab on the same site scans the whole page too.
  const other = await openHighlighted(env.ext, `${url}?again`);
  await drawn(other.page, [...ARTICLE, ...FURNITURE], 'whole page in another tab of the site');
  await other.page.close();

  const popup2 = await openPopup();
  await until(async () => popup2.getByTestId('scope-page').isChecked(), { message: 'Whole page selected after reload' });
  await popup2.screenshot({ path: artifact('scope-popup.png') });
  await popup2.getByTestId('scope-article').check();
  await drawn(page, ARTICLE, 'article only again');
  await popup2.close();
});

test('options: the default scope can be set, and sites with their own choice are listed', async () => {
  const opts = await env.ext.context.newPage();
  await opts.goto(`chrome-extension://${env.ext.extId}/options.html`);
  await until(async () => (await opts.getByTestId('opt-scope').inputValue()) === 'article', { message: 'default shown' });
  await opts.getByTestId('opt-scope').selectOption('page');
  await opts.getByTestId('opt-save').click();
  await until(async () => /Saved/.test(await opts.getByTestId('opt-status').textContent()), { message: 'saved' });
  await drawn(page, [...ARTICLE, ...FURNITURE], 'whole page by default');

  // Choosing Article for this site now stores an exception, listed in the options.
  const popup = await openPopup();
  await until(async () => popup.getByTestId('scope-page').isChecked(), { message: 'Whole page from the default' });
  await popup.getByTestId('scope-article').check();
  await drawn(page, ARTICLE, 'article only for this site');
  await popup.close();
  await opts.reload();
  await until(async () => /127\.0\.0\.1: article/.test(await opts.getByTestId('opt-site-scopes').textContent()), { message: 'site listed' });
  await opts.getByTestId('opt-site-scopes').getByRole('button', { name: 'Use the default' }).click();
  await drawn(page, [...ARTICLE, ...FURNITURE], 'site follows the default again');

  await opts.getByTestId('opt-scope').selectOption('article');
  await opts.getByTestId('opt-save').click();
  await drawn(page, ARTICLE, 'article default restored');
  await opts.close();
});
