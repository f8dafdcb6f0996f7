import { test } from 'node:test';
import assert from 'node:assert/strict';
import { messageError, isOwnSender, createRouter, MESSAGE_LIMITS } from '../../src/shared/messages.js';

test('worker messages are validated by type and shape', () => {
  assert.equal(messageError({ type: 'analyze', blocks: ['a'], url: 'https://x.org/' }, 'worker'), null);
  assert.match(messageError({ type: 'analyze', blocks: 'a', url: 'https://x.org/' }, 'worker'), /blocks must be an array/);
  assert.match(messageError({ type: 'analyze', blocks: [1], url: 'https://x.org/' }, 'worker'), /array of strings/);
  assert.match(messageError({ type: 'analyze', blocks: [], url: 'file:///etc/passwd' }, 'worker'), /url must be/);
  assert.match(messageError({ type: 'analyze', blocks: ['x'.repeat(MESSAGE_LIMITS.blockChars + 1)], url: 'https://x.org/' }, 'worker'), /longer than/);
  const many = Array.from({ length: 40 }, () => 'x'.repeat(90000));
  assert.match(messageError({ type: 'analyze', blocks: many, url: 'https://x.org/' }, 'worker'), /page text is longer/);
  assert.match(messageError({ type: 'settings/update', patch: [] }, 'worker'), /patch must be an object/);
  assert.match(messageError({ type: 'site/set', url: 'https://x.org/', on: 'yes' }, 'worker'), /on must be/);
  assert.equal(messageError({ type: 'site/scope', url: 'https://x.org/', scope: 'page' }, 'worker'), null);
  assert.match(messageError({ type: 'site/scope', url: 'https://x.org/', scope: 'all' }, 'worker'), /scope must be/);
  assert.match(messageError({ type: 'site/scope', url: 'ftp://x.org/', scope: 'page' }, 'worker'), /url must be/);
  assert.match(messageError({ type: 'cue/hide', url: 'https://x.org/', cue: '  ' }, 'worker'), /cue must be/);
  assert.match(messageError({ type: 'toString' }, 'worker'), /unknown message type/);
  assert.match(messageError({ type: 'page/state' }, 'worker'), /unknown message type/);
  assert.match(messageError(null, 'worker'), /must be an object/);
  assert.match(messageError({}, 'worker'), /no type/);
});

test('content messages are validated too', () => {
  assert.equal(messageError({ type: 'page/state' }, 'content'), null);
  assert.equal(messageError({ type: 'page/command', name: 'next' }, 'content'), null);
  assert.match(messageError({ type: 'page/command', name: 'rm' }, 'content'), /name must be one of/);
  assert.match(messageError({ type: 'analyze', blocks: [], url: 'https://x/' }, 'content'), /unknown message type/);
});

test('only this extension may send', () => {
  assert.equal(isOwnSender({ id: 'abc' }, 'abc'), true);
  assert.equal(isOwnSender({ id: 'evil' }, 'abc'), false);
  assert.equal(isOwnSender(undefined, 'abc'), false);
  assert.equal(isOwnSender({}, ''), false);
});

function call(router, msg, sender) {
  return new Promise((resolve) => {
    const sync = router(msg, sender, resolve);
    assert.equal(typeof sync, 'boolean');
  });
}

test('router answers bad and foreign messages with {ok:false,error} and runs handlers', async () => {
  const router = createRouter('worker', {
    'settings/get': async () => ({ settings: { a: 1 } }),
    'core/info': async () => { throw new Error('core failed'); },
  }, () => 'me');
  assert.deepEqual(await call(router, { type: 'settings/get' }, { id: 'other' }), { ok: false, error: 'messages are accepted from this extension only' });
  assert.equal((await call(router, { type: 'nope' }, { id: 'me' })).ok, false);
  assert.deepEqual(await call(router, { type: 'settings/get' }, { id: 'me' }), { ok: true, settings: { a: 1 } });
  assert.deepEqual(await call(router, { type: 'core/info' }, { id: 'me' }), { ok: false, error: 'core failed' });
  assert.deepEqual(await call(router, { type: 'tab/id' }, { id: 'me' }), { ok: false, error: 'no handler here' });
});
