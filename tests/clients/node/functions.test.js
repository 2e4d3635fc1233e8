'use strict';
// ioredis functions suite: FUNCTION LOAD/LIST/DELETE/DUMP/RESTORE/STATS and FCALL as a Node.js application uses them.
//
// Runs against $AKKAKV_HOST:$AKKAKV_PORT over RESP2 and RESP3, and passes against real Redis 7.0 and 7.2.
//     AKKAKV_PORT=6390 node --test tests/clients/node/functions.test.js

const { describe, test, beforeEach } = require('node:test');
const assert = require('node:assert/strict');

const { connect, rejectsWith } = require('./support');

const LIBRARY = [
  '#!lua name=counters',
  "redis.register_function('counter_add', function(keys, args) return redis.call('incrby', keys[1], args[1]) end)",
  "redis.register_function{function_name='counter_get', callback=function(keys) return redis.call('get', keys[1]) end, flags={'no-writes'}}",
].join('\n');

/** FUNCTION LIST entries as objects, whether the reply came as RESP2 flat arrays or RESP3 maps. */
function asObject(reply) {
  if (!Array.isArray(reply)) return reply;
  const out = {};
  for (let i = 0; i < reply.length; i += 2) out[reply[i]] = reply[i + 1];
  return out;
}

for (const protocol of [2, 3]) {
  describe(`functions over RESP${protocol}`, () => {
    const r = connect({ protocol });

    beforeEach(async () => {
      await r.flushall();
      await r.function('FLUSH');
    });

    test('load, fcall and fcall_ro', async () => {
      assert.equal(await r.function('LOAD', LIBRARY), 'counters');
      assert.equal(await r.fcall('counter_add', 1, 'c', 5), 5);
      assert.equal(await r.fcall('COUNTER_ADD', 1, 'c', 2), 7);
      assert.equal(await r.fcall_ro('counter_get', 1, 'c'), '7');
      await rejectsWith(r.fcall_ro('counter_add', 1, 'c', 1), 'ERR Can not execute a script with write flag using *_ro command.');
      await rejectsWith(r.fcall('nosuch', 0), 'ERR Function not found');
    });

    test('load errors and replace', async () => {
      await rejectsWith(r.function('LOAD', 'return 1'), 'ERR Missing library metadata');
      await r.function('LOAD', LIBRARY);
      await rejectsWith(r.function('LOAD', LIBRARY), "ERR Library 'counters' already exists");
      assert.equal(await r.function('LOAD', 'REPLACE', LIBRARY.replace("args[1]", '100')), 'counters');
      assert.equal(await r.fcall('counter_add', 1, 'c', 1), 100);
      await rejectsWith(r.function('LOAD', '#!lua name=empty\nlocal x = 1'), 'ERR No functions registered');
    });

    test('list with code and delete', async () => {
      await r.function('LOAD', LIBRARY);
      const [library] = (await r.function('LIST', 'WITHCODE')).map(asObject);
      assert.equal(library.library_name, 'counters');
      assert.equal(library.engine, 'LUA');
      assert.equal(library.library_code, LIBRARY);
      const functions = Object.fromEntries(library.functions.map(asObject).map((f) => [f.name, f]));
      assert.deepEqual(Object.keys(functions).sort(), ['counter_add', 'counter_get']);
      assert.deepEqual([...functions.counter_get.flags], ['no-writes']);
      assert.equal(functions.counter_add.description, null);
      assert.deepEqual(await r.function('LIST', 'LIBRARYNAME', 'nomatch*'), []);
      assert.equal(await r.function('DELETE', 'counters'), 'OK');
      await rejectsWith(r.function('DELETE', 'counters'), 'ERR Library not found');
    });

    test('dump and restore a binary payload', async () => {
      await r.function('LOAD', LIBRARY);
      const payload = await r.functionBuffer('DUMP');
      assert.ok(Buffer.isBuffer(payload));
      await r.function('FLUSH');
      assert.equal(await r.function('RESTORE', payload), 'OK');
      assert.equal(await r.fcall('counter_add', 1, 'c', 3), 3);
      await rejectsWith(r.function('RESTORE', payload), 'ERR Library counters already exists');
      assert.equal(await r.function('RESTORE', payload, 'REPLACE'), 'OK');
      const corrupted = Buffer.from(payload);
      corrupted[corrupted.length - 1] ^= 1;
      await rejectsWith(r.function('RESTORE', corrupted), 'ERR DUMP payload version or checksum are wrong');
    });

    test('stats and kill when nothing runs', async () => {
      await r.function('LOAD', LIBRARY);
      const stats = asObject(await r.function('STATS'));
      assert.equal(stats.running_script, null);
      assert.deepEqual(asObject(asObject(stats.engines).LUA), { libraries_count: 1, functions_count: 2 });
      await rejectsWith(r.function('KILL'), 'NOTBUSY No scripts in execution right now.');
    });

    test('fcall in a pipeline and a transaction', async () => {
      await r.function('LOAD', LIBRARY);
      assert.deepEqual(await r.pipeline().fcall('counter_add', 1, 'p', 2).fcall_ro('counter_get', 1, 'p').exec(), [[null, 2], [null, '2']]);
      assert.deepEqual(await r.multi().fcall('counter_add', 1, 'm', 1).fcall('counter_add', 1, 'm', 1).exec(), [[null, 1], [null, 2]]);
    });
  });
}
