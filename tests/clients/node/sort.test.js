'use strict';
// ioredis SORT suite: SORT and SORT_RO with BY, GET, LIMIT, ALPHA, DESC and STORE as a Node.js application sees them
// on AkkaKv.
//
// Runs against $AKKAKV_HOST:$AKKAKV_PORT over RESP2 and RESP3 and passes against real Redis 7.0 and 7.2 (the listpack
// encoding of a small stored list is 7.2's, so that check follows the server version).
//     AKKAKV_PORT=6390 node --test tests/clients/node/sort.test.js

const { describe, test, before, beforeEach } = require('node:test');
const assert = require('node:assert/strict');

const { connect, serverVersion, rejectsWith } = require('./support');

const WRONGTYPE = 'WRONGTYPE Operation against a key holding the wrong kind of value';
const NOT_DOUBLE = "ERR One or more scores can't be converted into double";

for (const protocol of [2, 3]) {
  describe(`SORT over RESP${protocol}`, () => {
    let r;
    let smallList;
    before(async () => {
      r = connect({ protocol });
      await r.flushall();
      const [major, minor] = await serverVersion(r);
      smallList = major > 7 || (major === 7 && minor >= 2) ? 'listpack' : 'quicklist';
    });
    beforeEach(async () => {
      // Redis's numeric SORT checks errno without clearing it: an ERANGE left by any earlier command would fail it.
      // ZADD parses its score with errno cleared.
      await r.zadd('errno-reset', 1.5, 'm');
      await r.del('errno-reset');
    });

    test('numbers, ALPHA, DESC and LIMIT', async () => {
      await r.rpush('n', 2, 1, 3, 10, 1.5, -1);
      assert.deepEqual(await r.sort('n'), ['-1', '1', '1.5', '2', '3', '10']);
      assert.deepEqual(await r.sort('n', 'DESC'), ['10', '3', '2', '1.5', '1', '-1']);
      assert.deepEqual(await r.sort('n', 'ALPHA'), ['-1', '1', '1.5', '10', '2', '3']);
      assert.deepEqual(await r.sort('n', 'LIMIT', 1, 2), ['1', '1.5']);
      assert.deepEqual(await r.sort('n', 'LIMIT', -3, 2, 'DESC'), ['10', '3']);
      assert.deepEqual(await r.sort('n', 'LIMIT', 4, -1), ['3', '10']);
      assert.deepEqual(await r.sort('n', 'LIMIT', 6, 1), []);
      assert.deepEqual(await r.sort('nothing'), []);
    });

    test('BY weights and hash fields, GET patterns', async () => {
      await r.rpush('l', 1, 2, 3);
      await r.mset('w_1', 30, 'w_2', 10, 'w_3', 20);
      await r.hset('h_1', 'name', 'one', 'weight', 3);
      await r.hset('h_2', 'name', 'two', 'weight', 1);
      await r.hset('h_3', 'weight', 2);
      assert.deepEqual(await r.sort('l', 'BY', 'w_*'), ['2', '3', '1']);
      assert.deepEqual(await r.sort('l', 'BY', 'h_*->weight', 'DESC'), ['1', '3', '2']);
      assert.deepEqual(await r.sort('l', 'BY', 'w_*', 'GET', '#', 'GET', 'h_*->name'), ['2', 'two', '3', null, '1', 'one']);
      assert.deepEqual(await r.sort('l', 'GET', 'no-star'), [null, null, null]);
      assert.deepEqual(await r.sort('l', 'BY', 'nosort', 'DESC'), ['3', '2', '1']);
      assert.deepEqual(await r.sort_ro('l', 'BY', 'w_*', 'LIMIT', 0, 2, 'GET', 'w_*'), ['10', '20']);
    });

    test('STORE replaces or deletes the destination', async () => {
      await r.rpush('src', 'b', 'c', 'a');
      await r.set('dst', 'string', 'EX', 100);
      assert.equal(await r.sort('src', 'ALPHA', 'STORE', 'dst'), 3);
      assert.deepEqual(await r.lrange('dst', 0, -1), ['a', 'b', 'c']);
      assert.equal(await r.ttl('dst'), -1);
      assert.equal(await r.object('ENCODING', 'dst'), smallList);
      assert.equal(await r.sort('src', 'ALPHA', 'GET', '#', 'GET', 'none_*', 'STORE', 'dst'), 6);
      assert.deepEqual(await r.lrange('dst', 0, -1), ['a', '', 'b', '', 'c', '']);
      assert.equal(await r.sort('src', 'ALPHA', 'LIMIT', 0, 0, 'STORE', 'dst'), 0);
      assert.equal(await r.exists('dst'), 0);
      await r.sadd('set', 'q', 'b', 'z', 'a');
      assert.equal(await r.sort('set', 'BY', 'nosort', 'STORE', 'dst'), 4);
      assert.deepEqual(await r.lrange('dst', 0, -1), ['a', 'b', 'q', 'z']);
      await rejectsWith(r.sort_ro('src', 'STORE', 'dst2'), 'ERR syntax error');
    });

    test('sorted sets keep their order under nosort and become skiplists', async () => {
      await r.zadd('z', 3, 'a', 1, 'b', 2, 'c');
      assert.equal(await r.object('ENCODING', 'z'), 'listpack');
      assert.deepEqual(await r.sort('z', 'BY', 'nosort'), ['b', 'c', 'a']);
      assert.deepEqual(await r.sort('z', 'BY', 'nosort', 'DESC', 'LIMIT', 0, 2), ['a', 'c']);
      assert.deepEqual(await r.sort('z', 'ALPHA'), ['a', 'b', 'c']);
      assert.equal(await r.object('ENCODING', 'z'), 'skiplist');
    });

    test('errors', async () => {
      await r.set('str', 'x');
      await r.rpush('bad', 1, 'a');
      await rejectsWith(r.sort('str'), WRONGTYPE);
      await rejectsWith(r.sort('bad'), NOT_DOUBLE);
      assert.deepEqual(await r.sort('bad', 'ALPHA'), ['1', 'a']);
      await rejectsWith(r.sort('bad', 'LIMIT', 'x', 1), 'ERR value is not an integer or out of range');
      await rejectsWith(r.sort('bad', 'BOGUS'), 'ERR syntax error');
      await rejectsWith(r.call('SORT'), "ERR wrong number of arguments for 'sort' command");
    });
  });
}
