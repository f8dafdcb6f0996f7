// The finding card: a small panel in a CLOSED shadow root attached to one
// host element, the only node the extension ever adds to a page. The host is
// created on first use and reused; it is never changed after insertion.

import { CATEGORY_INFO, PALETTE, tidy } from '../shared/findings.js';
import { copyText } from '../shared/clipboard.js';
import { HOST_TAG } from './extract.js';

const CARD_CSS = `
:host { all: initial !important; position: fixed !important; inset: 0 auto auto 0 !important;
  width: 0 !important; height: 0 !important; z-index: 2147483647 !important; display: block !important;
  overflow: visible !important; pointer-events: none !important; contain: none !important; }
.card { position: fixed; box-sizing: border-box; width: min(380px, calc(100vw - 16px)); max-height: min(420px, calc(100vh - 16px));
  overflow: auto; pointer-events: auto; background: #ffffff; color: #1a1a1a; border: 1px solid #8a8a8a;
  border-radius: 8px; box-shadow: 0 6px 24px rgba(0,0,0,.25); padding: 12px 14px 10px;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; text-align: left; }
.card[hidden] { display: none; }
.card.dark { background: #1f2226; color: #eceff3; border-color: #5d636b; }
.top { display: flex; align-items: center; gap: 8px; margin: 0 0 6px; }
.brand { font-size: 11px; letter-spacing: .06em; text-transform: uppercase; opacity: .75; flex: 1; }
.close { all: unset; cursor: pointer; width: 24px; height: 24px; text-align: center; line-height: 24px; border-radius: 4px; font-size: 18px; }
.close:focus-visible, button:focus-visible { outline: 2px solid #0072B2; outline-offset: 2px; }
.finding { border-top: 1px solid rgba(127,127,127,.35); padding: 8px 0 6px; }
.finding:first-of-type { border-top: 0; padding-top: 0; }
.cat { display: flex; align-items: center; gap: 8px; font-weight: 650; }
.swatch { display: inline-block; flex: none; padding: 0 4px; border-radius: 2px; font: 600 14px/1.3 Georgia, "Times New Roman", serif; text-underline-offset: 2px; }
.sw-hedged { background: var(--hedged); }
.sw-denial { text-decoration: underline solid var(--denial) 2px; }
.sw-unsourced { text-decoration: underline dotted var(--unsourced) 3px; }
.sw-attributed { text-decoration: underline wavy var(--attributed) 1px; }
.conf { font-weight: 400; opacity: .8; margin-left: auto; font-size: 12px; }
.reason { margin: 4px 0 0; }
.meta { margin: 3px 0 0; font-size: 13px; opacity: .9; }
.cue { background: var(--cue); color: #000; border-radius: 2px; padding: 0 2px; font-weight: 650; }
blockquote { margin: 8px 0; padding: 6px 10px; border-left: 3px solid rgba(127,127,127,.6); font-style: italic; max-height: 8.5em; overflow: auto; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 6px; }
.actions button { font: inherit; font-size: 13px; padding: 4px 10px; border-radius: 5px; border: 1px solid #7a7a7a; background: #f2f2f2; color: #111; cursor: pointer; }
.card.dark .actions button { background: #2d3238; color: #eceff3; border-color: #6b7178; }
.actions button[disabled] { opacity: .5; cursor: default; }
.status { font-size: 12px; min-height: 1.2em; margin: 4px 0 0; opacity: .85; }
.textarea { position: fixed; left: -9999px; top: 0; opacity: 0; }
`;

/**
 * @typedef {Object} CardFinding
 * @property {string} id
 * @property {import('../shared/findings.js').Category} category
 * @property {string} text
 * @property {Array<{start: number, end: number, text: string}>} cues  relative to the passage
 * @property {string} reason
 * @property {number} confidence
 * @property {string|null} source
 */

/**
 * @param {{onHideCue: (cue: string) => void, onClose?: () => void}} hooks
 */
