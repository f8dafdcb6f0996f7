// The vertical slice: load the unpacked extension, serve the sample article,
// check the highlighted sentences and their categories, switch a category off
// in the popup, copy all flagged passages.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useBrowserAndServer, sampleArticlePath, waitForHighlights, readHighlights, tabIdFor, readClipboard, until, artifact,
  squash, NAMES,
} from './harness.mjs';

/** Sentences of tests/fixtures/sample-article.html and the category each must carry. */
/** (labels as in tests/gold/00-sample-article.gold) */
const EXPECTED = [
  ['hedged', 'appears to show that Finance Minister Tomas Reyne'],
  ['denial', 'Mr Reyne has denied any wrongdoing.'],
  ['unsourced', 'Critics say the Civic Alliance has spent two years'],
  ['hedged', 'Observers say the affair will likely cost the government'],
  ['unsourced', 'Observers say the affair will likely cost the government'],
  ['denial', 'Prime Minister Aurelia Costa rejected suggestions'],
];
/** Plain reporting in the article (gold label "-"): never highlighted. */
const PLAIN = ['The two-page document', 'He has not resigned.', 'Four companies submitted bids'];
/** Text outside the article that must never be highlighted. */
const NOT_ARTICLE = ['Related stories', 'Costa plans spring reshuffle', 'Independent news from Marrach', 'All rights reserved'];

const env = useBrowserAndServer();

const has = (list, needle) => (list || []).some((t) => squash(t).includes(squash(needle)));

test('sample article: expected sentences carry their categories; popup toggles and copy-all work', async (t) => {
  const page = await env.ext.context.newPage();
  const url = env.srv.origin + sampleArticlePath();
  await page.goto(url);
  const hl = await waitForHighlights(page);

  await t.test('content-script highlights are visible in the page registry', () => {
    for (const [cat, text] of EXPECTED) assert.ok(has(hl[cat], text), `${cat} should include “${text}”; got ${JSON.stringify(hl[cat])}`);
    assert.ok(hl.cue && hl.cue.length > 0, 'cue words are emphasised');
    assert.ok(!hl.attributed, 'attributed is off by default');
    for (const cat of NAMES) for (const bad of [...NOT_ARTICLE, ...PLAIN]) assert.ok(!has(hl[cat], bad), `${cat} must not include “${bad}”`);
  });
  await page.screenshot({ path: artifact('slice-sample-article.png'), fullPage: false });

  const tabId = await tabIdFor(env.ext, url);
  const popup = await env.ext.context.newPage();
  await popup.goto(`chrome-extension://${env.ext.extId}/popup.html?tab=${tabId}`);

  await t.test('popup shows live counts matching the highlights', async () => {
    for (const cat of ['hedged', 'denial', 'unsourced']) {
      await until(async () => (await popup.getByTestId(`count-${cat}`).textContent()) === String(hl[cat].length), {
        message: `count-${cat} = ${hl[cat].length}`,
      });
      assert.equal(await popup.getByTestId(`toggle-${cat}`).isChecked(), true);
    }
    assert.equal(await popup.getByTestId('toggle-attributed').isChecked(), false);
    assert.equal(await popup.getByTestId('notice').textContent(), '');
  });
  await popup.screenshot({ path: artifact('slice-popup.png') });

  await t.test('switching hedged off removes exactly its highlights, and back on restores them', async () => {
    const beforeOff = await readHighlights(page);
    await popup.getByTestId('toggle-hedged').uncheck();
    const off = await until(async () => {
      const h = await readHighlights(page);
      return !h.hedged ? h : null;
    }, { message: 'hedged highlights removed' });
    assert.deepEqual(off.denial, beforeOff.denial);
    assert.deepEqual(off.unsourced, beforeOff.unsourced);
    // Cue emphasis of the hedged passages goes too, the others' stays.
    assert.ok(off.cue.length < beforeOff.cue.length);
    await popup.getByTestId('toggle-hedged').check();
    const on = await until(async () => {
      const h = await readHighlights(page);
      return h.hedged ? h : null;
    }, { message: 'hedged highlights back' });
    assert.deepEqual(on, beforeOff);
  });

  await t.test('copy-all puts title, URL and every flagged passage on the clipboard', async () => {
    await popup.bringToFront();
    await popup.getByTestId('copy-all').click();
    await until(async () => /Copied \d+/.test(await popup.getByTestId('copy-status').textContent()), { message: 'copy status' });
    const text = await readClipboard(env.ext.context, env.srv.origin);
    const lines = text.split('\n');
    assert.equal(lines[0], squash(await page.title()));
    assert.equal(lines[1], url);
    const now = await readHighlights(page);
    let lastIndex = -1;
    for (const cat of ['hedged', 'denial', 'unsourced']) {
      for (const passage of now[cat]) {
        const line = `[${cat[0].toUpperCase()}${cat.slice(1)}] ${squash(passage)}`;
        assert.ok(text.includes(line), `clipboard should include ${line}`);
      }
    }
    // Page order: the first hedged passage comes before the later denial.
    const a = text.indexOf(squash(EXPECTED[0][1]));
    const b = text.indexOf(squash(EXPECTED[1][1]));
    assert.ok(a > lastIndex && b > a, 'passages are in page order');
  });
  await popup.close();
  await page.close();
});
