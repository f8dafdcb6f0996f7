// Hostile and odd pages: a strict CSP, a page that breaks its own built-ins,
// one that wipes the highlight registry, 200,000 text nodes, 10,000-deep
// nesting, lone surrogates, RTL and CJK scripts, existing <mark>s, editable
// regions and form fields, hidden text and a sandboxed frame.
//
// For each page: highlights appear where they should and nowhere else, the
// extension logs no error, the page's own scripts keep running, and a
// MutationObserver the page installs before the extension runs sees no change
// to the page's DOM.
//
// Everything is read through the DevTools protocol: the page's world (where
// the page may have replaced JSON, Array.prototype.map or CSS.highlights) is
// only asked for plain values, and the highlight registry is read from a
// fresh isolated world, as the extension sees it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useBrowserAndServer, until, tabIdFor, pageState, squash, artifact, ROOT, NAMES } from './harness.mjs';

const FIXTURES = path.join(ROOT, 'extension', 'tests', 'fixtures');

/**
 * Installed in every frame before any page or extension script runs: records
 * DOM changes made after the page finished parsing (its own later changes go
 * through __guard.own(fn)), CSP violations, and keeps a ticker going. Uses
 * only built-ins captured up front, so page overrides cannot blind it.
 */
const GUARD = `(() => {
  if (window.__guard) return;
  const MO = MutationObserver;
  const push = Array.prototype.push;
  const g = { records: [], violations: [], ticks: 0, armed: false };
  window.__guard = g;
  const keep = (list) => {
    if (!g.armed) return;
    for (const r of list) {
      const added = [], removed = [];
      for (const n of r.addedNodes) push.call(added, n.nodeName);
      for (const n of r.removedNodes) push.call(removed, n.nodeName);
      push.call(g.records, { type: r.type, target: r.target.nodeName, attr: r.attributeName, added, removed });
    }
  };
  const mo = new MO(keep);
  mo.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  // What the parser and the page's inline scripts build is the page's own.
  document.addEventListener('DOMContentLoaded', () => { mo.takeRecords(); g.armed = true; }, true);
  g.own = (fn) => { keep(mo.takeRecords()); try { return fn(); } finally { mo.takeRecords(); } };
  document.addEventListener('securitypolicyviolation', (e) => {
    push.call(g.violations, { directive: e.violatedDirective, blocked: e.blockedURI, line: e.lineNumber, sample: e.sample });
  }, true);
  setInterval(() => { g.ticks++; }, 50);
})();`;

/** Reads the claimlens highlights: {category: [range text, ...]} */
const READ_HIGHLIGHTS = `(() => {
  const out = {};
  for (const [name, h] of CSS.highlights) {
    if (!name.startsWith('claimlens-')) continue;
    const list = [];
    for (const r of h) list.push(r.toString());
    out[name.slice('claimlens-'.length)] = list;
  }
  return out;
})()`;

const BIG = { paragraphs: 2000, nodesPerParagraph: 100 };

/** 200,000 text nodes: 2,000 paragraphs of 50 plain words and 50 bold ones. */
function bigPage() {
  const sentences = [
    'The minister has denied that the contract was signed in secret.',
    'The deficit appears to have doubled since the spring, according to draft accounts.',
    'Officials will publish the figures on Monday.',
    'Critics say the council has wasted millions on consultants.',
    'The report was reportedly delayed twice before it reached the committee.',
    'Turnout rose in every ward for the first time since the war.',
  ];
  const words = sentences.join(' ').split(' ');
  const parts = ['<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Big page | Test Herald</title>',
    '<script>window.__ticks = 0; setInterval(() => { window.__ticks++; }, 50);</script></head><body><article id="story"><h1>Everything at once</h1>\n'];
  let w = 0;
  for (let p = 0; p < BIG.paragraphs; p++) {
    let html = '<p>';
    for (let i = 0; i < BIG.nodesPerParagraph; i++) {
      const word = words[w++ % words.length];
      html += i % 2 ? `<b>${word} </b>` : `${word} `;
    }
    parts.push(html + '</p>\n');
  }
  parts.push('</article></body></html>');
  return parts.join('');
}

