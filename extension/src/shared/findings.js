// Finding shape produced by the claimlens core, plus category metadata used by
// every part of the extension.

/**
 * @typedef {'hedged'|'denial'|'unsourced'|'attributed'} Category
 */

/**
 * @typedef {Object} Cue
 * @property {number} start UTF-16 offset into the block
 * @property {number} end   UTF-16 offset into the block (exclusive)
 * @property {string} text
 */

/**
 * @typedef {Object} Finding
 * @property {number} block       index into the blocks array sent for analysis
 * @property {number} start       UTF-16 offset into the block
 * @property {number} end         UTF-16 offset into the block (exclusive)
 * @property {string} text        exact passage: blocks[block].slice(start, end)
 * @property {Category} category
 * @property {Cue[]} cues
 * @property {string} reason
 * @property {number} confidence  0..1
 * @property {string|null} source
 */

/** @type {readonly Category[]} */
export const CATEGORIES = Object.freeze(['hedged', 'denial', 'unsourced', 'attributed']);

/** Categories whose cue lists the user may extend. */
export const CUE_CATEGORIES = Object.freeze(['hedged', 'denial', 'unsourced']);

export const SENSITIVITIES = Object.freeze(['strict', 'balanced', 'eager']);

/** Human labels and short descriptions, shared by the legend, cards and exports. */
export const CATEGORY_INFO = Object.freeze({
  hedged: {
    label: 'Hedged',
    description: 'The writer softens the claim and does not vouch for it.',
    style: 'shaded background',
  },
  denial: {
    label: 'Denial',
    description: 'Someone denies or rejects a claim.',
    style: 'solid underline',
  },
  unsourced: {
    label: 'Unsourced',
    description: 'An assertion with no attribution to a source.',
    style: 'dotted underline',
  },
  attributed: {
    label: 'Attributed',
    description: 'A claim credited to a named source.',
    style: 'wavy underline',
  },
});

/**
 * Okabe–Ito based colours (distinguishable under the common colour-vision
 * deficiencies). Each category also differs by decoration style, so colour is
 * never the only signal. `light` is used on light pages, `dark` on dark pages.
 */
export const PALETTE = Object.freeze({
  light: {
    hedged: 'rgba(230, 159, 0, 0.30)',
    denial: '#0072B2',
    unsourced: '#B4417F',
    attributed: '#007A5A',
    cue: 'rgba(230, 159, 0, 0.62)',
    cueText: '#000000',
    flash: 'rgba(86, 180, 233, 0.55)',
  },
  dark: {
    hedged: 'rgba(240, 180, 40, 0.32)',
    denial: '#56B4E9',
    unsourced: '#F29BCB',
    attributed: '#3DD6A3',
    cue: 'rgba(240, 200, 70, 0.80)',
    cueText: '#000000',
    flash: 'rgba(86, 180, 233, 0.55)',
  },
});

/** @param {unknown} c @returns {c is Category} */
export function isCategory(c) {
  return typeof c === 'string' && CATEGORIES.includes(/** @type {Category} */ (c));
}

/**
 * Checks that a value has the Finding shape. Returns an error string, or null.
 * @param {any} f
 * @param {number} [blockCount]
 * @returns {string|null}
 */
export function findingError(f, blockCount) {
  if (!f || typeof f !== 'object') return 'finding is not an object';
  if (!Number.isInteger(f.block) || f.block < 0) return 'finding.block must be a non-negative integer';
  if (blockCount !== undefined && f.block >= blockCount) return 'finding.block out of range';
  if (!Number.isInteger(f.start) || !Number.isInteger(f.end) || f.start < 0 || f.end < f.start) {
    return 'finding.start/end must be integers with 0 <= start <= end';
  }
  if (typeof f.text !== 'string') return 'finding.text must be a string';
  if (!isCategory(f.category)) return 'finding.category is unknown';
  if (!Array.isArray(f.cues)) return 'finding.cues must be an array';
  for (const c of f.cues) {
    if (!c || !Number.isInteger(c.start) || !Number.isInteger(c.end) || typeof c.text !== 'string') {
      return 'finding.cues entries must have start, end and text';
    }
  }
  if (typeof f.reason !== 'string') return 'finding.reason must be a string';
  if (typeof f.confidence !== 'number' || !(f.confidence >= 0 && f.confidence <= 1)) {
    return 'finding.confidence must be a number in 0..1';
  }
  if (f.source !== null && f.source !== undefined && typeof f.source !== 'string') {
    return 'finding.source must be a string or null';
  }
  return null;
}

/**
 * Counts findings per category.
 * @param {Array<{category: Category}>} findings
 * @returns {Record<Category, number>}
 */
export function countByCategory(findings) {
  /** @type {Record<string, number>} */
  const counts = {};
  for (const c of CATEGORIES) counts[c] = 0;
  for (const f of findings) if (f.category in counts) counts[f.category] += 1;
  return /** @type {Record<Category, number>} */ (counts);
}

/**
 * Collapses runs of whitespace to single spaces and trims; used when showing
 * or exporting passages (page text keeps its original spacing).
 * @param {string} s
 */
export function tidy(s) {
  return s.replace(/\s+/g, ' ').trim();
}
