// Popup controls beyond the slice (site switch, sensitivity, Markdown copy),
// the side panel, and the keyboard commands.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useBrowserAndServer, sampleArticlePath, readHighlights, pageState, until, artifact, squash, cardHtml, NAMES,
  openHighlighted, copyAllFromPopup,
} from './harness.mjs';

let page;
let tabId;
let url;
const env = useBrowserAndServer({
  async setup() {
    url = env.srv.origin + sampleArticlePath();
    ({ page, tabId } = await openHighlighted(env.ext, url));
  },
});

const total = (h) => NAMES.reduce((n, k) => n + (h[k] ? h[k].length : 0), 0);

test('popup: site switch turns the page off and on', async () => {
  const popup = await env.ext.context.newPage();
  await popup.goto(`chrome-extension://${env.ext.extId}/popup.html?tab=${tabId}`);
  const before = await readHighlights(page);
  await until(async () => popup.getByTestId('site-toggle').isChecked(), { message: 'site on' });
  await popup.getByTestId('site-toggle').uncheck();
  await until(async () => total(await readHighlights(page)) === 0, { message: 'no highlights when off' });
  await until(async () => /switched off for this site/.test(await popup.getByTestId('notice').textContent()), { message: 'notice' });
  await popup.screenshot({ path: artifact('popup-site-off.png') });
  const stored = await (await env.ext.worker()).evaluate(() => chrome.storage.local.get('settings'));
  assert.deepEqual(stored.settings.denySites, ['127.0.0.1']);
  await popup.getByTestId('site-toggle').check();
  const back = await until(async () => {
    const h = await readHighlights(page);
    return total(h) === total(before) ? h : null;
  }, { message: 'highlights back' });
  assert.deepEqual(back, before);
  await popup.close();
});

test('popup: sensitivity re-analyses the page (strict ≤ balanced ≤ eager)', async () => {
  const popup = await env.ext.context.newPage();
  await popup.goto(`chrome-extension://${env.ext.extId}/popup.html?tab=${tabId}`);
  const counts = {};
  for (const level of ['strict', 'eager', 'balanced']) {
    const scansBefore = (await pageState(env.ext, tabId)).scans;
    await popup.getByTestId(`sensitivity-${level}`).check();
    const st = await until(async () => {
      const s = await pageState(env.ext, tabId);
      return s.scans > scansBefore ? s : null;
    }, { message: `rescan at ${level}` });
    counts[level] = st.findings.length;
  }
  assert.ok(counts.strict <= counts.balanced && counts.balanced <= counts.eager, JSON.stringify(counts));
  assert.ok(counts.strict < counts.eager, `levels differ: ${JSON.stringify(counts)}`);
  await popup.close();
});

test('popup: Copy all as Markdown groups passages by category with reasons, escaped', async () => {
  const popup = await env.ext.context.newPage();
  await popup.goto(`chrome-extension://${env.ext.extId}/popup.html?tab=${tabId}`);
  const md = await copyAllFromPopup(popup, 'markdown', env);
  const lines = md.split('\n');
  assert.equal(lines[0], '# Leaked memo appears to link finance minister to port contract \\| The Meridian Courier');
  assert.equal(lines[2], `<${url}>`);
  assert.match(md, /^Copied \d{4}-\d\d-\d\d$/m);
  const h = md.indexOf('## Hedged (');
  const d = md.indexOf('## Denial (');
  const u = md.indexOf('## Unsourced (');
  assert.ok(h > 0 && d > h && u > d, 'sections in category order');
  assert.ok(md.includes('- Mr Reyne has denied any wrongdoing.'));
  assert.match(md, /\n {2}\*[^\n]*denied[^\n]*\*\n/, 'reason line under the passage');
  assert.ok(!md.includes('## Attributed'), 'only the categories shown are copied');
  await popup.close();
});

test('side panel: lists passages, filters by category, click scrolls and flashes', async () => {
  const panel = await env.ext.context.newPage();
  await panel.goto(`chrome-extension://${env.ext.extId}/sidepanel.html?tab=${tabId}`);
  const hl = await readHighlights(page);
  const shown = total(hl);
  await until(async () => (await panel.getByTestId('item').count()) === shown, { message: `${shown} items`, timeout: 4000 }).catch(async (e) => { console.log(await panel.locator('body').innerText()); throw e; });
  await panel.getByTestId('filter-hedged').click();
  await until(async () => (await panel.getByTestId('item').count()) === shown - hl.hedged.length, { message: 'hedged filtered out' });
  const cats = await panel.getByTestId('item').evaluateAll((els) => els.map((e) => e.dataset.category));
  assert.ok(!cats.includes('hedged'));
  await panel.screenshot({ path: artifact('sidepanel-filtered.png') });

  await page.evaluate(() => window.scrollTo(0, 0));
  const target = panel.getByTestId('item').filter({ hasText: 'Prime Minister Aurelia Costa rejected' });
  await target.click();
  const flash = await until(async () => {
    const h = await readHighlights(page);
    return h.flash ? h.flash : null;
  }, { message: 'flash highlight', timeout: 3000 });
  assert.ok(squash(flash.join(' ')).includes('Prime Minister Aurelia Costa rejected suggestions'));
  assert.ok((await page.evaluate(() => window.scrollY)) > 300, 'page scrolled to the passage');
  await panel.close();
});

test('keyboard commands: next/previous open the card; toggle hides and shows all highlights', async () => {
  await page.bringToFront();
  const run = async (cmd) => (await env.ext.worker()).evaluate(([c, id]) => globalThis.claimlensHandleCommand(c, { id }), [cmd, tabId]);
  const st = await pageState(env.ext, tabId);
  const passages = [...new Map(st.findings.filter((f) => f.visible).map((f) => [f.text, f])).values()];

  const r1 = await run('next-finding');
  assert.equal(r1.ok, true);
  assert.equal(r1.index, 0);
  let card = await until(async () => {
    const c = (await cardHtml(page)).html;
    return c.includes('Copy passage') ? c : null;
  }, { message: 'card after next' });
  assert.ok(squash(card.replace(/<[^>]+>/g, ' ')).includes(squash(passages[0].text)));
  await run('next-finding');
  const r3 = await run('previous-finding');
  assert.equal(r3.index, 0);
  const r4 = await run('previous-finding');
  assert.equal(r4.index, passages.length - 1, 'previous wraps to the last passage');
  card = await until(async () => {
    const c = (await cardHtml(page)).html;
    return squash(c.replace(/<[^>]+>/g, ' ')).includes(squash(passages[passages.length - 1].text)) ? c : null;
  }, { message: 'card on last passage' });
  await page.screenshot({ path: artifact('command-previous-card.png') });

  const before = await readHighlights(page);
  const t1 = await run('toggle-highlights');
  assert.equal(t1.pageHidden, true);
  await until(async () => total(await readHighlights(page)) === 0, { message: 'all hidden' });
  const t2 = await run('toggle-highlights');
  assert.equal(t2.pageHidden, false);
  await until(async () => total(await readHighlights(page)) === total(before), { message: 'all back' });
});
