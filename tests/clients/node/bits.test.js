'use strict';
// ioredis suite for bitmaps and HyperLogLogs: setbit/getbit/bitcount/bitpos/bitop/bitfield and
// pfadd/pfcount/pfmerge through ioredis's own methods, over RESP2 and RESP3. Every assertion is real Redis
// behaviour (it passes against redis-server 7.0 and 7.2); HLL counts are exact, as Redis computes them.
//     AKKAKV_PORT=6390 node --test tests/clients/node/bits.test.js

const { describe, test, before } = require('node:test');
const assert = require('node:assert/strict');

const { connect, rejectsWith } = require('./support');

// PFADD of "1".."100" on redis-server: a sparse HLL whose cache is not yet valid.
const REDIS_100 = Buffer.from(
  '48594c4c01000000000000000000008041768c407684409a9040c9804100801c8c40418840e688405f803f80416880404198407084088041' +
    '20804059842080078040f48042108841368040e2800a8040b08c37883380407680404680408580405f803380404d8840549040da80415b80' +
    '228040e2804058804094803780248041718040658442119440aa8040799040db8040ac904147881a84414280158440bf8440d28c41158440' +
    '81940b8c40b380318c28802d803c80404780446e8040928041e6881588408d80410a8040488440eb803784405a8440a580406d84413e8429' +
    '8040da802480405880068042f4804059801d8840aa8c40ed80404880404a942c80388c308040b28840f28c40b880158418883a8040d99440' +
    '8a80407b8040e8',
  'hex',
);

for (const protocol of [2, 3]) {
  describe(`bits RESP${protocol}`, () => {
    let r;
    before(async () => {
      r = connect({ protocol });
      await r.flushall();
    });

    test('setbit and getbit', async () => {
      assert.equal(await r.setbit('b', 7, 1), 0);
      assert.equal(await r.setbit('b', 7, 1), 1);
      assert.equal(await r.getbit('b', 7), 1);
      assert.equal(await r.getbit('b', 1000), 0);
      assert.equal(await r.setbit('b', 23, 1), 0);
      assert.deepEqual(await r.getBuffer('b'), Buffer.from([1, 0, 1]));
      await rejectsWith(r.setbit('b', -1, 1), 'ERR bit offset is not an integer or out of range');
      await rejectsWith(r.setbit('b', 0, 2), 'ERR bit is not an integer or out of range');
    });

    test('bitcount and bitpos', async () => {
      await r.set('s', 'foobar');
      assert.equal(await r.bitcount('s'), 26);
      assert.equal(await r.bitcount('s', 1, -2), 18);
      assert.equal(await r.bitcount('s', 5, 30, 'BIT'), 17);
      assert.equal(await r.bitcount('nothing'), 0);
      await r.set('p', Buffer.from([0xff, 0xf0, 0x00]));
      assert.equal(await r.bitpos('p', 0), 12);
      assert.equal(await r.bitpos('p', 1, 2), -1);
      assert.equal(await r.bitpos('p', 1, 7, 15, 'BIT'), 7);
      assert.equal(await r.bitpos('nothing', 1), -1);
      await rejectsWith(r.bitpos('p', 2), 'ERR The bit argument must be 1 or 0.');
      await rejectsWith(r.bitcount('s', 0, 1, 'nibble'), 'ERR syntax error');
    });

    test('bitop', async () => {
      await r.set('x', Buffer.from([0xf0, 0xff, 0x0f]));
      await r.set('y', Buffer.from([0xff]));
      assert.equal(await r.bitop('AND', 'dest', 'x', 'y'), 3);
      assert.deepEqual(await r.getBuffer('dest'), Buffer.from([0xf0, 0, 0]));
      assert.equal(await r.bitop('NOT', 'dest', 'x'), 3);
      assert.deepEqual(await r.getBuffer('dest'), Buffer.from([0x0f, 0, 0xf0]));
      assert.equal(await r.bitop('OR', 'dest', 'missing'), 0);
      assert.equal(await r.exists('dest'), 0);
      await rejectsWith(r.bitop('NOT', 'dest', 'x', 'y'), 'ERR BITOP NOT must be called with a single source key.');
    });

    test('bitfield and bitfield_ro', async () => {
      assert.deepEqual(await r.bitfield('f', 'SET', 'i8', 0, -100, 'SET', 'i8', 0, 101, 'GET', 'i8', 0), [0, -100, 101]);
      assert.deepEqual(await r.bitfield('f', 'OVERFLOW', 'SAT', 'INCRBY', 'u8', '#1', 300), [255]);
      assert.deepEqual(await r.bitfield('f', 'OVERFLOW', 'FAIL', 'INCRBY', 'u8', '#1', 1, 'GET', 'u8', '#1'), [null, 255]);
      assert.deepEqual(await r.bitfield_ro('f', 'GET', 'u16', 0), [(101 << 8) | 255]);
      await rejectsWith(r.bitfield_ro('f', 'SET', 'u8', 0, 1), 'ERR BITFIELD_RO only supports the GET subcommand');
      await rejectsWith(
        r.bitfield('f', 'GET', 'u64', 0),
        'ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.',
      );
    });

    test('pfadd, pfcount and pfmerge', async () => {
      assert.equal(await r.pfadd('h1', 'a', 'b', 'c'), 1);
      assert.equal(await r.pfadd('h1', 'a', 'b', 'c'), 0);
      assert.equal(await r.pfcount('h1'), 3);
      await r.pfadd('h2', 'b', 'c', 'd');
      await r.pfadd('h3', 'c', 'd', 'e');
      assert.equal(await r.pfmerge('h', 'h1', 'h2', 'h3'), 'OK');
      assert.equal(await r.pfcount('h'), 5);
      assert.equal(await r.pfcount('h1', 'h2', 'h3', 'missing'), 5);
      assert.equal(await r.pfcount('missing'), 0);
    });

    test('HLL counts and bytes are Redis own', async () => {
      const elements = Array.from({ length: 5000 }, (_, i) => String(i + 1));
      await r.pfadd('big', ...elements);
      assert.equal(await r.pfcount('big'), 4985);
      await r.set('copy', REDIS_100);
      assert.equal(await r.pfcount('copy'), 100);
      const cached = await r.getBuffer('copy');
      assert.equal(cached.readBigUInt64LE(8), 100n);
      assert.deepEqual(cached.subarray(16), REDIS_100.subarray(16));
    });

    test('HLL type errors', async () => {
      await r.set('plain', 'bar');
      await rejectsWith(r.pfadd('plain', 'x'), 'WRONGTYPE Key is not a valid HyperLogLog string value.');
      await rejectsWith(r.pfcount('plain'), 'WRONGTYPE Key is not a valid HyperLogLog string value.');
      await r.pfadd('broken', 'a');
      await r.append('broken', 'hello');
      await rejectsWith(r.pfcount('broken'), 'INVALIDOBJ Corrupted HLL object detected');
    });
  });
}
