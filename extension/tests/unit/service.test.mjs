import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createService } from '../../src/background/service.js';
import * as fake from '../fake-pkg/claimlens.js';

function memoryStore(initial) {
  let value = initial;
  return { load: async () => structuredClone(value), save: async (v) => { value = structuredClone(v); }, peek: () => value };
}

function fakeCore() {
  let inited = 0;
  let configured = 0;
  return {
    ready: async () => { if (!inited++) await fake.default(); },
    configure: (cfg) => { configured++; fake.configure(cfg); },
    analyze: fake.analyze,
    version: fake.version,
    stats: () => ({ inited, configured }),
  };
}

test('analyze returns well-formed findings with the stored sensitivity', async () => {
  const { handlers } = createService({ store: memoryStore(undefined), core: fakeCore() });
  const res = await handlers.analyze({ type: 'analyze', blocks: ['He denied it. It may rain.', 'Nothing.'], url: 'https://x.org/' });
  assert.equal(res.sensitivity, 'balanced');
  assert.deepEqual(res.findings.map((f) => [f.block, f.category, f.text]), [[0, 'denial', 'He denied it.']]);
});

test('settings updates are validated, merged and persisted', async () => {
  const store = memoryStore(undefined);
  const { handlers } = createService({ store, core: fakeCore() });
  const r = await handlers['settings/update']({ patch: { categories: { attributed: true }, sensitivity: 'eager' } });
  assert.equal(r.settings.categories.attributed, true);
  assert.equal(r.settings.categories.hedged, true);
  assert.equal(store.peek().sensitivity, 'eager');
  await assert.rejects(handlers['settings/update']({ patch: { sensitivity: 'max' } }), /sensitivity must be one of/);
  assert.equal(store.peek().sensitivity, 'eager');
});

test('custom cues are checked by the core; a rejected set keeps the previous one', async () => {
  const store = memoryStore(undefined);
  const core = fakeCore();
  const { handlers } = createService({ store, core });
  await handlers['settings/update']({ patch: { customCues: { hedged: ['reportedly'] } } });
  await assert.rejects(handlers['settings/update']({ patch: { customCues: { hedged: ['ok', '123'] } } }), /custom hedged cue 2 \("123"\): a cue must contain a letter/);
  assert.deepEqual(store.peek().customCues.hedged, ['reportedly']);
  const res = await handlers.analyze({ blocks: ['It reportedly fell.'], url: 'https://x.org/' });
  assert.deepEqual(res.findings.map((f) => f.category), ['hedged']);
});

test('a restarted worker (new service, same store) reconfigures from storage', async () => {
  const store = memoryStore(undefined);
  await createService({ store, core: fakeCore() }).handlers['settings/update']({ patch: { customCues: { denial: ['pooh-poohed'] } } });
  fake.configure({ custom_cues: { hedged: [], denial: [], unsourced: [] } }); // a fresh instance knows nothing
  const core = fakeCore();
  const res = await createService({ store, core }).handlers.analyze({ blocks: ['She pooh-poohed the idea.'], url: 'https://x.org/' });
  assert.deepEqual(res.findings.map((f) => f.category), ['denial']);
  assert.equal(core.stats().configured, 1);
});

test('site switch, hidden cues, replace and concurrent updates', async () => {
  const store = memoryStore(undefined);
  const { handlers } = createService({ store, core: fakeCore() });
  await handlers['site/set']({ url: 'https://www.a.com/x', on: false });
  assert.deepEqual(store.peek().denySites, ['a.com']);
  await handlers['cue/hide']({ url: 'https://a.com/y', cue: '  Appears To ' });
  await handlers['cue/hide']({ url: 'https://a.com/y', cue: 'appears to' });
  assert.deepEqual(store.peek().hiddenCues, { 'a.com': ['appears to'] });
  await Promise.all([
    handlers['settings/update']({ patch: { categories: { hedged: false } } }),
    handlers['settings/update']({ patch: { categories: { denial: false } } }),
    handlers['settings/update']({ patch: { sensitivity: 'strict' } }),
  ]);
  assert.deepEqual([store.peek().categories.hedged, store.peek().categories.denial, store.peek().sensitivity], [false, false, 'strict']);
  await assert.rejects(handlers['settings/replace']({ settings: { schemaVersion: 1, bogus: 1 } }), /unknown setting "bogus"/);
  const r = await handlers['settings/replace']({ settings: { schemaVersion: 1 } });
  assert.equal(r.settings.categories.hedged, true);
  assert.deepEqual(r.settings.denySites, []);
});

test('tab/id echoes the sender tab', async () => {
  const { handlers } = createService({ store: memoryStore(undefined), core: fakeCore() });
  assert.deepEqual(await handlers['tab/id']({}, { tab: { id: 7 } }), { tabId: 7 });
  assert.deepEqual(await handlers['tab/id']({}, {}), { tabId: null });
});

test('site/scope stores the choice for the site, survives a restart, and drops it again at the default', async () => {
  const store = memoryStore(undefined);
  const { handlers } = createService({ store, core: fakeCore() });
  const r1 = await handlers['site/scope']({ url: 'https://www.a.com/x', scope: 'page' });
  assert.deepEqual(r1.settings.siteScopes, { 'a.com': 'page' });
  const again = createService({ store, core: fakeCore() });
  assert.deepEqual((await again.handlers['settings/get']({})).settings.siteScopes, { 'a.com': 'page' });
  const r2 = await again.handlers['site/scope']({ url: 'https://a.com/y', scope: 'article' });
  assert.deepEqual(r2.settings.siteScopes, {});
  await assert.rejects(again.handlers['site/scope']({ url: 'https://[bad/', scope: 'page' }), /no site name/);
});
