// The typed message union exchanged between the parts of the extension, and
// its validation. Every receiver validates before acting and answers invalid
// messages with {ok: false, error}.

import { SCOPES } from './settings.js';

/**
 * Messages handled by the background worker.
 * @typedef {{type: 'analyze', blocks: string[], url: string}} AnalyzeMsg
 * @typedef {{type: 'settings/get'}} SettingsGetMsg
 * @typedef {{type: 'settings/update', patch: Record<string, unknown>}} SettingsUpdateMsg
 * @typedef {{type: 'settings/replace', settings: Record<string, unknown>}} SettingsReplaceMsg
 * @typedef {{type: 'site/set', url: string, on: boolean}} SiteSetMsg
 * @typedef {{type: 'site/scope', url: string, scope: 'article'|'page'}} SiteScopeMsg
 * @typedef {{type: 'cue/hide', url: string, cue: string}} CueHideMsg
 * @typedef {{type: 'core/info'}} CoreInfoMsg
 * @typedef {{type: 'tab/id'}} TabIdMsg
 * @typedef {AnalyzeMsg|SettingsGetMsg|SettingsUpdateMsg|SettingsReplaceMsg|SiteSetMsg|SiteScopeMsg|CueHideMsg|CoreInfoMsg|TabIdMsg} WorkerMsg
 *
 * Messages handled by the content script of a tab.
 * @typedef {{type: 'page/state'}} PageStateMsg
 * @typedef {{type: 'page/reveal', id: string}} PageRevealMsg
 * @typedef {{type: 'page/command', name: 'toggle'|'next'|'previous'}} PageCommandMsg
 * @typedef {{type: 'page/timing'}} PageTimingMsg
 * @typedef {PageStateMsg|PageRevealMsg|PageCommandMsg|PageTimingMsg} ContentMsg
 *
 * Every answer is {ok: true, ...data} or {ok: false, error: string}.
 * @typedef {{ok: false, error: string}} ErrorReply
 */

export const MESSAGE_LIMITS = Object.freeze({
  blocks: 20000,
  blockChars: 100000,
  totalChars: 3000000,
  urlChars: 8192,
  stringChars: 1000,
  patchChars: 300000,
});

const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const isStr = (v, max = MESSAGE_LIMITS.stringChars) => typeof v === 'string' && v.length <= max;
const isUrl = (v) => isStr(v, MESSAGE_LIMITS.urlChars) && /^https?:\/\//i.test(v);

/** Rough serialised size of a JSON-like value, bounded so it stays cheap. */
function jsonSize(v) {
  try {
    return JSON.stringify(v).length;
  } catch {
    return Infinity;
  }
}

/**
 * Per-type validators: return an error string or null.
 * @type {Record<string, (m: any) => string|null>}
 */
const WORKER_SCHEMAS = {
  analyze(m) {
    if (!Array.isArray(m.blocks)) return 'blocks must be an array of strings';
    if (m.blocks.length > MESSAGE_LIMITS.blocks) return `too many blocks (max ${MESSAGE_LIMITS.blocks})`;
    let total = 0;
    for (const b of m.blocks) {
      if (typeof b !== 'string') return 'blocks must be an array of strings';
      if (b.length > MESSAGE_LIMITS.blockChars) return `a block is longer than ${MESSAGE_LIMITS.blockChars} characters`;
      total += b.length;
    }
    if (total > MESSAGE_LIMITS.totalChars) return `page text is longer than ${MESSAGE_LIMITS.totalChars} characters`;
    if (!isUrl(m.url)) return 'url must be an http(s) URL';
    return null;
  },
  'settings/get': () => null,
  'settings/update'(m) {
    if (!isObj(m.patch)) return 'patch must be an object';
    if (jsonSize(m.patch) > MESSAGE_LIMITS.patchChars) return 'patch is too large';
    return null;
  },
  'settings/replace'(m) {
    if (!isObj(m.settings)) return 'settings must be an object';
    if (jsonSize(m.settings) > MESSAGE_LIMITS.patchChars) return 'settings are too large';
    return null;
  },
  'site/set'(m) {
    if (!isUrl(m.url)) return 'url must be an http(s) URL';
    if (typeof m.on !== 'boolean') return 'on must be true or false';
    return null;
  },
  'site/scope'(m) {
    if (!isUrl(m.url)) return 'url must be an http(s) URL';
    if (!SCOPES.includes(m.scope)) return `scope must be one of ${SCOPES.join(', ')}`;
    return null;
  },
  'cue/hide'(m) {
    if (!isUrl(m.url)) return 'url must be an http(s) URL';
    if (!isStr(m.cue, 200) || !m.cue.trim()) return 'cue must be non-empty text';
    return null;
  },
  'core/info': () => null,
  'tab/id': () => null,
};

const COMMANDS = ['toggle', 'next', 'previous'];

/** @type {Record<string, (m: any) => string|null>} */
const CONTENT_SCHEMAS = {
  'page/state': () => null,
  'page/reveal'(m) {
    return isStr(m.id, 64) ? null : 'id must be a finding id';
  },
  'page/command'(m) {
    return COMMANDS.includes(m.name) ? null : `name must be one of ${COMMANDS.join(', ')}`;
  },
  'page/timing': () => null,
};

/**
 * @param {unknown} msg
 * @param {'worker'|'content'} receiver
 * @returns {string|null} error, or null when the message is well formed
 */
