'use strict';
// ioredis hash suite: HSET, HGETALL, HSCAN and friends as a Node.js application sees them on AkkaKv.
//
// Runs against $AKKAKV_HOST:$AKKAKV_PORT over RESP2 and RESP3 (ioredis 6's legacy reply mapping turns RESP3's
// HGETALL map into an object and flattens HRANDFIELD's [field, value] pairs as under RESP2), and passes against
// real Redis 7.0 and 7.2. Hash-field expiry (Redis 7.4) runs only where the server has it: Redis 7.4 or later, or
// a server whose COMMAND INFO knows HEXPIRE (AkkaKv, which reports itself as 7.2).
//     AKKAKV_PORT=6390 node --test tests/clients/node/hashes.test.js

const { describe, test, before } = require('node:test');
const assert = require('node:assert/strict');
const { setTimeout: sleep } = require('node:timers/promises');

const { connect, serverVersion, rejectsWith, collectScan } = require('./support');

async function hasFieldExpiry(r) {
  const [major, minor] = await serverVersion(r);
  if (major > 7 || (major === 7 && minor >= 4)) return true;
  const info = await r.call('COMMAND', 'INFO', 'HEXPIRE');
  return Array.isArray(info) && info[0] !== null;
}

for (const protocol of [2, 3]) {
  describe(`hashes over RESP${protocol}`, () => {
    let r;
    before(async () => {
      r = connect({ protocol });
      await r.flushall();
    });

    test('HSET, HGET, HMGET, HLEN, HEXISTS, HSTRLEN, HSETNX, HDEL', async () => {
      assert.equal(await r.hset('h', 'a', '1'), 1);
      assert.equal(await r.hset('h', { a: '2', b: '3', c: '' }), 2);
      assert.equal(await r.hget('h', 'a'), '2');
      assert.equal(await r.hget('h', 'nope'), null);
      assert.deepEqual(await r.hmget('h', 'a', 'nope', 'c'), ['2', null, '']);
      assert.deepEqual(await r.hmget('missing', 'a'), [null]);
      assert.equal(await r.hlen('h'), 3);
      assert.equal(await r.hexists('h', 'b'), 1);
      assert.equal(await r.hexists('h', 'nope'), 0);
      assert.equal(await r.hstrlen('h', 'b'), 1);
      assert.equal(await r.hsetnx('h', 'a', 'x'), 0);
      assert.equal(await r.hsetnx('h', 'd', '4'), 1);
      assert.equal(await r.hmset('h2', { x: '1' }), 'OK');
      assert.equal(await r.hdel('h', 'a', 'nope', 'a'), 1);
      assert.equal(await r.hdel('h', 'b', 'c', 'd'), 3);
      assert.equal(await r.exists('h'), 0);
      await rejectsWith(r.call('HSET', 'h', 'a'), "ERR wrong number of arguments for 'hset' command");
    });

    test('HGETALL, HKEYS, HVALS', async () => {
      const fields = {};
      for (let i = 0; i < 200; i++) fields[`f${i}`] = `v${i}`;
      await r.hset('all', fields);
      assert.deepEqual(await r.hgetall('all'), fields);
      assert.deepEqual(await r.hgetall('missing'), {});
      assert.deepEqual((await r.hkeys('all')).sort(), Object.keys(fields).sort());
      assert.deepEqual((await r.hvals('all')).sort(), Object.values(fields).sort());
      assert.deepEqual(await r.hkeys('missing'), []);
    });

    test('HINCRBY and HINCRBYFLOAT', async () => {
      assert.equal(await r.hincrby('n', 'i', 5), 5);
      assert.equal(await r.hincrby('n', 'i', -7), -2);
      assert.equal(await r.hincrbyfloat('n', 'f', '10.5'), '10.5');
      assert.equal(await r.hincrbyfloat('n', 'f', '0.1'), '10.6');
      await r.hset('n', 'text', 'abc', 'max', '9223372036854775807');
      await rejectsWith(r.hincrby('n', 'text', 1), 'ERR hash value is not an integer');
      await rejectsWith(r.hincrby('n', 'max', 1), 'ERR increment or decrement would overflow');
      await rejectsWith(r.hincrbyfloat('n', 'text', 1), 'ERR hash value is not a float');
      await rejectsWith(r.hincrbyfloat('n', 'f', 'inf'), 'ERR value is NaN or Infinity');
    });

    test('HRANDFIELD', async () => {
      const fields = {};
      for (let i = 0; i < 20; i++) fields[`f${i}`] = `v${i}`;
      await r.hset('rand', fields);
      assert.ok((await r.hrandfield('rand')) in fields);
      assert.equal(await r.hrandfield('missing'), null);
      assert.deepEqual(await r.hrandfield('missing', 3), []);
      const distinct = await r.hrandfield('rand', 7);
      assert.equal(new Set(distinct).size, 7);
      assert.deepEqual((await r.hrandfield('rand', 100)).sort(), Object.keys(fields).sort());
      const repeated = await r.hrandfield('rand', -50);
      assert.equal(repeated.length, 50);
      assert.ok(repeated.every((f) => f in fields));
      const withValues = await r.hrandfield('rand', -5, 'WITHVALUES');
      assert.equal(withValues.length, 10);
      for (let i = 0; i < withValues.length; i += 2) assert.equal(fields[withValues[i]], withValues[i + 1]);
      await rejectsWith(r.hrandfield('rand', '-9223372036854770000', 'WITHVALUES'), 'ERR value is out of range');
    });

    test('HSCAN', async () => {
      await r.hset('small', { a: '1', b: '2', c: '3' });
      assert.deepEqual(await r.hscan('small', 0, 'COUNT', 1), ['0', ['a', '1', 'b', '2', 'c', '3']]);
      const big = {};
      for (let i = 0; i < 1000; i++) big[`field:${i}`] = String(i);
      await r.hset('big', big);
      const items = await collectScan(r.hscanStream('big', { count: 50 }));
      const seen = {};
      for (let i = 0; i < items.length; i += 2) seen[items[i]] = items[i + 1];
      assert.deepEqual(seen, big);
      const matched = await collectScan(r.hscanStream('big', { match: 'field:99?' }));
      assert.deepEqual(matched.filter((_, i) => i % 2 === 0).sort(), Array.from({ length: 10 }, (_, i) => `field:${990 + i}`).sort());
      assert.deepEqual(await r.hscan('missing', 0), ['0', []]);
    });

    test('encodings follow hash-max-listpack-entries and -value', async () => {
      const [, entries] = await r.config('GET', 'hash-max-listpack-entries');
      const [, value] = await r.config('GET', 'hash-max-listpack-value');
      try {
        await r.config('SET', 'hash-max-listpack-entries', '2');
        await r.config('SET', 'hash-max-listpack-value', '4');
        await r.hset('enc', 'a', '1', 'b', '2');
        assert.equal(await r.object('ENCODING', 'enc'), 'listpack');
        await r.hset('enc', 'c', '3');
        assert.equal(await r.object('ENCODING', 'enc'), 'hashtable');
        await r.hset('enc2', 'a', '12345');
        assert.equal(await r.object('ENCODING', 'enc2'), 'hashtable');
      } finally {
        await r.config('SET', 'hash-max-listpack-entries', entries);
        await r.config('SET', 'hash-max-listpack-value', value);
      }
    });

    test('binary fields and values', async () => {
      const field = Buffer.from([0, 1, 2, 13, 10, 255]);
      const val = Buffer.from([255, 0, 13, 10]);
      assert.equal(await r.hset('bin', field, val), 1);
      assert.deepEqual(await r.hgetBuffer('bin', field), val);
    });

    test('WRONGTYPE', async () => {
      await r.set('str', 'v');
      const wrongType = 'WRONGTYPE Operation against a key holding the wrong kind of value';
      await rejectsWith(r.hset('str', 'f', 'v'), wrongType);
      await rejectsWith(r.hgetall('str'), wrongType);
      await rejectsWith(r.hscan('str', 0), wrongType);
    });

    test('hash-field expiry', async (t) => {
      if (!(await hasFieldExpiry(r))) {
        t.skip('hash-field expiry is Redis 7.4');
        return;
      }
      await r.hset('fe', 'a', '1', 'b', '2', 'c', '3');
      assert.deepEqual(await r.call('HEXPIRE', 'fe', 100, 'FIELDS', 2, 'a', 'nope'), [1, -2]);
      const [ttl, none] = await r.call('HTTL', 'fe', 'FIELDS', 2, 'a', 'b');
      assert.ok(ttl === 99 || ttl === 100, `HTTL ${ttl}`);
      assert.equal(none, -1);
      assert.deepEqual(await r.call('HPERSIST', 'fe', 'FIELDS', 2, 'a', 'b'), [1, -1]);
      assert.deepEqual(await r.call('HPEXPIRE', 'fe', 100, 'FIELDS', 1, 'b'), [1]);
      assert.deepEqual(await r.call('HEXPIRE', 'fe', 0, 'FIELDS', 1, 'c'), [2]);
      await sleep(200);
      assert.equal(await r.hget('fe', 'b'), null);
      assert.deepEqual(await r.hgetall('fe'), { a: '1' });
      assert.deepEqual(await r.call('HTTL', 'missing', 'FIELDS', 1, 'a'), [-2]);
      await rejectsWith(r.call('HEXPIRE', 'fe', 10, 'FIELDS', 2, 'a'), 'ERR The `numfields` parameter must match the number of arguments');
      await r.call('HPEXPIRE', 'fe', 50, 'FIELDS', 1, 'a');
      for (let i = 0; i < 100 && (await r.exists('fe')); i++) await sleep(50);
      assert.equal(await r.exists('fe'), 0);
    });
  });
}
