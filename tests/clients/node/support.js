'use strict';
// What every ioredis suite file shares: where the server is, connecting (clients are closed after the file's
// tests), and small assertion helpers. The files run one after another (--test-concurrency=1): they FLUSHALL.

const { after } = require('node:test');
const assert = require('node:assert/strict');
const Redis = require('ioredis');

const HOST = process.env.AKKAKV_HOST || '127.0.0.1';
const PORT = Number(process.env.AKKAKV_PORT || 6379);

const clients = [];
function connect(options = {}) {
  const r = new Redis({ host: HOST, port: PORT, maxRetriesPerRequest: 2, commandTimeout: 10000, ...options });
  r.on('error', () => {}); // connection errors surface through the commands themselves
  clients.push(r);
  return r;
}

after(async () => {
  await Promise.all(clients.filter((c) => c.status !== 'end').map((c) => c.quit().catch(() => c.disconnect())));
});

function parseInfo(text) {
  const out = {};
  for (const line of String(text).split('\r\n')) {
    if (!line || line.startsWith('#')) continue;
    const i = line.indexOf(':');
    out[line.slice(0, i)] = line.slice(i + 1);
  }
  return out;
}

async function serverVersion(r) {
  return parseInfo(await r.info('server')).redis_version.split('.').map(Number);
}

async function rejectsWith(promise, message) {
  await assert.rejects(promise, (err) => {
    assert.equal(err.message, message);
    return true;
  });
}

function collectScan(stream) {
  return new Promise((resolve, reject) => {
    const keys = [];
    stream.on('data', (batch) => keys.push(...batch));
    stream.on('end', () => resolve(keys));
    stream.on('error', reject);
  });
}

module.exports = { HOST, PORT, connect, parseInfo, serverVersion, rejectsWith, collectScan };
