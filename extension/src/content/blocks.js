// Pure helpers over extracted blocks: the UTF-16 offset map from block text
// back to DOM Text nodes. A block is a run of text nodes rendered in one
// block-level box; its text is the concatenation of their data, with
// newlines and tabs turned into spaces (same length, so offsets map 1:1).

/**
 * @typedef {Object} Segment
 * @property {{data: string}} node   a Text node (anything with .data in tests)
 * @property {number} start          offset of the node's first char in the block
 * @property {number} end            start + node.data.length at extraction time
 *
 * @typedef {Object} Block
 * @property {string} text
 * @property {Segment[]} segments    in text order, contiguous
 * @property {any} [element]         the block-level element (for scrolling)
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Same-length normalisation applied to text sent to the core: whitespace
 * becomes spaces, and a lone UTF-16 surrogate becomes U+FFFD (as it does on
 * its way into the core), so findings over such text still match the page.
 */
export function normalizeText(s) {
  const t = s.replace(/[\t\n\r\f\v]/g, ' ');
  if (typeof t.isWellFormed === 'function') return t.isWellFormed() ? t : t.toWellFormed();
  return t.replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * Builds a block from text nodes.
 * @param {Array<{data: string}>} nodes @param {any} [element]
 * @returns {Block}
 */
export function makeBlock(nodes, element) {
  const segments = [];
  let pos = 0;
  let text = '';
  for (const node of nodes) {
    const d = node.data;
    segments.push({ node, start: pos, end: pos + d.length });
    pos += d.length;
    text += d;
  }
  return { text: normalizeText(text), segments, element };
}

/**
 * Index of the segment containing block offset `off`. With `atEnd`, an offset
 * on a boundary belongs to the earlier segment (for range ends).
 * @param {Segment[]} segs @param {number} off @param {boolean} atEnd
 */
function segmentIndex(segs, off, atEnd) {
  let lo = 0;
  let hi = segs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = segs[mid];
    if (atEnd ? off <= s.start : off < s.start) hi = mid - 1;
    else if (atEnd ? off > s.end : off >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/**
 * Maps a half-open block range to DOM positions, split wherever consecutive
 * nodes live in different trees (e.g. across a shadow boundary), since a DOM
 * Range cannot span trees. Returns null when the range is outside the block.
 *
 * @param {Block} block @param {number} start @param {number} end
 * @param {(node: any) => any} [rootOf] tree identity of a node
 * @returns {Array<{startNode: any, startOffset: number, endNode: any, endOffset: number}>|null}
 */
export function mapRange(block, start, end, rootOf = () => null) {
  const segs = block.segments;
  if (!segs.length || start < 0 || end > segs[segs.length - 1].end || end <= start) return null;
  const a = segmentIndex(segs, start, false);
  const b = segmentIndex(segs, end, true);
  if (a < 0 || b < 0 || b < a) return null;
  const parts = [];
  let cur = null;
  for (let i = a; i <= b; i++) {
    const s = segs[i];
    const so = i === a ? start - s.start : 0;
    const eo = i === b ? end - s.start : s.end - s.start;
    if (eo <= so && i !== a) continue;
    const root = rootOf(s.node);
    if (cur && cur.root === root) {
      cur.endNode = s.node;
      cur.endOffset = eo;
    } else {
      cur = { root, startNode: s.node, startOffset: so, endNode: s.node, endOffset: eo };
      parts.push(cur);
    }
  }
  return parts.map(({ startNode, startOffset, endNode, endOffset }) => ({ startNode, startOffset, endNode, endOffset }));
}

/**
 * The block's text between start and end as the DOM holds it now (after
 * normalisation), or null if any covered node changed length since
 * extraction.
 * @param {Block} block @param {number} start @param {number} end
 */
export function currentSlice(block, start, end) {
  let out = '';
  for (const s of block.segments) {
    if (s.end <= start) continue;
    if (s.start >= end) break;
    const d = s.node.data;
    if (typeof d !== 'string' || d.length !== s.end - s.start) return null;
    out += d.slice(Math.max(0, start - s.start), Math.min(d.length, end - s.start));
  }
  return normalizeText(out);
}

/**
 * Block offset of a DOM position (node, offset), or -1 if the node is not in
 * the block.
 * @param {Block} block @param {any} node @param {number} offset
 */
export function blockOffsetOf(block, node, offset) {
  for (const s of block.segments) if (s.node === node) return s.start + offset;
  return -1;
}

/**
 * Is the finding still drawable: in range, and the DOM still slices to its
 * exact text?
 * @param {Block|undefined} block @param {{start: number, end: number, text: string}} f
 */
export function findingMatches(block, f) {
  if (!block || f.end > block.text.length || f.start < 0 || f.end <= f.start) return false;
  return currentSlice(block, f.start, f.end) === normalizeText(f.text);
}

/**
 * Pieces of a block text, each at most `max` UTF-16 units, for messages with
 * a per-block limit: cut at a sentence end or a space in the second half of
 * the window when there is one, and never inside a surrogate pair.
 * @param {string} text @param {number} max
 * @returns {Array<{text: string, offset: number}>}
 */
export function piecesOf(text, max) {
  if (text.length <= max) return [{ text, offset: 0 }];
  const out = [];
  let at = 0;
  while (at < text.length) {
    let end = Math.min(text.length, at + max);
    if (end < text.length) {
      const from = at + (max >> 1);
      const tail = text.slice(from, end);
      let cut = tail.lastIndexOf('. ');
      if (cut >= 0) cut += 2;
      else {
        cut = tail.lastIndexOf(' ');
        if (cut >= 0) cut += 1;
      }
      if (cut > 0) end = from + cut;
      const c = text.charCodeAt(end - 1);
      if (c >= 0xd800 && c <= 0xdbff) end -= 1;
    }
    out.push({ text: text.slice(at, end), offset: at });
    at = end;
  }
  return out;
}

/** The same block: the same text over the same text nodes. */
function sameBlock(a, b) {
  return a.text === b.text && a.segments.length === b.segments.length && a.segments.every((s, k) => s.node === b.segments[k].node);
}

/**
 * Indices of the blocks in `now` that are new, when every block of `before`
 * is still there, unchanged and in the same order; otherwise null (a block
 * changed or went away).
 * @param {Block[]} before @param {Block[]} now
 * @returns {number[]|null}
 */
export function addedBlocks(before, now) {
  const added = [];
  let j = 0;
  for (let i = 0; i < now.length; i++) {
    if (j < before.length && sameBlock(before[j], now[i])) j++;
    else added.push(i);
  }
  return j === before.length ? added : null;
}
