// Popup: per-category toggles with live counts, site switch, sensitivity,
// what to scan on this site (article or whole page), copy-all, legend.

import { CATEGORIES, CATEGORY_INFO } from '../shared/findings.js';
import { toPlainText, toMarkdown } from '../shared/format.js';
import { isSiteEnabled, scopeFor } from '../shared/settings.js';
import { toWorker, toTab, targetTabId, h } from './common.js';
import { copyText } from '../shared/clipboard.js';

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

let tabId = /** @type {number|null} */ (null);
let settings = null;
let page = null;
/** The scope being saved (shown until the worker answers). */
let pendingScope = /** @type {string|null} */ (null);
const POLL_MS = 400;

function buildCategoryRows() {
  const list = $('cats');
  const legend = $('legend');
  for (const cat of CATEGORIES) {
    const info = CATEGORY_INFO[cat];
    const input = h('input', { type: 'checkbox', id: `t-${cat}`, dataset: { testid: `toggle-${cat}` } });
    input.addEventListener('change', () => setCategory(cat, input.checked));
    list.append(
      h(
        'li',
        { id: `row-${cat}` },
        h(
          'label',
          { for: `t-${cat}` },
          input,
          h('span', { class: `swatch sw-${cat}`, 'aria-hidden': 'true' }, 'Aa'),
          h('span', {}, h('span', { class: 'name' }, info.label), h('span', { class: 'desc' }, info.description)),
        ),
        h('span', { class: 'count', id: `count-${cat}`, dataset: { testid: `count-${cat}` }, title: 'Passages on this page' }, '–'),
      ),
    );
    legend.append(h('li', {}, h('span', { class: `swatch sw-${cat}`, 'aria-hidden': 'true' }, 'Aa'), `${info.label}: ${info.style}. ${info.description}`));
  }
}

async function setCategory(cat, on) {
  try {
    const res = await toWorker({ type: 'settings/update', patch: { categories: { [cat]: on } } });
    settings = res.settings;
  } catch (e) {
    setNotice(String(e.message));
  }
  renderSettings();
}

function setNotice(text) {
  $('notice').textContent = text;
}

function renderSettings() {
  if (!settings) return;
  for (const cat of CATEGORIES) {
    const input = /** @type {HTMLInputElement} */ ($(`t-${cat}`));
    input.checked = !!settings.categories[cat];
    $(`row-${cat}`).classList.toggle('off', !input.checked);
  }
  for (const r of document.querySelectorAll('input[name="sens"]')) {
    /** @type {HTMLInputElement} */ (r).checked = /** @type {HTMLInputElement} */ (r).value === settings.sensitivity;
  }
}

/** The scope radios follow this page's site (disabled when there is no page). */
function renderScope() {
  const scope = pendingScope || (settings && page ? scopeFor(settings, page.url) : null);
  for (const r of /** @type {NodeListOf<HTMLInputElement>} */ (document.querySelectorAll('input[name="scope"]'))) {
    r.disabled = !scope;
    r.checked = r.value === scope;
  }
}

function renderPage() {
  const site = /** @type {HTMLInputElement} */ ($('site'));
  renderScope();
  if (!page) {
    site.disabled = true;
    for (const cat of CATEGORIES) $(`count-${cat}`).textContent = '–';
    return;
  }
  const on = settings ? isSiteEnabled(settings, page.url) : page.siteEnabled;
  site.disabled = false;
  site.checked = on;
  $('site-label').textContent = on ? 'On for this site' : 'Off for this site';
  document.body.classList.toggle('disabled', !on);
  for (const cat of CATEGORIES) $(`count-${cat}`).textContent = on ? String(page.counts[cat]) : '–';
  if (!on) setNotice('claimlens is switched off for this site.');
  else if (page.error) setNotice(`Analysis failed: ${page.error}`);
  else if (!page.hasArticle) setNotice('No article text found on this page.');
  else if (page.pageHidden) setNotice('Highlights are hidden on this page (keyboard toggle).');
  else setNotice('');
}

async function refresh() {
  if (tabId === null) return;
  try {
    page = await toTab(tabId, { type: 'page/state' });
  } catch (e) {
    page = null;
    setNotice(String(e.message));
  }
  renderPage();
}

function visiblePassages() {
  return page ? page.findings.filter((f) => f.visible) : [];
}

async function copyAll() {
  await refresh();
  if (!page) return;
  const report = { title: page.title, url: page.url, date: new Date(), passages: visiblePassages() };
  const format = /** @type {HTMLSelectElement} */ ($('format')).value;
  const text = format === 'markdown' ? toMarkdown(report) : toPlainText(report);
  const ok = await copyText(text);
  const n = report.passages.length;
  $('copy-status').textContent = ok ? `Copied ${n} passage${n === 1 ? '' : 's'}.` : 'Copying failed.';
}

async function main() {
  buildCategoryRows();
  $('copy').addEventListener('click', copyAll);
  $('site').addEventListener('change', async (e) => {
    if (!page) return;
    try {
      const res = await toWorker({ type: 'site/set', url: page.url, on: /** @type {HTMLInputElement} */ (e.target).checked });
      settings = res.settings;
    } catch (err) {
      setNotice(String(err.message));
    }
    await refresh();
  });
  for (const r of document.querySelectorAll('input[name="sens"]')) {
    r.addEventListener('change', async (e) => {
      try {
        const res = await toWorker({ type: 'settings/update', patch: { sensitivity: /** @type {HTMLInputElement} */ (e.target).value } });
        settings = res.settings;
      } catch (err) {
        setNotice(String(err.message));
      }
      renderSettings();
    });
  }
  for (const r of document.querySelectorAll('input[name="scope"]')) {
    r.addEventListener('change', async (e) => {
      if (!page) return;
      pendingScope = /** @type {HTMLInputElement} */ (e.target).value;
      try {
        const res = await toWorker({ type: 'site/scope', url: page.url, scope: pendingScope });
        settings = res.settings;
      } catch (err) {
        setNotice(String(err.message));
      }
      pendingScope = null;
      renderScope();
      await refresh();
    });
  }
  $('open-options').addEventListener('click', () => chrome.runtime.openOptionsPage());
  // sidePanel.open() must run within the click's user gesture: no await before it.
  const win = chrome.windows ? await chrome.windows.getCurrent().catch(() => null) : null;
  $('open-panel').addEventListener('click', () => {
    let opening;
    if (chrome.sidePanel && chrome.sidePanel.open && win) opening = chrome.sidePanel.open({ windowId: win.id });
    else if (globalThis.browser && browser.sidebarAction) opening = browser.sidebarAction.open();
    else opening = Promise.reject(new Error('This browser has no side panel.'));
    opening.then(() => window.close(), (err) => setNotice(String(err.message)));
  });

  tabId = await targetTabId();
  try {
    settings = (await toWorker({ type: 'settings/get' })).settings;
  } catch (e) {
    setNotice(String(e.message));
  }
  renderSettings();
  await refresh();
  setInterval(refresh, POLL_MS);
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes.settings) {
      toWorker({ type: 'settings/get' }).then((r) => {
        settings = r.settings;
        renderSettings();
        renderPage();
      }, () => {});
    }
  });
}

main();
