'use strict';
// BullMQ acid test: a real job queue, whose every state change is a Lua script, run through ioredis against the
// server. Two workers compete for 10,000 jobs; some jobs are delayed, some fail once or twice and are retried with
// backoff. Every job must complete exactly once: no job lost, none run to success twice, none left behind.
//
// Runs against $AKKAKV_HOST:$AKKAKV_PORT; passes against real Redis 7.0.
//     AKKAKV_PORT=6390 node --test tests/clients/node/bullmq.test.js

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { Queue, Worker } = require('bullmq');

const { HOST, PORT, connect } = require('./support');

const JOBS = 10000;
const DEADLINE_MS = 60000;

// Job i fails its first attempt when i % 10 == 0 and its first two when i % 97 == 0; one job in seven is delayed.
const failuresFor = (i) => (i % 97 === 0 ? 2 : i % 10 === 0 ? 1 : 0);

test(`BullMQ completes ${JOBS} jobs exactly once, with retries and delays`, async () => {
  const r = connect();
  await r.flushall();
  const connection = { host: HOST, port: PORT, maxRetriesPerRequest: null };
  const name = 'acid';
  const queue = new Queue(name, { connection });
  const completions = new Map();
  let attempts = 0;
  const processor = async (job) => {
    attempts++;
    if (job.attemptsMade < failuresFor(job.data.i)) throw new Error(`planned failure ${job.attemptsMade + 1}`);
    completions.set(job.data.i, (completions.get(job.data.i) || 0) + 1);
    return job.data.i * 2;
  };
  const workers = [1, 2].map(() => new Worker(name, processor, { connection, concurrency: 10 }));
  const workerErrors = [];
  for (const worker of workers) worker.on('error', (e) => workerErrors.push(e.message));
  try {
    const jobs = [];
    for (let i = 0; i < JOBS; i++) {
      jobs.push({ name: 'work', data: { i }, opts: { attempts: 3, backoff: { type: 'fixed', delay: 20 }, delay: i % 7 === 0 ? 100 : 0 } });
    }
    for (let i = 0; i < jobs.length; i += 1000) await queue.addBulk(jobs.slice(i, i + 1000));

    const started = Date.now();
    while (Date.now() - started < DEADLINE_MS) {
      const counts = await queue.getJobCounts('completed', 'failed');
      if (counts.completed + counts.failed >= JOBS) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const counts = await queue.getJobCounts();
    assert.deepEqual(counts, { active: 0, completed: JOBS, delayed: 0, failed: 0, prioritized: 0, waiting: 0, 'waiting-children': 0 });
    assert.equal(completions.size, JOBS, 'every job ran to success');
    assert.deepEqual([...completions.entries()].filter(([, n]) => n !== 1), [], 'no job succeeded twice');
    let plannedFailures = 0;
    for (let i = 0; i < JOBS; i++) plannedFailures += failuresFor(i);
    assert.equal(attempts, JOBS + plannedFailures, 'each job was attempted once per planned failure, plus once');
    const sample = await queue.getJob(String(JOBS)); // ids count from 1: the last job added, i = JOBS - 1
    assert.equal(sample.returnvalue, (JOBS - 1) * 2);
    assert.equal(sample.attemptsMade, failuresFor(JOBS - 1) + 1);
    assert.deepEqual(workerErrors, []);
  } finally {
    await Promise.all(workers.map((w) => w.close()));
    await queue.close();
  }
});
