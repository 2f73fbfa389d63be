import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../../store/sqlite/index.js';
import type { ProcessorContext, ProcessorMap } from '../../../workers/jobs.js';
import { BullmqRunner } from '../../../workers/runners/bullmq.js';
import { runCli, tempDir } from '../../support/cli.js';
import { redisForTests } from '../../support/redis.js';
import { jsonl } from '../../support/jsonl.js';

const redis = await redisForTests();
const logger = pino({ level: 'silent' });
const BIN = fileURLToPath(new URL('../../../bin/escucha.js', import.meta.url));

describe.skipIf(!redis.url)('BullMQ runner (real Redis)', () => {
  const runners: BullmqRunner[] = [];
  const children: ChildProcess[] = [];
  afterAll(async () => {
    await Promise.all(runners.map((r) => r.stop()));
    for (const child of children) child.kill('SIGTERM');
  });

  function runner(processors: ProcessorMap, consume: boolean, prefix: string) {
    const r = new BullmqRunner({
      redisUrl: redis.url!,
      prefix,
      processors,
      context: () => ({}) as ProcessorContext,
      logger,
      consume,
      concurrency: 2,
    });
    runners.push(r);
    return r;
  }

  it('delivers jobs from a producer to a consumer, once per job id, retrying failures', async () => {
    const prefix = `escucha-test-${randomUUID().slice(0, 8)}`;
    const seen: string[] = [];
    let failures = 0;
    const processors: ProcessorMap = {
      collect: async ({ sourceId }) => {
        if (sourceId === 'flaky' && failures++ < 1) throw new Error('transient');
        seen.push(sourceId);
        return { status: 'success' };
      },
    };
    const consumer = runner(processors, true, prefix);
    const producer = runner(processors, false, prefix);
    await producer.enqueue('brief', {});
    await producer.enqueue('collect', { sourceId: 'a' }, { jobId: 'collect:a', delayMs: 300 });
    await producer.enqueue('collect', { sourceId: 'a' }, { jobId: 'collect:a', delayMs: 300 });
    await producer.enqueue('collect', { sourceId: 'flaky' });
    await consumer.start();
    await producer.drain();
    expect(seen.sort()).toEqual(['a', 'flaky']);
    expect(failures).toBe(2);
  });

  it('runs a job once more, after it, when its id is asked for while it runs', async () => {
    const prefix = `escucha-test-${randomUUID().slice(0, 8)}`;
    const runs: { start: number; end: number }[] = [];
    const started: (() => void)[] = [];
    const nthStart = (n: number) => new Promise<void>((resolve) => (started[n] = resolve));
    const firstStarted = nthStart(0);
    const secondStarted = nthStart(1);
    const processors: ProcessorMap = {
      aggregate: async () => {
        const run = { start: Date.now(), end: 0 };
        runs.push(run);
        started[runs.length - 1]?.();
        await new Promise((resolve) => setTimeout(resolve, 250));
        run.end = Date.now();
        return { status: 'success' };
      },
    };
    const consumer = runner(processors, true, prefix);
    const producer = runner(processors, false, prefix);
    await producer.enqueue('aggregate', {}, { jobId: 'aggregate' });
    await consumer.start();
    await firstStarted;
    // Asked for twice while the first runs: one more run, after it.
    await producer.enqueue('aggregate', {}, { jobId: 'aggregate' });
    await producer.enqueue('aggregate', {}, { jobId: 'aggregate' });
    await secondStarted;
    // Asked for while the second runs: a third, after it.
    await producer.enqueue('aggregate', {}, { jobId: 'aggregate' });
    for (let i = 0; i < 50 && (runs.length < 3 || runs[2]!.end === 0); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await producer.drain();
    expect(runs).toHaveLength(3);
    expect(runs[1]!.start).toBeGreaterThanOrEqual(runs[0]!.end);
    expect(runs[2]!.start).toBeGreaterThanOrEqual(runs[1]!.end);
  });

  it('imports through the queue: a separate `escucha workers` process analyses and aggregates', async () => {
    const dataDir = tempDir();
    const env = {
      ESCUCHA_DATA_DIR: dataDir,
      REDIS_URL: redis.url!,
      ESCUCHA_QUEUE_PREFIX: `escucha-test-${randomUUID().slice(0, 8)}`,
      LOG_LEVEL: 'warn',
    };
    const worker = spawn(process.execPath, [BIN, 'workers'], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    children.push(worker);
    await new Promise<void>((resolve, reject) => {
      worker.stderr!.on('data', (chunk: Buffer) => chunk.toString().includes('consumiendo') && resolve());
      worker.once('exit', (code) => reject(new Error(`workers exited with ${code}`)));
    });
    const file = join(tempDir(), 'posts.jsonl');
    writeFileSync(file, jsonl(2_000));
    const first = await runCli(['import', file, '--wait'], env);
    expect(first.summary).toEqual({ read: 2_000, inserted: 2_000, duplicates: 0, rejected: 0 });
    const again = await runCli(['import', file, '--wait'], env);
    expect(again.summary).toEqual({ read: 2_000, inserted: 0, duplicates: 2_000, rejected: 0 });

    const store = createSqliteStore(dataDir);
    try {
      const version = (await store.posts.get('x:p0'))?.enrichment?.version;
      expect(version).toBeTruthy();
      expect(await store.posts.countPendingEnrichment(version!)).toBe(0);
      expect(await store.rollups.dirtyBuckets(10)).toEqual([]);
      const series = await store.analytics.series({ from: '2026-11-01', to: '2026-11-30', country: [], platform: [], topic: [], campaign: [], lang: [] }, 'day');
      expect(series.reduce((sum, p) => sum + p.posts, 0)).toBe(2_000);
    } finally {
      await store.close();
    }
  }, 120_000);
});
