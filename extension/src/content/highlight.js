// Draws findings with the CSS Custom Highlight API: one highlight per
// category, a stronger one for cue words and a short-lived "flash". The page
// DOM is never modified: styles go in a constructed stylesheet adopted by the
// document (and by any open shadow root or same-origin frame that holds text).

import { CATEGORIES, PALETTE } from '../shared/findings.js';

export const HIGHLIGHT_NAMES = Object.freeze({
  hedged: 'claimlens-hedged',
  denial: 'claimlens-denial',
  unsourced: 'claimlens-unsourced',
  attributed: 'claimlens-attributed',
  cue: 'claimlens-cue',
  flash: 'claimlens-flash',
});

const PRIORITY = { hedged: 1, attributed: 2, unsourced: 3, denial: 4, cue: 10, flash: 20 };

/** @param {'light'|'dark'} scheme */
export function highlightCss(scheme) {
  const c = PALETTE[scheme];
  return `
::highlight(claimlens-hedged) { background-color: ${c.hedged}; }
::highlight(claimlens-denial) { text-decoration-line: underline; text-decoration-style: solid; text-decoration-color: ${c.denial}; text-decoration-thickness: 2px; }
::highlight(claimlens-unsourced) { text-decoration-line: underline; text-decoration-style: dotted; text-decoration-color: ${c.unsourced}; text-decoration-thickness: 3px; }
::highlight(claimlens-attributed) { text-decoration-line: underline; text-decoration-style: wavy; text-decoration-color: ${c.attributed}; text-decoration-thickness: 1px; }
::highlight(claimlens-cue) { background-color: ${c.cue}; color: ${c.cueText}; }
::highlight(claimlens-flash) { background-color: ${c.flash}; color: #000; }
`;
}

