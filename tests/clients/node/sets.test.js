'use strict';
// ioredis set suite: SADD, SMEMBERS, SPOP, SINTER and friends as a Node.js application sees them on AkkaKv.
//
// Runs against $AKKAKV_HOST:$AKKAKV_PORT over RESP2 and RESP3 (ioredis 6's legacy reply mapping hands RESP3 sets
// over as arrays), and passes against real Redis 7.0 and 7.2: the listpack encoding of small sets is 7.2's, so
// encoding checks follow the server version, and KeyDB's EXPIREMEMBER runs only where the server knows it.
//     AKKAKV_PORT=6390 node --test tests/clients/node/sets.test.js

const { describe, test, before } = require('node:test');
const assert = require('node:assert/strict');

const { connect, serverVersion, rejectsWith, collectScan } = require('./support');

const sorted = (members) => [...members].sort();

for (const protocol of [2, 3]) {
  describe(`sets over RESP${protocol}`, () => {
    let r;
    let smallEncoding;
    let memberExpiry;
    before(async () => {
      r = connect({ protocol });
      await r.flushall();
      const [major, minor] = await serverVersion(r);
      smallEncoding = major > 7 || (major === 7 && minor >= 2) ? 'listpack' : 'hashtable';
      const info = await r.call('COMMAND', 'INFO', 'EXPIREMEMBER');
      memberExpiry = info.length > 0 && info[0] !== null;
    });

    test('SADD, SCARD, SISMEMBER, SMISMEMBER, SMEMBERS', async () => {
      assert.equal(await r.sadd('s', 'a', 'b', 'c'), 3);
      assert.equal(await r.sadd('s', 'A', 'a', 'b', 'c', 'B'), 2);
      assert.equal(await r.scard('s'), 5);
      assert.deepEqual(sorted(await r.smembers('s')), ['A', 'B', 'a', 'b', 'c']);
      assert.equal(await r.sismember('s', 'a'), 1);
      assert.equal(await r.sismember('s', 'z'), 0);
      assert.deepEqual(await r.smismember('s', 'a', 'z', 'B'), [1, 0, 1]);
      assert.deepEqual(await r.smismember('missing', 'a'), [0]);
      assert.deepEqual(await r.smembers('missing'), []);
      assert.equal(await r.scard('missing'), 0);
    });

    test('SREM deletes the emptied set', async () => {
      await r.sadd('rem', 1, 2, 3);
      assert.equal(await r.srem('rem', 9), 0);
      assert.equal(await r.srem('rem', 1, 2, 3, 4), 3);
      assert.equal(await r.exists('rem'), 0);
    });

    test('encodings follow the members', async () => {
      await r.sadd('ints', ...Array.from({ length: 10 }, (_, i) => i));
      assert.equal(await r.object('ENCODING', 'ints'), 'intset');
      await r.sadd('ints', 'x');
      assert.equal(await r.object('ENCODING', 'ints'), smallEncoding);
      await r.sadd('strings', ...Array.from({ length: 200 }, (_, i) => `m${i}`));
      assert.equal(await r.object('ENCODING', 'strings'), 'hashtable');
    });

    test('SMOVE', async () => {
      await r.sadd('src', 'a', 'b');
      await r.sadd('dst', 1);
      assert.equal(await r.smove('src', 'dst', 'a'), 1);
      assert.equal(await r.smove('src', 'dst', 'nope'), 0);
      assert.equal(await r.smove('nosuch', 'dst', 'a'), 0);
      assert.equal(await r.smove('src', 'dst', 'b'), 1);
      assert.equal(await r.exists('src'), 0);
      assert.deepEqual(sorted(await r.smembers('dst')), ['1', 'a', 'b']);
      await r.set('str', 'v');
      await rejectsWith(r.smove('dst', 'str', 'a'), 'WRONGTYPE Operation against a key holding the wrong kind of value');
    });

    test('SPOP with and without a count', async () => {
      await r.sadd('pop', ...Array.from({ length: 20 }, (_, i) => i));
      const one = await r.spop('pop');
      const some = await r.spop('pop', 5);
      assert.equal(some.length, 5);
      const rest = await r.spop('pop', 100);
      assert.deepEqual([one, ...some, ...rest].map(Number).sort((a, b) => a - b), Array.from({ length: 20 }, (_, i) => i));
      assert.equal(await r.exists('pop'), 0);
      assert.equal(await r.spop('missing'), null);
      assert.deepEqual(await r.spop('missing', 3), []);
      await r.sadd('pop', 'a');
      await rejectsWith(r.spop('pop', -1), 'ERR value is out of range, must be positive');
    });

    test('SRANDMEMBER', async () => {
      const members = ['a', 'b', 'c', 'd', 'e'];
      await r.sadd('rand', ...members);
      assert.ok(members.includes(await r.srandmember('rand')));
      const distinct = await r.srandmember('rand', 3);
      assert.equal(new Set(distinct).size, 3);
      assert.deepEqual(sorted(await r.srandmember('rand', 10)), members);
      const repeated = await r.srandmember('rand', -1000);
      assert.equal(repeated.length, 1000);
      const counts = {};
      for (const m of repeated) counts[m] = (counts[m] || 0) + 1;
      assert.deepEqual(sorted(Object.keys(counts)), members);
      for (const n of Object.values(counts)) assert.ok(n >= 120 && n <= 280, JSON.stringify(counts));
      assert.deepEqual(await r.srandmember('rand', 0), []);
      assert.equal(await r.srandmember('missing'), null);
      await rejectsWith(r.srandmember('rand', '-9223372036854775808'),
        'ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807');
    });

    test('SINTER, SUNION, SDIFF and their STORE forms', async () => {
      await r.sadd('a', 1, 2, 3, 'x');
      await r.sadd('b', 2, 3, 4, 'x');
      await r.sadd('c', 3, 'x', 'y');
      assert.deepEqual(sorted(await r.sinter('a', 'b', 'c')), ['3', 'x']);
      assert.deepEqual(await r.sinter('a', 'missing'), []);
      assert.deepEqual(sorted(await r.sunion('a', 'c')), ['1', '2', '3', 'x', 'y']);
      assert.deepEqual(await r.sdiff('a', 'b'), ['1']);
      assert.equal(await r.sinterstore('d', 'a', 'b'), 3);
      assert.equal(await r.sunionstore('d', 'a', 'b'), 5);
      assert.equal(await r.sdiffstore('d', 'a', 'b', 'c'), 1);
      assert.deepEqual(await r.smembers('d'), ['1']);
      assert.equal(await r.sinterstore('d', 'a', 'missing'), 0);
      assert.equal(await r.exists('d'), 0);
      assert.equal(await r.call('SINTERCARD', 2, 'a', 'b'), 3);
      assert.equal(await r.call('SINTERCARD', 2, 'a', 'b', 'LIMIT', 1), 1);
      await rejectsWith(r.call('SINTERCARD', 0, 'a'), 'ERR numkeys should be greater than 0');
      await rejectsWith(r.call('SINTERCARD', 3, 'a', 'b'), "ERR Number of keys can't be greater than number of args");
    });

    test('SSCAN returns every member', async () => {
      const big = Array.from({ length: 1000 }, (_, i) => `m${i}`);
      await r.sadd('big', ...big);
      const scanned = await collectScan(r.sscanStream('big', { count: 50 }));
      assert.deepEqual(sorted(new Set(scanned)), sorted(big));
      await r.sadd('small', 1, 2, 3);
      assert.deepEqual(await r.sscan('small', 0, 'COUNT', 1), ['0', ['1', '2', '3']]);
      await rejectsWith(r.sscan('big', 'abc'), 'ERR invalid cursor');
    });

    test('binary members', async () => {
      const member = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
      assert.equal(await r.sadd('bin', member, Buffer.alloc(0)), 2);
      const members = await r.smembersBuffer('bin');
      assert.equal(members.length, 2);
      assert.ok(members.some((m) => m.equals(member)));
      assert.equal(await r.sismember('bin', member), 1);
    });

    test('KeyDB member expiry, where the server has it', async (t) => {
      if (!memberExpiry) {
        t.skip('the server has no EXPIREMEMBER');
        return;
      }
      await r.sadd('exp', 1, 2, 'a');
      assert.equal(await r.call('EXPIREMEMBER', 'exp', 'a', 100, 'ms'), 1);
      assert.equal(await r.call('EXPIREMEMBER', 'exp', 'nope', 100), 0);
      assert.equal(await r.call('EXPIREMEMBERAT', 'exp', '1', 1), 1);
      assert.deepEqual(sorted(await r.smembers('exp')), ['2', 'a']);
      const deadline = Date.now() + 3000;
      while ((await r.sismember('exp', 'a')) === 1 && Date.now() < deadline) await new Promise((f) => setTimeout(f, 20));
      assert.deepEqual(await r.smembers('exp'), ['2']);
    });
  });
}
