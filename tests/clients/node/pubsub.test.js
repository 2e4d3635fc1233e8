'use strict';
// ioredis Pub/Sub suite: a subscriber connection and a publisher, as a Node.js application uses them on AkkaKv.
//
// Runs against $AKKAKV_HOST:$AKKAKV_PORT over RESP2 (and RESP3, which ioredis 6 reads as push frames), and passes
// against real Redis 7.0 and 7.2.
//     AKKAKV_PORT=6390 node --test tests/clients/node/pubsub.test.js

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');

const { connect } = require('./support');

const WAIT_MS = 5000;

/** Resolves with the next `count` emissions of `event` (their arguments), or rejects after WAIT_MS. */
function nextEvents(emitter, event, count = 1) {
  return new Promise((resolve, reject) => {
    const got = [];
    const timer = setTimeout(() => {
      emitter.off(event, listener);
      reject(new Error(`only ${got.length} of ${count} '${event}' events within ${WAIT_MS} ms`));
    }, WAIT_MS);
    function listener(...args) {
      got.push(args);
      if (got.length < count) return;
      clearTimeout(timer);
      emitter.off(event, listener);
      resolve(got);
    }
    emitter.on(event, listener);
  });
}

async function eventually(condition) {
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return condition();
}

for (const protocol of [2, 3]) {
  describe(`pub/sub over RESP${protocol}`, () => {
    let publisher;
    before(async () => {
      publisher = connect({ protocol });
      await publisher.flushall();
    });

    test('subscribe, message events, unsubscribe', async () => {
      const subscriber = connect({ protocol });
      assert.equal(await subscriber.subscribe('news', 'music'), 2);
      const messages = nextEvents(subscriber, 'message', 2);
      assert.equal(await publisher.publish('news', 'hello'), 1);
      assert.equal(await publisher.publish('music', 'song'), 1);
      assert.equal(await publisher.publish('nobody', 'lost'), 0);
      assert.deepEqual(await messages, [['news', 'hello'], ['music', 'song']]);

      assert.equal(await subscriber.unsubscribe('news'), 1);
      assert.equal(await publisher.publish('news', 'gone'), 0);
      assert.equal(await subscriber.unsubscribe(), 0);
      // Out of subscriber mode: an ordinary connection again.
      assert.equal(await subscriber.set('after', 'unsubscribe'), 'OK');
      assert.equal(await subscriber.get('after'), 'unsubscribe');
      await subscriber.quit();
    });

    test('psubscribe delivers pmessage with the matching pattern', async () => {
      const subscriber = connect({ protocol });
      assert.equal(await subscriber.psubscribe('orders.*', 'orders.[ab]'), 2);
      const events = nextEvents(subscriber, 'pmessage', 3);
      assert.equal(await publisher.publish('orders.a', 'both'), 2);
      assert.equal(await publisher.publish('orders.zz', 'one'), 1);
      assert.equal(await publisher.publish('invoices', 'none'), 0);
      const got = await events;
      assert.deepEqual(got.slice(0, 2).map((e) => e.join(' ')).sort(), ['orders.* orders.a both', 'orders.[ab] orders.a both']);
      assert.deepEqual(got[2], ['orders.*', 'orders.zz', 'one']);
      assert.equal(await subscriber.punsubscribe(), 0);
      await subscriber.quit();
    });

    test('binary payloads arrive unchanged', async () => {
      const subscriber = connect({ protocol });
      await subscriber.subscribe('bin');
      const received = nextEvents(subscriber, 'messageBuffer');
      const payload = Buffer.concat([Buffer.from([...Array(256).keys()]), Buffer.from('\r\n$-1\r\n')]);
      assert.equal(await publisher.publish('bin', payload), 1);
      const [[channel, data]] = await received;
      assert.equal(channel.toString(), 'bin');
      assert.deepEqual(data, payload);
      await subscriber.quit();
    });

    test('many subscribers each receive every message in order', async () => {
      const subscribers = Array.from({ length: 10 }, () => connect({ protocol }));
      await Promise.all(subscribers.map((s) => s.subscribe('fanout')));
      const all = subscribers.map((s) => nextEvents(s, 'message', 100));
      for (let i = 0; i < 100; i++) assert.equal(await publisher.publish('fanout', String(i)), 10);
      for (const received of await Promise.all(all)) {
        assert.deepEqual(received.map(([, m]) => m), Array.from({ length: 100 }, (_, i) => String(i)));
      }
      await Promise.all(subscribers.map((s) => s.quit()));
    });

    test('sharded channels: ssubscribe, spublish, smessage', async () => {
      const subscriber = connect({ protocol });
      assert.equal(await subscriber.ssubscribe('cart'), 1);
      const received = nextEvents(subscriber, 'smessage');
      assert.equal(await publisher.publish('cart', 'not sharded'), 0);
      assert.equal(await publisher.spublish('cart', 'item'), 1);
      assert.deepEqual(await received, [['cart', 'item']]);
      assert.deepEqual(await publisher.pubsub('SHARDNUMSUB', 'cart'), ['cart', 1]);
      assert.equal(await subscriber.sunsubscribe(), 0);
      await subscriber.quit();
    });

    test('PUBSUB introspection, and nothing left once the subscriber disconnects', async () => {
      const subscriber = connect({ protocol });
      await subscriber.subscribe('a', 'b');
      await subscriber.psubscribe('a*');
      assert.deepEqual((await publisher.pubsub('CHANNELS')).sort(), ['a', 'b']);
      assert.deepEqual(await publisher.pubsub('CHANNELS', 'a*'), ['a']);
      assert.deepEqual(await publisher.pubsub('NUMSUB', 'a', 'c'), ['a', 1, 'c', 0]);
      assert.equal(await publisher.pubsub('NUMPAT'), 1);
      subscriber.disconnect();
      assert.ok(await eventually(async () => (await publisher.pubsub('NUMSUB', 'a', 'b')).join() === 'a,0,b,0'));
      assert.ok(await eventually(async () => (await publisher.pubsub('NUMPAT')) === 0));
    });

    after(async () => {
      await publisher.flushall();
    });
  });
}
