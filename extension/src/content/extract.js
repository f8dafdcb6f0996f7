// Finds the article text of a page and turns it into blocks (see blocks.js).
// Reads the DOM only; never modifies it.

import { makeBlock } from './blocks.js';

/** Never text a reader sees as prose. */
const SKIP_TAGS = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'BUTTON',
  'SVG', 'MATH', 'CANVAS', 'VIDEO', 'AUDIO', 'OBJECT', 'EMBED', 'IFRAME', 'FRAME', 'HEAD', 'TITLE',
  'DIALOG', 'MENU',
]);

/** Page furniture: skipped inside the article, and everywhere on a whole-page scan. */
const BOILERPLATE_TAGS = new Set(['NAV', 'ASIDE', 'FOOTER', 'FORM']);
const BOILERPLATE_ROLES = new Set(['navigation', 'complementary', 'contentinfo', 'search', 'banner', 'menu', 'menubar', 'dialog', 'alert']);
const BOILERPLATE_NAMES =
  /(^|[\s_-])(comments?|comment-list|disqus|respond|replies|related|recommended|newsletter|share|sharing|social|promo|advert|advertisement|ads?|sponsored|subscribe|subscription|paywall|outbrain|taboola|cookie|consent|breadcrumbs?|byline-share|most-read|trending|sidebar|rail)([\s_-]|$)/i;

/** Elements that start a new block of text. */
const BLOCK_TAGS = new Set([
  'P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'BLOCKQUOTE', 'DD', 'DT', 'DL', 'FIGCAPTION', 'FIGURE',
  'PRE', 'TD', 'TH', 'CAPTION', 'TABLE', 'TR', 'TBODY', 'THEAD', 'TFOOT', 'ADDRESS', 'SUMMARY', 'DETAILS',
  'LEGEND', 'FIELDSET', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'FOOTER', 'ASIDE', 'NAV', 'UL', 'OL',
  'BODY', 'HTML', 'HGROUP', 'CENTER', 'HR', 'BR', 'TIME-BLOCK',
]);

/** Tag name of the element that hosts the extension's card; never scanned. */
export const HOST_TAG = 'CLAIMLENS-CARD';

/** @param {Element} el */
function isBoilerplate(el, wholePage) {
  const tag = el.tagName;
  if (BOILERPLATE_TAGS.has(tag)) return true;
  if (wholePage && tag === 'HEADER') return true;
  const role = el.getAttribute('role');
  if (role && BOILERPLATE_ROLES.has(role)) return true;
  // Class names like "post has-comments" must not drop the story itself.
  if (tag === 'ARTICLE' || tag === 'MAIN' || tag === 'BODY' || el.hasAttribute('itemprop')) return false;
  const names = `${el.id || ''} ${typeof el.className === 'string' ? el.className : ''}`;
  if (names.length > 1 && names.length < 300 && BOILERPLATE_NAMES.test(names)) return true;
  return false;
}

/** @param {Element} el */
function isHidden(el) {
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  if (el.isContentEditable && el.getAttribute('contenteditable') !== null) return true;
  if (typeof el.checkVisibility === 'function') {
    if (el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: false })) return false;
    // Boxless elements (<slot>, display: contents) report "not visible" but
    // their children render; those are checked one by one.
    return el.ownerDocument.defaultView.getComputedStyle(el).display !== 'contents';
  }
  const cs = el.ownerDocument.defaultView.getComputedStyle(el);
  return cs.display === 'none' || cs.visibility === 'hidden';
}

/** @param {Element} el */
function isBlockElement(el) {
  if (BLOCK_TAGS.has(el.tagName)) return true;
  if (el.shadowRoot || el.tagName.includes('-')) {
    const d = el.ownerDocument.defaultView.getComputedStyle(el).display;
    return !d.startsWith('inline') && d !== 'contents';
  }
  return false;
}

/** Rough visible text length of an element (cheap; used to rank containers). */
function textLength(el) {
  return (el.textContent || '').replace(/\s+/g, ' ').length;
}

