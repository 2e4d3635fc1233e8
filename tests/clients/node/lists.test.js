'use strict';
// ioredis list suite: pushes, pops, ranges, LPOS, moves, LMPOP and the blocking forms as a Node.js application
// sees them on AkkaKv.
//
// Runs against $AKKAKV_HOST:$AKKAKV_PORT over RESP2 and RESP3 and passes against real Redis 7.0 and 7.2 (where
// they differ, small lists' OBJECT ENCODING, by version).
//     AKKAKV_PORT=6390 node --test tests/clients/node/lists.test.js

const { describe, test, before } = require('node:test');
const assert = require('node:assert/strict');

const { connect, serverVersion, rejectsWith } = require('./support');

const WRONGTYPE = 'WRONGTYPE Operation against a key holding the wrong kind of value';

for (const protocol of [2, 3]) {
  describe(`lists over RESP${protocol}`, () => {
    let r;
    before(async () => {
      r = connect({ protocol });
      await r.flushall();
    });

    test('LPUSH, RPUSH, LLEN, LPOP, RPOP with and without a count', async () => {
      assert.equal(await r.lpush('l', 'b', 'a'), 2);
      assert.equal(await r.rpush('l', 'c', 4), 4);
      assert.equal(await r.llen('l'), 4);
      assert.deepEqual(await r.lrange('l', 0, -1), ['a', 'b', 'c', '4']);
      assert.equal(await r.lpop('l'), 'a');
      assert.equal(await r.rpop('l'), '4');
      assert.deepEqual(await r.lpop('l', 0), []);
      assert.deepEqual(await r.rpop('l', 5), ['c', 'b']);
      assert.equal(await r.exists('l'), 0);
      assert.equal(await r.lpop('l'), null);
      assert.equal(await r.lpop('l', 2), null);
      assert.equal(await r.llen('l'), 0);
      await rejectsWith(r.lpop('l', -1), 'ERR value is out of range, must be positive');
    });

    test('LPUSHX, RPUSHX only touch existing lists', async () => {
      assert.equal(await r.lpushx('px', 'a'), 0);
      assert.equal(await r.rpushx('px', 'a'), 0);
      assert.equal(await r.exists('px'), 0);
      await r.rpush('px', 'm');
      assert.equal(await r.lpushx('px', 'a'), 2);
      assert.equal(await r.rpushx('px', 'y', 'z'), 4);
      assert.deepEqual(await r.lrange('px', 0, -1), ['a', 'm', 'y', 'z']);
    });

    test('LRANGE, LINDEX, LSET', async () => {
      await r.rpush('r', ...Array.from({ length: 10 }, (_, i) => i));
      assert.deepEqual(await r.lrange('r', -3, -1), ['7', '8', '9']);
      assert.deepEqual(await r.lrange('r', 6, 3), []);
      assert.deepEqual(await r.lrange('nope', 0, -1), []);
      assert.equal(await r.lindex('r', -1), '9');
      assert.equal(await r.lindex('r', 10), null);
      assert.equal(await r.lset('r', 0, 'zero'), 'OK');
      assert.equal(await r.lindex('r', 0), 'zero');
      await rejectsWith(r.lset('r', 10, 'x'), 'ERR index out of range');
      await rejectsWith(r.lset('nope', 0, 'x'), 'ERR no such key');
      await rejectsWith(r.lindex('r', 'x'), 'ERR value is not an integer or out of range');
    });

    test('LINSERT, LREM, LTRIM', async () => {
      await r.rpush('e', 'a', 'b', 'c', 'd');
      assert.equal(await r.linsert('e', 'BEFORE', 'c', 'zz'), 5);
      assert.equal(await r.linsert('e', 'AFTER', 'c', 'yy'), 6);
      assert.equal(await r.linsert('e', 'AFTER', 'nope', 'x'), -1);
      assert.equal(await r.linsert('nope', 'AFTER', 'a', 'x'), 0);
      assert.deepEqual(await r.lrange('e', 0, -1), ['a', 'b', 'zz', 'c', 'yy', 'd']);
      await r.rpush('e', 'a', 'a');
      assert.equal(await r.lrem('e', -1, 'a'), 1);
      assert.equal(await r.lrem('e', 0, 'a'), 2);
      assert.equal(await r.ltrim('e', 1, -2), 'OK');
      assert.deepEqual(await r.lrange('e', 0, -1), ['zz', 'c', 'yy']);
      assert.equal(await r.ltrim('e', 5, 1), 'OK');
      assert.equal(await r.exists('e'), 0);
    });

    test('LPOS with RANK, COUNT and MAXLEN', async () => {
      await r.rpush('p', 'a', 'b', 'c', '1', '2', '3', 'c', 'c');
      assert.equal(await r.lpos('p', 'c'), 2);
      assert.equal(await r.lpos('p', 'c', 'RANK', -1), 7);
      assert.equal(await r.lpos('p', 'c', 'RANK', 4), null);
      assert.deepEqual(await r.lpos('p', 'c', 'COUNT', 0), [2, 6, 7]);
      assert.deepEqual(await r.lpos('p', 'c', 'COUNT', 2, 'RANK', -1), [7, 6]);
      assert.deepEqual(await r.lpos('p', 'c', 'COUNT', 0, 'MAXLEN', 3), [2]);
      assert.deepEqual(await r.lpos('nope', 'c', 'COUNT', 0), []);
      await rejectsWith(
        r.lpos('p', 'c', 'RANK', 0),
        "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list",
      );
      await rejectsWith(r.lpos('p', 'c', 'COUNT', -1), "ERR COUNT can't be negative");
      await rejectsWith(r.lpos('p', 'c', 'MAXLEN', -1), "ERR MAXLEN can't be negative");
    });

    test('LMOVE, RPOPLPUSH, and a list moved onto itself', async () => {
      await r.rpush('src', 'a', 'b', 'c');
      assert.equal(await r.lmove('src', 'dst', 'LEFT', 'RIGHT'), 'a');
      assert.equal(await r.rpoplpush('src', 'dst'), 'c');
      assert.deepEqual(await r.lrange('dst', 0, -1), ['c', 'a']);
      assert.equal(await r.lmove('dst', 'dst', 'RIGHT', 'LEFT'), 'a');
      assert.deepEqual(await r.lrange('dst', 0, -1), ['a', 'c']);
      assert.equal(await r.rpoplpush('src', 'dst'), 'b');
      assert.equal(await r.exists('src'), 0);
      assert.equal(await r.rpoplpush('src', 'dst'), null);
      await r.set('str', 'v');
      await rejectsWith(r.rpoplpush('dst', 'str'), WRONGTYPE);
      assert.deepEqual(await r.lrange('dst', 0, -1), ['b', 'a', 'c']);
    });

    test('LMPOP', async () => {
      await r.rpush('m2', '1', '2', '3', '4');
      assert.deepEqual(await r.lmpop(2, 'm1', 'm2', 'LEFT'), ['m2', ['1']]);
      assert.deepEqual(await r.lmpop(2, 'm1', 'm2', 'RIGHT', 'COUNT', 2), ['m2', ['4', '3']]);
      assert.deepEqual(await r.lmpop(1, 'm2', 'LEFT', 'COUNT', 9), ['m2', ['2']]);
      assert.equal(await r.lmpop(2, 'm1', 'm2', 'LEFT'), null);
      await rejectsWith(r.lmpop(0, 'm1', 'LEFT'), 'ERR numkeys should be greater than 0');
      await rejectsWith(r.lmpop(1, 'm1', 'LEFT', 'COUNT', 0), 'ERR count should be greater than 0');
    });

    test('blocking forms serve at once or time out', async () => {
      await r.rpush('full', 'a', 'b', 'c', 'd', 'e');
      assert.deepEqual(await r.blpop('empty', 'full', 1), ['full', 'a']);
      assert.deepEqual(await r.brpop('empty', 'full', 0), ['full', 'e']);
      assert.equal(await r.brpoplpush('full', 'other', 0), 'd');
      assert.equal(await r.blmove('full', 'other', 'LEFT', 'RIGHT', 0), 'b');
      assert.deepEqual(await r.blmpop(0, 2, 'empty', 'full', 'LEFT', 'COUNT', 3), ['full', ['c']]);
      assert.deepEqual(await r.lrange('other', 0, -1), ['d', 'b']);
      assert.equal(await r.blpop('empty', 0.05), null);
      assert.equal(await r.blmove('empty', 'other', 'LEFT', 'LEFT', 0.05), null);
      await rejectsWith(r.blpop('empty', -1), 'ERR timeout is negative');
    });

    test('a blocked BLPOP is served by a later push', async () => {
      const waiter = connect({ protocol });
      const pending = waiter.blpop('queue', 5);
      const deadline = Date.now() + 5000;
      while (Date.now() < deadline) {
        const info = String(await r.info('clients'));
        if (/blocked_clients:1\b/.test(info)) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.equal(await r.rpush('queue', 'job'), 1);
      assert.deepEqual(await pending, ['queue', 'job']);
      assert.equal(await r.exists('queue'), 0);
    });

    test('binary elements round-trip', async () => {
      const blob = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 256));
      await r.rpush('bin', blob, Buffer.alloc(0), Buffer.from([0, 13, 10]));
      const all = await r.lrangeBuffer('bin', 0, -1);
      assert.equal(all.length, 3);
      assert.ok(all[0].equals(blob));
      assert.equal(all[1].length, 0);
      assert.ok(all[2].equals(Buffer.from([0, 13, 10])));
    });

    test('wrong type', async () => {
      await r.set('s', 'v');
      await rejectsWith(r.lpush('s', 'a'), WRONGTYPE);
      await rejectsWith(r.lrange('s', 0, -1), WRONGTYPE);
      await rejectsWith(r.lmpop(1, 's', 'LEFT'), WRONGTYPE);
      await rejectsWith(r.blpop('s', 0), WRONGTYPE);
      assert.equal(await r.get('s'), 'v');
    });

    test('encoding follows list-max-listpack-size; the digest is Redis\'s', async () => {
      const [major, minor] = await serverVersion(r);
      const small = major > 7 || (major === 7 && minor >= 2) ? 'listpack' : 'quicklist';
      const [, old] = await r.config('GET', 'list-max-listpack-size');
      try {
        await r.config('SET', 'list-max-listpack-size', 4);
        await r.rpush('enc', 'a', 'b', 'c', 'd');
        assert.equal(await r.object('ENCODING', 'enc'), small);
        await r.rpush('enc', 'e');
        assert.equal(await r.object('ENCODING', 'enc'), 'quicklist');
        await r.rpop('enc', 3);
        assert.equal(await r.object('ENCODING', 'enc'), small);
      } finally {
        await r.config('SET', 'list-max-listpack-size', old);
      }
      await r.rpush('dl', 'a', '1', '-5', '007', '12345678901', '', 'hello', '-0', '9223372036854775807');
      assert.deepEqual(await r.call('DEBUG', 'DIGEST-VALUE', 'dl'), ['2584476cef08b843a7b106e81c36e8fa7c39ac9d']);
    });
  });
}
