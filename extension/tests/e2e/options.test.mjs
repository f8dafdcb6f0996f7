// Options page: default categories, custom cues checked by the core,
// import/export with rejection of invalid files.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { useBrowserAndServer, readHighlights, waitForHighlights, until, artifact, squash } from './harness.mjs';

let opts;
const env = useBrowserAndServer({
  async setup() {
    opts = await env.ext.context.newPage();
    await opts.goto(`chrome-extension://${env.ext.extId}/options.html`);
    await until(async () => /core \d+\.\d+\.\d+/.test(await opts.getByTestId('opt-version').textContent()), { message: 'core version shown' });
  },
});

const status = () => opts.getByTestId('opt-status').textContent();
const has = (h, cat, text) => (h[cat] || []).some((s) => squash(s).includes(text));

test('custom cues: the core rejects a bad entry by name and keeps the previous cues; a good one applies live', async () => {
  const page = await env.ext.context.newPage();
  await page.goto(`${env.srv.origin}/x/watched.html`);
  await waitForHighlights(page);
  assert.ok(!has(await readHighlights(page), 'hedged', 'Scuttlebutt has it'));

  await opts.bringToFront();
  await opts.getByTestId('opt-cues-hedged').fill('scuttlebutt has it\n123');
  await opts.getByTestId('opt-save').click();
  await until(async () => /custom hedged cue 2 \("123"\): a cue must contain a letter/.test(await status()), { message: 'core error shown' });
  assert.equal(await opts.getByTestId('opt-cues-hedged').getAttribute('aria-invalid'), 'true');
  await opts.screenshot({ path: artifact('options-cue-error.png'), fullPage: true });
  const stored = await opts.evaluate(() => chrome.storage.local.get('settings'));
  assert.deepEqual(stored.settings?.customCues?.hedged ?? [], [], 'nothing saved');

  await opts.getByTestId('opt-cues-hedged').fill('scuttlebutt has it');
  await opts.getByTestId('opt-save').click();
  await until(async () => (await status()) === 'Saved.', { message: 'saved' });
  await until(async () => has(await readHighlights(page), 'hedged', 'Scuttlebutt has it'), { message: 'custom cue applied to the open page' });
  await page.close();
});

test('default categories: turning attributed on draws attributed passages', async () => {
  const page = await env.ext.context.newPage();
  await page.goto(`${env.srv.origin}/x/watched.html`);
  await waitForHighlights(page);
  assert.equal((await readHighlights(page)).attributed, undefined);
  await opts.bringToFront();
  await opts.getByTestId('opt-cat-attributed').check();
  await opts.getByTestId('opt-save').click();
  await until(async () => (await status()) === 'Saved.', { message: 'saved' });
  await until(async () => ((await readHighlights(page)).attributed || []).length > 0, { message: 'attributed drawn' });
  await page.screenshot({ path: artifact('options-attributed-on.png') });
  await page.close();
});

test('export, then import: invalid files are rejected with a reason, a valid one is applied', async () => {
  await opts.bringToFront();
  const [download] = await Promise.all([opts.waitForEvent('download'), opts.getByTestId('opt-export').click()]);
  const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.equal(exported.format, 'claimlens-settings');
  assert.deepEqual(exported.settings.customCues.hedged, ['scuttlebutt has it']);
  assert.equal(exported.settings.categories.attributed, true);

  const put = (name, text) => opts.getByTestId('opt-import').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  await put('broken.json', '{"format": "claimlens-settings", ');
  await until(async () => /^Import rejected: file is not valid JSON/.test(await status()), { message: 'bad JSON rejected' });
  await put('wrong.json', JSON.stringify({ ...exported, settings: { ...exported.settings, sensitivity: 'loud', extra: 1 } }));
  await until(async () => /^Import rejected: .*unknown setting "extra".*sensitivity must be one of/.test(await status()), { message: 'invalid fields rejected' });
  await put('badcue.json', JSON.stringify({ ...exported, settings: { ...exported.settings, customCues: { hedged: [], denial: ['42'], unsourced: [] } } }));
  await until(async () => /^Import rejected: custom denial cue 1 \("42"\)/.test(await status()), { message: 'core rejects imported cue' });
  await opts.screenshot({ path: artifact('options-import-rejected.png'), fullPage: true });
  let stored = await opts.evaluate(() => chrome.storage.local.get('settings'));
  assert.equal(stored.settings.sensitivity, 'balanced', 'rejected imports change nothing');

  const next = structuredClone(exported);
  next.settings.sensitivity = 'strict';
  next.settings.denySites = ['example.org'];
  await put('good.json', JSON.stringify(next));
  await until(async () => (await status()) === 'Imported.', { message: 'imported' });
  assert.equal(await opts.getByTestId('opt-sensitivity').inputValue(), 'strict');
  assert.equal(await opts.getByTestId('opt-deny').inputValue(), 'example.org');
  stored = await opts.evaluate(() => chrome.storage.local.get('settings'));
  assert.equal(stored.settings.sensitivity, 'strict');

  await opts.getByTestId('opt-reset').click();
  await until(async () => (await status()) === 'Defaults restored.', { message: 'reset' });
  stored = await opts.evaluate(() => chrome.storage.local.get('settings'));
  assert.deepEqual(stored.settings.customCues, { hedged: [], denial: [], unsourced: [] });
  assert.equal(stored.settings.categories.attributed, false);
});
