// Content script: extract the article text, ask the worker to analyse it,
// draw the findings, answer the popup and side panel, show cards.
// Per-page view state lives here (it belongs to this page); settings come
// from chrome.storage and are written only by the worker.

import { timing, sliceBegins, sliceEnds, sliceDoing } from './timing.js';
import { scanPlan, extractBlocksSliced, pageTitle } from './extract.js';
import { mapRange, findingMatches, blockOffsetOf, piecesOf, addedBlocks } from './blocks.js';
import { Painter, pageScheme, HIGHLIGHT_NAMES } from './highlight.js';
import { createCard } from './card.js';
import { CATEGORIES, countByCategory } from '../shared/findings.js';
import { migrate, isSiteEnabled, hiddenCuesFor, scopeFor } from '../shared/settings.js';
import { createRouter, createPortClient, ANALYSIS_PORT, MESSAGE_LIMITS } from '../shared/messages.js';

const SETTINGS_KEY = 'settings';
/** Page text shorter than this is "no article". */
const MIN_ARTICLE_CHARS = 200;
/**
 * After a DOM change, changed blocks are re-analysed at once (in the next
 * task), unless re-scans are running back to back: then the next one waits so
 * that scanning takes at most about a third of the main thread, and never
 * longer than this.
 */
const MUTATION_MAX_WAIT_MS = 400;
/** Work on the page's main thread runs in slices of about this long, then yields. */
const SLICE_MS = 8;
/** Text sent to the worker per message (the first message is smaller, to draw sooner). */
const BATCH_CHARS = 192 * 1024;
const FIRST_BATCH_CHARS = 24 * 1024;
const BATCH_BLOCKS = 4000;
/** Messages to the worker in flight at once. */
const BATCHES_IN_FLIGHT = 3;

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
  /** what the last scan read: 'article' or 'page' (see scopeFor) */
  scope: 'article',
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
  /** the analysis key (sensitivity, cues) of the findings drawn by the last scan */
  drawnKey: '',
};

const painter = new Painter();
const card = createCard({
  onHideCue: (cue) => {
    send({ type: 'cue/hide', url: location.href, cue }).catch(() => {});
  },
});

/** Analysis requests travel over one long-lived port (the hot path of re-scans). */
const analysisPort = createPortClient(() => chrome.runtime.connect({ name: ANALYSIS_PORT }));

/** @param {{type: string}} msg */
async function send(msg) {
  let res;
  if (msg.type === 'analyze') {
    // A port closed by the worker going away is retried once as a one-off
    // message, which wakes the worker up.
    res = await analysisPort.request(msg).catch(() => chrome.runtime.sendMessage(msg));
  } else res = await chrome.runtime.sendMessage(msg);
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
        const observed = pendingSince;
        pendingSince = 0;
        const before = state.scans;
        const t0 = performance.now();
        marks = {};
        await scanOnce();
        const t1 = performance.now();
        // Only re-scans set the spacing: the first, full scan of a page must
        // not delay the reaction to the page's first change.
        if (observed) lastScan = { end: t1, ms: t1 - t0 };
        if (before === 0 && state.scans === 1) timing.drawn = t1;
        if (observed && state.scans > before) {
          // Where the time went: waiting for the scan to start, extracting
          // the page's blocks, the worker's answers (of which the core's own
          // analysis), drawing.
          const at = (m, from) => (m ? m - from : null);
          timing.mutation = {
            observed,
            drawn: t1,
            analysedBlocks: state.analysedBlocks,
            phases: {
              waitMs: t0 - observed,
              extractMs: at(marks.extracted, t0),
              workerMs: marks.replied && marks.extracted ? marks.replied - marks.extracted : null,
              drawMs: at(t1, marks.replied || marks.extracted || t0),
              coreMs: marks.coreMs ?? null,
            },
          };
        }
      } while (state.rescan);
    } finally {
      state.scanning = null;
    }
  })();
  return state.scanning;
}

/** Yields to the event loop: a new task, ahead of timers. */
const yieldTask =
  typeof globalThis.scheduler?.yield === 'function'
    ? () => globalThis.scheduler.yield()
    : () =>
        new Promise((resolve) => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => resolve();
          ch.port2.postMessage(0);
        });