export function messageError(msg, receiver) {
  const schemas = receiver === 'worker' ? WORKER_SCHEMAS : CONTENT_SCHEMAS;
  if (!isObj(msg)) return 'message must be an object';
  const m = /** @type {Record<string, unknown>} */ (msg);
  if (typeof m.type !== 'string') return 'message has no type';
  const check = Object.prototype.hasOwnProperty.call(schemas, m.type) ? schemas[m.type] : null;
  if (!check) return `unknown message type "${m.type.slice(0, 40)}"`;
  return check(m);
}

/**
 * Is the sender this extension itself (its pages, worker or content scripts)?
 * @param {{id?: string}|undefined} sender @param {string} ownId
 */
export function isOwnSender(sender, ownId) {
  return !!sender && typeof ownId === 'string' && ownId.length > 0 && sender.id === ownId;
}

/**
 * Validates a message and runs its handler. Validation and the sender check
 * happen before any handler runs; handler exceptions become {ok:false,error}.
 * Resolves to the reply; never rejects.
 *
 * @param {'worker'|'content'} receiver
 * @param {Record<string, (msg: any, sender: any) => Promise<object>|object>} handlers
 * @param {unknown} msg @param {any} sender @param {string} ownId
 * @returns {Promise<object>}
 */
function handle(receiver, handlers, msg, sender, ownId) {
  if (!isOwnSender(sender, ownId)) return Promise.resolve({ ok: false, error: 'messages are accepted from this extension only' });
  const err = messageError(msg, receiver);
  if (err) return Promise.resolve({ ok: false, error: err });
  const handler = handlers[/** @type {any} */ (msg).type];
  if (!handler) return Promise.resolve({ ok: false, error: 'no handler here' });
  return Promise.resolve()
    .then(() => handler(msg, sender))
    .then(
      (res) => ({ ok: true, ...res }),
      (e) => ({ ok: false, error: String((e && e.message) || e) }),
    );
}

/**
 * Builds a chrome.runtime.onMessage listener around async handlers (see
 * handle). Returns true so the reply can be async.
 *
 * @param {'worker'|'content'} receiver
 * @param {Record<string, (msg: any, sender: any) => Promise<object>|object>} handlers
 * @param {() => string} ownId
 */
export function createRouter(receiver, handlers, ownId) {
  return function onMessage(msg, sender, sendResponse) {
    handle(receiver, handlers, msg, sender, ownId()).then(sendResponse);
    return true;
  };
}

/**
 * The name of the long-lived port content scripts send analysis requests
 * over: a message on an open port reaches the worker faster than a one-off
 * message, which opens a channel each time.
 */
export const ANALYSIS_PORT = 'claimlens/analysis';

/**
 * Builds a chrome.runtime.onConnect listener that serves requests
 * `{id, msg}` on ANALYSIS_PORT ports with the same validation as
 * createRouter, answering `{id, reply}`. Other ports are left alone.
 *
 * @param {Record<string, (msg: any, sender: any) => Promise<object>|object>} handlers
 * @param {() => string} ownId
 */
export function createPortRouter(handlers, ownId) {
  return function onConnect(port) {
    if (port.name !== ANALYSIS_PORT) return;
    let open = true;
    port.onDisconnect.addListener(() => {
      open = false;
    });
    port.onMessage.addListener((req) => {
      const id = isObj(req) && Number.isSafeInteger(req.id) ? req.id : null;
      if (id === null) return; // no way to answer it
      handle('worker', handlers, req.msg, port.sender, ownId()).then((reply) => {
        if (!open) return;
        try {
          port.postMessage({ id, reply });
        } catch {
          open = false; // closed from the other side before we heard of it
        }
      });
    });
  };
}

/**
 * The content script's side of ANALYSIS_PORT: request(msg) resolves to the
 * worker's reply. The port is opened on first use and again after the worker
 * has gone away (an evicted worker closes it); requests caught by a closed
 * port reject, and the caller may retry.
 *
 * @param {() => {postMessage: (m: any) => void, onMessage: any, onDisconnect: any, disconnect: () => void}} connect
 */
export function createPortClient(connect) {
  /** @type {ReturnType<typeof connect>|null} */
  let port = null;
  let nextId = 1;
  /** @type {Map<number, {resolve: (r: any) => void, reject: (e: Error) => void}>} */
  const pending = new Map();

  function open() {
    const p = connect();
    p.onMessage.addListener((m) => {
      const waiter = isObj(m) ? pending.get(m.id) : undefined;
      if (!waiter) return;
      pending.delete(m.id);
      waiter.resolve(m.reply);
    });
    p.onDisconnect.addListener(() => {
      if (port === p) port = null;
      const waiting = [...pending.values()];
      pending.clear();
      for (const w of waiting) w.reject(new Error('the extension worker went away'));
    });
    return p;
  }

  return {
    /** @param {unknown} msg @returns {Promise<any>} */
    request(msg) {
      return new Promise((resolve, reject) => {
        const id = nextId++;
        try {
          if (!port) port = open();
          pending.set(id, { resolve, reject });
          port.postMessage({ id, msg });
        } catch (e) {
          pending.delete(id);
          port = null;
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      });
    },
    /** Requests waiting for an answer. */
    get pending() {
      return pending.size;
    },
  };
}
