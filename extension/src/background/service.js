// The worker's behaviour, independent of chrome.* so it can be unit-tested:
// settings ownership (validated, serialised writes) and analysis through the
// core. All durable state lives in the injected store; nothing that matters is
// kept only in module globals, so an evicted worker resumes where it left off.

import {
  validateSettings,
  migrate,
  applyPatch,
  sitePatch,
  scopePatch,
  siteOf,
  LIMITS,
} from '../shared/settings.js';
import { findingError } from '../shared/findings.js';

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * @typedef {import('../shared/settings.js').Settings} Settings
 *
 * @typedef {Object} Store  persistent key/value storage (chrome.storage.local)
 * @property {() => Promise<unknown>} load
 * @property {(s: Settings) => Promise<void>} save
 *
 * @typedef {Object} Core  the WASM core's API
 * @property {() => Promise<void>} ready           resolves once the module is instantiated
 * @property {(cfg: object) => void} configure     throws on bad cues (keeps the previous config)
 * @property {(blocks: string[], opts: object) => any[]} analyze
 * @property {() => string} version
 */

/**
 * @param {{store: Store, core: Core}} deps
 */
export function createService({ store, core }) {
  /** JSON of the custom cues the core instance is configured with ('' = not yet). */
  let configuredCues = '';
  /** Serialises read-modify-write cycles on the settings. */
  let queue = Promise.resolve();

  async function getSettings() {
    return migrate(await store.load());
  }

  /** Makes sure the core runs with these cues; throws the core's error otherwise. */
  async function ensureConfigured(customCues) {
    await core.ready();
    const key = JSON.stringify(customCues);
    if (key === configuredCues) return;
    core.configure({ custom_cues: customCues });
    configuredCues = key;
  }

  /**
   * Runs fn(settings) -> patch under the write lock, validates and saves.
   * @param {(s: Settings) => Partial<Settings>|Promise<Partial<Settings>>} fn
   */
  function update(fn) {
    const run = queue.then(async () => {
      const current = await getSettings();
      const patch = await fn(current);
      const next = applyPatch(current, patch);
      if (patch.customCues) await applyCues(next.customCues);
      await store.save(next);
      return next;
    });
    queue = run.catch(() => {});
    return run;
  }

  async function applyCues(customCues) {
    try {
      await ensureConfigured(customCues);
    } catch (e) {
      // The core keeps its previous configuration; make sure we know which.
      configuredCues = '';
      throw new Error(String((e && e.message) || e));
    }
  }

  /** @type {Record<string, (msg: any, sender: any) => Promise<object>>} */
  const handlers = {
    async analyze(msg) {
      const settings = await getSettings();
      try {
        await ensureConfigured(settings.customCues);
      } catch {
        // Stored cues the core now rejects: analyse with the built-in cues
        // rather than not at all.
        await ensureConfigured({ hedged: [], denial: [], unsourced: [] });
      }
      const t0 = now();
      const raw = core.analyze(msg.blocks, { sensitivity: settings.sensitivity });
      const coreMs = now() - t0;
      const findings = [];
      for (const f of Array.isArray(raw) ? raw : []) {
        if (findingError(f, msg.blocks.length) === null) findings.push(f);
      }
      return { findings, sensitivity: settings.sensitivity, coreMs };
    },

    async 'settings/get'() {
      return { settings: await getSettings() };
    },

    async 'settings/update'(msg) {
      const r = validateSettings(msg.patch, { partial: true });
      if (!r.ok) throw new Error(r.errors.join('; '));
      const patch = r.value;
      return { settings: await update(() => patch) };
    },

    async 'settings/replace'(msg) {
      const r = validateSettings(msg.settings);
      if (!r.ok) throw new Error(r.errors.join('; '));
      const full = /** @type {Settings} */ (r.value);
      return { settings: await update(() => full) };
    },

    async 'site/set'(msg) {
      return { settings: await update((s) => sitePatch(s, msg.url, msg.on)) };
    },

    async 'site/scope'(msg) {
      if (!siteOf(msg.url)) throw new Error('this page has no site name');
      return { settings: await update((s) => scopePatch(s, msg.url, msg.scope)) };
    },

    async 'cue/hide'(msg) {
      const site = siteOf(msg.url);
      if (!site) throw new Error('this page has no site name');
      const cue = msg.cue.replace(/\s+/g, ' ').trim().toLowerCase();
      return {
        settings: await update((s) => {
          const list = s.hiddenCues[site] || [];
          if (list.includes(cue)) return {};
          if (list.length >= LIMITS.hiddenCuesPerSite) throw new Error('too many hidden cues on this site');
          return { hiddenCues: { ...s.hiddenCues, [site]: [...list, cue] } };
        }),
      };
    },

    async 'core/info'() {
      await core.ready();
      return { version: core.version() };
    },

    async 'tab/id'(_msg, sender) {
      return { tabId: sender && sender.tab ? sender.tab.id : null };
    },
  };

  return { handlers, getSettings, update };
}
