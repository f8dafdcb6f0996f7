// Firefox smoke test: Debian's firefox-esr, driven over WebDriver BiDi by
// puppeteer-core, installs build/extension temporarily and highlights the
// sample article served from 127.0.0.1.
//
// Skips (with the reason) when firefox-esr is missing, older than the
// manifest's gecko strict_min_version, or has no CSS.highlights.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { startServer, sampleArticlePath, until, squash, EXT_DIR } from '../e2e/harness.mjs';

const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
const CATEGORIES = ['hedged', 'denial', 'unsourced'];

/** Compares dotted version strings numerically: <0, 0, >0. */
function cmpVersion(a, b) {
  const pa = a.split('.').map((x) => parseInt(x, 10) || 0);
  const pb = b.split('.').map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] || 0) - (pb[i] || 0);
    if (d) return d;
  }
  return 0;
}

/** Why this machine cannot run the test, or null. */
function skipReason() {
  if (!fs.existsSync(FIREFOX)) return `${FIREFOX} is missing (apt-get install firefox-esr, or scripts/setup.sh)`;
  const manifest = JSON.parse(fs.readFileSync(path.join(EXT_DIR, 'manifest.json'), 'utf8'));
  const min = manifest.browser_specific_settings?.gecko?.strict_min_version || '0';
  let out;
  try {
    out = execFileSync(FIREFOX, ['--version'], { encoding: 'utf8', timeout: 20000 });
  } catch (e) {
    return `${FIREFOX} --version failed: ${e.message}`;
  }
  const m = /(\d+(?:\.\d+)*)/.exec(out);
  if (!m) return `cannot read the version from "${out.trim()}"`;
  if (cmpVersion(m[1], min) < 0) return `${out.trim()} is older than the manifest's strict_min_version ${min}`;
  console.log(`${out.trim()} (manifest needs ${min}+)`);
  return null;
}

if (!fs.existsSync(path.join(EXT_DIR, 'manifest.json'))) {
  throw new Error('build/extension is missing: run "npm run build:ext" first');
}
const reason = skipReason();
if (reason) console.log(`firefox smoke test skipped: ${reason}`);

let browser;
let srv;
before(async () => {
  if (reason) return;
  srv = await startServer();
  browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX,
    headless: true,
    extraPrefsFirefox: {
      // No update checks, telemetry or remote settings: the test is offline.
      'app.update.enabled': false,
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      'extensions.update.enabled': false,
    },
  });
});
after(async () => {
  await browser?.close();
  await srv?.close();
});

test('firefox-esr: the extension installs and highlights the sample article', { skip: reason || false, timeout: 60000 }, async (t) => {
  const id = await browser.installExtension(EXT_DIR);
  assert.equal(id, 'claimlens@claimlens.org');
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const t0 = Date.now();
  await page.goto(`${srv.origin}${sampleArticlePath()}`);
  const hasApi = await page.evaluate(() => typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function');
  if (!hasApi) {
    t.skip('this Firefox has no CSS Custom Highlight API (CSS.highlights)');
    return;
  }
  const h = await until(() => page.evaluate(() => {
    const out = {};
    for (const [name, hl] of CSS.highlights) {
      if (name.startsWith('claimlens-')) out[name.slice('claimlens-'.length)] = [...hl].map((r) => r.toString());
    }
    return out;
  }).then((o) => (CATEGORIES.every((c) => o[c]?.length) ? o : null)), { timeout: 20000, message: 'claimlens highlights in Firefox' });
  const counts = Object.fromEntries(Object.entries(h).map(([k, v]) => [k, v.length]));
  console.log(`firefox highlights after ${Date.now() - t0} ms: ${JSON.stringify(counts)}`);
  for (const c of CATEGORIES) {
    assert.ok(h[c].length > 0, `${c} ranges`);
    for (const text of h[c]) assert.ok(squash(text).length > 0, `${c} range covers text`);
  }
  // Every range lies in the page's text (the extension drew over the article, not elsewhere).
  const body = squash(await page.evaluate(() => document.body.textContent));
  for (const c of CATEGORIES) for (const text of h[c]) assert.ok(body.includes(squash(text)), `${c}: “${text.slice(0, 60)}” is page text`);
  assert.deepEqual(errors, [], 'no errors in the page console');
  await page.close();
});
