// Background service worker: owns the single WASM core instance and the
// settings, routes messages, relays keyboard commands to the active tab.

import init, { analyze, configure, version } from 'claimlens-core'; // build/pkg/claimlens.js (see build.mjs)
import { createService } from './service.js';
import { createRouter, createPortRouter } from '../shared/messages.js';

const SETTINGS_KEY = 'settings';

/** The compiled module, started as soon as the worker starts. */
let modulePromise = null;
/** Instantiated at most once per worker lifetime. */
let initPromise = null;

function compileCore() {
  if (!modulePromise) {
    const url = chrome.runtime.getURL('pkg/claimlens_bg.wasm');
    modulePromise =
      typeof WebAssembly.compileStreaming === 'function'
        ? WebAssembly.compileStreaming(fetch(url)).catch(() => fetch(url).then((r) => r.arrayBuffer()).then((b) => WebAssembly.compile(b)))
        : fetch(url).then((r) => r.arrayBuffer()).then((b) => WebAssembly.compile(b));
    modulePromise.catch(() => {
      modulePromise = null;
    });
  }
  return modulePromise;
}

const core = {
  ready() {
    if (!initPromise) {
      initPromise = compileCore()
        .then((module) => init({ module_or_path: module }))
        .then(() => {
          // One tiny analysis so the core's first real page does not pay for
          // its lazy set-up (lexicons, model) and the first calls' tier-up.
          try {
            analyze(['Officials reportedly denied it, critics say.'], { sensitivity: 'balanced' });
          } catch {
            // a core that cannot analyse reports it on the first real call
          }
        });
      initPromise.catch(() => {
        initPromise = null;
      });
    }
    return initPromise;
  },
  configure,
  analyze,
  version,
};

/**
 * Settings as stored, read from storage once and then kept in step with it
 * (every analysis needs them; a storage read per message costs a round trip).
 */
let cachedSettings = null;

const store = {
  load() {
    if (!cachedSettings) {
      const p = chrome.storage.local.get(SETTINGS_KEY).then((got) => got[SETTINGS_KEY]);
      cachedSettings = p;
      p.catch(() => {
        if (cachedSettings === p) cachedSettings = null;
      });
    }
    // A copy, so no caller can change the cached value.
    return cachedSettings.then((s) => (s === undefined ? undefined : structuredClone(s)));
  },
  async save(settings) {
    await chrome.storage.local.set({ [SETTINGS_KEY]: settings });
    cachedSettings = Promise.resolve(structuredClone(settings));
  },
};

chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && changes[SETTINGS_KEY]) {
    const v = changes[SETTINGS_KEY].newValue;
    cachedSettings = Promise.resolve(v === undefined ? undefined : structuredClone(v));
  }
});

const service = createService({ store, core });

chrome.runtime.onMessage.addListener(createRouter('worker', service.handlers, () => chrome.runtime.id));
chrome.runtime.onConnect.addListener(createPortRouter(service.handlers, () => chrome.runtime.id));

const COMMAND_NAMES = { 'toggle-highlights': 'toggle', 'next-finding': 'next', 'previous-finding': 'previous' };

/**
 * Forwards a keyboard command to the content script of a tab.
 * @param {string} command @param {{id?: number}} [tab]
 */
async function handleCommand(command, tab) {
  const name = COMMAND_NAMES[command];
  if (!name) return { ok: false, error: 'unknown command' };
  let tabId = tab && tab.id;
  if (tabId === undefined) {
    const [active] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    tabId = active && active.id;
  }
  if (tabId === undefined) return { ok: false, error: 'no tab' };
  try {
    return await chrome.tabs.sendMessage(tabId, { type: 'page/command', name });
  } catch (e) {
    return { ok: false, error: String(e && e.message) };
  }
}

chrome.commands?.onCommand.addListener((command, tab) => {
  handleCommand(command, tab);
});
// Exposed for automated tests, which cannot press browser-level shortcuts.
globalThis.claimlensHandleCommand = handleCommand;

chrome.runtime.onInstalled.addListener(async () => {
  // Write the migrated settings back so older stored shapes are upgraded once.
  await service.update(() => ({}));
  chrome.sidePanel?.setPanelBehavior?.({ openPanelOnActionClick: false }).catch(() => {});
});

// Warm the core up so the first page does not wait for compilation.
core.ready().catch(() => {});
