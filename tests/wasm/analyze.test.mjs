// The WASM build under Node: the boundary's UTF-16 offsets, options and
// errors, on the real module that the extension ships.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { initSync, analyze, configure, version } from '../../build/pkg/claimlens.js';

const wasmPath = fileURLToPath(new URL('../../build/pkg/claimlens_bg.wasm', import.meta.url));
initSync({ module: readFileSync(wasmPath) });

test('version matches the crate', () => {
  const cargo = readFileSync(new URL('../../Cargo.toml', import.meta.url), 'utf8');
  assert.equal(version(), /^version = "([^"]+)"/m.exec(cargo)[1]);
});

test('offsets are UTF-16 code units into each block, after emoji, CJK, curly quotes and NBSP', () => {
  const blocks = [
    'Heading 📰 with no stop',
    '北京 😀 “Quote” first.\u00a0The mayor allegedly took 👍 the money.',
    'The ministry denied that troops had crossed the border.',
  ];
  const findings = analyze(blocks, { sensitivity: 'balanced' });
  const hedged = findings.find((f) => f.category === 'hedged');
  assert.ok(hedged, 'a hedged finding');
  assert.equal(hedged.block, 1);
  assert.equal(blocks[1].slice(hedged.start, hedged.end), hedged.text);
  assert.equal(hedged.text, 'The mayor allegedly took 👍 the money.');
  assert.deepEqual(hedged.cues.map((c) => blocks[1].slice(c.start, c.end)), ['allegedly']);
  const denial = findings.find((f) => f.category === 'denial');
  assert.equal(denial.block, 2);
  assert.equal(blocks[2].slice(denial.start, denial.end), denial.text);
  assert.equal(denial.source, 'The ministry');
  for (const f of findings) {
    assert.ok(f.confidence > 0 && f.confidence <= 1);
    assert.equal(typeof f.reason, 'string');
    for (const c of f.cues) assert.equal(blocks[f.block].slice(c.start, c.end), c.text);
  }
});

test('sensitivity is validated', () => {
  assert.throws(() => analyze(['x'], { sensitivity: 'loud' }), /unknown sensitivity "loud"/);
  assert.deepEqual(analyze([], undefined), []);
});

test('custom cues are applied by the core; a bad one is rejected and changes nothing', () => {
  const text = ['The plan was greenwashed by the board.'];
  assert.equal(analyze(text).length, 0);
  configure({ custom_cues: { hedged: [], denial: [], unsourced: ['greenwashed'] } });
  const found = analyze(text);
  assert.equal(found.length, 1);
  assert.equal(found[0].category, 'unsourced');
  assert.equal(found[0].cues[0].text, 'greenwashed');
  assert.throws(() => configure({ custom_cues: { hedged: ['ok', '  '] } }), /custom hedged cue 2/);
  assert.equal(analyze(text).length, 1, 'previous configuration kept');
  configure({});
  assert.equal(analyze(text).length, 0);
});

test('findings are plain objects with the documented fields; texts are sliced from the given blocks', () => {
  const blocks = ['Critics say the port deal was a disaster.', 'The mayor allegedly took \ud800 the money, police said.'];
  const findings = analyze(blocks, { sensitivity: 'eager' });
  assert.ok(findings.length >= 2);
  for (const f of findings) {
    assert.deepEqual(Object.keys(f), ['block', 'start', 'end', 'text', 'category', 'cues', 'reason', 'confidence', 'source']);
    assert.ok(['hedged', 'denial', 'unsourced', 'attributed'].includes(f.category));
    assert.equal(f.text, blocks[f.block].slice(f.start, f.end));
    assert.equal(Math.round(f.confidence * 100) / 100, f.confidence, 'two decimals');
    assert.ok(f.source === null || typeof f.source === 'string');
  }
  const unsourced = findings.find((f) => f.category === 'unsourced');
  assert.equal(unsourced.source, null);
  const hedged = findings.find((f) => f.category === 'hedged');
  assert.ok(hedged.text.includes('\ud800'), 'a lone surrogate is kept as the page has it');
  assert.equal(hedged.source, 'police');
  const attributed = findings.find((f) => f.category === 'attributed');
  assert.equal(attributed.source, 'police');
  assert.equal(attributed.reason, 'attributed to police');
  assert.equal(typeof attributed.reason, 'string');
});

test('text of mostly multi-byte characters (more UTF-8 than a first guess allows) is read whole', () => {
  const wide = '北京上海广州深圳'.repeat(1500) + '。';
  const blocks = [wide, `${'😀'.repeat(2000)} The mayor allegedly took the money.`, 'Officials reportedly left.'];
  const findings = analyze(blocks);
  const hedged = findings.filter((f) => f.category === 'hedged');
  assert.deepEqual(hedged.map((f) => f.block), [1, 2]);
  for (const f of findings) assert.equal(blocks[f.block].slice(f.start, f.end), f.text);
  assert.ok(hedged[0].text.endsWith('The mayor allegedly took the money.'));
});

test('a block that is not a string is refused by index', () => {
  assert.throws(() => analyze(['fine.', 42]), /block 1 is not a string/);
});
