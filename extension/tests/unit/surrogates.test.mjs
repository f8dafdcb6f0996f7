// Lone UTF-16 surrogates in page text: normalised to U+FFFD (as on the way
// into the core) without changing lengths, so offsets and matching hold.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeBlock, normalizeText, findingMatches } from '../../src/content/blocks.js';

test('normalizeText replaces lone surrogates only, keeping the length', () => {
  const s = 'a\uD800b\uDE00c\uD83D\uDE00d\t\uDBFF';
  const n = normalizeText(s);
  assert.equal(n.length, s.length);
  assert.equal(n, 'a\uFFFDb\uFFFDc\uD83D\uDE00d \uFFFD');
  assert.equal(normalizeText('plain text'), 'plain text');
});

test('a finding over text with a lone surrogate matches the page', () => {
  const nodes = [{ data: 'Broken \uD83D text: it ' }, { data: 'reportedly began.' }];
  const block = makeBlock(nodes);
  // The core saw U+FFFD where the page has the lone surrogate.
  const text = 'Broken \uFFFD text: it reportedly began.';
  assert.equal(block.text, text);
  assert.ok(findingMatches(block, { start: 0, end: text.length, text }));
  // A surrogate pair split across two text nodes is still one character.
  const split = makeBlock([{ data: 'x \uD83D' }, { data: '\uDE00 y' }]);
  assert.equal(split.text, 'x \uD83D\uDE00 y');
});
