// A stand-in for the WASM core with the same JS API, for unit tests and for
// trying the extension before the core is built. Cue matching only.
const BUILTIN = {
  hedged: ['appears to', 'apparently', 'seemingly', 'believed to', 'might', 'perhaps', 'probably', 'likely', 'understood to'],
  denial: ['denied', 'dismissed', 'rejected', 'insisted'],
  unsourced: ['critics say', 'everyone', 'observers say', 'some investors'],
};
let custom = { hedged: [], denial: [], unsourced: [] };
let ready = false;

export default async function init() {
  ready = true;
}

export function version() {
  return '0.0.0-fake';
}

export function configure(cfg) {
  const next = { hedged: [], denial: [], unsourced: [] };
  for (const cat of Object.keys(next)) {
    const list = (cfg && cfg.custom_cues && cfg.custom_cues[cat]) || [];
    list.forEach((cue, i) => {
      if (typeof cue !== 'string' || !/\p{L}/u.test(cue)) {
        throw new Error(`custom ${cat} cue ${i + 1} (${JSON.stringify(cue)}): a cue must contain a letter`);
      }
      next[cat].push(cue.toLowerCase());
    });
  }
  custom = next;
}

function sentences(text) {
  const out = [];
  const re = /[^.!?]+[.!?]*["”’]?/g;
  let m;
  while ((m = re.exec(text))) {
    let start = m.index;
    let end = m.index + m[0].length;
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (end > start) out.push([start, end]);
  }
  return out;
}

export function analyze(blocks, opts) {
  if (!ready) throw new Error('init() first');
  const findings = [];
  blocks.forEach((text, block) => {
    for (const [start, end] of sentences(text)) {
      const s = text.slice(start, end);
      const lower = s.toLowerCase();
      for (const cat of ['hedged', 'denial', 'unsourced']) {
        const cues = [];
        for (const cue of [...BUILTIN[cat], ...custom[cat]]) {
          const re = new RegExp(`\\b${cue.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'g');
          let m;
          while ((m = re.exec(lower))) cues.push({ start: start + m.index, end: start + m.index + cue.length, text: s.slice(m.index, m.index + cue.length) });
        }
        if (!cues.length) continue;
        if (opts && opts.sensitivity === 'strict' && cat === 'unsourced') continue;
        cues.sort((a, b) => a.start - b.start);
        findings.push({
          block, start, end, text: s, category: cat, cues,
          reason: `${cat}: '${cues[0].text}'`,
          confidence: 0.7, source: null,
        });
      }
    }
  });
  return findings;
}
