import { test } from 'node:test';
import assert from 'node:assert/strict';
import { messageError, isOwnSender, createRouter, createPortRouter, createPortClient, ANALYSIS_PORT, MESSAGE_LIMITS } from '../../src/shared/messages.js';

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

/** A pair of connected fake ports, as chrome.runtime.connect gives. */
function portPair(name, sender) {
  const event = () => {
    const fns = [];
    return { addListener: (f) => fns.push(f), fire: (...a) => fns.forEach((f) => f(...a)) };
  };
  const make = () => ({ name, sender, onMessage: event(), onDisconnect: event(), sent: [] });
  const a = make();
  const b = make();
  let open = true;
  const link = (from, to) => {
    from.postMessage = (m) => {
      if (!open) throw new Error('Attempting to use a disconnected port object');
      from.sent.push(m);
      // Structured clone across the boundary, delivered in a later task.
      const copy = structuredClone(m);
      setTimeout(() => open && to.onMessage.fire(copy), 0);
    };
    from.disconnect = () => {
      if (!open) return;
      open = false;
      setTimeout(() => to.onDisconnect.fire(), 0);
    };
  };
  link(a, b);
  link(b, a);
  return { client: a, worker: b };
}

test('analysis port: requests get their own replies, validated like one-off messages', async () => {
  const onConnect = createPortRouter(
    {
      analyze: async (m) => ({ findings: m.blocks.map((b) => b.length) }),
      'core/info': async () => {
        throw new Error('core failed');
      },
    },
    () => 'me',
  );
  let connects = 0;
  const client = createPortClient(() => {
    connects += 1;
    const { client: c, worker } = portPair(ANALYSIS_PORT, { id: 'me' });
    onConnect(worker);
    return c;
  });
  const [a, b, bad, failing] = await Promise.all([
    client.request({ type: 'analyze', blocks: ['abc'], url: 'https://x.org/' }),
    client.request({ type: 'analyze', blocks: ['de', 'f'], url: 'https://x.org/' }),
    client.request({ type: 'analyze', blocks: 'abc', url: 'https://x.org/' }),
    client.request({ type: 'core/info' }),
  ]);
  assert.deepEqual(a, { ok: true, findings: [3] });
  assert.deepEqual(b, { ok: true, findings: [2, 1] });
  assert.match(bad.error, /blocks must be an array/);
  assert.deepEqual(failing, { ok: false, error: 'core failed' });
  assert.equal(connects, 1, 'one port serves every request');
  assert.equal(client.pending, 0);
});

test('analysis port: foreign senders and other port names are refused', async () => {
  const onConnect = createPortRouter({ analyze: async () => ({ findings: [] }) }, () => 'me');
  const client = createPortClient(() => {
    const { client: c, worker } = portPair(ANALYSIS_PORT, { id: 'evil' });
    onConnect(worker);
    return c;
  });
  const r = await client.request({ type: 'analyze', blocks: [], url: 'https://x.org/' });
  assert.deepEqual(r, { ok: false, error: 'messages are accepted from this extension only' });

  const other = portPair('something-else', { id: 'me' });
  onConnect(other.worker);
  other.client.postMessage({ id: 1, msg: { type: 'analyze', blocks: [], url: 'https://x.org/' } });
  await new Promise((r) => setTimeout(r, 5));
  assert.equal(other.worker.sent.length, 0, 'a port of another name is not served');
});

test('analysis port: a worker going away rejects what is waiting, and the next request reconnects', async () => {
  let release;
  const gate = new Promise((r) => (release = r));
  const onConnect = createPortRouter({ analyze: async (m) => (await gate, { n: m.blocks.length }) }, () => 'me');
  const workers = [];
  const client = createPortClient(() => {
    const { client: c, worker } = portPair(ANALYSIS_PORT, { id: 'me' });
    onConnect(worker);
    workers.push(worker);
    return c;
  });
  const waiting = client.request({ type: 'analyze', blocks: ['a'], url: 'https://x.org/' });
  await new Promise((r) => setTimeout(r, 5));
  workers[0].disconnect(); // the worker is stopped mid-request
  await assert.rejects(waiting, /worker went away/);
  assert.equal(client.pending, 0);
  release();
  const again = await client.request({ type: 'analyze', blocks: ['a', 'b'], url: 'https://x.org/' });
  assert.deepEqual(again, { ok: true, n: 2 });
  assert.equal(workers.length, 2, 'a new port was opened');
  assert.equal(workers[0].sent.length, 0, 'nothing is posted to a closed port');
});

test('analysis port: a port that cannot be opened rejects instead of throwing', async () => {
  const client = createPortClient(() => {
    throw new Error('Extension context invalidated.');
  });
  await assert.rejects(client.request({ type: 'core/info' }), /context invalidated/);
});