/** Does `el` hold at least `n` characters of text (stops counting there)? */
function hasTextLength(el, n) {
  const walker = el.ownerDocument.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
  let total = 0;
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    total += t.data.replace(/\s+/g, ' ').length;
    if (total >= n) return true;
  }
  return false;
}

/** Is `el` inside page furniture (nav, aside, comments...) of its document? */
function inBoilerplate(el) {
  for (let p = el.parentElement; p; p = p.parentElement) {
    if (isBoilerplate(p, false)) return true;
  }
  return false;
}

/** Keeps only the outermost elements of a list. */
function outermost(els) {
  return els.filter((el) => !els.some((o) => o !== el && o.contains(el)));
}

/**
 * Chooses the elements holding the article text.
 * @param {Document} doc
 * @returns {{roots: Element[], mode: 'article'|'main'|'densest'|'page'}}
 */
export function findRoots(doc) {
  const usable = (el) => !inBoilerplate(el) && !isBoilerplate(el, false) && !isHidden(el);

  const body = [...doc.querySelectorAll('[itemprop~="articleBody"]')].filter(usable);
  if (body.length) return { roots: outermost(body), mode: 'article' };

  let articles = outermost([...doc.querySelectorAll('article, [role="article"]')].filter(usable));
  if (articles.length === 1 && hasTextLength(articles[0], 150)) {
    // One candidate: no need to measure all of its text.
    return { roots: articles, mode: 'article' };
  }
  if (articles.length) {
    const lengths = articles.map(textLength);
    const longest = Math.max(...lengths);
    if (longest >= 150) {
      // One story plus teaser cards: keep the story. A live blog's posts are
      // of similar length: keep them all.
      articles = articles.filter((_, i) => lengths[i] >= longest * 0.25 && lengths[i] >= 80);
      return { roots: articles, mode: 'article' };
    }
  }

  const main = [...doc.querySelectorAll('main, [role="main"]')].filter(usable);
  if (main.length && hasTextLength(main[0], 150)) return { roots: [main[0]], mode: 'main' };

  // The element whose own paragraphs hold the most text.
  /** @type {Map<Element, number>} */
  const score = new Map();
  for (const p of doc.querySelectorAll('p')) {
    const parent = p.parentElement;
    if (!parent || inBoilerplate(p)) continue;
    score.set(parent, (score.get(parent) || 0) + textLength(p));
  }
  let best = null;
  let bestScore = 0;
  for (const [el, s] of score) {
    if (s > bestScore) {
      best = el;
      bestScore = s;
    }
  }
  if (best && bestScore >= 300) return { roots: [best], mode: 'densest' };
  return { roots: doc.body ? [doc.body] : [], mode: 'page' };
}

/**
 * Roots and extraction options for a scan with the given scope: 'article'
 * reads the article found by findRoots (the whole page, furniture left out,
 * when there is none); 'page' reads all visible text of the page, rails,
 * comments and navigation included.
 * @param {Document} doc @param {'article'|'page'} scope
 * @returns {{roots: Element[], mode: 'article'|'main'|'densest'|'page'|'all', opts: {wholePage: boolean, furniture: boolean}}}
 */
export function scanPlan(doc, scope) {
  if (scope === 'page') {
    return { roots: doc.body ? [doc.body] : [], mode: 'all', opts: { wholePage: true, furniture: true } };
  }
  const { roots, mode } = findRoots(doc);
  return { roots, mode, opts: { wholePage: mode === 'page', furniture: false } };
}

/**
 * Walks the flat tree (open shadow roots and their slots, same-origin
 * iframes) under the roots and collects blocks of visible text.
 *
 * @param {Element[]} roots
 * @param {{wholePage?: boolean, furniture?: boolean}} [opts]  furniture: keep
 *   page furniture (navigation, rails, comments...) instead of skipping it
 * @returns {{blocks: import('./blocks.js').Block[], shadowRoots: ShadowRoot[], documents: Document[]}}
 */
export function extractBlocks(roots, opts = {}) {
  const steps = extractSteps(roots, opts);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * extractBlocks in slices: yields to the event loop whenever `budget.due()`
 * says the current slice has run long enough.
 * @param {Element[]} roots @param {{wholePage?: boolean, furniture?: boolean}} opts
 * @param {{due: () => boolean, pause: () => Promise<void>}} budget
 */
export async function extractBlocksSliced(roots, opts, budget) {
  const steps = extractSteps(roots, opts);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (budget.due()) await budget.pause();
  }
}