const env = useBrowserAndServer({
  routes: () => {
    const big = bigPage();
    BIG.bytes = Buffer.byteLength(big);
    return {
      '/csp': (req, res) => {
        res.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': "default-src 'none'",
          'cache-control': 'no-store',
        });
        res.end(fs.readFileSync(path.join(FIXTURES, 'hostile-csp.html')));
      },
      '/favicon.ico': (req, res) => {
        res.writeHead(204);
        res.end();
      },
      '/big': (req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(big);
      },
    };
  },
});

/**
 * Opens a page with the guard installed and every console error, exception
 * and error log entry of the tab recorded.
 * @param {string} pathname
 */
async function open(pathname) {
  const page = await env.ext.context.newPage();
  await page.addInitScript(GUARD);
  const cdp = await env.ext.context.newCDPSession(page);
  const errors = [];
  cdp.on('Runtime.exceptionThrown', (e) => errors.push(`exception: ${e.exceptionDetails.exception?.description || e.exceptionDetails.text}`));
  cdp.on('Runtime.consoleAPICalled', (e) => {
    if (e.type === 'error' || e.type === 'assert') errors.push(`console.${e.type}: ${e.args.map((a) => a.value ?? a.description).join(' ')}`);
  });
  cdp.on('Log.entryAdded', (e) => {
    if (e.entry.level === 'error') errors.push(`log: ${e.entry.text} ${e.entry.url || ''}`.trim());
  });
  await cdp.send('Runtime.enable');
  await cdp.send('Log.enable');
  const url = `${env.srv.origin}${pathname}`;
  const t0 = Date.now();
  await page.goto(url, { timeout: 60000 });
  const tLoaded = Date.now();
  const { frameTree } = await cdp.send('Page.getFrameTree');

  /** Evaluates in a world: the page's own (main) or a fresh isolated one. */
  const evaluate = async (expression, contextId) => {
    const r = await cdp.send('Runtime.evaluate', { expression, contextId, returnByValue: true, awaitPromise: true });
    if (r.exceptionDetails) throw new Error(`evaluate failed: ${r.exceptionDetails.exception?.description || r.exceptionDetails.text}`);
    return r.result.value;
  };
  const isolated = async (frameId) => (await cdp.send('Page.createIsolatedWorld', { frameId, worldName: 'claimlens-test-probe' })).executionContextId;
  const probeCtx = await isolated(frameTree.frame.id);
  const ctx = {
    page, cdp, errors, url, t0, tLoaded, frameTree,
    main: (expr) => evaluate(expr),
    probe: (expr) => evaluate(expr, probeCtx),
    highlights: () => evaluate(READ_HIGHLIGHTS, probeCtx),
    async waitForHighlights(timeout = 20000) {
      return until(async () => {
        const h = await ctx.highlights();
        return NAMES.some((k) => h[k]?.length) ? h : null;
      }, { timeout, message: `highlights on ${pathname}` });
    },
    async state() {
      return pageState(env.ext, await tabIdFor(env.ext, url));
    },
    /** The shared checks: no error, the page's scripts run, its DOM untouched. */
    async assertClean({ allowErrors = null, ticker = 'window.__ticks' } = {}) {
      const st = await ctx.state();
      assert.equal(st.error, '', 'the content script recorded no error');
      const t1 = await ctx.main(ticker);
      await until(async () => (await ctx.main(ticker)) > t1, { timeout: 5000, message: 'the page ticker moves on' });
      const records = await ctx.main('window.__guard.records');
      assert.deepEqual(records, [], 'the page saw no DOM change');
      const left = allowErrors ? errors.filter((e) => !allowErrors.test(e)) : errors;
      assert.deepEqual(left, [], 'no console errors or exceptions');
      return st;
    },
    async close() {
      await cdp.detach().catch(() => {});
      await page.close();
    },
  };
  return ctx;
}

const all = (h) => NAMES.flatMap((k) => h[k] || []);
const hasText = (h, cat, needle) => (h[cat] || []).some((s) => squash(s).includes(needle));

