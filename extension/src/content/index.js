// Content script: extract the article text, ask the worker to analyse it,
// draw the findings, answer the popup and side panel, show cards.
// Per-page view state lives here (it belongs to this page); settings come
// from chrome.storage and are written only by the worker.

import { findRoots, extractBlocks, pageTitle } from './extract.js';
import { mapRange, findingMatches, blockOffsetOf } from './blocks.js';
import { Painter, pageScheme, HIGHLIGHT_NAMES } from './highlight.js';
import { createCard } from './card.js';
import { CATEGORIES, countByCategory } from '../shared/findings.js';
import { migrate, isSiteEnabled, hiddenCuesFor } from '../shared/settings.js';
import { createRouter } from '../shared/messages.js';

const SETTINGS_KEY = 'settings';
/** Page text shorter than this is "no article". */
const MIN_ARTICLE_CHARS = 200;
/** Changed blocks are re-analysed this long after the last DOM change at most. */
const MUTATION_DEBOUNCE_MS = 120;
const MUTATION_MAX_WAIT_MS = 400;

/**
 * A finding placed on the current page.
 * @typedef {import('../shared/findings.js').Finding & {id: string}} PageFinding
 */

const state = {
  /** @type {import('../shared/settings.js').Settings|null} */
  settings: null,
  /** @type {import('./blocks.js').Block[]} */
  blocks: [],
  /** @type {ShadowRoot[]} */
  shadowRoots: [],
  /** @type {PageFinding[]} all findings, page order */
  findings: [],
  /** analysis results by block text; valid for one sensitivity + cue set */
  cache: new Map(),
  cacheKey: '',
  mode: 'page',
  hasArticle: false,
  /** toggled by the keyboard command: hides all highlights on this page */
  pageHidden: false,
  /** index into visibleFindings() for next/previous */
  cursor: -1,
  scans: 0,
  analysedBlocks: 0,
  lastError: '',
  scanning: null,
  rescan: false,
};

const painter = new Painter();
const card = createCard({
  onHideCue: (cue) => {
    send({ type: 'cue/hide', url: location.href, cue }).catch(() => {});
  },
});

/** @param {object} msg */
async function send(msg) {
  const res = await chrome.runtime.sendMessage(msg);
  if (!res || !res.ok) throw new Error((res && res.error) || 'no answer from the extension');
  return res;
}

function siteEnabled() {
  return !!state.settings && isSiteEnabled(state.settings, location.href);
}

function analysisKey(settings) {
  return JSON.stringify([settings.sensitivity, settings.customCues]);
}

/** Extracts, analyses new or changed blocks only, redraws. Serialised. */
function scan() {
  if (state.scanning) {
    state.rescan = true;
    return state.scanning;
  }
  state.scanning = (async () => {
    try {
      do {
        state.rescan = false;
        await scanOnce();
      } while (state.rescan);
    } finally {
      state.scanning = null;
    }
  })();
  return state.scanning;
}

