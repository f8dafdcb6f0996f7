// The worker's message router: malformed or oversized messages are answered
// with {ok:false,error}; well-formed ones work; the worker's state lives in
// storage.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';

let ext;
before(async () => {
  ext = await launch();
});
after(async () => {
  await ext?.close();
});

test('router validates every message and reports errors', async () => {
  const probe = await ext.probe();
  const replies = await probe.evaluate(async () => {
    const send = (m) => chrome.runtime.sendMessage(m);
    return {
      noType: await send({ blocks: [] }),
      unknown: await send({ type: 'eval', code: '1' }),
      badBlocks: await send({ type: 'analyze', blocks: 'text', url: 'https://a.org/' }),
      badUrl: await send({ type: 'analyze', blocks: ['x'], url: 'javascript:alert(1)' }),
      huge: await send({ type: 'analyze', blocks: ['x'.repeat(100001)], url: 'https://a.org/' }),
      badPatch: await send({ type: 'settings/update', patch: { sensitivity: 'max' } }),
      contentOnly: await send({ type: 'page/state' }),
      good: await send({ type: 'analyze', blocks: ['The minister has denied the claims.'], url: 'https://a.org/' }),
      info: await send({ type: 'core/info' }),
    };
  });
  assert.deepEqual(replies.noType, { ok: false, error: 'message has no type' });
  assert.deepEqual(replies.unknown, { ok: false, error: 'unknown message type "eval"' });
  assert.deepEqual(replies.badBlocks, { ok: false, error: 'blocks must be an array of strings' });
  assert.deepEqual(replies.badUrl, { ok: false, error: 'url must be an http(s) URL' });
  assert.deepEqual(replies.huge, { ok: false, error: 'a block is longer than 100000 characters' });
  assert.equal(replies.badPatch.ok, false);
  assert.match(replies.badPatch.error, /sensitivity must be one of strict, balanced, eager/);
  assert.equal(replies.contentOnly.ok, false);
  assert.equal(replies.good.ok, true);
  assert.deepEqual(replies.good.findings.map((f) => f.category).filter((c) => c === 'denial'), ['denial']);
  assert.equal(replies.good.findings[0].text, 'The minister has denied the claims.');
  assert.match(replies.info.version, /^\d+\.\d+\.\d+$/);
});
