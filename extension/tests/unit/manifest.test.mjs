import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';

const manifest = JSON.parse(fs.readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8'));

test('MV3 manifest that Chromium and Firefox both accept', () => {
  assert.equal(manifest.manifest_version, 3);
  assert.equal(manifest.name, 'claimlens');
  // One background entry for both: Chromium uses the service worker, Firefox the script.
  assert.deepEqual(manifest.background, { service_worker: 'background.js', type: 'module', scripts: ['background.js'] });
  const gecko = manifest.browser_specific_settings.gecko;
  assert.match(gecko.id, /^[^@\s]+@[^@\s]+$/);
  assert.match(gecko.strict_min_version, /^\d+\.\d+$/);
  assert.ok(Number(gecko.strict_min_version.split('.')[0]) >= 140, 'CSS Custom Highlight API needs Firefox 140');
});

test('WASM may be compiled in extension pages only; nothing else loosens the CSP', () => {
  assert.equal(manifest.content_security_policy.extension_pages, "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'");
});

test('minimal permissions, no host permissions beyond the content script', () => {
  assert.deepEqual([...manifest.permissions].sort(), ['clipboardWrite', 'sidePanel', 'storage']);
  assert.equal(manifest.host_permissions, undefined);
  assert.equal(manifest.externally_connectable, undefined, 'web pages cannot message the extension');
  assert.equal(manifest.web_accessible_resources, undefined, 'pages cannot load or fingerprint extension files');
  const [cs] = manifest.content_scripts;
  assert.deepEqual(cs.matches, ['http://*/*', 'https://*/*']);
  assert.equal(cs.run_at, 'document_idle');
  assert.deepEqual(cs.js, ['content.js']);
});

test('UI entry points and commands', () => {
  assert.equal(manifest.action.default_popup, 'popup.html');
  assert.equal(manifest.options_page, 'options.html');
  assert.equal(manifest.side_panel.default_path, 'sidepanel.html');
  assert.equal(manifest.sidebar_action.default_panel, 'sidepanel.html');
  assert.deepEqual(Object.keys(manifest.commands).sort(), ['next-finding', 'previous-finding', 'toggle-highlights']);
  for (const size of ['16', '32', '48', '128']) assert.equal(manifest.icons[size], `icons/icon-${size}.png`);
});
