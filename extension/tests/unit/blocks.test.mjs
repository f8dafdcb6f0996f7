import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeBlock, mapRange, currentSlice, findingMatches, blockOffsetOf, normalizeText } from '../../src/content/blocks.js';
import { piecesOf, addedBlocks } from '../../src/content/blocks.js';

const t = (data, root = 'doc') => ({ data, root });
const rootOf = (n) => n.root;

test('block text is the concatenation with same-length whitespace normalisation', () => {
  const b = makeBlock([t('He has\n'), t('denied'), t(' it.')]);
  assert.equal(b.text, 'He has denied it.');
  assert.equal(normalizeText('a\tb\r\nc'), 'a b  c');
  assert.deepEqual(b.segments.map((s) => [s.start, s.end]), [[0, 7], [7, 13], [13, 17]]);
});

test('mapRange maps across text nodes', () => {
  const nodes = [t('He has '), t('denied'), t(' it.')];
  const b = makeBlock(nodes);
  assert.deepEqual(mapRange(b, 0, 17, rootOf), [{ startNode: nodes[0], startOffset: 0, endNode: nodes[2], endOffset: 4 }]);
  // A range ending on a node boundary ends in the earlier node.
  assert.deepEqual(mapRange(b, 7, 13, rootOf), [{ startNode: nodes[1], startOffset: 0, endNode: nodes[1], endOffset: 6 }]);
  assert.equal(mapRange(b, 5, 40, rootOf), null);
  assert.equal(mapRange(b, 5, 5, rootOf), null);
});

test('mapRange splits where nodes live in different trees', () => {
  const nodes = [t('Light '), t('shadow', 'sr'), t(' light.')];
  const b = makeBlock(nodes);
  const parts = mapRange(b, 2, 15, rootOf);
  assert.equal(parts.length, 3);
  assert.deepEqual(parts[1], { startNode: nodes[1], startOffset: 0, endNode: nodes[1], endOffset: 6 });
});

test('UTF-16 offsets: astral characters count two units', () => {
  const nodes = [t('Shares 📉 fell. '), t('They may recover.')];
  const b = makeBlock(nodes);
  const start = b.text.indexOf('They');
  assert.equal(start, 16);
  assert.equal(currentSlice(b, start, b.text.length), 'They may recover.');
  assert.deepEqual(mapRange(b, start, b.text.length, rootOf), [{ startNode: nodes[1], startOffset: 0, endNode: nodes[1], endOffset: 17 }]);
});

test('findingMatches refuses when the DOM text changed', () => {
  const nodes = [t('He has '), t('denied'), t(' it.')];
  const b = makeBlock(nodes);
  const f = { start: 0, end: 17, text: 'He has denied it.' };
  assert.equal(findingMatches(b, f), true);
  nodes[1].data = 'confirmed';
  assert.equal(findingMatches(b, f), false);
  nodes[1].data = 'DENIED';
  assert.equal(findingMatches(b, f), false);
  assert.equal(findingMatches(undefined, f), false);
  assert.equal(findingMatches(b, { start: 0, end: 99, text: 'x' }), false);
});

test('blockOffsetOf finds a DOM position in the block', () => {
  const nodes = [t('ab'), t('cd')];
  const b = makeBlock(nodes);
  assert.equal(blockOffsetOf(b, nodes[1], 1), 3);
  assert.equal(blockOffsetOf(b, t('zz'), 0), -1);
});

test('piecesOf cuts an over-long block into pieces within the limit, at sentence ends, covering it exactly', () => {
  assert.deepEqual(piecesOf('Short.', 10), [{ text: 'Short.', offset: 0 }]);
  const text = Array.from({ length: 40 }, (_, i) => `Sentence number ${i} ends here.`).join(' ');
  const pieces = piecesOf(text, 200);
  assert.ok(pieces.length > 1);
  assert.equal(pieces.map((p) => p.text).join(''), text);
  for (const p of pieces) {
    assert.ok(p.text.length <= 200);
    assert.equal(text.slice(p.offset, p.offset + p.text.length), p.text);
  }
  for (const p of pieces.slice(0, -1)) assert.match(p.text, /\. $/);
  // No space at all, and a surrogate pair on the boundary: never split inside it.
  const emoji = 'a'.repeat(99) + '\u{1F600}' + 'b'.repeat(150);
  const cut = piecesOf(emoji, 100);
  assert.equal(cut.map((p) => p.text).join(''), emoji);
  assert.ok(cut.every((p) => p.text.isWellFormed()));
});

test('addedBlocks: new blocks among unchanged ones, or null when one changed or went away', () => {
  const n = (data) => ({ data });
  const [a, b, c, d] = [n('One. '), n('Two. '), n('Three. '), n('Four. ')];
  const before = [makeBlock([a]), makeBlock([b, c])];
  // Re-extracted: new block objects over the same nodes.
  assert.deepEqual(addedBlocks(before, [makeBlock([a]), makeBlock([b, c])]), []);
  assert.deepEqual(addedBlocks(before, [makeBlock([a]), makeBlock([b, c]), makeBlock([d])]), [2], 'appended');
  assert.deepEqual(addedBlocks(before, [makeBlock([d]), makeBlock([a]), makeBlock([b, c])]), [0], 'inserted first');
  assert.deepEqual(addedBlocks(before, [makeBlock([a]), makeBlock([d]), makeBlock([b, c])]), [1], 'inserted between');
  assert.equal(addedBlocks(before, [makeBlock([a])]), null, 'a block went away');
  assert.equal(addedBlocks(before, [makeBlock([a]), makeBlock([b])]), null, 'a block lost a node');
  const edited = n('Two. ');
  assert.equal(addedBlocks(before, [makeBlock([a]), makeBlock([edited, c])]), null, 'same text over another node');
  b.data = 'Two, edited. ';
  assert.equal(addedBlocks(before, [makeBlock([a]), makeBlock([b, c])]), null, 'a node whose text changed');
  assert.deepEqual(addedBlocks([], [makeBlock([d])]), [0]);
});
