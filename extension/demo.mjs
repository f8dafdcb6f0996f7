// npm run demo: open the sample article in Chromium with the built extension,
// wait for the highlights, print the counts per category and save a
// screenshot to target/demo/sample-article.png. With $DISPLAY set, a real
// window opens and stays open until you close it.

import fs from 'node:fs';
import path from 'node:path';
import {
  launch, startServer, sampleArticlePath, waitForHighlights, tabIdFor, pageState, ROOT,
} from './tests/e2e/harness.mjs';

const headed = !!process.env.DISPLAY;
const out = path.join(ROOT, 'target', 'demo', 'sample-article.png');
fs.mkdirSync(path.dirname(out), { recursive: true });

const srv = await startServer();
const ext = await launch({ headless: !headed });
let code = 0;
try {
  const page = ext.context.pages()[0] || (await ext.context.newPage());
  const url = srv.origin + sampleArticlePath();
  await page.goto(url);
  await waitForHighlights(page, 20000);
  const tabId = await tabIdFor(ext, url);
  const state = await pageState(ext, tabId);
  if (!state || !state.ok) throw new Error(`no page state: ${state && state.error}`);
  console.log(`claimlens demo: ${state.title}`);
  console.log(`  ${url}`);
  for (const [cat, n] of Object.entries(state.counts)) {
    const shown = state.findings.some((f) => f.category === cat && f.visible) || n === 0 ? '' : ' (not shown: off by default)';
    console.log(`  ${cat.padEnd(11)} ${String(n).padStart(3)}${shown}`);
  }
  await page.screenshot({ path: out });
  console.log(`screenshot: ${path.relative(process.cwd(), out)}`);
  if (headed) {
    console.log('A Chromium window is open with the extension loaded; close it to finish.');
    await new Promise((resolve) => ext.context.on('close', resolve));
  }
} catch (e) {
  console.error(`demo failed: ${e.message}`);
  code = 1;
} finally {
  await ext.close().catch(() => {});
  await srv.close();
}
process.exit(code);
