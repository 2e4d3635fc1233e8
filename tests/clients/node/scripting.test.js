'use strict';
// ioredis scripting suite: eval, evalsha and defineCommand as a Node.js application uses them on AkkaKv.
//
// Runs against $AKKAKV_HOST:$AKKAKV_PORT over RESP2 and RESP3, and passes against real Redis 7.0 and 7.2.
//     AKKAKV_PORT=6390 node --test tests/clients/node/scripting.test.js

const { describe, test, before } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');

const { connect, rejectsWith } = require('./support');

for (const protocol of [2, 3]) {
  describe(`scripting over RESP${protocol}`, () => {
    let r;
    before(async () => {
      r = connect({ protocol });
      await r.flushall();
      r.defineCommand('addTo', { numberOfKeys: 1, lua: "return redis.call('incrby', KEYS[1], ARGV[1])" });
      r.defineCommand('swap', {
        numberOfKeys: 2,
        lua: "local a = redis.call('get', KEYS[1]) local b = redis.call('get', KEYS[2]) " +
          "redis.call('set', KEYS[1], b) redis.call('set', KEYS[2], a) return {b, a}",
      });
    });

    test('eval converts Lua values to replies', async () => {
      assert.equal(await r.eval("return 'hello'", 0), 'hello');
      assert.equal(await r.eval('return 100.5', 0), 100);
      assert.deepEqual(await r.eval("return {1, 2, 3, 'ciao', {1, 2}}", 0), [1, 2, 3, 'ciao', [1, 2]]);
      assert.equal(await r.eval('return false', 0), null);
      assert.equal(await r.eval("return {ok = 'fine'}", 0), 'fine');
      assert.deepEqual(await r.eval('return {KEYS[1], ARGV[1]}', 1, 'k', 'a'), ['k', 'a']);
    });

    test('defineCommand runs by EVALSHA and loads the script when the cache lacks it', async () => {
      await r.script('FLUSH');
      assert.equal(await r.addTo('counter', 5), 5);
      assert.equal(await r.addTo('counter', 2), 7);
      const sha = crypto.createHash('sha1').update("return redis.call('incrby', KEYS[1], ARGV[1])").digest('hex');
      assert.deepEqual(await r.script('EXISTS', sha), [1]);
      await r.script('FLUSH');
      assert.equal(await r.addTo('counter', 1), 8);
    });

    test('defineCommand in a pipeline and in a transaction', async () => {
      await r.mset('left', 'L', 'right', 'R');
      const piped = await r.pipeline().swap('left', 'right').get('left').exec();
      assert.deepEqual(piped, [[null, ['R', 'L']], [null, 'R']]);
      const multi = await r.multi().addTo('m', 10).addTo('m', 1).exec();
      assert.deepEqual(multi, [[null, 10], [null, 11]]);
    });

    test('script errors reject with the Redis message', async () => {
      await r.set('text', 'abc');
      await assert.rejects(r.eval("return redis.call('incr', KEYS[1])", 1, 'text'),
        /^ReplyError: ERR value is not an integer or out of range script: [0-9a-f]{40}, on @user_script:1\.$/);
      await rejectsWith(r.eval("return redis.error_reply('MY custom')", 0), 'MY custom');
      await assert.rejects(r.evalsha('0'.repeat(40), 0), /^ReplyError: NOSCRIPT No matching script\. Please use EVAL\.$/);
      await assert.rejects(r.eval('syntax error here', 0), /Error compiling script/);
    });

    test('SCRIPT LOAD, EXISTS and KILL', async () => {
      const sha = await r.script('LOAD', 'return 1');
      assert.equal(sha, 'e0e1f9fabfc9d4800c877a703b823ac0578ff8db');
      assert.equal(await r.evalsha(sha, 0), 1);
      assert.deepEqual(await r.script('EXISTS', sha, 'f'.repeat(40)), [1, 0]);
      await rejectsWith(r.script('KILL'), 'NOTBUSY No scripts in execution right now.');
    });

    test('read-only scripts refuse writes', async () => {
      await r.set('ro', 'v');
      assert.equal(await r.call('EVAL_RO', "return redis.call('get', KEYS[1])", 1, 'ro'), 'v');
      await assert.rejects(r.call('EVAL_RO', "return redis.call('del', KEYS[1])", 1, 'ro'), /Write commands are not allowed from read-only scripts/);
      assert.equal(await r.get('ro'), 'v');
    });

    test('the libraries scripts rely on', async () => {
      assert.equal(await r.eval("return cjson.encode({a = {1, 2}})", 0), '{"a":[1,2]}');
      assert.equal(await r.eval('return cjson.decode(ARGV[1]).n + 1', 0, '{"n": 41}'), 42);
      assert.deepEqual(await r.eval('return cmsgpack.unpack(cmsgpack.pack({7, 8}))', 0), [7, 8]);
      assert.equal(await r.eval("return bit.tohex(bit.bor(0xf0, 0x0f))", 0), '000000ff');
      assert.equal(await r.eval("return struct.unpack('<H', struct.pack('<H', 513))", 0), 513);
    });
  });
}
