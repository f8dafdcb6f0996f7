// Browser figures for the built extension in Chromium, with the e2e
// harness (extension/tests/e2e/harness.mjs): highlight latency for a 2,000-
// word article, a 10,000-word page and a 1 MB page, re-highlight latency
// after appending one paragraph, and the worker's memory after 100 page
// scans.
//
// Timings come from the content script itself: it records performance.now()
// at its own start and when it has drawn the page's highlights, and answers
// {type: 'page/timing'} from the extension (the page never sees them). "to
// highlights" is content-script start → whole page drawn; "first" is start →
// first highlight drawn (large pages are drawn batch by batch). "core ms" is
// the time the WASM core spent analysing inside the worker (off the page's
// main thread), so what is left is the extension's own overhead. The longest
// main-thread task comes from a PerformanceObserver for 'longtask' that the
// bench installs in the page: the longest task overlapping content-script
// start → drawn (+2 frames, so the highlights' first paint counts). The bench
// pages run no script of their own, so those tasks are the extension's
// (and the rendering it causes).
// Memory comes from the DevTools protocol (the worker's JS heap) and /proc
// (resident size of the extension process, which holds the WASM memory).
//
//   node benches/browser.mjs        (or via benches/wasm.mjs)

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, startServer, until, tabIdFor } from '../extension/tests/e2e/harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BENCH = path.join(ROOT, 'target', 'bench');
const fmt = (x, d = 0) => (x == null || !Number.isFinite(x) ? 'n/a' : x.toFixed(d));
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** Corpus paragraphs (headings are the ones without a full stop). */
function paragraphs(name) {
  const file = path.join(BENCH, `${name}.txt`);
  if (!fs.existsSync(file)) throw new Error(`${path.relative(ROOT, file)} missing; run "cargo bench --bench throughput -- --generate"`);
  return fs.readFileSync(file, 'utf8').split(/\n\n+/).map((p) => p.trim()).filter(Boolean);
}

