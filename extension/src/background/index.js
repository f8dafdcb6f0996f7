// Background service worker: owns the single WASM core instance and the
// settings, routes messages, relays keyboard commands to the active tab.

import init, { analyze, configure, version } from 'claimlens-core'; // build/pkg/claimlens.js (see build.mjs)
import { createService } from './service.js';
import { createRouter } from '../shared/messages.js';

const SETTINGS_KEY = 'settings';

/** Instantiated at most once per worker lifetime. */
let initPromise = null;

const core = {
  ready() {
    if (!initPromise) {
      initPromise = init({ module_or_path: chrome.runtime.getURL('pkg/claimlens_bg.wasm') }).then(() => {});
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

const store = {
  async load() {
    const got = await chrome.storage.local.get(SETTINGS_KEY);
    return got[SETTINGS_KEY];
  },
  async save(settings) {
    await chrome.storage.local.set({ [SETTINGS_KEY]: settings });
  },
};

const service = createService({ store, core });

chrome.runtime.onMessage.addListener(createRouter('worker', service.handlers, () => chrome.runtime.id));

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