test('strict CSP (default-src \'none\'): still highlighted, no violation caused by the extension', async () => {
  const c = await open('/csp');
  const h = await c.waitForHighlights();
  assert.ok(hasText(h, 'denial', 'The harbour master has denied'));
  assert.ok(hasText(h, 'hedged', 'reportedly awarded'));
  assert.equal(await c.main('window.__inlineRan === undefined'), true, 'the policy is in force: the inline script was blocked');
  // The only violations are the page's own inline script and style.
  const violations = await c.main('window.__guard.violations');
  assert.deepEqual(violations.map((v) => `${v.directive} ${v.blocked}`).sort(), ['script-src-elem inline', 'style-src-elem inline']);
  // Chromium logs the page's own blocked inline script and style as errors.
  await c.assertClean({ ticker: 'window.__guard.ticks', allowErrors: /^log: (Executing inline script|Applying inline style) violates the following Content Security Policy directive/ });
  await c.page.screenshot({ path: artifact('hostile-csp.png') });
  await c.close();
});

test('page overrides Array.prototype.map, JSON.stringify, Range#toString, Highlight and CSS.highlights in its world', async () => {
  const c = await open('/x/hostile-overrides.html');
  // The content script runs in an isolated world with its own built-ins and
  // its own CSS namespace object; the registry behind them is the document's.
  const h = await c.waitForHighlights();
  assert.ok(hasText(h, 'denial', 'The club chairman has denied'));
  assert.ok(hasText(h, 'hedged', 'appears to have links'));
  // The page's replacements are untouched and never fed by the extension.
  assert.equal(await c.main('window.__overridden && window.__fake.size'), 0, 'nothing was written to the page\'s fake registry');
  assert.equal(await c.main('(() => { try { [1].map((x) => x); return "ran"; } catch (e) { return e.message; } })()'), 'page: Array.prototype.map is disabled');
  assert.equal(await c.main('JSON.stringify({a: 1})'), '"page-owned"');
  await c.assertClean();
  // Once the page puts the real registry back, its world sees the same highlights.
  await c.main('window.__restore()');
  const seen = await c.main('[...CSS.highlights.keys()].filter((k) => k.startsWith("claimlens-")).sort()');
  assert.deepEqual(seen, Object.keys(h).map((k) => `claimlens-${k}`).sort());
  assert.equal(await c.main('CSS.highlights.get("claimlens-denial").size'), h.denial.length);
  await c.close();
});

test('page that wipes CSS.highlights: the extension puts its highlights back', async () => {
  const c = await open('/x/hostile-clearing.html');
  await c.waitForHighlights();
  const clears = await until(async () => {
    const cl = await c.main('window.__clears');
    return cl.length === 3 && cl.every((x) => x.restoredAfter !== null) ? cl : null;
  }, { timeout: 15000, message: 'three wipes, each undone' });
  console.log(`highlights restored after wipes in ${clears.map((x) => x.restoredAfter).join(', ')} ms`);
  const h = await c.waitForHighlights(5000);
  assert.ok(hasText(h, 'denial', 'The health board has denied'));
  assert.ok(hasText(h, 'hedged', 'Waiting times have reportedly doubled'));
  // A wipe from outside the page's own timer is undone too.
  await c.main('CSS.highlights.clear()');
  await c.waitForHighlights(5000);
  await c.assertClean();
  await c.close();
});

test('200,000 text nodes: highlighted; size and time recorded', async () => {
  const c = await open('/big');
  const h = await c.waitForHighlights(60000);
  const tHighlighted = Date.now();
  const nodes = await c.probe(`(() => { const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT); let n = 0; while (w.nextNode()) n++; return n; })()`);
  assert.ok(nodes >= 200000, `${nodes} text nodes`);
  // Every paragraph's denial sentence is drawn (2 per 3 paragraphs on average).
  const st = await c.assertClean();
  const chars = await c.probe('document.body.textContent.length');
  console.log(`big page: ${nodes} text nodes, ${BIG.paragraphs} paragraphs, ${(BIG.bytes / 1e6).toFixed(2)} MB HTML, ${chars} characters; ` +
    `loaded in ${c.tLoaded - c.t0} ms, highlighted ${tHighlighted - c.t0} ms after navigation; ` +
    `${st.findings.length} findings (${Object.entries(h).map(([k, v]) => `${k} ${v.length}`).join(', ')})`);
  assert.ok(h.denial.length >= BIG.paragraphs / 2, `${h.denial.length} denial ranges`);
  assert.ok(all(h).every((s) => s.length > 0));
  await c.close();
});

