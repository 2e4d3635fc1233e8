'use strict';
// ioredis sorted-set suite: ZADD, ZRANGE and friends as a Node.js application sees them on AkkaKv.
//
// Runs against $AKKAKV_HOST:$AKKAKV_PORT over RESP2 and RESP3 (ioredis 6's legacy reply mapping flattens
// RESP3's [member, score] pairs back into RESP2's flat arrays), and passes against real Redis 7.0 and 7.2.
//     AKKAKV_PORT=6390 node --test tests/clients/node/zsets.test.js

const { describe, test, before } = require('node:test');
const assert = require('node:assert/strict');

const { connect, serverVersion, rejectsWith } = require('./support');

// A score as ioredis hands it over (Redis's text, "inf" and "-inf" included) as a number.
function score(text) {
  if (text === 'inf' || text === '+inf') return Infinity;
  if (text === '-inf') return -Infinity;
  return Number(text);
}

for (const protocol of [2, 3]) {
  describe(`sorted sets over RESP${protocol}`, () => {
    let r;
    before(async () => {
      r = connect({ protocol });
      await r.flushall();
    });

    test('ZADD, ZCARD, ZSCORE, ZRANK, ZREM', async () => {
      assert.equal(await r.zadd('z', 1, 'a', 2, 'b', 3, 'c'), 3);
      assert.equal(await r.zadd('z', 10, 'a', 4, 'd'), 1);
      assert.equal(await r.zcard('z'), 4);
      assert.equal(Number(await r.zscore('z', 'a')), 10);
      assert.equal(await r.zscore('z', 'nope'), null);
      assert.deepEqual((await r.zmscore('z', 'b', 'nope')).map((s) => (s === null ? null : Number(s))), [2, null]);
      assert.equal(await r.zrank('z', 'd'), 2);
      assert.equal(await r.zrevrank('z', 'd'), 1);
      assert.equal(await r.zrank('z', 'nope'), null);
      assert.equal(Number(await r.zincrby('z', 0.5, 'b')), 2.5);
      assert.equal(await r.zrem('z', 'a', 'b', 'c', 'd', 'e'), 4);
      assert.equal(await r.exists('z'), 0);
    });

    test('ZADD options and errors', async () => {
      assert.equal(await r.zadd('opt', 'XX', 1, 'a'), 0);
      assert.equal(await r.zadd('opt', 'NX', 1, 'a'), 1);
      assert.equal(await r.zadd('opt', 'GT', 'CH', 0, 'a', 5, 'b'), 1);
      assert.equal(Number(await r.zadd('opt', 'INCR', 2, 'a')), 3);
      assert.equal(await r.zadd('opt', 'NX', 'INCR', 2, 'a'), null);
      await rejectsWith(r.zadd('opt', 'NX', 'XX', 1, 'a'), 'ERR XX and NX options at the same time are not compatible');
      await rejectsWith(r.zadd('opt', 'GT', 'LT', 1, 'a'), 'ERR GT, LT, and/or NX options at the same time are not compatible');
      await rejectsWith(r.zadd('opt', 'INCR', 1, 'a', 2, 'b'), 'ERR INCR option supports a single increment-element pair');
      await rejectsWith(r.zadd('opt', 'abc', 'a'), 'ERR value is not a valid float');
      await r.zadd('nan', '-inf', 'm');
      await rejectsWith(r.zincrby('nan', '+inf', 'm'), 'ERR resulting score is not a number (NaN)');
    });

    test('ZRANGE WITHSCORES comes back flat with Redis-formatted scores', async () => {
      await r.zadd('fmt', 1.5, 'half', 2, 'two', '-inf', 'ninf', '+inf', 'pinf', -2.5, 'neg');
      const flat = await r.zrange('fmt', 0, -1, 'WITHSCORES');
      assert.deepEqual(flat.filter((_, i) => i % 2 === 0), ['ninf', 'neg', 'half', 'two', 'pinf']);
      assert.deepEqual(flat.filter((_, i) => i % 2 === 1).map(score), [-Infinity, -2.5, 1.5, 2, Infinity]);
      if (protocol === 2) assert.deepEqual(flat.filter((_, i) => i % 2 === 1), ['-inf', '-2.5', '1.5', '2', 'inf']);
      assert.deepEqual(await r.zrevrange('fmt', 0, 1), ['pinf', 'two']);
    });

    test('ranges by score and by lex', async () => {
      await r.zadd('rng', 1, 'a', 2, 'b', 3, 'c', 4, 'd');
      assert.deepEqual(await r.zrangebyscore('rng', '(1', 3), ['b', 'c']);
      assert.deepEqual(await r.zrevrangebyscore('rng', '+inf', '(2'), ['d', 'c']);
      assert.deepEqual(await r.zrangebyscore('rng', '-inf', '+inf', 'LIMIT', 1, 2), ['b', 'c']);
      assert.deepEqual(await r.zrange('rng', 4, 1, 'BYSCORE', 'REV', 'LIMIT', 1, 2), ['c', 'b']);
      assert.equal(await r.zcount('rng', 2, '(4'), 2);
      await r.zadd('lex', 0, 'alpha', 0, 'bar', 0, 'cool', 0, 'down');
      assert.deepEqual(await r.zrangebylex('lex', '[bar', '(down'), ['bar', 'cool']);
      assert.deepEqual(await r.zrevrangebylex('lex', '+', '-', 'LIMIT', 0, 2), ['down', 'cool']);
      assert.equal(await r.zlexcount('lex', '-', '+'), 4);
      await rejectsWith(r.zrangebyscore('rng', 'x', 1), 'ERR min or max is not a float');
      await rejectsWith(r.zrangebylex('lex', 'a', 'b'), 'ERR min or max not valid string range item');
      await rejectsWith(r.zrange('rng', 0, 1, 'LIMIT', 0, 1),
        'ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX');
    });

    test('ZREMRANGEBY* and ZRANGESTORE', async () => {
      await r.zadd('rem', 1, 'a', 2, 'b', 3, 'c', 4, 'd', 5, 'e');
      assert.equal(await r.zremrangebyrank('rem', 0, 0), 1);
      assert.equal(await r.zremrangebyscore('rem', '(4', '+inf'), 1);
      assert.equal(await r.zrangestore('dst', 'rem', 0, -1), 3);
      assert.deepEqual(await r.zrange('dst', 0, -1), ['b', 'c', 'd']);
      assert.equal(await r.zrangestore('dst', 'rem', 10, 20, 'BYSCORE'), 0);
      assert.equal(await r.exists('dst'), 0);
      assert.equal(await r.zremrangebylex('rem', '-', '+'), 3);
      assert.equal(await r.exists('rem'), 0);
    });

    test('pops', async () => {
      await r.zadd('pop', 1, 'a', 2, 'b', 3, 'c', 4, 'd');
      const [member, score] = await r.zpopmin('pop');
      assert.equal(member, 'a');
      assert.equal(Number(score), 1);
      const two = await r.zpopmax('pop', 2);
      assert.deepEqual(two.filter((_, i) => i % 2 === 0), ['d', 'c']);
      assert.deepEqual(await r.zpopmin('missing'), []);
      await r.zadd('other', 1, 'x', 2, 'y');
      const [key, popped] = await r.zmpop(2, 'missing', 'other', 'MAX', 'COUNT', 5);
      assert.equal(key, 'other');
      assert.deepEqual(popped.map(([m, s]) => [m, Number(s)]), [['y', 2], ['x', 1]]);
      assert.equal(await r.zmpop(1, 'other', 'MIN'), null);
      const got = await r.bzpopmin('missing', 'pop', 1);
      assert.deepEqual(got.slice(0, 2), ['pop', 'b']);
      assert.equal(await r.exists('pop'), 0);
      await rejectsWith(r.zpopmin('pop', -1), 'ERR value is out of range, must be positive');
      await rejectsWith(r.zmpop(0, 'pop', 'MIN'), 'ERR numkeys should be greater than 0');
    });

    test('ZRANDMEMBER', async () => {
      await r.zadd('rand', 1, 'a', 2, 'b', 3, 'c');
      assert.ok(['a', 'b', 'c'].includes(await r.zrandmember('rand')));
      assert.equal(await r.zrandmember('missing'), null);
      const distinct = await r.zrandmember('rand', 2);
      assert.equal(new Set(distinct).size, 2);
      assert.deepEqual(await r.zrandmember('rand', 5), ['c', 'b', 'a']);
      assert.equal((await r.zrandmember('rand', -7)).length, 7);
      const withScores = await r.zrandmember('rand', -4, 'WITHSCORES');
      assert.equal(withScores.length, 8);
      for (let i = 0; i < 8; i += 2) assert.equal(Number(withScores[i + 1]), { a: 1, b: 2, c: 3 }[withScores[i]]);
    });

    test('ZSCAN walks everything', async () => {
      const args = [];
      for (let i = 0; i < 300; i++) args.push(i, `m${i}`);
      await r.zadd('scan', ...args);
      const seen = new Map();
      let cursor = '0';
      let calls = 0;
      do {
        const [next, items] = await r.zscan('scan', cursor, 'COUNT', 20);
        for (let i = 0; i < items.length; i += 2) seen.set(items[i], Number(items[i + 1]));
        cursor = next;
      } while (cursor !== '0' && ++calls < 1000);
      assert.equal(cursor, '0');
      assert.equal(seen.size, 300);
      assert.equal(seen.get('m42'), 42);
      await rejectsWith(r.zscan('scan', 'x'), 'ERR invalid cursor');
    });

    test('set algebra', async () => {
      await r.zadd('a', 1, 'x', 2, 'y', 3, 'z');
      await r.zadd('b', 10, 'y', 20, 'z', 30, 'w');
      assert.equal(await r.zunionstore('u', 2, 'a', 'b'), 4);
      const union = await r.zrange('u', 0, -1, 'WITHSCORES');
      assert.deepEqual(union.map((v, i) => (i % 2 ? Number(v) : v)), ['x', 1, 'y', 12, 'z', 23, 'w', 30]);
      assert.equal(await r.zinterstore('i', 2, 'a', 'b', 'WEIGHTS', 2, 1, 'AGGREGATE', 'MAX'), 2);
      assert.deepEqual(await r.zrange('i', 0, -1), ['y', 'z']);
      const min = await r.zunion(2, 'a', 'b', 'AGGREGATE', 'MIN', 'WITHSCORES');
      assert.deepEqual(min.map((v, i) => (i % 2 ? Number(v) : v)), ['x', 1, 'y', 2, 'z', 3, 'w', 30]);
      assert.deepEqual(await r.zinter(2, 'a', 'b'), ['y', 'z']);
      assert.deepEqual(await r.zdiff(2, 'a', 'b'), ['x']);
      assert.equal(await r.zdiffstore('d', 2, 'b', 'a'), 1);
      assert.equal(await r.zintercard(2, 'a', 'b', 'LIMIT', 1), 1);
      await rejectsWith(r.zunionstore('u', 0, 'a'), "ERR at least 1 input key is needed for 'zunionstore' command");
    });

    test('sets are inputs with score 1', async () => {
      await r.sadd('plain', 'a', 'b', 'c');
      await r.zadd('scored', 10, 'b', 20, 'd');
      const union = await r.zunion(2, 'plain', 'scored', 'WITHSCORES');
      assert.deepEqual(union.map((v, i) => (i % 2 ? Number(v) : v)), ['a', 1, 'c', 1, 'b', 11, 'd', 20]);
      assert.deepEqual(await r.zinter(2, 'plain', 'scored'), ['b']);
      assert.deepEqual(await r.zdiff(2, 'plain', 'scored'), ['a', 'c']);
    });

    test('encoding conversions', async () => {
      const [, before] = await r.config('GET', 'zset-max-listpack-entries');
      await r.config('SET', 'zset-max-listpack-entries', 3);
      try {
        await r.zadd('enc', 1, 'a', 2, 'b', 3, 'c');
        assert.equal(await r.object('ENCODING', 'enc'), 'listpack');
        await r.zadd('enc', 4, 'd');
        assert.equal(await r.object('ENCODING', 'enc'), 'skiplist');
        await r.zrem('enc', 'a', 'b');
        assert.equal(await r.object('ENCODING', 'enc'), 'skiplist');
      } finally {
        await r.config('SET', 'zset-max-listpack-entries', before);
      }
    });

    test('ZRANK WITHSCORE (Redis 7.2)', async (t) => {
      const [major, minor] = await serverVersion(r);
      if (major < 7 || (major === 7 && minor < 2)) {
        t.skip('ZRANK WITHSCORE is Redis 7.2');
        return;
      }
      await r.zadd('rank', 1.5, 'a');
      const [rank, score] = await r.zrank('rank', 'a', 'WITHSCORE');
      assert.deepEqual([rank, Number(score)], [0, 1.5]);
      assert.equal(await r.zrank('rank', 'b', 'WITHSCORE'), null);
    });

    test('WRONGTYPE', async () => {
      await r.set('str', 'v');
      const wrong = 'WRONGTYPE Operation against a key holding the wrong kind of value';
      await rejectsWith(r.zadd('str', 1, 'a'), wrong);
      await rejectsWith(r.zrange('str', 0, -1), wrong);
      await rejectsWith(r.zunion(1, 'str'), wrong);
      await rejectsWith(r.zscan('str', 0), wrong);
    });
  });
}