async function scanOnce() {
  if (!state.settings) return;
  if (!siteEnabled()) {
    state.blocks = [];
    state.findings = [];
    state.hasArticle = false;
    render();
    return;
  }
  const { roots, mode } = findRoots(document);
  const { blocks, shadowRoots } = extractBlocks(roots, { wholePage: mode === 'page' });
  const key = analysisKey(state.settings);
  if (key !== state.cacheKey) {
    state.cache.clear();
    state.cacheKey = key;
  }
  const todo = [...new Set(blocks.map((b) => b.text).filter((t) => !state.cache.has(t)))];
  if (todo.length) {
    try {
      const res = await send({ type: 'analyze', blocks: todo, url: location.href });
      // Settings may have changed while we waited; then these results are stale.
      if (analysisKey(state.settings) !== key) {
        state.rescan = true;
        return;
      }
      const per = todo.map(() => []);
      for (const f of res.findings) per[f.block].push(f);
      todo.forEach((t, i) => state.cache.set(t, per[i]));
      state.analysedBlocks += todo.length;
      state.lastError = '';
    } catch (e) {
      state.lastError = String((e && e.message) || e);
    }
  }
  // Keep the cache from growing without bound on long-lived dynamic pages.
  if (state.cache.size > 4 * blocks.length + 200) {
    const live = new Set(blocks.map((b) => b.text));
    for (const t of state.cache.keys()) if (!live.has(t)) state.cache.delete(t);
  }
  state.blocks = blocks;
  state.shadowRoots = shadowRoots;
  state.mode = mode;
  state.hasArticle = blocks.reduce((n, b) => n + b.text.trim().length, 0) >= MIN_ARTICLE_CHARS;
  /** @type {PageFinding[]} */
  const findings = [];
  blocks.forEach((b, i) => {
    for (const f of state.cache.get(b.text) || []) {
      findings.push({ ...f, block: i, id: `${i}.${f.start}.${f.category}` });
    }
  });
  state.findings = findings;
  state.scans += 1;
  if (roots[0]) painter.setScheme(pageScheme(roots[0]));
  render();
}

/** Findings hidden by "Hide this cue on this site": every cue is hidden. */
function hiddenByCue(f, hidden) {
  return f.cues.length > 0 && f.cues.every((c) => hidden.includes(c.text.replace(/\s+/g, ' ').trim().toLowerCase()));
}

/** Findings not suppressed by a hidden cue (what the counts report). */
function countedFindings() {
  if (!state.settings) return [];
  const hidden = hiddenCuesFor(state.settings, location.href);
  return hidden.length ? state.findings.filter((f) => !hiddenByCue(f, hidden)) : state.findings;
}

/** Findings drawn right now, page order. */
function visibleFindings() {
  if (!state.settings || state.pageHidden || !siteEnabled()) return [];
  const cats = state.settings.categories;
  return countedFindings().filter((f) => cats[f.category]);
}

const rootOf = (n) => n.getRootNode();

/** DOM ranges for a block span, or [] if the page text no longer matches. */
function rangesFor(blockIndex, start, end) {
  const block = state.blocks[blockIndex];
  const parts = block && mapRange(block, start, end, rootOf);
  if (!parts) return [];
  const out = [];
  for (const p of parts) {
    if (!p.startNode.isConnected || !p.endNode.isConnected) return [];
    const r = p.startNode.ownerDocument.createRange();
    try {
      r.setStart(p.startNode, p.startOffset);
      r.setEnd(p.endNode, p.endOffset);
    } catch {
      return [];
    }
    out.push(r);
  }
  return out;
}

function render() {
  /** @type {Record<string, Range[]>} */
  const byName = {};
  for (const f of visibleFindings()) {
    const block = state.blocks[f.block];
    if (!findingMatches(block, f)) continue; // the page changed under us: draw nothing wrong
    const ranges = rangesFor(f.block, f.start, f.end);
    if (!ranges.length) continue;
    (byName[f.category] ||= []).push(...ranges);
    for (const c of f.cues) {
      if (c.start >= f.start && c.end <= f.end) (byName.cue ||= []).push(...rangesFor(f.block, c.start, c.end));
    }
  }
  painter.paint(byName);
  if (card.isOpen()) {
    const ids = new Set(visibleFindings().map((f) => f.id));
    if (!card.shown().every((f) => ids.has(f.id))) card.hide();
  }
}

/** Card data for findings on one passage (cue offsets made passage-relative). */
function cardFindings(list) {
  return list.map((f) => ({
    id: f.id,
    category: f.category,
    text: f.text,
    reason: f.reason,
    confidence: f.confidence,
    source: f.source ?? null,
    cues: f.cues.map((c) => ({ start: c.start - f.start, end: c.end - f.start, text: c.text })),
  }));
}

/** All visible findings covering the same passage as `f`. */
function samePassage(f) {
  return visibleFindings().filter((g) => g.block === f.block && g.start === f.start && g.end === f.end);
}

