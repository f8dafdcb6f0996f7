// WASM core under Node, the alternatives on the same text, and sizes.
//
//   node benches/wasm.mjs [--no-browser]
//
// Reads the corpus that `cargo bench --bench throughput -- --generate` writes
// to target/bench/, times `analyze(blocks)` end to end (JS strings into WASM,
// findings back out as JS objects), runs write-good and retext-intensify on
// the 100 KB and 1 MB texts, measures .wasm and extension sizes, then the
// browser figures (benches/browser.mjs), and ends with one summary line.
// Figures only: nothing here asserts a timing. 1 MB = 10^6 bytes.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BENCH = path.join(ROOT, 'target', 'bench');
const PKG = path.join(ROOT, 'build', 'pkg');
const EXT = path.join(ROOT, 'build', 'extension');
const TARGET = { wasmMBs: 50, scaleRatio: 11, wasmGzKB: 400 };
const require = createRequire(import.meta.url);

const fmt = (x, d = 1) => (x == null || !Number.isFinite(x) ? 'n/a' : x.toFixed(d));
const pad = (s, n) => String(s).padStart(n);
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const mb = (s) => Buffer.byteLength(s, 'utf8') / 1e6;

/** Times `fn` `runs` times after `warm` warm-up calls; returns {median, min, last}. */
async function time(fn, runs, warm = 1) {
  let last;
  for (let i = 0; i < warm; i++) last = await fn();
  const t = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    last = await fn();
    t.push(performance.now() - s);
  }
  return { median: median(t), min: Math.min(...t), last };
}

/** Visible text blocks of an HTML page, roughly as the extension sees them. */
function htmlBlocks(html) {
  const body = html.replace(/<(script|style|head|nav|footer)[\s\S]*?<\/\1>/gi, '');
  const out = [];
  for (const m of body.matchAll(/<(h[1-6]|p|li|blockquote|figcaption)\b[^>]*>([\s\S]*?)<\/\1>/gi)) {
    const t = m[2].replace(/<[^>]+>/g, '').replace(/&nbsp;/g, '\u00a0').replace(/&amp;/g, '&').replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/\s+/g, ' ').trim();
    if (t) out.push(t);
  }
  return out;
}

const SIZES = [
  ['news-10k', 100],
  ['news-100k', 20],
  ['news-1m', 15],
  ['news-10m', 5],
];

const results = { wasm: {}, alt: {}, size: {}, browser: null };

// ---------------------------------------------------------------- WASM core
const { initSync, analyze } = await import(path.join(PKG, 'claimlens.js'));
const wasmBytes = fs.readFileSync(path.join(PKG, 'claimlens_bg.wasm'));
{
  const s = performance.now();
  initSync({ module: wasmBytes });
  analyze(['Warm-up: the mayor allegedly took the money.']);
  results.wasm.initMs = performance.now() - s;
}

// Inputs are read one at a time, so a large one does not sit in the heap
// (and in every garbage collection) while a smaller one is timed.
const inputs = [];
const sample = fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'sample-article.html'), 'utf8');
inputs.push({ name: 'sample-article', load: () => htmlBlocks(sample), runs: 100 });
/** A generated corpus file's text. */
function corpus(name) {
  const file = path.join(BENCH, `${name}.txt`);
  if (!fs.existsSync(file)) {
    console.error(`benches/wasm.mjs: ${path.relative(ROOT, file)} is missing; run "cargo bench --bench throughput -- --generate" first`);
    process.exit(2);
  }
  return fs.readFileSync(file, 'utf8');
}
for (const [name, runs] of SIZES) {
  corpus(name); // fail early when one is missing
  inputs.push({ name, load: () => corpus(name).split(/\n\n+/).map((b) => b.trim()).filter(Boolean), runs });
}

console.log(`\nWASM core under Node ${process.version} (analyze(blocks) end to end; init + first call ${fmt(results.wasm.initMs)} ms)`);
console.log(`${'input'.padEnd(16)}${pad('bytes', 11)}${pad('blocks', 8)}${pad('findings', 10)}${pad('runs', 6)}${pad('median ms', 11)}${pad('min ms', 10)}${pad('MB/s', 9)}`);
for (const inp of inputs) {
  const blocks = inp.load();
  const bytes = blocks.reduce((n, b) => n + Buffer.byteLength(b, 'utf8'), 0) + 2 * Math.max(0, blocks.length - 1);
  const r = await time(() => analyze(blocks, { sensitivity: 'balanced' }), inp.runs, 3);
  const mbs = bytes / 1e6 / (r.median / 1e3);
  results.wasm[inp.name] = { bytes, ms: r.median, mbs, findings: r.last.length };
  console.log(`${inp.name.padEnd(16)}${pad(bytes, 11)}${pad(blocks.length, 8)}${pad(r.last.length, 10)}${pad(inp.runs, 6)}${pad(fmt(r.median, 3), 11)}${pad(fmt(r.min, 3), 10)}${pad(fmt(mbs), 9)}`);
}
const w1 = results.wasm['news-1m'];
const w10 = results.wasm['news-10m'];
const scale = w10 && w1 ? w10.ms / w1.ms : null;
console.log(`WASM 1 MB: ${fmt(w1?.mbs)} MB/s (target ≥ ${TARGET.wasmMBs})   1 MB → 10 MB time ratio: ${fmt(scale, 2)} (target ≤ ${TARGET.scaleRatio})`);

