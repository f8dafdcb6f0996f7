import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULTS, SCHEMA_VERSION, defaultSettings, validateSettings, migrate, applyPatch, normalizeSite, siteOf,
  isSiteEnabled, sitePatch, parseSettingsFile, exportSettingsFile, hiddenCuesFor, scopeFor, scopePatch,
} from '../../src/shared/settings.js';

test('defaults validate and are frozen', () => {
  const r = validateSettings(defaultSettings());
  assert.equal(r.ok, true);
  assert.deepEqual(r.value, defaultSettings());
  assert.equal(DEFAULTS.schemaVersion, SCHEMA_VERSION);
  assert.equal(DEFAULTS.categories.attributed, false);
  assert.throws(() => { DEFAULTS.categories.hedged = false; });
});

test('validation reports every bad field by name', () => {
  const r = validateSettings({ sensitivity: 'loud', categories: { hedged: 'yes', gossip: true }, colour: 1, allowSites: ['ok.com', 'bad site'] }, { partial: true });
  assert.equal(r.ok, false);
  const all = r.errors.join('\n');
  assert.match(all, /sensitivity must be one of strict, balanced, eager/);
  assert.match(all, /categories\.hedged must be true or false/);
  assert.match(all, /unknown category "gossip"/);
  assert.match(all, /unknown setting "colour"/);
  assert.match(all, /allowSites entry 2 \("bad site"\)/);
});

test('partial validation keeps only given keys; cues are trimmed and de-duplicated', () => {
  const r = validateSettings({ customCues: { hedged: ['  it is said ', 'It is said', 'rumoured'] } }, { partial: true });
  assert.equal(r.ok, true);
  assert.deepEqual(r.value, { customCues: { hedged: ['it is said', 'rumoured'] } });
});

test('site names are normalised', () => {
  assert.equal(normalizeSite('https://WWW.Example.com:8080/path?q'), 'example.com');
  assert.equal(normalizeSite('news.example.co.uk'), 'news.example.co.uk');
  assert.equal(normalizeSite('not a site'), '');
  assert.equal(siteOf('http://127.0.0.1:4321/a'), '127.0.0.1');
  assert.equal(siteOf('garbage'), '');
});

test('most specific site rule wins, deny wins ties', () => {
  const s = { ...defaultSettings(), denySites: ['example.com'], allowSites: ['news.example.com'] };
  assert.equal(isSiteEnabled(s, 'https://example.com/a'), false);
  assert.equal(isSiteEnabled(s, 'https://shop.example.com/a'), false);
  assert.equal(isSiteEnabled(s, 'https://news.example.com/a'), true);
  assert.equal(isSiteEnabled(s, 'https://other.org/'), true);
  assert.equal(isSiteEnabled({ ...s, enabledByDefault: false }, 'https://other.org/'), false);
  assert.equal(isSiteEnabled(s, 'chrome://settings'), false);
});

test('sitePatch switches a site off and on again with minimal lists', () => {
  let s = defaultSettings();
  s = applyPatch(s, sitePatch(s, 'https://a.com/x', false));
  assert.deepEqual(s.denySites, ['a.com']);
  assert.equal(isSiteEnabled(s, 'https://a.com/'), false);
  s = applyPatch(s, sitePatch(s, 'https://a.com/x', true));
  assert.deepEqual(s.denySites, []);
  assert.deepEqual(s.allowSites, []);
  // Parent domain denied: switching a subdomain on adds an allow entry.
  s = { ...s, denySites: ['a.com'] };
  s = applyPatch(s, sitePatch(s, 'https://b.a.com/', true));
  assert.deepEqual(s.allowSites, ['b.a.com']);
  assert.equal(isSiteEnabled(s, 'https://b.a.com/'), true);
  assert.equal(isSiteEnabled(s, 'https://a.com/'), false);
});

test('migrate never throws and keeps valid fields', () => {
  assert.deepEqual(migrate(undefined), defaultSettings());
  assert.deepEqual(migrate('junk'), defaultSettings());
  const m = migrate({ sensitivity: 'eager', categories: { attributed: true, bogus: 1 }, allowSites: 5 });
  assert.equal(m.sensitivity, 'eager');
  assert.deepEqual(m.categories, DEFAULTS.categories, 'a bad categories object resets as a whole');
  assert.deepEqual(m.allowSites, []);
  const old = migrate({ sites: { 'a.com': true, 'b.com': false }, sensitivity: 'strict' });
  assert.deepEqual(old.allowSites, ['a.com']);
  assert.deepEqual(old.denySites, ['b.com']);
  assert.equal(old.schemaVersion, SCHEMA_VERSION);
  const partialCats = migrate({ categories: { attributed: true } });
  assert.deepEqual(partialCats.categories, { hedged: true, denial: true, unsourced: true, attributed: true });
});

