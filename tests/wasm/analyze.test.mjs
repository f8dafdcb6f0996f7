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