function rectOf(f) {
  const ranges = rangesFor(f.block, f.start, f.end);
  if (!ranges.length) return null;
  const rects = ranges[0].getClientRects();
  return rects.length ? rects[0] : ranges[0].getBoundingClientRect();
}

function openCard(f, opts) {
  const rect = rectOf(f);
  if (!rect) return false;
  card.show(cardFindings(samePassage(f)), rect, { ...opts, scheme: painter.scheme });
  return true;
}

// ---- pointer: highlights get no events, so hit-test the text under the pointer

function caretAt(x, y) {
  if (document.caretPositionFromPoint) {
    const p = document.caretPositionFromPoint(x, y, { shadowRoots: state.shadowRoots });
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  if (document.caretRangeFromPoint) {
    const r = document.caretRangeFromPoint(x, y);
    return r ? { node: r.startContainer, offset: r.startOffset } : null;
  }
  return null;
}

/** The visible finding whose passage is under the point, if any. */
function findingAt(x, y) {
  const caret = caretAt(x, y);
  if (!caret || caret.node.nodeType !== 3) return null;
  const list = visibleFindings();
  if (!list.length) return null;
  for (let i = 0; i < state.blocks.length; i++) {
    const off = blockOffsetOf(state.blocks[i], caret.node, caret.offset);
    if (off < 0) continue;
    const hit = list.find((f) => f.block === i && f.start <= off && off < f.end);
    if (!hit) return null;
    // Make sure the pointer is really over the passage's text, not beside it.
    const ranges = rangesFor(hit.block, hit.start, hit.end);
    for (const r of ranges) {
      for (const rc of r.getClientRects()) {
        if (x >= rc.left - 1 && x <= rc.right + 1 && y >= rc.top - 1 && y <= rc.bottom + 1) return hit;
      }
    }
    return null;
  }
  return null;
}

let hoverTimer = 0;
let hoverTarget = null;
let leaveTimer = 0;
const HOVER_DELAY_MS = 450;

document.addEventListener(
  'click',
  (e) => {
    if (card.owns(e.target)) return;
    if (e.button !== 0 || e.defaultPrevented) return;
    const sel = document.getSelection();
    if (sel && !sel.isCollapsed) return; // the reader is selecting text
    if (/** @type {Element} */ (e.target).closest?.('a, button, input, select, textarea, label, summary')) return;
    const f = findingAt(e.clientX, e.clientY);
    if (f) openCard(f, { pinned: true, focus: true });
    else if (card.isOpen()) card.hide();
  },
  true,
);

document.addEventListener(
  'mousemove',
  (e) => {
    if (card.owns(e.target)) {
      clearTimeout(leaveTimer);
      return;
    }
    const x = e.clientX;
    const y = e.clientY;
    clearTimeout(hoverTimer);
    hoverTimer = setTimeout(() => {
      const f = findingAt(x, y);
      if (f) {
        clearTimeout(leaveTimer);
        if (hoverTarget !== f.id || !card.isOpen()) {
          hoverTarget = f.id;
          if (!card.isPinned()) openCard(f, { pinned: false, focus: false });
        }
      } else if (card.isOpen() && !card.isPinned()) {
        leaveTimer = setTimeout(() => {
          hoverTarget = null;
          if (!card.isPinned()) card.hide();
        }, 300);
      }
    }, HOVER_DELAY_MS);
  },
  { passive: true },
);

document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && card.isOpen()) card.hide();
});

// ---- messages from the popup, side panel and worker

/** Passages in page order with what the UI needs to show and export. */
function pageState() {
  const visibleIds = new Set(visibleFindings().map((f) => f.id));
  const counted = countedFindings();
  return {
    title: pageTitle(document),
    url: location.href,
    siteEnabled: siteEnabled(),
    hasArticle: state.hasArticle,
    mode: state.mode,
    pageHidden: state.pageHidden,
    blocks: state.blocks.length,
    scans: state.scans,
    analysedBlocks: state.analysedBlocks,
    error: state.lastError,
    counts: countByCategory(counted),
    findings: counted.map((f) => ({
      id: f.id,
      category: f.category,
      text: f.text,
      reason: f.reason,
      source: f.source ?? null,
      confidence: f.confidence,
      cues: f.cues.map((c) => c.text),
      visible: visibleIds.has(f.id),
    })),
  };
}

