// Article-vs-page extraction on purpose-built pages: what is read and what
// is left alone (navigation, rails, comments, paywall prompts, hidden and
// editable text), including same-origin frames and open shadow roots.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useBrowserAndServer, waitForHighlights, readHighlights, tabIdFor, pageState, until, artifact, squash, NAMES,
} from './harness.mjs';

const env = useBrowserAndServer();

/** [fixture, passages that must be highlighted (category, text), text that must never be] */
const CASES = [
  ['wire-report.html',
    [['denial', 'The shipping minister has denied any role'], ['hedged', 'The dispute appears to have been triggered'], ['unsourced', 'Critics say the government ignored warnings']],
    ['header tagline', 'Critics say the port has been badly run', 'hidden paragraph', 'in a script', 'textarea text', 'denied writing this draft', 'price fixing', 'probably end soon', 'footers are dull']],
  ['live-blog.html',
    [['denial', 'The governor has denied any irregularities'], ['hedged', 'Turnout appears to have reached a record high'], ['unsourced', 'Critics say the new voting machines']],
    ['the menu is too long', 'The mayor has apparently quit']],
  ['opinion-comments.html',
    [['hedged', 'The council appears to have ignored its own traffic study'], ['denial', 'The council leader has denied that the study was buried']],
    ['never driven through the town centre', 'My cousin at the council']],
  ['paywall.html',
    [['hedged', 'The hospital trust appears to have delayed publication'], ['denial', "The trust's chief executive has denied"]],
    ['the whole board should resign', 'Subscribe to keep reading', 'worth it']],
  ['iframe.html',
    [['denial', 'The finance office has denied that the harbour tax'], ['hedged', 'The levy appears to have raised far less']],
    []],
  ['shadow.html',
    [['denial', 'The rail operator has denied that the new line'], ['hedged', 'The opening date appears to have slipped'], ['unsourced', 'Critics say the project was never properly costed']],
    []],
  ['amp.html',
    [['hedged', 'The flood barrier appears to have failed'], ['denial', 'The environment agency has denied'], ['unsourced', 'Critics say the agency has cut']],
    ['all rights reserved']],
];

/** All highlight texts, including those inside same-origin frames. */
async function allHighlights(page) {
  const out = await readHighlights(page);
  for (const frame of page.frames()) {
    if (frame === page.mainFrame()) continue;
    const inner = await frame.evaluate(() => {
      const o = {};
      for (const [name, h] of CSS.highlights) o[name.replace('claimlens-', '')] = [...h].map((r) => r.toString());
      return o;
    }).catch(() => ({}));
    for (const [k, v] of Object.entries(inner)) out[k] = [...(out[k] || []), ...v];
  }
  return out;
}

for (const [file, must, mustNot] of CASES) {
  test(`extraction: ${file}`, async () => {
    const page = await env.ext.context.newPage();
    await page.goto(`${env.srv.origin}/x/${file}`);
    await waitForHighlights(page);
    const hl = await until(async () => {
      const h = await allHighlights(page);
      return must.every(([cat, text]) => (h[cat] || []).some((s) => squash(s).includes(text))) ? h : null;
    }, { timeout: 5000, message: `expected passages on ${file}` }).catch(async (e) => {
      throw new Error(`${e.message}\n${JSON.stringify(await allHighlights(page), null, 1)}`);
    });
    for (const cat of NAMES) {
      for (const bad of mustNot) {
        assert.ok(!(hl[cat] || []).some((s) => squash(s).includes(bad)), `${file}: ${cat} must not include “${bad}”`);
      }
    }
    await page.screenshot({ path: artifact(`extract-${file.replace('.html', '')}.png`), fullPage: true });
    await page.close();
  });
}

test('extraction: a page without article text says so in the popup', async () => {
  const page = await env.ext.context.newPage();
  const url = `${env.srv.origin}/x/no-article.html`;
  await page.goto(url);
  const tabId = await tabIdFor(env.ext, url);
  const st = await until(async () => {
    const s = await pageState(env.ext, tabId);
    return s.scans >= 1 ? s : null;
  }, { message: 'first scan' });
  assert.equal(st.hasArticle, false);
  assert.equal(st.findings.length, 0);
  const popup = await env.ext.context.newPage();
  await popup.goto(`chrome-extension://${env.ext.extId}/popup.html?tab=${tabId}`);
  await until(async () => (await popup.getByTestId('notice').textContent()) === 'No article text found on this page.', { message: 'notice' });
  await popup.screenshot({ path: artifact('popup-no-article.png') });
  await popup.close();
  await page.close();
});
