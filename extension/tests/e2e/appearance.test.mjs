// Palette choice: highlights stay readable on dark pages; styles reach the
// page only through an adopted stylesheet.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowserAndServer, waitForHighlights, artifact } from './harness.mjs';

const env = useBrowserAndServer();

/** Text of the adopted stylesheets (the page can read them; it cannot see any <style> we add, because we add none). */
const adoptedCss = (page) => page.evaluate(() => [...document.adoptedStyleSheets].map((s) => [...s.cssRules].map((r) => r.cssText).join('\n')).join('\n'));

for (const [file, scheme, denialColour] of [['dark.html', 'dark', 'rgb(86, 180, 233)'], ['watched.html', 'light', 'rgb(0, 114, 178)']]) {
  test(`${scheme} page gets the ${scheme} palette`, async () => {
    const page = await env.ext.context.newPage();
    await page.goto(`${env.srv.origin}/x/${file}`);
    const styleCount = await page.evaluate(() => document.querySelectorAll('style, link[rel=stylesheet]').length);
    await waitForHighlights(page);
    const css = await adoptedCss(page);
    assert.match(css, /::highlight\(claimlens-denial\)/);
    assert.ok(css.includes(denialColour), `${scheme} denial colour ${denialColour} in ${css}`);
    assert.equal(await page.evaluate(() => document.querySelectorAll('style, link[rel=stylesheet]').length), styleCount, 'no style element added');
    await page.screenshot({ path: artifact(`palette-${scheme}.png`) });
    await page.close();
  });
}