function reveal(f, { openCardToo = false } = {}) {
  const ranges = rangesFor(f.block, f.start, f.end);
  if (!ranges.length) return false;
  const el = ranges[0].startContainer.parentElement;
  if (el) el.scrollIntoView({ block: 'center', inline: 'nearest' });
  painter.flash(ranges);
  if (openCardToo) openCard(f, { pinned: true, focus: true });
  return true;
}

/** Unique passages among visible findings, page order. */
function passages() {
  const out = [];
  const seen = new Set();
  for (const f of visibleFindings()) {
    const k = `${f.block}:${f.start}:${f.end}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(f);
    }
  }
  return out;
}

function command(name) {
  if (name === 'toggle') {
    state.pageHidden = !state.pageHidden;
    if (state.pageHidden) card.hide();
    render();
    return { pageHidden: state.pageHidden };
  }
  const list = passages();
  if (!list.length) return { moved: false };
  state.cursor = name === 'next' ? (state.cursor + 1) % list.length : (state.cursor - 1 + list.length) % list.length;
  if (state.cursor < 0 || state.cursor >= list.length) state.cursor = 0;
  const f = list[state.cursor];
  reveal(f, { openCardToo: true });
  return { moved: true, index: state.cursor, id: f.id };
}

chrome.runtime.onMessage.addListener(
  createRouter(
    'content',
    {
      'page/state': async () => {
        if (state.scanning) await state.scanning;
        return pageState();
      },
      'page/reveal': async (msg) => {
        const f = state.findings.find((x) => x.id === msg.id);
        if (!f) throw new Error('that passage is no longer on the page');
        return { revealed: reveal(f) };
      },
      'page/command': async (msg) => command(msg.name),
    },
    () => chrome.runtime.id,
  ),
);

// ---- settings

chrome.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local' || !changes[SETTINGS_KEY]) return;
  const prev = state.settings;
  state.settings = migrate(changes[SETTINGS_KEY].newValue);
  const needScan =
    !prev ||
    analysisKey(prev) !== analysisKey(state.settings) ||
    isSiteEnabled(prev, location.href) !== siteEnabled();
  if (needScan) scan();
  else render();
});

// ---- dynamic pages: rescan (changed blocks only) shortly after DOM changes

let debounceTimer = 0;
let firstPending = 0;
const observer = new MutationObserver((records) => {
  /** The only change the extension makes: inserting its card host once. */
  const ours = (r) =>
    card.owns(r.target) ||
    (r.type === 'childList' && r.removedNodes.length === 0 && r.addedNodes.length > 0 && [...r.addedNodes].every((n) => card.owns(n)));
  if (records.every(ours)) return;
  const now = performance.now();
  if (!firstPending) firstPending = now;
  clearTimeout(debounceTimer);
  const wait = Math.max(0, Math.min(MUTATION_DEBOUNCE_MS, firstPending + MUTATION_MAX_WAIT_MS - now));
  debounceTimer = setTimeout(() => {
    firstPending = 0;
    scan();
  }, wait);
});

// ---- the highlight registry is shared with the page, which may wipe it
// (CSS.highlights.clear()) without touching the DOM: check it now and then.

const RESTORE_EVERY_MS = 1000;

async function start() {
  const got = await chrome.storage.local.get(SETTINGS_KEY);
  state.settings = migrate(got[SETTINGS_KEY]);
  observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  setInterval(() => {
    if (!document.hidden) painter.restore();
  }, RESTORE_EVERY_MS);
  await scan();
}

start().catch((e) => {
  state.lastError = String((e && e.message) || e);
});

export { HIGHLIGHT_NAMES, CATEGORIES };
