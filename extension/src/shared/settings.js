// The one table of default settings, their validation, migration and the
// per-site rules. Pure: no chrome.* use, so it is unit-tested under Node.

import { CATEGORIES, CUE_CATEGORIES, SENSITIVITIES } from './findings.js';

// Keys added after schema 1 shipped (scope, siteScopes) take their defaults
// when absent, in migrate() and in validateSettings(); that needs no new
// version, since nothing stored under version 1 changes meaning.
export const SCHEMA_VERSION = 1;

/** What a page scan reads: the article body only, or all visible text of the page. */
export const SCOPES = Object.freeze(['article', 'page']);

/** Limits that keep settings small enough for storage and fast to apply. */
export const LIMITS = Object.freeze({
  cuesPerCategory: 200,
  cueLength: 80,
  sites: 500,
  siteLength: 253,
  hiddenCuesPerSite: 200,
  importBytes: 256 * 1024,
});

/**
 * @typedef {import('./findings.js').Category} Category
 * @typedef {Object} Settings
 * @property {number} schemaVersion
 * @property {Record<Category, boolean>} categories  which categories are drawn
 * @property {'strict'|'balanced'|'eager'} sensitivity
 * @property {boolean} enabledByDefault  run on sites in neither list
 * @property {string[]} allowSites       always run here (host names)
 * @property {string[]} denySites        never run here (host names; wins over allow)
 * @property {Record<'hedged'|'denial'|'unsourced', string[]>} customCues
 * @property {Record<string, string[]>} hiddenCues  host -> lower-cased cue texts hidden there
 * @property {'article'|'page'} scope  what is scanned on sites without their own choice
 * @property {Record<string, 'article'|'page'>} siteScopes  host -> scope chosen for that site
 */

/** @type {Readonly<Settings>} */
export const DEFAULTS = deepFreeze({
  schemaVersion: SCHEMA_VERSION,
  categories: { hedged: true, denial: true, unsourced: true, attributed: false },
  sensitivity: 'balanced',
  enabledByDefault: true,
  allowSites: [],
  denySites: [],
  customCues: { hedged: [], denial: [], unsourced: [] },
  hiddenCues: {},
  scope: 'article',
  siteScopes: {},
});

const TOP_KEYS = Object.keys(DEFAULTS);