/** Relative luminance of a CSS colour string like "rgb(1, 2, 3)"; null if transparent. */
function luminance(color) {
  const m = /rgba?\(([^)]+)\)/.exec(color || '');
  if (!m) return null;
  const [r, g, b, a = 1] = m[1].split(/[,\s/]+/).filter(Boolean).map(Number);
  if (a === 0) return null;
  const lin = (v) => {
    const x = v / 255;
    return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/**
 * Light or dark palette, from the background actually behind the text.
 * @param {Element|null} sample an element of the article
 */
export function pageScheme(sample) {
  const doc = sample ? sample.ownerDocument : document;
  const win = doc.defaultView;
  for (let el = sample; el; el = el.parentElement) {
    const l = luminance(win.getComputedStyle(el).backgroundColor);
    if (l !== null) return l < 0.25 ? 'dark' : 'light';
  }
  const l = luminance(win.getComputedStyle(doc.documentElement).backgroundColor);
  if (l !== null) return l < 0.25 ? 'dark' : 'light';
  return win.matchMedia && win.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/**
 * Owns the highlight registrations and stylesheets for one document tree.
 */
export class Painter {
  constructor() {
    /** @type {Map<Document|ShadowRoot, CSSStyleSheet>} */
    this.sheets = new Map();
    this.scheme = 'light';
    /** @type {Set<Document>} documents whose registry we wrote to */
    this.docs = new Set();
    /** @type {Map<Document, Map<string, Highlight>>} what each registry should hold */
    this.live = new Map();
  }

  /** @param {'light'|'dark'} scheme */
  setScheme(scheme) {
    if (scheme === this.scheme) return;
    this.scheme = scheme;
    for (const sheet of this.sheets.values()) sheet.replaceSync(highlightCss(scheme));
  }

  /** Adopts the highlight stylesheet into a document or shadow root (once). */
  adopt(target) {
    if (this.sheets.has(target)) return;
    const win = (target.ownerDocument || target).defaultView || window;
    let sheet;
    try {
      sheet = new win.CSSStyleSheet();
    } catch {
      return;
    }
    sheet.replaceSync(highlightCss(this.scheme));
    this.sheets.set(target, sheet);
    target.adoptedStyleSheets = [...target.adoptedStyleSheets, sheet];
  }

  /**
   * Replaces all highlights.
   * @param {Record<string, Range[]>} rangesByName  keys of HIGHLIGHT_NAMES
   */
  paint(rangesByName) {
    /** @type {Map<Document, Record<string, Range[]>>} */
    const perDoc = new Map();
    for (const [name, ranges] of Object.entries(rangesByName)) {
      for (const r of ranges) {
        const doc = r.startContainer.ownerDocument;
        if (!perDoc.has(doc)) perDoc.set(doc, {});
        const bucket = perDoc.get(doc);
        (bucket[name] ||= []).push(r);
        const root = r.startContainer.getRootNode();
        if (root && root !== doc && root.nodeType === 11) this.adopt(root);
      }
    }
    const docs = new Set([...this.docs, ...perDoc.keys()]);
    for (const doc of docs) {
      const win = doc.defaultView;
      if (!win || !win.CSS || !win.CSS.highlights) continue;
      this.adopt(doc);
      this.docs.add(doc);
      const bucket = perDoc.get(doc) || {};
      for (const name of Object.keys(HIGHLIGHT_NAMES)) {
        if (name === 'flash') continue;
        const ranges = bucket[name] || [];
        const key = HIGHLIGHT_NAMES[name];
        if (!this.live.has(doc)) this.live.set(doc, new Map());
        const live = this.live.get(doc);
        if (!ranges.length) {
          win.CSS.highlights.delete(key);
          live.delete(key);
          continue;
        }
        const h = new win.Highlight(...ranges);
        h.priority = PRIORITY[name];
        win.CSS.highlights.set(key, h);
        live.set(key, h);
      }
    }
  }

  /**
   * Adds ranges to what is drawn (creating and registering highlights as
   * needed), without touching what is already there: for drawing a page
   * progressively, batch by batch.
   * @param {Record<string, Range[]>} rangesByName  keys of HIGHLIGHT_NAMES
   */
  add(rangesByName) {
    for (const [name, ranges] of Object.entries(rangesByName)) {
      const key = HIGHLIGHT_NAMES[name];
      if (!key || name === 'flash') continue;
      for (const r of ranges) {
        const doc = r.startContainer.ownerDocument;
        const win = doc.defaultView;
        if (!win || !win.CSS || !win.CSS.highlights) continue;
        const root = r.startContainer.getRootNode();
        if (root && root !== doc && root.nodeType === 11) this.adopt(root);
        let live = this.live.get(doc);
        if (!live) {
          this.adopt(doc);
          this.docs.add(doc);
          live = new Map();
          this.live.set(doc, live);
        }
        let h = live.get(key);
        if (!h) {
          h = new win.Highlight();
          h.priority = PRIORITY[name];
          live.set(key, h);
          win.CSS.highlights.set(key, h);
        }
        h.add(r);
      }
    }
  }

  /** Is nothing drawn? */
  isEmpty() {
    for (const live of this.live.values()) for (const h of live.values()) if (h.size) return false;
    return true;
  }

  /**
   * Puts back highlights the page removed or replaced in the shared registry
   * (a page may call CSS.highlights.clear()). A few map look-ups; returns how
   * many were restored.
   */
  restore() {
    let n = 0;
    for (const [doc, live] of this.live) {
      const win = doc.defaultView;
      if (!win) {
        this.live.delete(doc);
        this.docs.delete(doc);
        continue;
      }
      if (!win.CSS || !win.CSS.highlights) continue;
      for (const [key, h] of live) {
        if (win.CSS.highlights.get(key) !== h) {
          win.CSS.highlights.set(key, h);
          n++;
        }
      }
    }
    return n;
  }

  /** Briefly emphasises ranges (after "reveal" from the side panel or a command). */
  flash(ranges, ms = 1200) {
    for (const r of ranges) {
      const win = r.startContainer.ownerDocument.defaultView;
      const h = new win.Highlight(...ranges.filter((x) => x.startContainer.ownerDocument === r.startContainer.ownerDocument));
      h.priority = PRIORITY.flash;
      win.CSS.highlights.set(HIGHLIGHT_NAMES.flash, h);
      clearTimeout(this.flashTimer);
      this.flashTimer = setTimeout(() => win.CSS.highlights.delete(HIGHLIGHT_NAMES.flash), ms);
      break;
    }
  }

  clear() {
    this.paint({});
  }
}

export { CATEGORIES };
