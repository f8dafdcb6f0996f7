// Builds the unpacked extension into build/extension/ (load it from there).
// Bundles the sources with esbuild, copies the manifest, pages, styles and the
// WASM core from build/pkg/, and draws the PNG icons.

import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const OUT = path.join(ROOT, 'build', 'extension');
// CLAIMLENS_PKG_DIR points at another core build (e.g. the test stand-in).
const PKG = process.env.CLAIMLENS_PKG_DIR ? path.resolve(process.env.CLAIMLENS_PKG_DIR) : path.join(ROOT, 'build', 'pkg');

function fail(msg) {
  console.error(`build:ext: ${msg}`);
  process.exit(1);
}

const wasm = path.join(PKG, 'claimlens_bg.wasm');
const glue = path.join(PKG, 'claimlens.js');
if (!fs.existsSync(wasm) || !fs.existsSync(glue)) {
  fail(`the WASM core is missing (${path.relative(ROOT, PKG)}/claimlens.js and claimlens_bg.wasm); run "make wasm" first`);
}

fs.rmSync(OUT, { recursive: true, force: true });
fs.mkdirSync(path.join(OUT, 'pkg'), { recursive: true });
fs.mkdirSync(path.join(OUT, 'icons'), { recursive: true });

const common = {
  bundle: true,
  target: ['chrome116', 'firefox128'],
  logLevel: 'warning',
  legalComments: 'none',
  sourcemap: false,
  minify: false,
  charset: 'utf8',
};

/** Resolves the worker's `claimlens-core` import to the wasm-bindgen glue. */
const corePlugin = {
  name: 'claimlens-core',
  setup(b) {
    b.onResolve({ filter: /^claimlens-core$/ }, () => ({ path: glue }));
  },
};

await build({
  ...common,
  plugins: [corePlugin],
  entryPoints: { background: path.join(HERE, 'src/background/index.js') },
  outdir: OUT,
  format: 'esm',
});
await build({
  ...common,
  entryPoints: {
    content: path.join(HERE, 'src/content/index.js'),
    popup: path.join(HERE, 'src/ui/popup.js'),
    options: path.join(HERE, 'src/ui/options.js'),
    sidepanel: path.join(HERE, 'src/ui/sidepanel.js'),
  },
  outdir: OUT,
  format: 'iife',
});

// Static files.
const manifest = JSON.parse(fs.readFileSync(path.join(HERE, 'manifest.json'), 'utf8'));
const pkgJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
manifest.version = pkgJson.version;
fs.writeFileSync(path.join(OUT, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
for (const f of fs.readdirSync(path.join(HERE, 'src/ui'))) {
  if (/\.(html|css)$/.test(f)) fs.copyFileSync(path.join(HERE, 'src/ui', f), path.join(OUT, f));
}
fs.copyFileSync(wasm, path.join(OUT, 'pkg', 'claimlens_bg.wasm'));

// ---- icons: a lens over three lines of text, one per category colour

function crc32(buf) {
  let c;
  const table = crc32.table || (crc32.table = Array.from({ length: 256 }, (_, n) => {
    c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  }));
  let crc = 0xffffffff;
  for (const b of buf) crc = table[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** @param {number} size @param {(x: number, y: number) => number[]} shade RGBA in 0..255 for a point in 0..1 */
function png(size, shade) {
  const SS = 4; // supersampling per axis
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const [pr, pg, pb, pa] = shade((x + (sx + 0.5) / SS) / size, (y + (sy + 0.5) / SS) / size);
          r += pr * pa; g += pg * pa; b += pb * pa; a += pa;
        }
      }
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = a ? Math.round(r / a) : 0;
      raw[o + 1] = a ? Math.round(g / a) : 0;
      raw[o + 2] = a ? Math.round(b / a) : 0;
      raw[o + 3] = Math.round(a / (SS * SS));
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function iconShade(x, y) {
  const inRounded = (px, py, x0, y0, x1, y1, rad) => {
    const cx = Math.min(Math.max(px, x0 + rad), x1 - rad);
    const cy = Math.min(Math.max(py, y0 + rad), y1 - rad);
    return (px - cx) ** 2 + (py - cy) ** 2 <= rad * rad && px >= x0 && px <= x1 && py >= y0 && py <= y1;
  };
  // Lens ring and handle (drawn on top).
  const lx = 0.6, ly = 0.58, R = 0.25, w = 0.07;
  const d = Math.hypot(x - lx, y - ly);
  if (Math.abs(d - R) <= w / 2) return [32, 36, 42, 255];
  const hx = x - lx, hy = y - ly;
  const along = (hx + hy) / Math.SQRT2, across = (hx - hy) / Math.SQRT2;
  if (along > R && along < R + 0.2 && Math.abs(across) < 0.055) return [32, 36, 42, 255];
  // Three lines of "text", each marked in its category's style.
  const lines = [
    [0.2, [230, 159, 0]],
    [0.42, [0, 114, 178]],
    [0.64, [180, 65, 127]],
  ];
  for (const [ty, col] of lines) {
    if (inRounded(x, y, 0.06, ty, 0.7, ty + 0.12, 0.03)) {
      const inside = d < R - w / 2;
      return inside ? [...col, 255] : [...col.map((v) => Math.round(v * 0.55 + 255 * 0.45)), 255];
    }
  }
  if (inRounded(x, y, 0, 0, 1, 1, 0.18)) return d < R - w / 2 ? [236, 244, 250, 255] : [255, 255, 255, 255];
  return [0, 0, 0, 0];
}

for (const size of [16, 32, 48, 128]) {
  fs.writeFileSync(path.join(OUT, 'icons', `icon-${size}.png`), png(size, iconShade));
}

console.log(`build:ext: wrote ${path.relative(process.cwd(), OUT) || OUT}`);