test('applyPatch merges nested objects', () => {
  const s = applyPatch(defaultSettings(), { categories: { hedged: false }, customCues: { denial: ['refuted'] } });
  assert.equal(s.categories.hedged, false);
  assert.equal(s.categories.denial, true);
  assert.deepEqual(s.customCues, { hedged: [], denial: ['refuted'], unsourced: [] });
});

test('hidden cues are per site', () => {
  const s = { ...defaultSettings(), hiddenCues: { 'a.com': ['allegedly'] } };
  assert.deepEqual(hiddenCuesFor(s, 'https://www.a.com/x'), ['allegedly']);
  assert.deepEqual(hiddenCuesFor(s, 'https://b.com/x'), []);
});

test('settings files round-trip and invalid files are rejected with reasons', () => {
  const s = applyPatch(defaultSettings(), { sensitivity: 'strict', denySites: ['x.org'] });
  const text = exportSettingsFile(s, new Date('2026-11-26T00:00:00Z'));
  const back = parseSettingsFile(text);
  assert.equal(back.ok, true);
  assert.deepEqual(back.value, s);

  const bad = (t) => {
    const r = parseSettingsFile(t);
    assert.equal(r.ok, false);
    return r.errors.join('; ');
  };
  assert.match(bad('{nope'), /not valid JSON/);
  assert.match(bad('[]'), /no schemaVersion/);
  assert.match(bad(JSON.stringify({ format: 'other', settings: {} })), /not a claimlens settings export/);
  assert.match(bad(JSON.stringify({ schemaVersion: 99 })), /schemaVersion must be 1/);
  assert.match(bad(JSON.stringify({ schemaVersion: 1, sensitivity: 'max' })), /sensitivity/);
  assert.match(bad('x'.repeat(300 * 1024)), /larger than 256 KiB/);
});

test('scan scope: default and per-site choice, validated, kept minimal', () => {
  const s = defaultSettings();
  assert.equal(s.scope, 'article');
  assert.deepEqual(s.siteScopes, {});
  assert.equal(scopeFor(s, 'https://www.news.example/a'), 'article');
  const p = scopePatch(s, 'https://www.news.example/a', 'page');
  assert.deepEqual(p, { siteScopes: { 'news.example': 'page' } });
  const s2 = applyPatch(s, p);
  assert.equal(scopeFor(s2, 'https://news.example/b'), 'page');
  assert.equal(scopeFor(s2, 'https://other.example/'), 'article');
  assert.equal(scopeFor(s2, 'https://constructor/'), 'article', 'no inherited keys');
  assert.deepEqual(scopePatch(s2, 'https://news.example/', 'article'), { siteScopes: {} }, 'the default is not stored');
  assert.deepEqual(scopePatch(s2, 'file:///x', 'page'), {});
  const s3 = applyPatch(s2, { scope: 'page' });
  assert.equal(scopeFor(s3, 'https://other.example/'), 'page');

  assert.equal(validateSettings({ scope: 'all' }, { partial: true }).ok, false);
  const bad = validateSettings({ siteScopes: { 'a b': 'page', 'x.org': 'nope' } }, { partial: true });
  assert.equal(bad.ok, false);
  assert.equal(bad.errors.length, 2);
  const ok = validateSettings({ siteScopes: { 'WWW.X.org': 'page' } }, { partial: true });
  assert.deepEqual(ok.value, { siteScopes: { 'x.org': 'page' } });
});

test('settings stored before the scan scope existed keep their values and scan the article', () => {
  const old = { schemaVersion: 1, sensitivity: 'eager', denySites: ['a.com'] };
  const m = migrate(old);
  assert.equal(m.sensitivity, 'eager');
  assert.deepEqual(m.denySites, ['a.com']);
  assert.equal(m.scope, 'article');
  assert.deepEqual(m.siteScopes, {});
  const file = parseSettingsFile(JSON.stringify({ format: 'claimlens-settings', settings: old }));
  assert.equal(file.ok, true);
  assert.equal(file.value.scope, 'article');
  assert.deepEqual(migrate({ ...old, scope: 'bogus', siteScopes: { 'x.org': 'page' } }).scope, 'article');
  assert.deepEqual(migrate({ ...old, siteScopes: { 'x.org': 'page' } }).siteScopes, { 'x.org': 'page' });
});