/** Splits main-thread work into slices of about SLICE_MS. */
function budget() {
  let t0 = performance.now();
  sliceBegins();
  return {
    due: () => performance.now() - t0 > SLICE_MS,
    async pause() {
      sliceEnds();
      await yieldTask();
      t0 = performance.now();
      sliceBegins();
    },
    /** Marks the end of a slice before waiting on something else (the worker). */
    suspend: () => sliceEnds(),
    resume() {
      t0 = performance.now();
      sliceBegins();
    },
  };
}

/**
 * Groups the texts to analyse into messages within the worker's limits.
 * @param {string[]} texts
 * @returns {Array<{blocks: string[], owners: Array<{text: string, offset: number}>}>}
 */
function batchesOf(texts) {
  const batches = [];
  let cur = null;
  let chars = 0;
  const cap = () => (batches.length <= 1 ? FIRST_BATCH_CHARS : BATCH_CHARS);
  for (const text of texts) {
    for (const piece of piecesOf(text, MESSAGE_LIMITS.blockChars)) {
      if (!cur || cur.blocks.length >= BATCH_BLOCKS || (cur.blocks.length && chars + piece.text.length > cap())) {
        cur = { blocks: [], owners: [] };
        batches.push(cur);
        chars = 0;
      }
      cur.blocks.push(piece.text);
      cur.owners.push({ text, offset: piece.offset });
      chars += piece.text.length;
    }
  }
  return batches;
}

/** Shifts a finding from a piece of a block to the whole block. */
function shifted(f, offset) {
  if (!offset) return f;
  return { ...f, start: f.start + offset, end: f.end + offset, cues: f.cues.map((c) => ({ ...c, start: c.start + offset, end: c.end + offset })) };
}

/** Page findings of the blocks at `indices`, from the cache. */
function findingsOfBlocks(blocks, indices) {
  /** @type {PageFinding[]} */
  const out = [];
  for (const i of indices) {
    for (const f of state.cache.get(blocks[i].text) || []) out.push({ ...f, block: i, id: `${i}.${f.start}.${f.category}` });
  }
  return out;
}

/** Is this finding drawn under the current settings? */
function visibleNow() {
  if (!state.settings || state.pageHidden || !siteEnabled()) return () => false;
  const cats = state.settings.categories;
  const hidden = hiddenCuesFor(state.settings, location.href);
  return (f) => !!cats[f.category] && !(hidden.length && hiddenByCue(f, hidden));
}

/** Adds the ranges of `f` (passage and cues) to byName; false if not drawable. */
function collectRanges(f, byName) {
  const block = state.blocks[f.block];
  if (!findingMatches(block, f)) return false; // the page changed under us: draw nothing wrong
  const ranges = rangesFor(f.block, f.start, f.end);
  if (!ranges.length) return false;
  (byName[f.category] ||= []).push(...ranges);
  for (const c of f.cues) {
    if (c.start >= f.start && c.end <= f.end) (byName.cue ||= []).push(...rangesFor(f.block, c.start, c.end));
  }
  return true;
}

/**
 * Ranges waiting to be drawn during progressive drawing. Each change to a
 * registered highlight makes the browser revisit all of its ranges, so
 * additions are drawn when they at least match what is drawn already (the
 * first batch at once): the total work stays linear in the number of ranges.
 */
let pendingDraw = { byName: /** @type {Record<string, Range[]>} */ ({}), n: 0 };
let drawnCount = 0;

function flushDraw() {
  if (!pendingDraw.n) return;
  painter.add(pendingDraw.byName);
  drawnCount += pendingDraw.n;
  pendingDraw = { byName: {}, n: 0 };
  if (timing.firstDrawn === null && !painter.isEmpty()) timing.firstDrawn = performance.now();
}

/** Draws more findings on top of what is drawn (progressive drawing). */
async function drawMore(list, b) {
  sliceDoing('draw');
  const visible = visibleNow();
  let i = 0;
  for (const f of list) {
    if (visible(f) && collectRanges(f, pendingDraw.byName)) pendingDraw.n++;
    if ((++i & 31) === 0 && b.due()) await b.pause();
  }
  if (pendingDraw.n >= drawnCount) flushDraw();
}

let renderGeneration = 0;