export function createCard(hooks) {
  /** @type {HTMLElement|null} */
  let host = null;
  /** @type {ShadowRoot|null} */
  let shadow = null;
  /** @type {HTMLElement|null} */
  let card = null;
  let current = /** @type {CardFinding[]} */ ([]);
  let pinned = false;

  function ensure() {
    if (host && host.isConnected) return;
    host = document.createElement(HOST_TAG.toLowerCase());
    shadow = host.attachShadow({ mode: 'closed' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CARD_CSS);
    shadow.adoptedStyleSheets = [sheet];
    card = document.createElement('div');
    card.className = 'card';
    card.hidden = true;
    card.setAttribute('role', 'dialog');
    card.setAttribute('aria-label', 'claimlens finding');
    card.tabIndex = -1;
    shadow.append(card);
    card.addEventListener('click', onClick);
    card.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        hide();
      }
    });
    (document.documentElement || document.body).append(host);
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /** Passage text with its cue words marked, built from text nodes only. */
  function passageNode(f) {
    const q = el('blockquote');
    const cues = [...f.cues].sort((a, b) => a.start - b.start);
    let pos = 0;
    for (const c of cues) {
      if (c.start < pos || c.end > f.text.length) continue;
      q.append(document.createTextNode(f.text.slice(pos, c.start)));
      q.append(el('span', 'cue', f.text.slice(c.start, c.end)));
      pos = c.end;
    }
    q.append(document.createTextNode(f.text.slice(pos)));
    q.normalize();
    // Collapse the page's source formatting whitespace for display.
    for (const n of q.childNodes) if (n.nodeType === 3) n.data = n.data.replace(/\s+/g, ' ');
    return q;
  }

  /**
   * @param {CardFinding[]} findings  all findings on the passage (≥1)
   * @param {DOMRect} anchor           where the passage is on screen
   * @param {{pinned?: boolean, focus?: boolean, scheme?: 'light'|'dark'}} [opts]
   */
  function show(findings, anchor, opts = {}) {
    ensure();
    current = findings;
    pinned = !!opts.pinned;
    const scheme = opts.scheme || 'light';
    const pal = PALETTE[scheme];
    card.classList.toggle('dark', scheme === 'dark');
    for (const k of ['hedged', 'denial', 'unsourced', 'attributed', 'cue']) card.style.setProperty(`--${k}`, pal[k]);
    card.replaceChildren();

    const top = el('div', 'top');
    top.append(el('span', 'brand', 'claimlens'));
    const close = el('button', 'close', '×');
    close.setAttribute('aria-label', 'Close');
    close.dataset.action = 'close';
    top.append(close);
    card.append(top);

    for (const f of findings) {
      const sec = el('section', 'finding');
      sec.dataset.category = f.category;
      const head = el('div', 'cat');
      head.append(el('span', `swatch sw-${f.category}`, 'Aa'));
      head.append(el('span', 'label', CATEGORY_INFO[f.category].label));
      head.append(el('span', 'conf', `${Math.round(f.confidence * 100)}% confidence`));
      sec.append(head);
      sec.append(el('p', 'reason', tidy(f.reason)));
      if (f.cues.length) {
        sec.append(el('p', 'meta cues', `Cue words: ${[...new Set(f.cues.map((c) => tidy(c.text)))].join(', ')}`));
      }
      if (f.source) sec.append(el('p', 'meta source', `Source: ${tidy(f.source)}`));
      card.append(sec);
    }
    card.append(passageNode(findings[0]));

    const actions = el('div', 'actions');
    const copy = el('button', '', 'Copy passage');
    copy.dataset.action = 'copy';
    const hideBtn = el('button', '', 'Hide this cue on this site');
    hideBtn.dataset.action = 'hide-cue';
    const cue = firstCue(findings);
    if (!cue) {
      hideBtn.disabled = true;
      hideBtn.title = 'This passage has no cue words';
    } else hideBtn.title = `Stop flagging “${cue}” on this site`;
    actions.append(copy, hideBtn);
    card.append(actions);
    card.append(el('p', 'status'));
    card.lastChild.setAttribute('role', 'status');

    card.hidden = false;
    place(anchor);
    if (opts.focus) copy.focus({ preventScroll: true });
  }

  function firstCue(findings) {
    for (const f of findings) if (f.cues.length) return tidy(f.cues[0].text);
    return '';
  }

  function place(anchor) {
    const w = card.offsetWidth;
    const h = card.offsetHeight;
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    let left = Math.min(Math.max(8, anchor.left), vw - w - 8);
    let top = anchor.bottom + 8;
    if (top + h > vh - 8) top = anchor.top - h - 8;
    if (top < 8) top = Math.max(8, Math.min(vh - h - 8, anchor.bottom + 8));
    card.style.left = `${Math.max(8, left)}px`;
    card.style.top = `${top}px`;
  }

  function setStatus(text) {
    const s = card && card.querySelector('.status');
    if (s) s.textContent = text;
  }

  async function onClick(e) {
    const btn = /** @type {Element} */ (e.target).closest('button');
    if (!btn) return;
    e.stopPropagation();
    const action = btn.dataset.action;
    if (action === 'close') hide();
    else if (action === 'copy' && current.length) {
      // Any fallback copy happens inside our own shadow root: the page DOM stays untouched.
      const ok = await copyText(tidy(current[0].text), { parent: shadow, className: 'textarea' });
      setStatus(ok ? 'Passage copied.' : 'Could not copy: the page did not allow it.');
    } else if (action === 'hide-cue') {
      const cue = firstCue(current);
      if (cue) {
        hooks.onHideCue(cue);
        hide();
      }
    }
  }

  function hide() {
    if (card && !card.hidden) {
      card.hidden = true;
      current = [];
      pinned = false;
      if (hooks.onClose) hooks.onClose();
    }
  }

  return {
    show,
    hide,
    isOpen: () => !!card && !card.hidden,
    isPinned: () => pinned,
    /** Is this node (e.g. an event target) the card's host? */
    owns: (node) => !!host && node === host,
    host: () => host,
    shown: () => current,
  };
}