/** Nodes visited between chances to yield. */
const STEP_NODES = 512;

/**
 * The walk behind extractBlocks: a generator that yields every STEP_NODES
 * nodes and returns the result.
 * @param {Element[]} roots @param {{wholePage?: boolean, furniture?: boolean}} [opts]
 */
function* extractSteps(roots, { wholePage = false, furniture = false } = {}) {
  /** @type {import('./blocks.js').Block[]} */
  const blocks = [];
  /** @type {ShadowRoot[]} */
  const shadowRoots = [];
  /** @type {Document[]} */
  const documents = [];
  /** @type {Text[]} */
  let run = [];
  let runElement = null;

  const flush = () => {
    if (run.length) {
      const block = makeBlock(run, runElement);
      if (block.text.trim()) blocks.push(block);
    }
    run = [];
  };

  // An explicit stack rather than recursion: pages nest elements deeper than
  // the JavaScript call stack allows. A null node marks "flush here", after
  // a block element's children.
  /** @type {Array<Node|null>} */
  const nodes = [];
  /** @type {Array<Element|null>} */
  const owners = [];
  const push = (node, blockEl) => {
    nodes.push(node);
    owners.push(blockEl);
  };
  const pushChildren = (kids, blockEl) => {
    for (let i = kids.length - 1; i >= 0; i--) push(kids[i], blockEl);
  };

  /** Walks the tree under `start` in document order. @param {Node} start @param {Element} startBlock */
  const walk = function* (start, startBlock) {
    push(start, startBlock);
    let n = 0;
    while (nodes.length) {
      if (++n === STEP_NODES) {
        n = 0;
        yield;
      }
      const node = nodes.pop();
      const blockEl = owners.pop();
      if (node === null) {
        flush();
        continue;
      }
      if (node.nodeType === 3) {
        const t = /** @type {Text} */ (node);
        if (t.data.length) {
          if (runElement !== blockEl) flush();
          runElement = blockEl;
          run.push(t);
        }
        continue;
      }
      if (node.nodeType !== 1) continue;
      const el = /** @type {Element} */ (node);
      const tag = el.tagName.toUpperCase();
      if (SKIP_TAGS.has(tag) || tag === HOST_TAG) {
        if (tag === 'IFRAME' || tag === 'FRAME') {
          const doc = frameDocument(/** @type {HTMLIFrameElement} */ (el));
          if (doc) {
            documents.push(doc);
            flush();
            push(null, null);
            push(doc.body, doc.body);
          }
        }
        continue;
      }
      if (!furniture && isBoilerplate(el, wholePage) && !roots.includes(el)) continue;
      if (isHidden(el)) continue;
      if (tag === 'BR' || tag === 'HR') {
        flush();
        continue;
      }
      const isBlock = isBlockElement(el);
      if (isBlock) {
        flush();
        push(null, null);
      }
      const inner = isBlock ? el : blockEl;
      if (tag === 'SLOT') {
        const assigned = /** @type {HTMLSlotElement} */ (el).assignedNodes({ flatten: true });
        pushChildren(assigned.length ? assigned : el.childNodes, inner);
      } else if (el.shadowRoot) {
        shadowRoots.push(el.shadowRoot);
        pushChildren(el.shadowRoot.childNodes, inner);
      } else {
        pushChildren(el.childNodes, inner);
      }
    }
  };

  /** Same-origin frames are part of the article (e.g. an embedded explainer). */
  const frameDocument = (frame) => {
    let doc = null;
    try {
      doc = frame.contentDocument;
    } catch {
      doc = null;
    }
    if (!doc || !doc.body || isHidden(frame)) return null;
    return doc;
  };

  for (const root of roots) {
    flush();
    yield* walk(root, root);
    flush();
  }
  return { blocks, shadowRoots, documents };
}

/** Page title without trailing site-name decoration is left to the reader. */
export function pageTitle(doc) {
  return (doc.title || '').trim();
}
