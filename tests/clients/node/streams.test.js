'use strict';
// ioredis stream suite: XADD ... XAUTOCLAIM as a Node.js application uses them, over RESP2 and RESP3 (ioredis 6 hands
// RESP3 maps back in the RESP2 shapes, so both protocols are asserted alike). Passes against Redis 7.0 and 7.2:
// fields Redis 7.2 added are checked only when the server reports 7.2 or later.
//     AKKAKV_PORT=6390 node --test tests/clients/node/streams.test.js

const { describe, test, before } = require('node:test');
const assert = require('node:assert/strict');
const { setTimeout: sleep } = require('node:timers/promises');

const { connect, serverVersion, rejectsWith } = require('./support');

// [[id, [field, value, ...]], ...] as [[id, {field: value}], ...].
const entries = (reply) => reply.map(([id, fields]) => [id, fields === null ? null : pairs(fields)]);
const pairs = (flat) => Object.fromEntries(Array.from({ length: flat.length / 2 }, (_, i) => [flat[2 * i], flat[2 * i + 1]]));

for (const protocol of [2, 3]) {
  describe(`streams RESP${protocol}`, () => {
    let r;
    let is72;
    before(async () => {
      r = connect({ protocol });
      await r.flushall();
      const [major, minor] = await serverVersion(r);
      is72 = major > 7 || (major === 7 && minor >= 2);
    });

    test('XADD, XLEN, XRANGE and XREVRANGE', async () => {
      const first = await r.xadd('s', '*', 'item', '1', 'value', 'a');
      const second = await r.xadd('s', '*', 'item', '2', 'value', 'b');
      const [ms1, seq1] = first.split('-').map(BigInt);
      const [ms2, seq2] = second.split('-').map(BigInt);
      assert.ok(ms1 < ms2 || (ms1 === ms2 && seq1 < seq2));
      assert.equal(await r.xlen('s'), 2);
      assert.deepEqual(entries(await r.xrange('s', '-', '+')), [[first, { item: '1', value: 'a' }], [second, { item: '2', value: 'b' }]]);
      assert.deepEqual(entries(await r.xrevrange('s', '+', '-', 'COUNT', 1)), [[second, { item: '2', value: 'b' }]]);
      assert.deepEqual(await r.xrange('missing', '-', '+'), []);
      assert.equal(await r.xrange('s', '-', '+', 'COUNT', 0), null);
    });

    test('explicit, partial and refused IDs', async () => {
      assert.equal(await r.xadd('ids', '5-*', 'f', 'v'), '5-0');
      assert.equal(await r.xadd('ids', '5-*', 'f', 'v'), '5-1');
      assert.equal(await r.xadd('ids', '7', 'f', 'v'), '7-0');
      await rejectsWith(r.xadd('ids', '6-0', 'f', 'v'), 'ERR The ID specified in XADD is equal or smaller than the target stream top item');
      await rejectsWith(r.xadd('zero', '0-0', 'f', 'v'), 'ERR The ID specified in XADD must be greater than 0-0');
      await rejectsWith(r.xadd('ids', 'nope', 'f', 'v'), 'ERR Invalid stream ID specified as stream command argument');
      await rejectsWith(r.xadd('ids', '*', 'f'), "ERR wrong number of arguments for 'xadd' command");
      assert.equal(await r.exists('zero'), 0);
      assert.deepEqual((await r.xrange('ids', '(5-0', '(7')).map(([id]) => id), ['5-1', '7-0']);
    });

    test('trimming, NOMKSTREAM and empty streams', async () => {
      for (let i = 1; i <= 20; i++) await r.xadd('t', 'MAXLEN', 10, `${i}-0`, 'n', i);
      assert.equal(await r.xlen('t'), 10);
      assert.equal(await r.xtrim('t', 'MAXLEN', 5), 5);
      assert.equal(await r.xtrim('t', 'MINID', '18'), 2);
      assert.deepEqual((await r.xrange('t', '-', '+')).map(([id]) => id), ['18-0', '19-0', '20-0']);
      await rejectsWith(r.xtrim('t', 'MAXLEN', 1, 'LIMIT', 5), 'ERR syntax error, LIMIT cannot be used without the special ~ option');
      for (let i = 0; i < 250; i++) await r.xadd('approx', '*', 'n', i);
      assert.equal(await r.xtrim('approx', 'MAXLEN', '~', 120), 100);
      assert.equal(await r.xadd('none', 'NOMKSTREAM', '*', 'f', 'v'), null);
      assert.equal(await r.exists('none'), 0);
      assert.equal(await r.xadd('empty', 'MAXLEN', 0, '1-0', 'f', 'v'), '1-0');
      assert.equal(await r.xlen('empty'), 0);
      assert.equal(await r.type('empty'), 'stream');
    });

    test('XDEL and XINFO STREAM counters', async () => {
      for (let i = 1; i <= 3; i++) await r.xadd('d', `${i}-0`, 'f', i);
      assert.equal(await r.xdel('d', '2-0', '9-9'), 1);
      assert.equal(await r.xdel('d', '1-0'), 1);
      const info = pairs(await r.xinfo('STREAM', 'd'));
      assert.equal(info.length, 1);
      assert.equal(info['max-deleted-entry-id'], '2-0');
      assert.equal(info['recorded-first-entry-id'], '3-0');
      assert.equal(info['entries-added'], 3);
      assert.deepEqual(info['first-entry'], ['3-0', ['f', '3']]);
    });

    test('XREAD across streams', async () => {
      await r.xadd('ra', '1-0', 'x', '1');
      await r.xadd('ra', '2-0', 'x', '2');
      await r.xadd('rb', '5-0', 'y', '1');
      const got = await r.xread('COUNT', 1, 'STREAMS', 'nostream', 'ra', 'rb', '0', '0', '0');
      assert.deepEqual(got.map(([key, list]) => [key, entries(list)]), [['ra', [['1-0', { x: '1' }]]], ['rb', [['5-0', { y: '1' }]]]]);
      assert.equal(await r.xread('STREAMS', 'ra', '$'), null);
      assert.equal(await r.xread('BLOCK', 50, 'STREAMS', 'ra', '$'), null);
      await rejectsWith(r.xread('STREAMS', 'ra', '+'), 'ERR Invalid stream ID specified as stream command argument');
      await rejectsWith(r.xread('STREAMS', 'ra', '>'), 'ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.');
    });

    test('XREAD BLOCK is served by a later XADD', async () => {
      await r.xadd('blk', '1-0', 'f', 'v');
      const reader = connect({ protocol });
      const pending = reader.xread('BLOCK', 5000, 'STREAMS', 'blk', '$');
      await sleep(200);
      await r.xadd('blk', '9-0', 'late', '1');
      assert.deepEqual(await pending, [['blk', [['9-0', ['late', '1']]]]]);
      await reader.quit();
    });

    test('consumer group: read, pending, ack', async () => {
      assert.equal(await r.xgroup('CREATE', 'g', 'grp', '$', 'MKSTREAM'), 'OK');
      await rejectsWith(r.xgroup('CREATE', 'g', 'grp', '$'), 'BUSYGROUP Consumer Group name already exists');
      for (let i = 1; i <= 4; i++) await r.xadd('g', `${i}-0`, 'n', i);
      assert.deepEqual(await r.xreadgroup('GROUP', 'grp', 'alice', 'COUNT', 2, 'STREAMS', 'g', '>'), [['g', [['1-0', ['n', '1']], ['2-0', ['n', '2']]]]]);
      assert.deepEqual(await r.xreadgroup('GROUP', 'grp', 'bob', 'STREAMS', 'g', '>'), [['g', [['3-0', ['n', '3']], ['4-0', ['n', '4']]]]]);
      assert.equal(await r.xreadgroup('GROUP', 'grp', 'bob', 'STREAMS', 'g', '>'), null);
      assert.deepEqual(await r.xreadgroup('GROUP', 'grp', 'alice', 'STREAMS', 'g', '0'), [['g', [['1-0', ['n', '1']], ['2-0', ['n', '2']]]]]);
      assert.deepEqual(await r.xpending('g', 'grp'), [4, '1-0', '4-0', [['alice', '2'], ['bob', '2']]]);
      const detail = await r.xpending('g', 'grp', '-', '+', 10, 'alice');
      assert.deepEqual(detail.map(([id, owner, , count]) => [id, owner, count]), [['1-0', 'alice', 2], ['2-0', 'alice', 2]]);
      assert.equal(await r.xack('g', 'grp', '1-0', '3-0', '9-0'), 2);
      const group = pairs((await r.xinfo('GROUPS', 'g'))[0]);
      assert.deepEqual([group.name, group.consumers, group.pending, group['last-delivered-id'], group['entries-read'], group.lag], ['grp', 2, 2, '4-0', 4, 0]);
      const consumers = (await r.xinfo('CONSUMERS', 'g', 'grp')).map(pairs);
      assert.deepEqual(consumers.map((c) => [c.name, c.pending]), [['alice', 1], ['bob', 1]]);
      if (is72) assert.ok(consumers.every((c) => c.inactive >= 0));
    });

    test('claiming with XCLAIM and XAUTOCLAIM', async () => {
      for (let i = 1; i <= 3; i++) await r.xadd('c', `${i}-0`, 'f', `v${i}`);
      await r.xgroup('CREATE', 'c', 'grp', '0');
      await r.xreadgroup('GROUP', 'grp', 'alice', 'STREAMS', 'c', '>');
      await sleep(20);
      assert.deepEqual(await r.xclaim('c', 'grp', 'bob', 100000, '1-0'), []);
      assert.deepEqual(await r.xclaim('c', 'grp', 'bob', 10, '1-0'), [['1-0', ['f', 'v1']]]);
      assert.deepEqual(await r.xclaim('c', 'grp', 'carol', 0, '1-0', 'JUSTID'), ['1-0']);
      await r.xdel('c', '2-0');
      assert.deepEqual(await r.xautoclaim('c', 'grp', 'dave', 0, '0-0', 'COUNT', 10), ['0-0', [['1-0', ['f', 'v1']], ['3-0', ['f', 'v3']]], ['2-0']]);
      assert.deepEqual(await r.xautoclaim('c', 'grp', 'erin', 0, '0-0', 'JUSTID'), ['0-0', ['1-0', '3-0'], []]);
      const pending = await r.xpending('c', 'grp', '-', '+', 10);
      assert.deepEqual(pending.map(([id, owner]) => [id, owner]), [['1-0', 'erin'], ['3-0', 'erin']]);
      await rejectsWith(r.xautoclaim('c', 'grp', 'x', 0, '0', 'COUNT', 0), 'ERR COUNT must be > 0');
      await rejectsWith(r.xclaim('c', 'nog', 'x', 0, '1-0'), "NOGROUP No such key 'c' or consumer group 'nog'");
    });

    test('group administration and XINFO STREAM FULL', async () => {
      for (let i = 1; i <= 3; i++) await r.xadd('a', `${i}-0`, 'f', i);
      await r.xgroup('CREATE', 'a', 'grp', '0');
      assert.equal(await r.xgroup('CREATECONSUMER', 'a', 'grp', 'c'), 1);
      assert.equal(await r.xgroup('CREATECONSUMER', 'a', 'grp', 'c'), 0);
      await r.xreadgroup('GROUP', 'grp', 'alice', 'COUNT', 1, 'STREAMS', 'a', '>');
      const full = pairs(await r.xinfo('STREAM', 'a', 'FULL'));
      assert.equal(full.length, 3);
      assert.deepEqual(full.entries.map(([id]) => id), ['1-0', '2-0', '3-0']);
      const group = pairs(full.groups[0]);
      assert.deepEqual([group.name, group['last-delivered-id'], group['entries-read'], group.lag, group['pel-count']], ['grp', '1-0', 1, 2, 1]);
      const alice = pairs(group.consumers[0]);
      assert.equal(alice.name, 'alice');
      assert.deepEqual(alice.pending.map(([id]) => id), ['1-0']);
      if (is72) assert.equal(alice['active-time'], alice['seen-time']);
      assert.equal(await r.xgroup('DELCONSUMER', 'a', 'grp', 'alice'), 1);
      assert.equal(await r.xgroup('SETID', 'a', 'grp', '$'), 'OK');
      assert.equal(await r.xgroup('DESTROY', 'a', 'grp'), 1);
      assert.equal(await r.xgroup('DESTROY', 'a', 'grp'), 0);
      await rejectsWith(r.xgroup('CREATE', 'nokey', 'grp', '$'), 'ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.');
      await rejectsWith(r.xreadgroup('GROUP', 'grp', 'c', 'STREAMS', 'a', '>'), "NOGROUP No such key 'a' or consumer group 'grp' in XREADGROUP with GROUP option");
    });

    test('XSETID and wrong types', async () => {
      await r.xadd('x', '5-0', 'f', 'v');
      assert.equal(await r.xsetid('x', '10-0'), 'OK');
      assert.equal(await r.xadd('x', '10-*', 'f', 'v'), '10-1');
      await rejectsWith(r.xsetid('x', '1-0'), 'ERR The ID specified in XSETID is smaller than the target stream top item');
      await rejectsWith(r.xsetid('nokey', '1-0'), 'ERR no such key');
      await r.set('str', 'v');
      const wrong = 'WRONGTYPE Operation against a key holding the wrong kind of value';
      await rejectsWith(r.xadd('str', '*', 'f', 'v'), wrong);
      await rejectsWith(r.xlen('str'), wrong);
      await rejectsWith(r.xread('STREAMS', 'str', '0'), wrong);
      await rejectsWith(r.xinfo('STREAM', 'str'), wrong);
    });

    test('binary fields and values', async () => {
      const value = Buffer.alloc(70000, 7);
      value[0] = 0;
      await r.xadd(Buffer.from('bin'), '1-1', Buffer.from([0, 13, 10]), value);
      const [[id, [field, got]]] = await r.xrangeBuffer('bin', '-', '+');
      assert.equal(id.toString(), '1-1');
      assert.deepEqual(field, Buffer.from([0, 13, 10]));
      assert.deepEqual(got, value);
    });
  });
}
