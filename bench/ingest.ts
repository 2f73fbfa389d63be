/**
 * Ingest benchmark: import → enrich (the real analyser, nlp/analyze.ts) → store → rollups, in
 * the embedded mode (inline runner, one process) and with BullMQ (this process produces like
 * `escucha import`, two `escucha workers` child processes consume; REDIS_URL, default
 * redis://127.0.0.1:6379, with a unique ESCUCHA_QUEUE_PREFIX). Rates are posts per second from
 * the first upsert until every post is analysed and every bucket aggregated. CPU figures are
 * seconds over the same span: the whole process (enrichment threads included) and, on Linux,
 * its main thread (stores, rollups: the embedded mode's critical path); with BullMQ, the
 * worker processes' CPU. ESCUCHA_ENRICH_THREADS and ESCUCHA_WORKER_CONCURRENCY apply. Posts span the
 * last two weeks (a live stream or a recent export): buckets are recomputed whole, so an import
 * spread thinly over a year costs more per post.
 * Run: `npm run bench -- ingest` or
 * `npx tsx bench/ingest.ts [--posts 50000] [--window-days 14] [--skip-bullmq] [--skip-embedded]
 * [--breakdown]`. With `--breakdown` (Linux), the embedded run also prints the main thread's CPU
 * seconds in each store method (their synchronous part: all of it with SQLite), not figures.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { loadConfig } from '../app/config.js';
import { createAppContext } from '../app/context.js';
import type { Post } from '../models/post.js';
import { queueAfterStore } from '../workers/after-store.js';
import { reportFigure } from './report.js';
import { END_MS, syntheticPost } from './seed.js';

const args = process.argv.slice(2);
const N = Number(args.includes('--posts') ? args[args.indexOf('--posts') + 1] : 50_000);
const BATCH = 1_000;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Days the posts span (default 14). Rollups are recomputed per touched bucket, so spread matters. */
const WINDOW_DAYS = Number(
  args.includes('--window-days') ? args[args.indexOf('--window-days') + 1] : 14,
);
const SUFFIX = WINDOW_DAYS === 14 ? '' : `_${WINDOW_DAYS}d`;

/** Raw posts (no analysis) of the last days, as an import of a recent export reads them. */
function rawPosts(): Post[] {
  const window = { start: END_MS - WINDOW_DAYS * 86_400_000, end: END_MS };
  return Array.from({ length: N }, (_, i) => syntheticPost(i, window).post);
}

function baseEnv(dataDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ESCUCHA_DATA_DIR: dataDir,
    ESCUCHA_SECRET: 'bench-secret-0123456789',
    ESCUCHA_DEFAULT_SOURCES: 'off',
    LOG_LEVEL: 'warn',
    MONGODB_URI: '',
  };
}

type App = Awaited<ReturnType<typeof createAppContext>>;

/**
 * Upserts in import-sized batches and queues what follows, as `escucha import` does. Between
 * batches it lets the event loop run, as the import does while it reads the file: analysis
 * starts while later rows are still being stored (in-memory posts would otherwise hold the
 * loop until the last batch).
 */
