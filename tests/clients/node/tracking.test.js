'use strict';
// Client-side caching through a real client: node-redis's own client-side cache over RESP3 (CLIENT TRACKING, its
// invalidation pushes and flushes). The RESP2 redirection is covered by the redis-py suite (ioredis drops pub/sub
// messages whose payload is an array, which __redis__:invalidate's are, against Redis too).
//
// Runs against $AKKAKV_HOST:$AKKAKV_PORT; passes against real Redis 7.0.
//     AKKAKV_PORT=6390 node --test tests/clients/node/tracking.test.js

const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const { createClient, BasicClientSideCache } = require('redis');

const { HOST, PORT, connect } = require('./support');

const redisClients = [];
async function nodeRedis(options = {}) {
  const client = createClient({ socket: { host: HOST, port: PORT }, RESP: 3, ...options });
  client.on('error', () => {});
  await client.connect();
  redisClients.push(client);
  return client;
}
after(async () => {
  await Promise.all(redisClients.map((c) => c.close().catch(() => c.destroy())));
});

async function waitFor(condition, what) {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > 5000) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('node-redis client-side cache serves repeated reads and drops an entry another client changed', async () => {
  const cache = new BasicClientSideCache({ maxEntries: 100 });
  const cached = await nodeRedis({ clientSideCache: cache });
  const writer = connect();
  await writer.set('csc:key', 'one');

  assert.equal(await cached.get('csc:key'), 'one');
  assert.equal(await cached.get('csc:key'), 'one');
  assert.equal(cache.stats().hitCount, 1, 'the second read came from the cache');
  assert.equal(cache.size(), 1);

  await writer.set('csc:key', 'two');
  await waitFor(() => cache.size() === 0, 'the invalidation');
  assert.equal(await cached.get('csc:key'), 'two');

  await cached.hGetAll('csc:hash');
  assert.equal(cache.size(), 2);
  await writer.flushall();
  await waitFor(() => cache.size() === 0, 'the flush to empty the cache');
});

test('node-redis emits the keys invalidated by another client', async () => {
  const tracked = await nodeRedis({ emitInvalidate: true });
  const keys = [];
  tracked.on('invalidate', (key) => keys.push(key === null ? null : key.toString()));
  const writer = connect();
  await tracked.mGet(['csc:a', 'csc:b']);
  await writer.mset('csc:a', '1', 'csc:b', '2', 'csc:unread', '3');
  await waitFor(() => keys.length === 2, 'two invalidations');
  assert.deepEqual(keys.sort(), ['csc:a', 'csc:b']);
});
