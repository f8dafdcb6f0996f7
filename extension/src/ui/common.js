// Helpers shared by the popup, side panel and options page.

/**
 * Sends a message to the worker; resolves with the reply's data or throws its
 * error.
 * @param {object} msg
 */
export async function toWorker(msg) {
  const res = await chrome.runtime.sendMessage(msg);
  if (!res || !res.ok) throw new Error((res && res.error) || 'the extension did not answer');
  return res;
}

/**
 * Sends a message to the content script of a tab.
 * @param {number} tabId @param {object} msg
 */
export async function toTab(tabId, msg) {
  let res;
  try {
    res = await chrome.tabs.sendMessage(tabId, msg);
  } catch {
    throw new Error('claimlens cannot read this page.');
  }
  if (!res || !res.ok) throw new Error((res && res.error) || 'the page did not answer');
  return res;
}

/**
 * The tab this page controls: `?tab=ID` when given (also used by tests),
 * else the active tab of the current window.
 * @returns {Promise<number|null>}
 */
export async function targetTabId() {
  const q = new URLSearchParams(location.search).get('tab');
  if (q && /^\d+$/.test(q)) return Number(q);
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab && tab.id !== undefined ? tab.id : null;
}

/** @param {string} tag @param {Record<string, any>} [props] @param {...(Node|string)} kids */
export function h(tag, props = {}, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  el.append(...kids);
  return el;
}