/** render(), in slices; drawn at once at the end unless something newer was drawn meanwhile. */
async function renderSliced(b) {
  sliceDoing('render');
  const gen = ++renderGeneration;
  /** @type {Record<string, Range[]>} */
  const byName = {};
  let i = 0;
  for (const f of visibleFindings()) {
    collectRanges(f, byName);
    if ((++i & 31) === 0 && b.due()) {
      await b.pause();
      if (gen !== renderGeneration) return;
    }
  }
  if (gen !== renderGeneration) return;
  painter.paint(byName);
  if (timing.firstDrawn === null && !painter.isEmpty()) timing.firstDrawn = performance.now();
  afterPaint();
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
  const first = state.scans === 0;
  const b = budget();
  try {
    await scanSliced(b, first);
  } finally {
    b.suspend();
  }
}

/** @param {ReturnType<typeof budget>} b @param {boolean} first */
async function scanSliced(b, first) {
  sliceDoing('roots');
  const scope = scopeFor(state.settings, location.href);
  const { roots, mode, opts } = scanPlan(document, scope);
  sliceDoing('extract');
  const { blocks, shadowRoots } = await extractBlocksSliced(roots, opts, b);
  marks.extracted = performance.now();
  if (first) timing.extracted = marks.extracted;
  const key = analysisKey(state.settings);
  if (key !== state.cacheKey) {
    state.cache.clear();
    state.cacheKey = key;
  }
  sliceDoing('scheme');
  if (roots[0]) painter.setScheme(pageScheme(roots[0]));
  if (b.due()) await b.pause();
  sliceDoing('cache');
  /** Block indices by text, for texts not analysed yet. */
  const waiting = new Map();
  const ready = [];
  blocks.forEach((bl, i) => {
    if (state.cache.has(bl.text)) ready.push(i);
    else {
      const list = waiting.get(bl.text);
      if (list) list.push(i);
      else waiting.set(bl.text, [i]);
    }
  });
  // Draw batch by batch when nothing is drawn yet (a page's first scan);
  // otherwise keep what is drawn until the new state is complete.
  const progressive = painter.isEmpty();
  if (progressive) {
    renderGeneration++;
    pendingDraw = { byName: {}, n: 0 };
    drawnCount = 0;
    state.blocks = blocks;
    state.shadowRoots = shadowRoots;
    state.mode = mode;
    state.scope = scope;
    state.findings = [];
    const now = findingsOfBlocks(blocks, ready);
    state.findings.push(...now);
    await drawMore(now, b);
  }

  if (b.due()) await b.pause();
  sliceDoing('batch');
  const batches = batchesOf([...waiting.keys()]);
  if (first) {
    timing.blocks = blocks.length;
    timing.chars = [...waiting.keys()].reduce((n, t) => n + t.length, 0);
    timing.batches = batches.length;
  }
  /** Findings per text, gathered over its pieces; pieces still due per text. */
  const partial = new Map();
  const due = new Map();
  for (const batch of batches) for (const o of batch.owners) due.set(o.text, (due.get(o.text) || 0) + 1);
  let stale = false;
  const inFlight = [];
  let next = 0;
  const sendNext = () => {
    const batch = batches[next++];
    const reply = send({ type: 'analyze', blocks: batch.blocks, url: location.href }).then(
      (res) => ({ batch, res }),
      (e) => ({ batch, error: String((e && e.message) || e) }),
    );
    inFlight.push(reply);
  };
  while (next < batches.length && inFlight.length < BATCHES_IN_FLIGHT) sendNext();
  while (inFlight.length) {
    b.suspend();
    const { batch, res, error } = await inFlight.shift();
    b.resume();
    marks.replied = performance.now();
    if (res) marks.coreMs = (marks.coreMs || 0) + (res.coreMs || 0);
    sliceDoing('reply');
    // Settings may have changed while we waited; then these results are stale.
    if (analysisKey(state.settings) !== key) {
      stale = true;
      break;
    }
    if (next < batches.length) sendNext();
    if (error) {
      state.lastError = error;
      continue;
    }
    sliceDoing('results');
    if (first) timing.coreMs += res.coreMs || 0;
    const per = batch.blocks.map(() => []);
    for (const f of res.findings) per[f.block].push(f);
    /** Block indices whose text is now complete. */
    const done = [];
    batch.owners.forEach((o, i) => {
      let acc = partial.get(o.text);
      if (!acc) partial.set(o.text, (acc = []));
      for (const f of per[i]) acc.push(shifted(f, o.offset));
      const left = due.get(o.text) - 1;
      due.set(o.text, left);
      if (left === 0) {
        state.cache.set(o.text, acc);
        partial.delete(o.text);
        state.analysedBlocks += 1;
        done.push(...waiting.get(o.text));
      }
    });
    state.lastError = '';
    if (progressive) {
      const more = findingsOfBlocks(blocks, done);
      state.findings.push(...more);
      await drawMore(more, b);
    }
  }
  if (stale) {
    if (progressive) flushDraw();
    state.rescan = true;
    return;
  }
  sliceDoing('finish');
  // Keep the cache from growing without bound on long-lived dynamic pages.
  if (state.cache.size > 4 * blocks.length + 200) {
    const live = new Set(blocks.map((bl) => bl.text));
    for (const t of state.cache.keys()) if (!live.has(t)) state.cache.delete(t);
  }
  // A page that only gained blocks (a live blog's new entry, an appended
  // paragraph) keeps what is drawn: its ranges are live and still right.
  const added = !progressive && key === state.drawnKey && scope === state.scope ? addedBlocks(state.blocks, blocks) : null;
  state.blocks = blocks;
  state.shadowRoots = shadowRoots;
  state.mode = mode;
  state.scope = scope;
  state.hasArticle = blocks.reduce((n, bl) => n + bl.text.trim().length, 0) >= MIN_ARTICLE_CHARS;
  // All findings, page order (progressive drawing added them batch by batch).
  state.findings = findingsOfBlocks(blocks, blocks.keys());
  state.drawnKey = key;
  state.scans += 1;
  if (progressive) {
    flushDraw();
    afterPaint();
  } else if (added) {
    drawAdded(blocks, added);
  } else await renderSliced(b);
}