// ------------------------------------------------------------- alternatives
const writeGood = require('write-good');
const { unified } = await import('unified');
const retextEnglish = (await import('retext-english')).default;
const retextIntensify = (await import('retext-intensify')).default;
const retext = unified().use(retextEnglish).use(retextIntensify).freeze();

/** retext-intensify on a text: parse, run the plugin; resolves to the message count. */
function runRetext(text) {
  return new Promise((resolve, reject) => {
    retext.run(retext.parse(text), text, (err, _tree, file) => (err ? reject(err) : resolve(file.messages.length)));
  });
}

const ALTS = [
  ['write-good', (text) => writeGood(text).length],
  ['retext-intensify', (text) => runRetext(text)],
];
console.log('\nalternatives on the same text (whole text in one call; 10 MB skipped: too slow)');
console.log(`${'tool'.padEnd(18)}${'input'.padEnd(11)}${pad('reports', 9)}${pad('runs', 6)}${pad('median ms', 11)}${pad('MB/s', 8)}${pad('WASM is', 10)}`);
for (const [tool, run] of ALTS) {
  results.alt[tool] = {};
  for (const [name, runs] of [['news-100k', 3], ['news-1m', 2]]) {
    const text = corpus(name);
    const r = await time(() => run(text), runs, name === 'news-100k' ? 1 : 0);
    const mbs = mb(text) / (r.median / 1e3);
    const ratio = results.wasm[name].mbs / mbs;
    results.alt[tool][name] = { ms: r.median, mbs, ratio };
    console.log(`${tool.padEnd(18)}${name.padEnd(11)}${pad(r.last, 9)}${pad(runs, 6)}${pad(fmt(r.median, 1), 11)}${pad(fmt(mbs, 2), 8)}${pad(`${fmt(ratio)}x`, 10)}`);
  }
}
console.log('(ratios: WASM MB/s on the same input ÷ the tool\'s MB/s; the tools look for different things, so this compares cost, not output)');

// --------------------------------------------------------------------- size
const gz = (buf) => zlib.gzipSync(buf, { level: 9 }).length;
results.size.wasmRaw = wasmBytes.length;
results.size.wasmGz = gz(wasmBytes);
const glue = fs.readFileSync(path.join(PKG, 'claimlens.js'));
console.log('\nsize');
console.log(`.wasm            ${pad(fmt(results.size.wasmRaw / 1024), 8)} KB raw ${pad(fmt(results.size.wasmGz / 1024), 8)} KB gzip -9   (target ≤ ${TARGET.wasmGzKB} KB gzipped)`);
console.log(`JS glue          ${pad(fmt(glue.length / 1024), 8)} KB raw ${pad(fmt(gz(glue) / 1024), 8)} KB gzip -9`);
if (fs.existsSync(path.join(EXT, 'manifest.json'))) {
  const files = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else files.push(p);
    }
  };
  walk(EXT);
  const raw = files.reduce((n, f) => n + fs.statSync(f).size, 0);
  let packed = null;
  let how = '';
  try {
    const zip = path.join(BENCH, 'extension.zip');
    fs.rmSync(zip, { force: true });
    execFileSync('zip', ['-q', '-r', '-9', '-X', zip, '.'], { cwd: EXT, stdio: ['ignore', 'ignore', 'pipe'] });
    packed = fs.statSync(zip).size;
    how = 'zip -9 of build/extension';
  } catch {
    packed = files.reduce((n, f) => n + gz(fs.readFileSync(f)), 0);
    how = 'sum of gzip -9 of each file (zip not available)';
  }
  results.size.extPacked = packed;
  console.log(`extension        ${pad(fmt(raw / 1024), 8)} KB raw ${pad(fmt(packed / 1024), 8)} KB packed    (${files.length} files; ${how})`);
} else {
  console.log('extension        n/a (build/extension missing: run "make extension")');
}

// ------------------------------------------------------------------ browser
if (!process.argv.includes('--no-browser')) {
  try {
    const { browserFigures } = await import('./browser.mjs');
    results.browser = await browserFigures();
  } catch (e) {
    console.log(`\nbrowser: n/a (${(e && e.message) || e})`);
  }
}

fs.mkdirSync(BENCH, { recursive: true });
fs.writeFileSync(path.join(BENCH, 'results.json'), JSON.stringify(results, null, 2));

const wg = results.alt['write-good']?.['news-1m']?.ratio;
const rt = results.alt['retext-intensify']?.['news-1m']?.ratio;
const page2k = results.browser?.['2k-word']?.ms;
console.log(`\nwasm MB/s ${fmt(w1?.mbs)}, vs write-good ${fmt(wg)}x, vs retext-intensify ${fmt(rt)}x, 2k-word page ${fmt(page2k, 0)} ms, wasm ${fmt(results.size.wasmGz / 1024, 0)} KB gz`);
