// Browser figures for the built extension in Chromium, with the e2e
// harness (extension/tests/e2e/harness.mjs): highlight latency for a 2,000-
// word article, a 10,000-word page and a 1 MB page, re-highlight latency
// after appending one paragraph, and the worker's memory after 100 page
// scans.
//
// The extension has no timing hooks, so everything is measured from the
// page side: an init script records DOMContentLoaded and polls
// CSS.highlights every 2 ms; "to highlights" is DOMContentLoaded → the first
// poll that sees a claimlens highlight (the content script runs at
// document_idle, just after DOMContentLoaded, and draws all at once).
// Memory comes from the DevTools protocol (the worker's JS heap) and /proc
// (resident size of the extension process, which holds the WASM memory).
//
//   node benches/browser.mjs        (or via benches/wasm.mjs)

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, startServer, until, squash } from '../extension/tests/e2e/harness.mjs';

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

/** Records DOMContentLoaded and the first time claimlens highlights exist. */
function probe() {
  const b = (window.__bench = { dcl: null, hl: null });
  document.addEventListener('DOMContentLoaded', () => (b.dcl = performance.now()));
  const id = setInterval(() => {
    for (const [name, h] of CSS.highlights) {
      if (name.startsWith('claimlens-') && h.size > 0) {
        b.hl = performance.now();
        clearInterval(id);
        return;
      }
    }
  }, 2);
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
    const load = async (tab, name, timeout = 60000) => {
      await tab.goto(`${srv.origin}/bench/${encodeURIComponent(name)}`, { timeout });
      const b = await until(() => tab.evaluate(() => (window.__bench && window.__bench.hl !== null ? window.__bench : null)), {
        timeout,
        interval: 20,
        message: `highlights on ${name}`,
      });
      return b.hl - b.dcl;
    };

    // Warm up: worker started, WASM compiled and instantiated.
    const tab = await ext.context.newPage();
    const coldMs = await load(tab, '2k-word');
    out.cold = { ms: coldMs };

    log(`\nbrowser: Chromium + build/extension (page side: DOMContentLoaded → first claimlens highlight; no extension timing hooks)`);
    log(`${'page'.padEnd(22)}${'words'.padStart(8)}${'KB'.padStart(8)}${'runs'.padStart(6)}${'median ms'.padStart(11)}${'min ms'.padStart(9)}`);
    log(`${'2k-word, cold worker'.padEnd(22)}${String(pages['2k-word'].words).padStart(8)}${fmt(pages['2k-word'].html.length / 1024).padStart(8)}${'1'.padStart(6)}${fmt(coldMs).padStart(11)}${fmt(coldMs).padStart(9)}`);
    for (const [name, p] of Object.entries(pages)) {
      const runs = name === '1 MB' ? 3 : 5;
      const t = [];
      for (let i = 0; i < runs; i++) t.push(await load(tab, name));
      out[name] = { ms: median(t), words: p.words };
      log(`${name.padEnd(22)}${String(p.words).padStart(8)}${fmt(p.html.length / 1024).padStart(8)}${String(runs).padStart(6)}${fmt(median(t)).padStart(11)}${fmt(Math.min(...t)).padStart(9)}`);
    }

    // Re-highlight after appending one paragraph (includes the content
    // script's 120 ms mutation debounce).
    await load(tab, '2k-word');
    const re = [];
    for (let i = 0; i < 5; i++) {
      re.push(
        await tab.evaluate(async (i) => {
          const text = `Officials said the harbour fund was allegedly moved offshore in batch ${i}.`;
          const t0 = performance.now();
          const p = document.createElement('p');
          p.textContent = text;
          document.getElementById('story').append(p);
          for (;;) {
            const h = CSS.highlights.get('claimlens-hedged');
            if (h && [...h].some((r) => r.toString().includes(`batch ${i}`))) return performance.now() - t0;
            if (performance.now() - t0 > 10000) return NaN;
            await new Promise((r) => setTimeout(r, 2));
          }
        }, i),
      );
    }
    out.reappend = { ms: median(re) };
    log(`re-highlight after appending one paragraph: median ${fmt(median(re))} ms over 5 (includes the 120 ms mutation debounce)`);

    // Worker memory before and after 100 page scans.
    const heap0 = await workerHeap(ext, swUrl);
    const rss0 = extensionRssKB();
    const t0 = performance.now();
    for (let i = 0; i < scanPages.length; i++) await load(tab, `scan-${i}`);
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