/** Draws the findings of newly added blocks on top of what is drawn. */
function drawAdded(blocks, indices) {
  sliceDoing('draw');
  renderGeneration++;
  const visible = visibleNow();
  /** @type {Record<string, Range[]>} */
  const byName = {};
  for (const f of findingsOfBlocks(blocks, indices)) if (visible(f)) collectRanges(f, byName);
  painter.add(byName);
  afterPaint();
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
  renderGeneration++;
  /** @type {Record<string, Range[]>} */
  const byName = {};
  for (const f of visibleFindings()) collectRanges(f, byName);
  painter.paint(byName);
  afterPaint();
}

function afterPaint() {
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
    scope: state.scope,
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
      'page/timing': async () => ({ timing: { ...timing, mutation: { ...timing.mutation }, timeOrigin: performance.timeOrigin } }),
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
    isSiteEnabled(prev, location.href) !== siteEnabled() ||
    scopeFor(prev, location.href) !== scopeFor(state.settings, location.href);
  if (needScan) scan();
  else render();
});

// ---- dynamic pages: rescan (changed blocks only) as soon as the DOM changes

/** When the first DOM change not yet scanned was observed (0: none). */
let pendingSince = 0;
/** The last re-scan after a DOM change: when it ended and how long it took. */
let lastScan = { end: 0, ms: 0 };
let scheduled = false;
/** When the current scan finished extracting and got its last answer from the worker; the core's time. */
let marks = /** @type {{extracted?: number, replied?: number, coreMs?: number}} */ ({});

function scheduleScan() {
  if (scheduled) return;
  scheduled = true;
  // Back-to-back re-scans (a page that changes all the time) are spaced so
  // scanning takes at most about a third of the main thread.
  const wait = Math.min(MUTATION_MAX_WAIT_MS, Math.max(0, lastScan.end + 2 * lastScan.ms - performance.now()));
  const go = () => {
    scheduled = false;
    scan();
  };
  if (wait > 1) setTimeout(go, wait);
  else yieldTask().then(go);
}

const observer = new MutationObserver((records) => {
  /** The only change the extension makes: inserting its card host once. */
  const ours = (r) =>
    card.owns(r.target) ||
    (r.type === 'childList' && r.removedNodes.length === 0 && r.addedNodes.length > 0 && [...r.addedNodes].every((n) => card.owns(n)));
  if (records.every(ours)) return;
  if (!pendingSince) pendingSince = performance.now();
  scheduleScan();
});

// ---- the highlight registry is shared with the page, which may wipe it
// (CSS.highlights.clear()) without touching the DOM: check it now and then.

const RESTORE_EVERY_MS = 1000;

async function start() {
  const got = await chrome.storage.local.get(SETTINGS_KEY);
  state.settings = migrate(got[SETTINGS_KEY]);
  timing.settings = performance.now();
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
