'use strict';
// ioredis geo suite: GEOADD, GEOPOS, GEODIST, GEOSEARCH and the stores as a Node.js application sees them on AkkaKv.
//
// Runs against $AKKAKV_HOST:$AKKAKV_PORT over RESP2 and RESP3, and passes against real Redis 7.0 and 7.2.
// Coordinates are RESP3 doubles (strings under RESP2): compared as numbers. Distances are strings in both.
//     AKKAKV_PORT=6390 node --test tests/clients/node/geo.test.js

const { describe, test, before } = require('node:test');
const assert = require('node:assert/strict');

const { connect, rejectsWith } = require('./support');

const SICILY = [13.361389, 38.115556, 'Palermo', 15.087269, 37.502669, 'Catania'];

function near(actual, expected, digits = 5) {
  assert.ok(Math.abs(Number(actual) - expected) < 10 ** -digits, `${actual} is not ${expected}`);
}

for (const protocol of [2, 3]) {
  describe(`geo over RESP${protocol}`, () => {
    let r;
    before(async () => {
      r = connect({ protocol });
      await r.flushall();
      assert.equal(await r.geoadd('Sicily', ...SICILY), 2);
    });

    test('GEOADD options, scores and errors', async () => {
      assert.equal(await r.geoadd('Sicily', ...SICILY), 0);
      assert.equal(await r.geoadd('Sicily', 'XX', 'CH', 1, 1, 'absent'), 0);
      assert.equal(await r.zscore('Sicily', 'absent'), null);
      assert.equal(Number(await r.zscore('Sicily', 'Palermo')), 3479099956230698);
      await rejectsWith(r.geoadd('Sicily', 200, 100, 'bad'), 'ERR invalid longitude,latitude pair 200.000000,100.000000');
      await rejectsWith(r.geoadd('Sicily', 'NX', 'XX', 1, 1, 'm'), 'ERR syntax error');
      await rejectsWith(r.geoadd('Sicily', 'x', 1, 'm'), 'ERR value is not a valid float');
    });

    test('GEOPOS, GEOHASH, GEODIST', async () => {
      const [palermo, missing] = await r.geopos('Sicily', 'Palermo', 'nope');
      assert.equal(missing, null);
      if (protocol === 2) assert.deepEqual(palermo, ['13.36138933897018433', '38.11555639549629859']);
      near(palermo[0], 13.361389);
      near(palermo[1], 38.115556);
      assert.deepEqual(await r.geohash('Sicily', 'Palermo', 'Catania', 'nope'), ['sqc8b49rny0', 'sqdtr74hyu0', null]);
      assert.equal(await r.geodist('Sicily', 'Palermo', 'Catania'), '166274.1516');
      assert.equal(await r.geodist('Sicily', 'Palermo', 'Catania', 'KM'), '166.2742');
      assert.equal(await r.geodist('Sicily', 'Palermo', 'nope'), null);
      await rejectsWith(r.geodist('Sicily', 'Palermo', 'Catania', 'yd'), 'ERR unsupported unit provided. please use M, KM, FT, MI');
    });

    test('GEOSEARCH and GEORADIUS replies', async () => {
      assert.deepEqual(await r.georadius('Sicily', 15, 37, 200, 'km', 'ASC'), ['Catania', 'Palermo']);
      assert.deepEqual(await r.georadius('Sicily', 15, 37, 200, 'km', 'WITHDIST', 'DESC'), [['Palermo', '190.4424'], ['Catania', '56.4413']]);
      assert.deepEqual(await r.georadiusbymember_ro('Sicily', 'Palermo', 200, 'km', 'COUNT', 1), ['Palermo']);
      const [[name, distance, hash, [lon, lat]]] = await r.geosearch('Sicily', 'FROMLONLAT', 15, 37, 'BYRADIUS', 100, 'km', 'WITHDIST', 'WITHHASH', 'WITHCOORD');
      assert.deepEqual([name, distance, hash], ['Catania', '56.4413', 3479447370796909]);
      near(lon, 15.087269);
      near(lat, 37.502669);
      assert.deepEqual(await r.geosearch('Sicily', 'FROMMEMBER', 'Catania', 'BYBOX', 400, 400, 'km', 'COUNT', 2, 'ANY'), ['Palermo', 'Catania']);
      assert.deepEqual(await r.geosearch('missing', 'FROMMEMBER', 'x', 'BYRADIUS', 1, 'km'), []);
      await rejectsWith(r.geosearch('Sicily', 'FROMMEMBER', 'nope', 'BYRADIUS', 1, 'km'), 'ERR could not decode requested zset member');
      await rejectsWith(r.geosearch('Sicily', 'FROMLONLAT', 1, 1, 'BYRADIUS', 1, 'km', 'ANY'), 'ERR the ANY argument requires COUNT argument');
      await rejectsWith(r.geosearch('Sicily', 'BYRADIUS', 1, 'km', 'ASC', 'WITHDIST'), 'ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for geosearch');
      await rejectsWith(r.geosearch('Sicily', 'FROMLONLAT', 1, 1, 'BYRADIUS', -1, 'km'), 'ERR radius cannot be negative');
    });

    test('GEOSEARCHSTORE and GEORADIUS STORE', async () => {
      assert.equal(await r.georadius('Sicily', 15, 37, 200, 'km', 'STORE', 'near'), 2);
      assert.deepEqual(await r.zrange('near', 0, -1), ['Palermo', 'Catania']);
      assert.equal(await r.georadiusbymember('Sicily', 'Palermo', 200, 'km', 'STOREDIST', 'near'), 2);
      assert.equal(Number(await r.zscore('near', 'Palermo')), 0);
      near(await r.zscore('near', 'Catania'), 166.27415, 4);
      assert.equal(await r.geosearchstore('far', 'Sicily', 'FROMLONLAT', 15, 37, 'BYRADIUS', 200, 'km', 'DESC', 'COUNT', 1, 'STOREDIST'), 1);
      assert.deepEqual(await r.zrange('far', 0, -1), ['Palermo']);
      assert.equal(await r.geosearchstore('far', 'Sicily', 'FROMLONLAT', 0, 0, 'BYRADIUS', 1, 'km'), 0);
      assert.equal(await r.exists('far'), 0);
      await rejectsWith(r.geosearchstore('far', 'Sicily', 'FROMLONLAT', 0, 0, 'BYRADIUS', 1, 'km', 'WITHDIST'),
        'ERR GEOSEARCHSTORE is not compatible with WITHDIST, WITHHASH and WITHCOORD options');
    });

    test('WRONGTYPE', async () => {
      await r.set('str', 'v');
      const wrong = 'WRONGTYPE Operation against a key holding the wrong kind of value';
      await rejectsWith(r.geoadd('str', 1, 1, 'a'), wrong);
      await rejectsWith(r.geopos('str', 'a'), wrong);
      await rejectsWith(r.geosearch('str', 'FROMLONLAT', 1, 1, 'BYRADIUS', 1, 'km'), wrong);
    });
  });
}
