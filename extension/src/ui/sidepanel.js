// Side panel: every flagged passage of the active tab, filterable by
// category; clicking one scrolls the page to it and flashes it.

import { CATEGORIES, CATEGORY_INFO, tidy } from '../shared/findings.js';
import { toTab, targetTabId, h } from './common.js';

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const POLL_MS = 1000;

/** Which categories the list shows (panel-local view state). */
const shown = Object.fromEntries(CATEGORIES.map((c) => [c, true]));
let tabId = /** @type {number|null} */ (null);
let fixedTab = false;
let page = null;
let lastKey = '';

function buildFilters() {
  for (const cat of CATEGORIES) {
    const b = h(
      'button',
      { 'aria-pressed': 'true', dataset: { testid: `filter-${cat}`, category: cat } },
      h('span', { class: `swatch sw-${cat}`, 'aria-hidden': 'true' }, 'Aa'),
      h('span', {}, CATEGORY_INFO[cat].label),
      h('span', { class: 'n', dataset: { testid: `filter-count-${cat}` } }, ''),
    );
    b.addEventListener('click', () => {
      shown[cat] = !shown[cat];
      b.setAttribute('aria-pressed', String(shown[cat]));
      render(true);
    });
    $('filters').append(b);
  }
}

function render(force = false) {
  const items = page ? page.findings.filter((f) => f.visible) : [];
  for (const cat of CATEGORIES) {
    const n = items.filter((f) => f.category === cat).length;
    const el = document.querySelector(`[data-testid="filter-count-${cat}"]`);
    if (el) el.textContent = `(${n})`;
  }
  const list = items.filter((f) => shown[f.category]);
  const key = JSON.stringify([list.map((f) => f.id + f.text), shown]);
  if (!force && key === lastKey) return;
  lastKey = key;
  $('page-title').textContent = page ? page.title : '';
  const ol = $('items');
  ol.replaceChildren();
  for (const f of list) {
    const btn = h(
      'button',
      { dataset: { testid: 'item', id: f.id, category: f.category }, title: 'Show on the page' },
      h(
        'span',
        { class: 'head' },
        h('span', { class: `swatch sw-${f.category}`, 'aria-hidden': 'true' }),
        CATEGORY_INFO[f.category].label,
        h('span', { class: 'conf' }, `${Math.round(f.confidence * 100)}%`),
      ),
      h('span', { class: 'text' }, tidy(f.text)),
      h('span', { class: 'reason' }, tidy(f.reason) + (f.source && !f.reason.includes(f.source) ? ` — source: ${tidy(f.source)}` : '')),
    );
    btn.addEventListener('click', () => reveal(f.id));
    ol.append(h('li', {}, btn));
  }
  if (!page) return;
  if (!page.siteEnabled) $('notice').textContent = 'claimlens is switched off for this site.';
  else if (!page.hasArticle) $('notice').textContent = 'No article text found on this page.';
  else if (!items.length) $('notice').textContent = 'Nothing flagged in the categories that are switched on.';
  else if (!list.length) $('notice').textContent = 'All categories are filtered out.';
  else $('notice').textContent = '';
}

async function reveal(id) {
  if (tabId === null) return;
  try {
    await toTab(tabId, { type: 'page/reveal', id });
  } catch (e) {
    $('notice').textContent = String(e.message);
    refresh();
  }
}

async function refresh() {
  if (!fixedTab) tabId = await targetTabId();
  if (tabId === null) return;
  try {
    page = await toTab(tabId, { type: 'page/state' });
  } catch (e) {
    page = null;
    lastKey = '';
    $('items').replaceChildren();
    $('page-title').textContent = '';
    $('notice').textContent = String(e.message);
    return;
  }
  render();
}

async function main() {
  buildFilters();
  fixedTab = new URLSearchParams(location.search).has('tab');
  tabId = await targetTabId();
  await refresh();
  setInterval(refresh, POLL_MS);
  chrome.tabs.onActivated.addListener(() => {
    if (!fixedTab) refresh();
  });
}

main();
