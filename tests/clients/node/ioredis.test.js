'use strict';
// ioredis client suite: what a Node.js application sees when it talks to AkkaKv.
//
// Runs against $AKKAKV_HOST:$AKKAKV_PORT (default 127.0.0.1:6379) with node's built-in test runner:
//     npm ci --prefix tests/clients/node && AKKAKV_PORT=6390 npm test --prefix tests/clients/node
// Every assertion is real Redis behaviour (it passes against Redis 7.0/7.2). The suite needs the
// server to itself (it runs FLUSHALL). Each data group runs over RESP2 and RESP3: ioredis 6 speaks
// RESP3 by default (HELLO 3 on connect, then CLIENT SETINFO), and RESP2 when asked.

const { describe, test, before } = require('node:test');
const assert = require('node:assert/strict');
const { once } = require('node:events');
const { setTimeout: sleep } = require('node:timers/promises');

const { HOST, PORT, connect, parseInfo, serverVersion, rejectsWith, collectScan } = require('./support');

for (const protocol of [2, 3]) {
  describe(`RESP${protocol}`, () => {
    let r;
    before(async () => {
      r = connect({ protocol });
      await r.flushall();
    });

    test('connect and handshake', async () => {
      assert.equal(await r.ping(), 'PONG');
      assert.equal(await r.ping('hello'), 'hello');
      assert.equal(await r.echo('héllo'), 'héllo');
      assert.equal(r.status, 'ready');
      const info = String(await r.client('INFO'));
      assert.match(info, new RegExp(`\\bresp=${protocol}\\b`));
      const hello = await r.hello(); // legacy reply mapping: a flat array in both protocols
      const fields = {};
      for (let i = 0; i < hello.length; i += 2) fields[hello[i]] = hello[i + 1];
      assert.equal(fields.proto, protocol);
      assert.ok('version' in fields && 'id' in fields && 'mode' in fields && 'role' in fields);
      const [major, minor] = await serverVersion(r);
      if (protocol === 3 && (major > 7 || (major === 7 && minor >= 2))) {
        // Redis 7.2 stores what ioredis sends with CLIENT SETINFO on connect.
        assert.match(info, /\blib-name=ioredis\b/);
      }
    });

    test('strings', async () => {
      assert.equal(await r.set('s', 'v'), 'OK');
      assert.equal(await r.get('s'), 'v');
      assert.equal(await r.get('missing'), null);
      assert.equal(await r.set('s', 'w', 'NX'), null);
      assert.equal(await r.set('s', 'w', 'XX', 'GET'), 'v');
      assert.equal(await r.set('s', 'x', 'EX', 100, 'GET'), 'w');
      assert.ok((await r.ttl('s')) > 98);
      assert.equal(await r.setnx('s', 'y'), 0);
      assert.equal(await r.getset('s', 'z'), 'x');
      assert.equal(await r.ttl('s'), -1);
      assert.equal(await r.append('s', 'zz'), 3);
      assert.equal(await r.strlen('s'), 3);
      assert.equal(await r.getrange('s', 0, 1), 'zz');
      assert.equal(await r.setrange('s', 1, 'ab'), 3);
      assert.equal(await r.get('s'), 'zab');
      assert.equal(await r.getdel('s'), 'zab');
      assert.equal(await r.exists('s'), 0);
      await r.set('gx', 'v');
      assert.equal(await r.getex('gx', 'PX', 100000), 'v');
      assert.ok((await r.pttl('gx')) > 98000);
      assert.equal(await r.incr('n'), 1);
      assert.equal(await r.incrby('n', 41), 42);
      assert.equal(await r.decrby('n', 2), 40);
      assert.equal(await r.decr('n'), 39);
      await r.set('f', '10.50');
      assert.equal(await r.incrbyfloat('f', 0.1), '10.6');
      assert.equal(await r.setex('se', 100, 'v'), 'OK');
      assert.equal(await r.psetex('pse', 100000, 'v'), 'OK');
      await r.mset({ k1: 'ohmytext', k2: 'mynewtext' });
      assert.equal(await r.call('LCS', 'k1', 'k2'), 'mytext');
      assert.equal(await r.call('LCS', 'k1', 'k2', 'LEN'), 6);
    });

    test('multi-key MSET/MGET/MSETNX/DEL/EXISTS', async () => {
      const data = {};
      for (let i = 0; i < 300; i++) data[`mk:${i}`] = `v${i}`;
      assert.equal(await r.mset(data), 'OK');
      const keys = Object.keys(data);
      assert.deepEqual(await r.mget(keys), Object.values(data));
      assert.deepEqual(await r.mget('mk:0', 'nope', 'mk:299'), ['v0', null, 'v299']);
      assert.equal(await r.msetnx('mk:0', 'x', 'mk:new', 'y'), 0);
      assert.equal(await r.exists('mk:new'), 0);
      assert.equal(await r.msetnx('mk:a', 'x', 'mk:b', 'y'), 1);
      assert.equal(await r.exists('mk:0', 'mk:1', 'nope', 'mk:0'), 3);
      assert.equal(await r.del(...keys.slice(0, 100), 'nope'), 100);
      assert.equal(await r.unlink(...keys.slice(100)), 200);
      assert.equal(await r.exists(...keys), 0);
    });

    test('pipeline of 1000 commands', async () => {
      const pipe = r.pipeline();
      for (let i = 0; i < 500; i++) pipe.set(`p:${i}`, i);
      for (let i = 0; i < 500; i++) pipe.get(`p:${i}`);
      const results = await pipe.exec();
      assert.equal(results.length, 1000);
      for (let i = 0; i < 500; i++) {
        assert.deepEqual(results[i], [null, 'OK']);
        assert.deepEqual(results[500 + i], [null, String(i)]);
      }
    });

    test('pipeline keeps errors in place', async () => {
      const results = await r.pipeline().set('pe', 1).call('NOSUCH').incr('pe').call('GET').get('pe').exec();
      assert.deepEqual(results[0], [null, 'OK']);
      assert.equal(results[1][0].message, "ERR unknown command 'NOSUCH', with args beginning with: ");
      assert.deepEqual(results[2], [null, 2]);
      assert.equal(results[3][0].message, "ERR wrong number of arguments for 'get' command");
      assert.deepEqual(results[4], [null, '2']);
    });

    test('auto-pipelining 1000 concurrent commands', async () => {
      const auto = connect({ protocol, enableAutoPipelining: true });
      const incrs = await Promise.all(Array.from({ length: 1000 }, () => auto.incr('auto')));
      assert.deepEqual(incrs, Array.from({ length: 1000 }, (_, i) => i + 1));
      await auto.quit();
    });

    test('expiry', async () => {
      await r.set('short', 'v', 'PX', 50);
      await r.set('long', 'v');
      assert.equal(await r.expire('long', 100), 1);
      assert.ok((await r.ttl('long')) > 98);
      assert.equal(await r.expire('long', 50, 'GT'), 0);
      assert.equal(await r.pexpire('long', 50000, 'LT'), 1);
      const at = Math.floor(Date.now() / 1000) + 1000;
      assert.equal(await r.expireat('long', at), 1);
      assert.equal(await r.expiretime('long'), at);
      assert.equal(await r.pexpiretime('long'), at * 1000);
      assert.equal(await r.persist('long'), 1);
      assert.equal(await r.ttl('long'), -1);
      assert.equal(await r.ttl('missing'), -2);
      await sleep(150);
      assert.equal(await r.get('short'), null);
      assert.equal(await r.exists('short'), 0);
    });

    test('scanStream collects every key', async () => {
      const pipe = r.pipeline();
      for (let i = 0; i < 500; i++) pipe.set(`scan:${i}`, 'v');
      for (let i = 0; i < 20; i++) pipe.set(`other:${i}`, 'v');
      await pipe.exec();
      const scanKeys = await collectScan(r.scanStream({ match: 'scan:*', count: 20 }));
      assert.equal(new Set(scanKeys).size, 500);
      assert.ok(scanKeys.every((k) => k.startsWith('scan:')));
      const typed = await collectScan(r.scanStream({ match: 'other:*', type: 'string', count: 100 }));
      assert.equal(new Set(typed).size, 20);
      const none = await collectScan(r.scanStream({ match: 'other:*', type: 'list' }));
      assert.deepEqual(none, []);
    });

    test('binary buffers', async () => {
      const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
      const key = Buffer.from([0x6b, 0x00, 0x0d, 0x0a, 0xff]);
      assert.equal(await r.set(key, all), 'OK');
      assert.ok((await r.getBuffer(key)).equals(all));
      assert.equal(await r.strlen(key), 256);
      assert.ok((await r.getrangeBuffer(key, 254, 255)).equals(Buffer.from([254, 255])));
      const big = Buffer.alloc(1 << 20);
      for (let i = 0; i < big.length; i++) big[i] = (i * 7919) & 0xff;
      await r.set('big', big);
      assert.ok((await r.getBuffer('big')).equals(big));
      const [a, missing] = await r.mgetBuffer(key, 'nope');
      assert.ok(a.equals(all));
      assert.equal(missing, null);
    });

    test('error texts', async () => {
      await rejectsWith(r.call('foo', 'bar'), "ERR unknown command 'foo', with args beginning with: 'bar' ");
      await rejectsWith(r.call('GET'), "ERR wrong number of arguments for 'get' command");
      await rejectsWith(r.call('SET', 'k', 'v', 'NX', 'XX'), 'ERR syntax error');
      await rejectsWith(r.incrby('k', 'abc'), 'ERR value is not an integer or out of range');
      await r.set('notnum', 'abc');
      await rejectsWith(r.incr('notnum'), 'ERR value is not an integer or out of range');
      await rejectsWith(r.incrbyfloat('notnum', 1), 'ERR value is not a valid float');
      await rejectsWith(r.call('SET', 'k', 'v', 'EX', '0'), "ERR invalid expire time in 'set' command");
      await rejectsWith(r.rename('missing', 'x'), 'ERR no such key');
      await rejectsWith(r.select(16), 'ERR DB index is out of range');
      await rejectsWith(r.call('HELLO', '4'), 'NOPROTO unsupported protocol version');
      assert.equal(await r.ping(), 'PONG');
    });

    test('info', async () => {
      await r.flushall();
      await r.set('i1', 'v');
      await r.set('i2', 'v', 'EX', 100);
      const info = parseInfo(await r.info());
      assert.match(info.redis_version, /^\d+\.\d+\.\d+/);
      assert.ok(Number(info.connected_clients) >= 1);
      assert.ok(Number(info.used_memory) > 0);
      assert.match(info.db0, /^keys=2,expires=1,avg_ttl=\d+/);
      const keyspace = String(await r.info('keyspace'));
      assert.match(keyspace, /^# Keyspace\r\ndb0:keys=2,expires=1,avg_ttl=\d+/);
    });

    test('client SETNAME/GETNAME/ID/LIST', async () => {
      assert.equal(await r.client('SETNAME', `node-resp${protocol}`), 'OK');
      assert.equal(await r.client('GETNAME'), `node-resp${protocol}`);
      const id = await r.client('ID');
      assert.equal(typeof id, 'number');
      const list = String(await r.client('LIST'));
      const mine = list.split('\n').find((l) => l.startsWith(`id=${id} `));
      assert.ok(mine, list);
      assert.match(mine, new RegExp(` name=node-resp${protocol} `));
      assert.match(mine, / cmd=client\|list /);
      await rejectsWith(r.client('SETNAME', 'has space'),
        'ERR Client names cannot contain spaces, newlines or special characters.');
    });

    test('SELECT via options and CONFIG GET', async () => {
      const db3 = connect({ protocol, db: 3 });
      await db3.set('where', 'db3');
      assert.equal(await r.get('where'), null);
      assert.equal(await db3.get('where'), 'db3');
      assert.deepEqual(await r.config('GET', 'databases'), ['databases', '16']);
      await db3.quit();
    });

    test('reconnects after CLIENT KILL of itself', async () => {
      const victim = connect({ protocol, db: 2, connectionName: `victim${protocol}`, retryStrategy: () => 20 });
      await victim.set('survivor', 'yes');
      const before = await victim.client('ID');
      // The filter form skips the caller unless told SKIPME no.
      assert.equal(await victim.client('KILL', 'ID', String(before)), 0);
      const closed = once(victim, 'close');
      assert.equal(await victim.client('KILL', 'ID', String(before), 'SKIPME', 'no'), 1);
      await closed;
      // Queued while disconnected, sent once ioredis has reconnected (and re-selected db 2).
      assert.equal(await victim.get('survivor'), 'yes');
      const after = await victim.client('ID');
      assert.notEqual(after, before);
      assert.equal(await victim.client('GETNAME'), `victim${protocol}`);
      assert.ok(String(await victim.client('INFO')).includes(' db=2 '));
      // Killed from another connection this time, by address.
      const killer = connect({ protocol });
      const addr = /\baddr=(\S+)/.exec(String(await victim.client('INFO')))[1];
      const closedAgain = once(victim, 'close');
      assert.equal(await killer.client('KILL', 'ADDR', addr), 1);
      await closedAgain;
      assert.equal(await victim.get('survivor'), 'yes');
      assert.notEqual(await victim.client('ID'), after);
      await victim.quit();
      await killer.quit();
    });
  });
}

describe('RESP3 with replyMapping "resp3"', () => {
  let r;
  before(async () => {
    r = connect({ protocol: 3, replyMapping: 'resp3' });
    await r.flushall();
  });

  test('maps arrive as objects', async () => {
    const hello = await r.hello();
    assert.equal(hello.proto, 3);
    assert.deepEqual(hello.modules, []);
    assert.deepEqual(await r.config('GET', 'databases'), { databases: '16' });
    await r.mset({ k1: 'ohmytext', k2: 'mynewtext' });
    const idx = await r.call('LCS', 'k1', 'k2', 'IDX', 'WITHMATCHLEN');
    assert.deepEqual(idx, { matches: [[[4, 7], [5, 8], 4], [[2, 3], [0, 1], 2]], len: 6 });
  });

  test('nulls, integers and verbatim strings', async () => {
    assert.equal(await r.get('missing'), null);
    assert.deepEqual(await r.mget('k1', 'missing'), ['ohmytext', null]);
    assert.equal(await r.incr('counter'), 1);
    assert.match(String(await r.info('server')), /^# Server\r\n/);
  });
});