test('10,000-deep nesting: highlighted, including the text at the bottom', async () => {
  const c = await open('/x/hostile-deep.html');
  const depth = await c.probe(`(() => { let d = 0; for (let e = document.getElementById('deep'); e.firstElementChild; e = e.firstElementChild) d++; return d; })()`);
  assert.equal(depth, 10000);
  const h = await until(async () => {
    const x = await c.highlights();
    return hasText(x, 'hedged', 'the contractor reportedly billed twice') ? x : null;
  }, { timeout: 30000, message: 'the deepest text highlighted' }).catch(async (e) => {
    throw new Error(`${e.message}; page state: ${JSON.stringify(await c.state().then((st) => ({ error: st.error, blocks: st.blocks, scans: st.scans })))}`);
  });
  console.log(`deep page: ${depth} nested elements, highlighted ${Date.now() - c.t0} ms after navigation`);
  assert.ok(hasText(h, 'denial', 'The transport minister has denied'));
  assert.ok(hasText(h, 'unsourced', 'Critics say the ministry'));
  await c.assertClean();
  await c.close();
});

test('lone UTF-16 surrogates in text: no error, and the passages around them are drawn', async () => {
  const c = await open('/x/hostile-surrogates.html');
  const h = await c.waitForHighlights();
  assert.ok(hasText(h, 'denial', 'The registrar has denied'));
  assert.ok(hasText(h, 'unsourced', 'Critics say the registry'));
  // A flagged sentence that holds a lone surrogate is drawn over the page's own text.
  const hedged = (h.hedged || []).map(squash);
  assert.ok(hedged.some((s) => s.includes('the leak reportedly began in June')), `hedged: ${JSON.stringify(hedged)}`);
  assert.ok(hedged.some((s) => s.includes('The files appear to have been copied')), `hedged: ${JSON.stringify(hedged)}`);
  const st = await c.assertClean();
  for (const f of st.findings) assert.equal(typeof f.text, 'string');
  await c.close();
});

test('RTL (Arabic, Hebrew) and CJK text: ranges land exactly on the English passages', async () => {
  const c = await open('/x/hostile-scripts.html');
  const h = await c.waitForHighlights();
  const st = await c.assertClean();
  // Every range is exactly the text of one finding: no offset drift after multi-byte text.
  const findingTexts = new Set(st.findings.filter((f) => f.visible).map((f) => squash(f.text)));
  for (const cat of ['hedged', 'denial', 'unsourced']) {
    for (const s of h[cat] || []) assert.ok(findingTexts.has(squash(s)), `${cat} range “${s}” is a finding's text`);
  }
  const where = await c.probe(`(() => {
    const out = {};
    for (const [name, h] of CSS.highlights) {
      if (!name.startsWith('claimlens-') || name === 'claimlens-cue') continue;
      for (const r of h) {
        const p = r.startContainer.parentElement.closest('p');
        (out[p.id] ||= []).push(r.toString());
      }
    }
    return out;
  })()`);
  assert.ok(where.en1?.some((s) => s.includes('has denied')), JSON.stringify(where));
  assert.ok(where.ar?.some((s) => /^The envoy reportedly left the room early/.test(s)), `Arabic paragraph: ${JSON.stringify(where.ar)}`);
  assert.ok(where.he?.some((s) => /^Critics say the delegation/.test(s)), `Hebrew paragraph: ${JSON.stringify(where.he)}`);
  assert.ok(where.zh?.some((s) => /^The host country appears to have offered new loans/.test(s)), `Chinese paragraph: ${JSON.stringify(where.zh)}`);
  // What is true today: the core's sentence splitter does not end a sentence
  // before a script without capitals, so an English passage runs on into the
  // Arabic or Chinese sentence after it (it starts in the right place).
  console.log(`ranges by paragraph: ${JSON.stringify(where)}`);
  await c.close();
});

