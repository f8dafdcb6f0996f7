import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toPlainText, toMarkdown, escapeMarkdown } from '../../src/shared/format.js';

const report = {
  title: 'Memo  appears to link\nminister',
  url: 'https://news.example/a?b=1',
  date: new Date('2026-11-26T10:00:00Z'),
  passages: [
    { category: 'hedged', text: 'It  appears to show\nthat.', reason: "hedge: 'appears to'", source: null },
    { category: 'denial', text: 'He denied it.', reason: "denial: 'denied'", source: null },
    { category: 'hedged', text: 'It may be *big* [1].', reason: "hedge: 'may'", source: null },
    { category: 'attributed', text: 'It was reported.', reason: 'attributed', source: 'the Telegraph' },
  ],
};

test('plain text: title, URL, date, then passages in page order with category and reason', () => {
  const t = toPlainText(report).split('\n');
  assert.deepEqual(t.slice(0, 4), ['Memo appears to link minister', 'https://news.example/a?b=1', 'Copied 2026-11-26', '']);
  assert.equal(t[4], '[Hedged] It appears to show that.');
  assert.equal(t[5], "    (hedge: 'appears to')");
  assert.equal(t[6], '[Denial] He denied it.');
  assert.equal(t[8], '[Hedged] It may be *big* [1].');
  assert.equal(t[10], '[Attributed] It was reported.');
  assert.equal(t[11], '    (attributed; source: the Telegraph)');
});

test('plain text with nothing flagged says so', () => {
  assert.match(toPlainText({ ...report, passages: [] }), /No flagged passages\./);
});

test('markdown groups by category in page order and escapes passage text', () => {
  const md = toMarkdown(report);
  const lines = md.split('\n');
  assert.equal(lines[0], '# Memo appears to link minister');
  assert.ok(md.includes('<https://news.example/a?b=1>'));
  const hedged = md.indexOf('## Hedged (2)');
  const denial = md.indexOf('## Denial (1)');
  const attributed = md.indexOf('## Attributed (1)');
  assert.ok(hedged > 0 && denial > hedged && attributed > denial);
  assert.ok(md.indexOf('It appears to show that.') < md.indexOf('It may be'));
  assert.ok(md.includes('- It may be \\*big\\* \\[1\\].'));
  assert.ok(md.includes('source: the Telegraph'));
});

test('escapeMarkdown neutralises markup and line-start constructs', () => {
  assert.equal(escapeMarkdown('a_b*c`d<e>[f](g)#h|i~j'), 'a\\_b\\*c\\`d\\<e\\>\\[f\\]\\(g\\)\\#h\\|i\\~j');
  assert.equal(escapeMarkdown('1. first'), '1\\. first');
  assert.equal(escapeMarkdown('- item'), '\\- item');
  assert.equal(escapeMarkdown('a\n\nb'), 'a b');
  assert.equal(escapeMarkdown('back\\slash'), 'back\\\\slash');
});
