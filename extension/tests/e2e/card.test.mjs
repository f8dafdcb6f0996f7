// The finding card: opened by click or hover over a highlighted passage, in a
// closed shadow root; Copy passage; Hide this cue on this site.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useBrowserAndServer, sampleArticlePath, waitForHighlights, readHighlights, readClipboard, until, artifact, squash,
  cardHtml, pointOnPassage,
} from './harness.mjs';

const DENIAL = 'Mr Reyne has denied any wrongdoing.';
const HEDGED = 'Procurement officials are believed to have raised objections at the time.';

const env = useBrowserAndServer();

test('card: click opens a closed-shadow card; copy passage; hide cue on this site', async (t) => {
  const page = await env.ext.context.newPage();
  await env.ext.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.srv.origin });
  await page.goto(env.srv.origin + sampleArticlePath());
  await waitForHighlights(page);

  const pt = await pointOnPassage(page, 'denial', DENIAL);
  await page.mouse.click(pt.x, pt.y);
  const card = await until(async () => {
    const c = await cardHtml(page);
    return c.html.includes('Copy passage') && !/class="card[^"]*"[^>]*hidden/.test(c.html) ? c : null;
  }, { message: 'card to open' });

  await t.test('the card lives in one closed shadow root and shows the finding', async () => {
    assert.equal(card.mode, 'closed');
    assert.match(card.html, /Denial/);
    assert.match(card.html, /Cue words: denied/i);
    assert.match(card.html, /\d+% confidence/);
    assert.match(card.html, /Hide this cue on this site/);
    assert.ok(squash(card.html.replace(/<[^>]+>/g, '')).includes(DENIAL));
    const dom = await page.evaluate(() => {
      const hosts = document.querySelectorAll('claimlens-card');
      return { n: hosts.length, open: hosts[0] && hosts[0].shadowRoot !== null, attrs: hosts[0] && hosts[0].attributes.length };
    });
    assert.deepEqual(dom, { n: 1, open: false, attrs: 0 });
  });
  await page.screenshot({ path: artifact('card-denial.png') });

  await t.test('Copy passage (keyboard: the card takes focus) copies the passage text', async () => {
    await page.keyboard.press('Enter');
    await until(async () => (await cardHtml(page)).html.includes('Passage copied.'), { message: 'copied status' });
    const text = await readClipboard(env.ext.context, env.srv.origin);
    assert.equal(text, DENIAL);
  });

  await t.test('Escape closes the card', async () => {
    await page.bringToFront();
    await page.mouse.click(pt.x, pt.y);
    await until(async () => (await cardHtml(page)).html.includes('Passage copied.') === false, { message: 'fresh card' });
    await page.keyboard.press('Escape');
    await until(async () => /class="card[^"]*"[^>]*hidden|hidden=""[^>]*class="card/.test((await cardHtml(page)).html), { message: 'card hidden' });
  });

  await t.test('hover opens the card after a short dwell', async () => {
    const hp = await pointOnPassage(page, 'hedged', HEDGED);
    await page.mouse.move(hp.x, hp.y);
    await page.mouse.move(hp.x + 2, hp.y);
    const c = await until(async () => {
      const h = (await cardHtml(page)).html;
      return h.includes('Hedged') && h.includes('believed to') ? h : null;
    }, { message: 'hover card' });
    assert.ok(squash(c.replace(/<[^>]+>/g, '')).includes(HEDGED));
    await page.screenshot({ path: artifact('card-hover-hedged.png') });
    await page.mouse.move(5, 5);
  });

  await t.test('Hide this cue on this site removes passages flagged only by that cue', async () => {
    const before = await readHighlights(page);
    assert.ok(before.denial.some((s) => squash(s) === DENIAL));
    const p2 = await pointOnPassage(page, 'denial', DENIAL);
    await page.mouse.click(p2.x, p2.y);
    await until(async () => (await cardHtml(page)).html.includes('Copy passage'), { message: 'card' });
    await page.keyboard.press('Tab'); // from "Copy passage" to "Hide this cue on this site"
    await page.keyboard.press('Enter');
    const after = await until(async () => {
      const h = await readHighlights(page);
      return !(h.denial || []).some((s) => squash(s) === DENIAL) ? h : null;
    }, { message: 'denial passage hidden' });
    // Other categories are untouched.
    assert.deepEqual(after.hedged, before.hedged);
    const sw = await env.ext.worker();
    const stored = await sw.evaluate(() => chrome.storage.local.get('settings'));
    assert.deepEqual(stored.settings.hiddenCues['127.0.0.1'], ['denied']);
  });
  await page.close();
});
