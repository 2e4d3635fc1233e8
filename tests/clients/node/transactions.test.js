'use strict';
// ioredis transaction suite: multi()/exec(), WATCH and queue-time errors as a Node.js application sees them on AkkaKv.
//
// Runs against $AKKAKV_HOST:$AKKAKV_PORT over RESP2 and RESP3, and passes against real Redis 7.0 and 7.2.
//     AKKAKV_PORT=6390 node --test tests/clients/node/transactions.test.js

const { describe, test, before } = require('node:test');
const assert = require('node:assert/strict');

const { connect } = require('./support');

for (const protocol of [2, 3]) {
  describe(`transactions over RESP${protocol}`, () => {
    let r;
    let other;
    before(async () => {
      r = connect({ protocol });
      other = connect({ protocol });
      await r.flushall();
    });

    test('multi().exec() returns [error, result] per command', async () => {
      await r.set('text', 'abc');
      const results = await r.multi().set('a', '1').incr('a').incr('text').lrange('missing', 0, -1).exec();
      assert.deepEqual(results[0], [null, 'OK']);
      assert.deepEqual(results[1], [null, 2]);
      assert.match(results[2][0].message, /not an integer/);
      assert.deepEqual(results[3], [null, []]);
    });

    test('a queue-time error fails exec with EXECABORT', async () => {
      await assert.rejects(r.multi().set('x', '1').call('NO-SUCH-COMMAND').exec(), /EXECABORT/);
      assert.equal(await r.exists('x'), 0);
    });

    test('WATCH makes exec return null after another client wrote', async () => {
      await r.set('w', '1');
      await r.watch('w');
      await other.set('w', '2');
      assert.equal(await r.multi().set('w', '3').exec(), null);
      assert.equal(await r.get('w'), '2');
      await r.watch('w');
      assert.deepEqual(await r.multi().set('w', '4').exec(), [[null, 'OK']]);
    });
  });
}