/** @template T @param {T} o @returns {T} */
function deepFreeze(o) {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

/** @returns {Settings} a fresh, mutable copy of the defaults */
export function defaultSettings() {
  return structuredClone(/** @type {Settings} */ (DEFAULTS));
}

const isPlainObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Normalises a host name typed by a person or taken from a URL:
 * lower case, no scheme, path, port or leading "www.".
 * Returns '' when nothing usable remains.
 * @param {string} input
 */
export function normalizeSite(input) {
  if (typeof input !== 'string') return '';
  let s = input.trim().toLowerCase();
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  s = s.replace(/[/?#].*$/, '');
  s = s.replace(/^[^@]*@/, '');
  s = s.replace(/:\d+$/, '');
  s = s.replace(/^www\./, '');
  s = s.replace(/\.$/, '');
  if (!/^[a-z0-9.-]+$|^\[[0-9a-f:]+\]$/.test(s)) return '';
  return s.length <= LIMITS.siteLength ? s : '';
}

/** Site of an http(s) page URL; '' for anything else. @param {string} url */
export function siteOf(url) {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return '';
    return normalizeSite(u.hostname);
  } catch {
    return '';
  }
}

/**
 * Length of the longest entry in `list` that matches `site` (the host itself
 * or a parent domain), or -1. Longer means more specific.
 * @param {string} site @param {string[]} list
 */
function bestMatch(site, list) {
  let best = -1;
  for (const e of list) {
    if ((site === e || site.endsWith('.' + e)) && e.length > best) best = e.length;
  }
  return best;
}

/**
 * The most specific list entry wins; at equal specificity the deny list wins.
 * Sites in neither list follow `enabledByDefault`.
 * @param {Settings} settings @param {string} url
 * @returns {boolean} whether the extension should analyse this page
 */
export function isSiteEnabled(settings, url) {
  const site = siteOf(url);
  if (!site) return false;
  const a = bestMatch(site, settings.allowSites);
  const d = bestMatch(site, settings.denySites);
  if (d >= 0 && d >= a) return false;
  if (a >= 0) return true;
  return settings.enabledByDefault;
}

/**
 * The settings patch that switches this page's site on or off, keeping both
 * lists minimal and consistent.
 * @param {Settings} settings @param {string} url @param {boolean} on
 * @returns {Partial<Settings>}
 */
export function sitePatch(settings, url, on) {
  const site = siteOf(url);
  if (!site) return {};
  const allowSites = settings.allowSites.filter((s) => s !== site);
  const denySites = settings.denySites.filter((s) => s !== site);
  const probe = { ...settings, allowSites, denySites };
  if (isSiteEnabled(probe, url) !== on) (on ? allowSites : denySites).push(site);
  return { allowSites, denySites };
}

/**
 * @param {unknown} list @param {string} path @param {string[]} errors
 * @returns {string[]}
 */
function validateSiteList(list, path, errors) {
  if (!Array.isArray(list)) {
    errors.push(`${path} must be a list of site names`);
    return [];
  }
  if (list.length > LIMITS.sites) errors.push(`${path} has more than ${LIMITS.sites} entries`);
  const out = [];
  list.slice(0, LIMITS.sites).forEach((v, i) => {
    const s = normalizeSite(typeof v === 'string' ? v : '');
    if (!s) errors.push(`${path} entry ${i + 1} (${JSON.stringify(v)}) is not a site name`);
    else if (!out.includes(s)) out.push(s);
  });
  return out;
}

/**
 * @param {unknown} list @param {string} path @param {string[]} errors
 * @returns {string[]}
 */
function validateCueList(list, path, errors) {
  if (!Array.isArray(list)) {
    errors.push(`${path} must be a list of phrases`);
    return [];
  }
  if (list.length > LIMITS.cuesPerCategory) {
    errors.push(`${path} has more than ${LIMITS.cuesPerCategory} entries`);
  }
  const out = [];
  list.slice(0, LIMITS.cuesPerCategory).forEach((v, i) => {
    if (typeof v !== 'string') {
      errors.push(`${path} entry ${i + 1} must be text`);
      return;
    }
    const s = v.replace(/\s+/g, ' ').trim();
    if (s.length > LIMITS.cueLength) {
      errors.push(`${path} entry ${i + 1} is longer than ${LIMITS.cueLength} characters`);
      return;
    }
    if (!out.some((o) => o.toLowerCase() === s.toLowerCase())) out.push(s);
  });
  return out;
}

/**
 * Validates a complete or partial settings object.
 * Unknown keys are errors, so a typo in an imported file is reported instead
 * of silently ignored. With `partial`, missing keys are simply absent from the
 * result; otherwise they take their defaults.
 *
 * @param {unknown} input
 * @param {{partial?: boolean}} [opts]
 * @returns {{ok: true, value: Partial<Settings>} | {ok: false, errors: string[]}}
 */
export function validateSettings(input, { partial = false } = {}) {
  /** @type {string[]} */
  const errors = [];
  if (!isPlainObject(input)) return { ok: false, errors: ['settings must be an object'] };
  const src = /** @type {Record<string, any>} */ (input);
  for (const k of Object.keys(src)) {
    if (!TOP_KEYS.includes(k)) errors.push(`unknown setting "${k}"`);
  }
  /** @type {Record<string, any>} */
  const out = partial ? {} : defaultSettings();
  const has = (k) => Object.prototype.hasOwnProperty.call(src, k);

  if (has('schemaVersion')) {
    if (src.schemaVersion !== SCHEMA_VERSION) {
      errors.push(`schemaVersion must be ${SCHEMA_VERSION} (got ${JSON.stringify(src.schemaVersion)})`);
    }
    out.schemaVersion = SCHEMA_VERSION;
  }
  if (has('categories')) {
    const c = src.categories;
    if (!isPlainObject(c)) errors.push('categories must be an object');
    else {
      const cats = partial ? {} : { ...DEFAULTS.categories };
      for (const [k, v] of Object.entries(c)) {
        if (!CATEGORIES.includes(/** @type {any} */ (k))) errors.push(`categories: unknown category "${k}"`);
        else if (typeof v !== 'boolean') errors.push(`categories.${k} must be true or false`);
        else cats[k] = v;
      }
      out.categories = cats;
    }
  }
  if (has('sensitivity')) {
    if (!SENSITIVITIES.includes(src.sensitivity)) {
      errors.push(`sensitivity must be one of ${SENSITIVITIES.join(', ')}`);
    } else out.sensitivity = src.sensitivity;
  }
  if (has('enabledByDefault')) {
    if (typeof src.enabledByDefault !== 'boolean') errors.push('enabledByDefault must be true or false');
    else out.enabledByDefault = src.enabledByDefault;
  }
  if (has('allowSites')) out.allowSites = validateSiteList(src.allowSites, 'allowSites', errors);
  if (has('denySites')) out.denySites = validateSiteList(src.denySites, 'denySites', errors);
  if (has('customCues')) {
    const c = src.customCues;
    if (!isPlainObject(c)) errors.push('customCues must be an object');
    else {
      const cues = partial ? {} : structuredClone(DEFAULTS.customCues);
      for (const [k, v] of Object.entries(c)) {
        if (!CUE_CATEGORIES.includes(/** @type {any} */ (k))) errors.push(`customCues: unknown category "${k}"`);
        else cues[k] = validateCueList(v, `customCues.${k}`, errors);
      }
      out.customCues = cues;
    }
  }
  if (has('hiddenCues')) {
    const hidden = validateSiteMap(src.hiddenCues, 'hiddenCues', errors, (list, site) => {
      if (!Array.isArray(list) || list.some((x) => typeof x !== 'string')) {
        errors.push(`hiddenCues.${site} must be a list of phrases`);
        return undefined;
      }
      const cleaned = [...new Set(list.map((x) => x.replace(/\s+/g, ' ').trim().toLowerCase()).filter(Boolean))];
      if (cleaned.length > LIMITS.hiddenCuesPerSite) {
        errors.push(`hiddenCues.${site} has more than ${LIMITS.hiddenCuesPerSite} entries`);
        return undefined;
      }
      return cleaned.length ? cleaned : undefined;
    });
    if (hidden) out.hiddenCues = hidden;
  }
  if (has('scope')) {
    if (!SCOPES.includes(src.scope)) errors.push(`scope must be one of ${SCOPES.join(', ')}`);
    else out.scope = src.scope;
  }
  if (has('siteScopes')) {
    const scopes = validateSiteMap(src.siteScopes, 'siteScopes', errors, (value, site) => {
      if (SCOPES.includes(value)) return value;
      errors.push(`siteScopes.${site} must be one of ${SCOPES.join(', ')}`);
      return undefined;
    });
    if (scopes) out.siteScopes = scopes;
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: /** @type {Partial<Settings>} */ (out) };
}

/**
 * Validates an object keyed by site name: at most LIMITS.sites entries, each
 * key a site name (normalised), each value checked by `check`, which returns
 * the value to keep or undefined (after pushing its own error, if any).
 * Returns the cleaned map, or undefined when `map` is not an object.
 * @template T
 * @param {unknown} map
 * @param {string} field
 * @param {string[]} errors
 * @param {(value: any, site: string) => T | undefined} check
 * @returns {Record<string, T> | undefined}
 */
function validateSiteMap(map, field, errors, check) {
  if (!isPlainObject(map)) {
    errors.push(`${field} must be an object`);
    return undefined;
  }
  const keys = Object.keys(map);
  if (keys.length > LIMITS.sites) errors.push(`${field} has more than ${LIMITS.sites} sites`);
  /** @type {Record<string, T>} */
  const out = {};
  for (const k of keys.slice(0, LIMITS.sites)) {
    const site = normalizeSite(k);
    if (!site) {
      errors.push(`${field}: ${JSON.stringify(k)} is not a site name`);
      continue;
    }
    const value = check(map[k], site);
    if (value !== undefined) out[site] = value;
  }
  return out;
}

/**
 * Reads whatever was stored (possibly an older schema, possibly damaged) and
 * returns usable settings: every valid field kept, every bad one reset.
 * Never throws.
 * @param {unknown} stored
 * @returns {Settings}
 */
export function migrate(stored) {
  const base = defaultSettings();
  if (!isPlainObject(stored)) return base;
  const src = /** @type {Record<string, any>} */ ({ ...stored });
  // Schema 0 (no version field) used `sites: {host: boolean}`; fold it in.
  if (src.schemaVersion === undefined && isPlainObject(src.sites)) {
    src.allowSites = Object.keys(src.sites).filter((k) => src.sites[k] === true);
    src.denySites = Object.keys(src.sites).filter((k) => src.sites[k] === false);
    delete src.sites;
  }
  delete src.schemaVersion;
  for (const k of Object.keys(src)) {
    if (!TOP_KEYS.includes(k)) continue;
    const r = validateSettings({ [k]: src[k] }, { partial: true });
    if (r.ok) Object.assign(base, r.value);
  }
  if (base.categories) base.categories = { ...DEFAULTS.categories, ...base.categories };
  if (base.customCues) base.customCues = { ...structuredClone(DEFAULTS.customCues), ...base.customCues };
  base.schemaVersion = SCHEMA_VERSION;
  return base;
}

/**
 * Applies a validated partial patch to settings (returns a new object).
 * Nested objects (categories, customCues) are merged key by key.
 * @param {Settings} settings @param {Partial<Settings>} patch
 * @returns {Settings}
 */
export function applyPatch(settings, patch) {
  const next = structuredClone(settings);
  for (const [k, v] of Object.entries(patch)) {
    if (k === 'categories' || k === 'customCues') next[k] = { ...next[k], ...v };
    else if (k !== 'schemaVersion') next[k] = structuredClone(v);
  }
  return next;
}

/**
 * Lower-cased cue texts hidden on the page's site.
 * @param {Settings} settings @param {string} url
 */
export function hiddenCuesFor(settings, url) {
  return settings.hiddenCues[siteOf(url)] || [];
}

/**
 * What is scanned on the page's site: its own choice, else the default.
 * @param {Settings} settings @param {string} url
 * @returns {'article'|'page'}
 */
export function scopeFor(settings, url) {
  const site = siteOf(url);
  return site && Object.hasOwn(settings.siteScopes, site) ? settings.siteScopes[site] : settings.scope;
}

/**
 * The settings patch that sets what is scanned on this page's site. A choice
 * equal to the default is not stored, so the map holds only exceptions.
 * @param {Settings} settings @param {string} url @param {'article'|'page'} scope
 * @returns {Partial<Settings>}
 */
export function scopePatch(settings, url, scope) {
  const site = siteOf(url);
  if (!site || !SCOPES.includes(scope)) return {};
  const siteScopes = { ...settings.siteScopes };
  if (scope === settings.scope) delete siteScopes[site];
  else siteScopes[site] = scope;
  if (Object.keys(siteScopes).length > LIMITS.sites) throw new Error(`more than ${LIMITS.sites} sites have their own scan scope`);
  return { siteScopes };
}

/**
 * Parses an exported settings file. Accepts the export envelope
 * `{format: "claimlens-settings", settings: {...}}` or a bare settings object.
 * @param {string} text
 * @returns {{ok: true, value: Settings} | {ok: false, errors: string[]}}
 */
export function parseSettingsFile(text) {
  if (typeof text !== 'string') return { ok: false, errors: ['file is not text'] };
  if (text.length > LIMITS.importBytes) return { ok: false, errors: ['file is larger than 256 KiB'] };
  let data;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`file is not valid JSON: ${/** @type {Error} */ (e).message}`] };
  }
  if (isPlainObject(data) && 'format' in data) {
    if (data.format !== 'claimlens-settings') return { ok: false, errors: ['file is not a claimlens settings export'] };
    data = data.settings;
  }
  if (!isPlainObject(data) || !('schemaVersion' in data)) {
    return { ok: false, errors: ['file has no schemaVersion; is it a claimlens settings export?'] };
  }
  const r = validateSettings(data);
  if (!r.ok) return r;
  return { ok: true, value: /** @type {Settings} */ (r.value) };
}

/** @param {Settings} settings @param {Date} [now] */
export function exportSettingsFile(settings, now = new Date()) {
  return JSON.stringify(
    { format: 'claimlens-settings', exportedAt: now.toISOString(), settings },
    null,
    2,
  ) + '\n';
}