test('existing <mark> elements: passages across them are drawn, the marks are left alone', async () => {
  const c = await open('/x/hostile-marks.html');
  const before = await c.main('[...document.querySelectorAll("mark")].map((m) => m.outerHTML).join("|")');
  const h = await until(async () => {
    const x = await c.highlights();
    return hasText(x, 'hedged', 'mobile library was reportedly sold') ? x : null;
  }, { message: 'hedged passage across marks' });
  assert.ok(hasText(h, 'denial', 'The council has denied that three libraries will close next year.'));
  assert.ok(hasText(h, 'unsourced', 'Critics say the council'));
  assert.ok((h.cue || []).some((s) => s === 'reportedly'), 'the cue inside a <mark> is drawn');
  assert.equal(await c.main('[...document.querySelectorAll("mark")].map((m) => m.outerHTML).join("|")'), before);
  await c.assertClean();
  await c.close();
});

test('contenteditable regions, form fields and display:none text are never scanned', async () => {
  const c = await open('/x/hostile-fields.html');
  const h = await until(async () => {
    const x = await c.highlights();
    return hasText(x, 'unsourced', 'Critics say the regulator has been too slow') ? x : null;
  }, { message: 'the last visible paragraph' });
  assert.ok(hasText(h, 'denial', 'The water company has denied'));
  assert.ok(hasText(h, 'hedged', 'Leaks have reportedly cost'));
  const st = await c.assertClean();
  const never = /Editable|Textarea|Input:|Option:|Display none|Also hidden|Hidden attribute|plumber|inspector|auditor|captured long ago|lobbyists|wrongdoing|asleep|pipes/;
  for (const s of all(h).concat(h.cue || [])) assert.doesNotMatch(s, never, `range “${s}”`);
  for (const f of st.findings) assert.doesNotMatch(f.text, never, `finding “${f.text}”`);
  // Typing in the editor works and its text stays out of the highlights.
  await c.page.click('#editor p');
  await c.page.keyboard.press('End');
  await c.page.keyboard.type(' The landlord reportedly knew.');
  assert.match(await c.main('document.getElementById("editor").textContent'), /The landlord reportedly knew\./);
  await c.page.fill('#ta', 'Critics say the typed text stays private.');
  await until(async () => (await c.state()).scans > st.scans, { timeout: 5000, message: 'a rescan after typing' }).catch(() => null);
  const h2 = await c.highlights();
  for (const s of all(h2)) assert.doesNotMatch(s, /landlord|typed text/, `range “${s}”`);
  assert.deepEqual(c.errors, []);
  await c.close();
});

test('sandboxed iframe: not read, not highlighted, no error', async () => {
  const c = await open('/x/hostile-sandbox.html');
  const h = await until(async () => {
    const x = await c.highlights();
    return hasText(x, 'unsourced', 'Critics say the railway') ? x : null;
  }, { message: 'the paragraph after the frame' });
  assert.ok(hasText(h, 'denial', 'The union has denied'));
  const st = await c.assertClean();
  for (const s of all(h)) assert.doesNotMatch(s, /Sandboxed|operator|whistleblower|frame must never/);
  for (const f of st.findings) assert.doesNotMatch(f.text, /Sandboxed|operator|whistleblower|frame must never/);
  // The sandboxed frame has an opaque origin (Chromium may put it in its own
  // process): read it through Playwright's frame handle.
  const frame = c.page.frames().find((f) => f !== c.page.mainFrame());
  assert.ok(frame, 'the sandboxed frame exists');
  assert.match(await frame.evaluate(() => document.body.textContent), /Sandboxed: the operator/);
  assert.equal(await frame.evaluate(() => CSS.highlights.size), 0, 'nothing drawn inside the frame');
  await c.close();
});
