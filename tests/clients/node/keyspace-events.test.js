'use strict';
// ioredis keyspace notifications suite: a subscriber on __keyevent@*__ / __keyspace@*__ while another connection
// writes, as a Node.js cache-invalidation or expiry-watcher application uses them.
//
// Runs against $AKKAKV_HOST:$AKKAKV_PORT over RESP2 and RESP3, and passes against real Redis 7.0 and 7.2.
//     AKKAKV_PORT=6390 node --test tests/clients/node/keyspace-events.test.js

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');

const { connect } = require('./support');

const WAIT_MS = 5000;

/** Collects pmessage events as "channel payload" strings. */
function listen(subscriber) {
  const received = [];
  const waiters = [];
  subscriber.on('pmessage', (_pattern, channel, message) => {
    received.push(`${channel} ${message}`);
    for (const waiter of waiters.splice(0)) waiter();
  });
  return {
    /** Resolves with the next `count` messages, or rejects after WAIT_MS. */
    async take(count) {
      const deadline = Date.now() + WAIT_MS;
      while (received.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`only [${received.join(', ')}] of ${count} messages within ${WAIT_MS} ms`);
        await new Promise((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => { clearTimeout(timer); resolve(); });
        });
      }
      return received.splice(0, count);
    },
    /** Resolves when nothing more arrived for a short while. */
    async quiet() {
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.deepEqual(received, []);
    },
  };
}

for (const protocol of [2, 3]) {
  describe(`keyspace notifications over RESP${protocol}`, () => {
    let client;
    let saved;
    before(async () => {
      client = connect({ protocol });
      await client.flushall();
      saved = (await client.config('GET', 'notify-keyspace-events'))[1];
    });
    after(async () => {
      await client.config('SET', 'notify-keyspace-events', saved);
    });

    test('CONFIG SET KEA reads back as AKE; unknown classes are refused', async () => {
      assert.equal(await client.config('SET', 'notify-keyspace-events', 'KEA'), 'OK');
      assert.deepEqual(await client.config('GET', 'notify-keyspace-events'), ['notify-keyspace-events', 'AKE']);
      await assert.rejects(client.config('SET', 'notify-keyspace-events', 'KEQ'), (err) => {
        assert.match(err.message, /Invalid event class character\. Use 'Ag\$lshzxeKEtmdn'\.$/);
        return true;
      });
    });

    test('keyspace then keyevent messages for writes, deletes and expiry', async () => {
      await client.config('SET', 'notify-keyspace-events', 'KEg$x');
      const subscriber = connect({ protocol });
      const events = listen(subscriber);
      await subscriber.psubscribe('__key*@0__:*');
      await client.set('session', 'token', 'PX', 100);
      assert.deepEqual(await events.take(4), [
        '__keyspace@0__:session set', '__keyevent@0__:set session',
        '__keyspace@0__:session expire', '__keyevent@0__:expire session',
      ]);
      // Nobody reads it again: the server's own expiry cycle finds it.
      assert.deepEqual(await events.take(2), ['__keyspace@0__:session expired', '__keyevent@0__:expired session']);
      await client.set('cache', 'v');
      await client.del('cache', 'missing');
      assert.deepEqual(await events.take(4), [
        '__keyspace@0__:cache set', '__keyevent@0__:set cache',
        '__keyspace@0__:cache del', '__keyevent@0__:del cache',
      ]);
      await events.quiet();
      await subscriber.quit();
    });

    test('new keys and misses when asked for', async () => {
      await client.config('SET', 'notify-keyspace-events', 'Enm');
      const subscriber = connect({ protocol });
      const events = listen(subscriber);
      await subscriber.psubscribe('__keyevent@0__:*');
      await client.lpush('jobs', 'a');
      await client.lpush('jobs', 'b');
      assert.equal(await client.get('nothing'), null);
      assert.deepEqual(await events.take(2), ['__keyevent@0__:new jobs', '__keyevent@0__:keymiss nothing']);
      await events.quiet();
      await subscriber.quit();
    });
  });
}