/** A news page from `paras`, starting at `from`, until `words` words or `bytes` bytes. */
function page(paras, { from = 0, words = Infinity, bytes = Infinity, title = 'Bench page' }) {
  let body = '';
  let w = 0;
  let n = 0;
  for (let i = from; i < paras.length && w < words && body.length < bytes; i++, n++) {
    const p = paras[i];
    w += p.split(/\s+/).length;
    body += /[.!?”"’]$/.test(p) ? `<p>${esc(p)}</p>\n` : `<h2>${esc(p)}</h2>\n`;
  }
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<main><article id="story"><h1>${title}</h1>
${body}</article></main><footer><p>© 2026 The Courier</p></footer></body></html>`;
  return { html, words: w, paragraphs: n };
}

/** Records the page's long tasks (no polling: the page stays idle). */
function probe() {
  const b = (window.__bench = { longtasks: [] });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    b.longtasks = null;
  }
}

/** Whether `pid` descends from this Node process (our Chromium, not another's). */
function ours(pid) {
  for (let p = Number(pid), hops = 0; p > 1 && hops < 20; hops++) {
    if (p === process.pid) return true;
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      p = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    } catch {
      return false;
    }
  }
  return false;
}

/** Resident set size (KB) of our Chromium's extension processes, and how many. */
function extensionRssKB() {
  let total = 0;
  let found = 0;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('--extension-process') || !ours(pid)) continue;
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) {
        total += Number(m[1]);
        found += 1;
      }
    } catch {
      // gone
    }
  }
  return found ? { kb: total, processes: found } : null;
}

/** The worker's JS heap (bytes used), through the DevTools protocol. */
async function workerHeap(ext, swUrl) {
  const helper = await ext.context.newPage();
  const cdp = await ext.context.newCDPSession(helper);
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const t = targetInfos.find((i) => i.type === 'service_worker' && i.url === swUrl);
    if (!t) return null;
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: t.targetId, flatten: false });
    const reply = new Promise((resolve) => {
      cdp.on('Target.receivedMessageFromTarget', (e) => {
        const m = JSON.parse(e.message);
        if (m.id === 1) resolve(m.result || null);
      });
    });
    // Collect garbage first, so the figure is what the worker keeps.
    await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 0, method: 'HeapProfiler.collectGarbage' }) });
    await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 1, method: 'Runtime.getHeapUsage' }) });
    const r = await Promise.race([reply, new Promise((r) => setTimeout(() => r(null), 5000))]);
    await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => {});
    return r ? r.usedSize : null;
  } catch {
    return null;
  } finally {
    await cdp.detach().catch(() => {});
    await helper.close();
  }
}

export async function browserFigures({ log = console.log } = {}) {
  const small = paragraphs('news-100k');
  const large = paragraphs('news-1m');
  const pages = {
    '2k-word': page(small, { words: 2000, title: 'A 2,000-word article' }),
    '10k-word': page(small, { words: 10000, title: 'A 10,000-word page' }),
    '1 MB': page(large, { bytes: 1e6, title: 'A 1 MB page' }),
    // Over the per-message limit of 3,000,000 characters: sent in batches.
    '4 MB': page(paragraphs('news-10m'), { bytes: 4e6, title: 'A 4 MB page' }),
  };
  const scanPages = Array.from({ length: 100 }, (_, i) => page(large, { from: 7 * i, words: 2000, title: `Scan ${i}` }));
  const routes = {};
  for (const [name, p] of Object.entries(pages)) {
    routes[`/bench/${encodeURIComponent(name)}`] = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(p.html);
    };
  }
  scanPages.forEach((p, i) => {
    routes[`/bench/scan-${i}`] = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(p.html);
    };
  });

  const [ext, srv] = await Promise.all([launch(), startServer(routes)]);
  const out = {};
  try {
    await ext.context.addInitScript(probe);
    const swUrl = ext.sw.url();
    const tab = await ext.context.newPage();
    const probePage = await ext.probe();
    let tabId = null;
    /** The content script's timing figures for the document now in `tab`. */
    const timingOf = async (timeout) => {
      const origin = await tab.evaluate(() => performance.timeOrigin);
      return until(
        async () => {
          const r = await probePage.evaluate(async (id) => {
            try {
              return await chrome.tabs.sendMessage(id, { type: 'page/timing' });
            } catch {
              return null;
            }
          }, tabId);
          const t = r && r.ok ? r.timing : null;
          return t && t.timeOrigin === origin && t.drawn !== null ? t : null;
        },
        { timeout, interval: 10, message: 'content script timing' },
      );
    };
    const load = async (name, timeout = 60000) => {
      await tab.goto(`${srv.origin}/bench/${encodeURIComponent(name)}`, { timeout });
      if (tabId === null) tabId = await tabIdFor(ext, tab.url());
      const t = await timingOf(timeout);
      const longtasks = await tab.evaluate(
        () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => requestIdleCallback(() => r(window.__bench.longtasks), { timeout: 1000 })))),
      );
      const end = t.drawn + 50;
      const longest = longtasks
        ? Math.max(0, ...longtasks.filter((e) => e.start + e.duration > t.start && e.start < end).map((e) => e.duration))
        : null;
      const hl = await tab.evaluate(() => {
        let n = 0;
        for (const [name, h] of CSS.highlights) if (name.startsWith('claimlens-')) n += h.size;
        return n;
      });
      return { ms: t.drawn - t.start, extract: t.extracted - t.start, first: t.firstDrawn - t.start, coreMs: t.coreMs, slice: t.longestSliceMs, sliceWhat: t.longestSliceWhat, longest, batches: t.batches, ranges: hl };
    };

    // Warm up: worker started, WASM compiled and instantiated.
    const cold = await load('2k-word');
    out.cold = { ms: cold.ms };

    log(`\nbrowser: Chromium + build/extension (content script's own clock: script start → whole page drawn; longest task from a 'longtask' PerformanceObserver in the page)`);
    const head = `${'page'.padEnd(22)}${'words'.padStart(8)}${'KB'.padStart(8)}${'runs'.padStart(6)}${'median ms'.padStart(11)}${'min ms'.padStart(9)}`;
    log(`${head}${'extract ms'.padStart(12)}${'first ms'.padStart(10)}${'core ms'.padStart(9)}${'longest task'.padStart(14)}${'slice ms'.padStart(10)}${'batches'.padStart(9)}`);
    const extra = (r) =>
      `${fmt(r.extract).padStart(12)}${fmt(r.first).padStart(10)}${fmt(r.coreMs).padStart(9)}${fmt(r.longest).padStart(14)}${fmt(r.slice, 1).padStart(10)}${String(r.batches).padStart(9)}`;
    log(`${'2k-word, cold worker'.padEnd(22)}${String(pages['2k-word'].words).padStart(8)}${fmt(pages['2k-word'].html.length / 1024).padStart(8)}${'1'.padStart(6)}${fmt(cold.ms).padStart(11)}${fmt(cold.ms).padStart(9)}${extra(cold)}`);
    const slices = [];
    for (const [name, p] of Object.entries(pages)) {
      const runs = name === '2k-word' || name === '10k-word' ? 5 : name === '1 MB' ? 3 : 1;
      const t = [];
      for (let i = 0; i < runs; i++) t.push(await load(name));
      const mid = [...t].sort((a, b) => a.ms - b.ms)[Math.floor(t.length / 2)];
      // The longest task over all runs, the other columns from the median run.
      const worst = { ...mid, longest: Math.max(...t.map((r) => r.longest ?? 0)) };
      slices.push(`${name}: ${mid.sliceWhat || 'n/a'}`);
      out[name] = { ms: mid.ms, words: p.words, extractMs: mid.extract, first: mid.first, coreMs: mid.coreMs, longestTaskMs: worst.longest, sliceMs: mid.slice, ranges: mid.ranges };
      log(`${name.padEnd(22)}${String(p.words).padStart(8)}${fmt(p.html.length / 1024).padStart(8)}${String(runs).padStart(6)}${fmt(mid.ms).padStart(11)}${fmt(Math.min(...t.map((r) => r.ms))).padStart(9)}${extra(worst)}`);
    }
    log(`  extract: start → blocks extracted; first: start → first highlight; core: WASM analysis in the worker (off the page's thread); longest task: worst run; slice: the content script's longest own slice`);
    log(`  longest slice spent in: ${slices.join('; ')}`);

    // Re-highlight after appending one paragraph: the content script's
    // clock from the DOM change being observed to the new passage drawn.
    await load('2k-word');
    const re = [];
    const wall = [];
    const phases = [];
    for (let i = 0; i < 9; i++) {
      // Appends a moment apart, as a live page would: back-to-back changes
      // are deliberately spaced by the content script (see scheduleScan).
      await new Promise((r) => setTimeout(r, 100));
      const t0 = await tab.evaluate((i) => {
        const p = document.createElement('p');
        p.textContent = `Officials said the harbour fund was allegedly moved offshore in batch ${i}.`;
        const t = performance.now();
        document.getElementById('story').append(p);
        return t;
      }, i);
      const t = await until(
        async () => {
          const r = await probePage.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'page/timing' }).catch(() => null), tabId);
          const m = r && r.ok ? r.timing.mutation : null;
          return m && m.observed !== null && m.observed >= t0 && m.drawn !== null ? m : null;
        },
        { timeout: 10000, interval: 50, message: 're-highlight' },
      );
      const drawn = await tab.evaluate((i) => [...(CSS.highlights.get('claimlens-hedged') || [])].some((r) => r.toString().includes(`batch ${i}`)), i);
      re.push(drawn ? t.drawn - t.observed : NaN);
      wall.push(drawn ? t.drawn - t0 : NaN);
      phases.push(t.phases);
    }
    const phase = (k) => median(phases.map((p) => (p && p[k] != null ? p[k] : NaN)));
    out.reappend = { ms: median(re), fromAppendMs: median(wall), runs: re, phases: Object.fromEntries(['waitMs', 'extractMs', 'workerMs', 'coreMs', 'drawMs'].map((k) => [k, phase(k)])) };
    log(`re-highlight after appending one paragraph: median ${fmt(median(re), 1)} ms over ${re.length} (mutation observed → drawn; ${fmt(median(wall), 1)} ms from the append; min ${fmt(Math.min(...re), 1)}, max ${fmt(Math.max(...re), 1)})`);
    const p = out.reappend.phases;
    log(`  median phases: wait for the scan ${fmt(p.waitMs, 1)} ms, extract ${fmt(p.extractMs, 1)} ms, worker round trip ${fmt(p.workerMs, 1)} ms (core ${fmt(p.coreMs, 1)} ms), draw ${fmt(p.drawMs, 1)} ms`);

    // Worker memory before and after 100 page scans.
    const heap0 = await workerHeap(ext, swUrl);
    const rss0 = extensionRssKB();
    const t0 = performance.now();
    for (let i = 0; i < scanPages.length; i++) await load(`scan-${i}`);
    const scanSecs = (performance.now() - t0) / 1e3;
    const heap1 = await workerHeap(ext, swUrl);
    const rss1 = extensionRssKB();
    out.memory = { heapBefore: heap0, heapAfter: heap1, rssBeforeKB: rss0?.kb, rssAfterKB: rss1?.kb };
    const mbOf = (b) => (b == null ? 'n/a' : `${(b / 1048576).toFixed(1)} MB`);
    log(`worker after 100 page scans (${fmt(scanSecs, 1)} s, 2,000 words each): JS heap after GC ${mbOf(heap0)} → ${mbOf(heap1)};`);
    log(`  RSS of the extension process(es) (${rss1?.processes ?? 'n/a'}, worker + WASM memory) ${mbOf(rss0 && rss0.kb * 1024)} → ${mbOf(rss1 && rss1.kb * 1024)}`);
    await tab.close();
  } finally {
    await ext.close();
    await srv.close();
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await browserFigures();
  fs.mkdirSync(BENCH, { recursive: true });
  fs.writeFileSync(path.join(BENCH, 'browser.json'), JSON.stringify(r, null, 2));
}