async function ingest(app: App, posts: Post[]): Promise<void> {
  for (let i = 0; i < posts.length; i += BATCH) {
    await queueAfterStore(app.runner, await app.store.posts.upsert(posts.slice(i, i + BATCH)), 'import');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every post analysed and every bucket aggregated (dirty buckets first: the cheaper check). */
async function isSettled(app: App): Promise<boolean> {
  if ((await app.store.rollups.dirtyBuckets(1)).length > 0) return false;
  return (await app.store.posts.countPendingEnrichment(app.analyzer.version)) === 0;
}

/**
 * Resolves when every post is analysed and every bucket aggregated: what the rate measures.
 * The alert job that aggregation queues (with a coalescing delay) is downstream of that, so the
 * clock does not wait for it; `finish` does, before the context closes. If the queues run dry
 * while the store still has work, it sweeps, as the scheduler of `escucha start` does.
 */
async function settled(app: App): Promise<{ finish: Promise<void> }> {
  let done = false;
  const finish = (async () => {
    for (;;) {
      await app.runner.drain();
      if (done || (await isSettled(app))) return;
      await app.runner.enqueue('enrich', {}, { jobId: 'enrich-sweep' });
      await app.runner.enqueue('aggregate', {}, { jobId: 'aggregate' });
      await sleep(200);
    }
  })();
  while (!(await isSettled(app))) await sleep(50);
  done = true;
  return { finish };
}

async function embedded(posts: Post[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'escucha-ingest-'));
  try {
    const env = { ...baseEnv(dir) };
    delete env.REDIS_URL;
    const app = await createAppContext(loadConfig(env), { consume: true });
    const breakdown = args.includes('--breakdown') ? measureStore(app.store) : null;
    await app.runner.start();
    const cpu = process.cpuUsage();
    const mainCpu = threadCpuSeconds();
    const start = performance.now();
    await ingest(app, posts);
    const { finish } = await settled(app);
    const seconds = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpu);
    reportFigure(`ingest_embedded_posts_per_s${SUFFIX}`, posts.length / seconds, 'posts/s');
    reportFigure(`ingest_embedded_cpu_s${SUFFIX}`, (used.user + used.system) / 1e6, 's');
    const mainUsed = threadCpuSeconds();
    if (mainUsed !== null && mainCpu !== null) {
      reportFigure(`ingest_embedded_main_thread_cpu_s${SUFFIX}`, mainUsed - mainCpu, 's');
    }
    if (breakdown) {
      for (const [name, seconds] of [...breakdown].sort((a, b) => b[1] - a[1])) {
        process.stdout.write(`  main thread in ${name}: ${seconds.toFixed(2)} s\n`);
      }
    }
    await finish;
    await app.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function bullmq(posts: Post[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'escucha-ingest-bull-'));
  const prefix = `escucha-bench-${randomUUID().slice(0, 8)}`;
  const env = { ...baseEnv(dir), REDIS_URL, ESCUCHA_QUEUE_PREFIX: prefix };
  const bin = fileURLToPath(new URL('../bin/escucha.js', import.meta.url));
  const workers: ChildProcess[] = [];
  try {
    const app = await createAppContext(loadConfig(env), { consume: false });
    for (let i = 0; i < 2; i++)
      workers.push(
        spawn(process.execPath, [bin, 'workers'], { env, stdio: ['ignore', 'ignore', 'inherit'] }),
      );
    const workersCpu = () => workers.reduce((sum, w) => sum + (processCpuSeconds(w.pid) ?? NaN), 0);
    const cpuBefore = workersCpu();
    const start = performance.now();
    await ingest(app, posts);
    const { finish } = await settled(app);
    const seconds = (performance.now() - start) / 1000;
    reportFigure(`ingest_bullmq_2_workers_posts_per_s${SUFFIX}`, posts.length / seconds, 'posts/s');
    const cpuUsed = workersCpu() - cpuBefore;
    if (Number.isFinite(cpuUsed)) reportFigure(`ingest_bullmq_2_workers_cpu_s${SUFFIX}`, cpuUsed, 's');
    await finish;
    await app.close();
  } finally {
    for (const worker of workers) worker.kill('SIGTERM');
    await Promise.all(
      workers.map(
        (w) =>
          new Promise((resolve) => (w.exitCode !== null ? resolve(null) : w.once('exit', resolve))),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
    await removeKeys(prefix);
  }
}

/**
 * Wraps the store's post and rollup methods to add up the main thread's CPU seconds in each
 * (the part before the returned promise: with SQLite, the whole call).
 */
function measureStore(store: App['store']): Map<string, number> {
  const spent = new Map<string, number>();
  for (const [prefix, repository] of [
    ['posts', store.posts],
    ['rollups', store.rollups],
    ['annotations', store.annotations],
  ] as const) {
    const target = repository as unknown as Record<string, unknown>;
    const proto = Object.getPrototypeOf(repository) as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(proto)) {
      const method = target[name];
      if (name === 'constructor' || typeof method !== 'function') continue;
      target[name] = (...params: unknown[]) => {
        const before = threadCpuSeconds() ?? 0;
        try {
          return (method as (...a: unknown[]) => unknown).apply(repository, params);
        } finally {
          const key = `${prefix}.${name}`;
          spent.set(key, (spent.get(key) ?? 0) + (threadCpuSeconds() ?? 0) - before);
        }
      };
    }
  }
  return spent;
}

/** CPU seconds of the calling thread (Linux), or null. */
function threadCpuSeconds(): number | null {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e9;
  } catch {
    return null;
  }
}

/** CPU seconds (user + system, all threads) of a process (Linux), or null. */
function processCpuSeconds(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

const posts = rawPosts();
if (!args.includes('--skip-embedded')) await embedded(posts);
if (!args.includes('--skip-bullmq')) await bullmq(posts);

/** Deletes this run's queue keys from Redis. */
async function removeKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
