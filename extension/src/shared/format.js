// Plain-text and Markdown exports of a page's flagged passages. Pure.

import { CATEGORIES, CATEGORY_INFO, tidy } from './findings.js';

/**
 * @typedef {Object} Passage
 * @property {import('./findings.js').Category} category
 * @property {string} text
 * @property {string} reason
 * @property {string|null} [source]
 * @property {number} [confidence]
 *
 * @typedef {Object} Report
 * @property {string} title
 * @property {string} url
 * @property {Date|string} [date]
 * @property {Passage[]} passages   in page order
 */

/** @param {Date|string|undefined} d */
function isoDate(d) {
  const date = d instanceof Date ? d : new Date(d ?? Date.now());
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 10);
}

/**
 * Title, URL, date, then every flagged passage in page order with its category
 * and the reason it was flagged.
 * @param {Report} r
 */
export function toPlainText(r) {
  const lines = [tidy(r.title) || '(untitled page)', r.url];
  const date = isoDate(r.date);
  if (date) lines.push(`Copied ${date}`);
  lines.push('');
  if (!r.passages.length) lines.push('No flagged passages.');
  for (const p of r.passages) {
    lines.push(`[${CATEGORY_INFO[p.category].label}] ${tidy(p.text)}`);
    const extra = [p.reason && tidy(p.reason), p.source && !p.reason.includes(p.source) ? `source: ${tidy(p.source)}` : '']
      .filter(Boolean)
      .join('; ');
    if (extra) lines.push(`    (${extra})`);
  }
  return lines.join('\n') + '\n';
}

/**
 * Escapes text so Markdown renders it literally, on one line.
 * @param {string} s
 */
export function escapeMarkdown(s) {
  let out = tidy(s).replace(/[\\`*_{}\[\]<>()#+\-!|~&]/g, (c) => '\\' + c);
  // A leading "1." or "1)" would start an ordered list; "=" a setext heading.
  out = out.replace(/^(\d+)([.)])/, '$1\\$2').replace(/^=/, '\\=');
  return out;
}

/** Makes a URL safe to put between < and > in Markdown. */
function markdownUrl(u) {
  return String(u).replace(/[<>\s]/g, (c) => encodeURIComponent(c));
}

/**
 * Title heading, URL, date, then one section per category with its passages
 * in page order, each with its reason.
 * @param {Report} r
 */
export function toMarkdown(r) {
  const lines = [`# ${escapeMarkdown(r.title) || 'Untitled page'}`, '', `<${markdownUrl(r.url)}>`];
  const date = isoDate(r.date);
  if (date) lines.push('', `Copied ${date}`);
  if (!r.passages.length) lines.push('', 'No flagged passages.');
  for (const cat of CATEGORIES) {
    const group = r.passages.filter((p) => p.category === cat);
    if (!group.length) continue;
    lines.push('', `## ${CATEGORY_INFO[cat].label} (${group.length})`, '');
    for (const p of group) {
      lines.push(`- ${escapeMarkdown(p.text)}`);
      const extra = [p.reason && escapeMarkdown(p.reason), p.source && !p.reason.includes(p.source) ? `source: ${escapeMarkdown(p.source)}` : '']
        .filter(Boolean)
        .join('; ');
      if (extra) lines.push(`  *${extra}*`);
    }
  }
  return lines.join('\n') + '\n';
}
