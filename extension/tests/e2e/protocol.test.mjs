// The worker's message router: malformed or oversized messages are answered
// with {ok:false,error}; well-formed ones work; the worker's state lives in
// storage.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowserAndServer } from './harness.mjs';

const env = useBrowserAndServer({ server: false });

test('router validates every message and reports errors', async () => {
  const probe = await env.ext.probe();
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

test('router: malformed, oversized and unknown messages get an error; the worker keeps working', async () => {
  const probe = await env.ext.probe();
  const replies = await probe.evaluate(async () => {
    const send = async (m) => {
      try {
        return await chrome.runtime.sendMessage(m);
      } catch (e) {
        return { thrown: String(e.message || e) };
      }
    };
    const big = 'The minister has denied it. '.repeat(3000); // 84,000 characters
    const out = {
      string: await send('analyze'),
      number: await send(42),
      nul: await send(null),
      array: await send([{ type: 'analyze' }]),
      typeNotString: await send({ type: 7 }),
      protoType: await send({ type: '__proto__' }),
      constructorType: await send({ type: 'constructor' }),
      longUnknown: await send({ type: 'x'.repeat(5000) }),
      blocksNotStrings: await send({ type: 'analyze', blocks: [1, 2], url: 'https://a.org/' }),
      tooManyBlocks: await send({ type: 'analyze', blocks: new Array(20001).fill('a'), url: 'https://a.org/' }),
      tooMuchText: await send({ type: 'analyze', blocks: new Array(40).fill(big), url: 'https://a.org/' }),
      longUrl: await send({ type: 'analyze', blocks: ['x'], url: `https://a.org/${'p'.repeat(9000)}` }),
      hugePatch: await send({ type: 'settings/update', patch: { customCues: { hedged: new Array(20000).fill('scuttlebutt has it') } } }),
      patchNotObject: await send({ type: 'settings/update', patch: 'sensitivity=eager' }),
      replaceNotObject: await send({ type: 'settings/replace', settings: [] }),
      siteBad: await send({ type: 'site/set', url: 'https://a.org/', on: 'yes' }),
      cueEmpty: await send({ type: 'cue/hide', url: 'https://a.org/', cue: '   ' }),
      contentType: await send({ type: 'page/command', name: 'toggle' }),
    };
    // Still answering, with the same settings as before.
    out.after = await send({ type: 'analyze', blocks: ['The minister has denied the claims.'], url: 'https://a.org/' });
    out.settings = await send({ type: 'settings/get' });
    return out;
  });
  const errors = Object.fromEntries(Object.entries(replies).filter(([k]) => k !== 'after' && k !== 'settings'));
  for (const [name, r] of Object.entries(errors)) {
    assert.equal(r.ok, false, `${name}: ${JSON.stringify(r)}`);
    assert.equal(typeof r.error, 'string', `${name} has an error message`);
    assert.ok(r.error.length > 0 && r.error.length < 300, `${name}: short error (${r.error.length} chars)`);
  }
  assert.equal(replies.string.error, 'message must be an object');
  assert.equal(replies.array.error, 'message must be an object');
  assert.equal(replies.typeNotString.error, 'message has no type');
  assert.equal(replies.protoType.error, 'unknown message type "__proto__"');
  assert.equal(replies.constructorType.error, 'unknown message type "constructor"');
  assert.equal(replies.tooManyBlocks.error, 'too many blocks (max 20000)');
  assert.equal(replies.tooMuchText.error, 'page text is longer than 3000000 characters');
  assert.equal(replies.longUrl.error, 'url must be an http(s) URL');
  assert.equal(replies.hugePatch.error, 'patch is too large');
  assert.equal(replies.after.ok, true);
  assert.ok(replies.after.findings.some((f) => f.category === 'denial'));
  assert.equal(replies.settings.ok, true);
  assert.deepEqual(replies.settings.settings.customCues.hedged, [], 'no rejected patch was applied');
});
