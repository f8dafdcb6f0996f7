// Large pages and fast re-highlighting: a page over the per-message limits
// (20,000 blocks, 3,000,000 characters, 100,000 characters in one block) is
// analysed in batches and highlighted over its whole length; DOM changes are
// reflected quickly, analysing only new or changed blocks.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowserAndServer, until, tabIdFor, pageState, squash, openHighlighted } from './harness.mjs';
import { MESSAGE_LIMITS } from '../../src/shared/messages.js';

const PARAGRAPHS = 21000;
const EVERY = 1000;
const FILLER = [
  'The council met on day N and approved the minutes of the previous meeting without changes.',
  'Rain fell on the northern hills during the morning of day N, and the roads stayed open.',
  'The library opened a new reading room on day N with three hundred seats for local students.',
];

/** 21,000 paragraphs (> 3,000,000 characters), a flagged one every 1,000, and one 150,000-character paragraph. */
function bigPage() {
  const parts = [];
  let chars = 0;
  for (let i = 0; i < PARAGRAPHS; i++) {
    let p = FILLER[i % 3].replace('N', String(i));
    p = `${p} ${FILLER[(i + 1) % 3].replace('N', String(i))}`;
    if (i % EVERY === 0 || i === PARAGRAPHS - 1) p = `The minister reportedly resigned on day ${i}. ${p}`;
    chars += p.length;
    parts.push(`<p>${p}</p>`);
  }
  // One block longer than a message may carry, flagged near its end.
  let giant = '';
  for (let i = 0; giant.length < 150000; i++) giant += `${FILLER[i % 3].replace('N', `g${i}`)} `;
  giant += 'The treasurer reportedly left at the very end of the giant paragraph.';
  chars += giant.length;
  parts.push(`<p id="giant">${giant}</p>`);
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>A very long page</title></head>
<body><main><article id="story"><h1>A very long page</h1>
${parts.join('\n')}
</article></main></body></html>`;
  return { html, chars };
}

const big = bigPage();
const env = useBrowserAndServer({
  routes: {
    '/big': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(big.html);
    },
  },
});

test('a page over the message limits is analysed in batches and highlighted over its whole length', async () => {
  assert.ok(PARAGRAPHS > MESSAGE_LIMITS.blocks && big.chars > MESSAGE_LIMITS.totalChars, 'the page is over both limits');
  const page = await env.ext.context.newPage();
  const url = `${env.srv.origin}/big`;
  await page.goto(url, { timeout: 60000 });
  const expected = [];
  for (let i = 0; i < PARAGRAPHS; i += EVERY) expected.push(i);
  expected.push(PARAGRAPHS - 1);
  const got = await until(async () => {
    const days = await page.evaluate(() => {
      const h = CSS.highlights.get('claimlens-hedged');
      if (!h) return null;
      const out = [];
      for (const r of h) {
        const m = /^The minister reportedly resigned on day (\d+)\.$/.exec(r.toString().replace(/\s+/g, ' ').trim());
        if (m) out.push(Number(m[1]));
        if (/The treasurer reportedly left at the very end of the giant paragraph\./.test(r.toString())) out.push(-1);
      }
      return out.sort((a, b) => a - b);
    });
    return days && days.length === expected.length + 1 ? days : null;
  }, { timeout: 60000, interval: 250, message: 'highlights over the whole page' });
  assert.deepEqual(got, [-1, ...expected]);
  const tabId = await tabIdFor(env.ext, url);
  const st = await pageState(env.ext, tabId);
  assert.equal(st.error, '', 'no batch failed');
  assert.equal(st.counts.hedged, expected.length + 1);
  assert.ok(st.blocks > MESSAGE_LIMITS.blocks, `${st.blocks} blocks`);
  const probe = await env.ext.probe();
  const timing = (await probe.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'page/timing' }), tabId)).timing;
  assert.ok(timing.batches > 1, `${timing.batches} batches`);
  assert.ok(timing.start <= timing.firstDrawn && timing.firstDrawn <= timing.drawn, 'drawn progressively, after the script started');
  await page.close();
});

test('appended, changed and removed paragraphs are reflected; only new or changed blocks are analysed', async () => {
  const url = `${env.srv.origin}/x/watched.html`;
  const { page, tabId } = await openHighlighted(env.ext, url);
  const st0 = await pageState(env.ext, tabId);
  const probe = await env.ext.probe();
  const timingOf = async () => (await probe.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'page/timing' }), tabId)).timing;
  const hedged = () => page.evaluate(() => [...(CSS.highlights.get('claimlens-hedged') || [])].map((r) => r.toString().replace(/\s+/g, ' ').trim()));

  // Three paragraphs appended in three separate tasks.
  await page.evaluate(async () => {
    for (let i = 0; i < 3; i++) {
      const p = document.createElement('p');
      p.id = `new${i}`;
      p.textContent = `The harbour fund was allegedly moved offshore in quarter ${i}.`;
      document.getElementById('story').append(p);
      await new Promise((r) => setTimeout(r, 0));
    }
  });
  await until(async () => {
    const h = await hedged();
    return [0, 1, 2].every((i) => h.some((s) => s.includes(`allegedly moved offshore in quarter ${i}`)));
  }, { message: 'the three new paragraphs highlighted' });
  const st1 = await until(async () => {
    const s = await pageState(env.ext, tabId);
    return s.analysedBlocks - st0.analysedBlocks === 3 ? s : null;
  }, { message: 'three blocks analysed' });
  const t1 = await timingOf();
  assert.ok(t1.mutation.observed !== null && t1.mutation.observed <= t1.mutation.drawn, 'the re-highlight is timed');

  // A paragraph changed in place, then one removed.
  await page.evaluate(() => {
    document.getElementById('new1').firstChild.data = 'The harbour fund stayed where it was in quarter 1.';
  });
  await until(async () => !(await hedged()).some((s) => s.includes('quarter 1')), { message: 'changed paragraph no longer flagged' });
  await page.evaluate(() => document.getElementById('new2').remove());
  await until(async () => !(await hedged()).some((s) => s.includes('quarter 2')), { message: 'removed paragraph no longer drawn' });
  const st2 = await until(async () => {
    const s = await pageState(env.ext, tabId);
    return s.scans >= st1.scans + 2 ? s : null;
  }, { message: 'rescans' });
  assert.equal(st2.analysedBlocks - st1.analysedBlocks, 1, 'only the changed block was analysed');
  assert.ok((await hedged()).some((s) => squash(s).includes('allegedly moved offshore in quarter 0')), 'the untouched new paragraph is still drawn');
  await page.close();
});
