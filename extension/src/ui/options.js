// Options page: defaults (categories, sensitivity, what to scan), sites, custom cues (validated by the core), hidden
// cues, import/export.

import { CATEGORIES, CATEGORY_INFO, CUE_CATEGORIES } from '../shared/findings.js';
import { exportSettingsFile, parseSettingsFile, DEFAULTS } from '../shared/settings.js';
import { toWorker, h } from './common.js';

const $ = (id) => /** @type {any} */ (document.getElementById(id));
let settings = null;

function status(text, kind = 'ok') {
  const s = $('status');
  s.textContent = text;
  s.className = kind;
}

function lines(text) {
  return text.split('\n').map((l) => l.trim()).filter(Boolean);
}

function build() {
  for (const cat of CATEGORIES) {
    $('cats').append(
      h('label', {}, h('input', { type: 'checkbox', id: `cat-${cat}`, dataset: { testid: `opt-cat-${cat}` } }),
        h('span', { class: `swatch sw-${cat}`, 'aria-hidden': 'true' }, 'Aa'), CATEGORY_INFO[cat].label),
    );
  }
  for (const cat of CUE_CATEGORIES) {
    $('cues').append(
      h('label', {}, `${CATEGORY_INFO[cat].label} cues`,
        h('textarea', { id: `cues-${cat}`, rows: '6', spellcheck: 'false', dataset: { testid: `opt-cues-${cat}` } })),
    );
  }
}

function fill() {
  for (const cat of CATEGORIES) $(`cat-${cat}`).checked = !!settings.categories[cat];
  $('sensitivity').value = settings.sensitivity;
  $('scope').value = settings.scope;
  const scoped = $('site-scopes');
  scoped.replaceChildren();
  const scopeSites = Object.keys(settings.siteScopes).sort();
  if (!scopeSites.length) scoped.append(h('li', { class: 'muted' }, 'None.'));
  for (const site of scopeSites) {
    scoped.append(
      h('li', {}, `${site}: ${settings.siteScopes[site] === 'page' ? 'whole page' : 'article'}`,
        h('button', { type: 'button', onclick: () => unscope(site) }, 'Use the default')),
    );
  }
  $('enabledByDefault').checked = settings.enabledByDefault;
  $('allowSites').value = settings.allowSites.join('\n');
  $('denySites').value = settings.denySites.join('\n');
  for (const cat of CUE_CATEGORIES) {
    $(`cues-${cat}`).value = settings.customCues[cat].join('\n');
    $(`cues-${cat}`).removeAttribute('aria-invalid');
  }
  const ul = $('hidden');
  ul.replaceChildren();
  const sites = Object.keys(settings.hiddenCues).sort();
  if (!sites.length) ul.append(h('li', { class: 'muted' }, 'None.'));
  for (const site of sites) {
    for (const cue of settings.hiddenCues[site]) {
      ul.append(
        h('li', {}, `${site}: “${cue}”`,
          h('button', { type: 'button', onclick: () => unhide(site, cue) }, 'Show again')),
      );
    }
  }
}

async function unhide(site, cue) {
  const hidden = { ...settings.hiddenCues, [site]: settings.hiddenCues[site].filter((c) => c !== cue) };
  if (!hidden[site].length) delete hidden[site];
  await save({ hiddenCues: hidden });
}

async function unscope(site) {
  const siteScopes = { ...settings.siteScopes };
  delete siteScopes[site];
  await save({ siteScopes });
}

function collect() {
  return {
    categories: Object.fromEntries(CATEGORIES.map((c) => [c, $(`cat-${c}`).checked])),
    sensitivity: $('sensitivity').value,
    scope: $('scope').value,
    enabledByDefault: $('enabledByDefault').checked,
    allowSites: lines($('allowSites').value),
    denySites: lines($('denySites').value),
    customCues: Object.fromEntries(CUE_CATEGORIES.map((c) => [c, lines($(`cues-${c}`).value)])),
  };
}

async function save(patch) {
  try {
    const res = await toWorker({ type: 'settings/update', patch });
    settings = res.settings;
    fill();
    status('Saved.');
    return true;
  } catch (e) {
    const msg = String(e.message);
    status(msg, 'error');
    for (const cat of CUE_CATEGORIES) {
      if (msg.includes(`custom ${cat} cue`) || msg.includes(`customCues.${cat}`)) $(`cues-${cat}`).setAttribute('aria-invalid', 'true');
    }
    return false;
  }
}

async function main() {
  build();
  settings = (await toWorker({ type: 'settings/get' })).settings;
  fill();
  try {
    const info = await toWorker({ type: 'core/info' });
    $('version').textContent = `claimlens ${chrome.runtime.getManifest().version}, core ${info.version}`;
  } catch {
    $('version').textContent = `claimlens ${chrome.runtime.getManifest().version}`;
  }
  $('form').addEventListener('submit', (e) => {
    e.preventDefault();
    save(collect());
  });
  $('reset').addEventListener('click', async () => {
    try {
      settings = (await toWorker({ type: 'settings/replace', settings: structuredClone(DEFAULTS) })).settings;
      fill();
      status('Defaults restored.');
    } catch (e) {
      status(String(e.message), 'error');
    }
  });
  $('export').addEventListener('click', () => {
    const blob = new Blob([exportSettingsFile(settings)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: 'claimlens-settings.json' });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    status('Exported.');
  });
  $('import').addEventListener('change', async (e) => {
    const file = e.target.files && e.target.files[0];
    e.target.value = '';
    if (!file) return;
    const parsed = parseSettingsFile(await file.text());
    if (!parsed.ok) {
      status(`Import rejected: ${parsed.errors.join('; ')}`, 'error');
      return;
    }
    try {
      settings = (await toWorker({ type: 'settings/replace', settings: parsed.value })).settings;
      fill();
      status('Imported.');
    } catch (err) {
      status(`Import rejected: ${err.message}`, 'error');
    }
  });
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes.settings && document.activeElement === document.body) {
      toWorker({ type: 'settings/get' }).then((r) => {
        settings = r.settings;
        fill();
      }, () => {});
    }
  });
}

main();
